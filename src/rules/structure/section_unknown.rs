//! DL207 section-unknown: a section-level heading that is not a configured section.
//! Documentation: `docs/rules/DL207.md`.

use super::section_match::{Match, classify, quote};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each section heading not written as a configured section name, the range
/// covering its text. A near miss (case, trailing colon, singular/plural, emphasis, a
/// typo of at most two edits) gets a suggestion and a safe fix renaming it; blanks
/// around the name never count.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        // Labels are bold text too: only a heading is surely meant as a section.
        for section in paper.sections.iter().filter(|s| s.heading.is_some()) {
            let span = section.name_span;
            let written = quote(&section.name);
            match classify(&ctx.layout.sections.names, &section.name) {
                Match::Exact(_) => {}
                Match::NearMiss(i) => {
                    let name = &ctx.layout.sections.names[i];
                    sink.push(
                        Diagnostic::new(
                            Rule::SectionUnknown,
                            span,
                            format!("Unknown section {written}; did you mean `{name}`?"),
                        )
                        .with_fix(Fix::safe(
                            format!("Rename to `{name}`"),
                            vec![Edit::replace(span, name.clone())],
                        )),
                    );
                }
                Match::Unknown if section.at_section_level => {
                    let expected = ctx.layout.sections.names.join(", ");
                    sink.push(Diagnostic::new(
                        Rule::SectionUnknown,
                        span,
                        format!("Unknown section {written}; expected one of {expected}"),
                    ));
                }
                Match::Unknown => {}
            }
        }
    }
}

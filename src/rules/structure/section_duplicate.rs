//! DL206 section-duplicate: the same section twice in one paper.
//! Documentation: `docs/rules/DL206.md`.

use super::section_match::classify_paper;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports every repeat of a configured section within a paper (near misses such as
/// `## Methods` count as the section they stand for), the range covering the repeat's
/// heading text, with the first occurrence as related information.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let sections = classify_paper(&ctx.layout.sections.names, paper);
        for (k, (section, m)) in sections.iter().enumerate() {
            let Some(i) = m.index() else { continue };
            let Some((first, _)) = sections[..k]
                .iter()
                .find(|(_, other)| other.index() == Some(i))
            else {
                continue;
            };
            let name = &ctx.layout.sections.names[i];
            sink.push(
                Diagnostic::new(
                    Rule::SectionDuplicate,
                    section.name_span,
                    format!("Duplicate {name} section in this paper"),
                )
                .with_related(first.name_span, format!("The first {name} section")),
            );
        }
    }
}

//! DL208 section-heading-level: a section name at another heading level (`### Method`).
//! Documentation: `docs/rules/DL208.md`.

use super::heading_level::set_level;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each configured section name written at a deeper level than sections, the
/// range covering the `#` run; the safe fix sets the section level.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let expected = ctx.layout.sections.level;
    for paper in &ctx.post.papers {
        for section in paper.sections.iter().filter(|s| !s.at_section_level) {
            let Some(heading) = &section.heading else {
                continue;
            };
            let message = format!(
                "{} heading is level {}; expected level {expected}",
                section.name, heading.level
            );
            sink.push(
                Diagnostic::new(Rule::SectionHeadingLevel, heading.marker_span, message)
                    .with_fix(set_level(ctx.text, heading, expected)),
            );
        }
    }
}

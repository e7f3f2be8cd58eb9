//! DL202 paper-heading-level: a paper heading at another level than the schema's.
//! Documentation: `docs/rules/DL202.md`.

use super::heading_level::set_level;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each paper heading whose level differs from `paper-heading-level`, the
/// range covering the `#` run (or the setext underline).
pub fn check(ctx: &Context, sink: &mut Sink) {
    let expected = ctx.layout.paper.level;
    for paper in &ctx.post.papers {
        let Some(heading) = paper.heading.as_ref().map(|h| &h.heading) else {
            continue;
        };
        if heading.level == expected {
            continue;
        }
        let message = format!(
            "Paper heading is level {}; expected level {expected}",
            heading.level
        );
        sink.push(
            Diagnostic::new(Rule::PaperHeadingLevel, heading.marker_span, message)
                .with_fix(set_level(ctx.text, heading, expected)),
        );
    }
}

//! DL211 placeholder-text: a section whose whole content is a placeholder phrase.
//! Documentation: `docs/rules/DL211.md`.

use super::section_text::{masked, whole_placeholder};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

/// Reports each section whose every non-blank line is a configured placeholder
/// (`정보 부족`, `- 정보 부족.`, `정보 부족이다.`); the range is the section's content.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let placeholders = &ctx.schema.placeholders;
    for section in ctx.post.papers.iter().flat_map(|p| &p.sections) {
        let text = masked(ctx, section.content_span);
        let Some(phrase) = whole_placeholder(placeholders, &text) else {
            continue;
        };
        let content = section.content(ctx.text);
        let lead = content.len() - content.trim_start().len();
        let span = ByteSpan::new(section.content_span.start + lead, section.content_span.end);
        sink.push(Diagnostic::new(
            Rule::PlaceholderText,
            span,
            format!(
                "{} section holds only the placeholder \"{phrase}\"",
                section.name
            ),
        ));
    }
}

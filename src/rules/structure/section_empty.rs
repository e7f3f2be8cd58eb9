//! DL209 section-empty: a section with no content (blanks and HTML comments only).
//! Documentation: `docs/rules/DL209.md`.

use super::section_text::{is_blank, masked};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each section whose content is blank once HTML comments are masked out; the
/// range is the section heading's text.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for section in ctx.post.papers.iter().flat_map(|p| &p.sections) {
        if !is_blank(&masked(ctx, section.content_span)) {
            continue;
        }
        let name = section.heading.content_span;
        let span = if name.is_empty() {
            section.heading.span
        } else {
            name
        };
        sink.push(Diagnostic::new(
            Rule::SectionEmpty,
            span,
            format!("{} section is empty", section.name),
        ));
    }
}

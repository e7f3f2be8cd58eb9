//! DL209 section-empty: a section with no content (blanks and HTML comments only).
//! Documentation: `docs/rules/DL209.md`.

use super::section_text::{has_no_content, masked};
use crate::diagnostic::Diagnostic;
use crate::layout::SectionStyle;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

/// Reports each section whose content is blank once HTML comments are masked out; the
/// range is the section heading's text.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for (paper, section) in ctx
        .post
        .papers
        .iter()
        .flat_map(|p| p.sections.iter().map(move |s| (p, s)))
    {
        if !has_no_content(&masked(ctx, section.content_span)) {
            continue;
        }
        if section.style == SectionStyle::None {
            let at = paper
                .title
                .as_ref()
                .map_or(ByteSpan::new(paper.span.start, paper.span.start), |t| {
                    t.span
                });
            sink.push(Diagnostic::new(
                Rule::SectionEmpty,
                at,
                "This paper has no summary: readers see only its title",
            ));
            continue;
        }
        let name = section.name_span;
        let span = match &section.heading {
            Some(heading) if name.is_empty() => heading.span,
            _ => name,
        };
        sink.push(Diagnostic::new(
            Rule::SectionEmpty,
            span,
            format!("{} section is empty", section.name),
        ));
    }
}

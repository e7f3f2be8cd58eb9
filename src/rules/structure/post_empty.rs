//! DL215 post-empty: a post with no papers. Documentation: `docs/rules/DL215.md`.

use super::content_before_first_paper::first_line;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

/// Reports a post without a paper heading; the range is the front matter's closing line,
/// else the first line of the body. Posts whose front matter is never closed are skipped.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let post = ctx.post;
    // An unclosed front matter swallows the body: that is DL102's finding.
    if !post.papers.is_empty() || post.front_matter.as_ref().is_some_and(|fm| !fm.is_closed()) {
        return;
    }
    let span = match post.front_matter.as_ref().and_then(|fm| fm.close_span) {
        Some(close) => close,
        None => {
            let body = post.body_span.slice(ctx.text);
            let lead = body.len() - body.trim_start().len();
            first_line(
                ctx.text,
                ByteSpan::new(post.body_span.start + lead, post.body_span.end),
            )
        }
    };
    let level = ctx.schema.paper_heading_level as usize;
    sink.push(Diagnostic::new(
        Rule::PostEmpty,
        span,
        format!(
            "Post has no papers; expected at least one `{} 1. [Title](URL)` heading",
            "#".repeat(level)
        ),
    ));
}

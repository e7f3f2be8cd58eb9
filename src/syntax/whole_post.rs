//! One paper per post: the title in `title:`, the identifier in a front matter key, the
//! sections in the body.

use super::links;
use super::sections::{self, PaperHead, Part};
use super::{Paper, PaperTitle, Post, QuoteStyle};
use crate::text::ByteSpan;

/// The one paper of a post that is about one paper (none when the post is empty).
pub(super) fn papers(post: &Post) -> Vec<Paper> {
    let layout = &post.layout;
    let body = post.body_span;
    let links: Vec<_> = layout
        .front_matter_link_key()
        .and_then(|key| links::front_matter_link(post, key))
        .into_iter()
        .collect();
    let title = post.front_matter_entry("title").and_then(|e| {
        let (value, style) = e.value.as_scalar()?;
        let span = written_value(post.text, e.value.span, style);
        // Escapes, doubled quotes and folded lines make what the reader sees differ
        // from what is written; the rules read the written span for places and fixes.
        let seen = value.trim_end_matches(['\n', '\r']);
        let joined = (span.slice(post.text) != seen).then(|| seen.to_string());
        Some(PaperTitle { span, joined })
    });
    if links.is_empty() && title.is_none() && body.slice(post.text).trim().is_empty() {
        return Vec::new();
    }
    let block_ids = post.blocks_in(body);
    let parts: Vec<Part> = block_ids.iter().map(|&b| Part::Block(b)).collect();
    let inner: Vec<usize> = (0..post.headings.len()).collect();
    let built = sections::build(post, body, &parts, &inner);
    let head = PaperHead {
        position: 0,
        span: body,
        heading: None,
        number: None,
        title,
        links,
    };
    vec![built.into_paper(head, block_ids)]
}

/// The span of a scalar's written text: inside its quotes (a comment after the closing
/// quote left out), or without the line breaks that end a block scalar.
fn written_value(text: &str, span: ByteSpan, style: QuoteStyle) -> ByteSpan {
    let raw = span.slice(text);
    let quote = match style {
        QuoteStyle::Double => '"',
        QuoteStyle::Single => '\'',
        _ => {
            let written = raw.trim_end_matches(['\n', '\r']);
            return ByteSpan::new(span.start, span.start + written.len());
        }
    };
    let Some(body) = raw.get(1..).filter(|b| !b.is_empty()) else {
        return ByteSpan::empty(span.start);
    };
    let end = super::front_matter::closing_quote(body, quote).unwrap_or(body.len());
    ByteSpan::new(span.start + 1, span.start + 1 + end)
}

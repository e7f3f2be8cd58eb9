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
    let inner_end = match style {
        QuoteStyle::Double => {
            let bytes = raw.as_bytes();
            let mut i = 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            Some(i.min(raw.len()))
        }
        QuoteStyle::Single => {
            let bytes = raw.as_bytes();
            let mut i = 1;
            while i < bytes.len() {
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\'', Some(b'\'')) => i += 2,
                    (b'\'', _) => break,
                    _ => i += 1,
                }
            }
            Some(i.min(raw.len()))
        }
        _ => None,
    };
    match inner_end {
        Some(end) if raw.len() > 1 => ByteSpan::new(span.start + 1, span.start + end),
        Some(_) => ByteSpan::empty(span.start),
        None => ByteSpan::new(
            span.start,
            span.start + raw.trim_end_matches(['\n', '\r']).len(),
        ),
    }
}

//! One paper per post: the title in `title:`, the identifier in a front matter key, the
//! sections in the body.

use super::links;
use super::sections::{self, PaperHead, Part};
use super::{Paper, PaperTitle, Post};

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
        let quotes =
            usize::from(style != super::QuoteStyle::Plain && style != super::QuoteStyle::Block);
        let span =
            crate::text::ByteSpan::new(e.value.span.start + quotes, e.value.span.end - quotes);
        (span.slice(post.text) == value).then_some(PaperTitle { span, joined: None })
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

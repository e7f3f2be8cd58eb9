//! Which links are paper links: an arXiv URL (valid or not), or a URL on any host that
//! names an arXiv identifier (`huggingface.co/papers/ID`, also with the identifier
//! mistyped).

use super::{Link, PaperLink, Post};
use crate::arxiv::{self, UrlError};
use crate::layout::LinkPlace;
use crate::text::ByteSpan;

/// The link as a paper link, when it points at a paper page.
pub(super) fn carrying_paper(link: &Link, place: LinkPlace) -> Option<PaperLink> {
    let url = link.url.trim();
    let reading = arxiv::parse_url(url);
    let is_paper = match &reading {
        Ok(_) | Err(UrlError::Malformed { .. }) => true,
        Err(UrlError::NoIdentifier) => false,
        Err(UrlError::NotArxiv) => {
            url.contains("://")
                && (arxiv::find_id_in_url(url).is_some()
                    || arxiv::malformed_id_on_paper_page(url).is_some())
        }
    };
    is_paper.then(|| PaperLink {
        place,
        span: link.span,
        url_span: link.url_span,
        url: url.to_string(),
        arxiv: reading,
    })
}

/// The paper link held by front matter `key` (`arxiv: 2501.01234` or a URL).
pub(super) fn front_matter_link(post: &Post, key: &str) -> Option<PaperLink> {
    let entry = post.front_matter_entry(key)?;
    let (value, _) = entry.value.as_scalar()?;
    let value = value.trim();
    let span: ByteSpan = entry.value.span;
    let (url, reading) = if value.contains("://") {
        (value.to_string(), arxiv::parse_url(value))
    } else {
        // A bare identifier reads as its canonical URL; ranges are not exact then.
        let url = format!("https://arxiv.org/abs/{value}");
        let reading = arxiv::parse_url(&url);
        (url, reading)
    };
    Some(PaperLink {
        place: LinkPlace::FrontMatter(key.to_string()),
        span,
        url_span: Some(span),
        url,
        arxiv: reading,
    })
}

//! Papers as headings: `# 1. [Title](URL)`, `## Title` with the link on a following
//! line, numbered or not, at the layout's level.

use super::sections::{self, PaperHead, Part};
use super::{BlockKind, BrokenLink, Heading, Paper, PaperHeading, PaperNumber, PaperTitle, Post};
use super::{links, markdown};
use crate::arxiv;
use crate::layout::{LinkPlace, TitleStyle};
use crate::text::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+)(\.)?").unwrap());
static BROKEN_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\d+[.):]?\s*)?\[([^\]]*)$").unwrap());
static BROKEN_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^(.*?)\]\(\s*<?([^\s)>]+)>?\s*\)\s*$").unwrap());

/// True when the heading opens a paper: at the paper level, or, when titles are links,
/// at another level but shaped like one (`### 3. [Title](URL)`).
fn is_paper_heading(post: &Post, index: usize) -> bool {
    let layout = &post.layout;
    if post
        .page_heading
        .as_ref()
        .is_some_and(|p| p.heading == index)
    {
        return false;
    }
    let heading = &post.headings[index];
    if heading.level == layout.paper.level {
        return true;
    }
    let content = heading.content(post.text);
    layout.paper.title == TitleStyle::Link
        && !sections::is_section_name(post, &heading.name(post.text))
        && NUMBER.is_match(content)
        && (content.contains('[') || !heading.links.is_empty())
}

/// The papers of a post whose papers are headings.
pub(super) fn papers(post: &Post) -> Vec<Paper> {
    let layout = &post.layout;
    let paper_starts: Vec<usize> = (0..post.headings.len())
        .filter(|&i| is_paper_heading(post, i))
        .collect();
    let body_end = post.body_span.end;
    let mut papers = Vec::with_capacity(paper_starts.len());
    for (position, &heading_idx) in paper_starts.iter().enumerate() {
        let heading = post.headings[heading_idx].clone();
        let end = paper_starts
            .get(position + 1)
            .map_or(body_end, |&next| post.headings[next].span.start);
        let span = ByteSpan::new(heading.span.start, end);
        let paper_heading = read_heading(post, heading);
        // A broken link swallows its continuation block.
        let continuation = paper_heading
            .broken_link
            .as_ref()
            .map(|b| b.continuation_span);
        let block_ids: Vec<usize> = post
            .blocks_in(span)
            .into_iter()
            .filter(|&b| Some(post.blocks[b].span) != continuation)
            .collect();
        let inner_headings: Vec<usize> = (heading_idx + 1..post.headings.len())
            .take_while(|&h| post.headings[h].span.start < end)
            .collect();
        let body = ByteSpan::new(
            paper_heading
                .broken_link
                .as_ref()
                .map_or(paper_heading.heading.span.end, |b| b.continuation_span.end),
            end,
        );
        let parts: Vec<Part> = block_ids.iter().map(|&b| Part::Block(b)).collect();
        let built = sections::build(post, body, &parts, &inner_headings);

        let mut links = Vec::new();
        if layout.paper.title == TitleStyle::Link || layout.has_link_place(&LinkPlace::Heading) {
            links.extend(heading_link(post, &paper_heading));
        }
        // Links on the lines between the heading and the first section.
        let next_line = layout.has_link_place(&LinkPlace::NextLine);
        for &b in built.companion_blocks.iter().filter(|_| next_line) {
            links.extend(
                post.blocks[b]
                    .links
                    .iter()
                    .filter_map(|l| links::carrying_paper(l, LinkPlace::NextLine)),
            );
        }
        let title = match layout.paper.title {
            TitleStyle::Link => match (&paper_heading.title_span, &paper_heading.broken_link) {
                (Some(span), _) => Some(PaperTitle {
                    span: *span,
                    joined: None,
                }),
                (None, Some(b)) => Some(PaperTitle {
                    span: b.title_span,
                    joined: Some(b.joined_title.clone()),
                }),
                _ => None,
            },
            TitleStyle::Text | TitleStyle::Bold => text_title(post, &paper_heading),
        };
        let head = PaperHead {
            position,
            span,
            number: paper_heading.number,
            heading: Some(paper_heading),
            title,
            links,
        };
        papers.push(built.into_paper(head, block_ids));
    }
    papers
}

/// The heading's own link as a paper link (its reading kept even when it is no arXiv URL).
fn heading_link(post: &Post, heading: &PaperHeading) -> Option<super::PaperLink> {
    let arxiv = heading.arxiv.clone()?;
    let (span, url) = match (&heading.link, &heading.broken_link) {
        (Some(link), _) => (link.span, link.url.trim().to_string()),
        (None, Some(b)) => (b.url_span, b.url_span.slice(post.text).to_string()),
        _ => return None,
    };
    Some(super::PaperLink {
        place: LinkPlace::Heading,
        span,
        url_span: heading.url_span,
        url,
        arxiv,
    })
}

/// The title of a heading written as plain text: the content after the number, markup
/// around it left as written.
fn text_title(post: &Post, heading: &PaperHeading) -> Option<PaperTitle> {
    let content_span = heading.heading.content_span;
    let start = heading
        .number_period
        .or(heading.number.map(|n| n.span))
        .map_or(content_span.start, |s| s.end);
    let raw = &post.text[start..content_span.end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let (strip_start, strip_end) =
        if trimmed.starts_with("**") && trimmed.ends_with("**") && trimmed.len() > 4 {
            (2, 2)
        } else {
            (0, 0)
        };
    let span = ByteSpan::new(
        start + lead + strip_start,
        start + lead + trimmed.len() - strip_end,
    );
    (!span.is_empty()).then_some(PaperTitle { span, joined: None })
}

/// Reads number, link, title and URL off a paper heading.
fn read_heading(post: &Post, heading: Heading) -> PaperHeading {
    let content = heading.content(post.text);
    let lead = content.len() - content.trim_start().len();
    let content_start = heading.content_span.start + lead;
    let (number, number_period) = match NUMBER.captures(content.trim_start()) {
        Some(c) => {
            let digits = c.get(1).unwrap();
            (
                Some(PaperNumber {
                    value: digits.as_str().parse().unwrap_or(u32::MAX),
                    span: ByteSpan::new(
                        content_start + digits.start(),
                        content_start + digits.end(),
                    ),
                }),
                c.get(2)
                    .map(|p| ByteSpan::new(content_start + p.start(), content_start + p.end())),
            )
        }
        None => (None, None),
    };
    let link = heading.links.first().cloned();
    let title_span = link.as_ref().and_then(|l| l.text_span);
    let mut url_span = link.as_ref().and_then(|l| l.url_span);
    let broken_link = if link.is_none() {
        broken_link(post, &heading)
    } else {
        None
    };
    if let Some(b) = &broken_link {
        url_span = Some(b.url_span);
    }
    let arxiv = match (&link, &broken_link) {
        (Some(l), _) => Some(arxiv::parse_url(l.url.trim())),
        (None, Some(b)) => Some(arxiv::parse_url(b.url_span.slice(post.text))),
        _ => None,
    };
    PaperHeading {
        heading,
        number,
        number_period,
        link,
        title_span,
        url_span,
        arxiv,
        broken_link,
    }
}

/// Finds `](URL)` in the block right after a heading that ends inside `[`.
fn broken_link(post: &Post, heading: &Heading) -> Option<BrokenLink> {
    let content = heading.content(post.text);
    let start = BROKEN_START.captures(content.trim())?;
    let first = start.get(1)?;
    let lead = content.len() - content.trim_start().len();
    let title_start = heading.content_span.start + lead + first.start();
    let block = post
        .blocks
        .iter()
        .find(|b| b.span.start >= heading.span.end)?;
    // Only the very next block, and only if no heading comes between.
    if post
        .headings
        .iter()
        .any(|h| h.span.start > heading.span.start && h.span.start < block.span.start)
    {
        return None;
    }
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let raw = block.span.slice(post.text);
    let end = BROKEN_END.captures(raw)?;
    let second = end.get(1)?;
    let url = end.get(2)?;
    // A no-break space is part of the title, not a gap between words.
    let joined: Vec<&str> = markdown::words(first.as_str())
        .chain(markdown::words(second.as_str()))
        .collect();
    Some(BrokenLink {
        title_span: ByteSpan::new(title_start, block.span.start + second.end()),
        joined_title: joined.join(" "),
        url_span: ByteSpan::new(block.span.start + url.start(), block.span.start + url.end()),
        continuation_span: block.span,
    })
}

//! DL215 post-empty: a post with no papers. Documentation: `docs/rules/DL215.md`.

use super::content_before_first_paper::first_line;
use crate::arxiv;
use crate::diagnostic::Diagnostic;
use crate::layout::{Layout, PaperUnit, TitleStyle};
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
    let layout = ctx.layout;
    let shape = expected_shape(layout);
    // Paper links in the body mean the papers are there, in another shape: say which
    // part of the layout did not fit, once for the post.
    let linked = post
        .blocks
        .iter()
        .flat_map(|b| b.links.iter())
        .chain(post.headings.iter().flat_map(|h| h.links.iter()))
        .filter(|l| arxiv::find_id_in_url(&l.url).is_some())
        .count();
    let papers = if linked == 1 {
        "1 paper".to_string()
    } else {
        format!("{linked} papers")
    };
    let message = if linked > 0 && layout.name != "default" {
        format!(
            "No paper found in the shape layout `{}` expects ({shape}), but the post links {papers}: it does not fit that layout; check `[[layout]]` in digest-lint.toml (or run `digest-lint init --stdout`)",
            layout.name
        )
    } else if linked > 0 {
        format!(
            "Post has no papers; expected at least one {shape}, but the post links {papers} in another shape: describe this blog's layout in digest-lint.toml (`digest-lint init` writes it)"
        )
    } else {
        format!("Post has no papers; expected at least one {shape}")
    };
    sink.push(Diagnostic::new(Rule::PostEmpty, span, message));
}

/// How a paper looks in `layout`, for messages.
fn expected_shape(layout: &Layout) -> String {
    let paper = &layout.paper;
    let number = if paper.numbered { "1. " } else { "" };
    match paper.unit {
        PaperUnit::Heading => {
            let hashes = "#".repeat(paper.level.into());
            match paper.title {
                TitleStyle::Link => format!("`{hashes} {number}[Title](URL)` heading"),
                _ => format!("`{hashes} {number}Title` heading with its link below"),
            }
        }
        PaperUnit::ListItem => match paper.title {
            TitleStyle::Bold => "`1. **Title**` list item".to_string(),
            TitleStyle::Link => "`1. [Title](URL)` list item".to_string(),
            TitleStyle::Text => "`1. Title` list item".to_string(),
        },
        PaperUnit::Post => match layout.front_matter_link_key() {
            Some(key) => format!("paper identifier in the front matter's `{key}:`"),
            None => "paper identifier in the front matter".to_string(),
        },
    }
}

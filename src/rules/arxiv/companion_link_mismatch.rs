//! DL307 companion-link-mismatch: a link that belongs to a paper but carries another
//! paper's identifier. Documentation: `docs/rules/DL307.md`.

use super::paper_id;
use crate::arxiv;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::{Link, Paper};
use crate::text::ByteSpan;

/// Link texts that name a companion page of the paper itself (compared after
/// [`normalise`]); a link with such a text inside a section is about this paper, while
/// a link with any other text may cite another paper on purpose.
const SELF_LABELS: &[&str] = &[
    "alphaxiv",
    "alphaxiv overview",
    "arxiv",
    "arxiv abs",
    "arxiv pdf",
    "abs",
    "abstract",
    "pdf",
    "hugging face",
    "huggingface",
    "hf",
    "hf papers",
    "hugging face papers",
    "huggingface papers",
    "paper page",
    "this paper",
    "이 논문",
    "본 논문",
    "원문",
    "논문 원문",
];

/// Checks, in each paper whose heading links a valid identifier: every link of its
/// companion blocks and extra links in the heading (always), and links elsewhere in the
/// paper whose text is a companion label or the paper's own title. Reports each whose
/// URL carries another identifier (versions ignored); the range is that identifier.
/// When two or more such links all agree on one other identifier, the heading is the
/// odd one out: it alone is reported.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let Some(pid) = paper_id(ctx, paper) else {
            continue;
        };
        let expected = pid.id.without_version();
        let title = paper.title_text(ctx.text).map(normalise);
        let mut others = Vec::new();
        let mut agreeing = 0;
        for url_span in candidate_links(ctx, paper, title.as_deref())
            .into_iter()
            .flatten()
        {
            // (a reference link has no URL here: it is written elsewhere)
            let Some((found, range)) = arxiv::find_id_in_url(url_span.slice(ctx.text)) else {
                continue;
            };
            if found.without_version() == expected {
                agreeing += 1;
                continue;
            }
            let span = ByteSpan::new(url_span.start + range.start, url_span.start + range.end);
            others.push((found.without_version(), span));
        }
        let unanimous =
            others.len() >= 2 && agreeing == 0 && others.iter().all(|(id, _)| *id == others[0].0);
        if unanimous {
            sink.push(heading_is_the_odd_one(ctx, &pid, &expected, &others));
            continue;
        }
        for (found, span) in others {
            let message = format!(
                "Link goes to paper {found}, not to this paper ({expected}): readers who click it land on another paper"
            );
            let fix = Fix::unsafe_(
                format!("Replace with {expected}"),
                vec![Edit::replace(span, expected.to_string())],
            );
            sink.push(
                Diagnostic::new(Rule::CompanionLinkMismatch, span, message)
                    .with_fix(fix)
                    .with_related(pid.span, format!("the paper heading links {expected}")),
            );
        }
    }
}

/// The finding for a heading whose identifier differs from that of all the paper's
/// other links, which agree: its range is the heading's identifier, and the fix writes
/// theirs there.
fn heading_is_the_odd_one(
    ctx: &Context,
    pid: &super::PaperId,
    expected: &arxiv::ArxivId,
    others: &[(arxiv::ArxivId, ByteSpan)],
) -> Diagnostic {
    let found = &others[0].0;
    let message = format!(
        "Paper heading links paper {expected}, but its other {} links all go to {found}: readers who click the title land on another paper than the rest",
        others.len()
    );
    let mut d = Diagnostic::new(Rule::CompanionLinkMismatch, pid.span, message);
    // The version goes too: it was the mistyped paper's. The span is the whole URL
    // when the URL has escapes: no fix then. Nor when their identifier is one the post
    // cannot cover (from after its date). (Whether another paper has it is DL306's
    // business: a paper's findings depend on that paper and the post's head alone, so
    // that the language server can re-check one paper.)
    if pid.span.slice(ctx.text).starts_with(&expected.to_string())
        && !super::after_post_month(ctx, found)
    {
        d = d.with_fix(Fix::unsafe_(
            format!("Replace with {found}"),
            vec![Edit::replace(pid.span, found.to_string())],
        ));
    }
    for (_, span) in others {
        d = d.with_related(*span, format!("this link goes to {found}"));
    }
    d
}

/// The URL spans of a paper's links that must name the paper itself (`None` for a
/// reference link).
fn candidate_links(ctx: &Context, paper: &Paper, title: Option<&str>) -> Vec<Option<ByteSpan>> {
    let blocks = &ctx.post.blocks;
    let mut links: Vec<&Link> = paper
        .heading
        .as_ref()
        .map(|h| h.heading.links.iter().skip(1).collect())
        .unwrap_or_default();
    for &b in &paper.companion_blocks {
        links.extend(&blocks[b].links);
    }
    for &b in paper
        .blocks
        .iter()
        .filter(|b| !paper.companion_blocks.contains(b))
    {
        links.extend(blocks[b].links.iter().filter(|link| {
            let Some(text) = link.text_span.map(|s| normalise(s.slice(ctx.text))) else {
                return false;
            };
            SELF_LABELS.contains(&text.as_str())
                || title.is_some_and(|t| !t.is_empty() && t == text)
        }));
    }
    let mut spans: Vec<Option<ByteSpan>> = links.iter().map(|l| l.url_span).collect();
    // The paper's other links in the layout's places (nested bullets, a next line).
    for link in paper.links.iter().skip(1) {
        if !spans.contains(&link.url_span) {
            spans.push(link.url_span);
        }
    }
    spans
}

/// Lowercase letters and digits, other characters (emoji, punctuation) dropped, words
/// joined by single spaces: `📄 arXiv (PDF)` → `arxiv pdf`.
fn normalise(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

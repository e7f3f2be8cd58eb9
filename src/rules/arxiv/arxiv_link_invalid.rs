//! DL301 arxiv-link-invalid: a paper link that is not an arXiv URL on an accepted host,
//! or whose identifier is malformed. Documentation: `docs/rules/DL301.md`.

use super::{HeadingLink, Invalid, Reading, accepted_hosts, heading_link, read_link};
use crate::arxiv;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each paper heading (intact or broken link) whose URL is not acceptable; the
/// range is the malformed identifier when there is one, else the whole URL.
pub fn check(ctx: &Context, sink: &mut Sink) {
    // The paper's own link, and every other paper link in its layout's places (a
    // nested arXiv link beside a Hugging Face one).
    let links = ctx.post.papers.iter().flat_map(|paper| {
        heading_link(ctx, paper)
            .into_iter()
            .chain(paper.links.iter().skip(1).map(|l| read_link(ctx, l)))
    });
    for link in links {
        let Reading::Invalid(invalid) = &link.reading else {
            continue;
        };
        let (span, message) = match invalid {
            Invalid::NotWebUrl if link.url.is_empty() => (
                link.span,
                format!("Paper link has no URL; {}", expected(ctx, &link)),
            ),
            Invalid::NotWebUrl => (
                link.span,
                format!("Paper link is not an http(s) URL; {}", expected(ctx, &link)),
            ),
            Invalid::HostNotAccepted(host) => (
                link.span,
                format!(
                    "Paper link points to {host}, not an accepted host; {}",
                    expected(ctx, &link)
                ),
            ),
            Invalid::NoIdentifier => (
                link.span,
                "Paper link names no arXiv paper; expected https://arxiv.org/abs/<identifier>"
                    .to_string(),
            ),
            Invalid::NoIdentifierOnHost(host) => (
                link.span,
                format!(
                    "Paper link on {host} carries no arXiv identifier; expected a URL naming the paper's identifier"
                ),
            ),
            Invalid::Malformed(reason, range) => {
                let written = link.url.get(range.clone()).unwrap_or("");
                let message = if reason.ends_with("is not an arXiv identifier") {
                    format!("{reason}; expected YYMM.NNNNN or archive/YYMMNNN")
                } else {
                    format!("Identifier {written} is malformed: {reason}")
                };
                (link.at(range.clone()), message)
            }
        };
        sink.push(Diagnostic::new(
            Rule::ArxivLinkInvalid,
            span,
            capitalise(&message),
        ));
    }
}

/// What the link should be: the canonical URL of an identifier found in it, if any.
fn expected(ctx: &Context, link: &HeadingLink) -> String {
    let hosts = accepted_hosts(ctx);
    if !hosts.iter().any(|h| h == "arxiv.org") {
        return format!("expected a link to {}", hosts.join(" or "));
    }
    match arxiv::find_id_in_url(link.url) {
        Some((id, _)) => format!("expected {}", id.without_version().canonical_url()),
        None => "expected https://arxiv.org/abs/<identifier>".to_string(),
    }
}

/// Upper-cases the first letter (reasons from `arxiv.rs` may start with a backtick or lowercase).
fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => message.to_string(),
    }
}

//! DL302 arxiv-link-noncanonical: a paper link to arXiv that is not
//! `https://arxiv.org/abs/<identifier>`. Documentation: `docs/rules/DL302.md`.

use super::written_arxiv_links;
use crate::arxiv::UrlDeviation;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

const CANONICAL_PREFIX: &str = "https://arxiv.org/abs/";

/// Reports each paper heading whose arXiv URL deviates from the canonical form; the
/// range is the URL. The fix rewrites the part before the identifier and drops the part
/// after it, keeping the identifier (and its version) as written, so that it composes
/// with DL303's fix, which removes the version inside the identifier.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for (link, url) in written_arxiv_links(ctx) {
        if url.deviations.is_empty() {
            continue;
        }
        let phrases: Vec<&str> = url.deviations.iter().map(UrlDeviation::describe).collect();
        let message = format!(
            "Paper link {}; link the paper's page on arXiv, https://arxiv.org/abs/<identifier>, as readers expect",
            join_and(&phrases)
        );
        let canonical = url.id.canonical_url();
        let id = url.id_span.clone();
        let edits = if link.is_exact(&id) {
            let mut edits = Vec::new();
            if &link.url[..id.start] != CANONICAL_PREFIX {
                edits.push(Edit::replace(link.at(0..id.start), CANONICAL_PREFIX));
            }
            if link.url[id.clone()] != url.id.to_string() {
                edits.push(Edit::replace(link.at(id.clone()), url.id.to_string()));
            }
            // What follows the identifier is deleted as written (it may hold escapes).
            if id.end < link.written.len() {
                let start = link.span.start + id.end;
                edits.push(Edit::delete(ByteSpan::new(start, link.span.end)));
            }
            edits
        } else {
            vec![Edit::replace(link.span, canonical.clone())]
        };
        // A fragment or another page (/html/, /format/) is dropped: the author may have
        // meant that place, so only then the fix needs asking.
        let drops_target = url
            .deviations
            .iter()
            .any(|d| matches!(d, UrlDeviation::Fragment | UrlDeviation::OtherPath));
        let applicability = if drops_target {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let fix = Fix::new(format!("Replace with {canonical}"), applicability, edits);
        sink.push(Diagnostic::new(Rule::ArxivLinkNoncanonical, link.span, message).with_fix(fix));
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

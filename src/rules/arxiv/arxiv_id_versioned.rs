//! DL303 arxiv-id-versioned: a paper link whose identifier carries a version (`v2`).
//! Documentation: `docs/rules/DL303.md`.

use super::written_arxiv_links;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports the `vN` of each versioned identifier in a paper heading's arXiv URL; the fix
/// deletes it. Its range lies inside the identifier, so it never overlaps DL302's edits
/// (which rewrite only what comes before and after the identifier).
pub fn check(ctx: &Context, sink: &mut Sink) {
    for (link, url) in written_arxiv_links(ctx) {
        let (Some(version), Some(range)) = (url.id.version(), url.version_span.clone()) else {
            continue;
        };
        let bare = url.id.without_version();
        let message = format!(
            "Identifier {} carries version v{version}; expected {bare}",
            url.id
        );
        let (span, edit) = if link.is_exact(&range) {
            (link.at(range.clone()), Edit::delete(link.at(range)))
        } else {
            (link.span, Edit::replace(link.span, bare.canonical_url()))
        };
        sink.push(
            Diagnostic::new(Rule::ArxivIdVersioned, span, message).with_fix(Fix::safe(
                format!("Remove the version v{version}"),
                vec![edit],
            )),
        );
    }
}

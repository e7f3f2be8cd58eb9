//! DL3xx: arXiv link rules.
//!
//! The helpers here read a paper heading's link once, the same way for every rule:
//! [`heading_link`] finds the URL as written and classifies it ([`Reading`]), and
//! [`paper_id`] gives the paper's identifier with its span in the post.

mod arxiv_id_future;
mod arxiv_id_stale;
mod arxiv_id_versioned;
mod arxiv_link_invalid;
mod arxiv_link_noncanonical;
mod companion_link_mismatch;
mod paper_duplicate;

use super::{Check, Context, Sink, run_enabled};
use crate::arxiv::{self, ArxivId, ArxivUrl, UrlError};
use crate::registry::Rule;
use crate::syntax::{Paper, PaperLink};
use crate::text::ByteSpan;
use std::ops::Range;

const RULES: &[(Rule, Check)] = &[
    (Rule::ArxivLinkInvalid, arxiv_link_invalid::check),
    (Rule::ArxivLinkNoncanonical, arxiv_link_noncanonical::check),
    (Rule::ArxivIdVersioned, arxiv_id_versioned::check),
    (Rule::ArxivIdFuture, arxiv_id_future::check),
    (Rule::ArxivIdStale, arxiv_id_stale::check),
    (Rule::PaperDuplicate, paper_duplicate::check),
    (Rule::CompanionLinkMismatch, companion_link_mismatch::check),
];

/// Runs the rules of this family that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    run_enabled(RULES, ctx, sink);
}

/// How a paper heading's URL reads.
pub(super) enum Reading<'p> {
    /// An arXiv URL (arxiv.org or a subdomain) and arxiv.org is an accepted host.
    Arxiv(&'p ArxivUrl),
    /// A URL on another accepted host (e.g. `huggingface.co/papers/ID`) that carries an
    /// identifier; the range is the identifier's in the URL.
    OtherHost(ArxivId, Range<usize>),
    /// Not an acceptable paper link: what DL301 reports.
    Invalid(Invalid),
}

/// Why a paper link is not acceptable (DL301).
pub(super) enum Invalid {
    /// Not an http(s) URL at all.
    NotWebUrl,
    /// A web URL on a host that is not accepted.
    HostNotAccepted(String),
    /// An accepted arXiv host, but the URL names no paper.
    NoIdentifier,
    /// An accepted non-arXiv host, but no identifier in the URL.
    NoIdentifierOnHost(String),
    /// A paper URL with a malformed identifier: the reason and the identifier's range.
    Malformed(String, Range<usize>),
}

/// A paper heading's URL as written in the post.
pub(super) struct HeadingLink<'p> {
    /// Byte span of the URL in the post; the whole link's span when the URL has no span
    /// of its own (a reference link), or the link is empty.
    pub span: ByteSpan,
    /// How many leading bytes of the URL as read are written the same in the post:
    /// ranges of the URL that end within them are exact. Less than the URL's length
    /// only for URLs with escapes or entities (`&amp;`), usually in the query.
    pub same_prefix: usize,
    /// The URL as written in the post (the text of `span`); empty when the link has no
    /// URL of its own (a reference link).
    pub written: &'p str,
    /// The URL as read (after unescaping).
    pub url: &'p str,
    /// How it reads.
    pub reading: Reading<'p>,
}

impl HeadingLink<'_> {
    /// True when `range` of the URL as read is written identically at the same offset.
    pub fn is_exact(&self, range: &Range<usize>) -> bool {
        range.end <= self.same_prefix
    }

    /// The post span of a byte range of the URL (the whole URL when not exact).
    pub fn at(&self, range: Range<usize>) -> ByteSpan {
        if self.is_exact(&range) {
            ByteSpan::new(self.span.start + range.start, self.span.start + range.end)
        } else {
            self.span
        }
    }
}

/// Length in bytes of the longest common prefix of `a` and `b` (on a char boundary).
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The lowercase host of an http(s) URL, `None` for anything else.
fn web_host(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The accepted hosts of the layout, else of the schema (`arxiv.org` when none are
/// configured), lowercase.
pub(super) fn accepted_hosts<'c>(ctx: &Context<'c, '_>) -> &'c [String] {
    &ctx.layout.paper.accepted_hosts
}

/// True when `host` is an accepted host or a subdomain of one (`www.`, `export.`, …).
fn host_accepted(host: &str, hosts: &[String]) -> bool {
    hosts.iter().any(|h| {
        host == h
            || host
                .strip_suffix(h.as_str())
                .is_some_and(|p| p.ends_with('.'))
    })
}

/// Each paper link that is an arXiv URL written in the post (not a reference link,
/// whose URL stands in its definition, nor a bare identifier), with its reading.
pub(super) fn written_arxiv_links<'p>(
    ctx: &'p Context<'p, '_>,
) -> impl Iterator<Item = (HeadingLink<'p>, &'p ArxivUrl)> {
    ctx.post
        .papers
        .iter()
        .flat_map(|paper| paper.links.iter())
        .filter_map(move |link| {
            let link = read_link(ctx, link);
            let Reading::Arxiv(url) = link.reading else {
                return None;
            };
            link.written.contains("://").then_some((link, url))
        })
}

/// The paper's own link and its reading; `None` when the paper has no link.
pub(super) fn heading_link<'p>(ctx: &Context<'p, '_>, paper: &'p Paper) -> Option<HeadingLink<'p>> {
    paper.link().map(|link| read_link(ctx, link))
}

/// A paper link as written and how it reads.
pub(super) fn read_link<'p>(ctx: &Context<'p, '_>, link: &'p PaperLink) -> HeadingLink<'p> {
    let url = link.url.as_str();
    let span = link.url_span.filter(|s| !s.is_empty()).unwrap_or(link.span);
    // A reference link's URL is written in its definition, elsewhere: no exact ranges.
    let written = link.url_span.map_or("", |s| s.slice(ctx.text));
    let same_prefix = common_prefix_len(url, written);
    let hosts = accepted_hosts(ctx);
    let arxiv_accepted = host_accepted("arxiv.org", hosts);
    let reading = match &link.arxiv {
        Ok(u) if arxiv_accepted => Reading::Arxiv(u),
        Ok(u) => Reading::Invalid(Invalid::HostNotAccepted(u.host.clone())),
        Err(UrlError::NoIdentifier) if arxiv_accepted => Reading::Invalid(Invalid::NoIdentifier),
        Err(UrlError::Malformed { reason, span }) if arxiv_accepted => {
            Reading::Invalid(Invalid::Malformed(reason.clone(), span.clone()))
        }
        Err(UrlError::NoIdentifier | UrlError::Malformed { .. }) => {
            let host = web_host(url).unwrap_or_else(|| "arxiv.org".into());
            Reading::Invalid(Invalid::HostNotAccepted(host))
        }
        Err(UrlError::NotArxiv) => match web_host(url) {
            None => Reading::Invalid(Invalid::NotWebUrl),
            Some(host) if !host_accepted(&host, hosts) => {
                Reading::Invalid(Invalid::HostNotAccepted(host))
            }
            Some(host) => match arxiv::find_id_in_url(url) {
                Some((id, range)) => Reading::OtherHost(id, range),
                None => match arxiv::malformed_id_on_paper_page(url) {
                    Some((reason, range)) => Reading::Invalid(Invalid::Malformed(reason, range)),
                    None => Reading::Invalid(Invalid::NoIdentifierOnHost(host)),
                },
            },
        },
    };
    HeadingLink {
        span,
        same_prefix,
        written,
        url,
        reading,
    }
}

/// A paper's identifier as its heading links it.
pub(super) struct PaperId {
    /// The identifier as written (version included).
    pub id: ArxivId,
    /// Its byte span in the post (the whole URL when the URL has escapes).
    pub span: ByteSpan,
}

/// The identifier of a paper whose heading links an accepted paper URL.
pub(super) fn paper_id(ctx: &Context, paper: &Paper) -> Option<PaperId> {
    let link = heading_link(ctx, paper)?;
    let (id, range) = match &link.reading {
        Reading::Arxiv(u) => (u.id.clone(), u.id_span.clone()),
        Reading::OtherHost(id, range) => (id.clone(), range.clone()),
        Reading::Invalid(_) => return None,
    };
    Some(PaperId {
        id,
        span: link.at(range),
    })
}

/// True when the identifier's month is after the post's (DL304); false when the post
/// has no date.
pub(super) fn after_post_month(ctx: &Context, id: &ArxivId) -> bool {
    ctx.post_date().is_some_and(|(year, month, _)| {
        crate::syntax::yaml11::months_between((year, month), (id.year(), id.month())) > 0
    })
}

/// `YYYY-MM` of an identifier, e.g. `2025-08`.
pub(super) fn id_month(id: &ArxivId) -> String {
    format!("{}-{:02}", id.year(), id.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_prefixes() {
        let hosts = vec!["arxiv.org".to_string(), "huggingface.co".to_string()];
        for (host, accepted) in [
            ("arxiv.org", true),
            ("www.arxiv.org", true),
            ("export.arxiv.org", true),
            ("huggingface.co", true),
            ("notarxiv.org", false),
            ("arxiv.org.evil.com", false),
            ("org", false),
        ] {
            assert_eq!(host_accepted(host, &hosts), accepted, "{host}");
        }
        assert_eq!(
            web_host("HTTPS://User@ArXiv.org:443/abs/1"),
            Some("arxiv.org".into())
        );
        assert_eq!(web_host("ftp://arxiv.org/abs/1"), None);
        assert_eq!(web_host("arxiv.org/abs/1"), None);
        assert_eq!(common_prefix_len("a?x=1&b", "a?x=1&amp;b"), 6);
        assert_eq!(common_prefix_len("한국어", "한국"), "한국".len());
        assert_eq!(common_prefix_len("", "abc"), 0);
        assert_eq!(common_prefix_len("abc", "abc"), 3);
    }
}

//! `textDocument/hover`: on an arXiv link, the identifier, its version, the month it was
//! submitted and its abs / pdf / html pages; on a finding, the rule's documentation.

use crate::arxiv::ArxivId;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::documents::Document;
use crate::lsp::position;
use crate::text::ByteSpan;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What to show about an arXiv identifier (Markdown).
pub fn describe_id(id: &ArxivId) -> String {
    let month = MONTHS
        .get(usize::from(id.month()).wrapping_sub(1))
        .copied()
        .unwrap_or("?");
    let version = match id.version() {
        Some(v) => format!("version {v}"),
        None => "latest version".into(),
    };
    let mut links = vec![
        format!("[abs](https://arxiv.org/abs/{id})"),
        format!("[pdf](https://arxiv.org/pdf/{id})"),
    ];
    if matches!(id, ArxivId::New { .. }) {
        links.push(format!("[html](https://arxiv.org/html/{id})"));
    }
    format!(
        "**arXiv {}** ({version}), submitted {month} {}\n\n{}",
        id.without_version(),
        id.year(),
        links.join(" · ")
    )
}

/// `text` with the characters that would start Markdown markup escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '#' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The hover at `position`, if the cursor is on a link to a paper or on a finding.
pub fn hover(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    at: Position,
) -> Option<Hover> {
    let rope = &doc.rope;
    let offset = position::offset(rope, at, caps.encoding);
    let mut parts = Vec::new();
    let mut span: Option<ByteSpan> = None;
    if let Some(link) = analysis
        .arxiv_links()
        .find(|l| l.span.start <= offset && offset <= l.span.end)
    {
        let mut part = describe_id(&link.id);
        // On a paper heading's link: the paper's title as the reader sees it.
        let title = analysis
            .papers()
            .find(|p| p.heading.contains_span(link.span))
            .and_then(|p| p.title.as_deref())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        if let Some(title) = title {
            let title = if caps.markdown_hover {
                escape_markdown(&title)
            } else {
                title
            };
            part = format!("{title}\n\n{part}");
        }
        parts.push(part);
        span = Some(link.span);
    }
    for d in analysis.diagnostics(rope) {
        if d.span.start <= offset && offset <= d.span.end {
            parts.push(format!(
                "**{} {}** ({}): {}\n\n{}",
                d.rule.code(),
                d.rule.name(),
                d.severity.as_str(),
                d.message,
                d.rule.doc()
            ));
            span.get_or_insert(d.span);
        }
    }
    if parts.is_empty() {
        return None;
    }
    let kind = if caps.markdown_hover {
        MarkupKind::Markdown
    } else {
        MarkupKind::PlainText
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind,
            value: parts.join("\n\n---\n\n"),
        }),
        range: span.map(|s| position::range(rope, s, caps.encoding)),
    })
}

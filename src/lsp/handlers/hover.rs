//! `textDocument/hover`: on an arXiv link, the identifier, its version, the month it was
//! submitted and its abs / pdf / html pages; on a finding, its message, why it matters,
//! its fix (each one paragraph of the rule's documentation) and a link to the rule's page.

use crate::arxiv::ArxivId;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::documents::Document;
use crate::lsp::position;
use crate::registry::Rule;
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

/// Where a rule's documentation is published: `docs/rules/<code>.md` of the repository.
pub fn rule_page(rule: Rule) -> String {
    format!(
        "{}/blob/main/docs/rules/{}.md",
        env!("CARGO_PKG_REPOSITORY"),
        rule.code()
    )
}

/// The first paragraph under `## {heading}` in a rule's documentation, on one line.
fn doc_paragraph(doc: &str, heading: &str) -> Option<String> {
    let mut lines = doc
        .lines()
        .skip_while(|l| l.trim_end() != format!("## {heading}"));
    lines.next()?;
    let paragraph: Vec<&str> = lines
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("```"))
        .map(str::trim)
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

/// What to show about a finding (Markdown): the message, why it matters, the fix and a
/// link to the rule's page; the page's examples and headings stay on the page.
pub fn describe_finding(rule: Rule, severity: &str, message: &str) -> String {
    let doc = rule.doc();
    let mut out = format!(
        "**{} {}** ({severity}): {message}",
        rule.code(),
        rule.name()
    );
    if let Some(why) = doc_paragraph(doc, "Why it matters") {
        out.push_str(&format!("\n\n{why}"));
    }
    if let Some(fix) = doc_paragraph(doc, "Fix") {
        out.push_str(&format!("\n\n**Fix:** {fix}"));
    }
    out.push_str(&format!(
        "\n\n[{} documentation]({})",
        rule.code(),
        rule_page(rule)
    ));
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
            parts.push(describe_finding(d.rule, d.severity.as_str(), &d.message));
            span.get_or_insert(d.span);
        }
    }
    if parts.is_empty() {
        return None;
    }
    let markdown = parts.join("\n\n---\n\n");
    let (kind, value) = if caps.markdown_hover {
        (MarkupKind::Markdown, markdown)
    } else {
        (MarkupKind::PlainText, plain(&markdown))
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value }),
        range: span.map(|s| position::range(rope, s, caps.encoding)),
    })
}

/// The hover's Markdown as plain text, for clients that show hovers as written: bold and
/// code marks dropped, `[text](url)` as `text (url)`.
fn plain(markdown: &str) -> String {
    static LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\[([^\]\n]*)\]\(([^)\s]*)\)").expect("valid regex")
    });
    LINK.replace_all(markdown, "$1 ($2)")
        .replace("**", "")
        .replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_hovers_carry_no_markdown() {
        assert_eq!(
            plain("**arXiv 2508.20751** — [abs](https://arxiv.org/abs/2508.20751) · `DL401`"),
            "arXiv 2508.20751 — abs (https://arxiv.org/abs/2508.20751) · DL401"
        );
    }

    #[test]
    fn a_finding_shows_why_the_fix_and_a_link_not_the_whole_page() {
        let text = describe_finding(
            Rule::TitleWhitespace,
            "warning",
            "Paper title has a run of 2 spaces; expected one",
        );
        assert!(text.starts_with(
            "**DL401 title-whitespace** (warning): Paper title has a run of 2 spaces; expected one\n\n"
        ));
        assert!(text.contains("Titles copied from arXiv"), "{text}");
        assert!(text.contains("**Fix:** Safe: replaces each run"), "{text}");
        assert!(text.ends_with(
            "[DL401 documentation](https://github.com/digest-lint/digest-lint/blob/main/docs/rules/DL401.md)"
        ));
        assert!(!text.contains("##") && !text.contains("```"), "{text}");
    }

    #[test]
    fn every_rule_page_has_a_why_and_a_fix_paragraph() {
        for rule in Rule::ALL {
            let doc = rule.doc();
            let why = doc_paragraph(doc, "Why it matters");
            let fix = doc_paragraph(doc, "Fix");
            assert!(why.is_some_and(|w| w.len() > 20), "{}", rule.code());
            assert!(fix.is_some_and(|f| !f.is_empty()), "{}", rule.code());
        }
    }
}

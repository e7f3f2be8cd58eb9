//! `textDocument/diagnostic` (pull) and the items of `publishDiagnostics` (push).

use crate::diagnostic::Diagnostic;
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::convert;
use crate::lsp::documents::Document;
use crate::lsp::position::{Encoding, Positions};
use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
};

/// A document's findings against the other posts (DL308, DL309), from the workspace
/// index, and the version of the index they were read from.
#[derive(Debug, Clone, Default)]
pub struct CrossPost {
    /// Bumped whenever the document's cross-post findings may have changed.
    pub version: u64,
    /// The findings (byte spans of the document's current text).
    pub findings: Vec<Diagnostic>,
}

/// The document's findings as LSP diagnostics.
pub fn items(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    uri: &Uri,
    cross: &CrossPost,
) -> Vec<lsp::Diagnostic> {
    if analysis.too_large() {
        return vec![too_large(doc)];
    }
    let mut findings = analysis.diagnostics(&doc.rope);
    if !cross.findings.is_empty() {
        findings.extend(&cross.findings);
        findings.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    }
    let offsets = findings
        .iter()
        .flat_map(|d| std::iter::once(d.span).chain(d.related.iter().map(|r| r.span)))
        .flat_map(|s| [s.start, s.end])
        .collect();
    let positions = Positions::new(&doc.rope, offsets, caps.encoding);
    findings
        .into_iter()
        .map(|d| convert::diagnostic_at(d, &positions, &doc.rope, caps.encoding, uri))
        .collect()
}

/// The one diagnostic of a document over [`crate::MAX_POST_BYTES`], at its start.
fn too_large(doc: &Document) -> lsp::Diagnostic {
    let mib = |bytes: usize| bytes as f64 / (1024.0 * 1024.0);
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(lsp::DiagnosticSeverity::WARNING),
        source: Some(convert::SOURCE.to_string()),
        message: format!(
            "This file is too large to lint ({:.1} MiB; the limit is {:.0} MiB): no post is that large, so digest-lint does not check it",
            mib(doc.rope.len_bytes()),
            mib(crate::MAX_POST_BYTES)
        ),
        ..lsp::Diagnostic::default()
    }
}

/// The result id of the document's current findings: its generation and version, and
/// the version of its cross-post findings.
pub fn result_id(doc: &Document, cross: &CrossPost) -> String {
    format!("{}:{}:{}", doc.generation, doc.version, cross.version)
}

/// The findings of a post that is not open, as LSP diagnostics (its text read once).
pub fn items_of_text(
    text: &str,
    findings: &[Diagnostic],
    encoding: Encoding,
    uri: &Uri,
) -> Vec<lsp::Diagnostic> {
    let rope = Rope::from_str(text);
    findings
        .iter()
        .map(|d| convert::diagnostic(d, &rope, encoding, uri))
        .collect()
}

/// A pull report: unchanged when the client already has this version's findings.
pub fn report(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    uri: &Uri,
    previous_result_id: Option<&str>,
    cross: &CrossPost,
) -> DocumentDiagnosticReportResult {
    let result_id = result_id(doc, cross);
    if previous_result_id == Some(result_id.as_str()) {
        return DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Unchanged(
            RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            },
        ));
    }
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items: items(caps, doc, analysis, uri, cross),
            },
        },
    ))
}

/// The report for a document that is not open.
pub fn empty_report() -> DocumentDiagnosticReportResult {
    DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
        RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport::default(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::str::FromStr;
    use std::sync::Arc;

    /// Over the limit: one diagnostic saying so, nothing linted; back under it: linted.
    #[test]
    fn a_document_over_the_limit_gets_one_diagnostic() {
        let uri = Uri::from_str("file:///p/_posts/2025-08-31-x.md").unwrap();
        let caps = ClientCaps::default();
        // Many findings if it were linted: a paper heading line without a link, repeated.
        let line = "# 1. no link here\n";
        let text = line.repeat(crate::MAX_POST_BYTES / line.len() + 1);
        let mut doc = Document::new(&text, 1, None, Arc::new(Config::default()));
        drop(text);
        let mut analysis = doc.analysis.take().unwrap();
        analysis.update(&doc.rope);
        assert!(!analysis.is_stale());
        assert_eq!(analysis.papers().count(), 0);
        let items = items(&caps, &doc, &analysis, &uri, &CrossPost::default());
        assert_eq!(items.len(), 1, "{items:?}");
        assert!(
            items[0].message.contains("too large to lint"),
            "{}",
            items[0].message
        );
        // Cut it down to a few lines: linted again.
        let keep = doc.rope.byte_to_char(3 * line.len());
        let end = doc.rope.len_chars();
        let old_end = doc.rope.len_bytes();
        doc.rope.remove(keep..end);
        analysis.edit(crate::lsp::analysis::ByteEdit {
            start: 3 * line.len(),
            old_end,
            new_len: 0,
        });
        analysis.update(&doc.rope);
        let items = super::items(&caps, &doc, &analysis, &uri, &CrossPost::default());
        assert!(items.len() > 1 && items.iter().all(|d| !d.message.contains("too large")));
    }
}

//! `textDocument/diagnostic` (pull) and the items of `publishDiagnostics` (push).

use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::convert;
use crate::lsp::documents::Document;
use crate::lsp::position::Positions;
use tower_lsp_server::ls_types::{
    self as lsp, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, Uri,
};

/// The document's findings as LSP diagnostics.
pub fn items(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    uri: &Uri,
) -> Vec<lsp::Diagnostic> {
    if analysis.too_large() {
        return vec![too_large(doc)];
    }
    let findings = analysis.diagnostics(&doc.rope);
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

/// The result id of the document's current findings: its generation and version.
pub fn result_id(doc: &Document) -> String {
    format!("{}:{}", doc.generation, doc.version)
}

/// A pull report: unchanged when the client already has this version's findings.
pub fn report(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    uri: &Uri,
    previous_result_id: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let result_id = result_id(doc);
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
                items: items(caps, doc, analysis, uri),
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
        let items = items(&caps, &doc, &analysis, &uri);
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
        let items = super::items(&caps, &doc, &analysis, &uri);
        assert!(items.len() > 1 && items.iter().all(|d| !d.message.contains("too large")));
    }
}

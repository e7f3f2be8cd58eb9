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

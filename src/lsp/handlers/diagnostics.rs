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

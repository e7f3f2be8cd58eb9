//! digest-lint findings and fixes as LSP values. Spans become ranges here, through
//! [`super::position`], and nowhere else.

use super::position::{self, Encoding, Positions};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Elsewhere, Severity};
use crate::registry::Rule;
use crate::text::LineColumns;
use ropey::Rope;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Position, Range,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "digest-lint";

/// The LSP severity of a digest-lint severity.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Hint => DiagnosticSeverity::HINT,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Error => DiagnosticSeverity::ERROR,
    }
}

/// A finding as an LSP diagnostic: code, source, link to the rule's documentation, and
/// the related places.
pub fn diagnostic(d: &Diagnostic, rope: &Rope, encoding: Encoding, uri: &Uri) -> lsp::Diagnostic {
    let offsets = std::iter::once(d.span)
        .chain(d.related.iter().map(|r| r.span))
        .flat_map(|s| [s.start, s.end])
        .collect();
    diagnostic_at(
        d,
        &Positions::new(rope, offsets, encoding),
        rope,
        encoding,
        uri,
    )
}

/// [`diagnostic`] with positions converted beforehand (for a whole list at once).
pub fn diagnostic_at(
    d: &Diagnostic,
    positions: &Positions,
    rope: &Rope,
    encoding: Encoding,
    uri: &Uri,
) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: positions.range(rope, d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code().to_string())),
        code_description: code_description(d.rule),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!d.related.is_empty()).then(|| {
            d.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: match &r.elsewhere {
                        Some(other) => elsewhere_location(other, encoding)
                            .unwrap_or_else(|| Location::new(uri.clone(), Range::default())),
                        None => Location::new(uri.clone(), positions.range(rope, r.span, encoding)),
                    },
                    message: r.message.clone(),
                })
                .collect()
        }),
        tags: None,
        data: None,
    }
}

/// An LSP position from a position the workspace index kept (no text at hand).
pub fn kept_position(at: LineColumns, encoding: Encoding) -> Position {
    let column = match encoding {
        Encoding::Utf8 => at.byte_column,
        Encoding::Utf16 => at.utf16_column,
    };
    Position::new(at.line, column)
}

/// The location of a place in another post (`None` when its path makes no URI).
pub fn elsewhere_location(other: &Elsewhere, encoding: Encoding) -> Option<Location> {
    let uri = Uri::from_file_path(&other.path)?;
    Some(Location::new(
        uri,
        Range::new(
            kept_position(other.start, encoding),
            kept_position(other.end, encoding),
        ),
    ))
}

/// The link to a rule's documentation, parsed once per rule.
fn code_description(rule: Rule) -> Option<CodeDescription> {
    static LINKS: LazyLock<HashMap<Rule, Option<Uri>>> = LazyLock::new(|| {
        Rule::ALL
            .iter()
            .map(|r| (*r, Uri::from_str(&r.doc_url()).ok()))
            .collect()
    });
    LINKS
        .get(&rule)
        .cloned()
        .flatten()
        .map(|href| CodeDescription { href })
}

/// Byte-span edits as LSP text edits.
pub fn text_edits(edits: &[Edit], rope: &Rope, encoding: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(position::range(rope, e.span, encoding), e.new_text.clone()))
        .collect()
}

/// A workspace edit changing one document, versioned when the client allows it.
pub fn workspace_edit(
    uri: &Uri,
    version: i32,
    edits: Vec<TextEdit>,
    document_changes: bool,
) -> WorkspaceEdit {
    if document_changes {
        WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// The title of a quick fix: unsafe fixes say so.
pub fn fix_title(title: &str, applicability: Applicability) -> String {
    match applicability {
        Applicability::Safe => title.to_string(),
        _ => format!("{title} (unsafe)"),
    }
}

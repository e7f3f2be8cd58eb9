//! `textDocument/documentSymbol`: the front matter, then each paper (`N. Title`, its
//! arXiv identifier as detail) with its sections; flat for clients without hierarchy.

use crate::lsp::analysis::{Analysis, PaperOutline};
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::documents::Document;
use crate::lsp::position::{self, Encoding};
use crate::text::ByteSpan;
use ropey::Rope;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri,
};

/// The paper's outline name: `N. Title`, whitespace collapsed.
pub fn paper_name(position_in_post: usize, paper: &PaperOutline) -> String {
    let number = paper
        .number
        .map_or_else(|| (position_in_post + 1).to_string(), |n| n.to_string());
    let title = paper
        .title
        .as_deref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "(no title)".into());
    format!("{number}. {title}")
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named
#[allow(clippy::too_many_arguments)]
fn symbol(
    rope: &Rope,
    encoding: Encoding,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    span: ByteSpan,
    selection: ByteSpan,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    let range = position::range(rope, span, encoding);
    let mut selection_range = position::range(rope, selection, encoding);
    if selection_range.start < range.start || selection_range.end > range.end {
        selection_range = range;
    }
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(empty)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children,
    }
}

/// The outline of the post.
pub fn document_symbols(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    uri: &Uri,
) -> DocumentSymbolResponse {
    let rope = &doc.rope;
    let enc = caps.encoding;
    let mut symbols = Vec::new();
    if let Some(fm) = analysis.front_matter() {
        let children = fm
            .entries
            .iter()
            .map(|e| {
                let value: String = rope
                    .byte_slice(
                        e.value_span.start.min(rope.len_bytes())
                            ..e.value_span.end.min(rope.len_bytes()),
                    )
                    .chars()
                    .take(80)
                    .collect();
                let span = ByteSpan::new(e.key_span.start, e.value_span.end.max(e.key_span.end));
                symbol(
                    rope,
                    enc,
                    e.key.clone(),
                    Some(value),
                    SymbolKind::KEY,
                    span,
                    e.key_span,
                    None,
                )
            })
            .collect();
        let selection = ByteSpan::new(fm.span.start, (fm.span.start + 3).min(fm.span.end));
        symbols.push(symbol(
            rope,
            enc,
            "Front matter".into(),
            None,
            SymbolKind::OBJECT,
            fm.span,
            selection,
            Some(children),
        ));
    }
    for (i, paper) in analysis.papers().enumerate() {
        let children = paper
            .sections
            .iter()
            .map(|s| {
                symbol(
                    rope,
                    enc,
                    s.name.clone(),
                    None,
                    SymbolKind::FIELD,
                    s.span,
                    s.heading,
                    None,
                )
            })
            .collect();
        symbols.push(symbol(
            rope,
            enc,
            paper_name(i, paper),
            paper.arxiv.as_ref().map(|id| id.to_string()),
            SymbolKind::MODULE,
            paper.span,
            paper.heading,
            Some(children),
        ));
    }
    if caps.hierarchical_symbols {
        return DocumentSymbolResponse::Nested(symbols);
    }
    DocumentSymbolResponse::Flat(flatten(symbols, uri))
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be named
fn flatten(symbols: Vec<DocumentSymbol>, uri: &Uri) -> Vec<SymbolInformation> {
    let mut out = Vec::new();
    for parent in symbols {
        out.push(SymbolInformation {
            name: parent.name.clone(),
            kind: parent.kind,
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), parent.range),
            container_name: None,
        });
        for child in parent.children.unwrap_or_default() {
            out.push(SymbolInformation {
                name: child.name,
                kind: child.kind,
                tags: None,
                deprecated: None,
                location: Location::new(uri.clone(), child.range),
                container_name: Some(parent.name.clone()),
            });
        }
    }
    out
}

//! `textDocument/documentLink`: each arXiv identifier in a link opens its abs page.

use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::documents::Document;
use crate::lsp::position;
use std::str::FromStr;
use tower_lsp_server::ls_types::{DocumentLink, Uri};

/// One link per arXiv identifier written in a link's URL.
pub fn document_links(caps: &ClientCaps, doc: &Document, analysis: &Analysis) -> Vec<DocumentLink> {
    analysis
        .arxiv_links()
        .map(|link| DocumentLink {
            range: position::range(&doc.rope, link.id_span, caps.encoding),
            target: Uri::from_str(&link.id.canonical_url()).ok(),
            tooltip: caps
                .link_tooltips
                .then(|| format!("arXiv {} (abs page)", link.id)),
            data: None,
        })
        .collect()
}

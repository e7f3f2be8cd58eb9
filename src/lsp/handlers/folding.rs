//! `textDocument/foldingRange`: the front matter, each paper, each section.

use crate::lsp::analysis::Analysis;
use crate::lsp::documents::Document;
use crate::lsp::position;
use crate::text::ByteSpan;
use ropey::Rope;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

/// Folds from a block's first line to its last non-blank line.
pub fn folding_ranges(doc: &Document, analysis: &Analysis) -> Vec<FoldingRange> {
    let rope = &doc.rope;
    let mut ranges = Vec::new();
    if let Some(fm) = analysis.front_matter().filter(|fm| fm.closed) {
        push(&mut ranges, rope, fm.span);
    }
    for paper in analysis.papers() {
        push(&mut ranges, rope, paper.span);
        for section in &paper.sections {
            push(&mut ranges, rope, section.span);
        }
    }
    ranges
}

fn push(ranges: &mut Vec<FoldingRange>, rope: &Rope, span: ByteSpan) {
    let mut end = span.end.min(rope.len_bytes());
    while end > span.start && rope.byte(end - 1).is_ascii_whitespace() {
        end -= 1;
    }
    if end <= span.start {
        return;
    }
    let start_line = position::line_of(rope, span.start);
    let end_line = position::line_of(rope, end - 1);
    if end_line > start_line {
        ranges.push(FoldingRange {
            start_line: start_line as u32,
            start_character: None,
            end_line: end_line as u32,
            end_character: None,
            kind: Some(FoldingRangeKind::Region),
            collapsed_text: None,
        });
    }
}

//! DL205 section-order: sections out of the configured order.
//! Documentation: `docs/rules/DL205.md`.

use super::line_shape::{next_line, opens_atx_heading, starts_with_single_break};
use super::section_match::{Match, classify_paper};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::Section;
use crate::text::ByteSpan;

/// Reports, once per paper, the first section (in document order) that comes after a
/// section the schema puts later; the range covers its heading text. The unsafe fix
/// moves whole sections into the configured order, offered only when every section of
/// the paper is a configured one and none appears twice.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let sections = classify_paper(&ctx.layout.sections.names, paper);
        // First occurrence of each configured section, in document order.
        let mut firsts: Vec<(&Section, usize)> = Vec::new();
        for (s, m) in &sections {
            if let Some(i) = m.index().filter(|i| !firsts.iter().any(|(_, j)| j == i)) {
                firsts.push((s, i));
            }
        }
        // The first section that follows one the schema puts after it.
        let mut latest: Option<usize> = None;
        let mut misplaced = None;
        for &(s, i) in &firsts {
            match latest {
                Some(j) if j > i => {
                    misplaced = Some((s, i, j));
                    break;
                }
                _ => latest = Some(i),
            }
        }
        let Some((section, index, after)) = misplaced else {
            continue;
        };
        let name = &ctx.layout.sections.names[index];
        let other = &ctx.layout.sections.names[after];
        let earlier = firsts
            .iter()
            .find(|(_, i)| *i == after)
            .map(|(s, _)| s.name_span);
        let mut d = Diagnostic::new(
            Rule::SectionOrder,
            section.name_span,
            format!("{name} section comes after {other}; expected before it"),
        );
        if let Some(span) = earlier {
            d = d.with_related(span, format!("The {other} section"));
        }
        // A section ending in a block left open (`<!--` without `-->`, a code fence
        // never closed) would swallow the headings moved after it.
        let reorderable = sections.iter().all(|(_, m)| *m != Match::Unknown)
            && firsts.len() == sections.len()
            && sections.iter().all(|(s, _)| s.heading.is_some())
            && !sections
                .iter()
                .flat_map(|(s, _)| &s.blocks)
                .any(|&b| ctx.post.blocks[b].left_open(ctx.text));
        if let Some(fix) = reorderable.then(|| reorder(ctx.text, &firsts)).flatten() {
            d = d.with_fix(fix);
        }
        sink.push(d);
    }
}

/// Moves the sections into schema order; the blank runs between sections stay where
/// they are. `sections` are all of the paper's sections, in document order. The edit
/// covers only the run from the first to the last section that moves. None when a line
/// of text follows the run without a blank line: it would continue whatever paragraph
/// now ends the run (a setext paper heading `Title` over `===` would lose its title).
fn reorder(text: &str, sections: &[(&Section, usize)]) -> Option<Fix> {
    // Each section without the blank lines that end it.
    let chunks: Vec<ByteSpan> = sections.iter().map(|(s, _)| chunk(text, s.span)).collect();
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&k| sections[k].1);
    let first = order
        .iter()
        .enumerate()
        .position(|(slot, &k)| slot != k)
        .unwrap_or(0);
    let last = order
        .iter()
        .enumerate()
        .rposition(|(slot, &k)| slot != k)
        .unwrap_or(0);
    let mut out = String::new();
    for slot in first..=last {
        out.push_str(chunks[order[slot]].slice(text));
        if slot < last {
            out.push_str(&text[chunks[slot].end..chunks[slot + 1].start]);
        }
    }
    let region = ByteSpan::new(chunks[first].start, chunks[last].end);
    if !ends_apart(&text[region.end..]) {
        return None;
    }
    Some(Fix::unsafe_(
        "Reorder the sections",
        vec![Edit::replace(region, out)],
    ))
}

/// True when `rest` (the text after a run of sections) is empty, or its first line
/// break is followed by a blank line, the end, or an ATX heading (which no paragraph
/// can take in).
fn ends_apart(rest: &str) -> bool {
    if !rest.starts_with(['\n', '\r']) {
        return rest.is_empty();
    }
    !starts_with_single_break(rest) || opens_atx_heading(next_line(rest))
}

/// `span` up to the end of its last non-blank line (that line's break excluded).
fn chunk(text: &str, span: ByteSpan) -> ByteSpan {
    let raw = span.slice(text);
    let end = span.start + raw.trim_end().len();
    let line_end = text[end..span.end]
        .find(['\n', '\r'])
        .map_or(span.end, |i| end + i);
    ByteSpan::new(span.start, line_end)
}

//! DL306 paper-duplicate: the same identifier (versions ignored) in two paper headings
//! of one post. Documentation: `docs/rules/DL306.md`.

use super::paper_id;
use crate::arxiv::ArxivId;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;
use std::collections::HashMap;

/// Reports every paper after the first whose heading links an identifier already linked
/// by an earlier paper heading; the range is the identifier, the related place is the
/// first paper's identifier. Papers are named by position (`paper 1` is the first), which
/// does not change when DL203 renumbers them.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let mut first: HashMap<ArxivId, (usize, ByteSpan)> = HashMap::new();
    for paper in &ctx.post.papers {
        let Some(pid) = paper_id(ctx, paper) else {
            continue;
        };
        let bare = pid.id.without_version();
        match first.get(&bare) {
            None => {
                first.insert(bare, (paper.position + 1, pid.span));
            }
            Some(&(number, span)) => {
                let message = format!(
                    "Paper {bare} is already listed as paper {number}; expected each paper once"
                );
                sink.push(
                    Diagnostic::new(Rule::PaperDuplicate, pid.span, message)
                        .with_related(span, format!("first listed here as paper {number}")),
                );
            }
        }
    }
}

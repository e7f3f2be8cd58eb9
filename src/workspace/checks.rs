//! DL308 paper-covered-before and DL309 paper-title-conflict: one post's papers against
//! the earlier posts of its site, read from the index. Documentation:
//! `docs/rules/DL308.md`, `docs/rules/DL309.md`.

use super::index::{IndexedPaper, IndexedPost, PaperIndex, PaperRef, Place};
use super::title::{MIN_SHARED_TITLE_CHARS, same_title};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Elsewhere};
use crate::registry::Rule;
use crate::suppression;
use std::path::Path;

/// The DL308 and DL309 findings of the post at `path` (its configuration is `config`),
/// with configured severities and its suppression comments applied, sorted by offset.
/// Empty when the post is not indexed or both rules are off.
pub fn cross_post_findings(index: &PaperIndex, path: &Path, config: &Config) -> Vec<Diagnostic> {
    let (covered, conflict) = (
        config.level(Rule::PaperCoveredBefore),
        config.level(Rule::PaperTitleConflict),
    );
    let (Some(slot), true) = (index.slot(path), covered.is_some() || conflict.is_some()) else {
        return Vec::new();
    };
    let Some(post) = index.post(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen_here = std::collections::HashSet::new();
    for paper in &post.papers {
        let earlier = earlier_in_site(index, slot, post, index.by_id(&paper.id));
        // A repeat inside the post is DL306's; DL308 speaks once, at the first.
        let first_here = seen_here.insert(paper.id.as_str());
        if let (Some(severity), Some(&first), true) = (covered, earlier.first(), first_here) {
            let mut d = covered_before(index, paper, first, earlier.len());
            d.severity = severity;
            out.push(d);
        }
        if let Some(severity) = conflict {
            if let Some(d) = title_differs(index, paper, &earlier) {
                out.push(Diagnostic { severity, ..d });
            } else if let Some(d) = id_differs(index, slot, post, paper) {
                out.push(Diagnostic { severity, ..d });
            }
        }
    }
    suppression::apply_suppressions(&post.suppressions, &mut out);
    out.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
    out
}

/// The references of `refs` in posts of the same site ordered before the post `slot`:
/// the lists are in post order, so those before the post's own first entry.
fn earlier_in_site(
    index: &PaperIndex,
    slot: usize,
    post: &IndexedPost,
    refs: &[PaperRef],
) -> Vec<PaperRef> {
    refs.iter()
        .copied()
        .take_while(|r| r.post != slot)
        .filter(|r| index.get(*r).is_some_and(|(p, _)| index.same_site(p, post)))
        .collect()
}

fn elsewhere(post: &IndexedPost, place: Place) -> Elsewhere {
    Elsewhere {
        path: post.path.clone(),
        start: place.start,
        end: place.end,
    }
}

fn paper_label(paper: &IndexedPaper) -> String {
    match paper.number {
        Some(n) => format!("paper {n}"),
        None => "a paper".to_string(),
    }
}

/// DL308 at the link of `paper`, pointing at the first coverage.
fn covered_before(
    index: &PaperIndex,
    paper: &IndexedPaper,
    first: PaperRef,
    earlier: usize,
) -> Diagnostic {
    let (first_post, first_paper) = index.get(first).expect("a reference of the index");
    let more = match earlier {
        1 => String::new(),
        2 => " and again in 1 post since".to_string(),
        n => format!(" and again in {} posts since", n - 1),
    };
    let message = format!(
        "Paper {} was already covered in {} as {}{more}; readers of the site will read about it again: drop it here or say why it is back",
        paper.id,
        first_post.describe(),
        paper_label(first_paper),
    );
    Diagnostic::new(Rule::PaperCoveredBefore, paper.link.span, message).with_related_elsewhere(
        first_paper.heading.span,
        format!("first covered here, in {}", first_post.describe()),
        elsewhere(first_post, first_paper.heading),
    )
}

/// DL309 when an earlier post gives this identifier a clearly different title.
fn title_differs(
    index: &PaperIndex,
    paper: &IndexedPaper,
    earlier: &[PaperRef],
) -> Option<Diagnostic> {
    let (other_post, other) = earlier
        .iter()
        .filter_map(|&r| index.get(r))
        .find(|(_, other)| {
            !other.title_key.is_empty()
                && !paper.title_key.is_empty()
                && !same_title(&other.title_key, &paper.title_key)
        })?;
    let message = format!(
        "Paper {} is titled “{}” here but “{}” in {}; one of the two links points at the wrong paper",
        paper.id,
        paper.title,
        other.title,
        other_post.describe()
    );
    Some(
        Diagnostic::new(Rule::PaperTitleConflict, paper.link.span, message).with_related_elsewhere(
            other.heading.span,
            format!(
                "titled “{}” here, in {}",
                other.title,
                other_post.describe()
            ),
            elsewhere(other_post, other.heading),
        ),
    )
}

/// DL309 when an earlier post gives this title to another identifier.
fn id_differs(
    index: &PaperIndex,
    slot: usize,
    post: &IndexedPost,
    paper: &IndexedPaper,
) -> Option<Diagnostic> {
    if paper.title_key.chars().count() < MIN_SHARED_TITLE_CHARS {
        return None;
    }
    let earlier = earlier_in_site(index, slot, post, index.by_title_key(&paper.title_key));
    let (other_post, other) = earlier
        .iter()
        .filter_map(|&r| index.get(r))
        .find(|(_, other)| other.id != paper.id)?;
    let message = format!(
        "“{}” links paper {} here but paper {} in {}; one of the two links points at the wrong paper",
        paper.title,
        paper.id,
        other.id,
        other_post.describe()
    );
    Some(
        Diagnostic::new(Rule::PaperTitleConflict, paper.link.span, message).with_related_elsewhere(
            other.heading.span,
            format!(
                "linked to paper {} here, in {}",
                other.id,
                other_post.describe()
            ),
            elsewhere(other_post, other.heading),
        ),
    )
}

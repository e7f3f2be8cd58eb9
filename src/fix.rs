//! The fix engine: apply non-overlapping edits, re-lint, repeat until stable.
//!
//! One engine for `check --fix` and the language server's fix-all.

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity};
use crate::registry::Rule;
use std::collections::BTreeMap;

/// The most passes [`fix_until_stable`] makes before giving up.
pub const MAX_PASSES: usize = 10;

/// Applies `edits` (byte spans of `text`) and returns the new text. Edits are sorted by
/// start; an edit overlapping an earlier one is skipped. Returns the text and how many
/// edits were applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for edit in sorted {
        if edit.span.start < cursor || edit.span.end > text.len() {
            continue;
        }
        if !text.is_char_boundary(edit.span.start) || !text.is_char_boundary(edit.span.end) {
            continue;
        }
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.new_text);
        cursor = edit.span.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// One pass: applies every fix of `diagnostics` at or above `required` whose edits do not
/// overlap an already chosen fix (a fix's edits go in together or not at all).
/// Returns the new text and the rules whose fixes were applied.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    required: Applicability,
) -> (String, Vec<Rule>) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut rules = Vec::new();
    let mut fixes: Vec<(&Diagnostic, &crate::diagnostic::Fix)> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
        .filter(|(_, f)| f.applicability >= required && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(_, f)| (f.span().start, f.span().end));
    for (d, fix) in fixes {
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|&(s, end)| {
                // Two insertions at one point, or any shared byte, overlap.
                (e.span.start < end && s < e.span.end)
                    || (e.span.start == s && (e.span.is_empty() || s == end))
            })
        });
        if overlaps {
            continue;
        }
        for e in &fix.edits {
            taken.push((e.span.start, e.span.end));
            chosen.push(e);
        }
        rules.push(d.rule);
    }
    let (new_text, _) = apply_edits(text, &chosen);
    (new_text, rules)
}

/// The result of [`fix_until_stable`].
#[derive(Debug, Clone, PartialEq)]
pub struct FixOutcome {
    /// The fixed text (the input when nothing applied or the fixes did not converge).
    pub text: String,
    /// How many fixes were applied, per rule.
    pub fixed: BTreeMap<Rule, usize>,
    /// The findings of the final text.
    pub remaining: Vec<Diagnostic>,
    /// Set when the fixes did not settle within [`MAX_PASSES`] or introduced new
    /// findings: the rules involved. The text is then left unchanged.
    pub failed: Option<FixFailure>,
    /// Set when unsafe fixes were asked for but failed as above, so only the safe
    /// fixes were applied (the text is the safe result).
    pub unsafe_skipped: Option<FixFailure>,
}

/// Why a fix run was abandoned.
#[derive(Debug, Clone, PartialEq)]
pub enum FixFailure {
    /// Still changing after [`MAX_PASSES`]: the rules whose fixes kept applying.
    NoConvergence(Vec<Rule>),
    /// A fix introduced findings that were not there before: those rules.
    NewFindings(Vec<Rule>),
}

/// Lints, applies fixes at or above `required`, and repeats until no applicable fix is
/// left. If it does not settle, or the result has more findings of some rule (warnings
/// and errors) than the original, the original text is returned with `failed` set.
/// When unsafe fixes fail that way, the safe ones alone are tried instead, and the
/// failure is kept in `unsafe_skipped`: an unsafe fix (a guessed date, an inserted
/// section) may well clash with the rest of the post; that must not cost the safe fixes.
pub fn fix_until_stable(
    text: &str,
    config: &Config,
    file_name: Option<&str>,
    required: Applicability,
) -> FixOutcome {
    let outcome = attempt(text, config, file_name, required);
    match (&outcome.failed, required) {
        (Some(failure), Applicability::Unsafe) => {
            let safe = attempt(text, config, file_name, Applicability::Safe);
            if safe.failed.is_none() {
                return FixOutcome {
                    unsafe_skipped: Some(failure.clone()),
                    ..safe
                };
            }
            outcome
        }
        _ => outcome,
    }
}

/// One fixing run at `required` (see [`fix_until_stable`]).
fn attempt(
    text: &str,
    config: &Config,
    file_name: Option<&str>,
    required: Applicability,
) -> FixOutcome {
    let original = crate::lint(text, config, file_name);
    let mut current = text.to_string();
    let mut diagnostics = original.clone();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut last_rules = Vec::new();
    for _ in 0..MAX_PASSES {
        let (next, rules) = apply_fixes(&current, &diagnostics, required);
        if rules.is_empty() || next == current {
            let new_rules = new_findings(&original, &diagnostics);
            if !new_rules.is_empty() {
                return FixOutcome {
                    text: text.to_string(),
                    fixed: BTreeMap::new(),
                    remaining: original,
                    failed: Some(FixFailure::NewFindings(new_rules)),
                    unsafe_skipped: None,
                };
            }
            return FixOutcome {
                text: current,
                fixed,
                remaining: diagnostics,
                failed: None,
                unsafe_skipped: None,
            };
        }
        for r in &rules {
            *fixed.entry(*r).or_default() += 1;
        }
        last_rules = rules;
        current = next;
        diagnostics = crate::lint(&current, config, file_name);
    }
    last_rules.sort();
    last_rules.dedup();
    FixOutcome {
        text: text.to_string(),
        fixed: BTreeMap::new(),
        remaining: original,
        failed: Some(FixFailure::NoConvergence(last_rules)),
        unsafe_skipped: None,
    }
}

/// Rules with more findings after fixing than before (a fix that introduced a problem).
/// Counted per rule, not per message: a fix may change the wording of a finding it
/// leaves (a renumbered paper), but must not add one. Info and hint findings do not
/// count: DL204's unsafe fix inserts a placeholder, which DL211 then (rightly) notes.
fn new_findings(before: &[Diagnostic], after: &[Diagnostic]) -> Vec<Rule> {
    let count = |ds: &[Diagnostic]| {
        let mut m: BTreeMap<Rule, usize> = BTreeMap::new();
        for d in ds.iter().filter(|d| d.severity >= Severity::Warning) {
            *m.entry(d.rule).or_default() += 1;
        }
        m
    };
    let (b, a) = (count(before), count(after));
    a.iter()
        .filter(|(rule, n)| b.get(*rule).copied().unwrap_or(0) < **n)
        .map(|(rule, _)| *rule)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::ByteSpan;

    #[test]
    fn applies_sorted_edits_and_skips_overlaps() {
        let a = Edit::replace(ByteSpan::new(0, 1), "A");
        let b = Edit::replace(ByteSpan::new(0, 2), "X");
        let c = Edit::insert(3, "!");
        let (out, n) = apply_edits("abcd", &[&c, &a, &b]);
        assert_eq!(out, "Abc!d");
        assert_eq!(n, 2);
    }

    #[test]
    fn edits_never_split_characters() {
        let e = Edit::replace(ByteSpan::new(1, 2), "x");
        assert_eq!(apply_edits("한", &[&e]).0, "한");
    }
}

//! The fix engine: apply non-overlapping edits, re-lint, repeat until stable.
//!
//! One engine for `check --fix` and the language server's fix-all.

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::registry::{Family, Rule};
use crate::text::ByteSpan;
use std::collections::{BTreeMap, HashMap};

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
/// overlap an already chosen fix (a fix's edits go in together or not at all), leaving
/// out the fixes of `excluded` rules. Returns the new text and the fixes applied.
pub fn apply_fixes<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    required: Applicability,
    excluded: &[Rule],
) -> (String, Vec<AppliedFix<'d>>) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut applied = Vec::new();
    let mut fixes: Vec<(&Diagnostic, &Fix)> = diagnostics
        .iter()
        .filter(|d| !excluded.contains(&d.rule))
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
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if overlaps || !valid {
            continue;
        }
        for e in &fix.edits {
            taken.push((e.span.start, e.span.end));
            chosen.push(e);
        }
        applied.push(AppliedFix { rule: d.rule, fix });
    }
    let (new_text, _) = apply_edits(text, &chosen);
    (new_text, applied)
}

/// A fix applied in one pass, and the finding it came with.
#[derive(Debug, Clone, Copy)]
pub struct AppliedFix<'d> {
    /// The rule of the finding.
    pub rule: Rule,
    /// The fix.
    pub fix: &'d Fix,
}

/// The result of [`fix_until_stable`].
#[derive(Debug, Clone, PartialEq)]
pub struct FixOutcome {
    /// The fixed text (the input when nothing applied or the fixes did not converge).
    pub text: String,
    /// How many fixes were applied, per rule.
    pub fixed: BTreeMap<Rule, usize>,
    /// The findings of the final text. Their fixes that this run could not apply (at or
    /// above the applicability asked for) are removed, so nobody is promised them again.
    pub remaining: Vec<Diagnostic>,
    /// Fixes left out because they created a problem at or next to their own edit (a
    /// bug in that rule's fix); the other fixes were applied.
    pub refused: Vec<RefusedFix>,
    /// Set when the fixes did not settle within [`MAX_PASSES`]. The text is then left
    /// unchanged.
    pub failed: Option<FixFailure>,
    /// Set when unsafe fixes were asked for but did not settle, so only the safe fixes
    /// were applied (the text is the safe result).
    pub unsafe_skipped: Option<FixFailure>,
}

/// A fix that was not applied: applying it put a new finding (a warning or an error) at
/// or next to its own edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFix {
    /// The rule whose fix it was.
    pub rule: Rule,
    /// The rules of the findings it created.
    pub created: Vec<Rule>,
}

/// Why a fix run was abandoned.
#[derive(Debug, Clone, PartialEq)]
pub enum FixFailure {
    /// Still changing after [`MAX_PASSES`]: the rules whose fixes kept applying.
    NoConvergence(Vec<Rule>),
}

/// Lints, applies fixes at or above `required`, and repeats until no applicable fix is
/// left.
///
/// A fix may *reveal* findings that were hidden (closing a quote lets the front matter
/// parse, which shows a duplicate key): that is progress, and the run goes on. A fix
/// that *creates* a warning or error at or next to its own edit (on the lines it
/// touches) is refused: the pass is made again without that rule's fixes, and the rule
/// is named in `refused`. If the fixes do not settle within [`MAX_PASSES`], the original
/// text is returned with `failed` set; when that happens with unsafe fixes, the safe
/// ones alone are tried instead and the failure is kept in `unsafe_skipped`.
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
                // The unsafe fixes were tried and did not settle: they are not offered
                // again as fixable by this run.
                return FixOutcome {
                    remaining: without_unapplied_fixes(safe.remaining, Applicability::Unsafe),
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
    let original = Linted::new(text, config, file_name);
    let mut current = text.to_string();
    let mut linted = original.clone();
    let mut fixed: BTreeMap<Rule, usize> = BTreeMap::new();
    let mut refused: Vec<RefusedFix> = Vec::new();
    let mut last_rules = Vec::new();
    for _ in 0..MAX_PASSES {
        // A pass that created a problem is made again without the fixes blamed for it.
        // A blamed fix that creates the problem on its own too is refused for the rest of
        // the run; one that only clashed with another fix of the pass waits for the next
        // pass. Each retry leaves out at least one more fix, so this ends.
        let mut deferred: Vec<Rule> = Vec::new();
        let accepted = loop {
            let excluded: Vec<Rule> = refused
                .iter()
                .map(|r| r.rule)
                .chain(deferred.iter().copied())
                .collect();
            let (next, applied) = apply_fixes(&current, &linted.shown, required, &excluded);
            if applied.is_empty() || next == current {
                break None;
            }
            let after = Linted::new(&next, config, file_name);
            let created = created_findings(
                &current,
                &linted.everything(),
                &next,
                &after.shown,
                &applied,
            );
            if created.is_empty() {
                let rules: Vec<Rule> = applied.iter().map(|a| a.rule).collect();
                break Some((next, after, rules));
            }
            for (rule, made) in created {
                let alone = if applied.len() == 1 {
                    made
                } else {
                    created_alone(&current, &linted, rule, required, config, file_name)
                };
                if alone.is_empty() {
                    deferred.push(rule);
                    continue;
                }
                match refused.iter_mut().find(|r| r.rule == rule) {
                    Some(r) => r.created.extend(alone),
                    None => refused.push(RefusedFix {
                        rule,
                        created: alone,
                    }),
                }
            }
        };
        let Some((next, after, rules)) = accepted else {
            for r in &mut refused {
                r.created.sort();
                r.created.dedup();
            }
            return FixOutcome {
                text: current,
                fixed,
                remaining: without_unapplied_fixes(linted.shown, required),
                refused,
                failed: None,
                unsafe_skipped: None,
            };
        };
        for r in &rules {
            *fixed.entry(*r).or_default() += 1;
        }
        last_rules = rules;
        current = next;
        linted = after;
    }
    last_rules.sort();
    last_rules.dedup();
    FixOutcome {
        text: text.to_string(),
        fixed: BTreeMap::new(),
        remaining: original.shown,
        refused: Vec::new(),
        failed: Some(FixFailure::NoConvergence(last_rules)),
        unsafe_skipped: None,
    }
}

/// The rules of the findings that the fixes of `rule` alone create in one pass.
fn created_alone(
    text: &str,
    linted: &Linted,
    rule: Rule,
    required: Applicability,
    config: &Config,
    file_name: Option<&str>,
) -> Vec<Rule> {
    let own: Vec<Diagnostic> = linted
        .shown
        .iter()
        .filter(|d| d.rule == rule)
        .cloned()
        .collect();
    let (next, applied) = apply_fixes(text, &own, required, &[]);
    let after = crate::lint(&next, config, file_name);
    created_findings(text, &linted.everything(), &next, &after, &applied)
        .into_iter()
        .flat_map(|(_, made)| made)
        .collect()
}

/// A text's findings: those shown, and those a suppression comment hides. A fix that
/// moves text may move a finding out of a comment's reach (a missing section is
/// reported at the paper's end, which a reorder moves past `disable-next-line`): the
/// finding was there before, only hidden, so it was not made.
#[derive(Debug, Clone)]
struct Linted {
    shown: Vec<Diagnostic>,
    hidden: Vec<Diagnostic>,
}

impl Linted {
    fn new(text: &str, config: &Config, file_name: Option<&str>) -> Self {
        let post = crate::Post::parse(text, config.layout_for(file_name));
        let mut shown = crate::lint_post_unsuppressed(&post, config, file_name);
        let hidden = crate::suppression::take_hidden(&post, &mut shown);
        crate::sort_by_place(&mut shown);
        Linted { shown, hidden }
    }

    /// Every finding, the hidden ones included.
    fn everything(&self) -> Vec<Diagnostic> {
        self.shown.iter().chain(&self.hidden).cloned().collect()
    }
}

/// Drops the fixes at or above `required` from findings left after a run: the run could
/// not apply them, so they must not be offered as fixable again.
fn without_unapplied_fixes(
    mut diagnostics: Vec<Diagnostic>,
    required: Applicability,
) -> Vec<Diagnostic> {
    for d in &mut diagnostics {
        if d.fix.as_ref().is_some_and(|f| f.applicability >= required) {
            d.fix = None;
        }
    }
    diagnostics
}

/// The fixes of `applied` that created a problem: for each, the rules with more warnings
/// or errors on the lines its edits touch after the pass than on the same lines before.
/// A finding elsewhere that appears after a pass was revealed, not made, and is fine.
fn created_findings(
    before_text: &str,
    before: &[Diagnostic],
    after_text: &str,
    after: &[Diagnostic],
    applied: &[AppliedFix<'_>],
) -> Vec<(Rule, Vec<Rule>)> {
    // Every applied edit, in order, with its span in the new text.
    let mut edits: Vec<(usize, &Edit)> = applied
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.fix.edits.iter().map(move |e| (i, e)))
        .collect();
    edits.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut regions: Vec<Vec<(ByteSpan, ByteSpan)>> = vec![Vec::new(); applied.len()];
    let mut shift: isize = 0;
    for (i, e) in edits {
        let new_start = (e.span.start as isize + shift) as usize;
        let new_span = ByteSpan::new(new_start, new_start + e.new_text.len());
        shift += e.new_text.len() as isize - e.span.len() as isize;
        regions[i].push((
            replaced_lines(before_text, e.span, &e.new_text),
            whole_lines(after_text, new_span),
        ));
    }
    // A finding about the post as a whole (no papers at all) has no place of its own;
    // it sits wherever the body starts, which may well be next to an inserted block.
    let serious = |d: &&Diagnostic| d.severity >= Severity::Warning && d.rule != Rule::PostEmpty;
    let touches =
        |span: ByteSpan, region: ByteSpan| span.start <= region.end && region.start <= span.end;
    // Front matter that did not parse before the pass and does now shows its keys to
    // the rules for the first time: what they find there was hidden, not made.
    let broken = |ds: &[Diagnostic]| ds.iter().any(|d| d.rule == Rule::FrontMatterSyntax);
    let front_matter_parses_now = broken(before) && !broken(after);
    // …and so does what other rules find inside it (whitespace in its title, say).
    let newly_parsed = if front_matter_parses_now {
        let start = if after_text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        crate::syntax::front_matter::split(after_text, start).map(|f| f.span)
    } else {
        None
    };
    // A finding that was there before, word for word, and is now inside a fix's region
    // has moved there (a missing section is reported where it belongs, which a reorder
    // shifts), not been made: only a finding whose message is now more frequent counts.
    let (all_before, all_after) = (tally_messages(before), tally_messages(after));
    let more_frequent = |d: &Diagnostic| {
        let key = (d.rule, d.message.as_str());
        all_after.get(&key) > all_before.get(&key)
    };
    let mut created = Vec::new();
    for (a, regions) in applied.iter().zip(&regions) {
        // `hidden`: a region whose findings count as revealed.
        let count = |ds: &[Diagnostic],
                     pick: fn(&(ByteSpan, ByteSpan)) -> ByteSpan,
                     hidden: Option<ByteSpan>| {
            let mut m: BTreeMap<Rule, usize> = BTreeMap::new();
            let revealed = |d: &&Diagnostic| hidden.is_some_and(|h| h.contains_span(d.span));
            for d in ds.iter().filter(serious).filter(|d| !revealed(d)) {
                if regions.iter().any(|r| touches(d.span, pick(r))) {
                    *m.entry(d.rule).or_default() += 1;
                }
            }
            m
        };
        let old = count(before, |r| r.0, None);
        let new = count(after, |r| r.1, newly_parsed);
        let new_words: Vec<Rule> = after
            .iter()
            .filter(|d| new.contains_key(&d.rule) && more_frequent(d))
            .filter(|d| regions.iter().any(|r| touches(d.span, r.1)))
            .map(|d| d.rule)
            .collect();
        let made: Vec<Rule> = new
            .iter()
            .filter(|(rule, n)| old.get(*rule).copied().unwrap_or(0) < **n)
            .filter(|(rule, _)| new_words.contains(rule))
            .map(|(rule, _)| *rule)
            .filter(|rule| !(front_matter_parses_now && rule.family() == Family::FrontMatter))
            .filter(|rule| !reveals(a.rule, *rule))
            .collect();
        if !made.is_empty() {
            created.push((a.rule, made));
        }
    }
    created
}

/// True when a fix by `fixer` can show a finding of `found` that was there all along,
/// so that one appearing next to the fix's edit is revealed, not made.
fn reveals(fixer: Rule, found: Rule) -> bool {
    match fixer {
        // DL402 makes the text what the reader already sees (an invisible character
        // removed, a no-break space made plain): whatever then parses differently was
        // already there for the reader. DL404 corrects a suppression comment: what it
        // stops hiding was there all along.
        Rule::InvisibleCharacter | Rule::SuppressionInvalid => true,
        // A post that gets front matter is read anew: in a layout that takes the paper's
        // title from `title:`, it now has a paper, and what the paper lacks was missing
        // before. Only front matter findings count against DL101.
        Rule::FrontMatterMissing => found.family() != Family::FrontMatter,
        // DL106 quotes a value so that the site reads it as written (all of a title that
        // ` #` cut short, `no` as a word): what rules then find in what it says (a date
        // in the title that is not the post's) was written there already. Only broken
        // YAML counts against it.
        Rule::FrontMatterYaml11Trap => !breaks_yaml(found),
        // DL210 judges the section that ends a paper without a Conclusion; a reorder
        // changes which one that is, not what any section says.
        Rule::SectionOrder => found == Rule::SectionTruncated,
        // DL307 makes a heading name the paper its own links name: when another paper of
        // the post has it, the links said so already; DL306 then asks the author which
        // of the two was mistyped.
        Rule::CompanionLinkMismatch => found == Rule::PaperDuplicate,
        // DL401 reads a title written across lines only once DL201 has joined it onto
        // the heading line: its runs and edges were in the title before.
        Rule::PaperHeadingFormat => found == Rule::TitleWhitespace,
        _ => false,
    }
}

/// The findings that say a front matter block no longer reads as YAML, or not as the
/// mapping it was.
fn breaks_yaml(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::FrontMatterSyntax
            | Rule::TitleStrayQuote
            | Rule::FrontMatterKeyDuplicate
            | Rule::FrontMatterValueType
    )
}

/// How often each warning or error message occurs, by rule.
fn tally_messages(diagnostics: &[Diagnostic]) -> HashMap<(Rule, &str), usize> {
    let mut m: HashMap<(Rule, &str), usize> = HashMap::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        *m.entry((d.rule, d.message.as_str())).or_default() += 1;
    }
    m
}

/// The lines an edit replacing `span` of `text` with `new_text` changes, before it: the
/// whole lines it touches, and the line on the far side of a line break it removes (a
/// join brings that line's text onto this one). A line break the edit keeps at its start
/// or end bounds the region there, as in [`whole_lines`].
fn replaced_lines(text: &str, span: ByteSpan, new_text: &str) -> ByteSpan {
    let inside = &text[span.range()];
    let start = if inside.starts_with(['\n', '\r']) && new_text.starts_with(['\n', '\r']) {
        span.start + 1
    } else {
        text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1)
    };
    let end = if !inside.is_empty() && inside.ends_with('\n') && new_text.ends_with('\n') {
        span.end - 1
    } else {
        text[span.end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| span.end + i)
    };
    ByteSpan::new(start, end.max(start))
}

/// `span` widened to the whole lines it touches (without their line breaks). A span that
/// starts or ends with a line break (inserted whole lines) does not reach into the
/// neighbouring line.
fn whole_lines(text: &str, span: ByteSpan) -> ByteSpan {
    replaced_lines(text, span, &text[span.range()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits_and_skips_overlaps() {
        let a = Edit::replace(ByteSpan::new(0, 1), "A");
        let b = Edit::replace(ByteSpan::new(0, 2), "X");
        let c = Edit::insert(3, "!");
        let (out, n) = apply_edits("abcd", &[&c, &a, &b]);
        assert_eq!(out, "Abc!d");
        assert_eq!(n, 2);
    }

    /// A warning on the line a fix edited is made by the fix; one elsewhere was revealed.
    #[test]
    fn tells_created_findings_from_revealed_ones() {
        let before_text = "# a\nb\nc\n";
        let fix = Fix::safe("Edit", vec![Edit::replace(ByteSpan::new(4, 5), "B")]);
        let applied = [AppliedFix {
            rule: Rule::TitleWhitespace,
            fix: &fix,
        }];
        let after_text = "# a\nB\nc\n";
        let warning = |start, end| {
            Diagnostic::new(Rule::SectionUnknown, ByteSpan::new(start, end), "w")
                .with_severity(Severity::Warning)
        };
        let created = created_findings(before_text, &[], after_text, &[warning(4, 5)], &applied);
        assert_eq!(
            created,
            vec![(Rule::TitleWhitespace, vec![Rule::SectionUnknown])]
        );
        // The same finding on the next line, or already there before: not made by the fix.
        assert!(
            created_findings(before_text, &[], after_text, &[warning(6, 7)], &applied).is_empty()
        );
        assert!(
            created_findings(
                before_text,
                &[warning(4, 5)],
                after_text,
                &[warning(4, 5)],
                &applied
            )
            .is_empty()
        );
        // Info findings never count (a placeholder the fix inserts is noted, by design).
        let info = warning(4, 5).with_severity(Severity::Info);
        assert!(created_findings(before_text, &[], after_text, &[info], &applied).is_empty());
    }

    #[test]
    fn inserted_lines_do_not_reach_their_neighbours() {
        let text = "a\n\n## X\np\nb";
        assert_eq!(whole_lines(text, ByteSpan::new(1, 10)), ByteSpan::new(2, 9));
        assert_eq!(whole_lines(text, ByteSpan::new(4, 5)), ByteSpan::new(3, 7));
    }

    #[test]
    fn edits_never_split_characters() {
        let e = Edit::replace(ByteSpan::new(1, 2), "x");
        assert_eq!(apply_edits("한", &[&e]).0, "한");
    }
}

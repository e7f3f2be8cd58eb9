//! The closing summary line and `--statistics` (findings counted per rule).

use digest_lint::{Applicability, Diagnostic, Rule, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts over every post of a run.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Totals {
    /// Findings per severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Posts with at least one finding.
    pub files_with_findings: usize,
    /// Findings whose fix `--fix` would apply (with the chosen applicability).
    pub fixable: usize,
    /// Findings with an unsafe fix, not counted in `fixable` (no `--unsafe-fixes`).
    pub hidden_unsafe: usize,
    /// Fixes applied by `--fix`.
    pub fixed: usize,
    /// Posts changed by `--fix`.
    pub files_fixed: usize,
    /// Problems that are not findings (files or configurations that could not be used),
    /// printed as `error:` lines.
    pub errors: usize,
    /// Posts that were chosen for checking (read or not).
    pub posts: usize,
}

impl Totals {
    /// Adds one post's remaining findings; `required` is the applicability `--fix` uses.
    pub fn add(&mut self, diagnostics: &[Diagnostic], required: Applicability) {
        if !diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        for d in diagnostics {
            *self.by_severity.entry(d.severity).or_default() += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(a) if a >= required => self.fixable += 1,
                Some(Applicability::Unsafe) => self.hidden_unsafe += 1,
                _ => {}
            }
        }
    }

    /// All findings.
    pub fn total(&self) -> usize {
        self.by_severity.values().sum()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary: `Fixed …` when fixes were applied, then `Found N problems (…) in F files;
/// K fixable with --fix`, `All checks passed`, or `No posts checked`.
pub fn summary_lines(totals: &Totals, unsafe_fixes: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if totals.posts == 0 {
        // Never "All checks passed" when nothing was checked.
        lines.push("No posts checked".into());
        return lines;
    }
    if totals.fixed > 0 {
        lines.push(format!(
            "Fixed {} in {}",
            plural(totals.fixed, "problem", "problems"),
            plural(totals.files_fixed, "file", "files")
        ));
    }
    let total = totals.total();
    if total == 0 {
        lines.push(if totals.errors == 0 {
            "All checks passed".into()
        } else {
            // Errors stop a check (an unreadable file) or a write (a read-only file).
            format!(
                "No problems found in what could be checked; {} reported above",
                plural(totals.errors, "error is", "errors are")
            )
        });
        return lines;
    }
    let parts: Vec<String> = [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "info"),
        (Severity::Hint, "hint", "hints"),
    ]
    .iter()
    .filter_map(|(s, one, many)| {
        totals
            .by_severity
            .get(s)
            .filter(|n| **n > 0)
            .map(|n| plural(*n, one, many))
    })
    .collect();
    let mut line = format!(
        "Found {} ({}) in {}",
        plural(total, "problem", "problems"),
        parts.join(", "),
        plural(totals.files_with_findings, "file", "files")
    );
    if totals.fixable > 0 {
        let flag = if unsafe_fixes {
            "--fix --unsafe-fixes"
        } else {
            "--fix"
        };
        line.push_str(&format!("; {} fixable with {flag}", totals.fixable));
    }
    if totals.hidden_unsafe > 0 && totals.fixable > 0 {
        line.push_str(&format!(
            " ({} more with --fix --unsafe-fixes)",
            totals.hidden_unsafe
        ));
    } else if totals.hidden_unsafe > 0 {
        line.push_str(&format!(
            "; {} fixable with --fix --unsafe-fixes",
            totals.hidden_unsafe
        ));
    }
    if totals.errors > 0 {
        line.push_str(&format!(
            "; {} reported above",
            plural(totals.errors, "error", "errors")
        ));
    }
    lines.push(line);
    lines
}

/// One row of `--statistics`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// Findings of the rule.
    pub count: usize,
    /// Of those, how many `--fix` would fix.
    pub fixable: usize,
    /// Of those, how many have a safe fix (`--fix` applies it).
    pub safe_fixes: usize,
    /// Of those, how many have an unsafe fix (only `--fix --unsafe-fixes` applies it).
    pub unsafe_fixes: usize,
}

/// Findings per rule, most frequent first.
pub fn statistics<'a>(
    all: impl IntoIterator<Item = &'a Diagnostic>,
    required: Applicability,
) -> Vec<RuleCount> {
    let mut counts: BTreeMap<Rule, RuleCount> = BTreeMap::new();
    for d in all {
        let row = counts.entry(d.rule).or_insert_with(|| RuleCount {
            code: d.rule.code(),
            name: d.rule.name(),
            count: 0,
            fixable: 0,
            safe_fixes: 0,
            unsafe_fixes: 0,
        });
        row.count += 1;
        let applicability = d.fix.as_ref().map(|f| f.applicability);
        if applicability.is_some_and(|a| a >= required) {
            row.fixable += 1;
        }
        match applicability {
            Some(Applicability::Safe) => row.safe_fixes += 1,
            Some(Applicability::Unsafe) => row.unsafe_fixes += 1,
            _ => {}
        }
    }
    let mut rows: Vec<RuleCount> = counts.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// `--statistics` as a table under a header: count, code, rule, and how many findings
/// have a safe fix (`--fix`) and an unsafe one (`--fix --unsafe-fixes`); blank for none.
pub fn statistics_table(rows: &[RuleCount]) -> String {
    const HEADER: [&str; 5] = ["Count", "Code", "Rule", "Safe fixes", "Unsafe fixes"];
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .chain([HEADER[0].len()])
        .max()
        .unwrap_or(1);
    let name_width = rows
        .iter()
        .map(|r| r.name.len())
        .chain([HEADER[2].len()])
        .max()
        .unwrap_or(0);
    let (safe_width, unsafe_width) = (HEADER[3].len(), HEADER[4].len());
    let blank_zero = |n: usize| if n == 0 { String::new() } else { n.to_string() };
    let mut out = String::new();
    let mut push = |cells: [String; 5]| {
        let line = format!(
            "{:>count_width$}  {:<5}  {:<name_width$}  {:>safe_width$}  {:>unsafe_width$}",
            cells[0], cells[1], cells[2], cells[3], cells[4]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push(HEADER.map(String::from));
    for r in rows {
        push([
            r.count.to_string(),
            r.code.to_string(),
            r.name.to_string(),
            blank_zero(r.safe_fixes),
            blank_zero(r.unsafe_fixes),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_wording() {
        let mut totals = Totals::default();
        assert_eq!(summary_lines(&totals, false), vec!["No posts checked"]);
        totals.posts = 2;
        assert_eq!(summary_lines(&totals, false), vec!["All checks passed"]);
        totals.by_severity.insert(Severity::Error, 1);
        totals.by_severity.insert(Severity::Warning, 2);
        totals.files_with_findings = 1;
        totals.fixable = 2;
        totals.hidden_unsafe = 1;
        assert_eq!(
            summary_lines(&totals, false),
            vec![
                "Found 3 problems (1 error, 2 warnings) in 1 file; 2 fixable with --fix (1 more with --fix --unsafe-fixes)"
            ]
        );
        // Nothing safe to fix: the unsafe ones are not "more".
        totals.fixable = 0;
        assert_eq!(
            summary_lines(&totals, false),
            vec![
                "Found 3 problems (1 error, 2 warnings) in 1 file; 1 fixable with --fix --unsafe-fixes"
            ]
        );
        totals.fixable = 2;
        totals.fixed = 4;
        totals.files_fixed = 2;
        assert_eq!(
            summary_lines(&totals, false)[0],
            "Fixed 4 problems in 2 files"
        );
    }

    #[test]
    fn statistics_count_safe_and_unsafe_fixes_apart_under_a_header() {
        let row = |code, name, count, safe_fixes, unsafe_fixes| RuleCount {
            code,
            name,
            count,
            fixable: safe_fixes,
            safe_fixes,
            unsafe_fixes,
        };
        let table = statistics_table(&[
            row("DL401", "title-whitespace", 12, 12, 0),
            row("DL204", "section-missing", 3, 0, 2),
            row("DL102", "front-matter-syntax", 1, 0, 0),
        ]);
        assert_eq!(
            table,
            "\
Count  Code   Rule                 Safe fixes  Unsafe fixes
   12  DL401  title-whitespace             12
    3  DL204  section-missing                             2
    1  DL102  front-matter-syntax
"
        );
    }

    #[test]
    fn no_statistics_rows_still_print_the_header() {
        assert_eq!(
            statistics_table(&[]),
            "Count  Code   Rule  Safe fixes  Unsafe fixes\n"
        );
    }
}

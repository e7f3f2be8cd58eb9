//! `--output-format concise`: one line per finding, `path:line:column: CODE severity
//! message`, with `[*]` after the code when `--fix` would fix it (as ruff's concise
//! output marks fixable findings). For blogs with many info findings, where a code frame
//! each is too much to read.

use super::render::FileFindings;
use anstyle::{AnsiColor, Effects, Style};
use digest_lint::text::LineIndex;
use digest_lint::{Applicability, Severity};
use std::fmt::Write;

fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info | Severity::Hint => AnsiColor::Cyan,
    };
    Style::new()
        .fg_color(Some(colour.into()))
        .effects(Effects::BOLD)
}

/// One line per finding of one post; `required` is the applicability `--fix` uses.
/// Colour is added as ANSI escapes (anstream strips them when not on a terminal).
pub fn file_findings(findings: &FileFindings, required: Applicability) -> String {
    let index = LineIndex::new(findings.text);
    let bold = Style::new().effects(Effects::BOLD);
    let mut out = String::new();
    for d in findings.diagnostics {
        let at = index.display_position(findings.text, d.span.start);
        let fixable = d.fix.as_ref().is_some_and(|f| f.applicability >= required);
        let style = severity_style(d.severity);
        let _ = writeln!(
            out,
            "{bold}{}:{}:{}:{bold:#} {style}{}{style:#}{} {} {}",
            findings.display,
            at.line,
            at.column,
            d.rule.code(),
            if fixable { " [*]" } else { "" },
            d.severity.as_str(),
            d.message.replace(['\n', '\r'], " "),
        );
    }
    out
}

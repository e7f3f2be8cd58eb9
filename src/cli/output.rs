//! Printing a `check` run: findings (human, concise, JSON, GitHub, SARIF or statistics), diffs, fixed standard
//! input, problems on standard error, the summary; and the exit status.

use super::check::FileResult;
use super::diff::unified_diff;
use super::render::{FileFindings, render_file};
use super::summary::{Totals, statistics, statistics_table, summary_lines};
use super::{CheckArgs, ExitStatus, OutputFormat};
use digest_lint::Applicability;
use std::io::Write;

/// Everything `check` has to print.
pub struct Report<'a> {
    /// The options.
    pub args: &'a CheckArgs,
    /// Each post, sorted by path.
    pub results: &'a [FileResult],
    /// The applicability `--fix` uses.
    pub required: Applicability,
    /// Problems not tied to one post (paths, configuration files).
    pub errors: &'a [String],
    /// True when a configuration file could not be loaded: with no post checked, its
    /// error is the whole report.
    pub config_failed: bool,
    /// Standard input left out as not a post, under `--fix`: written back unchanged.
    pub stdin_passed_through: Option<&'a [u8]>,
}

impl Report<'_> {
    fn findings(&self) -> impl Iterator<Item = FileFindings<'_>> {
        self.results.iter().filter_map(|r| {
            r.linted.as_ref().map(|l| FileFindings {
                display: &r.display,
                text: &l.text,
                diagnostics: &l.diagnostics,
            })
        })
    }

    fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.results.iter().any(|r| !r.errors.is_empty())
    }

    fn totals(&self) -> Totals {
        let mut totals = Totals {
            errors: self.errors.len() + self.results.iter().map(|r| r.errors.len()).sum::<usize>(),
            posts: self.results.len(),
            ..Totals::default()
        };
        for r in self.results {
            if let Some(linted) = &r.linted {
                totals.add(&linted.diagnostics, self.required);
                totals.fixed += linted.fixed;
                if linted.fixed > 0 {
                    totals.files_fixed += 1;
                }
            }
        }
        totals
    }
}

/// Prints the run and returns the exit status.
pub fn print(report: &Report) -> ExitStatus {
    print_errors(report);
    let args = report.args;
    if args.diff {
        return print_diffs(report);
    }
    // `--fix` on standard input: the fixed text is the output, findings go to stderr.
    let stdin_fixed = args.fix
        && (report.results.iter().any(|r| r.is_stdin) || report.stdin_passed_through.is_some());
    if stdin_fixed {
        let mut stdout = std::io::stdout().lock();
        if let Some(bytes) = report.stdin_passed_through {
            let _ = stdout.write_all(bytes);
        }
        for r in report.results.iter().filter(|r| r.is_stdin) {
            if let Some(text) = r.linted.as_ref().map(|l| &l.text).or(r.original.as_ref()) {
                let _ = stdout.write_all(text.as_bytes());
            } else if let Some(bytes) = &r.passthrough {
                let _ = stdout.write_all(bytes);
            }
        }
        let _ = stdout.flush();
        drop(stdout);
        print_findings(report, findings_stream(args.output_format, true));
    } else {
        print_findings(report, findings_stream(args.output_format, false));
    }
    let fail_on = args.fail_on.severity();
    let failing = report
        .results
        .iter()
        .filter_map(|r| r.linted.as_ref())
        .any(|l| l.diagnostics.iter().any(|d| d.severity >= fail_on));
    if report.has_errors() {
        ExitStatus::Error
    } else if failing {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Where findings go: JSON is written as is (no escape sequences to strip, so it skips
/// anstream's filter); human output goes through anstream, which drops colour when
/// the stream is not a terminal.
fn findings_stream(format: OutputFormat, to_stderr: bool) -> Box<dyn Write> {
    match (format, to_stderr) {
        (OutputFormat::Human | OutputFormat::Concise, false) => Box::new(anstream::stdout()),
        (OutputFormat::Human | OutputFormat::Concise, true) => Box::new(anstream::stderr()),
        (_, false) => Box::new(std::io::stdout().lock()),
        (_, true) => Box::new(std::io::stderr().lock()),
    }
}

/// Every problem that is not a finding, one line each (as printed on standard error).
fn problems(report: &Report) -> Vec<String> {
    let mut all: Vec<String> = report.errors.to_vec();
    for r in report.results {
        all.extend(r.errors.iter().map(|e| format!("{}: {e}", r.display)));
    }
    all
}

fn print_errors(report: &Report) {
    let mut stderr = anstream::stderr().lock();
    for e in report.errors {
        let _ = writeln!(stderr, "error: {e}");
    }
    for r in report.results {
        for e in &r.errors {
            let _ = writeln!(stderr, "error: {}: {e}", r.display);
        }
        for w in &r.warnings {
            let _ = writeln!(stderr, "warning: {}: {w}", r.display);
        }
    }
}

fn print_findings(report: &Report, mut out: impl Write) {
    let args = report.args;
    match (args.output_format, args.statistics) {
        (OutputFormat::Github, _) => {
            for findings in report.findings() {
                let _ = write!(
                    out,
                    "{}",
                    super::github::file_findings(&findings, report.required)
                );
            }
        }
        (OutputFormat::Sarif, _) => {
            let log = super::sarif::log(report.findings(), &problems(report));
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&log).expect("SARIF serialises")
            );
        }
        (OutputFormat::Json, false) => {
            let all: Vec<_> = report
                .findings()
                .flat_map(|f| super::json::file_findings(&f))
                .collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&all).expect("findings serialise")
            );
        }
        (OutputFormat::Json, true) => {
            let rows = statistics(
                report.findings().flat_map(|f| f.diagnostics),
                report.required,
            );
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&rows).expect("statistics serialise")
            );
        }
        (format @ (OutputFormat::Human | OutputFormat::Concise), statistics_only) => {
            if statistics_only {
                let rows = statistics(
                    report.findings().flat_map(|f| f.diagnostics),
                    report.required,
                );
                let _ = write!(out, "{}", statistics_table(&rows));
            } else if format == OutputFormat::Concise {
                for findings in report.findings() {
                    let _ = write!(
                        out,
                        "{}",
                        super::concise::file_findings(&findings, report.required)
                    );
                }
            } else {
                for findings in report.findings() {
                    let _ = write!(out, "{}", render_file(&findings, true, args.unsafe_fixes));
                }
            }
            let totals = report.totals();
            if !(report.config_failed && totals.posts == 0) {
                for line in summary_lines(&totals, args.unsafe_fixes) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }
    let _ = out.flush();
}

/// `--diff`: the diffs on stdout, a count on stderr; 1 when something would change.
fn print_diffs(report: &Report) -> ExitStatus {
    let mut stdout = std::io::stdout().lock();
    let (mut fixes, mut files) = (0, 0);
    for r in report.results {
        let (Some(original), Some(linted)) = (&r.original, &r.linted) else {
            continue;
        };
        let diff = unified_diff(&r.display, original, &linted.text);
        if !diff.is_empty() {
            let _ = stdout.write_all(diff.as_bytes());
            fixes += linted.fixed;
            files += 1;
        }
    }
    let _ = stdout.flush();
    if files > 0 {
        let problems = if fixes == 1 { "problem" } else { "problems" };
        let file_word = if files == 1 { "file" } else { "files" };
        digest_lint::stderr_line!("Would fix {fixes} {problems} in {files} {file_word}");
    } else {
        digest_lint::stderr_line!("No fixes to apply");
    }
    if report.has_errors() {
        ExitStatus::Error
    } else if files > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

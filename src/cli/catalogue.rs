//! `digest-lint rules` (the catalogue as a table or JSON) and `digest-lint explain RULE`.

use super::{CatalogueFormat, ExitStatus};
use digest_lint::registry::{Family, FixAvailability};
use digest_lint::{Applicability, Rule};
use serde::Serialize;
use std::io::Write;

/// One rule of `rules --output-format json`.
#[derive(Debug, Serialize)]
struct RuleEntry {
    code: &'static str,
    name: &'static str,
    family: &'static str,
    /// `error`, `warning`, `info`, `hint`, or `off`.
    default: &'static str,
    /// `always`, `sometimes` or `none`.
    fix_availability: &'static str,
    /// `safe` and/or `unsafe`.
    fix_applicability: Vec<&'static str>,
    doc_url: String,
}

fn default_word(rule: Rule) -> &'static str {
    rule.default_level().map(|s| s.as_str()).unwrap_or("off")
}

/// The fix column: `safe`, `unsafe`, `safe/unsafe` or `—`; `(sometimes)` when only some
/// findings have one.
fn fix_word(rule: Rule) -> String {
    let kinds: Vec<&str> = rule
        .fix_applicabilities()
        .iter()
        .map(|a| super::json::applicability(*a))
        .collect();
    if kinds.is_empty() {
        return "—".into();
    }
    let mut word = kinds.join("/");
    if rule.fix_availability() == FixAvailability::Sometimes {
        word.push_str(" (sometimes)");
    }
    word
}

const FAMILIES: [Family; 4] = [
    Family::FrontMatter,
    Family::Structure,
    Family::Arxiv,
    Family::Text,
];

/// The catalogue as text: one table per family.
pub fn rules_table() -> String {
    let name_width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, family) in FAMILIES.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(family.title());
        out.push('\n');
        for rule in Rule::ALL.iter().filter(|r| r.family() == *family) {
            let line = format!(
                "  {}  {:<name_width$}  {:<7}  {}",
                rule.code(),
                rule.name(),
                default_word(*rule),
                fix_word(*rule)
            );
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.push_str(
        "\nColumns: code, name, default severity (off: only with --select or the config), fix.\n",
    );
    out.push_str("Run `digest-lint explain CODE` for a rule's documentation.\n");
    out
}

/// Prints to standard output, ignoring a closed pipe (`digest-lint rules | head`).
fn print_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// `digest-lint rules`.
pub fn rules(format: CatalogueFormat) -> ExitStatus {
    match format {
        CatalogueFormat::Human => print_out(&rules_table()),
        CatalogueFormat::Json => {
            let entries: Vec<RuleEntry> = Rule::ALL
                .iter()
                .map(|&rule| RuleEntry {
                    code: rule.code(),
                    name: rule.name(),
                    family: rule.family().title(),
                    default: default_word(rule),
                    fix_availability: match rule.fix_availability() {
                        FixAvailability::Always => "always",
                        FixAvailability::Sometimes => "sometimes",
                        FixAvailability::None => "none",
                    },
                    fix_applicability: rule
                        .fix_applicabilities()
                        .iter()
                        .map(|a: &Applicability| super::json::applicability(*a))
                        .collect(),
                    doc_url: rule.doc_url(),
                })
                .collect();
            print_out(
                &(serde_json::to_string_pretty(&entries).expect("catalogue serialises") + "\n"),
            );
        }
    }
    ExitStatus::Success
}

/// `digest-lint explain RULE`: the rule's documentation, or close matches.
pub fn explain(key: &str) -> ExitStatus {
    match Rule::from_code_or_name(key) {
        Some(rule) => {
            let doc = rule.doc();
            print_out(doc);
            if !doc.ends_with('\n') {
                print_out("\n");
            }
            ExitStatus::Success
        }
        None => {
            let mut message = format!(
                "error: `{key}` is not a rule (use a code like DL401 or a name like title-whitespace)"
            );
            let close = digest_lint::Rule::similar(key);
            if !close.is_empty() {
                message.push_str(&format!("; did you mean {}?", close.join(", ")));
            }
            digest_lint::stderr_line!("{message}\nRun `digest-lint rules` for the list.");
            ExitStatus::Error
        }
    }
}

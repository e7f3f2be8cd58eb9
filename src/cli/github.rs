//! `--output-format github`: one GitHub Actions workflow command per finding, which the
//! runner turns into an annotation on the file, line and column of the finding:
//!
//! ```text
//! ::error file=_posts/x.md,line=3,col=33,endLine=3,endColumn=34,title=DL107 title-stray-quote::Title ends with …
//! ```
//!
//! Severities: error → `error`, warning → `warning`, info and hint → `notice`. Lines and
//! columns are 1-based and count characters, as in the human output (the end column is
//! the one after the range). Values are escaped as GitHub's toolkit escapes them: `%`,
//! CR and LF everywhere, and `:` and `,` in properties too.

use super::render::FileFindings;
use digest_lint::text::LineIndex;
use digest_lint::{Applicability, Severity};

/// The workflow command word of a severity.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// Escapes a command's message (GitHub's `escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property's value (GitHub's `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands of one post's findings, one line each. `required` is the
/// applicability `--fix` applies, to say how a fixable finding is fixed.
pub fn file_findings(findings: &FileFindings, required: Applicability) -> String {
    let index = LineIndex::new(findings.text);
    let mut out = String::new();
    for d in findings.diagnostics {
        let start = index.display_position(findings.text, d.span.start);
        let end = index.display_position(findings.text, d.span.end);
        let mut message = d.message.clone();
        if let Some(fix) = &d.fix {
            let how = match fix.applicability {
                Applicability::Safe => Some("digest-lint check --fix"),
                Applicability::Unsafe if required == Applicability::Unsafe => {
                    Some("digest-lint check --fix --unsafe-fixes")
                }
                Applicability::Unsafe => Some("unsafe: digest-lint check --fix --unsafe-fixes"),
                Applicability::DisplayOnly => None,
            };
            if let Some(how) = how {
                message.push_str(&format!("\nFix: {} ({how})", fix.title));
            }
        }
        out.push_str(&format!(
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            command(d.severity),
            escape_property(findings.display),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.rule.code(), d.rule.name())),
            escape_data(&message),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use digest_lint::text::ByteSpan;
    use digest_lint::{Diagnostic, Edit, Fix, Rule};

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A".to_string());
    }

    #[test]
    fn one_command_per_finding_with_character_columns() {
        let text = "---\ntitle: 한😀 \"x\n---\n";
        let quote = text.find('"').unwrap();
        let diagnostics = [
            Diagnostic::new(
                Rule::TitleStrayQuote,
                ByteSpan::new(quote, quote + 1),
                "Title has a stray `\"`",
            )
            .with_fix(Fix::safe(
                "Remove it",
                vec![Edit::delete(ByteSpan::new(quote, quote + 1))],
            )),
            Diagnostic::new(Rule::PlaceholderText, ByteSpan::empty(0), "50% done")
                .with_severity(Severity::Info),
        ];
        let findings = FileFindings {
            display: "_posts/a,b:c.md",
            text,
            diagnostics: &diagnostics,
        };
        assert_eq!(
            file_findings(&findings, Applicability::Safe),
            "::error file=_posts/a%2Cb%3Ac.md,line=2,col=11,endLine=2,endColumn=12,\
             title=DL107 title-stray-quote::Title has a stray `\"`%0AFix: Remove it (digest-lint check --fix)\n\
             ::notice file=_posts/a%2Cb%3Ac.md,line=1,col=1,endLine=1,endColumn=1,\
             title=DL211 placeholder-text::50%25 done\n"
        );
    }
}

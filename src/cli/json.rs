//! JSON output: one object per finding (the schema is docs/json-output.md).

use super::render::FileFindings;
use digest_lint::text::{ByteSpan, DisplayPosition, LineIndex};
use digest_lint::{Applicability, Diagnostic};
use serde::Serialize;

/// One finding.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    path: &'a str,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    start: DisplayPosition,
    end: DisplayPosition,
    fix: Option<JsonFix<'a>>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonEdit<'a> {
    start: DisplayPosition,
    end: DisplayPosition,
    new_text: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonRelated<'a> {
    /// The post the place is in: this finding's post, or another (DL308, DL309).
    path: std::borrow::Cow<'a, str>,
    start: DisplayPosition,
    end: DisplayPosition,
    message: &'a str,
}

/// The JSON objects of one post's findings.
pub fn file_findings<'a>(findings: &FileFindings<'a>) -> Vec<JsonFinding<'a>> {
    let index = LineIndex::new(findings.text);
    let text = findings.text;
    let position = |offset: usize| index.display_position(text, offset);
    let range = |span: ByteSpan| (position(span.start), position(span.end));
    findings
        .diagnostics
        .iter()
        .map(|d: &'a Diagnostic| {
            let (start, end) = range(d.span);
            JsonFinding {
                path: findings.display,
                code: d.rule.code(),
                rule: d.rule.name(),
                severity: d.severity.as_str(),
                message: &d.message,
                start,
                end,
                fix: d.fix.as_ref().map(|fix| JsonFix {
                    applicability: applicability(fix.applicability),
                    message: &fix.title,
                    edits: fix
                        .edits
                        .iter()
                        .map(|e| {
                            let (start, end) = range(e.span);
                            JsonEdit {
                                start,
                                end,
                                new_text: &e.new_text,
                            }
                        })
                        .collect(),
                }),
                related: d
                    .related
                    .iter()
                    .map(|r| match &r.elsewhere {
                        Some(other) => JsonRelated {
                            path: other.path.to_string_lossy(),
                            start: other.start.display(r.span.start),
                            end: other.end.display(r.span.end),
                            message: &r.message,
                        },
                        None => {
                            let (start, end) = range(r.span);
                            JsonRelated {
                                path: findings.display.into(),
                                start,
                                end,
                                message: &r.message,
                            }
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The JSON word of an applicability.
pub fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::DisplayOnly => "display-only",
    }
}

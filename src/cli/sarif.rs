//! `--output-format sarif`: the findings as one SARIF 2.1.0 log, as GitHub code scanning
//! reads it (`github/codeql-action/upload-sarif`).
//!
//! One run: the tool with every rule of the catalogue (code as `id`, name, a short and a
//! full description taken from the rule's documentation, the documentation itself as
//! `help`, its page as `helpUri`, its default level), then a result per finding (`ruleId`,
//! `ruleIndex`, `level`, `message`, one location with a 1-based region: lines, columns in
//! Unicode code points as in the human output, end column exclusive, and the byte range),
//! and an invocation saying whether every file could be checked. Paths are relative URIs
//! against `%SRCROOT%`, the folder digest-lint ran in.

use super::render::FileFindings;
use digest_lint::diagnostic::Elsewhere;
use digest_lint::text::{ByteSpan, DisplayPosition, LineIndex};
use digest_lint::{Diagnostic, Rule, Severity};
use serde_json::{Value, json};
use std::path::Path;

/// The schema a SARIF 2.1.0 log names (OASIS, errata 01).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF level of a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The `## What it checks` section of a rule's documentation.
fn what_it_checks(doc: &str) -> &str {
    let Some(start) = doc.find("## What it checks\n") else {
        return "";
    };
    let section = &doc[start + "## What it checks\n".len()..];
    let end = section.find("\n## ").unwrap_or(section.len());
    section[..end].trim()
}

/// The first sentence of a section's first paragraph, on one line: cut at a `.`, `:`
/// or `;` followed by a space, outside code spans and parentheses (not after "e.g" or
/// "i.e"); a cut at `:` or `;` ends with `.` instead.
fn first_sentence(section: &str) -> String {
    let paragraph: Vec<&str> = section
        .lines()
        .take_while(|l| !l.trim().is_empty() && !l.starts_with("- "))
        .map(str::trim)
        .collect();
    let text = paragraph.join(" ");
    let (mut code, mut depth) = (false, 0usize);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '`' => code = !code,
            '(' if !code => depth += 1,
            ')' if !code => depth = depth.saturating_sub(1),
            '.' | ':' | ';' if !code && depth == 0 => {
                let at_end = chars.get(k + 1).is_none_or(|&(_, n)| n == ' ');
                let abbreviation = text[..i].ends_with("e.g") || text[..i].ends_with("i.e");
                if at_end && !abbreviation {
                    return format!("{}.", &text[..i]);
                }
            }
            _ => {}
        }
    }
    let text = text.trim_end_matches(['.', ':', ';']);
    format!("{text}.")
}

/// The SARIF `reportingDescriptor` of a rule.
fn rule_descriptor(rule: Rule) -> Value {
    let doc = rule.doc();
    let full = what_it_checks(doc);
    json!({
        "id": rule.code(),
        "name": rule.name(),
        "shortDescription": { "text": first_sentence(full) },
        "fullDescription": { "text": full, "markdown": full },
        "helpUri": rule.doc_url(),
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": {
            "enabled": rule.default_level().is_some(),
            "level": level(rule.default_severity()),
        },
        "properties": { "tags": [rule.family().title().to_lowercase()] },
    })
}

/// A path as a URI reference: `/` between segments, every byte but the unreserved
/// ones and `/` percent-encoded; an absolute path becomes a `file://` URI.
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A physical location in another post (a cross-post finding's related place), from the
/// positions the index kept.
fn elsewhere_location(other: &Elsewhere, span: ByteSpan) -> Value {
    let uri = path_uri(&other.path.to_string_lossy());
    let relative = !uri.starts_with("file://");
    let (start, end) = (other.start.display(span.start), other.end.display(span.end));
    physical_location(&uri, relative, start, end)
}

/// A physical location: the file and a 1-based region.
fn location(
    uri: &str,
    relative: bool,
    index: &LineIndex,
    text: &str,
    span: (usize, usize),
) -> Value {
    let start = index.display_position(text, span.0);
    let end = index.display_position(text, span.1);
    physical_location(uri, relative, start, end)
}

/// The SARIF `physicalLocation` of a region between two display positions.
fn physical_location(
    uri: &str,
    relative: bool,
    start: DisplayPosition,
    end: DisplayPosition,
) -> Value {
    let mut artifact = json!({ "uri": uri });
    if relative {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
                "byteOffset": start.offset,
                "byteLength": end.offset.saturating_sub(start.offset),
            }
        }
    })
}

/// The SARIF results of one post's findings.
fn results(findings: &FileFindings) -> Vec<Value> {
    let index = LineIndex::new(findings.text);
    let uri = path_uri(findings.display);
    let relative = !uri.starts_with("file://");
    let text = findings.text;
    findings
        .diagnostics
        .iter()
        .map(|d: &Diagnostic| {
            let rule_index = Rule::ALL
                .iter()
                .position(|r| *r == d.rule)
                .expect("every rule is in the catalogue");
            let mut result = json!({
                "ruleId": d.rule.code(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [location(&uri, relative, &index, text, (d.span.start, d.span.end))],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, r)| {
                        let mut l = match &r.elsewhere {
                            Some(other) => elsewhere_location(other, r.span),
                            None => {
                                location(&uri, relative, &index, text, (r.span.start, r.span.end))
                            }
                        };
                        l["id"] = json!(id);
                        l["message"] = json!({ "text": r.message });
                        l
                    })
                    .collect();
            }
            result
        })
        .collect()
}

/// The SARIF log of a run: every post's findings and the problems that are not findings
/// (each makes the invocation unsuccessful).
pub fn log<'a>(findings: impl Iterator<Item = FileFindings<'a>>, problems: &[String]) -> Value {
    let rules: Vec<Value> = Rule::ALL.iter().map(|&r| rule_descriptor(r)).collect();
    let results: Vec<Value> = findings.flat_map(|f| results(&f)).collect();
    let notifications: Vec<Value> = problems
        .iter()
        .map(|p| json!({ "level": "error", "message": { "text": p } }))
        .collect();
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "digest-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }
        },
        "invocations": [{
            "executionSuccessful": problems.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Ok(cwd) = std::env::current_dir() {
        run["originalUriBaseIds"] = json!({ "%SRCROOT%": { "uri": folder_uri(&cwd) } });
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    })
}

/// The `file://` URI of a folder, ending in `/`.
fn folder_uri(dir: &Path) -> String {
    let mut uri = path_uri(&dir.to_string_lossy());
    if !uri.starts_with("file://") {
        uri = format!("file:///{uri}");
    }
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_descriptions_are_one_sentence() {
        assert_eq!(
            first_sentence("An unbalanced quote in the `title:` value. The range is\nthe quote"),
            "An unbalanced quote in the `title:` value."
        );
        assert_eq!(
            first_sentence("A section (a heading, e.g. `## Method`) with no text:\n- a list"),
            "A section (a heading, e.g. `## Method`) with no text."
        );
        assert_eq!(
            first_sentence("A heading that is not `# N. [Title](URL)`; it is"),
            "A heading that is not `# N. [Title](URL)`."
        );
        for rule in Rule::ALL {
            let short = first_sentence(what_it_checks(rule.doc()));
            assert!(
                short.len() > 20 && short.len() < 400 && !short.contains('\n'),
                "{rule}: {short}"
            );
        }
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            path_uri("_posts/2025-08-31-a b.md"),
            "_posts/2025-08-31-a%20b.md"
        );
        assert_eq!(path_uri("/tmp/한.md"), "file:///tmp/%ED%95%9C.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(folder_uri(Path::new("/site")), "file:///site/");
    }
}

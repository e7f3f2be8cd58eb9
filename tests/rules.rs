//! Rule fixtures: `tests/fixtures/<family>/DLnnn[_case].md`, one snapshot each.
//!
//! A fixture named `DLnnn_ok*.md` must not raise DLnnn; any other must. A sibling
//! `<stem>.toml` replaces the default configuration. The rule under test is always on.
//! Every snapshot holds the findings, the text after safe fixes and after all fixes.

mod common;

use digest_lint::fix::fix_until_stable;
use digest_lint::registry::FixAvailability;
use digest_lint::{Applicability, Config, Rule};
use std::path::{Path, PathBuf};

fn config_for(path: &Path, rule: Rule) -> Config {
    let toml = path.with_extension("toml");
    let mut config = if toml.exists() {
        Config::load(&toml).expect("fixture config")
    } else {
        Config::default()
    };
    if config.level(rule).is_none() {
        config.levels.insert(rule, Some(rule.default_severity()));
    }
    config
}

fn check_shared_invariants(text: &str, rule: Rule, diagnostics: &[digest_lint::Diagnostic]) {
    for d in diagnostics {
        assert!(
            d.span.end <= text.len() && d.span.start <= d.span.end,
            "span out of range: {d:?}"
        );
        assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span splits a char: {d:?}"
        );
        assert!(
            !d.message.ends_with('.'),
            "message ends with a period: {}",
            d.message
        );
        if let Some(fix) = &d.fix {
            assert!(!fix.title.is_empty(), "fix without title: {d:?}");
            assert!(
                d.rule.fix_applicabilities().contains(&fix.applicability),
                "{} emits a {:?} fix but the registry does not declare it",
                d.rule.code(),
                fix.applicability
            );
            assert_ne!(
                d.rule.fix_availability(),
                FixAvailability::None,
                "{} declares no fix but has one",
                d.rule.code()
            );
            for pair in fix.edits.windows(2) {
                assert!(
                    pair[0].span.end <= pair[1].span.start,
                    "overlapping edits in {d:?}"
                );
            }
            for e in &fix.edits {
                assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            }
        } else if d.rule == rule {
            assert_ne!(
                d.rule.fix_availability(),
                FixAvailability::Always,
                "{} must always offer a fix: {d:?}",
                d.rule.code()
            );
        }
    }
}

#[test]
fn fixtures() {
    let seen = std::sync::Mutex::new(std::collections::BTreeSet::new());
    insta::glob!("fixtures/**/*.md", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let code = &stem[..5];
        let rule =
            Rule::from_code_or_name(code).unwrap_or_else(|| panic!("fixture {stem} names no rule"));
        let config = config_for(path, rule);
        let file_name = "2025-08-31-daily-papers-20250831.md";
        let diagnostics = digest_lint::lint(&text, &config, Some(file_name));
        let fires = diagnostics.iter().any(|d| d.rule == rule);
        if stem.contains("_ok") {
            assert!(
                !fires,
                "{stem}: {code} must not fire:\n{}",
                common::render(&text, &diagnostics)
            );
        } else {
            assert!(
                fires,
                "{stem}: {code} must fire:\n{}",
                common::render(&text, &diagnostics)
            );
        }
        check_shared_invariants(&text, rule, &diagnostics);
        for d in &diagnostics {
            if let Some(fix) = &d.fix {
                seen.lock().unwrap().insert((d.rule, fix.applicability));
            }
        }

        let safe = fix_until_stable(&text, &config, Some(file_name), Applicability::Safe);
        assert!(
            safe.failed.is_none(),
            "{stem}: safe fixes failed: {:?}",
            safe.failed
        );
        let all = fix_until_stable(&text, &config, Some(file_name), Applicability::Unsafe);
        assert!(
            all.failed.is_none(),
            "{stem}: unsafe fixes failed: {:?}",
            all.failed
        );
        // Fixing twice changes nothing more.
        let again = fix_until_stable(&all.text, &config, Some(file_name), Applicability::Unsafe);
        assert_eq!(again.text, all.text, "{stem}: fixes are not idempotent");

        // Line endings are kept: a post with only CRLF breaks has only CRLF breaks after
        // fixing, also in inserted lines.
        let bare_lf = |t: &str| {
            t.bytes()
                .enumerate()
                .any(|(i, b)| b == b'\n' && (i == 0 || t.as_bytes()[i - 1] != b'\r'))
        };
        if text.contains("\r\n") && !bare_lf(&text) {
            assert!(
                !bare_lf(&all.text),
                "{stem}: fixing added a bare LF to a CRLF post"
            );
        }
        let shown = |fixed: &str| {
            if fixed == text {
                "(unchanged)\n".to_string()
            } else {
                fixed.replace('\r', "␍")
            }
        };
        let snapshot = format!(
            "{}\n---- after safe fixes ----\n{}\n---- after all fixes ----\n{}",
            common::render(&text, &diagnostics),
            shown(&safe.text),
            shown(&all.text),
        );
        insta::assert_snapshot!(snapshot);
    });
    // Every applicability the registry declares is shown by some fixture.
    let seen = seen.into_inner().unwrap();
    for &rule in Rule::ALL {
        for applicability in rule.fix_applicabilities() {
            assert!(
                seen.contains(&(rule, *applicability)),
                "no fixture shows a {applicability:?} fix of {}",
                rule.code()
            );
        }
    }
}

/// Extracts the first fenced block after `## {section}` in a rule's documentation.
fn doc_example(doc: &str, section: &str) -> Option<String> {
    let start = doc.find(&format!("## {section}\n"))?;
    let rest = &doc[start..];
    let fence = rest.find("```")?;
    let after = &rest[fence..];
    let body_start = after.find('\n')? + 1;
    let body_end = after[body_start..].find("\n```")?;
    Some(after[body_start..body_start + body_end + 1].to_string())
}

/// The posts of a cross-post rule's `## {section}`: every fenced block, each after a
/// line naming its file (`` `_posts/2025-08-30-daily-papers.md`: ``).
fn doc_site(doc: &str, section: &str) -> Vec<(PathBuf, String)> {
    let start = doc.find(&format!("## {section}\n")).unwrap_or(doc.len());
    let body = &doc[start..];
    let end = body[3..].find("\n## ").map_or(body.len(), |e| e + 3);
    let mut posts = Vec::new();
    let mut rest = &body[..end];
    while let Some(fence) = rest.find("\n```") {
        let caption = rest[..fence].lines().last().unwrap_or_default();
        let name = caption.trim().trim_end_matches(':').trim_matches('`');
        let after = &rest[fence + 1..];
        let body_start = after.find('\n').unwrap() + 1;
        let body_end = after[body_start..].find("\n```").unwrap();
        posts.push((
            PathBuf::from(name),
            after[body_start..body_start + body_end + 1].to_string(),
        ));
        rest = &after[body_start + body_end + 4..];
    }
    posts
}

#[test]
fn every_rule_documents_a_failing_and_a_passing_example() {
    let mut problems = Vec::new();
    for &rule in Rule::ALL {
        let doc = rule.doc();
        for section in [
            "What it checks",
            "Why it matters",
            "Example",
            "Instead",
            "Fix",
            "Configuration",
        ] {
            if !doc.contains(&format!("## {section}\n")) {
                problems.push(format!("{}: no `## {section}`", rule.code()));
            }
        }
        let mut config = Config::default();
        config.levels.insert(rule, Some(rule.default_severity()));
        if rule.is_cross_post() {
            // Cross-post rules: the Example is a site of several posts, one of which
            // raises the rule; the Instead site raises it nowhere.
            for (section, expected) in [("Example", true), ("Instead", false)] {
                let site = doc_site(doc, section);
                let raised = digest_lint::workspace::lint_site(&site, &config)
                    .iter()
                    .flatten()
                    .any(|d| d.rule == rule);
                if site.len() < 2 {
                    problems.push(format!(
                        "{}: the {section} is not a site of posts",
                        rule.code()
                    ));
                } else if raised != expected {
                    problems.push(format!("{}: the {section} site is wrong", rule.code()));
                }
            }
            continue;
        }
        let lint = |text: &str| {
            digest_lint::lint(text, &config, Some("2025-08-31-daily-papers-20250831.md"))
        };
        match doc_example(doc, "Example") {
            Some(example) if !lint(&example).iter().any(|d| d.rule == rule) => {
                problems.push(format!("{}: the Example does not raise it", rule.code()))
            }
            None => problems.push(format!("{}: no fenced Example", rule.code())),
            _ => {}
        }
        match doc_example(doc, "Instead") {
            Some(instead) if lint(&instead).iter().any(|d| d.rule == rule) => problems.push(
                format!("{}: the Instead example still raises it", rule.code()),
            ),
            None => problems.push(format!("{}: no fenced Instead example", rule.code())),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

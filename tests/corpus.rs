//! The real posts of `../shared/corpus` (or `$DIGEST_LINT_CORPUS`), read in place.
//!
//! Pins the per-rule counts of each folder and the full findings of chosen posts, and
//! asserts the counts that `SOURCES.md` measured. Skips when the corpus is absent,
//! except under CI, where that is a failure.

mod common;

use digest_lint::fix::fix_until_stable;
use digest_lint::{Applicability, Config, Diagnostic, Rule};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

struct Linted {
    name: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

fn lint_folder(dir: &Path) -> Vec<Linted> {
    let files = common::markdown_files(dir);
    let config = Config::default();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let diagnostics = digest_lint::lint(&text, &config, Some(&name));
            Linted {
                name,
                text,
                diagnostics,
            }
        })
        .collect()
}

/// `CODE name: N findings in M posts`, one line per rule that fired.
fn counts(posts: &[Linted]) -> String {
    let mut per_rule: BTreeMap<Rule, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for post in posts {
        for d in &post.diagnostics {
            let entry = per_rule.entry(d.rule).or_default();
            entry.0 += 1;
            entry.1.insert(&post.name);
        }
    }
    let mut out = format!("{} posts\n", posts.len());
    for (rule, (n, names)) in per_rule {
        out.push_str(&format!(
            "{} {}: {} findings in {} posts\n",
            rule.code(),
            rule.name(),
            n,
            names.len()
        ));
    }
    out
}

fn posts_with(posts: &[Linted], rule: Rule) -> usize {
    posts
        .iter()
        .filter(|p| p.diagnostics.iter().any(|d| d.rule == rule))
        .count()
}

fn findings(posts: &[Linted], rule: Rule) -> Vec<(&str, &str)> {
    posts
        .iter()
        .flat_map(|p| {
            p.diagnostics
                .iter()
                .filter(move |d| d.rule == rule)
                .map(move |d| (p.name.as_str(), d.span.slice(&p.text)))
        })
        .collect()
}

fn full(post: &Linted) -> String {
    common::render(&post.text, &post.diagnostics)
}

#[test]
fn seed_post() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let posts = lint_folder(&corpus.join("seed"));
    let seed = &posts[0];
    let stray: Vec<&Diagnostic> = seed
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::TitleStrayQuote)
        .collect();
    assert_eq!(stray.len(), 1);
    let p = seed.diagnostics[0].span;
    let pos = digest_lint::text::LineIndex::new(&seed.text)
        .display_position(&seed.text, stray[0].span.start);
    assert_eq!((pos.line, stray[0].span.slice(&seed.text)), (3, "\""));
    assert!(p.start <= stray[0].span.start);
    // Six paper titles with runs of spaces, each range just the run.
    let runs = findings(&posts, Rule::TitleWhitespace);
    let titles: BTreeSet<usize> = seed
        .diagnostics
        .iter()
        .filter(|d| d.rule == Rule::TitleWhitespace)
        .map(|d| seed.text[..d.span.start].lines().count())
        .collect();
    assert_eq!(titles.len(), 6, "{runs:?}");
    assert!(
        runs.iter()
            .all(|(_, s)| !s.is_empty() && s.chars().all(char::is_whitespace))
    );
    insta::assert_snapshot!("seed", full(seed));
}

#[test]
fn hahngt_counts() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let posts = lint_folder(&corpus.join("hahngt"));
    assert_eq!(posts.len(), 92);
    // Measured in SOURCES.md.
    assert_eq!(posts_with(&posts, Rule::TitleStrayQuote), 16);
    let titles_with_runs: BTreeSet<(&str, usize)> = posts
        .iter()
        .flat_map(|p| {
            p.diagnostics
                .iter()
                .filter(|d| d.rule == Rule::TitleWhitespace)
                .map(move |d| (p.name.as_str(), p.text[..d.span.start].lines().count()))
        })
        .collect();
    assert_eq!(titles_with_runs.len(), 111);
    let misspelled = findings(&posts, Rule::TagMisspelled);
    assert!(
        misspelled.iter().all(|(_, tag)| *tag == "hugginface"),
        "{misspelled:?}"
    );
    assert_eq!(posts_with(&posts, Rule::TagMisspelled), 85);
    assert_eq!(findings(&posts, Rule::ArxivLinkNoncanonical).len(), 49);
    assert_eq!(
        findings(&posts, Rule::TitleMarkup).len(),
        2,
        "<think> and </think>"
    );
    assert_eq!(posts_with(&posts, Rule::PostEmpty), 1);
    // What real posts do on purpose is never flagged.
    for rule in [
        Rule::SectionUnknown,
        Rule::SectionMissing,
        Rule::SectionOrder,
        Rule::PaperPreamble,
        Rule::PaperHeadingFormat,
        Rule::PaperNumbering,
        Rule::CompanionLinkMismatch,
    ] {
        assert_eq!(
            findings(&posts, rule),
            Vec::<(&str, &str)>::new(),
            "{}",
            rule.code()
        );
    }
    insta::assert_snapshot!("hahngt_counts", counts(&posts));
}

#[test]
fn hahngt_history_counts() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let posts = lint_folder(&corpus.join("hahngt-history"));
    assert_eq!(posts.len(), 50);
    assert_eq!(posts_with(&posts, Rule::TitleStrayQuote), 34);
    assert_eq!(findings(&posts, Rule::PaperHeadingLevel).len(), 20);
    // The 12 link texts broken across lines, each with the safe join.
    let broken: Vec<_> = posts
        .iter()
        .flat_map(|p| p.diagnostics.iter())
        .filter(|d| d.rule == Rule::PaperHeadingFormat)
        .collect();
    assert_eq!(broken.len(), 12);
    assert!(broken.iter().all(|d| d.fix.is_some()));
    // Stray `제목:` / `arXiv:` lines under 20 paper headings.
    assert_eq!(findings(&posts, Rule::PaperPreamble).len(), 20);
    // Papers cut off by the generator: missing Results / Limitations / Conclusion.
    let missing = |name: &str| {
        posts
            .iter()
            .flat_map(|p| p.diagnostics.iter())
            .filter(|d| d.rule == Rule::SectionMissing && d.message.contains(&format!(" {name} ")))
            .count()
    };
    assert_eq!(
        (
            missing("Results"),
            missing("Limitations"),
            missing("Conclusion")
        ),
        (34, 40, 40)
    );
    // Sections ending mid-sentence: 30 Method and 6 Results (SOURCES.md).
    let truncated = findings(&posts, Rule::SectionTruncated);
    assert_eq!(truncated.len(), 36);
    assert_eq!(posts_with(&posts, Rule::PostEmpty), 1);
    insta::assert_snapshot!("hahngt_history_counts", counts(&posts));
}

#[test]
fn chosen_posts() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    for (folder, name) in [
        ("hahngt", "2025-09-23-Arxiv.md"),
        ("hahngt", "2025-12-26-daily-papers-20251226.md"),
        ("hahngt", "2025-09-11-daily-papers-20250911.md"),
        ("hahngt-history", "2025-08-29-daily-papers__7fd28d5d0b29.md"),
    ] {
        let path = corpus.join(folder).join(name);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let diagnostics = digest_lint::lint(&text, &Config::default(), Some(name));
        let post = Linted {
            name: name.to_string(),
            text,
            diagnostics,
        };
        insta::assert_snapshot!(name.replace('.', "_"), full(&post));
    }
}

/// Every corpus post: fixing converges, fixing twice equals fixing once, no fixable
/// finding is left, and a post without findings is byte-identical after fixing.
#[test]
fn fixes_converge_on_every_post() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let config = Config::default();
    for folder in ["seed", "hahngt", "hahngt-history"] {
        for post in lint_folder(&corpus.join(folder)) {
            for required in [Applicability::Safe, Applicability::Unsafe] {
                let once = fix_until_stable(&post.text, &config, Some(&post.name), required);
                assert!(once.failed.is_none(), "{}: {:?}", post.name, once.failed);
                let left: Vec<_> = once
                    .remaining
                    .iter()
                    .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= required))
                    .map(|d| format!("{} {}", d.rule.code(), d.message))
                    .collect();
                assert!(
                    left.is_empty(),
                    "{}: fixable findings left: {left:?}",
                    post.name
                );
                let twice = fix_until_stable(&once.text, &config, Some(&post.name), required);
                assert_eq!(twice.text, once.text, "{}: not idempotent", post.name);
                if post.diagnostics.is_empty() {
                    assert_eq!(once.text, post.text, "{}: clean post changed", post.name);
                }
            }
        }
    }
}

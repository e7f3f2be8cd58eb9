//! `check --fix --unsafe-fixes` on a copy of the whole corpus: one run leaves no fixable
//! finding, a second changes nothing, and `--diff` on the original shows the same
//! changes and writes nothing.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_digest-lint");

/// Copies a post; the copy is writable even though the corpus is read-only.
fn copy_post(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    let mut permissions = std::fs::metadata(to).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(to, permissions).unwrap();
}

fn copy_corpus(corpus: &Path, site: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for folder in ["seed", "hahngt", "hahngt-history"] {
        let target = site.join(folder).join("_posts");
        std::fs::create_dir_all(&target).unwrap();
        for entry in std::fs::read_dir(corpus.join(folder)).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                copy_post(&path, &target.join(path.file_name().unwrap()));
                names.push(format!(
                    "{folder}/_posts/{}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    names.sort();
    names
}

fn snapshot(site: &Path, names: &[String]) -> BTreeMap<String, String> {
    names
        .iter()
        .map(|n| (n.clone(), std::fs::read_to_string(site.join(n)).unwrap()))
        .collect()
}

fn run(site: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .arg(site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap(), stdout, stderr)
}

/// The removed and added lines of a unified diff (headers skipped), counted.
fn diff_lines(diff: &str) -> BTreeMap<(char, String), usize> {
    let mut lines = BTreeMap::new();
    for line in diff.lines() {
        if line.starts_with("---") || line.starts_with("+++") {
            continue;
        }
        if let Some(kind @ ('-' | '+')) = line.chars().next() {
            *lines.entry((kind, line[1..].to_string())).or_default() += 1;
        }
    }
    lines
}

/// The same count computed from the files before and after fixing.
fn changed_lines(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> BTreeMap<(char, String), usize> {
    let mut lines = BTreeMap::new();
    for (name, old) in before {
        let new = &after[name];
        let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
        for change in diff.iter_all_changes() {
            let kind = match change.tag() {
                similar::ChangeTag::Delete => '-',
                similar::ChangeTag::Insert => '+',
                similar::ChangeTag::Equal => continue,
            };
            let text = change.value().trim_end_matches(['\n', '\r']).to_string();
            *lines.entry((kind, text)).or_default() += 1;
        }
    }
    lines
}

#[test]
fn one_fix_run_fixes_everything_fixable_and_diff_agrees() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let names = copy_corpus(&corpus, site.path());
    let original = snapshot(site.path(), &names);

    let (code, diff, _) = run(site.path(), &["check", "--diff", "--unsafe-fixes"]);
    assert_eq!(code, 1, "the corpus has fixable findings");
    assert_eq!(
        snapshot(site.path(), &names),
        original,
        "--diff wrote files"
    );

    let (_, _, stderr) = run(
        site.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--output-format",
            "json",
        ],
    );
    assert!(!stderr.contains("error:"), "{stderr}");
    let fixed = snapshot(site.path(), &names);
    assert_ne!(fixed, original);

    let (_, json, _) = run(
        site.path(),
        &["check", "--unsafe-fixes", "--output-format", "json"],
    );
    let findings: Vec<Value> = serde_json::from_str(&json).unwrap();
    let fixable: Vec<&Value> = findings.iter().filter(|f| !f["fix"].is_null()).collect();
    assert!(
        fixable.is_empty(),
        "fixable findings left after one run: {fixable:#?}"
    );

    let (code, again, _) = run(site.path(), &["check", "--diff", "--unsafe-fixes"]);
    assert_eq!(
        (code, again.trim()),
        (0, ""),
        "a second run would change more"
    );

    assert_eq!(
        diff_lines(&diff),
        changed_lines(&original, &fixed),
        "--diff and --fix disagree"
    );
}

#[test]
fn fixing_the_seed_quotes_its_title_and_collapses_its_paper_titles() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let site = tempfile::tempdir().unwrap();
    let posts = site.path().join("_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let name = "2025-08-31-daily-papers-20250831.md";
    copy_post(&corpus.join("seed").join(name), &posts.join(name));

    let (code, report, _) = run(site.path(), &["check", "--fix"]);
    assert_eq!(code, 0, "only info findings are left: {report}");
    assert!(report.contains("Fixed 7 problems"), "{report}");
    let fixed = std::fs::read_to_string(posts.join(name)).unwrap();
    assert_eq!(
        fixed.lines().nth(2),
        Some("title: \"Daily Papers — 2025-08-31\"")
    );
    let headings: Vec<&str> = fixed.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(headings.len(), 10);
    assert!(headings.iter().all(|h| !h.contains("  ")), "{headings:?}");

    let (code, diff, _) = run(site.path(), &["check", "--diff"]);
    assert_eq!((code, diff.trim()), (0, ""), "a second run changes nothing");
}

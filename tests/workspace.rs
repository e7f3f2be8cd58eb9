//! The blog as a workspace: DL308 paper-covered-before and DL309 paper-title-conflict
//! across the posts of a site, through the command line on real files
//! (`tests/sites/`), and DL308 on the real corpus against a separate simple count.

mod common;

use common::run;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// `(post, line, code, related post, related line)` of every DL308/DL309 finding.
fn cross_post(json: &str) -> Vec<(String, u64, String, String, u64)> {
    let findings: Vec<Value> = serde_json::from_str(json).unwrap();
    findings
        .iter()
        .map(|f| {
            let related = &f["related"][0];
            (
                file_name(f["path"].as_str().unwrap()),
                f["start"]["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
                file_name(related["path"].as_str().unwrap()),
                related["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_site_reports_papers_covered_before_and_title_conflicts() {
    let out = run(
        &repo(),
        &[
            "check",
            "--select",
            "DL308,DL309",
            "--output-format",
            "json",
            "tests/sites/mixed",
        ],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let e = |post: &str, line, code: &str, rel: &str, rel_line| {
        (
            post.to_string(),
            line,
            code.to_string(),
            rel.to_string(),
            rel_line,
        )
    };
    assert_eq!(
        cross_post(&out.stdout),
        vec![
            // Same day: the morning post's file name sorts first, so it is the earlier;
            // `v2` and a one-letter typo are the same paper under the same title.
            e(
                "2025-08-31-a-morning.md",
                7,
                "DL308",
                "2025-08-30-daily-papers.md",
                6
            ),
            // The first paper's DL308 is suppressed by a comment; the old-style
            // identifier with a version is the same paper, its title the same after
            // markup, case and punctuation.
            e(
                "2025-08-31-b-evening.md",
                8,
                "DL308",
                "2025-08-30-daily-papers.md",
                7
            ),
            e(
                "2025-08-31-b-evening.md",
                9,
                "DL308",
                "2025-08-31-a-morning.md",
                6
            ),
            e(
                "2025-08-31-b-evening.md",
                9,
                "DL309",
                "2025-08-31-a-morning.md",
                6
            ),
            // One title under two identifiers.
            e(
                "2025-09-02-daily-papers.md",
                6,
                "DL309",
                "2025-08-30-daily-papers.md",
                8
            ),
        ],
        "the other site's post covers 2508.20751 too, but is another site"
    );
    let findings: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let first = &findings[0];
    assert!(
        first["message"].as_str().unwrap().contains(
            "already covered in the post of 2025-08-30 (“Daily Papers 2025-08-30”) as paper 1"
        ),
        "{first}"
    );
    // The related place is the earlier post's paper heading, column by column.
    assert_eq!(first["related"][0]["start"]["column"], 1);
    assert_eq!(first["related"][0]["end"]["column"], 66);
}

#[test]
fn human_and_sarif_output_name_the_other_post() {
    let human = run(
        &repo(),
        &["check", "--select", "DL308", "tests/sites/mixed/_posts"],
    );
    assert!(
        human.stdout.contains(
            "note: first covered here, in the post of 2025-08-30 (“Daily Papers 2025-08-30”) (tests/sites/mixed/_posts/2025-08-30-daily-papers.md:6:1)"
        ),
        "{}",
        human.stdout
    );
    let sarif = run(
        &repo(),
        &[
            "check",
            "--select",
            "DL309",
            "--output-format",
            "sarif",
            "tests/sites/mixed",
        ],
    );
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let related = &results[1]["relatedLocations"][0]["physicalLocation"];
    assert_eq!(
        related["artifactLocation"]["uri"],
        "tests/sites/mixed/_posts/2025-08-30-daily-papers.md"
    );
    assert_eq!(related["region"]["startLine"], 8);
}

#[test]
fn a_post_checked_alone_has_nothing_to_compare_with() {
    let out = run(
        &repo(),
        &[
            "check",
            "--select",
            "DL308,DL309",
            "tests/sites/mixed/_posts/2025-08-31-b-evening.md",
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn fixing_leaves_cross_post_findings_without_calling_the_fix_failed() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir(&posts).unwrap();
    for name in ["2025-08-30-daily-papers.md", "2025-08-31-a-morning.md"] {
        std::fs::copy(
            repo().join("tests/sites/mixed/_posts").join(name),
            posts.join(name),
        )
        .unwrap();
    }
    // A fixable DL302 on the covered paper's line: fixing moves nothing DL308 needs.
    let morning = posts.join("2025-08-31-a-morning.md");
    let text = std::fs::read_to_string(&morning).unwrap().replace(
        "https://arxiv.org/abs/2508.20751v2",
        "http://arxiv.org/abs/2508.20751v2",
    );
    std::fs::write(&morning, text).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--fix",
            "--select",
            "DL302,DL308",
            "--output-format",
            "json",
            ".",
        ],
    );
    assert_eq!(out.code, 1, "findings are left, nothing failed: {out:?}");
    assert!(!out.stderr.contains("not applied"), "{}", out.stderr);
    let after = std::fs::read_to_string(&morning).unwrap();
    assert!(
        after.contains("(https://arxiv.org/abs/2508.20751v2)"),
        "{after}"
    );
    let found = cross_post(&out.stdout);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "DL308");
}

/// The corpus's repeated papers, counted simply: a paper heading whose identifier an
/// earlier post (by file name, which starts with the post's date) already linked.
fn simple_repeat_count(dir: &Path) -> usize {
    let heading = regex::Regex::new(
        r"(?m)^#{1,6}\s*\d+\.\s*\[[^\n]*?\]\(\s*https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(?:arXiv:)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})",
    )
    .unwrap();
    let files = common::markdown_files(dir);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut repeats = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let ids: BTreeSet<String> = heading
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        repeats += ids.iter().filter(|id| seen.contains(*id)).count();
        seen.extend(ids);
    }
    repeats
}

#[test]
fn corpus_papers_covered_before() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let dir = corpus.join("hahngt");
    let expected = simple_repeat_count(&dir);
    assert_eq!(expected, 70, "the simple count of repeated papers");
    // Named files: the corpus folders have no `_posts` folder.
    let mut args: Vec<String> = [
        "check",
        "--select",
        "DL308,DL309",
        "--output-format",
        "json",
    ]
    .map(String::from)
    .to_vec();
    let names = common::markdown_names(&dir);
    args.extend(names);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&dir, &args);
    let found = cross_post(&out.stdout);
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &found {
        *per_rule.entry(f.2.as_str()).or_default() += 1;
    }
    assert_eq!(per_rule.get("DL308").copied().unwrap_or(0), expected);
    // No identifier of the corpus appears under two different titles.
    assert_eq!(per_rule.get("DL309"), None, "{found:?}");
}

#[test]
fn papers_lists_every_identifier_of_the_corpus_with_its_posts() {
    let Some(corpus) = common::corpus_dir() else {
        return;
    };
    let dir = corpus.join("hahngt");
    let names = common::markdown_names(&dir);
    let mut args = vec!["papers", "--output-format", "json"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&dir, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let papers: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    // SOURCES.md: 787 paper entries, 717 distinct arXiv identifiers, 48 in more than one post.
    let coverages: usize = papers
        .iter()
        .map(|p| p["posts"].as_array().unwrap().len())
        .sum();
    let repeated = papers
        .iter()
        .filter(|p| p["posts"].as_array().unwrap().len() > 1)
        .count();
    assert_eq!((papers.len(), coverages, repeated), (717, 787, 48));
    // Each coverage names a post that links the identifier on that line.
    for paper in &papers {
        for post in paper["posts"].as_array().unwrap() {
            let text = std::fs::read_to_string(dir.join(post["path"].as_str().unwrap())).unwrap();
            let line = text
                .lines()
                .nth(post["line"].as_u64().unwrap() as usize - 1)
                .unwrap();
            assert!(line.contains(paper["id"].as_str().unwrap()), "{line}");
        }
    }
}

#[test]
fn papers_prints_a_table() {
    let out = run(&repo(), &["papers", "tests/sites/mixed/_posts"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["IDENTIFIER", "POSTS", "FIRST", "LAST", "TITLE"]
    );
    assert!(
        lines.contains(
            &"hep-th/0112019      2  2025-08-30  2025-08-31  Noncommutative Strings, Revisited"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(
        lines.last(),
        Some(&"6 papers in 4 posts; 3 in more than one post")
    );
    // A path that does not exist: the error alone, no empty table.
    let missing = run(&repo(), &["papers", "no/such/folder"]);
    assert_eq!(
        (missing.code, missing.stdout.as_str()),
        (2, ""),
        "{missing:?}"
    );
    assert!(
        missing.stderr.contains("no such file or folder"),
        "{missing:?}"
    );
}

/// The README's three lines for a generator, run by bash as written (needs jq).
#[test]
fn readme_generator_example_skips_covered_papers() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("```sh\ndigest-lint papers --output-format json")
        .expect("the example in the README");
    let body = &readme[start + "```sh\n".len()..];
    let script = &body[..body.find("```").unwrap()];
    assert_eq!(script.lines().count(), 3, "{script}");
    if std::process::Command::new("jq")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(std::env::var("CI").is_err(), "jq is needed under CI");
        eprintln!("skipping: jq is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir(&posts).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/sites/mixed/_posts")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), posts.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        dir.path().join("candidates.txt"),
        "2508.20751\n2509.31337\nhep-th/0112019\n2509.31338\n",
    )
    .unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_digest-lint"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("bash")
        .args(["-c", script])
        .current_dir(dir.path())
        .env("PATH", path)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("new.txt")).unwrap(),
        "2509.31337\n2509.31338\n"
    );
}

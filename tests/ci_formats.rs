//! What CI and pre-commit hooks see: `--output-format github` (workflow commands),
//! `--output-format sarif` (SARIF 2.1.0 for code scanning) and `--posts-only`.
//!
//! The SARIF log is checked here structurally (the shape GitHub code scanning reads,
//! and the positions against the JSON output); `tests/editors/test_sarif.py` validates
//! it against the published SARIF 2.1.0 JSON schema as well.

mod common;

use common::{Run, post, run};
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

const CLEAN: &str = "Long Context Training";
/// Runs of spaces after Hangul and an emoji (DL401, with character columns).
const MESSY: &str = "한글 😀  Long   Context";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn write(dir: &Path, relative: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A site with a post that has warnings (DL401 twice), an info (DL211 placeholder) and a
/// comma in its file name, and a clean post.
fn site() -> tempfile::TempDir {
    let dir = repo();
    write(
        dir.path(),
        "_posts/2025-08-31-a,b.md",
        post(MESSY, "정보 부족"),
    );
    write(
        dir.path(),
        "_posts/2025-08-30-clean.md",
        // Another paper: the same one in both posts would be DL308 (and DL309, the
        // titles differ).
        post(CLEAN, "학습 비용이 크다.")
            .replace("2025-08-31", "2025-08-30")
            .replace("2508.20751", "2508.20722"),
    );
    dir
}

#[test]
fn github_annotations_match_the_findings() {
    let dir = site();
    let findings = json(
        &run(
            dir.path(),
            &["check", "--output-format", "json", "--fail-on", "info"],
        )
        .stdout,
    );
    let findings = findings.as_array().unwrap();
    assert_eq!(
        findings
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["DL401", "DL401", "DL211"]
    );
    let github = run(dir.path(), &["check", "--output-format", "github"]);
    assert_eq!(github.code, 1, "{github:?}");
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{}", github.stdout);
    for (line, f) in lines.iter().zip(findings) {
        let command = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let expected_start = format!(
            "::{command} file=_posts/2025-08-31-a%2Cb.md,line={},col={},endLine={},endColumn={},title={} {}::{}",
            f["start"]["line"],
            f["start"]["column"],
            f["end"]["line"],
            f["end"]["column"],
            f["code"].as_str().unwrap(),
            f["rule"].as_str().unwrap(),
            f["message"].as_str().unwrap().replace('%', "%25"),
        );
        assert!(
            line.starts_with(&expected_start),
            "{line}\n{expected_start}"
        );
    }
    // The first DL401 is the run of two spaces after `😀`: characters, not bytes.
    assert!(
        lines[0].contains("line=9,col=11,endLine=9,endColumn=13,"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("%0AFix: Replace with one space (digest-lint check --fix)"),
        "{}",
        lines[0]
    );
    // Nothing else on standard output: no summary.
    assert!(github.stdout.lines().all(|l| l.starts_with("::")));
    // Clean: no output, exit 0.
    let clean = run(
        dir.path(),
        &[
            "check",
            "--output-format",
            "github",
            "_posts/2025-08-30-clean.md",
        ],
    );
    assert_eq!((clean.code, clean.stdout.as_str()), (0, ""), "{clean:?}");
    // --statistics does not combine with it.
    let stats = run(
        dir.path(),
        &["check", "--output-format", "github", "--statistics"],
    );
    assert_eq!(stats.code, 2, "{stats:?}");
}

#[test]
fn sarif_log_is_what_code_scanning_reads() {
    let dir = site();
    let catalogue = json(&run(dir.path(), &["rules", "--output-format", "json"]).stdout);
    let catalogue = catalogue.as_array().unwrap();
    let findings = json(&run(dir.path(), &["check", "--output-format", "json"]).stdout);
    let findings = findings.as_array().unwrap();

    let sarif_run = run(dir.path(), &["check", "--output-format", "sarif"]);
    assert_eq!(sarif_run.code, 1, "{sarif_run:?}");
    let log = json(&sarif_run.stdout);
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-schema-2.1.0.json")
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let sarif = &runs[0];
    let driver = &sarif["tool"]["driver"];
    assert_eq!(driver["name"], "digest-lint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));

    // Every rule of the catalogue, with its description and help link.
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), catalogue.len());
    let mut ids = HashSet::new();
    for (rule, entry) in rules.iter().zip(catalogue) {
        assert_eq!(rule["id"], entry["code"]);
        assert_eq!(rule["name"], entry["name"]);
        assert!(ids.insert(rule["id"].as_str().unwrap()));
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        assert!(short.len() > 20 && short.ends_with('.'), "{short}");
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert_eq!(rule["helpUri"], entry["doc_url"]);
        assert!(rule["helpUri"].as_str().unwrap().starts_with("https://"));
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.starts_with(&format!("# {} ", entry["code"].as_str().unwrap())));
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{level}");
        assert_eq!(
            rule["defaultConfiguration"]["enabled"],
            entry["default"] != "off",
            "{entry}"
        );
    }

    // One result per finding, at the same 1-based positions as the JSON output.
    assert_eq!(sarif["columnKind"], "unicodeCodePoints");
    let results = sarif["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (result, f) in results.iter().zip(findings) {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(result["ruleId"], f["code"]);
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let level = match f["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(result["level"], level);
        assert_eq!(result["message"]["text"], f["message"]);
        let locations = result["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        assert_eq!(
            physical["artifactLocation"]["uri"],
            "_posts/2025-08-31-a%2Cb.md"
        );
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &physical["region"];
        assert_eq!(region["startLine"], f["start"]["line"]);
        assert_eq!(region["startColumn"], f["start"]["column"]);
        assert_eq!(region["endLine"], f["end"]["line"]);
        assert_eq!(region["endColumn"], f["end"]["column"]);
        assert_eq!(region["byteOffset"], f["start"]["offset"]);
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{region}");
        }
    }
    let base = sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    assert_eq!(sarif["invocations"][0]["executionSuccessful"], true);

    // A file that cannot be checked: the invocation says so, the rest is still there.
    write(dir.path(), "_posts/2025-08-29-binary.md", b"a\0b");
    let broken = run(dir.path(), &["check", "--output-format", "sarif"]);
    assert_eq!(broken.code, 2, "{broken:?}");
    let log = json(&broken.stdout);
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(
        note.contains("2025-08-29-binary.md") && note.contains("binary file"),
        "{note}"
    );
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        findings.len()
    );

    // A clean run is a log with no results.
    let clean = run(
        dir.path(),
        &[
            "check",
            "--output-format",
            "sarif",
            "_posts/2025-08-30-clean.md",
        ],
    );
    assert_eq!(clean.code, 0, "{clean:?}");
    assert_eq!(
        json(&clean.stdout)["runs"][0]["results"],
        serde_json::json!([])
    );
}

#[test]
fn posts_only_skips_named_files_that_are_not_posts() {
    let dir = repo();
    let messy = post(MESSY, "학습 비용이 크다.");
    write(dir.path(), "README.md", "# My blog\n");
    write(dir.path(), "_drafts/2025-08-31-draft.md", &messy);
    write(dir.path(), "_posts/2025-08-31-a.md", &messy);
    write(dir.path(), "_posts/old/2025-08-31-b.md", &messy);
    write(
        dir.path(),
        "digest-lint.toml",
        "[files]\nexclude = [\"_posts/old/**\"]\n",
    );
    let all = [
        "README.md",
        "_drafts/2025-08-31-draft.md",
        "_posts/2025-08-31-a.md",
        "_posts/old/2025-08-31-b.md",
    ];
    let files = |run: &Run| -> Vec<String> {
        let mut files: Vec<String> = json(&run.stdout)
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    let mut args = vec!["check", "--output-format", "json"];
    args.extend(all);
    // Named files are always checked.
    assert_eq!(files(&run(dir.path(), &args)), all);
    // --force-exclude leaves out what the exclude globs match.
    let mut forced = args.clone();
    forced.push("--force-exclude");
    assert_eq!(
        files(&run(dir.path(), &forced)),
        [
            "README.md",
            "_drafts/2025-08-31-draft.md",
            "_posts/2025-08-31-a.md"
        ]
    );
    // --posts-only: only what a folder walk would pick.
    let mut posts = args.clone();
    posts.push("--posts-only");
    assert_eq!(files(&run(dir.path(), &posts)), ["_posts/2025-08-31-a.md"]);
    // Only files that are not posts: nothing to check, silently, and the run passes.
    let none = run(
        dir.path(),
        &[
            "check",
            "--posts-only",
            "README.md",
            "_drafts/2025-08-31-draft.md",
        ],
    );
    assert_eq!((none.code, none.stderr.as_str()), (0, ""), "{none:?}");
    assert_eq!(none.stdout.trim(), "No posts checked", "{none:?}");
    // The include globs of the configuration decide what a post is.
    write(
        dir.path(),
        "digest-lint.toml",
        "[files]\ninclude = [\"_drafts/**/*.md\"]\n",
    );
    assert_eq!(
        files(&run(dir.path(), &posts)),
        ["_drafts/2025-08-31-draft.md"]
    );
    // --fix with --posts-only fixes the post and leaves the rest alone.
    let fixed = run(
        dir.path(),
        &[
            "check",
            "--posts-only",
            "--fix",
            "README.md",
            "_drafts/2025-08-31-draft.md",
        ],
    );
    assert_eq!(fixed.code, 0, "{fixed:?}");
    let draft = std::fs::read_to_string(dir.path().join("_drafts/2025-08-31-draft.md")).unwrap();
    assert!(draft.contains("[한글 😀 Long Context]"), "{draft}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "# My blog\n"
    );
}

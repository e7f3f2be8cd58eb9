//! The `digest-lint` binary end to end: exit codes, file discovery, configuration,
//! output formats, bad input and fixing. Posts are written into temporary folders.

mod common;

use common::{Run, run, run_in};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// A post with one paper whose title is `title`, clean apart from the title.
fn post(title: &str) -> String {
    common::post(title, "학습 비용이 크다.")
}

const CLEAN_TITLE: &str = "Long Context Training";
const MESSY_TITLE: &str = "Long  Context   Training";
const POST_NAME: &str = "2025-08-31-daily-papers.md";

/// A temporary repository (it has `.git`, so configuration discovery stops there).
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

fn read(dir: &Path, relative: &str) -> String {
    std::fs::read_to_string(dir.join(relative)).unwrap()
}

fn json(run: &Run) -> Vec<Value> {
    serde_json::from_str::<Value>(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
        .as_array()
        .expect("a JSON array")
        .clone()
}

fn codes(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn exit_codes_follow_fail_on() {
    let dir = repo();
    write(
        dir.path(),
        &format!("clean/_posts/{POST_NAME}"),
        post(CLEAN_TITLE),
    );
    write(
        dir.path(),
        &format!("messy/_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    let clean = run(dir.path(), &["check", "--select", "DL401", "clean"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str()),
        (0, "All checks passed\n"),
        "{clean:?}"
    );
    // DL401 is a warning: fails at the default --fail-on warning and at info, not at error.
    assert_eq!(
        run(dir.path(), &["check", "--select", "DL401", "messy"]).code,
        1
    );
    assert_eq!(
        run(
            dir.path(),
            &["check", "--select", "DL401", "--fail-on", "info", "messy"]
        )
        .code,
        1
    );
    let lenient = run(
        dir.path(),
        &["check", "--select", "DL401", "--fail-on", "error", "messy"],
    );
    assert_eq!(lenient.code, 0, "{lenient:?}");
    assert!(
        lenient
            .stdout
            .contains("Found 2 problems (2 warnings) in 1 file; 2 fixable with --fix")
    );
    // Usage errors.
    assert_eq!(run(dir.path(), &["check", "--no-such-flag"]).code, 2);
    assert_eq!(
        run(dir.path(), &["check", "--fail-on", "sometimes"]).code,
        2
    );
    assert_eq!(run(dir.path(), &[]).code, 2);
}

#[test]
fn human_output_underlines_the_exact_range() {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post("한국어 😀 모델  학습\t방법 "),
    );
    let out = run(dir.path(), &["check", "--select", "DL401"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
    // Colour only when asked (or on a terminal); NO_COLOR is set here.
    let coloured = run(
        dir.path(),
        &["check", "--select", "DL401", "--color", "always"],
    );
    assert!(coloured.stdout.contains("\x1b["), "{}", coloured.stdout);
}

#[test]
fn select_and_ignore_take_codes_names_and_prefixes() {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    let found = |args: &[&str]| {
        let mut full = vec!["check", "--output-format", "json"];
        full.extend_from_slice(args);
        let out = run(dir.path(), &full);
        assert!(out.code < 2, "{out:?}");
        codes(&json(&out))
    };
    assert_eq!(found(&["--select", "DL401"]), ["DL401", "DL401"]);
    assert_eq!(found(&["--select", "title-whitespace"]), ["DL401", "DL401"]);
    assert_eq!(
        found(&["--select", "DL4"])
            .iter()
            .filter(|c| *c == "DL401")
            .count(),
        2
    );
    assert_eq!(
        found(&["--select", "DL1,DL2", "--select", "DL3"])
            .iter()
            .filter(|c| c.starts_with("DL4"))
            .count(),
        0
    );
    assert!(found(&["--select", "DL4", "--ignore", "DL40"]).is_empty());
    assert!(!found(&["--ignore", "title-whitespace"]).contains(&"DL401".to_string()));

    let unknown = run(dir.path(), &["check", "--select", "DL9"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("--select: `DL9` names no rule"),
        "{}",
        unknown.stderr
    );
    let typo = run(dir.path(), &["check", "--ignore", "title-whitespase"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean `title-whitespace`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = repo();
    let text = post("한국어 😀 모델  학습");
    write(dir.path(), &format!("_posts/{POST_NAME}"), &text);
    let out = run(
        dir.path(),
        &["check", "--select", "DL401", "--output-format", "json"],
    );
    assert_eq!(out.code, 1);
    let findings = json(&out);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code", "end", "fix", "message", "path", "related", "rule", "severity", "start"
        ]
    );
    assert_eq!(f["path"], format!("_posts/{POST_NAME}"));
    assert_eq!(f["code"], "DL401");
    assert_eq!(f["rule"], "title-whitespace");
    assert_eq!(f["severity"], "warning");
    assert_eq!(
        f["message"],
        "Paper title has a run of 2 spaces; expected one"
    );
    assert_eq!(f["related"], serde_json::json!([]));

    // Columns count characters, offsets count bytes (the line has Hangul and an emoji).
    let offset = text.find("모델  ").unwrap() + "모델".len();
    let line_start = text[..offset].rfind('\n').unwrap() + 1;
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[line_start..offset].chars().count() + 1;
    assert_ne!(
        column,
        offset - line_start + 1,
        "the test needs a multi-byte line"
    );
    let position = |offset: usize, column: usize| serde_json::json!({ "line": line, "column": column, "offset": offset });
    assert_eq!(f["start"], position(offset, column));
    assert_eq!(f["end"], position(offset + 2, column + 2));

    let fix = &f["fix"];
    let mut fix_keys: Vec<&str> = fix
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fix_keys.sort();
    assert_eq!(fix_keys, ["applicability", "edits", "message"]);
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["message"], "Replace with one space");
    assert_eq!(
        fix["edits"],
        serde_json::json!([{ "start": position(offset, column), "end": position(offset + 2, column + 2), "new_text": " " }])
    );

    // Every field is documented.
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-output.md"))
            .unwrap();
    for field in keys
        .iter()
        .chain(&fix_keys)
        .chain(&["line", "column", "offset", "new_text"])
    {
        assert!(
            doc.contains(&format!("`{field}`")),
            "docs/json-output.md does not describe `{field}`"
        );
    }

    // No findings: an empty array.
    let clean = repo();
    write(
        clean.path(),
        &format!("_posts/{POST_NAME}"),
        post(CLEAN_TITLE),
    );
    let out = run(
        clean.path(),
        &["check", "--select", "DL401", "--output-format", "json"],
    );
    assert_eq!((out.code, json(&out).len()), (0, 0));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    write(
        dir.path(),
        "_posts/2025-08-30-daily-papers.md",
        post(MESSY_TITLE).replace("2025-08-31", "2025-08-30"),
    );
    let out = run(dir.path(), &["check", "--select", "DL401", "--statistics"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "\
Count  Code   Rule              Safe fixes  Unsafe fixes
    4  DL401  title-whitespace           4
Found 4 problems (4 warnings) in 2 files; 4 fixable with --fix
"
    );
    let out = run(
        dir.path(),
        &[
            "check",
            "--select",
            "DL401",
            "--statistics",
            "--output-format",
            "json",
        ],
    );
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([{
            "code": "DL401", "name": "title-whitespace", "count": 4, "fixable": 4,
            "safe_fixes": 4, "unsafe_fixes": 0
        }])
    );
}

#[test]
fn statistics_count_unsafe_fixes_apart_from_safe_ones() {
    let dir = repo();
    let seed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/posts/_posts/2025-09-01-typical-mistakes.md"),
    )
    .unwrap();
    write(dir.path(), "_posts/2025-09-01-typical-mistakes.md", seed);
    let out = run(dir.path(), &["check", "--statistics"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "Count  Code   Rule                     Safe fixes  Unsafe fixes"
    );
    // DL204 (a missing section) has only an unsafe fix: counted under "Unsafe fixes".
    assert!(
        lines.contains(&"    1  DL204  section-missing                                 1"),
        "{}",
        out.stdout
    );
    assert!(lines.contains(&"    2  DL401  title-whitespace                  2"));
    assert!(lines.last().unwrap().starts_with("Found 9 problems"));

    // Concise output marks only what --fix fixes: not DL204's unsafe fix.
    let concise = run(dir.path(), &["check", "--output-format", "concise"]);
    let line = |code: &str| {
        concise
            .stdout
            .lines()
            .find(|l| l.contains(code))
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        line("DL204"),
        "_posts/2025-09-01-typical-mistakes.md:39:29: DL204 error This paper has no Limitations section"
    );
    assert!(
        line("DL107").contains(": DL107 [*] error "),
        "{}",
        concise.stdout
    );
    let with_unsafe = run(
        dir.path(),
        &["check", "--output-format", "concise", "--unsafe-fixes"],
    );
    assert!(with_unsafe.stdout.contains(": DL204 [*] error "));
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    let out = run(
        dir.path(),
        &["check", "--select", "DL401", "--output-format", "concise"],
    );
    assert_eq!(out.code, 1);
    let human = run(dir.path(), &["check", "--select", "DL401"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let findings = &lines[..lines.len() - 1];
    assert_eq!(findings.len(), 2, "{}", out.stdout);
    for line in findings {
        // The same location and message as the human output's first line of the finding.
        let (location, rest) = line.split_once(": DL401 [*] warning ").unwrap();
        let message = rest;
        assert!(
            human
                .stdout
                .contains(&format!("{location}: DL401 [title-whitespace] {message}")),
            "{line}\n{}",
            human.stdout
        );
    }
    assert_eq!(
        lines.last(),
        human.stdout.lines().last().as_ref(),
        "the same summary"
    );
}

#[test]
fn stdin_uses_the_given_file_name() {
    let dir = repo();
    let text = post(MESSY_TITLE);
    let out = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--select",
            "DL401",
            "--stdin-filename",
            "_posts/2025-08-31-from-stdin.md",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout
            .starts_with("_posts/2025-08-31-from-stdin.md:9:11: DL401"),
        "{}",
        out.stdout
    );

    // Without a name; and --stdin-filename alone reads standard input too.
    let out = run_in(
        dir.path(),
        &["check", "-", "--select", "DL401"],
        Some(text.as_bytes()),
    );
    assert!(
        out.stdout.starts_with("<stdin>:9:11: DL401"),
        "{}",
        out.stdout
    );
    let out = run_in(
        dir.path(),
        &["check", "--stdin-filename", "x.md", "--select", "DL401"],
        Some(text.as_bytes()),
    );
    assert!(out.stdout.starts_with("x.md:9:11: DL401"), "{}", out.stdout);

    // The configuration is found from the name's folder.
    write(
        dir.path(),
        "site/digest-lint.toml",
        "[rules]\nDL401 = \"off\"\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--output-format",
            "json",
            "--stdin-filename",
            "site/_posts/2025-08-31-x.md",
        ],
        Some(text.as_bytes()),
    );
    assert!(
        !codes(&json(&out)).contains(&"DL401".to_string()),
        "{out:?}"
    );
}

#[test]
fn folders_are_walked_for_posts_only() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    write(dir.path(), &format!("site/_posts/{POST_NAME}"), &messy);
    write(dir.path(), "site/_posts/2025/2025-08-30-nested.md", &messy);
    write(dir.path(), "site/_posts/notes.txt", &messy);
    write(dir.path(), "site/_drafts/2025-08-29-draft.md", &messy);
    write(dir.path(), "site/README.md", &messy);
    write(dir.path(), "site/_posts/2025-08-28-ignored.md", &messy);
    write(dir.path(), ".gitignore", "2025-08-28-ignored.md\n");
    let out = run(
        dir.path(),
        &["check", "--select", "DL401", "--output-format", "json"],
    );
    let mut paths: Vec<String> = json(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    assert_eq!(
        paths,
        [
            "site/_posts/2025-08-31-daily-papers.md",
            "site/_posts/2025/2025-08-30-nested.md"
        ]
    );

    // A folder without posts, named on the command line: nothing was checked, and the
    // run says so and fails (exit 2), saying how posts are chosen.
    let none = run(dir.path(), &["check", "site/_drafts"]);
    assert_eq!((none.code, none.stdout.as_str()), (2, "No posts checked\n"));
    assert!(
        none.stderr.starts_with("error: no posts in site/_drafts")
            && none.stderr.contains("`_posts` folder"),
        "{}",
        none.stderr
    );

    // A folder of posts that [files] exclude leaves out: the message says so.
    write(
        dir.path(),
        "site/digest-lint.toml",
        "[files]\nexclude = [\"_posts/drafts/**\"]\n",
    );
    write(dir.path(), "site/_posts/drafts/2025-08-29-draft.md", &messy);
    let excluded = run(dir.path(), &["check", "site/_posts/drafts"]);
    assert_eq!(excluded.code, 2, "{excluded:?}");
    assert!(
        excluded
            .stderr
            .contains("1 Markdown file there is left out by [files] exclude"),
        "{}",
        excluded.stderr
    );
    std::fs::remove_file(dir.path().join("site/digest-lint.toml")).unwrap();
    std::fs::remove_dir_all(dir.path().join("site/_posts/drafts")).unwrap();

    // A file named on the command line is always checked.
    let out = run(
        dir.path(),
        &[
            "check",
            "--select",
            "DL401",
            "site/README.md",
            "site/_posts/2025-08-28-ignored.md",
        ],
    );
    assert!(
        out.stdout
            .contains("Found 4 problems (4 warnings) in 2 files"),
        "{}",
        out.stdout
    );
}

#[test]
fn configuration_globs_choose_the_posts() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    write(
        dir.path(),
        "digest-lint.toml",
        "[files]\ninclude = [\"content/**/*.md\"]\nexclude = [\"content/drafts/**\"]\n",
    );
    write(dir.path(), "content/2025-08-31-post.md", &messy);
    write(dir.path(), "content/drafts/2025-08-31-draft.md", &messy);
    write(dir.path(), &format!("_posts/{POST_NAME}"), &messy);
    let out = run(
        dir.path(),
        &["check", "--select", "DL401", "--output-format", "json"],
    );
    let mut paths: Vec<String> = json(&out)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    paths.dedup();
    assert_eq!(paths, ["content/2025-08-31-post.md"]);

    // Named explicitly, an excluded file is checked, unless --force-exclude.
    let draft = "content/drafts/2025-08-31-draft.md";
    assert_eq!(
        run(dir.path(), &["check", "--select", "DL401", draft]).code,
        1
    );
    let forced = run(
        dir.path(),
        &["check", "--select", "DL401", "--force-exclude", draft],
    );
    assert_eq!(
        (forced.code, forced.stdout.as_str()),
        (2, "No posts checked\n"),
        "{forced:?}"
    );
    assert!(
        forced
            .stderr
            .contains("unless --force-exclude excludes them"),
        "{}",
        forced.stderr
    );
}

#[test]
fn nothing_checked_is_never_all_checks_passed() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    // A `_posts` that is a symbolic link to a folder elsewhere (Jekyll follows it), with
    // a link back up inside it.
    write(dir.path(), &format!("drafts/{POST_NAME}"), &messy);
    std::fs::create_dir(dir.path().join("site")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("drafts"), dir.path().join("site/_posts")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("site"), dir.path().join("drafts/up")).unwrap();
    let linked = run(dir.path(), &["check", "--select", "DL401", "site"]);
    assert_eq!(linked.code, 1, "{linked:?}");
    assert!(
        linked
            .stdout
            .contains("site/_posts/2025-08-31-daily-papers.md:9:11: DL401"),
        "{linked:?}"
    );
    assert!(
        linked
            .stderr
            .contains("warning: skipped a symbolic link loop"),
        "{linked:?}"
    );

    // `.MD` and `.markdown` are Markdown for Jekyll, so they are posts.
    write(dir.path(), "upper/_posts/2025-08-31-a.MD", &messy);
    write(dir.path(), "upper/_posts/2025-08-31-b.markdown", &messy);
    let upper = run(dir.path(), &["check", "--select", "DL401", "upper"]);
    assert!(
        upper.stdout.contains("in 2 files") && upper.stdout.contains("2025-08-31-a.MD"),
        "{upper:?}"
    );

    // A folder named like a post holds no post.
    std::fs::create_dir_all(dir.path().join("odd/_posts/2025-01-20-x.md")).unwrap();
    let odd = run(dir.path(), &["check", "odd/_posts/2025-01-20-x.md"]);
    assert_eq!(
        (odd.code, odd.stdout.as_str()),
        (2, "No posts checked\n"),
        "{odd:?}"
    );

    // Without paths, in a folder with no posts: a warning, and the run passes.
    let empty = run(&dir.path().join("odd"), &["check"]);
    assert_eq!(
        (empty.code, empty.stdout.as_str()),
        (0, "No posts checked\n"),
        "{empty:?}"
    );
    assert!(
        empty.stderr.starts_with("warning: no posts in"),
        "{empty:?}"
    );

    // A broken configuration is the only thing said: no word about posts before it.
    write(dir.path(), "odd/digest-lint.toml", "[rules\n");
    let broken = run(&dir.path().join("odd"), &["check"]);
    assert_eq!(broken.code, 2, "{broken:?}");
    assert!(
        broken.stderr.starts_with("error: digest-lint.toml:1:")
            && broken.stderr.lines().count() == 1,
        "{broken:?}"
    );
    assert_eq!(broken.stdout, "", "{broken:?}");

    // Posts named under it: still one line, which counts them.
    write(
        dir.path(),
        &format!("odd/_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    let named = run(
        &dir.path().join("odd"),
        &["check", &format!("_posts/{POST_NAME}")],
    );
    assert_eq!((named.code, named.stdout.as_str()), (2, ""), "{named:?}");
    assert!(
        named.stderr.lines().count() == 1
            && named
                .stderr
                .trim_end()
                .ends_with("(1 post under it not checked)"),
        "{named:?}"
    );
}

/// A post with findings, and a `[[layout]]` named `daily` whose include matches no post
/// (a misspelled folder: the post falls back to the default layout, and `check` warns).
fn site_with_an_unused_layout() -> tempfile::TempDir {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post(MESSY_TITLE),
    );
    write(
        dir.path(),
        "digest-lint.toml",
        "[[layout]]\nname = \"daily\"\ninclude = [\"posts/**\"]\n",
    );
    dir
}

#[test]
fn closed_pipes_are_not_a_crash() {
    // `check` has findings, and a warning for standard error.
    let dir = site_with_an_unused_layout();
    for closed in ["stdout", "stderr"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_digest-lint"));
        command.arg("check").current_dir(dir.path());
        if closed == "stdout" {
            command.stdout(writer).stderr(std::process::Stdio::null());
        } else {
            command.stderr(writer).stdout(std::process::Stdio::null());
        }
        let status = command.status().unwrap();
        // The findings decide the exit status, as with any reader of the output.
        assert_eq!(status.code(), Some(1), "{closed} closed: {status:?}");
    }
}

#[test]
fn a_layout_that_selects_no_post_is_named() {
    let dir = site_with_an_unused_layout();
    let walk = run(dir.path(), &["check"]);
    assert!(
        walk.stderr
            .contains("warning: digest-lint.toml: [[layout]] `daily` selects no post"),
        "{walk:?}"
    );
    // Naming one file says nothing: the other posts are not in view.
    let named = run(dir.path(), &["check", &format!("_posts/{POST_NAME}")]);
    assert!(!named.stderr.contains("selects no post"), "{named:?}");
    // A glob that matches is quiet.
    write(
        dir.path(),
        "digest-lint.toml",
        "[[layout]]\nname = \"daily\"\ninclude = [\"_posts/**\"]\n",
    );
    let fixed = run(dir.path(), &["check"]);
    assert!(!fixed.stderr.contains("selects no post"), "{fixed:?}");
}

#[test]
fn nearest_configuration_wins_and_config_flag_overrides() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    write(
        dir.path(),
        "digest-lint.toml",
        "[rules]\nDL401 = \"error\"\n",
    );
    write(
        dir.path(),
        "quiet/.digest-lint.toml",
        "[rules]\nDL401 = \"off\"\n",
    );
    write(dir.path(), &format!("loud/_posts/{POST_NAME}"), &messy);
    write(dir.path(), &format!("quiet/_posts/{POST_NAME}"), &messy);
    let out = run(dir.path(), &["check", "--output-format", "json"]);
    let findings: Vec<Value> = json(&out)
        .into_iter()
        .filter(|f| f["code"] == "DL401")
        .collect();
    assert_eq!(findings.len(), 2);
    assert!(
        findings
            .iter()
            .all(|f| f["path"].as_str().unwrap().starts_with("loud/") && f["severity"] == "error")
    );
    // A rule named by --select runs even where the configuration turns it off.
    let out = run(
        dir.path(),
        &[
            "check",
            "--select",
            "DL401",
            "quiet",
            "--output-format",
            "json",
        ],
    );
    assert_eq!(json(&out).len(), 2);

    write(
        dir.path(),
        "elsewhere/lenient.toml",
        "[rules]\nDL401 = \"info\"\n",
    );
    let out = run(
        dir.path(),
        &[
            "check",
            "--config",
            "elsewhere/lenient.toml",
            "--output-format",
            "json",
        ],
    );
    let findings = json(&out);
    assert_eq!(
        findings
            .iter()
            .filter(|f| f["code"] == "DL401" && f["severity"] == "info")
            .count(),
        4
    );
    assert!(
        run(dir.path(), &["check", "--config", "missing.toml"])
            .stderr
            .contains("missing.toml: cannot read")
    );
}

#[test]
fn a_config_error_exits_2_and_other_posts_are_still_checked() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    write(
        dir.path(),
        "broken/digest-lint.toml",
        "[rules]\nDL401 = \"warning\"\nDL999 = \"off\"\n",
    );
    write(dir.path(), &format!("broken/_posts/{POST_NAME}"), &messy);
    write(dir.path(), &format!("fine/_posts/{POST_NAME}"), &messy);
    let out = run(dir.path(), &["check", "--select", "DL401"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .contains("error: broken/digest-lint.toml:3:1: unknown rule `DL999`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("digest-lint.toml").count(),
        1,
        "reported once: {}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("fine/_posts/2025-08-31-daily-papers.md:9:11: DL401"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("broken/_posts"), "{}", out.stdout);

    let forced = run(
        dir.path(),
        &["check", "--config", "broken/digest-lint.toml"],
    );
    assert_eq!(forced.code, 2);
    assert!(
        forced.stderr.contains("broken/digest-lint.toml:3:1:"),
        "{}",
        forced.stderr
    );
}

#[test]
fn bad_files_are_reported_and_the_rest_still_checked() {
    let dir = repo();
    let messy = post(MESSY_TITLE);
    write(dir.path(), &format!("_posts/{POST_NAME}"), &messy);
    write(
        dir.path(),
        "_posts/2025-08-01-binary.md",
        b"---\ntitle: x\n\0\x01\x02",
    );
    write(
        dir.path(),
        "_posts/2025-08-02-latin1.md",
        b"---\ntitle: caf\xe9\n---\n",
    );
    write(dir.path(), "_posts/2025-08-03-empty.md", b"");
    write(
        dir.path(),
        "_posts/2025-08-04-unclosed.md",
        "---\nlayout: post\ntitle: \"Daily\"\n\n# 1. [A  B](https://arxiv.org/abs/2508.20751)\n",
    );
    let mut huge = post(MESSY_TITLE);
    while huge.len() < 10 * 1024 * 1024 {
        huge.push_str("긴 문맥 학습은 가능하다. Long context training works.\n");
    }
    write(dir.path(), "_posts/2025-08-05-huge.md", &huge);
    write(
        dir.path(),
        "_posts/2025-08-06-crlf-bom.md",
        format!("\u{feff}{}", messy.replace('\n', "\r\n")),
    );

    let out = run(dir.path(), &["check", "--select", "DL401"]);
    assert_eq!(out.code, 2, "{out:?}");
    let stderr = &out.stderr;
    assert!(stderr.contains("error: _posts/2025-08-01-binary.md: cannot check: binary file: NUL byte at byte offset 13"), "{stderr}");
    assert!(stderr.contains("error: _posts/2025-08-02-latin1.md: cannot check: not valid UTF-8: invalid byte at byte offset 14"), "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    // The empty post, the unclosed front matter, the 10 MB post and the CRLF post with a
    // BOM are linted.
    assert!(
        out.stdout.contains("_posts/2025-08-05-huge.md:9:11: DL401"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(&format!("_posts/{POST_NAME}:9:11: DL401")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("_posts/2025-08-06-crlf-bom.md:9:11: DL401"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Found 6 problems"), "{}", out.stdout);

    // The same files with every rule on: still no panic, the same two refusals.
    let all = run(dir.path(), &["check", "--select", "ALL"]);
    assert_eq!(all.code, 2);
    assert_eq!(all.stderr.lines().count(), 2, "{}", all.stderr);

    let missing = run(
        dir.path(),
        &[
            "check",
            "--select",
            "DL401",
            "nope.md",
            &format!("_posts/{POST_NAME}"),
        ],
    );
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("error: nope.md: no such file or folder"),
        "{}",
        missing.stderr
    );
    assert!(missing.stdout.contains("DL401"), "{}", missing.stdout);
}

#[test]
fn fix_writes_and_a_second_run_changes_nothing() {
    let dir = repo();
    let path = format!("_posts/{POST_NAME}");
    write(dir.path(), &path, post(MESSY_TITLE));
    let out = run(dir.path(), &["check", "--select", "DL401", "--fix"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "Fixed 2 problems in 1 file\nAll checks passed\n"
    );
    assert_eq!(read(dir.path(), &path), post("Long Context Training"));
    let again = run(dir.path(), &["check", "--select", "DL401", "--fix"]);
    assert_eq!(again.stdout, "All checks passed\n");
    assert_eq!(read(dir.path(), &path), post("Long Context Training"));
}

#[test]
fn fix_keeps_crlf_and_permissions() {
    let dir = repo();
    let path = format!("_posts/{POST_NAME}");
    write(
        dir.path(),
        &path,
        post("한국어  😀   제목").replace('\n', "\r\n"),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join(&path),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let out = run(dir.path(), &["check", "--select", "DL401", "--fix"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        read(dir.path(), &path),
        post("한국어 😀 제목").replace('\n', "\r\n")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(&path))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // Only the post: no temporary file left behind.
    assert_eq!(
        std::fs::read_dir(dir.path().join("_posts"))
            .unwrap()
            .count(),
        1
    );
}

#[test]
fn diff_shows_the_fix_and_writes_nothing() {
    let dir = repo();
    let path = format!("_posts/{POST_NAME}");
    let messy = post(MESSY_TITLE);
    write(dir.path(), &path, &messy);
    let out = run(dir.path(), &["check", "--select", "DL401", "--diff"]);
    assert_eq!(out.code, 1, "{out:?}");
    insta::assert_snapshot!(out.stdout, @r"
    --- a/_posts/2025-08-31-daily-papers.md
    +++ b/_posts/2025-08-31-daily-papers.md
    @@ -6,7 +6,7 @@
     categories: [daily-papers]
     ---
     
    -# 1. [Long  Context   Training](https://arxiv.org/abs/2508.20751)
    +# 1. [Long Context Training](https://arxiv.org/abs/2508.20751)
     
     ## Introduction
     - Goal: 긴 문맥을 다루는 모델을 만든다.
    ");
    assert_eq!(out.stderr, "Would fix 2 problems in 1 file\n");
    assert_eq!(read(dir.path(), &path), messy);

    write(dir.path(), &path, post(CLEAN_TITLE));
    let clean = run(dir.path(), &["check", "--select", "DL401", "--diff"]);
    assert_eq!(
        (clean.code, clean.stdout.as_str(), clean.stderr.as_str()),
        (0, "", "No fixes to apply\n")
    );
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let dir = repo();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--select",
            "DL401",
            "--fix",
            "--stdin-filename",
            POST_NAME,
        ],
        Some(post(MESSY_TITLE).as_bytes()),
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, post(CLEAN_TITLE));
    assert_eq!(
        out.stderr,
        "Fixed 2 problems in 1 file\nAll checks passed\n"
    );

    // Findings that remain go to standard error; the text is printed even unfixed.
    let out = run_in(
        dir.path(),
        &[
            "check",
            "-",
            "--select",
            "DL401",
            "--fix",
            "--fail-on",
            "info",
        ],
        Some(post(CLEAN_TITLE).as_bytes()),
    );
    assert_eq!((out.code, out.stdout.clone()), (0, post(CLEAN_TITLE)));
}

#[test]
fn examples_have_one_clean_post_and_one_with_mistakes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(root, &["check", "examples/posts"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout
            .contains("examples/posts/_posts/2025-09-01-typical-mistakes.md:9:14: DL401"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("clean-digest"),
        "the clean example has findings:\n{}",
        out.stdout
    );
}

#[test]
fn rules_lists_the_catalogue() {
    let dir = repo();
    let out = run(dir.path(), &["rules"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
    let out = run(dir.path(), &["rules", "--output-format", "json"]);
    let rules: Value = serde_json::from_str(&out.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), digest_lint::Rule::ALL.len());
    assert_eq!(
        rules.iter().find(|r| r["code"] == "DL401").unwrap(),
        &serde_json::json!({
            "code": "DL401", "name": "title-whitespace", "family": "Text", "default": "warning",
            "fix_availability": "always", "fix_applicability": ["safe"],
            "doc_url": digest_lint::Rule::TitleWhitespace.doc_url(),
        })
    );
}

#[test]
fn explain_prints_the_documentation() {
    let dir = repo();
    let out = run(dir.path(), &["explain", "DL401"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, digest_lint::Rule::TitleWhitespace.doc());
    assert_eq!(
        run(dir.path(), &["explain", "title-whitespace"]).stdout,
        out.stdout
    );
    assert_eq!(run(dir.path(), &["explain", "dl401"]).stdout, out.stdout);
    let unknown = run(dir.path(), &["explain", "title-whitespaces"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `title-whitespace`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn version_help_and_lsp() {
    let dir = repo();
    let version = run(dir.path(), &["--version"]);
    assert_eq!(
        (version.code, version.stdout.trim()),
        (0, concat!("digest-lint ", env!("CARGO_PKG_VERSION")))
    );
    let help = run(dir.path(), &["check", "--help"]);
    assert_eq!(help.code, 0);
    for needle in [
        "--fix",
        "--diff",
        "--select",
        "--fail-on",
        "--stdin-filename",
        "Examples:",
        "Exit status",
    ] {
        assert!(help.stdout.contains(needle), "help lacks {needle}");
    }
    // `lsp` speaks the protocol on stdio: initialize (waiting for the answer, as a
    // client does), then shutdown and exit end it cleanly.
    let mut server = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = server.stdin.take().unwrap();
    let mut stdout = std::io::BufReader::new(server.stdout.take().unwrap());
    let send = |stdin: &mut std::process::ChildStdin, body: &str| {
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let receive = |stdout: &mut std::io::BufReader<std::process::ChildStdout>| -> String {
        use std::io::{BufRead, Read};
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            } else if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        String::from_utf8(body).unwrap()
    };
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    );
    let initialized = receive(&mut stdout);
    assert!(
        initialized.contains("\"capabilities\"") && initialized.contains("digest-lint"),
        "{initialized}"
    );
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    );
    // Malformed messages are answered with an error and a null id; the server goes on.
    for junk in ["{not json}", "[]", "{}"] {
        send(&mut stdin, junk);
    }
    stdin.write_all(b"Content-Length: x\r\n\r\n").unwrap();
    send(
        &mut stdin,
        r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
    );
    let mut errors = Vec::new();
    let shutdown = loop {
        let message = receive(&mut stdout);
        if !message.contains("\"id\":null") {
            break message;
        }
        let value: serde_json::Value = serde_json::from_str(&message).unwrap();
        errors.push(value["error"]["code"].as_i64().unwrap());
    };
    assert_eq!(errors, [-32700, -32600, -32600, -32700], "{shutdown}");
    assert!(
        shutdown.contains("\"id\":2") && !shutdown.contains("error"),
        "{shutdown}"
    );
    send(&mut stdin, r#"{"jsonrpc":"2.0","method":"exit"}"#);
    assert!(server.wait().unwrap().success());
}

#[test]
fn a_fix_that_reveals_a_finding_is_written_and_the_finding_reported() {
    // No `date:` and a title whose date differs from the file name: DL103's unsafe fix
    // inserts the file name's date, which shows that the title disagrees (DL108, on the
    // title, away from the edit): revealed, not made by the fix, so the file is written
    // and the finding is what is left.
    let dir = repo();
    let text = post(MESSY_TITLE)
        .replace("date: 2025-08-31 08:15:00\n", "")
        .replace("Daily Papers — 2025-08-31", "Daily Papers — 2025-08-30");
    write(dir.path(), &format!("_posts/{POST_NAME}"), &text);
    let out = run(dir.path(), &["check", "--fix", "--unsafe-fixes"]);
    assert!(!out.stderr.contains("not applied"), "{out:?}");
    let fixed = read(dir.path(), &format!("_posts/{POST_NAME}"));
    assert!(
        !fixed.contains("  "),
        "the safe title fix was applied: {fixed}"
    );
    assert!(
        fixed.contains("date: 2025-08-31"),
        "the unsafe date fix was applied: {fixed}"
    );
    assert!(out.stdout.contains("DL108"), "{out:?}");
    assert_eq!(out.code, 1, "a finding is left, no run error: {out:?}");
}

#[test]
fn stdin_that_cannot_be_checked_passes_through_fix_unchanged() {
    // `--fix - < a.md > b.md` must never leave b.md empty.
    let input: &[u8] = b"caf\xe9 \x00";
    let mut child = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["check", "--fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, input);
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot check"));
}

#[test]
fn the_summary_never_says_all_checks_passed_after_an_error() {
    let dir = repo();
    write(
        dir.path(),
        &format!("_posts/{POST_NAME}"),
        post("Clean Title"),
    );
    write(dir.path(), "_posts/2025-08-01-binary.md", b"\0\x01");
    let out = run(dir.path(), &["check"]);
    assert_eq!(out.code, 2);
    assert!(!out.stdout.contains("All checks passed"), "{out:?}");
    assert!(out.stdout.contains("1 error is reported above"), "{out:?}");
}

#[test]
fn standard_input_named_as_a_file_that_is_not_a_post_is_left_out() {
    let dir = repo();
    let text = post(MESSY_TITLE);
    write(
        dir.path(),
        "digest-lint.toml",
        "[files]\nexclude = [\"drafts/**\"]\n",
    );
    for (flag, name) in [
        ("--posts-only", "README.md"),
        ("--force-exclude", "drafts/2025-08-31-x.md"),
    ] {
        // Not checked, as a named file that is not a post: no findings, exit 0.
        let out = run_in(
            dir.path(),
            &["check", flag, "--stdin-filename", name, "-"],
            Some(text.as_bytes()),
        );
        assert_eq!(out.code, 0, "{flag}: {out:?}");
        assert_eq!(out.stdout, "No posts checked\n", "{flag}: {out:?}");
        assert_eq!(out.stderr, "", "{flag}: {out:?}");
        // With --fix the text comes back unchanged, as an editor piping it expects.
        let out = run_in(
            dir.path(),
            &["check", flag, "--fix", "--stdin-filename", name, "-"],
            Some(text.as_bytes()),
        );
        assert_eq!(out.code, 0, "{flag}: {out:?}");
        assert_eq!(out.stdout, text, "{flag}: {out:?}");
    }
    // A post is still checked through standard input.
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--posts-only",
            "--stdin-filename",
            "_posts/2025-08-31-x.md",
            "-",
        ],
        Some(text.as_bytes()),
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("DL401"), "{out:?}");
}

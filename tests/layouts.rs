//! Every layout kind end to end: a generator writes a small site (made-up papers, our
//! own text) in each layout; `digest-lint init` then `check` finds nothing at warning
//! or error level on the clean site, and each planted defect at its line.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

const TOPICS: &[&str] = &[
    "Sparse Mixtures",
    "Retrieval Agents",
    "Token Pruning",
    "Video Diffusion",
    "Reward Shaping",
    "Speech Tokenizers",
    "Graph Transformers",
    "Curriculum Distillation",
];
const TASKS: &[&str] = &[
    "Long Documents",
    "Robot Grasping",
    "Code Review",
    "Weather Forecasts",
    "Protein Folding",
];

/// A made-up paper: title, identifier, one summary sentence.
struct Paper {
    title: String,
    id: String,
    summary: String,
}

fn papers(day: usize, n: usize) -> Vec<Paper> {
    (0..n)
        .map(|k| {
            let i = day * 7 + k * 3;
            let topic = TOPICS[i % TOPICS.len()];
            let task = TASKS[(i / 2) % TASKS.len()];
            Paper {
                title: format!("{topic} for {task} at Scale {}", day * 10 + k),
                id: format!("2504.{:05}", 10000 + day * 100 + k),
                summary: format!(
                    "The authors apply {} to {} and report steady gains over strong baselines.",
                    topic.to_lowercase(),
                    task.to_lowercase()
                ),
            }
        })
        .collect()
}

/// The layout kinds of digest blogs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// No front matter, dated folders, `### N. [Title](URL)`, one summary paragraph.
    DatedFolders,
    /// Front matter completed by `_config.yml`, `## Title` with the link on the next
    /// line, labelled bullets.
    JekyllDefaults,
    /// Ordered-list papers with nested links and labelled bullets (Korean), beside
    /// one-paper notes with bold labels (Chinese): two layouts in one site.
    ListAndNotes,
}

/// A site on disk: (path relative to the site, text) of every file.
fn site(kind: Kind) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for day in 1..=6usize {
        let date = format!("2025-04-{:02}", day + 10);
        let ps = papers(day, 4);
        match kind {
            Kind::DatedFolders => {
                let mut t = format!(
                    "## Daily Papers ({date})\n\nToday's picks from the [daily feed](https://huggingface.co/papers?date={date}).\n"
                );
                for (k, p) in ps.iter().enumerate() {
                    t += &format!(
                        "\n### {}. [{}](https://arxiv.org/abs/{})\nAuthors: Ada Park, Min Lee\n\n[Watch Video](https://video.example.org/v{day}{k})\n\n{}\n",
                        k + 1,
                        p.title,
                        p.id,
                        p.summary
                    );
                }
                files.push((format!("logs/2025/04/{:02}.md", day + 10), t));
            }
            Kind::JekyllDefaults => {
                let mut t = format!(
                    "---\ntitle: \"Hugging Face Daily Papers - {date}\"\ncategory: papers\ntags: [papers, huggingface]\ncategories: [papers]\npaper_source: huggingface\n---\n# Hugging Face Daily Papers - {date}\n"
                );
                for p in &ps {
                    t += &format!(
                        "\n## {}\n[Read the paper](https://huggingface.co/papers/{})\n\n- ***What's New***: {}\n- **Technical Details**: A small encoder feeds a larger decoder.\n- **Results**: Accuracy rises on every benchmark they try.\n",
                        p.title, p.id, p.summary
                    );
                }
                files.push((format!("_posts/{date}-hf-daily.md"), t));
            }
            Kind::ListAndNotes => {
                let mut t = format!(
                    "---\nlayout: post\ntitle: \"오늘의 논문 {date}\"\ndate: {date}\ntags: [papers]\ncategories: [papers]\n---\n# 오늘의 논문 ({date})\n\n총 **{}개**의 논문이 수집되었습니다.\n\n",
                    ps.len()
                );
                for (k, p) in ps.iter().enumerate() {
                    // Every other title wraps onto the next line, as generators do.
                    let title = if k % 2 == 1 {
                        p.title.replacen(" for ", " for\n   ", 1)
                    } else {
                        p.title.clone()
                    };
                    t += &format!(
                        "{}. **{title}** - 👍 {}\n    - [HF](https://huggingface.co/papers/{})\n    - [논문 링크](https://arxiv.org/abs/{})\n    - 기관: 한빛대학교\n    - Abstract: 이 논문은 {}을 다룹니다. 결과가 좋습니다.\n",
                        k + 1,
                        10 + k,
                        p.id,
                        p.id,
                        p.title
                    );
                }
                files.push((format!("_posts/{date}-daily.md"), t));
                // A note on a paper the digests did not cover (else DL308, rightly).
                let note = &papers(day + 20, 1)[0];
                files.push((
                    format!("_posts/notes/{date}-note.md"),
                    format!(
                        "---\nlayout: post\ntitle: \"{}\"\ndate: {date}\narxiv: {}\n---\n**中文摘要：** 本文提出了一种新的方法。它在三个基准上取得了更好的结果。\n\n**总结：** 这项工作简单有效。\n",
                        note.title, note.id
                    ),
                ));
            }
        }
    }
    if kind == Kind::JekyllDefaults {
        files.push((
            "_config.yml".into(),
            "title: Papers\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: post\n".into(),
        ));
    }
    files
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_digest-lint")
}

fn write(dir: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::create_dir_all(dir.join(".git")).unwrap();
}

/// `digest-lint check --output-format json` in `dir`: (path, line, code, severity).
fn check(dir: &Path) -> Vec<(String, usize, String, String)> {
    let out = Command::new(bin())
        .args(["check", "--output-format", "json", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code() != Some(2),
        "check failed: {stderr}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("./")
                    .to_string(),
                d["start"]["line"].as_u64().unwrap() as usize,
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Runs `init .` in `dir`; returns what it printed.
fn init(dir: &Path) -> String {
    let out = Command::new(bin())
        .args(["init", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "init failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn serious(findings: &[(String, usize, String, String)]) -> Vec<&(String, usize, String, String)> {
    findings
        .iter()
        .filter(|f| f.3 == "error" || f.3 == "warning")
        .collect()
}

/// A defect: in `file`, replace the first `from` by `to`; expect `code` on the line of
/// `at` (the first occurrence of `at` in the changed file), or within the paper when
/// `at` is None.
struct Defect {
    name: &'static str,
    file: usize,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: Option<&'static str>,
}

fn plant_and_check(kind: Kind, defects: &[Defect]) {
    let clean = site(kind);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &clean);
    init(dir.path());
    let config = std::fs::read_to_string(dir.path().join("digest-lint.toml")).unwrap();
    let findings = check(dir.path());
    assert!(
        serious(&findings).is_empty(),
        "{kind:?}: false findings on the clean site: {:#?}\nconfig:\n{config}",
        serious(&findings)
    );
    for d in defects {
        let mut files = clean.clone();
        let (path, text) = &mut files[d.file];
        assert!(
            text.contains(d.from),
            "{}: `{}` not in {path}",
            d.name,
            d.from
        );
        *text = text.replacen(d.from, d.to, 1);
        let needle = d.at.unwrap_or(d.to);
        let line = text[..text.find(needle).unwrap_or_else(|| panic!("{}", d.name))]
            .matches('\n')
            .count()
            + 1;
        let path = path.clone();
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &files);
        std::fs::write(dir.path().join("digest-lint.toml"), &config).unwrap();
        let found = check(dir.path());
        let hit = found
            .iter()
            .any(|(p, l, c, _)| p == &path && c == d.code && (d.at.is_none() || *l == line));
        assert!(
            hit,
            "{kind:?}/{}: no {} in {path} at line {line}; found {found:#?}",
            d.name, d.code
        );
    }
}

#[test]
fn dated_folders_without_front_matter() {
    plant_and_check(
        Kind::DatedFolders,
        &[
            Defect {
                name: "bad identifier",
                file: 0,
                from: "abs/2504.10100)",
                to: "abs/2504.1010)",
                code: "DL301",
                at: Some("2504.1010)"),
            },
            Defect {
                name: "future identifier",
                file: 0,
                from: "abs/2504.10101)",
                to: "abs/2612.10101)",
                code: "DL304",
                at: Some("2612.10101"),
            },
            Defect {
                name: "stale identifier",
                file: 0,
                from: "abs/2504.10101)",
                to: "abs/2101.10101)",
                code: "DL305",
                at: Some("2101.10101"),
            },
            Defect {
                name: "duplicate paper",
                file: 0,
                from: "abs/2504.10101)",
                to: "abs/2504.10100)",
                code: "DL306",
                at: Some("### 2."),
            },
            Defect {
                name: "pdf link",
                file: 0,
                from: "abs/2504.10101)",
                to: "pdf/2504.10101)",
                code: "DL302",
                at: Some("pdf/2504.10101"),
            },
            Defect {
                name: "skipped number",
                file: 0,
                from: "### 2.",
                to: "### 3.",
                code: "DL203",
                at: Some("### 3."),
            },
            Defect {
                name: "double space",
                file: 0,
                from: " for ",
                to: "  for ",
                code: "DL401",
                at: Some("  for "),
            },
            Defect {
                name: "empty summary",
                file: 0,
                from: "The authors apply curriculum distillation to weather forecasts and report steady gains over strong baselines.",
                to: "",
                code: "DL209",
                at: Some("### 1."),
            },
            Defect {
                name: "cut-off summary",
                file: 0,
                from: "strong baselines.\n",
                to: "strong basel\n",
                code: "DL210",
                at: None,
            },
            Defect {
                name: "malformed metadata",
                file: 0,
                from: "[Watch Video](",
                to: "[Watch Video]",
                code: "DL214",
                at: Some("[Watch Video]https"),
            },
            Defect {
                name: "wrong date in page heading",
                file: 0,
                from: "## Daily Papers (2025-04-11)",
                to: "## Daily Papers (2025-04-12)",
                code: "DL108",
                at: Some("## Daily Papers"),
            },
        ],
    );
}

#[test]
fn jekyll_defaults_and_links_on_the_next_line() {
    plant_and_check(
        Kind::JekyllDefaults,
        &[
            Defect {
                name: "bad identifier",
                file: 0,
                from: "papers/2504.10100)",
                to: "papers/2504.1010)",
                code: "DL301",
                at: Some("2504.1010)"),
            },
            Defect {
                name: "future identifier",
                file: 0,
                from: "papers/2504.10101)",
                to: "papers/2612.10101)",
                code: "DL304",
                at: Some("2612.10101"),
            },
            Defect {
                name: "duplicate paper",
                file: 0,
                from: "papers/2504.10101)",
                to: "papers/2504.10100)",
                code: "DL306",
                at: Some("papers/2504.10100)\n\n- ***What's New***: The authors apply token"),
            },
            Defect {
                name: "foreign host",
                file: 0,
                from: "huggingface.co/papers/2504.10101",
                to: "hugginface.co/papers/2504.10101",
                code: "DL301",
                at: Some("hugginface.co"),
            },
            Defect {
                name: "double space",
                file: 0,
                from: " for ",
                to: "  for ",
                code: "DL401",
                at: Some("  for "),
            },
            Defect {
                name: "empty label",
                file: 0,
                from: "A small encoder feeds a larger decoder.",
                to: "",
                code: "DL209",
                at: Some("Technical Details"),
            },
            Defect {
                name: "cut-off label",
                file: 0,
                from: "Accuracy rises on every benchmark they try.\n\n## Token",
                to: "Accuracy rises on every bench\n\n## Token",
                code: "DL210",
                at: Some("every bench"),
            },
            Defect {
                name: "missing required label",
                file: 0,
                from: "- **Technical Details**: A small encoder feeds a larger decoder.\n",
                to: "",
                code: "DL204",
                at: None,
            },
        ],
    );
}

#[test]
fn list_items_and_one_paper_notes_in_one_site() {
    plant_and_check(
        Kind::ListAndNotes,
        &[
            Defect {
                name: "bad identifier",
                file: 0,
                from: "abs/2504.10100)",
                to: "abs/2504.1010)",
                code: "DL301",
                at: Some("abs/2504.1010)"),
            },
            Defect {
                name: "future identifier",
                file: 0,
                from: "papers/2504.10101)\n    - [논문 링크](https://arxiv.org/abs/2504.10101)",
                to: "papers/2612.10101)\n    - [논문 링크](https://arxiv.org/abs/2612.10101)",
                code: "DL304",
                at: Some("2612.10101"),
            },
            Defect {
                name: "links disagree",
                file: 0,
                from: "abs/2504.10101)",
                to: "abs/2504.10109)",
                code: "DL307",
                at: Some("2504.10109"),
            },
            Defect {
                name: "pdf link",
                file: 0,
                from: "abs/2504.10101)",
                to: "pdf/2504.10101)",
                code: "DL302",
                at: Some("pdf/2504.10101"),
            },
            Defect {
                name: "skipped number",
                file: 0,
                from: "\n2. **",
                to: "\n3. **",
                code: "DL203",
                at: Some("3. **"),
            },
            Defect {
                name: "double space",
                file: 0,
                from: "Sparse Mixtures",
                to: "Sparse  Mixtures",
                code: "DL401",
                at: Some("Sparse  Mixtures"),
            },
            Defect {
                name: "empty abstract",
                file: 0,
                from: "    - Abstract: 이 논문은",
                to: "    - Abstract:\n    - 비고: 이 논문은",
                code: "DL209",
                at: None,
            },
            Defect {
                name: "missing abstract",
                file: 0,
                from: "    - Abstract: 이 논문은",
                to: "    - 요약 이 논문은",
                code: "DL204",
                at: None,
            },
            Defect {
                name: "note: bad identifier",
                file: 1,
                from: "arxiv: 2504.12100",
                to: "arxiv: 2504.1010",
                code: "DL301",
                at: Some("arxiv: 2504.1010"),
            },
            Defect {
                name: "note: future identifier",
                file: 1,
                from: "arxiv: 2504.12100",
                to: "arxiv: 2612.10100",
                code: "DL304",
                at: Some("arxiv: 2612"),
            },
            Defect {
                name: "note: a title with escaped quotes is still read",
                file: 1,
                from: "title: \"",
                to: "title: \"\\\"Quoted\\\"  ",
                code: "DL401",
                at: Some("title:"),
            },
            Defect {
                name: "note: markup in a title with escapes",
                file: 1,
                from: "title: \"",
                to: "title: \"<b>Bold</b> \\\"x\\\" ",
                code: "DL403",
                at: Some("title:"),
            },
            Defect {
                name: "note: missing label",
                file: 1,
                from: "**总结：** 这项工作简单有效。\n",
                to: "",
                code: "DL204",
                at: None,
            },
            Defect {
                name: "note: cut-off summary",
                file: 1,
                from: "取得了更好的结果。",
                to: "取得了更好的结",
                code: "DL210",
                at: None,
            },
        ],
    );
}

#[test]
fn init_on_the_default_format_writes_the_defaults_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for day in 1..=3usize {
        let date = format!("2025-04-{:02}", day + 10);
        let mut t = format!(
            "---\nlayout: post\ntitle: \"Daily Papers — {date}\"\ndate: {date}\ntags: [papers]\ncategories: [papers]\n---\n"
        );
        for (k, p) in papers(day, 2).iter().enumerate() {
            t += &format!(
                "\n# {}. [{}](https://arxiv.org/abs/{})\n\n## Introduction\n- Goal: a goal.\n- Motivation: a reason.\n- Contribution: a method.\n\n## Method\n{}\n\n## Results\nBetter.\n\n## Limitations\nSmall data.\n\n## Conclusion\nUseful.\n",
                k + 1,
                p.title,
                p.id,
                p.summary
            );
        }
        files.push((format!("_posts/{date}-daily.md"), t));
    }
    write(dir.path(), &files);
    assert!(!init(dir.path()).contains("dated folders"));
    let written = std::fs::read_to_string(dir.path().join("digest-lint.toml")).unwrap();
    assert!(written.contains("default layout"), "{written}");
    assert!(!written.contains("[[layout]]"), "{written}");
    assert!(serious(&check(dir.path())).is_empty());
    // A second run refuses to replace it; --stdout prints without writing.
    std::fs::write(dir.path().join("digest-lint.toml"), "# mine\n").unwrap();
    let out = Command::new(bin())
        .args(["init", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    let out = Command::new(bin())
        .args(["init", "--stdout", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("[schema]"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("digest-lint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn a_post_in_another_shape_gets_one_finding_naming_the_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = site(Kind::DatedFolders);
    write(dir.path(), &files);
    init(dir.path());
    // The same papers as an ordered list: nothing of the layout's shape.
    let mut t = "## Daily Papers (2025-04-20)\n\n".to_string();
    for (k, p) in papers(9, 3).iter().enumerate() {
        t += &format!("{}. [{}](https://arxiv.org/abs/{})\n", k + 1, p.title, p.id);
    }
    files = vec![("logs/2025/04/20.md".to_string(), t)];
    write(dir.path(), &files);
    let found: Vec<_> = check(dir.path())
        .into_iter()
        .filter(|f| f.0 == "logs/2025/04/20.md")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].2, "DL215");
    let out = Command::new(bin())
        .args(["check", "logs/2025/04/20.md"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("does not fit"), "{text}");
    assert!(text.contains("`### 1. [Title](URL)` heading"), "{text}");
}

#[test]
fn init_leaves_a_few_broken_posts_to_the_rules() {
    // Five posts in the dated-folder layout and one whose papers slipped to `####`
    // headings: init learns the five, and check reports the sixth.
    let dir = tempfile::tempdir().unwrap();
    let mut files = site(Kind::DatedFolders);
    let (path, text) = &mut files[5];
    *text = text.replace("\n### ", "\n#### ");
    let broken = path.clone();
    write(dir.path(), &files);
    init(dir.path());
    let config = std::fs::read_to_string(dir.path().join("digest-lint.toml")).unwrap();
    assert!(config.contains("level = 3"), "{config}");
    let found = check(dir.path());
    assert!(
        found.iter().any(|f| f.0 == broken && f.2 == "DL202"),
        "{found:#?}"
    );
    assert!(serious(&found).iter().all(|f| f.0 == broken), "{found:#?}");
}

#[test]
fn init_inside_a_dated_folder_still_reads_dates_from_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = site(Kind::DatedFolders);
    // A wrong date in one page heading, for DL108 to find.
    let (path, text) = &mut files[1];
    let date = path_date(path);
    *text = text.replacen(&date, "2025-03-01", 1);
    let planted = path.clone();
    write(dir.path(), &files);
    let month = dir.path().join(Path::new(&planted).parent().unwrap());
    let printed = init(&month);
    // It says the file covers that month alone.
    assert!(
        printed.contains("looks like one of the blog's dated folders"),
        "{printed}"
    );
    let written = std::fs::read_to_string(month.join("digest-lint.toml")).unwrap();
    assert!(
        written.contains(r#"date = ["path:{yyyy}/{mm}/{dd}.md"]"#),
        "{written}"
    );
    let found = check(&month);
    let name = Path::new(&planted).file_name().unwrap().to_str().unwrap();
    assert!(
        found
            .iter()
            .any(|(p, _, code, _)| code == "DL108" && p == name),
        "{found:?}"
    );
}

/// `2025-04-11` from `logs/2025/04/11.md`.
fn path_date(path: &str) -> String {
    let parts: Vec<&str> = path.trim_end_matches(".md").rsplit('/').take(3).collect();
    format!("{}-{}-{}", parts[2], parts[1], parts[0])
}

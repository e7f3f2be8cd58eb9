//! The posts the language server benchmarks run on (shared by the bench examples).

use std::path::PathBuf;

pub fn corpus() -> PathBuf {
    std::env::var_os("DIGEST_LINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

pub fn posts(dir: &std::path::Path, folder: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir.join(folder))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The corpus's paper blocks repeated until `size` bytes, renumbered 1..n, each with its
/// own identifier, under one front matter.
pub fn generated_post(dir: &std::path::Path, size: usize) -> String {
    let mut blocks = Vec::new();
    for (_, text) in posts(dir, "hahngt") {
        let mut starts: Vec<usize> = text.match_indices("\n# ").map(|(i, _)| i + 1).collect();
        starts.push(text.len());
        for w in starts.windows(2) {
            blocks.push(text[w[0]..w[1]].to_string());
        }
    }
    let mut out = String::from(
        "---\nlayout: post\ntitle: \"Daily Papers — 2025-12-31\"\ndate: 2025-12-31 08:15:00\ntags: [papers, arxiv]\ncategories: []\n---\n\n",
    );
    let ids = regex::Regex::new(r"\d{4}\.\d{4,5}(v\d+)?").unwrap();
    let mut n = 0;
    while out.len() < size {
        for block in &blocks {
            n += 1;
            let rest = block.split_once(". ").map_or(block.as_str(), |(_, r)| r);
            let id = format!("2512.{:05}", n % 100_000);
            let rest = ids.replace_all(rest, id.as_str()).into_owned();
            out.push_str(&format!("# {n}. {rest}"));
            if out.len() >= size {
                break;
            }
        }
    }
    out
}

/// The generated post with a run of two spaces in every paper title (DL401) and every
/// third Limitations heading misspelled (DL207): about 8,000 findings on 10 MB, the case
/// of issue 11 where every edit used to take 130–200 ms.
pub fn many_findings(text: &str) -> String {
    let titles = regex::Regex::new(r"(?m)^(# \d+\. \[\S+) ").unwrap();
    let text = titles.replace_all(text, "$1  ");
    let mut n = 0;
    let limitations = regex::Regex::new(r"(?m)^## Limitations$").unwrap();
    limitations
        .replace_all(&text, |_: &regex::Captures| {
            n += 1;
            if n % 3 == 0 {
                "## Limitatons"
            } else {
                "## Limitations"
            }
        })
        .into_owned()
}

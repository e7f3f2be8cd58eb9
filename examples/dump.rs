//! Developer tool: lint the given files (or every `.md` under given folders) with the
//! default configuration and print each finding, then counts per rule.
//! `cargo run --example dump -- ../shared/corpus/hahngt [--only DL2]`

use digest_lint::text::LineIndex;
use digest_lint::{Config, Rule};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "md") {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let only = args
        .iter()
        .position(|a| a == "--only")
        .map(|i| args[i + 1].clone());
    let quiet = args.iter().any(|a| a == "--quiet");
    let mut files = Vec::new();
    for a in args
        .iter()
        .filter(|a| !a.starts_with("--") && Some(*a) != only.as_ref())
    {
        collect(Path::new(a), &mut files);
    }
    let mut config = Config::default();
    for rule in Rule::ALL {
        config
            .levels
            .entry(*rule)
            .or_insert(Some(rule.default_severity()));
    }
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy();
        let index = LineIndex::new(&text);
        let mut seen = std::collections::BTreeSet::new();
        for d in digest_lint::lint(&text, &config, Some(&name)) {
            if only
                .as_ref()
                .is_some_and(|o| !d.rule.code().starts_with(o.as_str()))
            {
                continue;
            }
            let p = index.display_position(&text, d.span.start);
            if !quiet {
                println!(
                    "{}:{}:{} {} {} [{}] {:?}{}",
                    file.display(),
                    p.line,
                    p.column,
                    d.rule.code(),
                    d.message,
                    d.severity.as_str(),
                    d.span.slice(&text).chars().take(60).collect::<String>(),
                    d.fix
                        .as_ref()
                        .map(|f| format!(" fix({:?}): {}", f.applicability, f.title))
                        .unwrap_or_default()
                );
            }
            let c = counts.entry(d.rule.code()).or_default();
            c.0 += 1;
            if seen.insert(d.rule) {
                c.1 += 1;
            }
        }
    }
    println!("--- {} files", files.len());
    for (code, (n, posts)) in counts {
        println!("{code}: {n} findings in {posts} posts");
    }
}

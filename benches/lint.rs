//! Criterion benchmarks: the largest real post and the whole corpus, each against the
//! floor of merely parsing the same text with pulldown-cmark.
//!
//! `cargo bench --bench lint` (corpus from `$DIGEST_LINT_CORPUS`, else `../shared/corpus`).

use criterion::{Criterion, criterion_group, criterion_main};
use digest_lint::{Config, Post};
use std::hint::black_box;
use std::path::PathBuf;

fn corpus_posts() -> Vec<(String, String)> {
    let root = std::env::var_os("DIGEST_LINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut posts = Vec::new();
    for folder in ["seed", "hahngt", "hahngt-history"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                posts.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    posts.sort();
    posts
}

fn pulldown_floor(text: &str) -> usize {
    pulldown_cmark::Parser::new(text).into_offset_iter().count()
}

fn benches(c: &mut Criterion) {
    let posts = corpus_posts();
    assert!(
        !posts.is_empty(),
        "corpus not found: set DIGEST_LINT_CORPUS"
    );
    let config = Config::default();
    let options = config.default_layout.clone();
    let (name, largest) = posts.iter().max_by_key(|(_, t)| t.len()).unwrap();

    let mut group = c.benchmark_group(format!("largest post ({} KB)", largest.len() / 1024));
    group.bench_function("pulldown-cmark floor", |b| {
        b.iter(|| pulldown_floor(black_box(largest)))
    });
    group.bench_function("parse", |b| {
        b.iter(|| Post::parse(black_box(largest), &options).papers.len())
    });
    group.bench_function("lint", |b| {
        b.iter(|| digest_lint::lint(black_box(largest), &config, Some(name)).len())
    });
    group.finish();

    let mut group = c.benchmark_group(format!("corpus ({} posts, one thread)", posts.len()));
    group.sample_size(20);
    group.bench_function("pulldown-cmark floor", |b| {
        b.iter(|| posts.iter().map(|(_, t)| pulldown_floor(t)).sum::<usize>())
    });
    group.bench_function("lint", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|(n, t)| digest_lint::lint(t, &config, Some(n)).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(lint, benches);
criterion_main!(lint);

//! Benchmark of the workspace index (not a timed test):
//! `cargo run --release --example index_bench -- DIR…`
//!
//! Finds the posts under each DIR as the language server does at startup (the `[files]`
//! globs, .gitignore honoured), reads and indexes them in parallel, and reports the time
//! of each step, the heap the index holds once the texts are dropped, and the peak heap.
//! Then re-indexes one post as an edit would, and reads every post's DL308/DL309 findings
//! from the index.

use digest_lint::Config;
use digest_lint::lsp::workspace::{self, Workspace};
use digest_lint::workspace::cross_post_findings;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::time::Instant;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    let folders: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    assert!(!folders.is_empty(), "usage: index_bench DIR…");
    let folders: Vec<PathBuf> = folders
        .iter()
        .map(|f| std::fs::canonicalize(f).expect("an existing folder"))
        .collect();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);

    let t = Instant::now();
    let files = workspace::find_posts(&folders);
    let walk = t.elapsed();
    let t = Instant::now();
    let posts = workspace::index_files(&files);
    let read_and_index = t.elapsed();
    let t = Instant::now();
    let mut ws = Workspace::default();
    ws.replace(posts);
    let build = t.elapsed();
    drop(files);
    let held = LIVE.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let papers: usize = ws.index.posts().map(|p| p.papers.len()).sum();
    println!(
        "{} posts, {papers} papers, {} identifiers",
        ws.index.len(),
        ws.index.identifiers().len()
    );
    println!(
        "walk {walk:.2?}, read + parse + index (parallel) {read_and_index:.2?}, build the maps {build:.2?}: total {:.2?}",
        walk + read_and_index + build
    );
    println!(
        "heap held by the index: {:.1} MiB; peak while building: {:.1} MiB",
        mib(held),
        mib(peak)
    );

    let config = Config::default();
    let t = Instant::now();
    let mut found = 0;
    let paths: Vec<PathBuf> = ws.index.posts().map(|p| p.path.clone()).collect();
    for path in &paths {
        found += cross_post_findings(&ws.index, path, &config).len();
    }
    println!(
        "DL308/DL309 of every post from the index: {found} findings in {:.2?}",
        t.elapsed()
    );
    if let Some(path) = paths.first() {
        let text = std::fs::read_to_string(path).unwrap();
        let t = Instant::now();
        let affected = ws.upsert(workspace::index_text(path, &format!("{text}\n"), &config));
        println!(
            "re-index one post after an edit: {:.2?} ({} posts affected)",
            t.elapsed(),
            affected.len()
        );
    }
}

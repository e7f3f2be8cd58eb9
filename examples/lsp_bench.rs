//! Benchmark of the language server's edit path (not a timed test):
//! `cargo run --release --example lsp_bench [-- EDITS]`
//!
//! For the largest corpus post (82 KB) and a generated 10 MB post (the corpus's papers
//! repeated, renumbered, with fresh identifiers), it opens the document, then makes
//! single-character edits at random places and measures, per edit, what the server does
//! between `didChange` and having the diagnostics to send: apply the change to the rope
//! (UTF-16 positions converted), re-check the touched paper blocks, and build the LSP
//! diagnostics. The edit path includes the workspace index: the document is indexed
//! again from its text and its DL308/DL309 findings read from an index of the corpus's
//! hahngt posts (reported separately too). Reports p50/p99/max per edit, the time of a
//! full lint of the same text for comparison, the heap held per open document and the
//! peak heap.
//! Corpus: `$DIGEST_LINT_CORPUS`, else `../shared/corpus`.

use digest_lint::Config;
use digest_lint::lsp::capabilities::ClientCaps;
use digest_lint::lsp::documents::Document;
use digest_lint::lsp::handlers;
use digest_lint::lsp::handlers::diagnostics::CrossPost;
use digest_lint::lsp::position::{self, Encoding};
use digest_lint::lsp::workspace::{self, Workspace};
use digest_lint::workspace::cross_post_findings;
use std::path::PathBuf;

#[path = "common/bench_post.rs"]
mod post;
use post::{corpus, generated_post, many_findings, posts};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tower_lsp_server::ls_types::{Range, TextDocumentContentChangeEvent, Uri};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE, PEAK};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// A workspace of the corpus's hahngt posts, as the server indexes it at startup.
fn corpus_workspace(dir: &std::path::Path, config: &Config) -> Workspace {
    let mut ws = Workspace::default();
    let posts = posts(dir, "hahngt")
        .into_iter()
        .map(|(name, text)| {
            let path = PathBuf::from("/bench/_posts").join(name);
            workspace::index_text(&path, &text, config)
        })
        .collect();
    ws.replace(posts);
    ws
}

fn bench(name: &str, text: String, edits: usize, mut ws: Workspace) {
    let uri = Uri::from_str("file:///bench/_posts/2025-12-31-daily-papers-20251231.md").unwrap();
    let caps = ClientCaps {
        encoding: Encoding::Utf16,
        ..ClientCaps::default()
    };
    let config = Arc::new(Config::default());
    let len = text.len();

    let t = Instant::now();
    let full = digest_lint::lint(&text, &config, Some("2025-12-31-daily-papers-20251231.md")).len();
    let full_lint = t.elapsed();

    // The input string is dropped once the rope holds the text: count from without it.
    let before = LIVE.load(Ordering::Relaxed) - text.capacity();
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let t = Instant::now();
    let path = PathBuf::from("/bench/_posts/2025-12-31-daily-papers-20251231.md");
    let mut doc = Document::new(&text, 1, Some(path), config.clone());
    drop(text);
    let mut analysis = doc.analysis.take().unwrap();
    analysis.update(&doc.rope);
    doc.analysis = Some(analysis);
    let path = doc.path.clone().unwrap();
    ws.upsert(workspace::index_text(&path, &doc.text(), &config));
    let cross = CrossPost {
        version: ws.version(&path),
        findings: cross_post_findings(&ws.index, &path, &config),
    };
    let cross_found = cross.findings.len();
    let items =
        handlers::diagnostics::items(&caps, &doc, doc.analysis.as_ref().unwrap(), &uri, &cross);
    let open = t.elapsed();
    let held = LIVE.load(Ordering::Relaxed) - before;
    let open_peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(
        items.len(),
        full + cross_found,
        "the server finds what a full lint finds"
    );
    drop(items);

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut times = Vec::with_capacity(edits);
    let mut json_times = Vec::with_capacity(edits);
    let mut json_bytes = 0;
    let mut index_times = Vec::with_capacity(edits);
    let inserts = ["a", " ", "한", "😀", "\n"];
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let edit_base = LIVE.load(Ordering::Relaxed);
    for i in 0..edits {
        let offset = (rng.next() as usize) % doc.rope.len_bytes();
        let char_idx = doc.rope.byte_to_char(offset);
        let offset = doc.rope.char_to_byte(char_idx);
        let at = position::position(&doc.rope, offset, Encoding::Utf16);
        // alternate inserting a character and deleting the one just inserted
        let change = if i % 2 == 0 {
            TextDocumentContentChangeEvent {
                range: Some(Range::new(at, at)),
                range_length: None,
                text: inserts[(rng.next() as usize) % inserts.len()].to_string(),
            }
        } else {
            let end = doc
                .rope
                .char_to_byte((char_idx + 1).min(doc.rope.len_chars()));
            TextDocumentContentChangeEvent {
                range: Some(Range::new(
                    at,
                    position::position(&doc.rope, end, Encoding::Utf16),
                )),
                range_length: None,
                text: String::new(),
            }
        };
        let t = Instant::now();
        doc.apply_changes(vec![change], Encoding::Utf16);
        doc.version += 1;
        let analysis = doc.analysis.as_mut().unwrap();
        analysis.update(&doc.rope);
        // As the server does: the entry from the analysis (the text again for a post
        // checked whole).
        let t_index = Instant::now();
        let site: std::sync::Arc<std::path::Path> = std::sync::Arc::from(
            digest_lint::workspace::site::site_root(&path, config.root()),
        );
        let entry = analysis
            .index_entry(&doc.rope, path.clone(), site)
            .unwrap_or_else(|| workspace::index_text(&path, &doc.text(), &config));
        ws.upsert(entry);
        let cross = CrossPost {
            version: ws.version(&path),
            findings: cross_post_findings(&ws.index, &path, &config),
        };
        index_times.push(t_index.elapsed());
        let items =
            handlers::diagnostics::items(&caps, &doc, doc.analysis.as_ref().unwrap(), &uri, &cross);
        times.push(t.elapsed());
        // What goes over the wire: the diagnostics as JSON.
        let t = Instant::now();
        let json = serde_json::to_vec(&items).unwrap();
        json_times.push(t.elapsed());
        json_bytes = json.len();
        std::hint::black_box((items, json));
    }
    let edit_peak = PEAK.load(Ordering::Relaxed) - edit_base;
    times.sort();
    json_times.sort();
    index_times.sort();
    let held_after = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "## {name}: {:.1} KB, {} papers, {} findings",
        len as f64 / 1024.0,
        doc.analysis.as_ref().unwrap().papers().count(),
        full
    );
    println!("full lint of the text (for comparison): {full_lint:.2?}");
    println!("open (rope, first analysis, diagnostics): {open:.2?}");
    println!(
        "per edit over {edits} single-character edits: p50 {:.1?}  p99 {:.1?}  max {:.1?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    println!(
        "then the diagnostics as JSON ({:.1} KB): p50 {:.1?}  p99 {:.1?}",
        json_bytes as f64 / 1024.0,
        percentile(&json_times, 0.5),
        percentile(&json_times, 0.99)
    );
    println!(
        "  of which the workspace index (the entry from the analysis, DL308/DL309; {cross_found} found on open): p50 {:.1?}  p99 {:.1?}",
        percentile(&index_times, 0.5),
        percentile(&index_times, 0.99),
    );
    println!(
        "heap held by the open document: {:.2} MB after open, {:.2} MB after the edits = {:.2}x the text",
        mb(held),
        mb(held_after),
        held_after as f64 / len as f64
    );
    println!(
        "peak heap: {:.2} MB while opening (input string included), {:.2} MB above the document while editing",
        mb(open_peak),
        mb(edit_peak)
    );
    println!();
}

fn main() {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(400);
    let dir = corpus();
    let mut all: Vec<(String, String)> = ["seed", "hahngt", "hahngt-history"]
        .iter()
        .flat_map(|f| posts(&dir, f))
        .collect();
    assert!(
        !all.is_empty(),
        "corpus not found at {} (set DIGEST_LINT_CORPUS)",
        dir.display()
    );
    all.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
    let (name, largest) = all.swap_remove(0);
    drop(all);
    let config = Config::default();
    bench(
        &format!("largest corpus post ({name})"),
        largest,
        edits,
        corpus_workspace(&dir, &config),
    );
    let generated = generated_post(&dir, 10 * 1024 * 1024);
    bench(
        "generated 10 MB post, many findings",
        many_findings(&generated),
        edits,
        corpus_workspace(&dir, &config),
    );
    bench(
        "generated 10 MB post",
        generated,
        edits,
        corpus_workspace(&dir, &config),
    );
}

//! The benchmark floor for `digest-lint check`: walk the same folders the same way
//! (ignore + rayon), read every Markdown file and parse it with pulldown-cmark, nothing else.
//! `cargo run --release --example parse_floor -- DIR…`

use rayon::prelude::*;

fn main() {
    let mut files = Vec::new();
    for root in std::env::args().skip(1) {
        for entry in ignore::WalkBuilder::new(root).build().flatten() {
            let path = entry.into_path();
            if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    let events: usize = files
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            pulldown_cmark::Parser::new(&text)
                .into_offset_iter()
                .count()
        })
        .sum();
    println!("{} files, {events} events", files.len());
}

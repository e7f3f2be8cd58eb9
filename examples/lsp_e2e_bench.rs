//! End-to-end benchmark of the language server on a 10 MB post with about 8,000 findings
//! (not a timed test): `cargo run --release --example lsp_e2e_bench [-- EDITS]`.
//!
//! Runs the real server in process over a pipe and speaks JSON-RPC to it, as an editor
//! does: per edit, the time from writing `didChange` to having read the diagnostics of
//! that version, pushed (`publishDiagnostics`) or pulled (`textDocument/diagnostic`). This
//! is everything `lsp_bench` measures plus JSON in both directions, the framing filter
//! and tower-lsp-server's scheduling.
//! Corpus: `$DIGEST_LINT_CORPUS`, else `../shared/corpus`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use serde_json::{Value, json};
use std::time::{Duration, Instant};

#[path = "../tests/common/wire.rs"]
mod wire;
use wire::Wire;

#[path = "common/bench_post.rs"]
mod post;

const URI: &str = "file:///bench/_posts/2025-12-31-daily-papers-20251231.md";

struct Client {
    wire: Wire,
}

impl Client {
    async fn send(&mut self, message: Value) {
        self.wire.send(message).await;
    }

    /// Reads until `accept` takes a message.
    async fn until(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.wire.read().await;
            if accept(&message) {
                return message;
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

async fn run(text: &str, pull: bool, edits: usize) {
    let mut client = Client {
        wire: Wire::start(digest_lint::lsp::Options::default()),
    };
    let capabilities = if pull {
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}})
    } else {
        json!({})
    };
    client
        .send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": capabilities}}))
        .await;
    client.until(|m| m["id"] == 1).await;
    client
        .send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        .await;
    client
        .send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}}}),
        )
        .await;
    let lines = text.lines().count();
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut times = Vec::new();
    let mut arrived = Vec::new();
    let mut count = 0;
    let mut line = 0;
    for version in 2..(edits as i64 + 2) {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // Insert a character at the start of a random line, then delete it again.
        if version % 2 == 0 {
            line = (rng as usize) % lines;
        }
        let change = if version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "a"})
        } else {
            json!({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""})
        };
        let t = Instant::now();
        client
            .send(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}}),
            )
            .await;
        let items = if pull {
            client
                .send(
                    json!({"jsonrpc": "2.0", "id": version, "method": "textDocument/diagnostic",
                    "params": {"textDocument": {"uri": URI}}}),
                )
                .await;
            let response = client.until(|m| m["id"] == version).await;
            response["result"]["items"].as_array().map_or(0, Vec::len)
        } else {
            let published = client
                .until(|m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["version"] == version
                })
                .await;
            published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len)
        };
        // The first one includes opening the document.
        if version > 2 {
            times.push(t.elapsed());
            arrived.push(client.wire.received - t);
        }
        count = items;
    }
    times.sort();
    arrived.sort();
    println!(
        "{}: {count} diagnostics; per edit p50 {:.1?}  p90 {:.1?}  p99 {:.1?}  max {:.1?}",
        if pull { "pull" } else { "push" },
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    println!(
        "      of which until the JSON had arrived (the rest is the client parsing it): p50 {:.1?}  p90 {:.1?}  p99 {:.1?}",
        percentile(&arrived, 0.5),
        percentile(&arrived, 0.9),
        percentile(&arrived, 0.99),
    );
}

#[tokio::main]
async fn main() {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let text = post::many_findings(&post::generated_post(&post::corpus(), 10 * 1024 * 1024));
    println!(
        "## generated 10 MB post, many findings: {:.1} KB",
        text.len() as f64 / 1024.0
    );
    run(&text, false, edits).await;
    run(&text, true, edits).await;
}

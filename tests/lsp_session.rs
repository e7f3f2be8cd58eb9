//! A randomised editing session against the real server, in process, with a client of
//! our own: thousands of random incremental edits (Korean, astral emoji, CRLF, `#`,
//! `---`, brackets), in UTF-8 and in UTF-16 positions, with garbage frames in between.
//! After every batch the pulled diagnostics must equal `digest_lint::lint` of the text
//! the client holds, which also shows the server is still answering.
//!
//! `LSP_SESSION_SEED` replays one seed; `LSP_SESSION_EDITS` sets the edits per encoding.

mod common;

use digest_lint::Config;
use serde_json::{Value, json};
use std::time::Duration;

#[path = "common/wire.rs"]
mod wire;
use wire::Wire;

const URI: &str = "file:///tmp/digest-lint-session-test/_posts/2025-08-31-session.md";
const FILE_NAME: &str = "2025-08-31-session.md";

/// What the edits insert: the characters that make positions and parsing hard.
const TOKENS: &[&str] = &[
    "a",
    "한",
    "국어",
    "😀",
    "👩‍💻",
    "\n",
    "\r\n",
    " ",
    "  ",
    "#",
    "# ",
    "## ",
    "---",
    "---\n",
    "[",
    "]",
    "(",
    ")",
    "](https://arxiv.org/abs/2508.00003)",
    "\n# 2. [T](https://arxiv.org/abs/2508.00002)\n",
    "## Method\n",
    "## Limitations\n",
    "title: \"x\"\n",
    "```\n",
    "<!--",
    "-->",
    "<!-- digest-lint-disable-next-line DL401 -->\n",
    "\u{a0}",
    "\u{200b}",
    "\t",
    "=\n",
    "- ",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Encoding {
    Utf8,
    Utf16,
}

/// The LSP position of byte `offset` of `text`: lines end at `\n`, `\r\n` or `\r`;
/// columns count UTF-8 bytes or UTF-16 code units.
fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let before = &text[..offset];
    let bytes = before.as_bytes();
    let mut line = 0;
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    // (Edits never split a CRLF, so a `\r` ending `before` is a line break of its own.)
    let in_line = &before[line_start..];
    let character = match encoding {
        Encoding::Utf8 => in_line.len(),
        Encoding::Utf16 => in_line.encode_utf16().count(),
    };
    json!({"line": line, "character": character})
}

/// A char boundary at or before `i` that does not split a CRLF.
fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i)
        || (i > 0 && i < text.len() && text.as_bytes()[i - 1..=i] == *b"\r\n")
    {
        i -= 1;
    }
    i
}

struct Client {
    wire: Wire,
}

impl Client {
    async fn start() -> Client {
        Client {
            wire: Wire::start(digest_lint::lsp::Options::default()),
        }
    }

    async fn write(&mut self, bytes: &[u8]) {
        self.wire.write(bytes).await;
    }

    async fn send(&mut self, message: Value) {
        self.wire.send(message).await;
    }

    /// The response to request `id`; other messages are skipped (server requests are
    /// answered with null).
    async fn response(&mut self, id: i64) -> Value {
        loop {
            let message = self.wire.next_message(Duration::from_secs(30)).await;
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
        }
    }
}

/// Frames no server should choke on: not JSON, not JSON-RPC, invalid requests, bad lengths.
fn garbage(rng: &mut Rng, id: i64) -> Vec<u8> {
    let frame = |body: &[u8]| {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    };
    match rng.below(7) {
        0 => frame(b"{not json"),
        1 => frame(&[0xff, 0xfe, 0x00, 0x80]),
        2 => frame(b"[1, 2, 3]"),
        3 => frame(format!(r#"{{"jsonrpc":"2.0","id":{id},"method":5}}"#).as_bytes()),
        4 => b"Content-Length: 99999999999999999999\r\n\r\n{\"garbage\":".to_vec(),
        5 => b"Content-Length: 3\r\n\r\n{\"jsonrpc\"".to_vec(),
        _ => b"random text without any header\r\n\r\n".to_vec(),
    }
}

/// What the server must report: `(range, code, message)` of a full lint, sorted.
fn expected(text: &str, encoding: Encoding) -> Vec<String> {
    let mut out: Vec<String> = digest_lint::lint(text, &Config::default(), Some(FILE_NAME))
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                position(text, d.span.start, encoding),
                position(text, d.span.end, encoding),
                d.rule.code(),
                d.message
            )
        })
        .collect();
    out.sort();
    out
}

fn reported(items: &Value) -> Vec<String> {
    let mut out: Vec<String> = items
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["range"]["start"],
                d["range"]["end"],
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    out.sort();
    out
}

async fn session(seed: u64, encoding: Encoding, edits: usize) {
    let mut rng = Rng(seed);
    let mut client = Client::start().await;
    let name = match encoding {
        Encoding::Utf8 => "utf-8",
        Encoding::Utf16 => "utf-16",
    };
    client
        .send(
            json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
                "processId": null, "rootUri": null,
                "capabilities": {
                    "general": {"positionEncodings": [name]},
                    "textDocument": {"diagnostic": {"dynamicRegistration": false}}
                }
            }}),
        )
        .await;
    let init = client.response(1).await;
    assert_eq!(
        init["result"]["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16"),
        name
    );
    client
        .send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        .await;
    let mut text = common::post("한국어  제목 😀", "정보 부족");
    if rng.below(2) == 0 {
        text = text.replace('\n', "\r\n");
    }
    client
        .send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                "textDocument": {"uri": URI, "languageId": "markdown", "version": 1, "text": text}
            }}),
        )
        .await;
    let mut version = 1;
    let mut id = 10;
    let mut done = 0;
    while done < edits {
        // A batch: a few didChange notifications of one to three changes each.
        for _ in 0..1 + rng.below(6) {
            let mut changes = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let start = boundary(&text, rng.below(text.len() + 1));
                let end = boundary(&text, (start + rng.below(8)).min(text.len())).max(start);
                let insert = if rng.below(4) == 0 {
                    ""
                } else {
                    TOKENS[rng.below(TOKENS.len())]
                };
                changes.push(json!({
                    "range": {"start": position(&text, start, encoding), "end": position(&text, end, encoding)},
                    "text": insert
                }));
                text.replace_range(start..end, insert);
                done += 1;
            }
            version += 1;
            client
                .send(
                    json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                        "textDocument": {"uri": URI, "version": version},
                        "contentChanges": changes
                    }}),
                )
                .await;
            if rng.below(3) == 0 {
                id += 1;
                let junk = garbage(&mut rng, id);
                client.write(&junk).await;
            }
        }
        id += 1;
        client
            .send(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/diagnostic",
                "params": {"textDocument": {"uri": URI}}}),
            )
            .await;
        let response = client.response(id).await;
        assert!(response.get("error").is_none(), "seed {seed}: {response}");
        assert_eq!(
            reported(&response["result"]["items"]),
            expected(&text, encoding),
            "seed {seed}, {name}, after {done} edits; text: {text:?}"
        );
    }
    id += 1;
    client
        .send(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}))
        .await;
    client.response(id).await;
    client
        .send(json!({"jsonrpc": "2.0", "method": "exit"}))
        .await;
    let clean = tokio::time::timeout(Duration::from_secs(10), client.wire.server)
        .await
        .expect("the server ended after exit")
        .unwrap();
    assert!(clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edits_and_garbage_frames_keep_diagnostics_equal_to_check() {
    let edits = std::env::var("LSP_SESSION_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let seeds: Vec<u64> = match std::env::var("LSP_SESSION_SEED") {
        Ok(seed) => vec![seed.parse().expect("a number")],
        Err(_) => vec![0x5eed_0001, 0x5eed_0002],
    };
    for seed in seeds {
        session(seed, Encoding::Utf8, edits).await;
        session(seed ^ 0xffff, Encoding::Utf16, edits).await;
    }
}

//! The language server end to end, in process: the real server over an in-memory pipe,
//! spoken to in JSON-RPC as an editor would.

use digest_lint::text::LineIndex;
use serde_json::{Value, json};
use std::time::Duration;

#[path = "common/wire.rs"]
mod wire;
use wire::Wire;

const URI: &str = "file:///tmp/digest-lint-lsp-test/_posts/2025-08-31-daily-papers-20250831.md";

/// A small post of our own: a stray quote in the title (DL107 once that rule exists),
/// Korean text, an emoji, and paper titles with runs of spaces (DL401).
const POST: &str = "---\nlayout: post\ntitle: Daily Papers — 2025-08-31\"\ndate: 2025-08-31 08:15:00\ntags: [papers, arxiv]\ncategories: []\n---\n\n# 1. [한국어  제목 😀 Diffusion](https://arxiv.org/abs/2508.20751)\n\n## Introduction\n- Goal: 목표\n- Motivation: 동기\n- Contribution: 기여\n\n## Method\n방법.\n\n## Results\n결과.\n\n## Limitations\n정보 부족\n\n## Conclusion\n결론.\n\n# 2. [Second   paper](https://arxiv.org/abs/2508.20722v2)\n\n## Introduction\n- Goal: a\n- Motivation: b\n- Contribution: c\n\n## Method\nm.\n\n## Results\nr.\n\n## Limitations\nl.\n\n## Conclusion\nc.\n";

struct Client {
    wire: Wire,
    next_id: i64,
    notifications: Vec<Value>,
}

impl Client {
    async fn start() -> Client {
        Client {
            wire: Wire::start(digest_lint::lsp::Options { debug: true }),
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    /// Starts a server and initializes it with the given client capabilities.
    async fn initialized(capabilities: Value) -> (Client, Value) {
        let mut client = Client::start().await;
        let result = client
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
            )
            .await;
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    async fn send(&mut self, message: Value) {
        self.wire.send(message).await;
    }

    /// Reads the next message; answers server requests (registration, refresh) with null.
    async fn next(&mut self) -> Value {
        self.wire.next_message(Duration::from_secs(20)).await
    }

    /// The full response (result or error) to a request.
    async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let message = self.next().await;
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
            self.notifications.push(message);
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// The next `publishDiagnostics` for `uri` matching `accept`.
    async fn published(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == "textDocument/publishDiagnostics" && accept(&n["params"]))
        {
            return self.notifications.remove(i)["params"].clone();
        }
        loop {
            let message = self.next().await;
            if message["method"] == "textDocument/publishDiagnostics" && accept(&message["params"])
            {
                return message["params"].clone();
            }
        }
    }

    async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        )
        .await;
    }

    async fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    async fn stop(mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        let clean = tokio::time::timeout(Duration::from_secs(10), self.wire.server)
            .await
            .unwrap()
            .unwrap();
        assert!(clean, "shutdown came before exit");
    }
}

fn caps_utf16_push() -> Value {
    json!({
        "textDocument": {
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"snippetSupport": true}},
            "publishDiagnostics": {"relatedInformation": true}
        },
        "workspace": {"workspaceEdit": {"documentChanges": true}}
    })
}

fn caps_utf8_pull() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16", "utf-8"]},
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}}
    })
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn ranges_of<'a>(diagnostics: &'a Value, code: &str) -> Vec<&'a Value> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| &d["range"])
        .collect()
}

fn utf16_offset(text: &str, position: &Value) -> usize {
    let index = LineIndex::new(text);
    index.offset_from_utf16(
        text,
        position["line"].as_u64().unwrap() as usize,
        position["character"].as_u64().unwrap() as usize,
    )
}

/// Applies LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                utf16_offset(text, &e["range"]["start"]),
                utf16_offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    let mut last = usize::MAX;
    for (start, end, new) in spans {
        assert!(end <= last, "edits overlap");
        out.replace_range(start..end, &new);
        last = start;
    }
    out
}

fn edits_of(action: &Value) -> Vec<Value> {
    let edit = &action["edit"];
    if let Some(changes) = edit["documentChanges"].as_array() {
        return changes[0]["edits"].as_array().unwrap().clone();
    }
    edit["changes"][URI].as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_diagnostics_follow_incremental_utf16_edits() {
    let (mut client, init) = Client::initialized(caps_utf16_push()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert!(
        init["capabilities"]["diagnosticProvider"].is_null(),
        "no pull for a client without it"
    );
    client.open(URI, POST).await;
    let first = client.published(|p| p["uri"] == URI).await;
    assert_eq!(first["version"], 1);
    let diagnostics = &first["diagnostics"];
    let dl401 = ranges_of(diagnostics, "DL401");
    assert_eq!(dl401.len(), 2, "{diagnostics}");
    // `# 1. [한국어  제목` : the run of two spaces after 한국어 (3 UTF-16 units) is at 9..11
    assert_eq!(
        dl401[0],
        &json!({"start": {"line": 8, "character": 9}, "end": {"line": 8, "character": 11}})
    );
    let d = &diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "DL401")
        .unwrap();
    assert_eq!(d["source"], "digest-lint");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules/DL401.md")
    );

    // An emoji just after `[`: the range moves by 2 UTF-16 units.
    client
        .change(URI, 2, json!([{"range": {"start": {"line": 8, "character": 6}, "end": {"line": 8, "character": 6}}, "text": "😀"}]))
        .await;
    let second = client.published(|p| p["version"] == 2).await;
    let moved = ranges_of(&second["diagnostics"], "DL401");
    assert_eq!(moved[0]["start"]["character"], 11);
    assert_eq!(moved[0]["end"]["character"], 13);

    // A burst of changes, including positions past the end of a line and of the text.
    client
        .change(URI, 3, json!([{"range": {"start": {"line": 8, "character": 6}, "end": {"line": 8, "character": 8}}, "text": ""}]))
        .await;
    client
        .change(URI, 4, json!([{"range": {"start": {"line": 0, "character": 999}, "end": {"line": 0, "character": 999}}, "text": ""}]))
        .await;
    client
        .change(URI, 5, json!([{"range": {"start": {"line": 9999, "character": 0}, "end": {"line": 9999, "character": 5}}, "text": "\n"}]))
        .await;
    // An older version is ignored.
    client
        .change(URI, 3, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "junk"}]))
        .await;
    let last = client.published(|p| p["version"] == 5).await;
    assert_eq!(ranges_of(&last["diagnostics"], "DL401"), dl401);
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(
        symbols.as_array().unwrap().len(),
        3,
        "front matter and two papers"
    );

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let closed = client
        .published(|p| p["uri"] == URI && p["diagnostics"] == json!([]))
        .await;
    assert!(closed["version"].is_null());
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_under_utf8_and_never_push() {
    let (mut client, init) = Client::initialized(caps_utf8_pull()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "digest-lint"
    );
    client.open(URI, POST).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    let dl401 = ranges_of(&report["items"], "DL401");
    // 한국어 is 9 bytes: the run starts at byte column 6 + 9 = 15
    assert_eq!(dl401[0]["start"], json!({"line": 8, "character": 15}));
    let result_id = report["resultId"].clone();
    let again = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");

    // An emoji just after `[`: 4 bytes under UTF-8.
    client
        .change(URI, 2, json!([{"range": {"start": {"line": 8, "character": 6}, "end": {"line": 8, "character": 6}}, "text": "😀"}]))
        .await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": result_id}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(
        ranges_of(&report["items"], "DL401")[0]["start"]["character"],
        19
    );
    // a position inside the emoji (byte 8 of 6..10) lands on its start
    client
        .change(URI, 3, json!([{"range": {"start": {"line": 8, "character": 8}, "end": {"line": 8, "character": 10}}, "text": ""}]))
        .await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(
        ranges_of(&report["items"], "DL401")[0]["start"]["character"],
        15
    );
    assert!(
        client
            .notifications
            .iter()
            .all(|n| n["method"] != "textDocument/publishDiagnostics"),
        "a pull client never gets pushed diagnostics"
    );
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crlf_documents_keep_their_line_ends() {
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    let crlf = POST.replace('\n', "\r\n");
    client.open(URI, &crlf).await;
    let published = client.published(|p| p["uri"] == URI).await;
    assert_eq!(
        ranges_of(&published["diagnostics"], "DL401")[0]["start"],
        json!({"line": 8, "character": 9})
    );
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 8, "character": 9}, "end": {"line": 8, "character": 9}}, "context": {"diagnostics": []}}),
        )
        .await;
    let disable = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Disable DL401 for this line")
        .unwrap();
    let edited = apply(&crlf, &edits_of(disable));
    assert!(edited.contains("\r\n<!-- digest-lint-disable-next-line DL401 -->\r\n# 1. ["));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_code_actions_and_formatting() {
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    client.open(URI, POST).await;
    client.published(|p| p["uri"] == URI).await;

    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let symbols = symbols.as_array().unwrap();
    assert_eq!(symbols[0]["name"], "Front matter");
    assert_eq!(symbols[1]["name"], "1. 한국어 제목 😀 Diffusion");
    assert_eq!(symbols[1]["detail"], "2508.20751");
    assert_eq!(symbols[2]["detail"], "2508.20722v2");
    let sections: Vec<&str> = symbols[1]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "Introduction",
            "Method",
            "Results",
            "Limitations",
            "Conclusion"
        ]
    );

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 8, "character": 10}, "end": {"line": 8, "character": 10}}, "context": {"diagnostics": []}}),
        )
        .await;
    let actions = actions.as_array().unwrap();
    let quickfix = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .unwrap();
    assert_eq!(quickfix["diagnostics"][0]["code"], "DL401");
    assert_eq!(
        quickfix["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    let fixed = apply(POST, &edits_of(quickfix));
    assert!(fixed.contains("# 1. [한국어 제목 😀 Diffusion]"));
    let fix_all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.digest-lint")
        .unwrap();
    let all_fixed = apply(POST, &edits_of(fix_all));
    let remaining = digest_lint::lint(
        &all_fixed,
        &digest_lint::Config::default(),
        Some("2025-08-31-daily-papers-20250831.md"),
    );
    assert!(
        remaining.iter().all(|d| d
            .fix
            .as_ref()
            .is_none_or(|f| f.applicability != digest_lint::Applicability::Safe)),
        "fix-all leaves no safe fix: {remaining:?}"
    );
    assert!(all_fixed.contains("[Second paper]"));

    let only = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    assert_eq!(only.as_array().unwrap().len(), 1);

    let formatting = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}}),
        )
        .await;
    assert_eq!(apply(POST, formatting.as_array().unwrap()), all_fixed);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_links_folding_and_completion() {
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    client.open(URI, POST).await;
    client.published(|p| p["uri"] == URI).await;
    let doc = json!({"uri": URI});

    // hover on the second paper's link: identifier, version, month, links
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": {"line": 27, "character": 30}}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("arXiv 2508.20722")
            && value.contains("version 2")
            && value.contains("August 2025"),
        "{value}"
    );
    assert!(
        value.contains("https://arxiv.org/pdf/2508.20722v2")
            && value.contains("https://arxiv.org/html/2508.20722v2")
    );
    // hover on a finding: the message, why, the fix and a link to the rule's page
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": {"line": 8, "character": 10}}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("DL401 title-whitespace"), "{value}");
    assert!(value.contains("**Fix:**") && value.contains("docs/rules/DL401.md)"));
    assert!(!value.contains("## What it checks"), "{value}");
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": {"line": 12, "character": 2}}),
        )
        .await;
    assert!(nothing.is_null());

    let links = client
        .request("textDocument/documentLink", json!({"textDocument": doc}))
        .await;
    let targets: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "https://arxiv.org/abs/2508.20751",
            "https://arxiv.org/abs/2508.20722v2"
        ]
    );

    let folds = client
        .request("textDocument/foldingRange", json!({"textDocument": doc}))
        .await;
    let folds = folds.as_array().unwrap();
    assert_eq!(
        folds.len(),
        1 + 2 * 6,
        "front matter, papers and their sections"
    );
    assert_eq!(
        (folds[0]["startLine"].clone(), folds[0]["endLine"].clone()),
        (json!(0), json!(6))
    );
    assert_eq!(
        (folds[1]["startLine"].clone(), folds[1]["endLine"].clone()),
        (json!(8), json!(25))
    );

    // `## ` in a paper missing Method: the missing section comes first
    client
        .change(URI, 2, json!([{"range": {"start": {"line": 15, "character": 0}, "end": {"line": 16, "character": 0}}, "text": "## \n"}]))
        .await;
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": {"line": 15, "character": 3}}),
        )
        .await;
    let mut items: Vec<Value> = items.as_array().unwrap().clone();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap().to_string());
    assert_eq!(items[0]["label"], "Method");
    assert_eq!(items.len(), 5);
    // `# ` at the end: the next paper number
    let end_line = POST.lines().count() as u32;
    client
        .change(URI, 3, json!([{"range": {"start": {"line": end_line, "character": 0}, "end": {"line": end_line, "character": 0}}, "text": "\n# "}]))
        .await;
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": {"line": end_line + 1, "character": 2}}),
        )
        .await;
    assert_eq!(items[0]["label"], "3.");
    // a front matter key and a tag
    client
        .change(URI, 4, json!([{"range": {"start": {"line": 6, "character": 0}, "end": {"line": 6, "character": 0}}, "text": "au\n"}]))
        .await;
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": {"line": 6, "character": 2}}),
        )
        .await;
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "author")
    );
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["label"] != "title"),
        "present keys are not offered"
    );
    let items = client
        .request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": {"line": 4, "character": 20}}),
        )
        .await;
    let tags: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        tags.contains(&"huggingface") && !tags.contains(&"papers"),
        "{tags:?}"
    );
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_and_panics_get_error_responses() {
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    let response = client.call("textDocument/notAMethod", json!({})).await;
    assert_eq!(response["error"]["code"], -32601);
    let response = client
        .call("textDocument/hover", json!({"nonsense": true}))
        .await;
    assert_eq!(response["error"]["code"], -32602);
    // a document that is not open
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": "file:///nope.md"}}),
        )
        .await;
    assert!(symbols.is_null());
    let response = client
        .call(
            "workspace/executeCommand",
            json!({"command": "digest-lint.debug.panic", "arguments": []}),
        )
        .await;
    assert_eq!(response["error"]["code"], -32603);
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("panicked")
    );
    // still serving
    client.open(URI, POST).await;
    let published = client.published(|p| p["uri"] == URI).await;
    assert!(!codes(&published["diagnostics"]).is_empty());
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_changes_check_open_documents_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let path = dir.path().join("2025-08-31-daily-papers-20250831.md");
    std::fs::write(&path, POST).unwrap();
    let uri = format!("file://{}", path.display());
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    client.open(&uri, POST).await;
    let first = client.published(|p| p["uri"] == uri.as_str()).await;
    assert!(codes(&first["diagnostics"]).contains(&"DL401".to_string()));
    std::fs::write(
        dir.path().join("digest-lint.toml"),
        "[rules]\nDL401 = \"off\"\n",
    )
    .unwrap();
    let config_uri = format!("file://{}/digest-lint.toml", dir.path().display());
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 1}]}),
        )
        .await;
    let second = client
        .published(|p| {
            p["uri"] == uri.as_str()
                && !p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == "DL401")
        })
        .await;
    assert_eq!(second["version"], 1);
    // a broken configuration is reported and the defaults are used
    std::fs::write(
        dir.path().join("digest-lint.toml"),
        "[rules]\nDL999 = \"off\"\n",
    )
    .unwrap();
    client
        .notify("workspace/didChangeConfiguration", json!({"settings": {}}))
        .await;
    loop {
        let message = client.next().await;
        if message["method"] == "window/showMessage" {
            assert!(
                message["params"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("DL999")
            );
            break;
        }
    }
    client.stop().await;
}

#[tokio::test]
async fn posts_only_leaves_documents_that_are_not_posts_alone() {
    let mut client = Client::start().await;
    client
        .request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps_utf8_pull(),
                   "initializationOptions": {"postsOnly": true}}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    let readme = "file:///tmp/digest-lint-lsp-test/README.md";
    let draft = "file:///tmp/digest-lint-lsp-test/_drafts/2025-08-31-x.md";
    let untitled = "untitled:Untitled-1";
    for uri in [URI, readme, draft, untitled] {
        client.open(uri, POST).await;
    }
    let items = |report: Value| codes(&report["items"]);
    let post = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert!(items(post).contains(&"DL401".to_string()));
    for uri in [readme, draft, untitled] {
        let report = client
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        assert_eq!(items(report), Vec::<String>::new(), "{uri}");
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri},
                       "range": {"start": {"line": 0, "character": 0}, "end": {"line": 60, "character": 0}},
                       "context": {"diagnostics": [], "only": ["source.fixAll.digest-lint"]}}),
            )
            .await;
        assert!(
            actions.as_array().is_none_or(|a| a.is_empty()),
            "{uri}: {actions}"
        );
        // The outline still works.
        let symbols = client
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        assert!(!symbols.as_array().unwrap().is_empty(), "{uri}");
    }
    client.stop().await;
}

/// A post in another layout (papers as ordered-list items, labelled bullets): the
/// server reads it with the layout its path selects, like `check`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_follow_their_layout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::create_dir(dir.path().join("_posts")).unwrap();
    std::fs::write(
        dir.path().join("digest-lint.toml"),
        "[schema]\nlink-hosts = [\"arxiv.org\", \"huggingface.co\"]\n\n[[layout]]\nname = \"list\"\ninclude = [\"_posts/**\"]\n[layout.paper]\nunit = \"list-item\"\nmetadata = [\"기관:\"]\n[layout.sections]\nnames = [\"Abstract\"]\n",
    )
    .unwrap();
    let text = "---\nlayout: post\ntitle: \"오늘의 논문\"\ndate: 2025-04-11\ntags: [papers]\ncategories: [papers]\n---\n1. **첫  논문 Title** - 👍 3\n    - [HF](https://huggingface.co/papers/2504.10100)\n    - 기관: 한빛\n    - Abstract: 요약입니다.\n3. **Second paper**\n    - [arXiv](https://arxiv.org/pdf/2504.10101)\n    - Abstract: A summary.\n";
    let path = dir.path().join("_posts/2025-04-11-daily.md");
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    let (mut client, _) = Client::initialized(caps_utf8_pull()).await;
    client.open(&uri, text).await;
    let report = client
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let mut got = codes(&report["items"]);
    got.sort();
    // The CLI on the same file says the same.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_digest-lint"))
        .args(["check", "--output-format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut expected: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    expected.sort();
    assert_eq!(got, expected);
    for code in ["DL203", "DL302", "DL401"] {
        assert!(got.contains(&code.to_string()), "{code} in {got:?}");
    }
    // The outline lists the two list-item papers by title.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("첫 논문 Title")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.contains("Second paper")),
        "{names:?}"
    );
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outline_and_hover_show_titles_as_readers_see_them() {
    let (mut client, _) = Client::initialized(caps_utf16_push()).await;
    let text = POST
        .replace(
            "[한국어  제목 😀 Diffusion]",
            r"[Placeholder \[Extended\] *Report* `v2`]",
        )
        .replace(
            "## Results\n결과.",
            "## Results <!-- check the numbers -->\n결과.",
        );
    client.open(URI, &text).await;
    client.published(|p| p["uri"] == URI).await;
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let first = &symbols.as_array().unwrap()[1];
    assert_eq!(first["name"], "1. Placeholder [Extended] Report v2");
    let sections: Vec<&str> = first["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "Introduction",
            "Method",
            "Results",
            "Limitations",
            "Conclusion"
        ]
    );
    // Hover on the paper's link names the paper as the reader sees it.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 8, "character": 50}}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("Placeholder [Extended] Report v2"),
        "{value}"
    );
    assert!(!value.contains(r"\["), "{value}");
    client.stop().await;
}

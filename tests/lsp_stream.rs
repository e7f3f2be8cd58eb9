//! `digest-lint lsp` as a process, fed raw bytes: it survives bad framing and invalid
//! JSON-RPC, and it ends when told to even with a request of its own unanswered.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_digest-lint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("digest-lint lsp starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().ok();
                    }
                }
                let mut body = vec![0; length.expect("the server frames its messages")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let message = serde_json::from_slice(&body).expect("the server writes JSON");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.write(&frame(message.to_string().as_bytes()));
    }

    /// The next message with `id` (a response, or a request of the server's).
    fn message_with_id(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no message with id {id} within 20 s"));
            if message.get("id") == Some(&id) {
                return message;
            }
        }
    }

    fn initialize(&mut self, capabilities: Value) {
        self.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": null, "rootUri": null, "capabilities": capabilities}}));
        let response = self.message_with_id(json!(1));
        assert!(response.get("result").is_some(), "{response}");
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    }

    /// Waits for the process to end (at most 10 s) and returns its exit code.
    fn exit_code(mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().expect("exited normally");
            }
            if Instant::now() > deadline {
                self.child.kill().unwrap();
                panic!("the server is still running 10 s later");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The server is still answering: a request gets its response.
fn assert_answers(server: &mut Server, id: i64) {
    server.send(
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
        "params": {"textDocument": {"uri": "file:///not-open.md"}}}),
    );
    let response = server.message_with_id(json!(id));
    assert!(response.get("error").is_none(), "{response}");
}

/// `shutdown`, then `exit`: the process ends with 0.
fn stop(mut server: Server) -> i32 {
    server.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}));
    server.message_with_id(json!(99));
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    server.exit_code()
}

#[test]
fn a_bad_content_length_does_not_wedge_the_server() {
    let body = br#"{"jsonrpc":"2.0","id":5,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///x.md"}}}"#;
    let long = (body.len() + 1).to_string();
    let short = (body.len() - 1).to_string();
    for length in [long.as_str(), short.as_str(), "99999999999999999999"] {
        let mut server = Server::start();
        server.initialize(json!({}));
        let mut bad = format!("Content-Length: {length}\r\n\r\n").into_bytes();
        bad.extend_from_slice(body);
        server.write(&bad);
        assert_answers(&mut server, 2);
        // And every message after that one.
        assert_answers(&mut server, 3);
        assert_eq!(stop(server), 0, "Content-Length {length}");
    }
}

#[test]
fn invalid_requests_are_answered_with_invalid_request() {
    let mut server = Server::start();
    server.initialize(json!({}));
    server.write(&frame(br#"{"jsonrpc":"2.0","id":77,"method":5}"#));
    let response = server.message_with_id(json!(77));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    server.write(&frame(br#"{"id":"no-version","method":"shutdown"}"#));
    let response = server.message_with_id(json!("no-version"));
    assert_eq!(response["error"]["code"], -32600, "{response}");
    assert_answers(&mut server, 2);
    assert_eq!(stop(server), 0);
}

#[test]
fn a_message_that_is_not_json_is_answered_with_a_parse_error() {
    let mut server = Server::start();
    server.initialize(json!({}));
    server.write(&frame(br#"{"jsonrpc":"2.0","id":78,"method":"shutdown""#));
    // The body might be a miscounted one still arriving: the next header settles it.
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let response = server.message_with_id(json!(null));
    assert_eq!(response["error"]["code"], -32700, "{response}");
    assert_answers(&mut server, 3);
    assert_eq!(stop(server), 0);
}

/// A client that announced dynamic registration but never answers the server's
/// `client/registerCapability`.
fn server_waiting_for_registration() -> Server {
    let mut server = Server::start();
    server
        .initialize(json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let message = server
            .messages
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the server asks to register its file watchers");
        if message["method"] == "client/registerCapability" {
            return server;
        }
    }
}

#[test]
fn exit_with_a_request_of_the_server_pending_ends_the_process() {
    let mut server = server_waiting_for_registration();
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    // No `shutdown` first: exit code 1.
    assert_eq!(server.exit_code(), 1);
}

#[test]
fn end_of_input_with_a_request_of_the_server_pending_ends_the_process() {
    let mut server = server_waiting_for_registration();
    drop(server.stdin.take());
    assert_eq!(server.exit_code(), 1);
}

//! A guard in front of the protocol reader: only well-formed messages reach it.
//!
//! tower-lsp-server stops reading its input at the first message it cannot decode (the
//! framed reader ends after an error), which ends the server, and a frame whose
//! `Content-Length` is wrong would leave it reading every later message from the wrong
//! offset. This filter reads the `Content-Length` framing itself and passes on only
//! frames whose body is a JSON-RPC message. Anything else is reported on stderr and
//! skipped, and reading resumes at the next `Content-Length:` header:
//! - a header whose length cannot be read (`99999999999999999999`, `nope`): the bytes up
//!   to the next header are the message if they are one JSON object, else skipped;
//! - a body that is not JSON, as when the length is one byte too long or too short: the
//!   same, so a message with a miscounted length is still read;
//! - JSON that is not a JSON-RPC message (`"method": 5`, `[]`, `{}`) is turned into a
//!   request for [`INVALID_REQUEST_METHOD`], which the server answers with -32600
//!   Invalid Request and the message's id (null when it has none);
//! - a message under a `Content-Length` header that cannot be read at all is turned into
//!   a request for [`PARSE_ERROR_METHOD`], which the server answers with -32700 Parse
//!   error and a null id, as JSON-RPC asks.
//!
//! No valid JSON body can contain a `Content-Length:` header (JSON has no bare words),
//! so the next header is always a safe place to start again.

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// The largest body accepted (a 64 MiB post as JSON, with room to spare).
const MAX_BODY: usize = 256 * 1024 * 1024;
/// Headers longer than this are not headers.
const MAX_HEADERS: usize = 8 * 1024;
/// The header that starts a message.
const CONTENT_LENGTH: &[u8] = b"content-length:";

/// The method a request that is not valid JSON-RPC is rewritten to; the server answers
/// it with -32600 Invalid Request.
pub const INVALID_REQUEST_METHOD: &str = "$/digest-lint/invalidRequest";

/// The method a message that cannot be read is rewritten to; the server answers it with
/// -32700 Parse error and a null id.
pub const PARSE_ERROR_METHOD: &str = "$/digest-lint/parseError";

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn forward_valid_frames<I, O>(mut input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut framer = Framer::default();
    let mut chunk = vec![0; 64 * 1024];
    let mut ended = false;
    loop {
        match framer.next(ended) {
            Step::Frame(body) => {
                let header = format!("Content-Length: {}\r\n\r\n", body.len());
                if output.write_all(header.as_bytes()).await.is_err()
                    || output.write_all(&body).await.is_err()
                    || output.flush().await.is_err()
                {
                    return;
                }
            }
            Step::Skipped(reason) => crate::stderr_line!("digest-lint lsp: {reason}"),
            Step::NeedMore if ended => return,
            Step::NeedMore => match input.read(&mut chunk).await {
                Ok(0) | Err(_) => ended = true,
                Ok(n) => framer.push(&chunk[..n]),
            },
        }
    }
}

/// What [`Framer::next`] found.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// A message body to pass on.
    Frame(Vec<u8>),
    /// Bytes were skipped (or a length corrected): why, for stderr.
    Skipped(String),
    /// More input is needed.
    NeedMore,
}

/// Splits a byte stream into message bodies, resynchronising after bad frames.
#[derive(Debug, Default)]
pub struct Framer {
    buffer: Vec<u8>,
    /// How far the body being received was searched for a next header already.
    scanned: usize,
}

impl Framer {
    fn drain_buffer(&mut self, range: std::ops::RangeTo<usize>) {
        self.buffer.drain(range);
        self.scanned = 0;
    }

    /// Adds bytes read from the input.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next step; `ended` says no more input will come.
    pub fn next(&mut self, ended: bool) -> Step {
        // Find the header, dropping what comes before it.
        let Some(header) = find_header(&self.buffer, 0) else {
            // Keep a tail that may be the start of a header.
            let keep = self.buffer.len().min(CONTENT_LENGTH.len() - 1);
            let dropped = if ended {
                self.buffer.len()
            } else {
                self.buffer.len() - keep
            };
            let garbage = !self.buffer[..dropped]
                .iter()
                .all(|b| b.is_ascii_whitespace());
            self.drain_buffer(..dropped);
            return if garbage {
                Step::Skipped(format!(
                    "skipped {dropped} bytes that are not a message (no Content-Length header)"
                ))
            } else {
                Step::NeedMore
            };
        };
        if header > 0 {
            let before = &self.buffer[..header];
            let only_headers = before.split(|&b| b == b'\n').all(|line| {
                let line = line.trim_ascii();
                line.is_empty() || is_header_line(line)
            });
            self.drain_buffer(..header);
            if !only_headers {
                return Step::Skipped(format!(
                    "skipped {header} bytes before a Content-Length header"
                ));
            }
        }
        // The buffer starts with `Content-Length:`; read up to the blank line.
        let Some(body_start) = end_of_headers(&self.buffer) else {
            if self.buffer.len() > MAX_HEADERS || ended {
                return self.resync("a Content-Length header without an end");
            }
            return Step::NeedMore;
        };
        let value_end = self
            .buffer
            .iter()
            .position(|&b| b == b'\n')
            .unwrap_or(body_start);
        let value = String::from_utf8_lossy(&self.buffer[CONTENT_LENGTH.len()..value_end]);
        let length = value
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n <= MAX_BODY);
        let Some(length) = length else {
            let value = value.trim().chars().take(40).collect::<String>();
            return self.resync(&format!("an unusable Content-Length `{value}`"));
        };
        let available = self.buffer.len() - body_start;
        if available >= length {
            let body = &self.buffer[body_start..body_start + length];
            if let Ok(value) = serde_json::from_slice::<Value>(body) {
                let step = checked(value, body);
                self.drain_buffer(..body_start + length);
                return step;
            }
            return self.resync(&format!("a body that is not JSON ({length} bytes)"));
        }
        // Not all there yet; but if the next header has already come, the length was
        // too long (else waiting for the rest would swallow the next message).
        let from = self.scanned.max(body_start);
        self.scanned = self.buffer.len().saturating_sub(CONTENT_LENGTH.len());
        if find_header(&self.buffer, from).is_some() || ended {
            return self.resync(&format!(
                "a Content-Length of {length} bytes that the message does not have"
            ));
        }
        Step::NeedMore
    }

    /// After a bad frame at the start of the buffer: the bytes from the end of its
    /// headers to the next header are the message when they are a JSON object (a
    /// miscounted length), else they are skipped. Needs the next header (or the end).
    fn resync(&mut self, what: &str) -> Step {
        let next = find_header(&self.buffer, 1);
        let end = next.unwrap_or(self.buffer.len());
        let body = end_of_headers(&self.buffer[..end])
            .map(|start| &self.buffer[start..end])
            .map(<[u8]>::trim_ascii)
            .filter(|b| !b.is_empty());
        let parsed = body.and_then(|b| Some((serde_json::from_slice::<Value>(b).ok()?, b)));
        let step = match parsed {
            Some((value, body)) if value.is_object() => match checked(value, body) {
                Step::Frame(body) => {
                    crate::stderr_line!(
                        "digest-lint lsp: a message with {what}; read it up to the next header"
                    );
                    Step::Frame(body)
                }
                other => other,
            },
            _ if next.is_none()
                && end_of_headers(&self.buffer).is_some()
                && self.buffer.len() <= MAX_BODY =>
            {
                // The body may still be arriving: wait for the next header.
                return Step::NeedMore;
            }
            _ => {
                crate::stderr_line!(
                    "digest-lint lsp: skipped a message with {what}; answering -32700"
                );
                answer_call(Value::Null, PARSE_ERROR_METHOD, what)
            }
        };
        self.drain_buffer(..end);
        step
    }
}

/// A parsed body: passed on as it is when it is a JSON-RPC message, else rewritten so
/// the server answers -32600 (with the message's id, or null).
fn checked(value: Value, body: &[u8]) -> Step {
    if is_json_rpc_message(&value) {
        return Step::Frame(body.to_vec());
    }
    let why = invalid_reason(&value);
    // JSON-RPC: when the id cannot be read, the answer's id is null.
    let id = value
        .get("id")
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(Value::Null);
    crate::stderr_line!("digest-lint lsp: an invalid message ({why}); answering -32600 (id {id})");
    answer_call(id, INVALID_REQUEST_METHOD, why)
}

/// A request for one of our own methods, which the server answers with an error for `id`.
fn answer_call(id: Value, method: &str, reason: &str) -> Step {
    let request = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": method,
        "params": { "reason": reason },
    });
    Step::Frame(request.to_string().into_bytes())
}

/// A JSON-RPC 2.0 request, notification or response: an object with `"jsonrpc": "2.0"`
/// and a string `method`, or an `id` with a `result` or an `error`.
fn is_json_rpc_message(value: &Value) -> bool {
    invalid_reason(value).is_empty()
}

/// Why `value` is not a JSON-RPC 2.0 message (empty when it is one).
fn invalid_reason(value: &Value) -> &'static str {
    let Some(object) = value.as_object() else {
        return "not a JSON object";
    };
    if object.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return "no \"jsonrpc\": \"2.0\"";
    }
    let response = object.contains_key("id")
        && (object.contains_key("result") || object.contains_key("error"));
    match object.get("method") {
        Some(method) if method.is_string() => "",
        Some(_) => "\"method\" is not a string",
        None if response => "",
        None => "no \"method\"",
    }
}

/// Where the next `Content-Length:` header starts, at or after `from` (any case).
fn find_header(buffer: &[u8], from: usize) -> Option<usize> {
    if buffer.len() < from + CONTENT_LENGTH.len() {
        return None;
    }
    buffer[from..]
        .windows(CONTENT_LENGTH.len())
        .position(|w| w.eq_ignore_ascii_case(CONTENT_LENGTH))
        .map(|i| from + i)
}

/// Where the body starts: after the first blank line (`\r\n\r\n` or `\n\n`).
fn end_of_headers(buffer: &[u8]) -> Option<usize> {
    let mut line_start = 0;
    for (i, &b) in buffer.iter().enumerate() {
        if b == b'\n' {
            if buffer[line_start..i].trim_ascii().is_empty() && line_start > 0 {
                return Some(i + 1);
            }
            line_start = i + 1;
        }
    }
    None
}

/// `Name: value` with a header-like name (`Content-Type: …`).
fn is_header_line(line: &[u8]) -> bool {
    line.iter().position(|&b| b == b':').is_some_and(|colon| {
        colon > 0
            && line[..colon]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn with_length(length: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {length}\r\n\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    async fn filtered(input: &[u8]) -> Vec<u8> {
        let mut output = Vec::new();
        forward_valid_frames(input, &mut output).await;
        output
    }

    const GOOD: &[u8] = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    const REQUEST: &[u8] = br#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#;

    #[tokio::test]
    async fn malformed_frames_are_skipped_and_the_rest_passes() {
        let mut input = Vec::new();
        input.extend(frame(b"{not json}"));
        input.extend(frame(b"\xff\xfe"));
        input.extend(b"Content-Length: nope\r\n\r\n");
        input.extend(b"X-Other: 1\r\n\r\n");
        input.extend(frame(GOOD));
        input.extend(frame(b"42"));
        input.extend(frame(b"[]"));
        input.extend(frame(b"{}"));
        input.extend(b"garbage between frames\r\n");
        input.extend(frame(GOOD));
        // Each message that cannot be read becomes a parse error to answer, and each
        // JSON value that is no JSON-RPC message an invalid request, in place.
        let answer = |method: &str, reason: &str| {
            let request = serde_json::json!({
                "jsonrpc": "2.0",
                "id": null,
                "method": method,
                "params": { "reason": reason },
            });
            frame(request.to_string().as_bytes())
        };
        let parse = PARSE_ERROR_METHOD;
        let invalid = INVALID_REQUEST_METHOD;
        let mut expected = Vec::new();
        for (method, reason) in [
            (parse, "a body that is not JSON (10 bytes)"),
            (parse, "a body that is not JSON (2 bytes)"),
            (parse, "an unusable Content-Length `nope`"),
            ("", ""),
            (invalid, "not a JSON object"),
            (invalid, "not a JSON object"),
            (invalid, "no \"jsonrpc\": \"2.0\""),
            ("", ""),
        ] {
            // ("", ""): the good message, passed on as it is.
            expected.extend(match method {
                "" => frame(GOOD),
                _ => answer(method, reason),
            });
        }
        assert_eq!(
            String::from_utf8_lossy(&filtered(&input).await),
            String::from_utf8_lossy(&expected)
        );
    }

    /// One byte too long, one too short, and a length no integer holds: the next
    /// message is read all the same, and so is every one after it.
    #[tokio::test]
    async fn a_bad_content_length_resynchronises_on_the_next_header() {
        let long = (REQUEST.len() + 1).to_string();
        let short = (REQUEST.len() - 1).to_string();
        for length in [long.as_str(), short.as_str(), "99999999999999999999"] {
            let mut input = with_length(length, REQUEST);
            input.extend(frame(GOOD));
            input.extend(frame(REQUEST));
            let output = filtered(&input).await;
            let mut tail = frame(GOOD);
            tail.extend(frame(REQUEST));
            assert!(
                output.ends_with(&tail),
                "Content-Length {length}: {}",
                String::from_utf8_lossy(&output)
            );
        }
    }

    /// A length one byte too long on the last message sent so far: the filter does not
    /// wait for the byte, which would be the first byte of the client's next message.
    #[test]
    fn a_too_long_length_does_not_swallow_the_next_message_when_it_arrives() {
        let mut framer = Framer::default();
        framer.push(&with_length(&(REQUEST.len() + 1).to_string(), REQUEST));
        assert_eq!(framer.next(false), Step::NeedMore);
        framer.push(&frame(GOOD));
        let mut frames = Vec::new();
        loop {
            match framer.next(false) {
                Step::Frame(body) => frames.push(body),
                Step::Skipped(_) => {}
                Step::NeedMore => break,
            }
        }
        assert_eq!(frames, vec![REQUEST.to_vec(), GOOD.to_vec()]);
    }

    #[tokio::test]
    async fn invalid_requests_become_invalid_request_calls() {
        let mut input = frame(br#"{"jsonrpc":"2.0","id":77,"method":5}"#);
        input.extend(frame(br#"{"id":"a","method":"initialize","params":{}}"#));
        input.extend(frame(br#"{"jsonrpc":"2.0","method":7}"#));
        let output = filtered(&input).await;
        let text = String::from_utf8(output).unwrap();
        let bodies: Vec<Value> = text
            .split("Content-Length: ")
            .filter(|s| !s.is_empty())
            .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
            .collect();
        // The last has no id to answer with: null.
        assert_eq!(bodies.len(), 3, "{text}");
        assert_eq!(bodies[0]["id"], 77);
        assert_eq!(bodies[1]["id"], "a");
        assert_eq!(bodies[2]["id"], Value::Null);
        for body in &bodies {
            assert_eq!(body["method"], INVALID_REQUEST_METHOD);
        }
    }

    #[tokio::test]
    async fn other_headers_and_any_case_are_fine() {
        let mut input = b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n".to_vec();
        input.extend(format!("content-length: {}\r\n\r\n", GOOD.len()).into_bytes());
        input.extend(GOOD);
        assert_eq!(filtered(&input).await, frame(GOOD));
    }
}

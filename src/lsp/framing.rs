//! A guard in front of the protocol reader: only well-formed messages reach it.
//!
//! tower-lsp-server stops reading its input at the first message it cannot decode (the
//! framed reader ends after an error), which ends the server. This filter reads the
//! `Content-Length` framing itself and passes on only frames whose body is a JSON object
//! (LSP sends no batches); anything else (a bad header, a body that is not JSON, invalid
//! UTF-8) is reported on stderr and skipped, and reading resumes at the next header.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// The largest body accepted (a 64 MiB post as JSON, with room to spare).
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Copies well-formed frames from `input` to `output` until `input` ends.
pub async fn forward_valid_frames<I, O>(input: I, mut output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        // Headers: lines up to a blank line; only Content-Length matters.
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            let mut line = Vec::new();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue; // stray blank lines between messages
            }
            saw_header = true;
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
            eprintln!("digest-lint lsp: skipped a message without a valid Content-Length header");
            continue;
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        let well_formed = serde_json::from_slice::<serde_json::Value>(&body)
            .is_ok_and(|v| is_json_rpc_message(&v));
        if !well_formed {
            eprintln!("digest-lint lsp: skipped a message whose body is not a JSON object");
            continue;
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            return;
        }
    }
}

/// A JSON-RPC 2.0 request, notification or response: an object with `"jsonrpc": "2.0"`
/// and a string `method`, or an `id` with a `result` or an `error`.
fn is_json_rpc_message(value: &serde_json::Value) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    let version = object.get("jsonrpc").and_then(|v| v.as_str()) == Some("2.0");
    let request = object.get("method").is_some_and(|m| m.is_string());
    let response = object.contains_key("id")
        && (object.contains_key("result") || object.contains_key("error"));
    version && (request || response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &[u8]) -> Vec<u8> {
        let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[tokio::test]
    async fn malformed_frames_are_skipped_and_the_rest_passes() {
        let good = br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend(frame(b"{not json}"));
        input.extend(frame(b"\xff\xfe"));
        input.extend(b"Content-Length: nope\r\n\r\n");
        input.extend(b"X-Other: 1\r\n\r\n");
        input.extend(frame(good));
        input.extend(frame(b"42"));
        input.extend(frame(b"[]"));
        input.extend(frame(b"{}"));
        input.extend(frame(br#"{"jsonrpc":"2.0","method":7}"#));
        input.extend(frame(good));
        let mut output = Vec::new();
        forward_valid_frames(&input[..], &mut output).await;
        let mut expected = frame(good);
        expected.extend(frame(good));
        assert_eq!(output, expected);
    }
}

//! The language server in process, spoken to as an editor does: `Content-Length` frames
//! of JSON-RPC over an in-memory pipe. Shared by the LSP tests and the end-to-end
//! benchmark (`#[path]`-included, so it stands alone).
#![allow(dead_code)]

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

/// One connection to a server started with [`Wire::start`].
pub struct Wire {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    /// The server task: true when it ended after `shutdown` then `exit`.
    pub server: tokio::task::JoinHandle<bool>,
    /// When the body of the last message read had arrived, before it was parsed.
    pub received: Instant,
}

impl Wire {
    /// Starts a server over a 4 MiB pipe.
    pub fn start(options: digest_lint::lsp::Options) -> Wire {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(digest_lint::lsp::serve(server_read, server_write, options));
        let (reader, writer) = tokio::io::split(client_io);
        Wire {
            reader: BufReader::new(reader),
            writer,
            server,
            received: Instant::now(),
        }
    }

    /// Writes raw bytes (a frame, or garbage).
    pub async fn write(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Writes one message in a frame.
    pub async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.write(frame.as_bytes()).await;
    }

    /// Reads one message.
    pub async fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).await.unwrap();
        self.received = Instant::now();
        serde_json::from_slice(&body).unwrap()
    }

    /// Reads the next message that is not a server request, answering those (dynamic
    /// registration, refreshes) with null. Panics after `limit` without one.
    pub async fn next_message(&mut self, limit: Duration) -> Value {
        loop {
            let message = tokio::time::timeout(limit, self.read())
                .await
                .unwrap_or_else(|_| panic!("the server answered within {limit:?}"));
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
                continue;
            }
            return message;
        }
    }
}

//! `digest-lint lsp`: the language server.
//!
//! [`run`] serves the Language Server Protocol on stdin/stdout; [`serve`] on any pair of
//! streams (the tests use an in-memory pipe). The server gives, while the author types,
//! every finding of `digest-lint check` (same rules, same `digest-lint.toml`), an outline
//! of the post, quick fixes, fix-all and formatting with the same fix engine as
//! `check --fix`, hover, document links, folding ranges and completion.
//!
//! Layout: [`server`] implements the protocol methods and hands off to [`handlers`];
//! [`documents`] holds the open texts as ropes; [`analysis`] keeps each document's
//! findings and outline up to date, re-checking only the paper blocks an edit touches;
//! [`position`] is the only place that converts byte offsets to LSP positions;
//! [`convert`] turns findings and fixes into LSP values.

pub mod analysis;
pub mod capabilities;
pub mod convert;
pub mod diff;
pub mod documents;
pub mod framing;
pub mod handlers;
pub mod position;
pub mod server;
pub mod workspace;

use futures::FutureExt;
use futures::future::BoxFuture;
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::{ExitedError, LspService, Server};

/// How the server is started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Offer the `digest-lint.debug.panic` command, which panics on purpose (for tests of
    /// the panic guard). `run` sets it from `DIGEST_LINT_LSP_DEBUG=1`.
    pub debug: bool,
}

/// Serves the Language Server Protocol on stdin/stdout until the client sends `exit`.
/// Returns success when `shutdown` came before `exit` (as the specification asks).
pub fn run() -> ExitCode {
    let options = Options {
        debug: std::env::var("DIGEST_LINT_LSP_DEBUG").is_ok_and(|v| v == "1"),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            crate::stderr_line!("digest-lint lsp: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), options));
    // Background analyses still running are not waited for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Serves the protocol on `input`/`output` until `exit` (or the input ends). Returns true
/// when `shutdown` was received first.
pub async fn serve<I, O>(input: I, output: O, options: Options) -> bool
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) =
        LspService::new(move |client| server::Backend::new(client, options, flag));
    let exit = Arc::new(Notify::new());
    // Malformed messages are filtered out before tower-lsp-server's reader sees them.
    let (filtered, filter_input) = tokio::io::duplex(1 << 16);
    let server = Server::new(filtered, output, socket).serve(CatchPanic {
        inner: service,
        exit: exit.clone(),
    });
    let filter = framing::forward_valid_frames(input, filter_input);
    tokio::pin!(server);
    tokio::pin!(filter);
    // tower-lsp-server finishes only when every handler has: one waiting for the answer
    // to a server->client request (`client/registerCapability` left unanswered) would keep
    // the process alive for ever. After `exit` or the end of the input, the handlers get
    // a moment to write their responses, then the server ends regardless.
    let grace = tokio::select! {
        () = &mut server => None,
        () = exit.notified() => Some(EXIT_GRACE),
        // The input ended: the filter dropped its end of the pipe.
        () = &mut filter => Some(END_OF_INPUT_GRACE),
    };
    if let Some(grace) = grace
        && tokio::time::timeout(grace, &mut server).await.is_err()
    {
        crate::stderr_line!("digest-lint lsp: stopped with requests still waiting for the client");
    }
    shutdown.load(Ordering::SeqCst)
}

/// How long after `exit` the server may take to finish (it should be at once).
const EXIT_GRACE: Duration = Duration::from_millis(500);
/// How long after the end of the input the requests read so far may take to answer.
const END_OF_INPUT_GRACE: Duration = Duration::from_secs(5);

/// Turns a panic inside a handler into an internal-error response (or, for a
/// notification, a message on stderr), so the server goes on serving. Also answers the
/// requests the framing filter found invalid, and signals `exit`.
struct CatchPanic<S> {
    inner: S,
    exit: Arc<Notify>,
}

impl<S> Service<Request> for CatchPanic<S>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<'static, Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let method = request.method().to_string();
        if method == "exit" {
            self.exit.notify_one();
        }
        // The framing layer's stand-ins for messages it could not pass on.
        let error = match method.as_str() {
            framing::PARSE_ERROR_METHOD => Some((ErrorCode::ParseError, "Parse error")),
            framing::INVALID_REQUEST_METHOD => Some((ErrorCode::InvalidRequest, "Invalid Request")),
            _ => None,
        };
        if let Some((code, what)) = error {
            let reason = request
                .params()
                .and_then(|p| p.get("reason"))
                .and_then(|r| r.as_str())
                .unwrap_or("not a JSON-RPC 2.0 message");
            let response = Response::from_error(
                id.unwrap_or(Id::Null),
                Error {
                    code,
                    message: format!("{what}: {reason}").into(),
                    data: None,
                },
            );
            return futures::future::ready(Ok(Some(response))).boxed();
        }
        let future = match std::panic::catch_unwind(AssertUnwindSafe(|| self.inner.call(request))) {
            Ok(future) => future,
            Err(panic) => {
                return futures::future::ready(Ok(panic_response(id, &method, &panic))).boxed();
            }
        };
        async move {
            match AssertUnwindSafe(future).catch_unwind().await {
                Ok(result) => result,
                Err(panic) => Ok(panic_response(id, &method, &panic)),
            }
        }
        .boxed()
    }
}

fn panic_response(
    id: Option<tower_lsp_server::jsonrpc::Id>,
    method: &str,
    panic: &Box<dyn std::any::Any + Send>,
) -> Option<Response> {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    crate::stderr_line!("digest-lint lsp: the handler of `{method}` panicked: {what}");
    id.map(|id| {
        Response::from_error(
            id,
            Error {
                code: ErrorCode::InternalError,
                message: format!("digest-lint: the handler of `{method}` panicked: {what}").into(),
                data: None,
            },
        )
    })
}

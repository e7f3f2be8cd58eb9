//! The protocol methods. Each one is glue: it finds the document, makes sure its analysis
//! is current, and hands off to [`super::handlers`].
//!
//! Concurrency: tower-lsp-server may run notifications concurrently, so every
//! `didOpen`/`didChange`/`didClose` applies its change to the store before its first
//! `.await`, in arrival order, and versions only grow. All state sits behind one
//! `std::sync::Mutex`, never held across an `.await`. Linting a large stale part runs on
//! the blocking pool with the analysis taken out of the store; edits that arrive meanwhile
//! are replayed onto it when it comes back. Pushed diagnostics go through one publisher
//! task, so an older version is never sent after a newer one.

use super::Options;
use super::analysis::Analysis;
use super::capabilities::{self, ClientCaps, DEBUG_PANIC_COMMAND};
use super::documents::{self, ConfigCache, Document};
use super::handlers;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Stale text up to this size is linted inline; more goes to the blocking pool.
const INLINE_LIMIT: usize = 512 * 1024;

/// The server's state.
#[derive(Debug, Default)]
pub struct State {
    /// What the client can do.
    pub caps: ClientCaps,
    /// Open documents.
    pub documents: HashMap<Uri, Document>,
    /// Configurations by file.
    pub configs: ConfigCache,
}

/// Everything the protocol methods and the publisher share.
pub struct Shared {
    client: Client,
    state: Mutex<State>,
    /// Signalled when an analysis comes back from the blocking pool.
    returned: Notify,
    publish: mpsc::UnboundedSender<Uri>,
    options: Options,
    shutdown: Arc<AtomicBool>,
}

/// Why a document's analysis is not available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// The document is not open.
    NotOpen,
    /// Linting it failed (a panic); it will be tried again on the next request.
    Failed,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not take the server down with a poisoned lock.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the document with its analysis current (linting what is stale first).
    pub async fn with_analyzed<R>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&ClientCaps, &Document, &Analysis) -> R,
    ) -> std::result::Result<R, Unavailable> {
        let mut f = Some(f);
        loop {
            let job = {
                let mut state = self.lock();
                let caps = state.caps.clone();
                let doc = state.documents.get_mut(uri).ok_or(Unavailable::NotOpen)?;
                match doc.analysis.as_mut() {
                    Some(analysis)
                        if !analysis.is_stale() || analysis.stale_bytes() <= INLINE_LIMIT =>
                    {
                        if analysis.is_stale() {
                            let rope = &doc.rope;
                            let updated =
                                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                    analysis.update(rope)
                                }));
                            if updated.is_err() {
                                analysis.reset(doc.rope.len_bytes());
                                return Err(Unavailable::Failed);
                            }
                        }
                        let f = f.take().expect("called once");
                        let analysis = doc.analysis.as_ref().expect("present");
                        return Ok(f(&caps, doc, analysis));
                    }
                    Some(_) => {
                        let analysis = doc.analysis.take().expect("present");
                        Some((analysis, doc.rope.clone(), doc.generation))
                    }
                    None => None,
                }
            };
            match job {
                Some((mut analysis, rope, generation)) => {
                    let result = tokio::task::spawn_blocking(move || {
                        analysis.update(&rope);
                        analysis
                    })
                    .await;
                    let failed = {
                        let mut guard = self.lock();
                        let state = &mut *guard;
                        match state.documents.get_mut(uri) {
                            Some(doc) if doc.generation == generation && doc.analysis.is_none() => {
                                match result {
                                    Ok(mut analysis) => {
                                        for edit in doc.pending.drain(..) {
                                            analysis.edit(edit);
                                        }
                                        doc.analysis = Some(analysis);
                                        false
                                    }
                                    Err(_) => {
                                        let config = state.configs.resolve(doc.path.as_deref()).0;
                                        doc.set_config(config);
                                        true
                                    }
                                }
                            }
                            _ => result.is_err(),
                        }
                    };
                    self.returned.notify_waiters();
                    if failed {
                        return Err(Unavailable::Failed);
                    }
                }
                None => {
                    // Another request has the analysis in the background: wait for it.
                    let _ =
                        tokio::time::timeout(Duration::from_millis(50), self.returned.notified())
                            .await;
                }
            }
        }
    }

    fn queue_publish(&self, uri: &Uri) {
        if !self.lock().caps.pull_diagnostics {
            let _ = self.publish.send(uri.clone());
        }
    }

    /// Reads the configuration files again and checks every open document again.
    async fn reload_configs(&self) {
        let (uris, errors, caps) = {
            let mut guard = self.lock();
            let state = &mut *guard;
            state.configs.clear();
            let mut errors = Vec::new();
            for doc in state.documents.values_mut() {
                let (config, error) = state.configs.resolve(doc.path.as_deref());
                errors.extend(error);
                doc.set_config(config);
            }
            let uris: Vec<Uri> = state.documents.keys().cloned().collect();
            (uris, errors, state.caps.clone())
        };
        for error in errors {
            self.client
                .show_message(MessageType::ERROR, format!("digest-lint: {error}"))
                .await;
        }
        if caps.pull_diagnostics {
            if caps.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else {
            for uri in uris {
                self.queue_publish(&uri);
            }
        }
    }
}

/// Sends `publishDiagnostics` for queued documents, latest version only, in order.
async fn publisher(shared: Arc<Shared>, mut queue: mpsc::UnboundedReceiver<Uri>) {
    let mut published: HashMap<Uri, String> = HashMap::new();
    while let Some(first) = queue.recv().await {
        let mut uris = vec![first];
        while let Ok(uri) = queue.try_recv() {
            if !uris.contains(&uri) {
                uris.push(uri);
            }
        }
        for uri in uris {
            let result = shared
                .with_analyzed(&uri, |caps, doc, analysis| {
                    let id = handlers::diagnostics::result_id(doc);
                    (
                        doc.version,
                        id,
                        handlers::diagnostics::items(caps, doc, analysis, &uri),
                    )
                })
                .await;
            match result {
                Ok((version, id, items)) => {
                    if published.get(&uri) == Some(&id) {
                        continue;
                    }
                    published.insert(uri.clone(), id);
                    shared
                        .client
                        .publish_diagnostics(uri, items, Some(version))
                        .await;
                }
                Err(Unavailable::NotOpen) => {
                    if published.remove(&uri).is_some() {
                        shared
                            .client
                            .publish_diagnostics(uri, Vec::new(), None)
                            .await;
                    }
                }
                Err(Unavailable::Failed) => {}
            }
        }
    }
}

/// The language server.
pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    /// A server talking to `client`; `shutdown` is set when `shutdown` arrives.
    pub fn new(client: Client, options: Options, shutdown: Arc<AtomicBool>) -> Backend {
        let (publish, queue) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            client,
            state: Mutex::new(State::default()),
            returned: Notify::new(),
            publish,
            options,
            shutdown,
        });
        tokio::spawn(publisher(shared.clone(), queue));
        Backend { shared }
    }

    async fn analyzed<R>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&ClientCaps, &Document, &Analysis) -> R,
    ) -> Result<Option<R>> {
        match self.shared.with_analyzed(uri, f).await {
            Ok(r) => Ok(Some(r)),
            Err(Unavailable::NotOpen) => Ok(None),
            Err(Unavailable::Failed) => Err(Error {
                code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
                message: "digest-lint: linting this document failed".into(),
                data: None,
            }),
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = ClientCaps::from_client(&params.capabilities);
        let capabilities = capabilities::server_capabilities(&caps, self.shared.options.debug);
        // `{"postsOnly": true}`: lint only the documents the [files] globs select (the
        // editor extensions send it, so that a README is not linted as a post).
        let posts_only = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("postsOnly"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let mut state = self.shared.lock();
        state.caps = caps;
        state.configs.posts_only = posts_only;
        drop(state);
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "digest-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let watch = self.shared.lock().caps.watch_files;
        if watch {
            let watchers = crate::config::CONFIG_FILE_NAMES
                .iter()
                .map(|name| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{name}")),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "digest-lint-config-files".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            let _ = self
                .shared
                .client
                .register_capability(vec![registration])
                .await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let error = {
            let mut state = self.shared.lock();
            let path = documents::uri_path(&doc.uri);
            let (config, error) = state.configs.resolve(path.as_deref());
            let document = Document::new(&doc.text, doc.version, path, config);
            state.documents.insert(doc.uri.clone(), document);
            error
        };
        self.shared.queue_publish(&doc.uri);
        if let Some(error) = error {
            self.shared
                .client
                .show_message(MessageType::ERROR, format!("digest-lint: {error}"))
                .await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let stale = {
            let mut state = self.shared.lock();
            let encoding = state.caps.encoding;
            match state.documents.get_mut(&uri) {
                Some(doc) if version > doc.version => {
                    doc.apply_changes(params.content_changes, encoding);
                    doc.version = version;
                    None
                }
                Some(doc) => Some(format!(
                    "digest-lint: ignored a change to version {version} of {}: the document is at version {}",
                    uri.as_str(),
                    doc.version
                )),
                None => Some(format!(
                    "digest-lint: ignored a change to {}, which is not open",
                    uri.as_str()
                )),
            }
        };
        self.shared.queue_publish(&uri);
        if let Some(message) = stale {
            self.shared
                .client
                .log_message(MessageType::WARNING, message)
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.shared.lock().documents.remove(&uri);
        self.shared.queue_publish(&uri);
    }

    async fn did_change_configuration(&self, _: DidChangeConfigurationParams) {
        self.shared.reload_configs().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let is_config = params.changes.iter().any(|change| {
            let path = change.uri.path().as_str();
            crate::config::CONFIG_FILE_NAMES
                .iter()
                .any(|name| path.ends_with(&format!("/{name}")))
        });
        if is_config {
            self.shared.reload_configs().await;
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let previous = params.previous_result_id;
        let report = self
            .analyzed(&uri, |caps, doc, analysis| {
                handlers::diagnostics::report(caps, doc, analysis, &uri, previous.as_deref())
            })
            .await?;
        Ok(report.unwrap_or_else(handlers::diagnostics::empty_report))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        self.analyzed(&uri, |caps, doc, analysis| {
            handlers::symbols::document_symbols(caps, doc, analysis, &uri)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        // Quick fixes come from the stored findings; fix-all needs the fix engine, which
        // lints the whole text (on the blocking pool).
        let found = self
            .analyzed(&uri, |caps, doc, analysis| {
                let actions = handlers::code_action::quick_fixes(caps, doc, analysis, &params);
                let fix_all = handlers::code_action::wants_fix_all(&params)
                    .then(|| {
                        (
                            doc.text(),
                            analysis.config().clone(),
                            analysis.file_name().map(str::to_string),
                            doc.version,
                            caps.clone(),
                            doc.rope.clone(),
                        )
                    })
                    .filter(|_| handlers::code_action::has_safe_fix(analysis, &doc.rope));
                (actions, fix_all)
            })
            .await?;
        let Some((mut actions, fix_all)) = found else {
            return Ok(None);
        };
        if let Some((text, config, file_name, version, caps, rope)) = fix_all {
            let uri = uri.clone();
            let action = tokio::task::spawn_blocking(move || {
                handlers::code_action::fix_all(
                    &caps,
                    &uri,
                    version,
                    &rope,
                    &text,
                    &config,
                    file_name.as_deref(),
                )
            })
            .await
            .map_err(|_| Error::internal_error())?;
            actions.extend(action);
        }
        Ok(Some(actions))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri;
        let snapshot = self
            .analyzed(&uri, |caps, doc, analysis| {
                (
                    doc.text(),
                    analysis.config().clone(),
                    analysis.file_name().map(str::to_string),
                    caps.encoding,
                    doc.rope.clone(),
                )
            })
            .await?;
        let Some((text, config, file_name, encoding, rope)) = snapshot else {
            return Ok(None);
        };
        let edits = tokio::task::spawn_blocking(move || {
            handlers::formatting::safe_fix_edits(
                &rope,
                &text,
                &config,
                file_name.as_deref(),
                encoding,
            )
        })
        .await
        .map_err(|_| Error::internal_error())?;
        Ok(Some(edits))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let uri = params.text_document_position_params.text_document.uri;
        let position = params.text_document_position_params.position;
        Ok(self
            .analyzed(&uri, |caps, doc, analysis| {
                handlers::hover::hover(caps, doc, analysis, position)
            })
            .await?
            .flatten())
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let uri = params.text_document.uri;
        self.analyzed(&uri, |caps, doc, analysis| {
            handlers::links::document_links(caps, doc, analysis)
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri;
        self.analyzed(&uri, |_, doc, analysis| {
            handlers::folding::folding_ranges(doc, analysis)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let uri = params.text_document_position.text_document.uri;
        let position = params.text_document_position.position;
        Ok(self
            .analyzed(&uri, |caps, doc, analysis| {
                handlers::completion::complete(caps, doc, analysis, position)
            })
            .await?
            .flatten())
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if self.shared.options.debug && params.command == DEBUG_PANIC_COMMAND {
            panic!("digest-lint.debug.panic was asked to panic");
        }
        Err(Error::invalid_params(format!(
            "unknown command `{}`",
            params.command
        )))
    }
}

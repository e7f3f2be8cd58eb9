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
use super::handlers::diagnostics::CrossPost;
use super::workspace::{self, Workspace};
use crate::Diagnostic;
use crate::workspace::site::site_root;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// Stale text up to this size is linted inline; more goes to the blocking pool.
const INLINE_LIMIT: usize = 512 * 1024;

/// Posts indexed per blocking task at startup (progress is reported between them).
const INDEX_CHUNK: usize = 256;

/// `2860` → `2,860`.
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The server's state.
#[derive(Debug, Default)]
pub struct State {
    /// What the client can do.
    pub caps: ClientCaps,
    /// Open documents.
    pub documents: HashMap<Uri, Document>,
    /// Configurations by file.
    pub configs: ConfigCache,
    /// The papers of every post of the workspace folders.
    pub workspace: Workspace,
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
    /// Held while stale documents are indexed again: a caller that finds a refresh
    /// under way waits for it rather than reading the index it is about to change.
    refreshing: tokio::sync::Mutex<()>,
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

    /// Brings the index entries of changed open documents up to date with their text,
    /// then has the findings of the other open documents they affect sent again. A
    /// post's entry comes from its analysis, where only the paper blocks an edit touched
    /// were read again.
    async fn refresh_index(&self) {
        let refreshing = self.refreshing.lock().await;
        let stale = std::mem::take(&mut self.lock().workspace.stale_open);
        let mut affected = BTreeSet::new();
        for uri in stale {
            let entry = self
                .with_analyzed(&uri, |_, doc, analysis| {
                    let path = doc.path.clone()?;
                    let config = analysis.config();
                    if !config.files.is_post(&path, config.root()) {
                        // A README or a draft: not a post of the site.
                        return Some(Err(path));
                    }
                    let site: Arc<Path> = Arc::from(site_root(&path, config.root()));
                    let entry = analysis
                        .index_entry(&doc.rope, path.clone(), site)
                        .or_else(|| {
                            let text = doc.text();
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                workspace::index_text(&path, &text, config)
                            }))
                            .ok()
                        })?;
                    Some(Ok(entry))
                })
                .await;
            let mut state = self.lock();
            match entry {
                Ok(Some(Ok(entry))) => affected.extend(state.workspace.upsert(entry)),
                Ok(Some(Err(path))) => affected.extend(state.workspace.remove(&path)),
                _ => {}
            }
        }
        // Sending may wait on the client: the next refresh need not.
        drop(refreshing);
        self.findings_changed(affected).await;
    }

    /// Has the findings of the posts in `paths` sent again: open documents are published
    /// again (push) or the client is asked to pull again, and code lenses refreshed.
    async fn findings_changed(&self, paths: BTreeSet<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let (uris, caps) = {
            let state = self.lock();
            let uris: Vec<Uri> = state
                .documents
                .iter()
                .filter(|(_, d)| d.path.as_ref().is_some_and(|p| paths.contains(p)))
                .map(|(u, _)| u.clone())
                .collect();
            (uris, state.caps.clone())
        };
        if caps.pull_diagnostics {
            if caps.diagnostic_refresh {
                let _ = self.client.workspace_diagnostic_refresh().await;
            }
        } else {
            for uri in &uris {
                self.queue_publish(uri);
            }
        }
        if caps.code_lens_refresh {
            let _ = self.client.code_lens_refresh().await;
        }
    }

    /// The open document's DL308/DL309 findings from the index.
    fn cross_post(&self, uri: &Uri) -> CrossPost {
        let mut guard = self.lock();
        let state = &mut *guard;
        let Some(path) = state.documents.get(uri).and_then(|d| d.path.clone()) else {
            return CrossPost::default();
        };
        let (config, _) = state.configs.resolve(Some(&path));
        CrossPost {
            version: state.workspace.version(&path),
            findings: crate::workspace::cross_post_findings(&state.workspace.index, &path, &config),
        }
    }

    /// Indexes every post under the workspace folders (in parallel, with work-done
    /// progress when the client supports it), then refreshes the open documents.
    async fn index_workspace(&self) {
        let (folders, caps) = {
            let state = self.lock();
            (state.workspace.folders.clone(), state.caps.clone())
        };
        let files = tokio::task::spawn_blocking(move || workspace::find_posts(&folders))
            .await
            .unwrap_or_default();
        let progress = if caps.work_done_progress {
            // A fresh token per run: the client may still hold the last one.
            static RUNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
            let run = RUNS.fetch_add(1, Ordering::Relaxed);
            let token = NumberOrString::String(format!("digest-lint-indexing-{run}"));
            match self.client.create_work_done_progress(token.clone()).await {
                Ok(()) => Some(
                    self.client
                        .progress(token, "Indexing posts")
                        .with_percentage(0)
                        .with_message(format!("0/{}", files.len()))
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let files = Arc::new(files);
        let total = files.len();
        let mut posts = Vec::with_capacity(total);
        let mut done = 0;
        while done < total {
            let end = (done + INDEX_CHUNK).min(total);
            let chunk = files.clone();
            let indexed =
                tokio::task::spawn_blocking(move || workspace::index_files(&chunk[done..end]))
                    .await
                    .unwrap_or_default();
            posts.extend(indexed);
            done = end;
            if let Some(progress) = &progress {
                progress
                    .report_with_message(
                        format!(
                            "Indexing posts {}/{}",
                            group_digits(done),
                            group_digits(total)
                        ),
                        (done * 100 / total.max(1)) as u32,
                    )
                    .await;
            }
        }
        let open = {
            let mut guard = self.lock();
            let state = &mut *guard;
            // Open documents win over the disk: their entries (from their text) stay.
            let open: BTreeSet<PathBuf> = state
                .documents
                .values()
                .filter_map(|d| d.path.clone())
                .collect();
            posts.retain(|p| !open.contains(&p.path));
            posts.extend(
                open.iter()
                    .filter_map(|p| state.workspace.index.post(p).cloned()),
            );
            state.workspace.replace(posts);
            // Indexed again from their text (the configuration may have changed).
            let uris: Vec<Uri> = state
                .documents
                .iter()
                .filter(|(_, d)| d.path.is_some())
                .map(|(u, _)| u.clone())
                .collect();
            state.workspace.stale_open.extend(uris);
            open
        };
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{} posts indexed", group_digits(total)))
                .await;
        }
        self.refresh_index().await;
        self.findings_changed(open).await;
        if caps.pull_diagnostics && caps.diagnostic_refresh {
            // The Problems panel can now show the whole blog.
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Re-reads a post from disk after the file watcher reported it (or its document
    /// closed): indexed again, or removed when it is gone or no longer a post.
    async fn reread(&self, path: PathBuf) {
        let read = {
            let path = path.clone();
            tokio::task::spawn_blocking(move || {
                workspace::is_post(&path)
                    .filter(|_| path.is_file())
                    .and_then(|config| workspace::index_file(&path, &config))
            })
            .await
            .ok()
            .flatten()
        };
        let affected = {
            let mut state = self.lock();
            let open = state
                .documents
                .values()
                .any(|d| d.path.as_ref() == Some(&path));
            if open || !state.workspace.contains(&path) {
                return;
            }
            match read {
                Some(post) => state.workspace.upsert(post),
                None => state.workspace.remove(&path),
            }
        };
        self.findings_changed(affected).await;
    }

    /// Waits for the startup indexing (at most 30 s; then answers from what is there).
    async fn wait_until_indexed(&self) {
        for _ in 0..1500 {
            if self.lock().workspace.ready {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Runs `f` on the workspace index with the open document's path and the byte
    /// offset of `position` in it (the index brought up to date first).
    async fn at_paper<R>(
        &self,
        uri: &Uri,
        position: Position,
        f: impl FnOnce(&Workspace, &std::path::Path, usize, super::position::Encoding) -> R,
    ) -> Option<R> {
        self.wait_until_indexed().await;
        self.refresh_index().await;
        let state = self.lock();
        let doc = state.documents.get(uri)?;
        let path = doc.path.as_ref()?;
        let offset = super::position::offset(&doc.rope, position, state.caps.encoding);
        Some(f(&state.workspace, path, offset, state.caps.encoding))
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
        // Which files are posts, their dates and the rules' levels may have changed.
        self.index_workspace().await;
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
        shared.refresh_index().await;
        for uri in uris {
            let cross = shared.cross_post(&uri);
            let result = shared
                .with_analyzed(&uri, |caps, doc, analysis| {
                    let id = handlers::diagnostics::result_id(doc, &cross);
                    (
                        doc.version,
                        id,
                        handlers::diagnostics::items(caps, doc, analysis, &uri, &cross),
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
            refreshing: tokio::sync::Mutex::new(()),
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
        #[allow(deprecated)] // root_uri: the fallback for clients without workspace folders
        let folders: Vec<PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| documents::uri_path(&f.uri))
                .collect(),
            None => params
                .root_uri
                .as_ref()
                .and_then(documents::uri_path)
                .into_iter()
                .collect(),
        };
        let mut state = self.shared.lock();
        state.caps = caps;
        state.configs.posts_only = posts_only;
        state.workspace.folders = folders;
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
            // Configuration files, and posts (for the workspace index).
            let watchers = crate::config::CONFIG_FILE_NAMES
                .iter()
                .map(|name| format!("**/{name}"))
                .chain(["**/*.md".to_string(), "**/*.markdown".to_string()])
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob),
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
        let shared = self.shared.clone();
        tokio::spawn(async move { shared.index_workspace().await });
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
            state.workspace.stale_open.insert(doc.uri.clone());
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
            let mut guard = self.shared.lock();
            let state = &mut *guard;
            let encoding = state.caps.encoding;
            match state.documents.get_mut(&uri) {
                Some(doc) if version > doc.version => {
                    doc.apply_changes(params.content_changes, encoding);
                    doc.version = version;
                    state.workspace.stale_open.insert(uri.clone());
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
        let path = {
            let mut state = self.shared.lock();
            state.workspace.stale_open.remove(&uri);
            state.documents.remove(&uri).and_then(|d| d.path)
        };
        self.shared.queue_publish(&uri);
        // The post's entry goes back to what the disk holds.
        if let Some(path) = path {
            self.shared.reread(path).await;
        }
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
            return;
        }
        for change in params.changes {
            let Some(path) = documents::uri_path(&change.uri) else {
                continue;
            };
            let is_markdown = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")
            });
            if is_markdown {
                self.shared.reread(path).await;
            }
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let previous = params.previous_result_id;
        // A client that cannot be asked to pull again must get DL308/DL309 the first time.
        self.shared.wait_until_indexed().await;
        self.shared.refresh_index().await;
        let cross = self.shared.cross_post(&uri);
        let report = self
            .analyzed(&uri, |caps, doc, analysis| {
                handlers::diagnostics::report(
                    caps,
                    doc,
                    analysis,
                    &uri,
                    previous.as_deref(),
                    &cross,
                )
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

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        self.shared.wait_until_indexed().await;
        self.shared.refresh_index().await;
        let previous: HashMap<Uri, String> = params
            .previous_result_ids
            .into_iter()
            .map(|p| (p.uri, p.value))
            .collect();
        // The posts that are not open; those without a cached report are linted (their
        // text read once, in parallel), with their cross-post findings from the index.
        let (posts, missing, encoding) = {
            let mut guard = self.shared.lock();
            let state = &mut *guard;
            let open: std::collections::HashSet<PathBuf> = state
                .documents
                .values()
                .filter_map(|d| d.path.clone())
                .collect();
            let mut paths: Vec<PathBuf> = state
                .workspace
                .index
                .posts()
                .map(|p| p.path.clone())
                .filter(|p| !open.contains(p))
                .collect();
            paths.sort();
            let mut posts = Vec::with_capacity(paths.len());
            let mut missing = Vec::new();
            for path in paths {
                let Some(uri) = Uri::from_file_path(&path) else {
                    continue;
                };
                let id = state.workspace.result_id(&path);
                let cached = state
                    .workspace
                    .reports
                    .get(&path)
                    .is_some_and(|(cached, _)| *cached == id);
                if !cached && previous.get(&uri) != Some(&id) {
                    let (config, _) = state.configs.resolve(Some(&path));
                    let cross = crate::workspace::cross_post_findings(
                        &state.workspace.index,
                        &path,
                        &config,
                    );
                    missing.push((path.clone(), uri.clone(), id.clone(), config, cross));
                }
                posts.push((path, uri, id));
            }
            (posts, missing, state.caps.encoding)
        };
        let computed: Vec<(PathBuf, String, Vec<tower_lsp_server::ls_types::Diagnostic>)> =
            tokio::task::spawn_blocking(move || {
                missing
                    .into_par_iter()
                    .filter_map(|(path, uri, id, config, cross)| {
                        let text = std::fs::read_to_string(&path).ok()?;
                        // The whole path: it chooses the post's layout, as `check` does.
                        let linted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            let mut found: Vec<Diagnostic> =
                                crate::lint(&text, &config, path.to_str());
                            found.extend(cross);
                            found.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
                            handlers::diagnostics::items_of_text(&text, &found, encoding, &uri)
                        }))
                        .ok()?;
                        Some((path, id, linted))
                    })
                    .collect()
            })
            .await
            .map_err(|_| Error::internal_error())?;
        let mut guard = self.shared.lock();
        let ws = &mut guard.workspace;
        for (path, id, items) in computed {
            if ws.result_id(&path) == id {
                ws.reports.insert(path, (id, items));
            }
        }
        let items = posts
            .into_iter()
            .filter_map(|(path, uri, id)| {
                if previous.get(&uri) == Some(&id) {
                    return Some(WorkspaceDocumentDiagnosticReport::Unchanged(
                        WorkspaceUnchangedDocumentDiagnosticReport {
                            uri,
                            version: None,
                            unchanged_document_diagnostic_report:
                                UnchangedDocumentDiagnosticReport { result_id: id },
                        },
                    ));
                }
                let (cached, items) = ws.reports.get(&path)?;
                Some(WorkspaceDocumentDiagnosticReport::Full(
                    WorkspaceFullDocumentDiagnosticReport {
                        uri,
                        version: None,
                        full_document_diagnostic_report: FullDocumentDiagnosticReport {
                            result_id: Some(cached.clone()),
                            items: items.clone(),
                        },
                    },
                ))
            })
            .collect();
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.shared.wait_until_indexed().await;
        self.shared.refresh_index().await;
        let state = self.shared.lock();
        Ok(Some(WorkspaceSymbolResponse::Flat(
            handlers::papers::symbols(&state.workspace, &params.query, state.caps.encoding),
        )))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let include = params.context.include_declaration;
        Ok(self
            .shared
            .at_paper(
                &at.text_document.uri,
                at.position,
                |ws, path, offset, encoding| {
                    handlers::papers::references(ws, path, offset, include, encoding)
                },
            )
            .await
            .flatten())
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        Ok(self
            .shared
            .at_paper(
                &at.text_document.uri,
                at.position,
                |ws, path, offset, encoding| {
                    handlers::papers::definition(ws, path, offset, encoding)
                },
            )
            .await
            .flatten()
            .map(GotoDefinitionResponse::Scalar))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        self.shared.wait_until_indexed().await;
        self.shared.refresh_index().await;
        let state = self.shared.lock();
        let Some(path) = state.documents.get(&uri).and_then(|d| d.path.clone()) else {
            return Ok(None);
        };
        Ok(Some(handlers::papers::code_lenses(
            &state.workspace,
            &path,
            &uri,
            state.caps.encoding,
        )))
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

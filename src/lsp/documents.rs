//! Open documents: a rope per URI with its version and its [`Analysis`], and the
//! configuration each document is linted with.

use super::analysis::{Analysis, ByteEdit};
use super::position::{self, Encoding};
use crate::config::{self, Config, ConfigError};
use ropey::Rope;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Generations are unique across the server, so a result id never repeats, even for a
/// document closed and opened again at the same version.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

fn next_generation() -> u64 {
    NEXT_GENERATION.fetch_add(1, Ordering::Relaxed)
}
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The text.
    pub rope: Rope,
    /// The client's version of the text.
    pub version: i32,
    /// The file's path (`file:` URIs only).
    pub path: Option<PathBuf>,
    /// The lint results and outline; `None` while a background update has it.
    pub analysis: Option<Analysis>,
    /// Edits made while the analysis was away, to replay when it comes back.
    pub pending: Vec<ByteEdit>,
    /// Bumped when the configuration changes, so a background result for the old one is
    /// dropped.
    pub generation: u64,
}

impl Document {
    /// A freshly opened document, not yet analysed.
    pub fn new(text: &str, version: i32, path: Option<PathBuf>, config: Arc<Config>) -> Self {
        // The whole path: it chooses the layout, and may hold the post's date.
        let file_name = path.as_ref().map(|p| p.to_string_lossy().into_owned());
        Document {
            rope: Rope::from_str(text),
            version,
            analysis: Some(Analysis::new(config, file_name, text.len())),
            path,
            pending: Vec::new(),
            generation: next_generation(),
        }
    }

    /// Applies a `didChange`'s content changes in order (ranges in `encoding`; a change
    /// without a range replaces the text). Positions past the end clamp.
    pub fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            let span = match change.range {
                Some(range) => position::span(&self.rope, range, encoding),
                None => crate::text::ByteSpan::new(0, self.rope.len_bytes()),
            };
            let start_char = self.rope.byte_to_char(span.start);
            let end_char = self.rope.byte_to_char(span.end);
            if change.range.is_none() {
                self.rope = Rope::from_str(&change.text);
            } else {
                self.rope.remove(start_char..end_char);
                self.rope.insert(start_char, &change.text);
            }
            self.record(ByteEdit {
                start: span.start,
                old_end: span.end,
                new_len: change.text.len(),
            });
        }
    }

    fn record(&mut self, edit: ByteEdit) {
        match &mut self.analysis {
            Some(analysis) => analysis.edit(edit),
            None => self.pending.push(edit),
        }
    }

    /// Starts over with another configuration.
    pub fn set_config(&mut self, config: Arc<Config>) {
        // The whole path, as when opened: it chooses the layout.
        let file_name = self.path.as_ref().map(|p| p.to_string_lossy().into_owned());
        self.analysis = Some(Analysis::new(config, file_name, self.rope.len_bytes()));
        self.pending.clear();
        self.generation = next_generation();
    }

    /// The whole text.
    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

/// The `file:` path of a URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Configurations by file, found as the CLI finds them (nearest `digest-lint.toml` or
/// `.digest-lint.toml` walking up to the repository root).
#[derive(Debug, Default)]
pub struct ConfigCache {
    by_file: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
    /// Lint only posts (the client's `postsOnly` initialization option): a document the
    /// `[files]` globs do not select, or one without a file, gets every rule turned off.
    pub posts_only: bool,
}

impl ConfigCache {
    /// The configuration for a document at `path` (defaults for unsaved documents or
    /// when no file is found). A file that cannot be used gives the defaults and the error.
    /// With `posts_only`, a document that is not a post gets a configuration with every
    /// rule off (so no findings, fixes or fix-all), its other features untouched.
    pub fn resolve(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<ConfigError>) {
        let (config, error) = self.lookup(path);
        if !self.posts_only || path.is_some_and(|p| config.files.is_post(p, config.root())) {
            return (config, error);
        }
        let mut silenced = (*config).clone();
        silenced.levels = crate::Rule::ALL.iter().map(|&rule| (rule, None)).collect();
        (Arc::new(silenced), error)
    }

    fn lookup(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<ConfigError>) {
        let Some(dir) = path.and_then(Path::parent) else {
            return (self.default.clone(), None);
        };
        let Some(file) = config::find_config_file(dir) else {
            return (self.default.clone(), None);
        };
        if let Some(config) = self.by_file.get(&file) {
            return (config.clone(), None);
        }
        match Config::load(&file) {
            Ok(config) => {
                let config = Arc::new(config);
                self.by_file.insert(file, config.clone());
                (config, None)
            }
            Err(error) => (self.default.clone(), Some(error)),
        }
    }

    /// Forgets every configuration read (after a configuration file changed).
    pub fn clear(&mut self) {
        self.by_file.clear();
    }
}

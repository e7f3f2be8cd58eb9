//! Which configuration each post uses: the nearest `digest-lint.toml` walking up from its
//! folder (or `--config`), each file loaded once, `--select`/`--ignore` applied on top.

use super::selection::RuleSelection;
use digest_lint::Config;
use digest_lint::config::{ConfigError, find_config_file};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A loaded configuration, or why it could not be loaded.
pub type Loaded = Result<Arc<Config>, Arc<ConfigError>>;

/// Finds and caches configurations.
pub struct Configs {
    selection: RuleSelection,
    /// `--config`, already loaded.
    forced: Option<Loaded>,
    /// Folder → its nearest configuration file.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (None: built-in defaults) → the loaded configuration.
    loaded: HashMap<Option<PathBuf>, Loaded>,
}

impl Configs {
    /// A resolver; `forced` is `--config`.
    pub fn new(forced: Option<&Path>, selection: RuleSelection) -> Self {
        let mut configs = Self {
            selection,
            forced: None,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
        };
        if let Some(path) = forced {
            let loaded = configs.load(Some(path.to_path_buf()));
            configs.forced = Some(loaded);
        }
        configs
    }

    /// `--config`'s error, when it could not be loaded.
    pub fn forced_error(&self) -> Option<Arc<ConfigError>> {
        self.forced.as_ref().and_then(|l| l.as_ref().err().cloned())
    }

    /// The configuration of a post in `dir` (an absolute folder).
    pub fn for_dir(&mut self, dir: &Path) -> Loaded {
        if let Some(forced) = &self.forced {
            return forced.clone();
        }
        let file = match self.nearest.get(dir) {
            Some(file) => file.clone(),
            None => {
                let file = find_config_file(dir);
                self.nearest.insert(dir.to_path_buf(), file.clone());
                file
            }
        };
        self.load(file)
    }

    /// The configuration of the post at `path` (absolute).
    pub fn for_file(&mut self, path: &Path) -> Loaded {
        self.for_dir(path.parent().unwrap_or(Path::new("/")))
    }

    /// Every configuration error met so far, each once, sorted by path.
    pub fn errors(&self) -> Vec<Arc<ConfigError>> {
        let mut errors: Vec<_> = self
            .loaded
            .values()
            .filter_map(|l| l.as_ref().err().cloned())
            .collect();
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors
    }

    fn load(&mut self, file: Option<PathBuf>) -> Loaded {
        if let Some(loaded) = self.loaded.get(&file) {
            return loaded.clone();
        }
        let loaded = match &file {
            Some(path) => Config::load(path).map_err(|mut e| {
                e.path = super::discover::display_path(&e.path).into();
                Arc::new(e)
            }),
            None => Ok(Config::default()),
        }
        .map(|mut config| {
            self.selection.apply(&mut config);
            Arc::new(config)
        });
        self.loaded.insert(file, loaded.clone());
        loaded
    }
}

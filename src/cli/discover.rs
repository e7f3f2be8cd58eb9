//! Which files `check` lints: files named on the command line, posts found by walking
//! folders (in parallel, honouring .gitignore), and standard input.

use super::configs::{Configs, Loaded};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One post to lint.
#[derive(Debug, Clone)]
pub struct Target {
    /// Where it comes from.
    pub source: Source,
    /// The path shown in messages (relative to the current folder when below it).
    pub display: String,
    /// Its configuration.
    pub config: Loaded,
}

/// Where a post's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file (absolute path).
    File(PathBuf),
    /// Standard input; the name given by `--stdin-filename`.
    Stdin(Option<PathBuf>),
}

/// The targets, and problems with the paths given (each makes the exit status 2).
#[derive(Debug, Default)]
pub struct Discovery {
    /// The posts, sorted by path, each once.
    pub targets: Vec<Target>,
    /// Paths that do not exist or could not be walked.
    pub errors: Vec<String>,
    /// Things skipped on the way that do not fail the run (a symbolic link loop).
    pub warnings: Vec<String>,
    /// True when standard input was named (`--stdin-filename`) as a file that is not a
    /// post, and `--posts-only` or `--force-exclude` leaves it out.
    pub stdin_left_out: bool,
    /// Markdown files found in folders that the `[files] exclude` globs left out.
    pub excluded: usize,
}

/// Which files named on the command line are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedFiles {
    /// Every one (the default).
    Always,
    /// Those the exclude globs do not exclude (`--force-exclude`).
    NotExcluded,
    /// Only posts: those the include globs select and the exclude globs do not exclude,
    /// as for files found in folders (`--posts-only`).
    PostsOnly,
}

/// Finds the posts of `paths`. Files named explicitly are linted as `named` says; files
/// found in folders are linted when their configuration's [files] globs select them.
pub fn discover(
    paths: &[PathBuf],
    stdin_name: Option<&Path>,
    named: NamedFiles,
    configs: &mut Configs,
) -> Discovery {
    let mut discovery = Discovery::default();
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_seen {
                stdin_seen = true;
                let dir = match stdin_name.and_then(Path::parent) {
                    Some(parent) => absolute(parent),
                    None => absolute(Path::new(".")),
                };
                let config = configs.for_dir(&dir);
                // The name stands for a file named on the command line.
                if let (Some(name), Ok(c)) = (stdin_name, &config) {
                    let abs = absolute(name);
                    let selected = match named {
                        NamedFiles::Always => true,
                        NamedFiles::NotExcluded => !c.files.is_excluded(&abs, c.root()),
                        NamedFiles::PostsOnly => c.files.is_post(&abs, c.root()),
                    };
                    if !selected {
                        discovery.stdin_left_out = true;
                        continue;
                    }
                }
                discovery.targets.push(Target {
                    source: Source::Stdin(stdin_name.map(Path::to_path_buf)),
                    display: stdin_name
                        .map(display_path)
                        .unwrap_or_else(|| "<stdin>".into()),
                    config,
                });
            }
        } else if path.is_dir() {
            walk(
                path,
                &mut files,
                &mut discovery.errors,
                &mut discovery.warnings,
            );
        } else if path.is_file() {
            files.push((path.clone(), true));
        } else if path.exists() {
            discovery
                .errors
                .push(format!("{}: not a file or folder", display_path(path)));
        } else {
            discovery
                .errors
                .push(format!("{}: no such file or folder", display_path(path)));
        }
    }
    // One entry per file; an explicit mention wins over being found in a folder.
    let mut by_path: Vec<(PathBuf, PathBuf, bool)> = files
        .into_iter()
        .map(|(p, explicit)| (absolute(&p), p, explicit))
        .collect();
    by_path.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)));
    by_path.dedup_by(|a, b| a.0 == b.0);
    for (abs, given, explicit) in by_path {
        let config = configs.for_file(&abs);
        let selected = match &config {
            // The error is reported once, with the configuration file's name.
            Err(_) => explicit,
            Ok(c) if explicit => match named {
                NamedFiles::Always => true,
                NamedFiles::NotExcluded => !c.files.is_excluded(&abs, c.root()),
                NamedFiles::PostsOnly => c.files.is_post(&abs, c.root()),
            },
            Ok(c) => {
                let post = c.files.is_post(&abs, c.root());
                let markdown = abs
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"));
                if !post && markdown && c.files.is_excluded(&abs, c.root()) {
                    discovery.excluded += 1;
                }
                post
            }
        };
        if selected {
            discovery.targets.push(Target {
                source: Source::File(abs),
                display: display_path(&given),
                config,
            });
        }
    }
    discovery.targets.sort_by(|a, b| a.display.cmp(&b.display));
    discovery
}

/// Walks `dir` in parallel, honouring .gitignore, .ignore and hidden files, collecting
/// every file (whether it is a post is decided afterwards). Symbolic links to folders
/// are followed, as Jekyll follows a `_posts` that is a link; a link back to a folder
/// above it is skipped with a warning.
fn walk(
    dir: &Path,
    files: &mut Vec<(PathBuf, bool)>,
    errors: &mut Vec<String>,
    warnings: &mut Vec<String>,
) {
    let found = Mutex::new(Vec::new());
    let walk_errors = Mutex::new(Vec::new());
    let walk_warnings = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(dir)
        .require_git(false)
        .follow_links(true)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        found.lock().unwrap().push((entry.into_path(), false))
                    }
                    Ok(_) => {}
                    Err(e) if is_loop(&e) => walk_warnings
                        .lock()
                        .unwrap()
                        .push(format!("skipped a symbolic link loop: {e}")),
                    Err(e) => walk_errors.lock().unwrap().push(e.to_string()),
                }
                ignore::WalkState::Continue
            })
        });
    files.extend(found.into_inner().unwrap());
    errors.extend(walk_errors.into_inner().unwrap());
    warnings.extend(walk_warnings.into_inner().unwrap());
}

/// True when the walk stopped at a link to one of the folders above it.
fn is_loop(error: &ignore::Error) -> bool {
    match error {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        ignore::Error::Partial(errors) => errors.iter().any(is_loop),
        _ => false,
    }
}

/// `path` made absolute against the current folder (without resolving links).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// How a path is shown: relative to the current folder when below it, without `./`.
pub fn display_path(path: &Path) -> String {
    let shown = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).unwrap_or(path),
        _ => path,
    };
    let shown = shown.strip_prefix(".").unwrap_or(shown);
    let text = shown.to_string_lossy().into_owned();
    if text.is_empty() {
        path.to_string_lossy().into_owned()
    } else {
        text
    }
}

//! `digest-lint check`: find the posts, lint (and fix) them in parallel, print the
//! findings, and choose the exit status.

use super::configs::Configs;
use super::discover::{NamedFiles, Source, Target, absolute, discover};
use super::lint_file::{FixMode, IndexAs, Linted, decode, lint_text};
use super::output::{self, Report};
use super::selection::RuleSelection;
use super::{CheckArgs, ColorChoice, ExitStatus, OutputFormat};
use digest_lint::layout::Layout;
use digest_lint::workspace::PaperIndex;
use digest_lint::workspace::extract::cross_post_rules_on;
use digest_lint::workspace::site::site_root;
use digest_lint::{Applicability, Config};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What happened to one post.
#[derive(Debug)]
pub struct FileResult {
    /// The path shown.
    pub display: String,
    /// The text as read, when it was read.
    pub original: Option<String>,
    /// The lint (and fix) result, when the post could be linted.
    pub linted: Option<Linted>,
    /// Problems with this post (each makes the exit status 2).
    pub errors: Vec<String>,
    /// Warnings about the file (printed on standard error; the exit status is unchanged).
    pub warnings: Vec<String>,
    /// Standard input that could not be checked, as read: `--fix -` passes it through
    /// unchanged, so a pipe never loses the text.
    pub passthrough: Option<Vec<u8>>,
    /// True for standard input.
    pub is_stdin: bool,
}

impl FileResult {
    fn new(target: &Target) -> Self {
        Self {
            display: target.display.clone(),
            original: None,
            linted: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            passthrough: None,
            is_stdin: matches!(target.source, Source::Stdin(_)),
        }
    }
}

/// Runs `check`.
pub fn run(args: &CheckArgs) -> ExitStatus {
    anstream::ColorChoice::write_global(match args.color {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    });
    if args.statistics
        && matches!(
            args.output_format,
            OutputFormat::Github | OutputFormat::Sarif
        )
    {
        digest_lint::stderr_line!(
            "error: --statistics prints a table or JSON; it cannot be combined with --output-format {}",
            if args.output_format == OutputFormat::Github {
                "github"
            } else {
                "sarif"
            }
        );
        return ExitStatus::Error;
    }
    let selection = match RuleSelection::parse(&args.select, &args.ignore) {
        Ok(selection) => selection,
        Err(message) => {
            digest_lint::stderr_line!("error: {message}");
            return ExitStatus::Error;
        }
    };
    let mut configs = Configs::new(args.config.as_deref().map(absolute).as_deref(), selection);
    if let Some(error) = configs.forced_error() {
        digest_lint::stderr_line!("error: {error}");
        return ExitStatus::Error;
    }
    let paths: Vec<PathBuf> = match (&args.paths[..], &args.stdin_filename) {
        ([], Some(_)) => vec![PathBuf::from("-")],
        ([], None) => vec![PathBuf::from(".")],
        (paths, _) => paths.to_vec(),
    };
    let mut errors = Vec::new();
    if args.stdin_filename.is_some() && !paths.iter().any(|p| p.as_os_str() == "-") {
        digest_lint::stderr_line!("warning: --stdin-filename is ignored: no `-` among the paths");
    }
    let named = if args.posts_only {
        NamedFiles::PostsOnly
    } else if args.force_exclude {
        NamedFiles::NotExcluded
    } else {
        NamedFiles::Always
    };
    let discovery = discover(&paths, args.stdin_filename.as_deref(), named, &mut configs);
    // A broken configuration comes first, and without a word about which files are posts
    // (its [files] globs decide that); posts under other configurations are still checked.
    let mut discovery = discovery;
    for error in configs.errors() {
        // Posts named under a broken configuration are counted here, not listed one by one.
        let under = discovery
            .targets
            .iter()
            .filter(|t| t.config.as_ref().is_err_and(|e| Arc::ptr_eq(e, &error)))
            .count();
        errors.push(match under {
            0 => error.to_string(),
            1 => format!("{error} (1 post under it not checked)"),
            n => format!("{error} ({n} posts under it not checked)"),
        });
    }
    discovery.targets.retain(|t| t.config.is_ok());
    let config_failed = !errors.is_empty();
    if discovery.targets.is_empty() && discovery.errors.is_empty() && errors.is_empty() {
        // --posts-only passes quietly: a pre-commit hook hands over every changed
        // Markdown file, and a commit without posts is fine. So does standard input
        // named as a file that is left out: an editor pipes every file through.
        if !args.posts_only && !discovery.stdin_left_out {
            let shown: Vec<String> = paths
                .iter()
                .map(|p| super::discover::display_path(p))
                .collect();
            let mut why = format!(
                "no posts in {} (a post is a Markdown file, .md or .markdown, in a `_posts` folder, or \
                 what the configuration's [files] include selects; files named on the command line are \
                 checked unless --force-exclude excludes them)",
                shown.join(", ")
            );
            match discovery.excluded {
                0 => {}
                1 => why.push_str("; 1 Markdown file there is left out by [files] exclude"),
                n => why.push_str(&format!(
                    "; {n} Markdown files there are left out by [files] exclude"
                )),
            }
            if args.paths.is_empty() {
                digest_lint::stderr_line!("warning: {why}");
            } else {
                errors.push(why);
            }
        }
    }
    errors.extend(discovery.errors);
    // A walk of folders shows every post a layout was meant for.
    let walked = paths.iter().all(|p| p.is_dir());
    let unused = if walked {
        unused_layouts(&discovery.targets)
    } else {
        Vec::new()
    };

    let stdin = if discovery
        .targets
        .iter()
        .any(|t| matches!(t.source, Source::Stdin(_)))
    {
        let mut bytes = Vec::new();
        match std::io::stdin().read_to_end(&mut bytes) {
            Ok(_) => Some(bytes),
            Err(e) => {
                errors.push(format!("<stdin>: cannot read: {e}"));
                None
            }
        }
    } else {
        None
    };

    let required = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = if args.fix || args.diff {
        FixMode::Fix(required)
    } else {
        FixMode::Off
    };
    let write = args.fix && !args.diff;
    let mut results: Vec<FileResult> = discovery
        .targets
        .par_iter()
        .map(|target| check_one(target, stdin.as_deref(), mode, write))
        .collect();
    add_cross_post_findings(&discovery.targets, &mut results);

    // An editor that pipes a file that is not a post through `--fix` gets it back.
    let passed_through = (discovery.stdin_left_out && args.fix && !args.diff).then(|| {
        let mut bytes = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut bytes);
        bytes
    });
    let report = Report {
        args,
        results: &results,
        required,
        errors: &errors,
        config_failed,
        stdin_passed_through: passed_through.as_deref(),
    };
    let status = output::print(&report);
    // After the errors (a broken configuration comes first): links skipped on the walk.
    for warning in discovery.warnings.iter().chain(&unused) {
        digest_lint::stderr_line!("warning: {warning}");
    }
    status
}

/// The `[[layout]]`s that select none of the posts of a walk: a glob that matches
/// nothing leaves the posts it was meant for in the default layout, whose findings
/// would all be beside the point.
fn unused_layouts(targets: &[Target]) -> Vec<String> {
    let mut configs: Vec<(Arc<Config>, usize)> = Vec::new();
    let mut used: HashSet<*const Layout> = HashSet::new();
    for target in targets {
        let (Ok(config), Source::File(path)) = (&target.config, &target.source) else {
            continue;
        };
        used.insert(Arc::as_ptr(config.layout_for(path.to_str())));
        match configs.iter_mut().find(|(c, _)| Arc::ptr_eq(c, config)) {
            Some((_, posts)) => *posts += 1,
            None => configs.push((config.clone(), 1)),
        }
    }
    let mut out = Vec::new();
    for (config, posts) in configs {
        let file = config
            .path
            .as_deref()
            .map(super::discover::display_path)
            .unwrap_or_default();
        for layout in &config.layouts {
            if !used.contains(&Arc::as_ptr(layout)) {
                out.push(format!(
                    "{file}: [[layout]] `{}` selects no post (include = [{}]; {posts} {} checked): the posts meant for it are read in another layout or the default one",
                    layout.name,
                    layout
                        .include
                        .iter()
                        .map(|g| format!("\"{g}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if posts == 1 { "post" } else { "posts" }
                ));
            }
        }
    }
    out
}

/// DL308 and DL309: indexes the papers of every post just linted (their entries came
/// from the same parse), then adds each post's findings against the others.
fn add_cross_post_findings(targets: &[Target], results: &mut [FileResult]) {
    let indexed = results
        .iter_mut()
        .filter_map(|r| r.linted.as_mut().and_then(|l| l.indexed.take()));
    let index = PaperIndex::new(indexed);
    if index.len() < 2 {
        return;
    }
    results
        .par_iter_mut()
        .zip(targets.par_iter())
        .for_each(|(result, target)| {
            if let (Some(linted), Ok(config)) = (&mut result.linted, &target.config) {
                let path = Path::new(&result.display);
                let found = digest_lint::workspace::cross_post_findings(&index, path, config);
                if !found.is_empty() {
                    linted.diagnostics.extend(found);
                    linted
                        .diagnostics
                        .sort_by_key(|d| (d.span.start, d.span.end, d.rule));
                }
            }
        });
}

/// How a post enters the paper index: under its shown path, in its site. `None` when
/// both cross-post rules are off for it, or for unnamed standard input.
fn index_as(target: &Target, config: &Config) -> IndexAs {
    if !cross_post_rules_on(config) {
        return None;
    }
    let path = match &target.source {
        Source::File(path) => path.clone(),
        Source::Stdin(Some(name)) => absolute(name),
        Source::Stdin(None) => return None,
    };
    let site = site_root(&path, config.root());
    Some((PathBuf::from(&target.display), Arc::from(site)))
}

/// Reads, lints, fixes and writes one post.
fn check_one(target: &Target, stdin: Option<&[u8]>, mode: FixMode, write: bool) -> FileResult {
    let mut result = FileResult::new(target);
    let Ok(config) = &target.config else {
        // Left out before linting (the configuration error counts them); kept for safety.
        result
            .errors
            .push("not checked: its configuration file has an error".into());
        return result;
    };
    let (bytes, file_name) = match &target.source {
        Source::File(path) => match std::fs::read(path) {
            // The whole path: it chooses the post's layout and may hold its date.
            Ok(bytes) => (bytes, Some(path.to_string_lossy().into_owned())),
            Err(e) => {
                result.errors.push(format!("cannot read: {e}"));
                return result;
            }
        },
        Source::Stdin(name) => match stdin {
            Some(bytes) => (
                bytes.to_vec(),
                name.as_ref().map(|n| n.to_string_lossy().into_owned()),
            ),
            None => return result,
        },
    };
    let text = match decode(bytes.clone()) {
        Ok(text) => text,
        Err(reason) => {
            result.errors.push(format!("cannot check: {reason}"));
            if result.is_stdin {
                result.passthrough = Some(bytes);
            }
            return result;
        }
    };
    result.original = Some(text.clone());
    let index_as = index_as(target, config);
    let mut linted = match lint_text(
        text.clone(),
        config,
        file_name.as_deref(),
        mode,
        index_as.clone(),
    ) {
        Ok(linted) => linted,
        Err(internal) => {
            result.errors.push(internal);
            return result;
        }
    };
    if let Some(failure) = linted.fix_failure.take() {
        result.errors.push(failure);
    }
    if let Some(warning) = linted.fix_warning.take() {
        result.warnings.push(warning);
    }
    if let (true, Source::File(path)) = (write && linted.text != text, &target.source)
        && let Err(message) = super::write::write_fixed(path, &bytes, &linted.text)
    {
        result.errors.push(message);
        // Nothing was written: report the findings of the file as it is.
        match lint_text(text, config, file_name.as_deref(), FixMode::Off, index_as) {
            Ok(original) => linted = original,
            Err(internal) => {
                result.errors.push(internal);
                return result;
            }
        }
    }
    result.linted = Some(linted);
    result
}

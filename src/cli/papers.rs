//! `digest-lint papers`: the paper index of the posts found, one row per arXiv identifier
//! with the posts that cover it (a table, or JSON for generators).

use super::configs::Configs;
use super::discover::{NamedFiles, Source, discover};
use super::lint_file::{decode, guarded};
use super::selection::RuleSelection;
use super::{ExitStatus, PapersArgs, PapersFormat};
use digest_lint::Post;
use digest_lint::workspace::site::site_root;
use digest_lint::workspace::{IndexedPost, PaperIndex, PaperRef, index_post};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One identifier of `papers --output-format json`.
#[derive(Debug, Serialize)]
struct JsonPaper<'a> {
    /// The arXiv identifier without version.
    id: &'a str,
    /// The title of its first coverage.
    title: &'a str,
    /// Every coverage, in post order (date, then file name).
    posts: Vec<JsonCoverage<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonCoverage<'a> {
    path: std::borrow::Cow<'a, str>,
    date: Option<String>,
    post_title: Option<&'a str>,
    number: Option<u32>,
    title: &'a str,
    /// 1-based line of the paper heading.
    line: u32,
}

/// Runs `papers`.
pub fn run(args: &PapersArgs) -> ExitStatus {
    let mut configs = Configs::new(
        args.config
            .as_deref()
            .map(super::discover::absolute)
            .as_deref(),
        RuleSelection::default(),
    );
    if let Some(error) = configs.forced_error() {
        digest_lint::stderr_line!("error: {error}");
        return ExitStatus::Error;
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let discovery = discover(&paths, None, NamedFiles::Always, &mut configs);
    let mut errors: Vec<String> = discovery.errors;
    errors.extend(configs.errors().iter().map(|e| e.to_string()));
    let read: Vec<Result<IndexedPost, String>> = discovery
        .targets
        .par_iter()
        .filter_map(|target| {
            let Source::File(path) = &target.source else {
                return None;
            };
            let config = target.config.as_ref().ok()?;
            let indexed = std::fs::read(path)
                .map_err(|e| format!("cannot read: {e}"))
                .and_then(decode)
                .and_then(|text| {
                    guarded(|| {
                        let post = Post::parse(&text, config.layout_for(path.to_str()));
                        let site: Arc<Path> = Arc::from(site_root(path, config.root()));
                        index_post(&post, config, PathBuf::from(&target.display), site)
                    })
                });
            Some(indexed.map_err(|e| format!("{}: {e}", target.display)))
        })
        .collect();
    let mut posts = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(post) => posts.push(post),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        digest_lint::stderr_line!("error: {e}");
    }
    if posts.is_empty() && !errors.is_empty() {
        // Nothing was read: the errors are the whole answer, without an empty table.
        return ExitStatus::Error;
    }
    let index = PaperIndex::new(posts);
    let mut out = std::io::stdout().lock();
    let printed = match args.output_format {
        PapersFormat::Human => write!(out, "{}", table(&index)),
        PapersFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json(&index)).expect("the index serialises")
        ),
    };
    if printed.and_then(|_| out.flush()).is_err() || !errors.is_empty() {
        return ExitStatus::Error;
    }
    ExitStatus::Success
}

fn json(index: &PaperIndex) -> Vec<JsonPaper<'_>> {
    index
        .identifiers()
        .into_iter()
        .map(|(id, refs)| JsonPaper {
            id,
            title: first_title(index, refs),
            posts: refs
                .iter()
                .filter_map(|&r| index.get(r))
                .map(|(post, paper)| JsonCoverage {
                    path: post.path.to_string_lossy(),
                    date: post.date_text(),
                    post_title: post.title.as_deref(),
                    number: paper.number,
                    title: &paper.title,
                    line: paper.heading.start.line + 1,
                })
                .collect(),
        })
        .collect()
}

fn first_title<'a>(index: &'a PaperIndex, refs: &[PaperRef]) -> &'a str {
    refs.first()
        .and_then(|&r| index.get(r))
        .map_or("", |(_, paper)| paper.title.as_str())
}

/// The table: identifier, how many posts cover it, the dates of the first and the last
/// of those posts, and the first title; then a count.
fn table(index: &PaperIndex) -> String {
    let date = |r: Option<&PaperRef>| {
        r.and_then(|&r| index.get(r))
            .map(|(post, _)| post.date_text().unwrap_or_else(|| "undated".into()))
            .unwrap_or_default()
    };
    let rows: Vec<(&str, usize, String, String, &str)> = index
        .identifiers()
        .into_iter()
        .map(|(id, refs)| {
            let mut posts: Vec<usize> = refs.iter().map(|r| r.post).collect();
            posts.dedup();
            let (first, last) = (date(refs.first()), date(refs.last()));
            (id, posts.len(), first, last, first_title(index, refs))
        })
        .collect();
    let id_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(10);
    let mut out = format!(
        "{:id_width$}  {:>5}  {:10}  {:10}  TITLE\n",
        "IDENTIFIER", "POSTS", "FIRST", "LAST"
    );
    for (id, posts, first, last, title) in &rows {
        out.push_str(&format!(
            "{id:id_width$}  {posts:>5}  {first:10}  {last:10}  {title}\n"
        ));
    }
    let repeated = rows.iter().filter(|r| r.1 > 1).count();
    out.push_str(&format!(
        "{} {} in {} {}; {repeated} in more than one post\n",
        rows.len(),
        if rows.len() == 1 { "paper" } else { "papers" },
        index.len(),
        if index.len() == 1 { "post" } else { "posts" },
    ));
    out
}

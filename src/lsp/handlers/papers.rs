//! Papers across posts: `workspace/symbol`, `textDocument/references`,
//! `textDocument/definition` and code lenses ("also in 3 posts"), answered from the
//! workspace index (positions it kept; no post is read).

use crate::lsp::convert::kept_position;
use crate::lsp::position::Encoding;
use crate::lsp::workspace::Workspace;
use crate::workspace::{IndexedPaper, IndexedPost, Place};
use std::path::Path;
use tower_lsp_server::ls_types::{
    CodeLens, Command, Location, Range, SymbolInformation, SymbolKind, Uri,
};

/// The command of the code lens: arguments `[uri, position, locations]`, as VS Code's
/// `editor.action.showReferences` takes them. Clients wire it (the VS Code extension
/// to `editor.action.showReferences`, the Neovim plugin to `vim.lsp.buf.references`).
pub const SHOW_REFERENCES_COMMAND: &str = "digest-lint.showReferences";

/// At most this many workspace symbols per query.
const MAX_SYMBOLS: usize = 1000;

fn range(place: &Place, encoding: Encoding) -> Range {
    Range::new(
        kept_position(place.start, encoding),
        kept_position(place.end, encoding),
    )
}

fn location(post: &IndexedPost, place: &Place, encoding: Encoding) -> Option<Location> {
    Some(Location::new(
        Uri::from_file_path(&post.path)?,
        range(place, encoding),
    ))
}

/// The paper of the post at `path` whose heading holds byte `offset`.
fn paper_at<'w>(
    ws: &'w Workspace,
    path: &Path,
    offset: usize,
) -> Option<(&'w IndexedPost, &'w IndexedPaper)> {
    let post = ws.index.post(path)?;
    let paper = post
        .papers
        .iter()
        .find(|p| p.heading.span.start <= offset && offset <= p.heading.span.end)?;
    Some((post, paper))
}

/// Every coverage of `paper`'s identifier in the posts of `post`'s site, in post order.
fn coverages<'w>(
    ws: &'w Workspace,
    post: &IndexedPost,
    paper: &IndexedPaper,
) -> Vec<(&'w IndexedPost, &'w IndexedPaper)> {
    ws.index
        .by_id(&paper.id)
        .iter()
        .filter_map(|&r| ws.index.get(r))
        .filter(|(p, _)| ws.index.same_site(p, post))
        .collect()
}

/// `textDocument/references` on a paper heading (its link included): the heading of
/// every post covering the same identifier.
pub fn references(
    ws: &Workspace,
    path: &Path,
    offset: usize,
    include_declaration: bool,
    encoding: Encoding,
) -> Option<Vec<Location>> {
    let (post, paper) = paper_at(ws, path, offset)?;
    Some(
        coverages(ws, post, paper)
            .into_iter()
            .filter(|(p, q)| include_declaration || !(p.path == post.path && *q == paper))
            .filter_map(|(p, q)| location(p, &q.heading, encoding))
            .collect(),
    )
}

/// `textDocument/definition` on a paper heading: the first post that covered it.
pub fn definition(
    ws: &Workspace,
    path: &Path,
    offset: usize,
    encoding: Encoding,
) -> Option<Location> {
    let (post, paper) = paper_at(ws, path, offset)?;
    let (first_post, first) = coverages(ws, post, paper).into_iter().next()?;
    location(first_post, &first.heading, encoding)
}

/// One code lens per paper heading that other posts of the site cover too.
pub fn code_lenses(ws: &Workspace, path: &Path, uri: &Uri, encoding: Encoding) -> Vec<CodeLens> {
    let Some(post) = ws.index.post(path) else {
        return Vec::new();
    };
    post.papers
        .iter()
        .filter_map(|paper| {
            let all = coverages(ws, post, paper);
            let mut others: Vec<&Path> = all
                .iter()
                .filter(|(p, _)| p.path != post.path)
                .map(|(p, _)| p.path.as_path())
                .collect();
            others.dedup();
            if others.is_empty() {
                return None;
            }
            let n = others.len();
            let locations: Vec<Location> = all
                .iter()
                .filter_map(|(p, q)| location(p, &q.heading, encoding))
                .collect();
            let at = range(&paper.heading, encoding);
            Some(CodeLens {
                range: at,
                command: Some(Command {
                    title: format!("also in {n} {}", if n == 1 { "post" } else { "posts" }),
                    command: SHOW_REFERENCES_COMMAND.into(),
                    arguments: Some(vec![
                        serde_json::json!(uri),
                        serde_json::json!(at.start),
                        serde_json::json!(locations),
                    ]),
                }),
                data: None,
            })
        })
        .collect()
}

/// `workspace/symbol`: every paper of every post whose title has all the query's words,
/// or whose identifier contains the query; named `Title (identifier)`, with its post
/// as the container.
pub fn symbols(ws: &Workspace, query: &str, encoding: Encoding) -> Vec<SymbolInformation> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out = Vec::new();
    let mut posts: Vec<&IndexedPost> = ws.index.posts().collect();
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    for post in posts {
        for paper in &post.papers {
            let title = paper.title.to_lowercase();
            let matches = paper.id.contains(&query) || words.iter().all(|w| title.contains(w));
            if !matches {
                continue;
            }
            let Some(location) = location(post, &paper.heading, encoding) else {
                continue;
            };
            #[allow(deprecated)] // `deprecated` is a field the type still requires
            out.push(SymbolInformation {
                name: format!("{} ({})", paper.title, paper.id),
                kind: SymbolKind::KEY,
                tags: None,
                deprecated: None,
                location,
                container_name: Some(post.describe()),
            });
            if out.len() >= MAX_SYMBOLS {
                return out;
            }
        }
    }
    out
}

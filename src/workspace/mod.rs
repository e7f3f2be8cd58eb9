//! The blog as a workspace: an index of the papers of every post of a site, and the
//! rules that compare a post with the others (DL308 paper-covered-before, DL309
//! paper-title-conflict).
//!
//! The index keeps, per paper, only what cross-post questions need: the arXiv identifier
//! (without version), the title, the number and the places of the heading and the link,
//! with the post's path, date and title. It never keeps a post's text. The CLI builds it
//! from the posts it has just linted (one walk, one parse); the language server builds it
//! at startup and updates it post by post.

pub mod checks;
pub mod extract;
pub mod index;
pub mod site;
pub mod title;

pub use checks::cross_post_findings;
pub use extract::{index_post, papers_of};
pub use index::{IndexedPaper, IndexedPost, PaperIndex, PaperRef, Place, PostDate};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::syntax::Post;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Lints the posts of one site together: each post is parsed once and linted, the index
/// is built from the same parse, then each post gets its DL308/DL309 findings against
/// the posts of its site ([`site::site_root`]). `posts` are `(path, text)`; the result
/// holds each post's findings, sorted, in the same order.
pub fn lint_site(posts: &[(PathBuf, String)], config: &Config) -> Vec<Vec<Diagnostic>> {
    let (mut findings, indexed): (Vec<Vec<Diagnostic>>, Vec<IndexedPost>) = posts
        .par_iter()
        .map(|(path, text)| {
            let file_name = path.to_str();
            let post = Post::parse(text, config.layout_for(file_name));
            let diagnostics = crate::lint_post(&post, config, file_name);
            let site: Arc<Path> = Arc::from(site::site_root(path, config.root()));
            (
                diagnostics,
                index_post(&post, config, path.clone(), site.clone()),
            )
        })
        .unzip();
    let index = PaperIndex::new(indexed);
    findings
        .par_iter_mut()
        .zip(posts.par_iter())
        .for_each(|(diagnostics, (path, _))| {
            diagnostics.extend(cross_post_findings(&index, path, config));
            diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.rule));
        });
    findings
}

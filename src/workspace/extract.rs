//! Reading a parsed post into the index. [`papers_of`] is the only function of the
//! workspace that reads the paper model of [`crate::syntax`].

use super::index::{IndexedPaper, IndexedPost, Place, PostDate};
use super::title::title_key;
use crate::config::Config;
use crate::registry::Rule;
use crate::rules::Context;
use crate::suppression::{self, Suppression};
use crate::syntax::Post;
use crate::text::{ByteSpan, LineIndex};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The papers of `post` that link a valid arXiv identifier, in document order:
/// identifier without version, number, title, and the places of the heading and of the
/// link (the broken link's URL, or the heading when it has no link).
pub fn papers_of(post: &Post) -> Vec<IndexedPaper> {
    let text = post.text;
    let index: &LineIndex = &post.line_index;
    let place = |span: ByteSpan| Place {
        span,
        start: index.line_columns(text, span.start),
        end: index.line_columns(text, span.end),
    };
    post.papers
        .iter()
        .filter_map(|paper| {
            // The paper's own link: an arXiv URL, or another host naming the identifier
            // (`huggingface.co/papers/ID`), in whatever place the layout puts it.
            let link = paper.link()?;
            let id = match &link.arxiv {
                Ok(url) => url.id.without_version(),
                Err(_) => crate::arxiv::find_id_in_url(&link.url)?.0.without_version(),
            };
            let title = paper
                .title_text(text)
                .unwrap_or_default()
                .trim()
                .to_string();
            // Where the paper starts: its heading, else its title, else its first line.
            let heading = match (&paper.heading, &paper.title) {
                (Some(h), _) => h.heading.span,
                (None, Some(t)) => t.span,
                (None, None) => ByteSpan::empty(paper.span.start),
            };
            let link = match &paper.heading {
                Some(h) if link.place == crate::layout::LinkPlace::Heading => h
                    .link
                    .as_ref()
                    .map(|l| l.span)
                    .or(h.url_span)
                    .unwrap_or(h.heading.span),
                _ => link.span,
            };
            Some(IndexedPaper {
                id: id.to_string(),
                number: paper.number.map(|n| n.value),
                title_key: title_key(&title),
                title,
                heading: place(heading),
                link: place(link),
            })
        })
        .collect()
}

/// The post's date and front matter `title:`, as the index keeps them; both come from
/// the front matter, the path or the text before the first paper.
pub fn date_and_title(
    post: &Post,
    config: &Config,
    path: &Path,
) -> (Option<PostDate>, Option<String>) {
    let ctx = Context {
        post,
        text: post.text,
        config,
        schema: &config.schema,
        layout: &post.layout,
        path: path.to_str(),
        file_name: path.file_name().and_then(|n| n.to_str()),
    };
    let title = post
        .front_matter_entry("title")
        .and_then(|e| e.value.as_scalar())
        .map(|(value, _)| value.trim().to_string());
    (ctx.post_date(), title)
}

/// True when a suppression can cover a cross-post rule (the index keeps only those).
pub fn covers_cross_post(s: &Suppression) -> bool {
    s.rules
        .as_ref()
        .is_none_or(|rules| rules.iter().any(|r| r.is_cross_post()))
}

/// The index entry of a parsed post: its papers, date and title, and the suppression
/// comments that cover the cross-post rules. `path` names the post in messages;
/// `site` is its site's root ([`super::site::site_root`]).
pub fn index_post(post: &Post, config: &Config, path: PathBuf, site: Arc<Path>) -> IndexedPost {
    let (date, title) = date_and_title(post, config, &path);
    let suppressions = if post.comments.is_empty() {
        Vec::new()
    } else {
        let mut all = suppression::suppressions(post);
        all.retain(covers_cross_post);
        all
    };
    IndexedPost {
        papers: papers_of(post),
        path,
        site,
        date,
        title,
        suppressions,
    }
}

/// Whether any cross-post rule is on in `config`.
pub fn cross_post_rules_on(config: &Config) -> bool {
    [Rule::PaperCoveredBefore, Rule::PaperTitleConflict]
        .iter()
        .any(|&r| config.level(r).is_some())
}

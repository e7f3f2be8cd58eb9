//! digest-lint: a linter for *digest markdown*, Jekyll posts that summarise a day's
//! arXiv papers.
//!
//! The pipeline: text → [`syntax::Post::parse`] (once) → [`rules::run`] → levels from the
//! [`config::Config`] → [`suppression`] → sorted [`Diagnostic`]s with byte spans. No I/O
//! and no LSP types here: the CLI and the language server convert at their edges.

/// `eprintln!` that gives up quietly when standard error is gone (a closed pipe, an
/// editor that closed the server's log): a message must never become a panic.
#[doc(hidden)]
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod arxiv;
pub mod config;
mod config_checks;
pub mod diagnostic;
pub mod fix;
pub mod init;
pub mod layout;
pub mod lsp;
pub mod registry;
pub mod rules;
pub mod suppression;
pub mod syntax;
pub mod text;
pub mod workspace;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use registry::Rule;
pub use syntax::Post;

/// Texts larger than this are not linted, by the CLI nor the language server: no post is
/// that large (the largest real one is about 82 KB), and linting one costs memory in
/// proportion to its findings.
pub const MAX_POST_BYTES: usize = 64 * 1024 * 1024;

/// Lints one post. `file_name` is the post's path (a bare file name will do): its
/// layout is chosen by it ([`Config::layout_for`]), and dates are read from it (Jekyll's
/// `YYYY-MM-DD-` file name, or the layout's path pattern). Returns findings sorted by
/// byte offset, with configured severities, suppressions applied.
pub fn lint(text: &str, config: &Config, file_name: Option<&str>) -> Vec<Diagnostic> {
    let post = Post::parse(text, config.layout_for(file_name));
    lint_post(&post, config, file_name)
}

/// Lints an already parsed post (parsed with `config.layout_for(file_name)`).
pub fn lint_post(post: &Post, config: &Config, file_name: Option<&str>) -> Vec<Diagnostic> {
    let mut diagnostics = lint_post_unsuppressed(post, config, file_name);
    suppression::apply(post, &mut diagnostics);
    sort_by_place(&mut diagnostics);
    diagnostics
}

/// Sorts findings by byte offset, then end, then rule: the order [`lint`] returns.
pub fn sort_by_place(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    });
}

/// Like [`lint_post`], but keeps the findings that suppression comments cover and leaves
/// them unsorted. The language server lints parts of a document with it and applies
/// [`suppression`] over the whole document afterwards.
pub fn lint_post_unsuppressed(
    post: &Post,
    config: &Config,
    file_name: Option<&str>,
) -> Vec<Diagnostic> {
    let path = file_name;
    let file_name = file_name.map(|f| f.rsplit(['/', '\\']).next().unwrap_or(f));
    let ctx = rules::Context {
        post,
        text: post.text,
        config,
        schema: &config.schema,
        layout: &post.layout,
        path,
        file_name,
    };
    let mut sink = rules::Sink::new(config);
    rules::run(&ctx, &mut sink);
    let mut diagnostics = sink.into_diagnostics();
    for d in &mut diagnostics {
        if let Some(level) = config.levels.get(&d.rule).copied().flatten() {
            d.severity = level;
        }
    }
    diagnostics
}

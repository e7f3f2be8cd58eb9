//! DL213 content-before-first-paper: body text between the front matter and the first
//! paper heading. Documentation: `docs/rules/DL213.md`.

use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

/// The first line of `span`, trailing blanks trimmed.
pub(super) fn first_line(text: &str, span: ByteSpan) -> ByteSpan {
    let raw = span.slice(text);
    let line = raw.split(['\n', '\r']).next().unwrap_or("").trim_end();
    ByteSpan::new(span.start, span.start + line.len())
}

/// Reports the first block before the first paper (only when the post has papers: a
/// post without any is DL215's); the range is that block's first line.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let post = ctx.post;
    if post.papers.is_empty() {
        return;
    }
    let Some(&first) = post.before_first_paper.first() else {
        return;
    };
    let count = post.before_first_paper.len();
    let message = if count == 1 {
        "Text before the first paper shows at the top of the post and becomes its summary on index pages and in the feed; start the post with its first paper".to_string()
    } else {
        format!(
            "{count} blocks of text before the first paper show at the top of the post, and the first becomes its summary on index pages and in the feed; start the post with its first paper"
        )
    };
    sink.push(Diagnostic::new(
        Rule::ContentBeforeFirstPaper,
        first_line(ctx.text, first),
        message,
    ));
}

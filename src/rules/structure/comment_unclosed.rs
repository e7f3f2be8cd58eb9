//! DL216 comment-unclosed: an HTML comment that is never closed, or not before the next
//! one starts, hides the text after it from readers. Documentation:
//! `docs/rules/DL216.md`.

use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::BlockKind;
use crate::text::ByteSpan;

/// Reports each `<!--` whose comment runs on over text the author meant to show: one
/// with no `-->` at all and lines after it (an HTML block that runs to the end of the
/// post), and one whose
/// text holds another `<!--` (the `-->` that ends it belonged to a later comment). The
/// range is the opening `<!--`.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let post = ctx.post;
    for block in &post.blocks {
        let raw = block.span.slice(ctx.text);
        let lead = raw.len() - raw.trim_start_matches([' ', '\t']).len();
        // A note on the post's last line hides nothing.
        if block.kind == BlockKind::Html
            && raw[lead..].starts_with("<!--")
            && raw.contains(['\n', '\r'])
            && block.left_open(ctx.text)
        {
            let open = ByteSpan::new(block.span.start + lead, block.span.start + lead + 4);
            sink.push(Diagnostic::new(
                Rule::CommentUnclosed,
                open,
                "This HTML comment has no `-->`, so readers see nothing of the post after it; add `-->` where the note ends",
            ));
        }
    }
    for comment in &post.comments {
        if !comment.swallows_another(ctx.text) {
            continue;
        }
        let body = comment.body_span.slice(ctx.text);
        let inner = body.find("<!--").unwrap_or(0);
        let open = ByteSpan::new(comment.span.start, comment.span.start + 4);
        let next = comment.body_span.start + inner;
        let close = ByteSpan::new(comment.body_span.end, comment.span.end);
        sink.push(
            Diagnostic::new(
                Rule::CommentUnclosed,
                open,
                "This HTML comment is not closed before the next one starts, so readers see nothing up to that one's `-->`; add `-->` where this note ends",
            )
            .with_related(ByteSpan::new(next, next + 4), "The next comment starts here")
            .with_related(close, "The hidden part ends here"),
        );
    }
}

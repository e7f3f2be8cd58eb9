//! DL304 arxiv-id-future: an identifier from a month after the post's date.
//! Documentation: `docs/rules/DL304.md`.

use super::{after_post_month, id_month, paper_id};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each paper whose identifier's YYMM is after the post's month (front matter
/// `date:`, else the file name's date; no date, no check). The range is the identifier.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some((year, month, day)) = ctx.post_date() else {
        return;
    };
    for paper in &ctx.post.papers {
        let Some(pid) = paper_id(ctx, paper) else {
            continue;
        };
        if !after_post_month(ctx, &pid.id) {
            continue;
        }
        let message = format!(
            "Identifier {} is from {}, after the post's date {year:04}-{month:02}-{day:02}; expected {year:04}-{month:02} or earlier",
            pid.id.without_version(),
            id_month(&pid.id),
        );
        sink.push(Diagnostic::new(Rule::ArxivIdFuture, pid.span, message));
    }
}

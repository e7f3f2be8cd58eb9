//! DL305 arxiv-id-stale: an identifier much older than the post (a digest of new
//! papers rarely covers an old one on purpose). Documentation: `docs/rules/DL305.md`.

use super::{id_month, paper_id};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::yaml11::months_between;

/// Reports each paper whose identifier is more than `schema.stale_months` months older
/// than the post's month (no post date, no check). The range is the identifier.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some((year, month, _)) = ctx.post_date() else {
        return;
    };
    let limit = i64::from(ctx.schema.stale_months);
    for paper in &ctx.post.papers {
        let Some(pid) = paper_id(ctx, paper) else {
            continue;
        };
        let age = i64::from(months_between(
            (pid.id.year(), pid.id.month()),
            (year, month),
        ));
        if age <= limit {
            continue;
        }
        let message = format!(
            "Identifier {} is from {}, {age} months before the post; expected at most {limit} months",
            pid.id.without_version(),
            id_month(&pid.id),
        );
        sink.push(Diagnostic::new(Rule::ArxivIdStale, pid.span, message));
    }
}

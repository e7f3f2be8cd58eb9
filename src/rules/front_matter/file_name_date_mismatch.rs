//! DL109 file-name-date-mismatch: the `YYYY-MM-DD-` date of the file name differs from
//! `date:`. Documentation: `docs/rules/DL109.md`.

use super::{front_matter_date, parsed, ymd};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports the date part of a valid `date:` value (the one Jekyll uses) that is another
/// day than the file name's.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    let (Some(file_date), Some((date, span))) = (ctx.file_name_date(), front_matter_date(ctx, fm))
    else {
        return;
    };
    if file_date != date {
        sink.push(Diagnostic::new(
            Rule::FileNameDateMismatch,
            span,
            format!(
                "Date is {} but the file name says {}",
                ymd(date),
                ymd(file_date)
            ),
        ));
    }
}

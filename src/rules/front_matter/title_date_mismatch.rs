//! DL108 title-date-mismatch: a date written in the title differs from `date:`.
//! Documentation: `docs/rules/DL108.md`.

use super::{Ymd, effective, front_matter_date, parsed, ymd};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::yaml11::Timestamp;
use crate::text::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

/// `YYYY-MM-DD`, `YYYY.MM.DD`, `YYYY/MM/DD` or `YYYYMMDD`, not inside a longer number.
static TITLE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((\d{4})([-./]?)(\d{2})[-./]?(\d{2}))(?:[^\d]|$)").unwrap()
});

/// Reports each real calendar date in the title (the one Jekyll uses) that differs from
/// the valid `date:` value; the range is the date in the title. Also the date of the
/// layout's page heading (`## Daily Papers (2025-04-11)`) against the post date.
pub fn check(ctx: &Context, sink: &mut Sink) {
    check_page_heading(ctx, sink);
    let Some(fm) = parsed(ctx) else {
        return;
    };
    let (Some(title), Some((date, date_span))) =
        (effective(fm, "title"), front_matter_date(ctx, fm))
    else {
        return;
    };
    if title.value.as_scalar().is_none() {
        return;
    }
    let raw = title.value.span.slice(ctx.text);
    for (span, written) in dates_in(raw) {
        if written == date {
            continue;
        }
        let span = span.shift(title.value.span.start);
        sink.push(
            Diagnostic::new(
                Rule::TitleDateMismatch,
                span,
                format!("Title says {} but `date:` is {}", ymd(written), ymd(date)),
            )
            .with_related(date_span, "The post's date"),
        );
    }
}

/// The page heading's date against the post date (from the layout's date sources).
fn check_page_heading(ctx: &Context, sink: &mut Sink) {
    let Some(span) = ctx.post.page_heading.as_ref().and_then(|p| p.date_span) else {
        return;
    };
    let Some(date) = ctx.post_date() else {
        return;
    };
    let Some((_, written)) = dates_in(span.slice(ctx.text)).into_iter().next() else {
        return;
    };
    if written != date {
        sink.push(Diagnostic::new(
            Rule::TitleDateMismatch,
            span,
            format!(
                "Page heading says {} but the post is dated {}; readers see the wrong day",
                ymd(written),
                ymd(date)
            ),
        ));
    }
}

/// The real calendar dates written in `text`, with their byte spans.
fn dates_in(text: &str) -> Vec<(ByteSpan, Ymd)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(c) = TITLE_DATE.captures_at(text, from) {
        let whole = c.get(1).expect("group 1");
        from = whole.end();
        let separated = !c[3].is_empty();
        // `20250831` must be all digits; `2025-08-31` must use one separator twice.
        if separated && whole.as_str().matches(&c[3]).count() != 2 {
            continue;
        }
        let t = Timestamp {
            year: c[2].parse().unwrap_or(0),
            month: c[4].parse().unwrap_or(0),
            day: c[5].parse().unwrap_or(0),
            time: None,
            has_zone: false,
        };
        if t.is_valid() && (1900..=2199).contains(&t.year) {
            out.push((
                ByteSpan::new(whole.start(), whole.end()),
                (t.year, t.month, t.day),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates() {
        let found: Vec<Ymd> = dates_in("Daily Papers — 2025-08-30 (20250831) 2025.13.01 123456789")
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        assert_eq!(found, [(2025, 8, 30), (2025, 8, 31)]);
        assert!(dates_in("Daily Papers — 2025-0831").is_empty());
    }
}

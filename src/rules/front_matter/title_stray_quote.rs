//! DL107 title-stray-quote: an unbalanced quote in the `title:` value.
//! Documentation: `docs/rules/DL107.md`.

use super::{
    double_quoted, entries, parsed, raw_title_line, verbatim_content_span, without_stray_quote,
};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::front_matter::closing_quote;
use crate::syntax::{QuoteStyle, YamlKind, YamlNode};
use crate::text::ByteSpan;

const FIX_TITLE: &str = "Remove the stray quote and quote the title";

/// Reports the stray quote character itself. When the YAML parsed: a plain (or
/// single-quoted) title with an odd number of `"` (or a plain title ending in `'` after a
/// non-letter). When it did not: a `title:` line whose quoted scalar is never closed, or
/// is followed by an extra quote. The fix rewrites the value as one double-quoted string.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if let Some(fm) = parsed(ctx) {
        for entry in entries(fm, "title") {
            parsed_title(ctx, &entry.value, sink);
        }
    } else if let Some(fm) = &ctx.post.front_matter {
        unparsed_title(ctx, fm, sink);
    }
}

/// Reports the quote at `quote_at` with a fix writing `title` as the value; nothing when
/// no title would remain (DL105 and DL102 cover an empty title).
fn report(
    sink: &mut Sink,
    quote_at: usize,
    quote: char,
    message: String,
    value_span: ByteSpan,
    title: &str,
) {
    if title.trim().is_empty() {
        return;
    }
    let fix = Fix::safe(
        FIX_TITLE,
        vec![Edit::replace(value_span, double_quoted(title.trim()))],
    );
    let span = ByteSpan::new(quote_at, quote_at + quote.len_utf8());
    sink.push(Diagnostic::new(Rule::TitleStrayQuote, span, message).with_fix(fix));
}

fn parsed_title(ctx: &Context, node: &YamlNode, sink: &mut Sink) {
    let YamlKind::Scalar { value, style, .. } = &node.kind else {
        return;
    };
    if *style == QuoteStyle::Double {
        return; // a `\"` inside a double-quoted title is escaped on purpose
    }
    let Some(content) = verbatim_content_span(node, ctx.text) else {
        return;
    };
    let content_start = content.start;
    let doubles: Vec<usize> = value.match_indices('"').map(|(i, _)| i).collect();
    let (at, quote) = if doubles.len() % 2 == 1 {
        let at = if value.ends_with('"') {
            value.len() - 1
        } else {
            *doubles.last().unwrap_or(&0)
        };
        (at, '"')
    } else if *style == QuoteStyle::Plain
        && value.ends_with('\'')
        && value.matches('\'').count() % 2 == 1
        && !value[..value.len() - 1].ends_with(char::is_alphabetic)
    {
        (value.len() - 1, '\'')
    } else {
        return;
    };
    let place = if at + 1 == value.len() {
        "ends with"
    } else {
        "has"
    };
    let message = format!("Title {place} a stray `{quote}`; Jekyll shows it as part of the title");
    let mut cleaned = value.clone();
    cleaned.remove(at);
    report(
        sink,
        content_start + at,
        quote,
        message,
        node.span,
        &cleaned,
    );
}

/// The YAML did not parse: read the `title:` line as text.
fn unparsed_title(ctx: &Context, fm: &crate::syntax::FrontMatter, sink: &mut Sink) {
    let (Some(title), Some(error)) = (raw_title_line(ctx, fm), &fm.error) else {
        return;
    };
    if error.byte_offset < title.value_span.start {
        return;
    }
    let raw = title.value_span.slice(ctx.text);
    let Some(quote) = raw.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return;
    };
    let body = &raw[1..];
    match closing_quote(body, quote) {
        None => {
            let message = format!(
                "Title opens a `{quote}` quote that is never closed, so the front matter does not parse"
            );
            report(
                sink,
                title.value_span.start,
                quote,
                message,
                title.value_span,
                // `'Daily Papers"`: the opening quote was never closed because the
                // generator closed it with the other quote, which is stray too.
                without_stray_quote(&unescape(body, quote)),
            );
        }
        Some(end) => {
            let after = &body[end + 1..];
            if after.is_empty() || after.chars().any(|c| c != quote) {
                return;
            }
            let inner = unescape(&body[..end], quote);
            let at = title.value_span.start + 1 + end + 1;
            let message = format!(
                "Title has a stray `{quote}` after its closing quote, so the front matter does not parse"
            );
            report(sink, at, quote, message, title.value_span, &inner);
        }
    }
}

/// The value of a quoted scalar's body (only the escapes of quotes and backslashes).
fn unescape(body: &str, quote: char) -> String {
    if quote == '\'' {
        body.replace("''", "'")
    } else {
        body.replace("\\\"", "\"").replace("\\\\", "\\")
    }
}

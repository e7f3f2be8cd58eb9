//! DL101 front-matter-missing: the post does not start with a front matter block.
//! Documentation: `docs/rules/DL101.md`.

use super::{double_quoted, front_matter_syntax, plain_or_quoted, ymd};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::layout::FrontMatterPolicy;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::front_matter;
use crate::text::ByteSpan;

/// Reports a post without front matter at the start of its first line (after a BOM).
/// When blank lines push an otherwise valid block off the first line, the range is those
/// lines and the fix removes them; otherwise the fix inserts a skeleton.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.post.front_matter.is_some() || ctx.layout.front_matter != FrontMatterPolicy::Required {
        return;
    }
    let start = ctx.post.bom_len;
    let rest = &ctx.text[start..];
    let blank_len = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    // Back up to the start of the first non-blank line.
    let first_line = rest[..blank_len].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if first_line > 0 {
        let late = front_matter::split(ctx.text, start + first_line);
        // Only a block that is sound front matter once moved up: removing the blank
        // lines must not bring a syntax error (DL102) into the post.
        if late.is_some_and(|fm| front_matter_syntax::problem(&fm, ctx.text).is_none()) {
            let span = ByteSpan::new(start, start + first_line);
            let blank = span.slice(ctx.text);
            let lines = blank.matches('\n').count() + blank.matches('\r').count()
                - blank.matches("\r\n").count();
            let s = if lines == 1 { "" } else { "s" };
            let message = format!(
                "Front matter does not start on the first line: {lines} blank line{s} before `---`"
            );
            let fix = Fix::unsafe_(
                format!("Remove the blank line{s} before the front matter"),
                vec![Edit::delete(span)],
            );
            sink.push(Diagnostic::new(Rule::FrontMatterMissing, span, message).with_fix(fix));
            return;
        }
    }
    let skeleton = skeleton(ctx);
    let fix = Fix::unsafe_(
        "Insert a front matter block",
        vec![Edit::insert(start, skeleton)],
    );
    sink.push(
        Diagnostic::new(
            Rule::FrontMatterMissing,
            ByteSpan::empty(start),
            "Post has no front matter; expected a `---` block with layout, title and date",
        )
        .with_fix(fix),
    );
}

/// A front matter block with the schema's required and recommended keys, the date taken
/// from the file name; keys without a value to derive are left out.
fn skeleton(ctx: &Context) -> String {
    // The first line's break: the skeleton goes before it.
    let eol = match ctx
        .post
        .line_index
        .line_ending_at(ctx.text, ctx.post.bom_len, 0)
    {
        // Jekyll reads no front matter between lone-CR line breaks (DL102 says so).
        "\r" => "\n",
        eol => eol,
    };
    let date = ctx.file_name_date();
    let mut lines = vec!["---".to_string()];
    let mut seen = Vec::new();
    for key in ctx
        .schema
        .required_keys
        .iter()
        .chain(&ctx.schema.recommended_keys)
    {
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let value = match key.as_str() {
            "layout" => plain_or_quoted(&ctx.schema.layout),
            "title" => match date {
                Some(d) => double_quoted(&format!("Daily Papers — {}", ymd(d))),
                None => double_quoted("Daily Papers"),
            },
            "date" => match date {
                Some(d) => ymd(d),
                None => continue,
            },
            "tags" | "categories" => "[]".to_string(),
            _ => continue,
        };
        lines.push(format!("{key}: {value}"));
    }
    lines.push("---".to_string());
    let mut out = lines.join(eol);
    out.push_str(eol);
    let body = &ctx.text[ctx.post.bom_len..];
    if !body.is_empty() && !body.starts_with(['\n', '\r']) {
        out.push_str(eol);
    }
    out
}

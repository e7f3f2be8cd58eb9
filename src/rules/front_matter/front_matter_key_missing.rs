//! DL103 front-matter-key-missing: a required (error) or recommended (warning) key is
//! absent. Documentation: `docs/rules/DL103.md`.

use super::{
    double_quoted, front_matter_date, front_matter_with, parsed, plain_or_quoted, similar_key, ymd,
};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each missing key at the closing delimiter, where the fix inserts it:
/// `layout` (the schema's layout) safely; `title`, `date`, `tags`, `categories` with
/// derived values as unsafe fixes; other keys without a fix.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    let Some(close) = fm.close_span else {
        return;
    };
    let eol = ctx.post.line_index.line_ending_at(ctx.text, close.start, 0);
    // New keys line up with the mapping's own (` title: x` is indented by one).
    let indent = fm.entries.first().map_or("", |e| {
        let line = ctx.post.line_index.line_idx(e.key_span.start);
        let before = &ctx.text[ctx.post.line_index.line_start(line)..e.key_span.start];
        if before.bytes().all(|b| b == b' ') {
            before
        } else {
            ""
        }
    });
    let present: Vec<&str> = fm.entries.iter().map(|e| e.key.as_str()).collect();
    let date = front_matter_date(ctx, fm)
        .map(|(d, _)| d)
        .or_else(|| ctx.file_name_date());
    let schema = ctx.schema;
    let required = schema.required_keys.iter().map(|k| (k, true));
    let recommended = schema.recommended_keys.iter().map(|k| (k, false));
    let mut reported: Vec<&str> = Vec::new();
    for (key, is_required) in required.chain(recommended) {
        if present.contains(&key.as_str())
            || reported.contains(&key.as_str())
            || ctx.config.jekyll_supplies(key, ctx.path)
        {
            continue;
        }
        reported.push(key);
        let mut message = if is_required {
            format!("Front matter has no `{key}`")
        } else {
            format!("Front matter has no `{key}` (recommended)")
        };
        if let Some(near) = similar_key(key, present.iter().copied()) {
            let case = if near.to_lowercase() == key.to_lowercase() {
                " (keys are case-sensitive)"
            } else {
                ""
            };
            message.push_str(&format!("; found `{near}`{case}"));
        }
        let mut diagnostic = Diagnostic::new(Rule::FrontMatterKeyMissing, close, message);
        if !is_required {
            diagnostic = diagnostic.with_severity(Severity::Warning);
        }
        let insert =
            |line: String| Edit::insert(close.start, format!("{indent}{key}: {line}{eol}"));
        let fix = match key.as_str() {
            "layout" => Some(Fix::safe(
                format!("Insert `layout: {}`", schema.layout),
                vec![insert(plain_or_quoted(&schema.layout))],
            )),
            "title" => date.map(|d| {
                let title = format!("Daily Papers — {}", ymd(d));
                Fix::unsafe_(
                    format!("Insert `title: \"{title}\"`"),
                    vec![insert(double_quoted(&title))],
                )
            }),
            "date" => ctx.file_name_date().map(|d| {
                Fix::unsafe_(
                    format!("Insert `date: {}` from the file name", ymd(d)),
                    vec![insert(ymd(d))],
                )
            }),
            "tags" | "categories" => Some(Fix::unsafe_(
                format!("Insert `{key}: []`"),
                vec![insert("[]".into())],
            )),
            _ => None,
        };
        if let Some(fix) = fix.filter(|f| adds_the_key(ctx, f, key)) {
            diagnostic = diagnostic.with_fix(fix);
        }
        sink.push(diagnostic);
    }
}

/// True when the front matter, with `fix` applied, still parses and has `key` among its
/// keys: an inserted line must not break YAML laid out in a way the insertion does not
/// expect, nor land inside another value (after `?` and ` :`, a complex key's).
fn adds_the_key(ctx: &Context, fix: &Fix, key: &str) -> bool {
    front_matter_with(ctx, &fix.edits)
        .is_some_and(|fm| fm.error.is_none() && fm.entries.iter().any(|e| e.key == key))
}

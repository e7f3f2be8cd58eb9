//! DL106 front-matter-yaml11-trap: a plain scalar that YAML 1.1 (Jekyll) reads
//! differently from YAML 1.2, or a plain title that YAML cuts or cannot read.
//! Documentation: `docs/rules/DL106.md`.

use super::{double_quoted, parsed, raw_title_line, without_stray_quote};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::yaml11::{self, PlainValue};
use crate::syntax::{QuoteStyle, YamlKind, YamlNode};
use crate::text::ByteSpan;

/// Keys whose values are strings by Jekyll's conventions, so quoting a trap there keeps
/// what the author meant.
const STRING_KEYS: &[&str] = &[
    "title",
    "layout",
    "tags",
    "categories",
    "category",
    "tag",
    "permalink",
    "author",
    "description",
    "excerpt",
    "image",
    "lang",
    "slug",
];

/// Reports traps in every value except `date` (DL105's business), including list items
/// and nested mappings, plus a plain `title` cut by a ` #` comment or broken by `: `.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if let Some(fm) = parsed(ctx) {
        for entry in fm.entries.iter().filter(|e| e.key != "date") {
            let string_key = STRING_KEYS.contains(&entry.key.as_str());
            walk(&entry.value, &mut |node| trap(node, string_key, sink));
            if entry.key == "title" {
                title_comment(ctx, &entry.value, sink);
            }
        }
    } else if let Some(fm) = &ctx.post.front_matter {
        title_colon(ctx, fm, sink);
    }
}

/// Calls `f` on every scalar value under `node` (mapping keys excluded).
fn walk(node: &YamlNode, f: &mut dyn FnMut(&YamlNode)) {
    match &node.kind {
        YamlKind::Scalar { .. } => f(node),
        YamlKind::Sequence { items } => items.iter().for_each(|n| walk(n, f)),
        YamlKind::Mapping { entries } => entries.iter().for_each(|(_, v)| walk(v, f)),
        YamlKind::Alias => {}
    }
}

/// The value of a plain scalar without an explicit tag: what YAML 1.1 and 1.2 may read
/// differently.
fn untagged_plain(node: &YamlNode) -> Option<&str> {
    match &node.kind {
        YamlKind::Scalar {
            value,
            style: QuoteStyle::Plain,
            tag: None,
        } => Some(value),
        _ => None,
    }
}

fn trap(node: &YamlNode, string_key: bool, sink: &mut Sink) {
    let Some(value) = untagged_plain(node) else {
        return;
    };
    let Some(message) = yaml11::yaml11_trap(value) else {
        return;
    };
    let quote = || vec![Edit::replace(node.span, double_quoted(value))];
    let fix = match yaml11::resolve_yaml11(value) {
        // Jekyll already reads a string, or the key only makes sense as one.
        PlainValue::Str => Fix::safe("Quote the value", quote()),
        _ if string_key => Fix::safe("Quote the value", quote()),
        // Same boolean for Jekyll, and now for every other YAML reader too.
        PlainValue::Bool(b) => Fix::safe(
            format!("Write `{b}`"),
            vec![Edit::replace(node.span, b.to_string())],
        ),
        _ => Fix::unsafe_("Quote the value (Jekyll then reads a string)", quote()),
    };
    sink.push(
        Diagnostic::new(
            Rule::FrontMatterYaml11Trap,
            node.span,
            format!("The site may not show `{value}` as you wrote it: {message}"),
        )
        .with_fix(fix),
    );
}

/// A plain title followed by ` # …` on its line: YAML drops the rest as a comment.
fn title_comment(ctx: &Context, node: &YamlNode, sink: &mut Sink) {
    let Some(value) = untagged_plain(node) else {
        return;
    };
    if node.span.slice(ctx.text).contains(['\n', '\r']) {
        return;
    }
    let rest = &ctx.text[node.span.end..];
    let line_rest = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let comment = line_rest.trim_start_matches([' ', '\t']);
    if !comment.starts_with('#') {
        return;
    }
    let comment_start = node.span.end + (line_rest.len() - comment.len());
    let comment_end = comment_start + comment.trim_end_matches([' ', '\t']).len();
    let whole = ByteSpan::new(node.span.start, comment_end);
    let message = format!(
        "Title is cut at ` #`: without quotes, the rest reads as a comment, so the site shows the title `{value}`"
    );
    let fix = Fix::unsafe_(
        "Quote the whole title",
        vec![Edit::replace(whole, double_quoted(whole.slice(ctx.text)))],
    );
    sink.push(
        Diagnostic::new(
            Rule::FrontMatterYaml11Trap,
            ByteSpan::new(comment_start, comment_end),
            message,
        )
        .with_fix(fix),
    );
}

/// A plain title containing `: ` (or ending in `:`), which makes the YAML fail to parse.
fn title_colon(ctx: &Context, fm: &crate::syntax::FrontMatter, sink: &mut Sink) {
    let Some(title) = raw_title_line(ctx, fm) else {
        return;
    };
    let Some(error) = &fm.error else {
        return;
    };
    if !title.line_span.contains(error.byte_offset) && title.line_span.end != error.byte_offset {
        return;
    }
    let raw = title.value_span.slice(ctx.text);
    if raw.is_empty() || raw.starts_with(|c: char| "\"'[{|>&*!%@`".contains(c)) {
        return;
    }
    let Some(colon) = raw
        .find(": ")
        .or_else(|| raw.ends_with(':').then(|| raw.len() - 1))
    else {
        return;
    };
    let at = title.value_span.start + colon;
    let what = if raw[colon..].starts_with(": ") {
        "contains `: `"
    } else {
        "ends with `:`"
    };
    let message = format!(
        "Title {what} without quotes, so the front matter cannot be read and the post loses its title, date and layout"
    );
    // Quote what Jekyll should show: a stray trailing quote (DL107's finding) goes too.
    let edits = vec![Edit::replace(
        title.value_span,
        double_quoted(without_stray_quote(raw)),
    )];
    let fix = if raw.contains(" #") {
        Fix::unsafe_("Quote the whole title", edits)
    } else {
        Fix::safe("Quote the title", edits)
    };
    sink.push(
        Diagnostic::new(
            Rule::FrontMatterYaml11Trap,
            ByteSpan::new(at, at + 1),
            message,
        )
        .with_fix(fix),
    );
}

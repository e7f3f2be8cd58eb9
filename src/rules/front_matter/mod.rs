//! DL1xx: the front matter (Jekyll's YAML block at the top of a post).
//!
//! Shared helpers for the rules of this family live here: which front matter the value
//! rules may read, the entry Jekyll keeps for a key, YAML quoting, the raw `title:` line
//! when the YAML did not parse, dates inside scalars, and an edit distance.

mod file_name_date_mismatch;
mod front_matter_key_duplicate;
mod front_matter_key_missing;
mod front_matter_key_unknown;
mod front_matter_missing;
mod front_matter_syntax;
mod front_matter_value_type;
mod front_matter_yaml11_trap;
mod tag_misspelled;
mod title_date_mismatch;
mod title_stray_quote;

use super::{Check, Context, Sink, run_enabled};
use crate::registry::Rule;
use crate::syntax::yaml11::{self, PlainValue, Timestamp};
use crate::syntax::{FrontMatter, FrontMatterEntry, QuoteStyle, YamlKind, YamlNode};
use crate::text::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

const RULES: &[(Rule, Check)] = &[
    (Rule::FrontMatterMissing, front_matter_missing::check),
    (Rule::FrontMatterSyntax, front_matter_syntax::check),
    (Rule::FrontMatterKeyMissing, front_matter_key_missing::check),
    (
        Rule::FrontMatterKeyDuplicate,
        front_matter_key_duplicate::check,
    ),
    (Rule::FrontMatterValueType, front_matter_value_type::check),
    (Rule::FrontMatterYaml11Trap, front_matter_yaml11_trap::check),
    (Rule::TitleStrayQuote, title_stray_quote::check),
    (Rule::TitleDateMismatch, title_date_mismatch::check),
    (Rule::FileNameDateMismatch, file_name_date_mismatch::check),
    (Rule::TagMisspelled, tag_misspelled::check),
    (Rule::FrontMatterKeyUnknown, front_matter_key_unknown::check),
];

/// Runs the rules of this family that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    run_enabled(RULES, ctx, sink);
}

/// The front matter when it is closed, parsed without error and is a mapping (or empty):
/// the only case in which the key and value rules have something to read.
fn parsed<'c>(ctx: &'c Context) -> Option<&'c FrontMatter> {
    let fm = ctx.post.front_matter.as_ref()?;
    let is_mapping = match &fm.root {
        None => true,
        Some(root) => matches!(root.kind, YamlKind::Mapping { .. }),
    };
    (fm.is_closed() && fm.error.is_none() && is_mapping).then_some(fm)
}

/// The front matter as it would read with `edits` applied (edits inside the front
/// matter only): for a fix to check that the YAML still says what it means to. `None`
/// when the post has no closed front matter.
pub(crate) fn front_matter_with(
    ctx: &Context,
    edits: &[crate::diagnostic::Edit],
) -> Option<FrontMatter> {
    let close = ctx.post.front_matter.as_ref()?.close_span?;
    let head = &ctx.text[..close.end];
    let edits: Vec<&crate::diagnostic::Edit> = edits.iter().collect();
    let (fixed, _) = crate::fix::apply_edits(head, &edits);
    crate::syntax::front_matter::split(&fixed, ctx.post.bom_len)
}

/// Every entry with this key, in document order.
fn entries<'f>(fm: &'f FrontMatter, key: &'f str) -> impl Iterator<Item = &'f FrontMatterEntry> {
    fm.entries.iter().filter(move |e| e.key == key)
}

/// The entry Jekyll uses for `key`: Psych keeps the **last** of duplicate keys.
fn effective<'f>(fm: &'f FrontMatter, key: &str) -> Option<&'f FrontMatterEntry> {
    fm.entries.iter().rev().find(|e| e.key == key)
}

/// `value` as a YAML double-quoted scalar (`\` and `"` escaped).
fn double_quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A title with one stray trailing quote removed: a `"` or `'` at its end that has no
/// partner (an odd count) and no opening quote at the start. Generators leave these
/// (`title: Daily Papers — 2025-08-31"`); quoting the title must not keep them.
fn without_stray_quote(title: &str) -> &str {
    for quote in ['"', '\''] {
        if title.ends_with(quote)
            && !title.starts_with(quote)
            && title.matches(quote).count() % 2 == 1
        {
            return &title[..title.len() - 1];
        }
    }
    title
}

/// `value` as a plain YAML scalar when both YAML 1.1 and 1.2 read it back as this string
/// in block and flow context, else double-quoted.
fn plain_or_quoted(value: &str) -> String {
    let special_start =
        value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace());
    let special_inside = value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || value.ends_with(char::is_whitespace)
        || value.contains([',', '[', ']', '{', '}', '\n', '\r', '\t']);
    let is_string = yaml11::resolve_yaml11(value) == PlainValue::Str
        && yaml11::resolve_yaml12(value) == PlainValue::Str;
    if value.is_empty() || special_start || special_inside || !is_string {
        double_quoted(value)
    } else {
        value.to_string()
    }
}

/// The byte span of a scalar's content without its quotes, when the raw text there is
/// exactly the value (no escapes, no folded lines), so offsets inside the value are
/// offsets in the post.
fn verbatim_content_span(node: &YamlNode, text: &str) -> Option<ByteSpan> {
    let (value, style) = node.as_scalar()?;
    let span = match style {
        QuoteStyle::Plain => node.span,
        QuoteStyle::Single | QuoteStyle::Double if node.span.len() >= 2 => {
            ByteSpan::new(node.span.start + 1, node.span.end - 1)
        }
        _ => return None,
    };
    (span.slice(text) == value).then_some(span)
}

/// What a plain scalar is under YAML 1.1 (Jekyll), in words: "the boolean false",
/// "the number 2025", "a date", "null".
fn yaml11_reading(plain: &str) -> Option<String> {
    Some(match yaml11::resolve_yaml11(plain) {
        PlainValue::Str => return None,
        PlainValue::Null => "null".to_string(),
        PlainValue::Bool(b) => format!("the boolean {b}"),
        PlainValue::Int(n) => format!("the number {n}"),
        PlainValue::Float(f) => format!("the number {f}"),
        PlainValue::Timestamp(_) => "a date".to_string(),
    })
}

/// A short name of a node's shape, for messages.
fn shape(node: &YamlNode) -> &'static str {
    match node.kind {
        YamlKind::Scalar { .. } => "a scalar",
        YamlKind::Sequence { .. } => "a list",
        YamlKind::Mapping { .. } => "a mapping",
        YamlKind::Alias => "an alias",
    }
}

static DATE_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})-(\d{1,2})-(\d{1,2})").unwrap());

/// A calendar date `(year, month, day)`.
type Ymd = (u16, u8, u8);

/// Formats a date as `YYYY-MM-DD`.
fn ymd(date: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", date.0, date.1, date.2)
}

/// The effective `date:` of the front matter when it is a valid date or timestamp, with
/// the byte span of its `YYYY-MM-DD` part.
fn front_matter_date(ctx: &Context, fm: &FrontMatter) -> Option<(Ymd, ByteSpan)> {
    let entry = effective(fm, "date")?;
    let (value, _) = entry.value.as_scalar()?;
    let t = Timestamp::parse(value.trim()).filter(Timestamp::is_valid)?;
    let raw = entry.value.span.slice(ctx.text);
    let m = DATE_IN_TEXT.find(raw)?;
    let span = ByteSpan::new(
        entry.value.span.start + m.start(),
        entry.value.span.start + m.end(),
    );
    Some(((t.year, t.month, t.day), span))
}

/// The `title:` line of a front matter whose YAML did not parse, read as text.
struct RawTitle {
    /// The value as written: from the first non-blank after `title:` to the line's end,
    /// trailing blanks excluded.
    value_span: ByteSpan,
    /// The whole line, without its break.
    line_span: ByteSpan,
}

/// Finds a top-level `title:` line in a closed front matter with a YAML error, for rules
/// that can still say what is wrong with it (and fix it) when the YAML cannot be read.
fn raw_title_line(ctx: &Context, fm: &FrontMatter) -> Option<RawTitle> {
    fm.error.as_ref()?;
    fm.close_span?;
    let yaml = fm.yaml_span;
    let mut line_start = yaml.start;
    for line in yaml.slice(ctx.text).split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = content.strip_prefix("title:") {
            let value = rest.trim_start_matches([' ', '\t']);
            let value = value.trim_end_matches([' ', '\t']);
            let value_start = line_start
                + "title:".len()
                + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
            return Some(RawTitle {
                value_span: ByteSpan::new(value_start, value_start + value.len()),
                line_span: ByteSpan::new(line_start, line_start + content.len()),
            });
        }
        line_start += line.len();
    }
    None
}

/// The configured key closest to `key` (same letters in another case, or a typo), if any.
fn similar_key<'s>(key: &str, candidates: impl IntoIterator<Item = &'s str>) -> Option<&'s str> {
    let lower = key.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != key)
        .map(|c| (strsim::osa_distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            *d == 0 || (*d <= 1 && c.chars().count() >= 4) || (*d <= 2 && c.chars().count() >= 7)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            similar_key("Title", ["layout", "title", "date"]),
            Some("title")
        );
        assert_eq!(
            similar_key("titel", ["layout", "title", "date"]),
            Some("title")
        );
        assert_eq!(similar_key("foo", ["layout", "title", "date"]), None);
    }

    #[test]
    fn quoting() {
        assert_eq!(double_quoted(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(plain_or_quoted("post"), "post");
        assert_eq!(plain_or_quoted("no"), "\"no\"");
        assert_eq!(plain_or_quoted("a, b"), "\"a, b\"");
        assert_eq!(plain_or_quoted("generative AI"), "generative AI");
    }
}

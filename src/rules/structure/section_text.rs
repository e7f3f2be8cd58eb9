//! Reading a section's text for DL209–DL212: HTML comments and link definitions masked out, list and quote
//! markers stripped, placeholders recognised.

use crate::rules::Context;
use crate::syntax::HtmlComment;
use crate::text::ByteSpan;
use std::borrow::Cow;

/// The text of `span` with every HTML comment and link reference definition inside it
/// (readers see neither) replaced by spaces, byte for byte, so offsets into the result
/// are offsets into the original span. Borrowed (no copy) when the span holds neither,
/// which is the common case.
pub(super) fn masked<'a>(ctx: &Context<'_, 'a>, span: ByteSpan) -> Cow<'a, str> {
    let overlaps = |s: &ByteSpan| s.end > span.start && s.start < span.end;
    let hidden = || {
        let comments = ctx.post.comments.iter().map(|c: &HtmlComment| c.span);
        comments
            .chain(ctx.post.link_definitions.iter().copied())
            .filter(overlaps)
    };
    if hidden().next().is_none() {
        return Cow::Borrowed(span.slice(ctx.text));
    }
    let mut bytes = span.slice(ctx.text).as_bytes().to_vec();
    for hide in hidden() {
        let start = hide.start.max(span.start) - span.start;
        let end = hide.end.min(span.end) - span.start;
        bytes[start..end].fill(b' ');
    }
    // Only whole comments and definitions (whole characters) were replaced by spaces.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

/// Lines of `text` with their byte offset in `text` (line breaks excluded). Breaks are
/// `\n`, `\r\n` and `\r`, as everywhere else.
pub(super) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let line_start = start;
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(text.len(), |i| start + i);
        start = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        Some((line_start, &text[line_start..end]))
    })
}

/// Strips leading blanks, blockquote markers (`>`), one list marker (`-`, `*`, `+`,
/// `1.`, `1)`) and a task box from a line. Returns the byte offset of what is left.
pub(super) fn strip_markers(line: &str) -> usize {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix('>') {
            rest = after;
        } else {
            rest = trimmed;
            break;
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = match rest.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'0'..=b'9')
            if digits <= 9 && matches!(rest.as_bytes().get(digits), Some(b'.' | b')')) =>
        {
            digits + 1
        }
        _ => 0,
    };
    if marker_len > 0 {
        let after = &rest[marker_len..];
        // A marker needs a blank after it (or the end of the line).
        if after.is_empty() || after.starts_with([' ', '\t']) {
            rest = after.trim_start();
            for task in ["[ ] ", "[x] ", "[X] "] {
                if let Some(after_task) = rest.strip_prefix(task) {
                    rest = after_task.trim_start();
                }
            }
        }
    }
    line.len() - rest.len()
}

/// True when `text` has nothing but blanks and bare list or quote markers.
pub(super) fn has_no_content(text: &str) -> bool {
    lines(text).all(|(_, line)| line[strip_markers(line)..].trim().is_empty())
}

/// Korean predicate endings that turn a noun phrase into a sentence (`정보 부족이다`).
const COPULAS: &[&str] = &["입니다", "이다", "합니다", "하다", "임", "함"];

/// A line reduced for comparison with placeholder phrases: markers, emphasis, final
/// punctuation and a Korean copula removed, blanks collapsed, lower case.
pub(super) fn placeholder_key(line: &str) -> String {
    let mut s = line[strip_markers(line)..].trim();
    loop {
        let before = s;
        s = s
            .trim_end_matches(['.', '。', '!', '！'])
            .trim_matches(['*', '_', '`'])
            .trim();
        if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            s = inner.trim();
        }
        if s == before {
            break;
        }
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The placeholder phrase (as configured) that `line` consists of, if any.
pub(super) fn placeholder<'s>(placeholders: &'s [String], line: &str) -> Option<&'s str> {
    // A placeholder line is the phrase plus a few markers, blanks and a copula: a much
    // longer line (most lines of real sections) cannot be one, so skip the normalising.
    let longest = placeholders.iter().map(String::len).max().unwrap_or(0);
    if line.trim().len() > 2 * longest + 32 {
        return None;
    }
    let key = placeholder_key(line);
    if key.is_empty() {
        return None;
    }
    placeholders.iter().map(String::as_str).find(|p| {
        let wanted = placeholder_key(p);
        !wanted.is_empty()
            && (key == wanted
                || COPULAS.iter().any(|c| {
                    key.strip_suffix(c)
                        .is_some_and(|stem| stem.trim_end() == wanted)
                }))
    })
}

/// The placeholder that makes up the whole of `text` (every non-blank line is one),
/// if any.
pub(super) fn whole_placeholder<'s>(placeholders: &'s [String], text: &str) -> Option<&'s str> {
    let mut found = None;
    for (_, line) in lines(text) {
        if line[strip_markers(line)..].trim().is_empty() {
            continue;
        }
        found = Some(placeholder(placeholders, line)?);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_lf_crlf_and_cr() {
        let got: Vec<_> = lines("a\r\nb\rc\nd").collect();
        assert_eq!(got, [(0, "a"), (3, "b"), (5, "c"), (7, "d")]);
        assert_eq!(lines("").count(), 0);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), [(0, "x")]);
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_markers("- 정보 부족"), 2);
        assert_eq!(strip_markers("  * [x] done"), 8);
        assert_eq!(strip_markers("> 12. item"), 6);
        assert_eq!(strip_markers("-not a marker"), 0);
        assert_eq!(strip_markers("2025. 8. 31."), 6);
        assert!(has_no_content("\n- \n>\n   \n"));
        assert!(!has_no_content("-\n텍스트"));
    }

    #[test]
    fn placeholders_match_whole_lines_only() {
        let list = vec!["정보 부족".to_string(), "N/A".to_string()];
        for line in [
            "정보 부족",
            "정보 부족.",
            "- 정보 부족",
            "정보 부족이다.",
            "*정보  부족*",
            "(정보 부족)",
        ] {
            assert_eq!(placeholder(&list, line), Some("정보 부족"), "{line}");
        }
        assert_eq!(placeholder(&list, "n/a."), Some("N/A"));
        assert_eq!(
            placeholder(&list, "정보 부족으로 인해 평가가 제한적이다."),
            None
        );
        assert_eq!(whole_placeholder(&list, "정보 부족\n\n- N/A"), Some("N/A"));
        assert_eq!(
            whole_placeholder(&list, "정보 부족\n그러나 비용이 크다."),
            None
        );
        assert_eq!(whole_placeholder(&list, "\n\n"), None);
    }
}

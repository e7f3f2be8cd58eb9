//! The shape of the lines around an edit point: what Markdown reads as blank, as an ATX
//! heading, and whether a paragraph would take in the next line. Shared by the fixes
//! that insert or move sections.

/// True when `text` is blank for Markdown: spaces, tabs and line breaks only (a vertical
/// tab or a form feed is text there, and continues a paragraph).
pub(super) fn is_markdown_blank(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// True when `line` is an ATX heading (`#` to `######`, then a blank or the end), which
/// interrupts a paragraph; `#c` is text and would join it.
pub(super) fn opens_atx_heading(line: &str) -> bool {
    let line = line.trim_start_matches(' ');
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&hashes)
        && line[hashes..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// The line after the first line break of `rest`.
pub(super) fn next_line(rest: &str) -> &str {
    let after = match rest.find(['\n', '\r']) {
        Some(i) if rest[i..].starts_with("\r\n") => &rest[i + 2..],
        Some(i) => &rest[i + 1..],
        None => "",
    };
    after.split(['\n', '\r']).next().unwrap_or("")
}

/// True when `rest` starts with exactly one line break followed by a non-blank line.
pub(super) fn starts_with_single_break(rest: &str) -> bool {
    let after = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .or_else(|| rest.strip_prefix('\r'));
    match after {
        Some(after) => {
            let line = after.split(['\n', '\r']).next().unwrap_or("");
            !is_markdown_blank(line)
        }
        None => false,
    }
}

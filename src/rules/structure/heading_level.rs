//! Setting a heading's level (shared by DL202 and DL208).

use crate::diagnostic::{Edit, Fix};
use crate::syntax::Heading;
use crate::syntax::markdown::WHITESPACE;

/// The fix that gives `heading` level `level`: an ATX heading gets a new `#` run (safe);
/// a setext heading gets the other underline when `level` is 1 or 2 (safe), else it is
/// rewritten as an ATX heading on one line (unsafe: its line breaks become spaces).
pub fn set_level(text: &str, heading: &Heading, level: u8) -> Fix {
    let title = format!("Change to level {level}");
    let hashes = "#".repeat(usize::from(level));
    if !heading.setext {
        return Fix::safe(title, vec![Edit::replace(heading.marker_span, hashes)]);
    }
    if level <= 2 {
        let underline = if level == 1 { "=" } else { "-" };
        let len = heading.marker_span.slice(text).chars().count().max(3);
        return Fix::safe(
            title,
            vec![Edit::replace(heading.marker_span, underline.repeat(len))],
        );
    }
    let content = one_line(heading.content(text));
    // From the line's start: a setext heading may be indented (up to three spaces), and
    // indented, the `#` line could read as the continuation of a list item above.
    let line_start = text[..heading.span.start].rfind('\n').map_or(0, |n| n + 1);
    let start = if text[line_start..heading.span.start]
        .bytes()
        .all(|b| b == b' ')
    {
        line_start
    } else {
        heading.span.start
    };
    let span = crate::text::ByteSpan::new(start, heading.marker_span.end);
    Fix::unsafe_(
        title,
        vec![Edit::replace(span, format!("{hashes} {content}"))],
    )
}

/// The lines of a setext heading's text as one line: each gap between words (at
/// Markdown's [`WHITESPACE`]: a no-break space is text, in a link's URL say) becomes one
/// space, except a line break just inside a link's brackets (`[Title` over `](url)`),
/// which the reader never saw as a space: there the words meet.
fn one_line(content: &str) -> String {
    let mut line = String::with_capacity(content.len());
    let mut rest = content.trim_start_matches(WHITESPACE);
    while !rest.is_empty() {
        let word_end = rest.find(WHITESPACE).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        line.push_str(word);
        let next = after.trim_start_matches(WHITESPACE);
        let gap = &after[..after.len() - next.len()];
        if !next.is_empty() {
            let inside_brackets = word.ends_with('[') || next.starts_with(']');
            if !(inside_brackets && gap.contains(['\n', '\r'])) {
                line.push(' ');
            }
        }
        rest = next;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::markdown::scan;
    use crate::text::ByteSpan;

    #[test]
    fn a_setext_heading_made_atx_keeps_a_no_break_space() {
        let text = "Paper [A\nB](https://a/\u{a0}b)\n===\n";
        let headings = scan(text, ByteSpan::new(0, text.len())).headings;
        let fix = set_level(text, &headings[0], 3);
        assert_eq!(fix.edits[0].new_text, "### Paper [A B](https://a/\u{a0}b)");
    }

    #[test]
    fn a_line_break_just_inside_link_brackets_is_no_space() {
        assert_eq!(one_line("2. [Title\n](https://a)"), "2. [Title](https://a)");
        assert_eq!(one_line("2. [\nTitle](https://a)"), "2. [Title](https://a)");
        assert_eq!(one_line("2. [Title \n ](u)"), "2. [Title](u)");
        // On one line, a space stays (DL401 reports it).
        assert_eq!(one_line("2. [Title ](u)\n  more"), "2. [Title ](u) more");
    }
}

//! DL203 paper-numbering: paper numbers that do not run 1, 2, 3 … in document order.
//! Documentation: `docs/rules/DL203.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each paper number that differs from the paper's position + 1 (papers
/// without a number still count), the range covering the digits.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let Some(number) = paper.number else {
            continue;
        };
        let expected = paper.position + 1;
        if number.value as usize == expected {
            continue;
        }
        let message = format!(
            "Paper number is {}; expected {expected}",
            number.span.slice(ctx.text)
        );
        let mut diagnostic = Diagnostic::new(Rule::PaperNumbering, number.span, message);
        // `1234567890) Title` over `---` is a heading only because a list number has at
        // most nine digits: renumbered, its first line would become a list item.
        let setext = paper.heading.as_ref().is_some_and(|h| h.heading.setext);
        let starts_line = ctx.text[..number.span.start]
            .rsplit(['\n', '\r'])
            .next()
            .is_some_and(|before| before.trim_start_matches([' ', '\t']).is_empty());
        // Only `1.` may start a list right after a paragraph line (CommonMark): renumbered,
        // such an item would become the paragraph's next line.
        let line_start = ctx.text[..number.span.start]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        let before = &ctx.text[..line_start];
        let before = before
            .strip_suffix("\r\n")
            .or_else(|| before.strip_suffix(['\n', '\r']))
            .unwrap_or(before);
        let previous_line = before.rsplit(['\n', '\r']).next().unwrap_or("");
        let interrupts_paragraph = paper.heading.is_none()
            && number.value == 1
            && line_start > 0
            && !previous_line.trim_matches([' ', '\t']).is_empty();
        let changes_structure = (setext && starts_line) || interrupts_paragraph;
        if !changes_structure {
            diagnostic = diagnostic.with_fix(Fix::safe(
                format!("Renumber to {expected}"),
                vec![Edit::replace(number.span, expected.to_string())],
            ));
        }
        sink.push(diagnostic);
    }
}

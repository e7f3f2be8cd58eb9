//! DL203 paper-numbering: paper numbers that do not run 1, 2, 3 … in document order.
//! Documentation: `docs/rules/DL203.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;

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
        let index = &ctx.post.line_index;
        let line = index.line_idx(number.span.start);
        let blank = |span: ByteSpan| span.slice(ctx.text).trim_matches([' ', '\t']).is_empty();
        // `1234567890) Title` over `---` is a heading only because a list number has at
        // most nine digits: renumbered, its first line would become a list item.
        let setext = paper.heading.as_ref().is_some_and(|h| h.heading.setext);
        let starts_line = blank(ByteSpan::new(
            index.line_span(ctx.text, line).start,
            number.span.start,
        ));
        // Only `1.` may start a list right after a paragraph line (CommonMark): renumbered,
        // such an item would become the paragraph's next line.
        let interrupts_paragraph = paper.heading.is_none()
            && number.value == 1
            && line > 0
            && !blank(index.line_span(ctx.text, line - 1));
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

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
        sink.push(
            Diagnostic::new(Rule::PaperNumbering, number.span, message).with_fix(Fix::safe(
                format!("Renumber to {expected}"),
                vec![Edit::replace(number.span, expected.to_string())],
            )),
        );
    }
}

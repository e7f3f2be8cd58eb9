//! DL404 suppression-invalid: a suppression comment with a misspelled directive or a
//! rule that does not exist, which suppresses nothing. Documentation: `docs/rules/DL404.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::suppression::{Mistake, mistakes};

/// Reports each mistake; the range is the misspelled directive or the unknown selector.
/// The fix, unsafe since the comment starts suppressing findings, writes what was meant.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for mistake in mistakes(ctx.post) {
        let diagnostic = match mistake {
            Mistake::Directive { span, meant } => Diagnostic::new(
                Rule::SuppressionInvalid,
                span,
                format!(
                    "`{}` is not a suppression directive, so this comment suppresses nothing; did you mean `{meant}`?",
                    span.slice(ctx.text)
                ),
            )
            .with_fix(Fix::unsafe_(
                format!("Replace with `{meant}`"),
                vec![Edit::replace(span, meant)],
            )),
            Mistake::UnknownRule { span, meant } => {
                let written = span.slice(ctx.text);
                let mut diagnostic = Diagnostic::new(
                    Rule::SuppressionInvalid,
                    span,
                    match meant {
                        Some(rule) => format!(
                            "No rule is called `{written}`, so nothing is suppressed for it; did you mean {} ({})?",
                            rule.code(),
                            rule.name()
                        ),
                        None => format!(
                            "No rule is called `{written}`, so nothing is suppressed for it (`digest-lint rules` lists the codes and names)"
                        ),
                    },
                );
                if let Some(rule) = meant {
                    let replacement = if written.to_ascii_uppercase().starts_with("DL") {
                        rule.code()
                    } else {
                        rule.name()
                    };
                    diagnostic = diagnostic.with_fix(Fix::unsafe_(
                        format!("Replace with `{replacement}`"),
                        vec![Edit::replace(span, replacement)],
                    ));
                }
                diagnostic
            }
        };
        sink.push(diagnostic);
    }
}

//! Human output: each finding as `path:line:col: CODE [name] message` followed by its
//! source line with the range underlined and the fix as a help line (annotate-snippets).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, normalize_untrusted_str};
use anstyle::{AnsiColor, Effects, Style};
use digest_lint::text::LineIndex;
use digest_lint::{Applicability, Diagnostic, Severity};

/// One post's findings, ready to print.
pub struct FileFindings<'a> {
    /// The path shown.
    pub display: &'a str,
    /// The text the findings' spans point into.
    pub text: &'a str,
    /// The findings, sorted.
    pub diagnostics: &'a [Diagnostic],
}

/// The annotate-snippets level of a severity.
fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

/// Renders every finding of one post; `styled` adds ANSI colour (stripped later by
/// anstream when the output is not a terminal).
pub fn render_file(findings: &FileFindings, styled: bool, show_unsafe: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let index = LineIndex::new(findings.text);
    let mut out = String::new();
    for d in findings.diagnostics {
        out.push_str(&render_one(
            &renderer,
            styled,
            &index,
            findings,
            d,
            show_unsafe,
        ));
        out.push_str("\n\n");
    }
    out
}

fn render_one(
    renderer: &Renderer,
    styled: bool,
    index: &LineIndex,
    findings: &FileFindings,
    d: &Diagnostic,
    show_unsafe: bool,
) -> String {
    let text = findings.text;
    let start = index.display_position(text, d.span.start);
    // `path:line:col: CODE [name] message`, the code in the severity's colour.
    let (bold, code_style) = if styled {
        (
            Style::new().effects(Effects::BOLD),
            severity_style(d.severity),
        )
    } else {
        (Style::new(), Style::new())
    };
    let header = format!(
        "{bold}{}:{}:{}:{bold:#} {code_style}{}{code_style:#} [{}] {bold}{}{bold:#}\n",
        normalize_untrusted_str(findings.display),
        start.line,
        start.column,
        d.rule.code(),
        d.rule.name(),
        normalize_untrusted_str(&d.message)
    );
    // The lines the span touches, so annotate-snippets never scans the whole post.
    let first_line = index.line_idx(d.span.start);
    let last_line = index.line_idx(d.span.end.max(d.span.start));
    let excerpt_start = index.line_start(first_line);
    let excerpt_end = index.line_span(text, last_line).end.max(d.span.end);
    let excerpt = &text[excerpt_start..excerpt_end];
    let span = (d.span.start - excerpt_start)..(d.span.end - excerpt_start);
    let level = level(d.severity);
    let mut group = Group::with_level(level.clone()).element(
        Snippet::source(excerpt)
            .line_start(first_line + 1)
            .annotation(
                AnnotationKind::Primary
                    .span(span)
                    .label(d.severity.as_str()),
            ),
    );
    for related in &d.related {
        let note = match &related.elsewhere {
            Some(other) => {
                let p = other.start.display(related.span.start);
                format!(
                    "{} ({}:{}:{})",
                    related.message,
                    normalize_untrusted_str(&other.path.to_string_lossy()),
                    p.line,
                    p.column
                )
            }
            None => {
                let p = index.display_position(text, related.span.start);
                format!("{} (line {}, column {})", related.message, p.line, p.column)
            }
        };
        group = group.element(Level::NOTE.message(note));
    }
    if let Some(fix) = &d.fix {
        let note = match fix.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe if show_unsafe => " (unsafe fix)",
            Applicability::Unsafe => " (unsafe fix: apply with --fix --unsafe-fixes)",
            Applicability::DisplayOnly => " (not applied automatically)",
        };
        group = group.element(Level::HELP.message(format!("{}{note}", fix.title)));
    }
    header + &renderer.render(&[group])
}

/// The colour of a severity's code in the header (annotate-snippets' own colours).
fn severity_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::BrightBlue,
        Severity::Hint => AnsiColor::BrightGreen,
    };
    color.on_default().effects(Effects::BOLD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use digest_lint::text::ByteSpan;
    use digest_lint::{Edit, Fix, Rule};

    fn render(text: &str, span: ByteSpan) -> String {
        let d = Diagnostic::new(Rule::TitleWhitespace, span, "Message")
            .with_fix(Fix::unsafe_("Do it", vec![Edit::insert(span.start, "x")]));
        let findings = FileFindings {
            display: "p.md",
            text,
            diagnostics: std::slice::from_ref(&d),
        };
        render_file(&findings, false, false)
    }

    #[test]
    fn empty_spans_multi_line_spans_and_crlf_render() {
        let text = "a\r\nb c\r\n";
        insta::assert_snapshot!(render(text, ByteSpan::empty(text.len())), @r"
        p.md:3:1: DL401 [title-whitespace] Message
          |
        3 |
          | ^ warning
          |
          = help: Do it (unsafe fix: apply with --fix --unsafe-fixes)
        ");
        insta::assert_snapshot!(render(text, ByteSpan::new(0, 6)), @r"
        p.md:1:1: DL401 [title-whitespace] Message
          |
        1 | / a
        2 | | b c
          | |___^ warning
          |
          = help: Do it (unsafe fix: apply with --fix --unsafe-fixes)
        ");
        insta::assert_snapshot!(render("", ByteSpan::empty(0)), @r"
        p.md:1:1: DL401 [title-whitespace] Message
          |
        1 |
          | ^ warning
          |
          = help: Do it (unsafe fix: apply with --fix --unsafe-fixes)
        ");
        insta::assert_snapshot!(render("한😀 x", ByteSpan::new(7, 8)), @r"
        p.md:1:3: DL401 [title-whitespace] Message
          |
        1 | 한😀 x
          |     ^ warning
          |
          = help: Do it (unsafe fix: apply with --fix --unsafe-fixes)
        ");
    }
}

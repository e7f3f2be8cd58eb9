//! DL401 title-whitespace: runs of whitespace, tabs, or edge blanks in a paper title.
//! Documentation: `docs/rules/DL401.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::front_matter::front_matter_with;
use crate::rules::{Context, Sink};
use crate::syntax::{QuoteStyle, YamlKind};
use crate::text::ByteSpan;

/// Reports each irregular whitespace run in each intact paper title, the range covering
/// just the run; the fix replaces the run with one space (or nothing at the edges).
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        // A title written across lines is joined by the reader's browser; only a title
        // on one line has runs that show.
        if paper
            .heading
            .as_ref()
            .is_some_and(|h| h.broken_link.is_some())
        {
            continue; // DL201 joins a broken link text first
        }
        let Some(title_span) = paper.title.as_ref().map(|t| t.span) else {
            continue;
        };
        let title = title_span.slice(ctx.text);
        if title.trim().is_empty() {
            continue; // nothing but whitespace: DL201 reports an empty title
        }
        // A plain (unquoted) YAML title in the front matter: there ` #` starts a comment
        // and `: ` a mapping, so a space the fix writes must not make either.
        let plain_yaml = title_span.end <= ctx.post.body_span.start
            && !ctx.text[..title_span.start].ends_with(['"', '\'']);
        let mut runs = Vec::new();
        let mut run_start: Option<usize> = None;
        for (i, c) in title
            .char_indices()
            .chain(std::iter::once((title.len(), 'x')))
        {
            match (c.is_whitespace() && i < title.len(), run_start) {
                (true, None) => run_start = Some(i),
                (false, Some(start)) => {
                    runs.push((start, i));
                    run_start = None;
                }
                _ => {}
            }
        }
        for (start, end) in runs {
            let run = &title[start..end];
            if run.contains(['\n', '\r']) {
                continue; // a title wrapped onto the next line reads as one line
            }
            let at_edge = start == 0 || end == title.len();
            // One space is right; one NBSP or zero-width space is DL402's business.
            if run.chars().count() == 1 && run != "\t" && !at_edge {
                continue;
            }
            let span = ByteSpan::new(title_span.start + start, title_span.start + end);
            let replacement = if at_edge { "" } else { " " };
            let message = if at_edge {
                let side = if start == 0 { "starts" } else { "ends" };
                format!("Paper title {side} with whitespace")
            } else if run.contains('\t') {
                "Paper title has a tab; expected one space".to_string()
            } else {
                format!(
                    "Paper title has a run of {} spaces; expected one",
                    run.chars().count()
                )
            };
            // At an edge of a plain YAML title the run is one YAML does not trim (a
            // vertical tab, a no-break space): without it, what is left may read as
            // another type (`~` is null, `12` a number).
            let yaml_syntax = plain_yaml
                && (at_edge || title[end..].starts_with('#') || title[..start].ends_with(':'));
            let fix_title = if at_edge {
                "Remove the whitespace"
            } else {
                "Replace with one space"
            };
            let finding = Diagnostic::new(Rule::TitleWhitespace, span, message);
            let edit = Edit::replace(span, replacement);
            sink.push(
                if yaml_syntax || (plain_yaml && !reads_as_plain_text(ctx, &edit)) {
                    finding
                } else {
                    finding.with_fix(Fix::safe(fix_title, vec![edit]))
                },
            );
        }
    }
}

/// True when the front matter, with `edit` made in a plain YAML title, still parses, with
/// the same keys, and the title still a plain scalar: a space where a tab or a run was
/// must not make YAML syntax (`? ` starts a complex key, `- ` a list item).
fn reads_as_plain_text(ctx: &Context, edit: &Edit) -> bool {
    let Some(before) = ctx.post.front_matter.as_ref() else {
        return false;
    };
    let Some(after) = front_matter_with(ctx, std::slice::from_ref(edit)) else {
        return false;
    };
    let keys = |fm: &crate::syntax::FrontMatter| -> Vec<String> {
        fm.entries.iter().map(|e| e.key.clone()).collect()
    };
    let title = before
        .entries
        .iter()
        .position(|e| e.value.span.contains_span(edit.span));
    after.error.is_none()
        && keys(&after) == keys(before)
        && title.is_some_and(|i| {
            matches!(
                &after.entries[i].value.kind,
                YamlKind::Scalar {
                    style: QuoteStyle::Plain,
                    ..
                }
            )
        })
}

//! DL403 title-markup: raw HTML-like tags in a paper title, which kramdown passes through
//! as HTML. Documentation: `docs/rules/DL403.md`.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::text::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

/// An HTML open or closing tag as CommonMark and kramdown recognise it (`<think>`,
/// `</b>`, `<br/>`, `<span class="x">`); `a < b`, `<3` and autolinks are not tags.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"</[A-Za-z][A-Za-z0-9-]*\s*>|<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>"#,
    )
    .unwrap()
});

/// Byte ranges of code spans (`` `…` ``) in `title`, where tags are shown literally.
fn code_spans(title: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = title.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let fence = &title[i..i + run];
        let after = i + run;
        let close = title[after..]
            .match_indices(fence)
            .find(|(k, _)| {
                let end = after + k + run;
                bytes.get(end) != Some(&b'`') && bytes[after + k - 1] != b'`'
            })
            .map(|(k, _)| after + k);
        match close {
            Some(c) => {
                spans.push((i, c + run));
                i = c + run;
            }
            None => i = after,
        }
    }
    spans
}

/// True when the byte at `at` is preceded by an odd number of backslashes.
fn is_escaped(text: &str, at: usize) -> bool {
    text.as_bytes()[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

/// Reports each tag in each paper title; the fix backslash-escapes its `<` in Markdown.
/// A title read from the front matter (one paper per post) gets no fix: there a
/// backslash is YAML syntax inside double quotes, and whether it shows depends on how
/// the theme prints the title.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let Some(title_span) = paper.title.as_ref().map(|t| t.span) else {
            continue;
        };
        let in_front_matter = title_span.end <= ctx.post.body_span.start;
        let title = title_span.slice(ctx.text);
        let code = code_spans(title);
        for m in TAG.find_iter(title) {
            if is_escaped(title, m.start())
                || code.iter().any(|&(s, e)| s <= m.start() && m.end() <= e)
            {
                continue;
            }
            let span = ByteSpan::new(title_span.start + m.start(), title_span.start + m.end());
            let tag = m.as_str();
            let finding = Diagnostic::new(
                Rule::TitleMarkup,
                span,
                format!(
                    "Paper title has `{tag}`, which the site reads as an HTML tag: readers do not see it, and the words after it may vanish or change"
                ),
            );
            sink.push(if in_front_matter {
                finding
            } else {
                finding.with_fix(Fix::safe(
                    format!("Escape the `<` so the site shows `{tag}` as written"),
                    vec![Edit::insert(span.start, "\\")],
                ))
            });
        }
    }
}

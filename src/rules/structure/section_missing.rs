//! DL204 section-missing: a required section is absent from a paper.
//! Documentation: `docs/rules/DL204.md`.

use super::line_shape::{
    is_markdown_blank, next_line, opens_atx_heading, starts_with_single_break,
};
use super::post_script::{majority_script, script_of};
use super::section_match::classify_paper;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::layout::SectionStyle;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::{BlockKind, Paper, section_key};
use crate::text::ByteSpan;

/// What the inserted section holds when no placeholder phrase is configured.
const FALLBACK_PLACEHOLDER: &str = "TODO";

/// Reports each configured section that no heading of the paper stands for (a
/// misleveled `### Method` or a near miss such as `## Methods` counts as present; other
/// rules report those). The range is empty, at the point where the section belongs: the
/// end of the content before the next present section that follows it in the schema,
/// else the end of the paper. The unsafe fix inserts `## Name` and a placeholder there.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let sections = &ctx.layout.sections;
    let marker = "#".repeat(usize::from(sections.level));
    let insertable = sections.style == SectionStyle::Headings;
    for paper in &ctx.post.papers {
        // Read the paper's script only when a section is missing.
        let placeholder = std::cell::OnceCell::new();
        let present: Vec<(ByteSpan, Option<usize>)> =
            classify_paper(&ctx.layout.sections.names, paper)
                .into_iter()
                .map(|(s, m)| (s.span, m.index()))
                .collect();
        for (i, name) in sections.names.iter().enumerate() {
            if present.iter().any(|(_, idx)| *idx == Some(i))
                || !sections
                    .required
                    .iter()
                    .any(|r| section_key(r) == section_key(name))
            {
                continue;
            }
            let next = present
                .iter()
                .find(|(_, idx)| idx.is_some_and(|j| j > i))
                .map_or(paper.span.end, |(span, _)| span.start);
            let at = anchor(ctx.text, paper, next);
            let le = ctx
                .post
                .line_index
                .line_ending_at(ctx.text, at, paper.span.start);
            // Only the paper's own text: a finding about a paper block may depend on that
            // block alone (the language server re-checks blocks one at a time).
            let rest = &ctx.text[at..paper.span.end.max(at)];
            // Keep a blank line before what follows, so nothing merges with the placeholder.
            // At the paper's very end, the next paper's setext heading (`Title` over `===`)
            // would take the placeholder into its text; a `#` heading cannot (and is where
            // the language server cuts, so this looks no further than the paper's segment).
            let before_setext = is_markdown_blank(rest)
                && starts_with_single_break(&ctx.text[at..])
                && !opens_atx_heading(next_line(&ctx.text[at..]));
            let tail = if starts_with_single_break(rest) || before_setext {
                le
            } else {
                ""
            };
            let placeholder = placeholder.get_or_init(|| placeholder_for(ctx, paper));
            let insert = format!("{le}{le}{marker} {name}{le}{placeholder}{tail}");
            // `##\u{a0}Method`: the author sees the heading, Markdown does not.
            let lost = ctx.post.no_break_headings.iter().find(|h| {
                paper.span.contains_span(h.line_span)
                    && section_key(h.name_span.slice(ctx.text)) == section_key(name)
            });
            if let Some(lost) = lost {
                let hashes = "#".repeat(usize::from(lost.level));
                let message = format!(
                    "This paper has no {name} section: `{hashes} {name}` has a no-break space after the `{hashes}`, so it is not a heading"
                );
                let mut d = Diagnostic::new(Rule::SectionMissing, lost.space_span, message);
                if let Some(heading) = &paper.heading {
                    d = d.with_related(heading.heading.span, "The paper heading");
                }
                sink.push(d);
                continue;
            }
            let message = match sections.style {
                SectionStyle::Headings => format!("This paper has no {name} section"),
                _ => format!("This paper has no `{name}` part; readers miss it"),
            };
            let mut diagnostic =
                Diagnostic::new(Rule::SectionMissing, ByteSpan::empty(at), message);
            if let Some(heading) = &paper.heading {
                diagnostic = diagnostic.with_related(heading.heading.span, "The paper heading");
            }
            // A heading inserted into an unclosed code block would stay code, and one
            // inserted after an HTML block left open (`<!--` with no `-->`) would be HTML:
            // no fix there.
            let in_code = paper
                .blocks
                .iter()
                .map(|&b| &ctx.post.blocks[b])
                .filter(|b| b.span.start < at && at <= b.span.end)
                .any(|b| b.kind == BlockKind::Code || b.left_open(ctx.text));
            // Before a setext heading that follows on the next line, the line that ends at
            // the insertion point must end a block of its own. A line no block holds is a
            // link reference definition, which Markdown reads as the start of the heading's
            // paragraph (`[x]: 8` over `1.` over `==`): split from it, the heading's lines
            // read as something else (an empty list item and text).
            let ends_a_block = paper.heading.as_ref().map(|h| h.heading.span.end) == Some(at)
                || paper.blocks.iter().any(|&b| {
                    let span = ctx.post.blocks[b].span;
                    span.start < at && at <= span.end
                });
            let splits_setext_paragraph = before_setext && !ends_a_block;
            if !in_code && !splits_setext_paragraph && insertable && paper.heading.is_some() {
                diagnostic = diagnostic.with_fix(Fix::unsafe_(
                    format!("Insert `{marker} {name}` with a placeholder"),
                    vec![Edit::insert(at, insert)],
                ));
            }
            sink.push(diagnostic);
        }
    }
}

/// The placeholder the fix inserts: the first of the configured placeholders written in
/// the script of the paper's sections (Korean text gets `정보 부족`, English `N/A`),
/// else the first of them, else `TODO`.
fn placeholder_for<'c>(ctx: &Context<'c, '_>, paper: &Paper) -> &'c str {
    let placeholders = &ctx.schema.placeholders;
    let script = majority_script(ctx.text, paper);
    placeholders
        .iter()
        .find(|p| script.is_some() && script_of(p) == script)
        .or(placeholders.first())
        .map_or(FALLBACK_PLACEHOLDER, String::as_str)
}

/// The end of the last non-blank line of the paper before byte `next` (at least the end
/// of the paper heading), after any blanks that end that line.
fn anchor(text: &str, paper: &Paper, next: usize) -> usize {
    let start = paper
        .heading
        .as_ref()
        .map_or(paper.span.start, |h| h.heading.span.end);
    let next = next.max(start);
    let end = start
        + text[start..next]
            .trim_end_matches([' ', '\t', '\n', '\r'])
            .len();
    end + text[end..next].len() - text[end..next].trim_start_matches([' ', '\t']).len()
}

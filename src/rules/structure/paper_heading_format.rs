//! DL201 paper-heading-format: a paper heading that is not `# N. [Title](URL)`.
//! Documentation: `docs/rules/DL201.md`.

use super::section_match::quote;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::layout::{PaperUnit, TitleStyle};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::markdown;
use crate::syntax::{BrokenLink, Paper, PaperHeading};
use crate::text::ByteSpan;

/// Reports, for each paper heading, each way it departs from `N. [Title](URL)`: no
/// number, a wrong character or none after the number, no link (or not an inline one),
/// text before or after the link, an empty title, link text broken across lines. In
/// other layouts: a paper without the number, title or link its layout expects.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        match &paper.heading {
            Some(heading) if ctx.layout.paper.title == TitleStyle::Link => {
                check_heading(ctx, heading, sink)
            }
            _ => check_parts(ctx, paper, sink),
        }
    }
}

/// A paper in a layout other than `N. [Title](URL)` headings: number, title, link.
fn check_parts(ctx: &Context, paper: &Paper, sink: &mut Sink) {
    let rule = Rule::PaperHeadingFormat;
    let at = paper
        .heading
        .as_ref()
        .map_or(ByteSpan::empty(paper.span.start), |h| {
            h.heading.content_span
        });
    let layout = &ctx.layout.paper;
    if layout.numbered && paper.number.is_none() && layout.unit != PaperUnit::Post {
        sink.push(Diagnostic::new(
            rule,
            ByteSpan::empty(at.start),
            "Paper does not start with a number; expected `N.`",
        ));
    }
    match &paper.title {
        None => sink.push(Diagnostic::new(
            rule,
            at,
            format!(
                "Paper has no title; the layout expects it {}",
                title_place(ctx)
            ),
        )),
        Some(t) if t.text(ctx.text).trim().is_empty() => {
            sink.push(Diagnostic::new(rule, t.span, "Paper title is empty"))
        }
        Some(_) => {}
    }
    if paper.links.is_empty() {
        sink.push(Diagnostic::new(
            rule,
            at,
            "Paper has no link to its arXiv or Hugging Face page, so readers cannot open it; add one",
        ));
    }
}

fn title_place(ctx: &Context) -> &'static str {
    match (ctx.layout.paper.unit, ctx.layout.paper.title) {
        (PaperUnit::Post, _) => "in the front matter's `title:`",
        (_, TitleStyle::Bold) => "in bold: `**Title**`",
        (_, TitleStyle::Link) => "as link text: `[Title](URL)`",
        (_, TitleStyle::Text) => "as the heading's text",
    }
}

fn check_heading(ctx: &Context, ph: &PaperHeading, sink: &mut Sink) {
    let text = ctx.text;
    let content = ph.heading.content_span;
    let raw = content.slice(text);
    let content_start = content.start + (raw.len() - raw.trim_start().len());
    let content_end = content.start + raw.trim_end().len();
    let rule = Rule::PaperHeadingFormat;

    // Where the part after `N.` starts.
    let mut after_number = content_start;
    match ph.number {
        None if !ctx.layout.paper.numbered => {}
        None => {
            let at = ByteSpan::empty(content_start);
            // No fix: the right number depends on the papers before this one, and a
            // finding about a paper block may depend only on that block (the language
            // server re-checks blocks alone). DL203 renumbers once a number is there.
            sink.push(Diagnostic::new(
                rule,
                at,
                "Paper heading does not start with a number; expected `N.`",
            ));
        }
        Some(number) => {
            after_number = number.span.end;
            match ph.number_period {
                Some(period) => after_number = period.end,
                None => {
                    let next = text[number.span.end..content_end].chars().next();
                    // In a setext heading (`1 Title` over `===`), `1.` at the start of the
                    // line would open a list and end the heading: no fix there.
                    let fixable = !ph.heading.setext;
                    match next {
                        Some(c @ (')' | ':')) => {
                            let span = ByteSpan::new(number.span.end, number.span.end + 1);
                            after_number = span.end;
                            let mut d = Diagnostic::new(
                                rule,
                                span,
                                format!(
                                    "Paper number {} is followed by `{c}`; expected `.`",
                                    number.value
                                ),
                            );
                            if fixable {
                                d = d.with_fix(Fix::safe(
                                    "Replace with `.`",
                                    vec![Edit::replace(span, ".")],
                                ));
                            }
                            sink.push(d);
                        }
                        _ => {
                            let at = ByteSpan::empty(number.span.end);
                            let mut d = Diagnostic::new(
                                rule,
                                at,
                                format!("Paper number {} has no period after it", number.value),
                            );
                            if fixable && next.is_some_and(|c| c == ' ' || c == '\t') {
                                d = d.with_fix(Fix::safe(
                                    "Add `.` after the number",
                                    vec![Edit::insert(number.span.end, ".")],
                                ));
                            }
                            sink.push(d);
                        }
                    }
                }
            }
        }
    }

    if let Some(broken) = &ph.broken_link {
        let mut d = Diagnostic::new(
            rule,
            broken.title_span,
            "Paper link text is broken across lines",
        );
        if joins_cleanly(ctx, ph, broken) {
            d = d.with_fix(Fix::safe(
                "Join the link text on the heading line",
                vec![Edit::replace(
                    broken.title_span,
                    broken.joined_title.clone(),
                )],
            ));
        }
        sink.push(d);
        return;
    }

    let Some(link) = &ph.link else {
        let rest = trimmed(
            text,
            ByteSpan::new(after_number.min(content_end), content_end),
        );
        let message = if rest.slice(text).contains('[') && !rest.slice(text).contains("](") {
            "Paper link is not closed on the heading line; expected `[Title](URL)`"
        } else {
            "Paper heading has no link; expected `[Title](URL)`"
        };
        sink.push(Diagnostic::new(rule, rest, message));
        return;
    };

    let before = trimmed(
        text,
        ByteSpan::new(after_number.min(link.span.start), link.span.start),
    );
    if !before.is_empty() {
        let place = if ph.number.is_some() {
            "between the paper number and the link"
        } else {
            "before the paper link"
        };
        sink.push(Diagnostic::new(
            rule,
            before,
            format!("Text {place}: {}", quote(before.slice(text))),
        ));
    }
    let after = trimmed(
        text,
        ByteSpan::new(link.span.end, content_end.max(link.span.end)),
    );
    if !after.is_empty() {
        sink.push(Diagnostic::new(
            rule,
            after,
            format!("Text after the paper link: {}", quote(after.slice(text))),
        ));
    }
    match link.text_span {
        None => sink.push(Diagnostic::new(
            rule,
            link.span,
            "Paper link is not an inline link; expected `[Title](URL)`",
        )),
        Some(title) if title.slice(text).trim().is_empty() => {
            let brackets = ByteSpan::new(
                title.start.saturating_sub(1),
                (title.end + 1).min(link.span.end),
            );
            sink.push(Diagnostic::new(rule, brackets, "Paper title is empty"));
        }
        Some(_) => {}
    }
}

/// The span without blanks at either end.
fn trimmed(text: &str, span: ByteSpan) -> ByteSpan {
    let raw = span.slice(text);
    let start = span.start + (raw.len() - raw.trim_start().len());
    ByteSpan::new(start, start + raw.trim().len())
}

/// True when joining the link text gives one heading holding one intact link with the
/// joined title and nothing left of the continuation block.
fn joins_cleanly(ctx: &Context, ph: &PaperHeading, broken: &BrokenLink) -> bool {
    // A `<!--` in the link text: on one line it may close where it did not before, or
    // take in the other line's comment, so what readers see would change.
    if broken.joined_title.contains("<!--") {
        return false;
    }
    let text = ctx.text;
    let heading = &ph.heading;
    let line_start = ctx
        .post
        .line_index
        .line_start(ctx.post.line_index.line_idx(heading.span.start));
    let joined = format!(
        "{}{}{}",
        &text[line_start..broken.title_span.start],
        broken.joined_title,
        &text[broken.title_span.end..broken.continuation_span.end],
    );
    let scan = markdown::scan(&joined, ByteSpan::new(0, joined.len()));
    let [h] = scan.headings.as_slice() else {
        return false;
    };
    let [link] = h.links.as_slice() else {
        return false;
    };
    scan.blocks.is_empty()
        && h.level == heading.level
        && link.text_span.map(|s| s.slice(&joined)) == Some(broken.joined_title.as_str())
}

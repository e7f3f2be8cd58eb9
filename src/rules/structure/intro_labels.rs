//! DL212 intro-labels: Introduction bullets without the expected labels (`- Goal:`).
//! Documentation: `docs/rules/DL212.md`.

use super::section_text::{has_no_content, lines, masked, strip_markers, whole_placeholder};
use crate::diagnostic::Diagnostic;
use crate::layout::SectionStyle;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::section_key;

/// True when `line` (markers stripped) starts with `label:`, `**label**:` or `**label:**`.
fn has_label(line: &str, label: &str) -> bool {
    let rest = line.trim_start_matches(['*', '_']).trim_start();
    let Some(prefix) = rest.get(..label.len()) else {
        return false;
    };
    if !prefix.eq_ignore_ascii_case(label) {
        return false;
    }
    let after = rest[label.len()..]
        .trim_start_matches(['*', '_'])
        .trim_start();
    after.starts_with([':', '：'])
}

/// Reports, once per Introduction (the first configured section), the labels no line of
/// it starts with; the range is the section heading's text.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let labels = &ctx.schema.intro_labels;
    // Intro labels are bullets under an Introduction heading (DIGEST_FORMAT.md).
    if ctx.layout.sections.style != SectionStyle::Headings {
        return;
    }
    let Some(intro) = ctx.layout.sections.names.first().map(|s| section_key(s)) else {
        return;
    };
    if labels.iter().all(|aliases| aliases.is_empty()) {
        return;
    }
    for section in ctx.post.papers.iter().flat_map(|p| &p.sections) {
        if !section.at_section_level || section_key(&section.name) != intro {
            continue;
        }
        let text = masked(ctx, section.content_span);
        if has_no_content(&text) || whole_placeholder(&ctx.schema.placeholders, &text).is_some() {
            continue;
        }
        let missing: Vec<&str> = labels
            .iter()
            .filter(|aliases| !aliases.is_empty())
            .filter(|aliases| {
                !lines(&text).any(|(_, line)| {
                    let rest = &line[strip_markers(line)..];
                    aliases.iter().any(|a| has_label(rest, a))
                })
            })
            .map(|aliases| aliases[0].as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let total = labels.iter().filter(|a| !a.is_empty()).count();
        let message = if missing.len() == total {
            format!(
                "{} bullets have no labels; expected {}",
                section.name,
                missing
                    .iter()
                    .map(|l| format!("\"{l}:\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            format!(
                "{} bullets lack the {} {}",
                section.name,
                if missing.len() == 1 {
                    "label"
                } else {
                    "labels"
                },
                missing
                    .iter()
                    .map(|l| format!("\"{l}:\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        sink.push(Diagnostic::new(
            Rule::IntroLabels,
            section.name_span,
            message,
        ));
    }
}

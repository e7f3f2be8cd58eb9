//! DL214 paper-preamble: content other than companion links between a paper heading and
//! its first section. Documentation: `docs/rules/DL214.md`.

use super::content_before_first_paper::first_line;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports once per paper with a preamble; the range is the first line of its first
/// block, or the line that resembles a metadata line.
pub fn check(ctx: &Context, sink: &mut Sink) {
    for paper in &ctx.post.papers {
        let Some(&first) = paper.preamble.first() else {
            continue;
        };
        if let Some((line, prefix)) = paper
            .malformed_metadata
            .iter()
            .find(|(s, _)| first.contains_span(*s))
        {
            sink.push(Diagnostic::new(
                Rule::PaperPreamble,
                *line,
                format!(
                    "This line starts like the `{prefix}` lines but is written differently, so readers see it as raw text; write it as `{prefix}…`"
                ),
            ));
            continue;
        }
        let first_section = paper.sections.first().map(|s| s.name.as_str());
        let message = match first_section {
            Some(name) => format!(
                "Text before this paper's {name} section belongs to no section on the site; move it into a section (only links to the paper's other pages, such as its PDF or Hugging Face page, go there)"
            ),
            None => "This paper has content but no sections".to_string(),
        };
        sink.push(Diagnostic::new(
            Rule::PaperPreamble,
            first_line(ctx.text, first),
            message,
        ));
    }
}

//! DL2xx: structure rules (papers, sections, the text around them).

use super::{Context, Sink};
use crate::registry::Rule;

// DL209–DL215: section content and the text around papers.
mod content_before_first_paper;
mod intro_labels;
mod paper_preamble;
mod placeholder_text;
mod post_empty;
mod section_empty;
mod section_text;
mod section_truncated;

/// Runs the structure rules that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    // DL209–DL215
    if ctx.enabled(Rule::SectionEmpty) {
        section_empty::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionTruncated) {
        section_truncated::check(ctx, sink);
    }
    if ctx.enabled(Rule::PlaceholderText) {
        placeholder_text::check(ctx, sink);
    }
    if ctx.enabled(Rule::IntroLabels) {
        intro_labels::check(ctx, sink);
    }
    if ctx.enabled(Rule::ContentBeforeFirstPaper) {
        content_before_first_paper::check(ctx, sink);
    }
    if ctx.enabled(Rule::PaperPreamble) {
        paper_preamble::check(ctx, sink);
    }
    if ctx.enabled(Rule::PostEmpty) {
        post_empty::check(ctx, sink);
    }
}

//! DL2xx: structure rules (papers, paper headings, sections).

// DL201–DL208: paper headings and section names (helpers: heading_level, section_match).
mod heading_level;
mod paper_heading_format;
mod paper_heading_level;
mod paper_numbering;
mod section_duplicate;
mod section_heading_level;
mod section_match;
mod section_missing;
mod section_order;
mod section_unknown;

use super::{Context, Sink};
use crate::registry::Rule;

/// Runs the structure rules that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    // DL201–DL208
    if ctx.enabled(Rule::PaperHeadingFormat) {
        paper_heading_format::check(ctx, sink);
    }
    if ctx.enabled(Rule::PaperHeadingLevel) {
        paper_heading_level::check(ctx, sink);
    }
    if ctx.enabled(Rule::PaperNumbering) {
        paper_numbering::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionMissing) {
        section_missing::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionOrder) {
        section_order::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionDuplicate) {
        section_duplicate::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionUnknown) {
        section_unknown::check(ctx, sink);
    }
    if ctx.enabled(Rule::SectionHeadingLevel) {
        section_heading_level::check(ctx, sink);
    }
}

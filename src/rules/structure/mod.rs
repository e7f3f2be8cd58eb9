//! DL2xx: structure rules (paper headings, sections, the text around papers).

// Helpers shared by several rules.
mod heading_level;
mod line_shape;
mod post_script;
mod section_match;
mod section_text;

// DL201–DL208: paper headings and section names.
mod paper_heading_format;
mod paper_heading_level;
mod paper_numbering;
mod section_duplicate;
mod section_heading_level;
mod section_missing;
mod section_order;
mod section_unknown;

// DL209–DL216: section content and the text around papers.
mod comment_unclosed;
mod content_before_first_paper;
mod intro_labels;
mod paper_preamble;
mod placeholder_text;
mod post_empty;
mod section_empty;
mod section_truncated;

use super::{Check, Context, Sink, run_enabled};
use crate::registry::Rule;

const RULES: &[(Rule, Check)] = &[
    (Rule::PaperHeadingFormat, paper_heading_format::check),
    (Rule::PaperHeadingLevel, paper_heading_level::check),
    (Rule::PaperNumbering, paper_numbering::check),
    (Rule::SectionMissing, section_missing::check),
    (Rule::SectionOrder, section_order::check),
    (Rule::SectionDuplicate, section_duplicate::check),
    (Rule::SectionUnknown, section_unknown::check),
    (Rule::SectionHeadingLevel, section_heading_level::check),
    (Rule::SectionEmpty, section_empty::check),
    (Rule::SectionTruncated, section_truncated::check),
    (Rule::PlaceholderText, placeholder_text::check),
    (Rule::IntroLabels, intro_labels::check),
    (
        Rule::ContentBeforeFirstPaper,
        content_before_first_paper::check,
    ),
    (Rule::PaperPreamble, paper_preamble::check),
    (Rule::PostEmpty, post_empty::check),
    (Rule::CommentUnclosed, comment_unclosed::check),
];

/// Runs the structure rules that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    run_enabled(RULES, ctx, sink);
}

//! DL4xx: text rules.

mod invisible_character;
mod suppression_invalid;
mod title_markup;
mod title_whitespace;

use super::{Check, Context, Sink, run_enabled};
use crate::registry::Rule;

const RULES: &[(Rule, Check)] = &[
    (Rule::TitleWhitespace, title_whitespace::check),
    (Rule::InvisibleCharacter, invisible_character::check),
    (Rule::TitleMarkup, title_markup::check),
    (Rule::SuppressionInvalid, suppression_invalid::check),
];

/// Runs the rules of this family that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    run_enabled(RULES, ctx, sink);
}

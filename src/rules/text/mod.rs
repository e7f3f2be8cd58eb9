//! DL4xx: text rules.

mod invisible_character;
mod title_markup;
mod title_whitespace;

use super::{Context, Sink};
use crate::registry::Rule;

/// Runs the text rules that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.enabled(Rule::TitleWhitespace) {
        title_whitespace::check(ctx, sink);
    }
    if ctx.enabled(Rule::InvisibleCharacter) {
        invisible_character::check(ctx, sink);
    }
    if ctx.enabled(Rule::TitleMarkup) {
        title_markup::check(ctx, sink);
    }
}

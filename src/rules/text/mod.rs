//! DL4xx: text rules.

mod title_whitespace;

use super::{Context, Sink};
use crate::registry::Rule;

/// Runs the text rules that are on.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if ctx.enabled(Rule::TitleWhitespace) {
        title_whitespace::check(ctx, sink);
    }
}

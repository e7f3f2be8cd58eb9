//! placeholder
use super::{Context, Sink};

/// Runs the rules of this family.
pub fn check(_ctx: &Context, _sink: &mut Sink) {}

//! DL104 front-matter-key-duplicate: a key appears more than once.
//! Documentation: `docs/rules/DL104.md`.

use super::parsed;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports the second and later occurrences of a key at the key, with the first
/// occurrence as related information.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    for (i, entry) in fm.entries.iter().enumerate() {
        let Some(first) = fm.entries[..i].iter().find(|e| e.key == entry.key) else {
            continue;
        };
        let is_last = !fm.entries[i + 1..].iter().any(|e| e.key == entry.key);
        let earlier = fm.entries[..i]
            .iter()
            .filter(|e| e.key == entry.key)
            .count();
        let kept = match (is_last, earlier) {
            (true, 1) => "Jekyll silently uses this value and drops the earlier one",
            (true, _) => "Jekyll silently uses this value and drops the earlier ones",
            (false, _) => "Jekyll silently drops it and uses the last one",
        };
        sink.push(
            Diagnostic::new(
                Rule::FrontMatterKeyDuplicate,
                entry.key_span,
                format!("Key `{}` appears again; {kept}", entry.key),
            )
            .with_related(first.key_span, format!("First `{}` here", entry.key)),
        );
    }
}

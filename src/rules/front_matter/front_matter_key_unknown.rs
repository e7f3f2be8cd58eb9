//! DL111 front-matter-key-unknown: a key outside the configured required, recommended
//! and known keys. Off by default. Documentation: `docs/rules/DL111.md`.

use super::{parsed, similar_key};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};

/// Reports each unknown key at the key, suggesting a configured key it resembles.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    let schema = ctx.schema;
    let known: Vec<&str> = schema
        .required_keys
        .iter()
        .chain(&schema.recommended_keys)
        .chain(&schema.known_keys)
        .map(String::as_str)
        .collect();
    for entry in &fm.entries {
        // `?` stands for a key that is not a scalar (`? [a, b]`), which DL111 cannot name.
        if known.contains(&entry.key.as_str()) || entry.key == "?" {
            continue;
        }
        let mut message = format!("Unknown front matter key `{}`", entry.key);
        if let Some(near) = similar_key(&entry.key, known.iter().copied()) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        sink.push(Diagnostic::new(
            Rule::FrontMatterKeyUnknown,
            entry.key_span,
            message,
        ));
    }
}

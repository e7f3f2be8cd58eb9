//! DL110 tag-misspelled: a tag one or two edits away from a known tag.
//! Documentation: `docs/rules/DL110.md`.

use super::{entries, parsed, plain_or_quoted, verbatim_content_span};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::{QuoteStyle, YamlKind, YamlNode};
use crate::text::ByteSpan;

/// One tag as written: its text and byte span, and how a replacement must be written.
struct Tag<'t> {
    text: &'t str,
    span: ByteSpan,
    style: QuoteStyle,
    /// Inside a space-separated string: the replacement must be one word.
    in_words: bool,
}

/// Reports each tag of `tags:` (list items, or the words of a space-separated string)
/// that is not a known tag but is one edit (two for tags of 10 or more characters) away
/// from one; the fix writes the known spelling.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let Some(fm) = parsed(ctx) else {
        return;
    };
    let vocabulary = ctx.schema.tag_vocabulary();
    for entry in entries(fm, "tags") {
        for tag in tags(ctx.text, &entry.value) {
            let Some(known) = suggestion(tag.text, &vocabulary, tag.in_words) else {
                continue;
            };
            let replacement = match tag.style {
                QuoteStyle::Plain if tag.in_words => known.to_string(),
                QuoteStyle::Plain => plain_or_quoted(known),
                QuoteStyle::Double => known.replace('\\', "\\\\").replace('"', "\\\""),
                _ => known.replace('\'', "''"),
            };
            sink.push(
                Diagnostic::new(
                    Rule::TagMisspelled,
                    tag.span,
                    format!("Tag `{}` looks like a misspelling of `{known}`", tag.text),
                )
                .with_fix(Fix::safe(
                    format!("Replace with `{known}`"),
                    vec![Edit::replace(tag.span, replacement)],
                )),
            );
        }
    }
}

/// The tags of a `tags:` value whose text can be located in the post.
fn tags<'t>(text: &'t str, value: &YamlNode) -> Vec<Tag<'t>> {
    let mut out = Vec::new();
    match &value.kind {
        YamlKind::Sequence { items } => {
            for item in items {
                if let (Some((_, style)), Some(span)) =
                    (item.as_scalar(), verbatim_content_span(item, text))
                {
                    out.push(Tag {
                        text: span.slice(text),
                        span,
                        style,
                        in_words: false,
                    });
                }
            }
        }
        YamlKind::Scalar { style, .. } => {
            let Some(span) = verbatim_content_span(value, text) else {
                return out;
            };
            let words = span.slice(text);
            let mut start = 0;
            for word in words.split(' ') {
                if !word.is_empty() {
                    let word_span =
                        ByteSpan::new(span.start + start, span.start + start + word.len());
                    out.push(Tag {
                        text: word,
                        span: word_span,
                        style: *style,
                        in_words: true,
                    });
                }
                start += word.len() + 1;
            }
        }
        _ => {}
    }
    out
}

/// Lower case with `-`, `_` and spaces removed: `Generative AI` and `generative-ai`
/// are the same tag written two ways, not a misspelling.
fn normalize(tag: &str) -> String {
    tag.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The known tag `tag` is probably a misspelling of, if any.
fn suggestion<'v>(tag: &str, vocabulary: &[&'v str], one_word: bool) -> Option<&'v str> {
    let norm = normalize(tag);
    let len = norm.chars().count();
    if len < 4 {
        return None;
    }
    let limit = if len >= 10 { 2 } else { 1 };
    let mut best: Option<(usize, &str)> = None;
    for &known in vocabulary {
        let known_norm = normalize(known);
        if known_norm == norm
            || is_plural_of(&norm, &known_norm)
            || is_plural_of(&known_norm, &norm)
        {
            return None; // a known tag, written another way
        }
        let known_len = known_norm.chars().count();
        // Lengths further apart than the limit cannot be within it: skip the distance.
        if known_len < 4
            || known_len.abs_diff(len) > limit
            || (one_word && known.contains(char::is_whitespace))
        {
            continue;
        }
        let distance = strsim::osa_distance(&norm, &known_norm);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, known));
        }
    }
    best.map(|(_, known)| known)
}

/// `a` is `b` plus a plural ending (`agents`/`agent`, `benchmarks`/`benchmark`).
fn is_plural_of(a: &str, b: &str) -> bool {
    a.strip_prefix(b)
        .is_some_and(|end| end == "s" || end == "es")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let vocab = [
            "papers",
            "arxiv",
            "ai",
            "huggingface",
            "generative-ai",
            "llm",
            "agents",
            "robotics",
        ];
        assert_eq!(suggestion("hugginface", &vocab, false), Some("huggingface"));
        assert_eq!(
            suggestion("Huggingfcae", &vocab, false),
            Some("huggingface")
        );
        assert_eq!(suggestion("arxvi", &vocab, false), Some("arxiv"));
        for ok in [
            "papers",
            "paper",
            "generative AI",
            "Generative_AI",
            "agent",
            "llms",
            "llmx",
            "robotic",
            "vision",
            "AI",
        ] {
            assert_eq!(suggestion(ok, &vocab, false), None, "{ok}");
        }
    }
}

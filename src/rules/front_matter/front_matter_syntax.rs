//! DL102 front-matter-syntax: the front matter's YAML does not parse, is not a mapping,
//! or the block is never closed. Documentation: `docs/rules/DL102.md`.

use super::shape;
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::{FrontMatter, YamlKind};
use crate::text::ByteSpan;

/// Reports an unclosed block at its opening `---`; otherwise the YAML error at the
/// character where the parser stopped (an empty range at a line end); otherwise a root
/// that is not a mapping of keys.
pub fn check(ctx: &Context, sink: &mut Sink) {
    if let Some(fm) = &ctx.post.front_matter
        && let Some(problem) = problem(fm, ctx.text)
    {
        sink.push(problem);
    }
}

/// The syntax problem of front matter block `fm` of `text`, if it has one.
pub fn problem(fm: &FrontMatter, text: &str) -> Option<Diagnostic> {
    if !fm.is_closed() {
        return Some(Diagnostic::new(
            Rule::FrontMatterSyntax,
            fm.open_span,
            "Front matter is never closed: no `---` line ends it, so Jekyll reads the whole file as text",
        ));
    }
    // Jekyll's front matter pattern (Ruby's `^`/`$`) sees LF line ends only: with lone
    // CRs (classic Mac OS) the block is page text, whatever the YAML says.
    let bytes = text.as_bytes();
    let after_open = fm.open_span.end;
    if bytes.get(after_open) == Some(&b'\r') && bytes.get(after_open + 1) != Some(&b'\n') {
        return Some(Diagnostic::new(
            Rule::FrontMatterSyntax,
            fm.open_span,
            "Front matter lines end with a lone carriage return (CR): Jekyll sees no front matter and shows these lines as text; save the file with LF line ends",
        ));
    }
    if let Some(error) = &fm.error {
        let at = error.byte_offset.min(text.len());
        let end = match text[at..].chars().next() {
            Some(c) if c != '\n' && c != '\r' => at + c.len_utf8(),
            _ => at,
        };
        let hint = if error.message.contains("mapping values are not allowed") {
            " (quote a value that contains `: `)"
        } else {
            ""
        };
        return Some(Diagnostic::new(
            Rule::FrontMatterSyntax,
            ByteSpan::new(at, end),
            format!("Front matter is not valid YAML: {}{hint}", error.message),
        ));
    }
    let root = fm.root.as_ref()?;
    if !matches!(root.kind, YamlKind::Mapping { .. }) {
        return Some(Diagnostic::new(
            Rule::FrontMatterSyntax,
            root.span,
            format!(
                "Front matter is {}; expected `key: value` lines",
                shape(root)
            ),
        ));
    }
    None
}

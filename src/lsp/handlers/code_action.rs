//! `textDocument/codeAction`: a quick fix per finding with a fix (safe ones preferred,
//! unsafe ones labelled), "disable RULE for this line", and `source.fixAll.digest-lint`
//! with the fix engine of `check --fix`.

use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::{ClientCaps, FIX_ALL_KIND};
use crate::lsp::documents::Document;
use crate::lsp::{convert, diff, position};
use crate::text::ByteSpan;
use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Uri,
};

fn wants(params: &CodeActionParams, kind: &str) -> bool {
    match &params.context.only {
        None => true,
        Some(only) => only
            .iter()
            .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
    }
}

/// True when the request asks for (or does not exclude) the fix-all action.
pub fn wants_fix_all(params: &CodeActionParams) -> bool {
    wants(params, FIX_ALL_KIND)
}

/// True when some finding has a safe fix.
pub fn has_safe_fix(analysis: &Analysis, rope: &Rope) -> bool {
    analysis.diagnostics(rope).iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    })
}

/// Quick fixes and suppressions for the findings the requested range touches.
pub fn quick_fixes(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    params: &CodeActionParams,
) -> Vec<CodeActionOrCommand> {
    if !wants(params, CodeActionKind::QUICKFIX.as_str()) {
        return Vec::new();
    }
    let rope = &doc.rope;
    let uri = &params.text_document.uri;
    let requested = position::span(rope, params.range, caps.encoding);
    let mut fixes = Vec::new();
    let mut disables = Vec::new();
    let mut seen = Vec::new();
    for d in analysis.diagnostics(rope) {
        if d.span.start > requested.end || requested.start > d.span.end {
            continue;
        }
        let lsp_diagnostic = convert::diagnostic(d, rope, caps.encoding, uri);
        if let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.applicability > Applicability::DisplayOnly)
        {
            let edits = convert::text_edits(&fix.edits, rope, caps.encoding);
            fixes.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: convert::fix_title(&fix.title, fix.applicability),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(convert::workspace_edit(
                    uri,
                    doc.version,
                    edits,
                    caps.document_changes,
                )),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..Default::default()
            }));
        }
        let line = position::line_of(rope, d.span.start);
        if seen.contains(&(d.rule, line)) {
            continue;
        }
        seen.push((d.rule, line));
        if let Some((title, edit)) = suppression_edit(d, analysis, rope) {
            let edits = convert::text_edits(&[edit], rope, caps.encoding);
            disables.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic]),
                edit: Some(convert::workspace_edit(
                    uri,
                    doc.version,
                    edits,
                    caps.document_changes,
                )),
                is_preferred: Some(false),
                ..Default::default()
            }));
        }
    }
    fixes.extend(disables);
    fixes
}

/// The comment that silences the finding: `disable-next-line` above its line, or, for a
/// finding in the front matter (where comments are YAML), `disable-file` after it.
fn suppression_edit(d: &Diagnostic, analysis: &Analysis, rope: &Rope) -> Option<(String, Edit)> {
    let code = d.rule.code();
    if let Some(fm) = analysis
        .front_matter()
        .filter(|fm| fm.span.contains(d.span.start))
    {
        if !fm.closed {
            return None;
        }
        let eol = line_ending_before(rope, fm.span.end);
        let comment = format!("<!-- digest-lint-disable-file {code} -->{eol}");
        return Some((
            format!("Disable {code} for this file"),
            Edit::insert(fm.span.end, comment),
        ));
    }
    let line = position::line_of(rope, d.span.start);
    let start = rope.line_to_byte(line);
    let eol = line_ending_after(rope, position::line_span(rope, line));
    let comment = format!("<!-- digest-lint-disable-next-line {code} -->{eol}");
    Some((
        format!("Disable {code} for this line"),
        Edit::insert(start, comment),
    ))
}

/// The line break ending at byte `end` (`\n` when none).
fn line_ending_before(rope: &Rope, end: usize) -> &'static str {
    match (
        end.checked_sub(2).map(|i| rope.byte(i)),
        end.checked_sub(1).map(|i| rope.byte(i)),
    ) {
        (Some(b'\r'), Some(b'\n')) => "\r\n",
        (_, Some(b'\r')) => "\r",
        _ => "\n",
    }
}

/// The line break after a line (`\n` for the last line).
fn line_ending_after(rope: &Rope, line: ByteSpan) -> &'static str {
    let len = rope.len_bytes();
    match (line.end < len).then(|| rope.byte(line.end)) {
        Some(b'\r') if line.end + 1 < len && rope.byte(line.end + 1) == b'\n' => "\r\n",
        Some(b'\r') => "\r",
        _ => "\n",
    }
}

/// The fix-all action: every safe fix, repeated until the text settles, as one set of
/// non-overlapping edits. `None` when nothing changes or the fixes do not settle.
pub fn fix_all(
    caps: &ClientCaps,
    uri: &Uri,
    version: i32,
    rope: &Rope,
    text: &str,
    config: &Config,
    file_name: Option<&str>,
) -> Option<CodeActionOrCommand> {
    if text.len() > crate::MAX_POST_BYTES {
        return None;
    }
    let outcome = crate::fix::fix_until_stable(text, config, file_name, Applicability::Safe);
    if outcome.failed.is_some() || outcome.text == text {
        return None;
    }
    let edits = convert::text_edits(&diff::diff(text, &outcome.text), rope, caps.encoding);
    let count: usize = outcome.fixed.values().sum();
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix all safe digest-lint findings ({count})"),
        kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
        edit: Some(convert::workspace_edit(
            uri,
            version,
            edits,
            caps.document_changes,
        )),
        ..Default::default()
    }))
}

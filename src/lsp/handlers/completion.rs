//! `textDocument/completion`: section names after `## ` (the paper's missing ones first),
//! the next paper number after `# `, front matter keys, and known tags.

use crate::layout::{PaperUnit, SectionStyle};
use crate::lsp::analysis::Analysis;
use crate::lsp::capabilities::ClientCaps;
use crate::lsp::documents::Document;
use crate::lsp::position;
use crate::syntax::section_key;
use crate::text::ByteSpan;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, InsertTextFormat,
    Position, Range, TextEdit,
};

/// The completions at `position`.
pub fn complete(
    caps: &ClientCaps,
    doc: &Document,
    analysis: &Analysis,
    at: Position,
) -> Option<CompletionResponse> {
    let rope = &doc.rope;
    let offset = position::offset(rope, at, caps.encoding);
    let line = position::line_of(rope, offset);
    let line_start = rope.line_to_byte(line);
    let before: String = rope.byte_slice(line_start..offset).chars().collect();
    // The word being typed: from the last blank, `[`, `,` or `-` to the cursor.
    let word_len = before
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '[' | ',' | ':'))
        .map(char::len_utf8)
        .sum::<usize>();
    let replace = position::range(
        rope,
        ByteSpan::new(offset - word_len, offset),
        caps.encoding,
    );
    let layout = analysis.layout();
    let items = match analysis.front_matter() {
        Some(fm) if fm.yaml_span.start <= offset && (offset <= fm.yaml_span.end || !fm.closed) => {
            front_matter_items(analysis, rope, offset, &before, word_len, replace)
        }
        _ => {
            // Names and numbers after the `#`s of the layout's sections and paper headings.
            let paper_marker = "#".repeat(usize::from(layout.paper.level));
            let section_marker = "#".repeat(usize::from(layout.sections.level));
            let headings = layout.sections.style == SectionStyle::Headings;
            let paper_headings = layout.paper.unit == PaperUnit::Heading;
            let head = &before[..before.len() - word_len];
            if headings && head.trim_end() == section_marker && head.ends_with(' ') {
                section_items(analysis, offset, replace)
            } else if paper_headings && head.trim_end() == paper_marker && head.ends_with(' ') {
                let number = analysis
                    .papers()
                    .filter(|p| p.heading.start < line_start)
                    .count()
                    + 1;
                paper_items(caps, number, replace)
            } else {
                Vec::new()
            }
        }
    };
    (!items.is_empty()).then_some(CompletionResponse::Array(items))
}

fn item(
    label: String,
    kind: CompletionItemKind,
    sort: String,
    replace: Range,
    new_text: String,
) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        sort_text: Some(sort),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, new_text))),
        ..Default::default()
    }
}

fn section_items(analysis: &Analysis, offset: usize, replace: Range) -> Vec<CompletionItem> {
    let names = &analysis.layout().sections.names;
    let present: Vec<String> = analysis
        .paper_at(offset)
        .map(|(_, p)| p.sections.iter().map(|s| section_key(&s.name)).collect())
        .unwrap_or_default();
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let missing = !present.contains(&section_key(name));
            let mut it = item(
                name.clone(),
                CompletionItemKind::FIELD,
                format!("{}{i:03}", if missing { 0 } else { 1 }),
                replace,
                name.clone(),
            );
            it.detail = Some(
                if missing {
                    "missing in this paper"
                } else {
                    "already in this paper"
                }
                .into(),
            );
            it.preselect = Some(missing && present.len() == i);
            it
        })
        .collect()
}

fn paper_items(caps: &ClientCaps, number: usize, replace: Range) -> Vec<CompletionItem> {
    let mut plain = item(
        format!("{number}."),
        CompletionItemKind::VALUE,
        "0".into(),
        replace,
        format!("{number}. "),
    );
    plain.detail = Some("next paper number".into());
    let mut items = vec![plain];
    if caps.snippets {
        let mut snippet = item(
            format!("{number}. [Title](https://arxiv.org/abs/…)"),
            CompletionItemKind::SNIPPET,
            "1".into(),
            replace,
            format!("{number}. [${{1:Title}}](https://arxiv.org/abs/${{2:identifier}})"),
        );
        snippet.insert_text_format = Some(InsertTextFormat::SNIPPET);
        snippet.detail = Some("paper heading".into());
        items.push(snippet);
    }
    items
}

fn front_matter_items(
    analysis: &Analysis,
    rope: &ropey::Rope,
    offset: usize,
    before: &str,
    word_len: usize,
    replace: Range,
) -> Vec<CompletionItem> {
    let schema = &analysis.config().schema;
    let Some(fm) = analysis.front_matter() else {
        return Vec::new();
    };
    let head = before[..before.len() - word_len].trim_start();
    let in_tags = head.starts_with("tags:")
        || (head.starts_with('-')
            && head[1..].trim().is_empty()
            && last_key_is_tags(analysis, offset));
    if in_tags {
        // The entries when the YAML parses, and what the line being typed already holds.
        let mut present: Vec<&str> = fm
            .entries
            .iter()
            .filter(|e| e.key == "tags")
            .flat_map(|e| e.items.iter().map(String::as_str))
            .collect();
        if let Some(rest) = head.strip_prefix("tags:") {
            present.extend(
                rest.split(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | ','))
                    .filter(|w| !w.is_empty()),
            );
        }
        return schema
            .tag_vocabulary()
            .into_iter()
            .filter(|t| !present.contains(t))
            .enumerate()
            .map(|(i, tag)| {
                item(
                    tag.to_string(),
                    CompletionItemKind::ENUM_MEMBER,
                    format!("{i:03}"),
                    replace,
                    tag.to_string(),
                )
            })
            .collect();
    }
    if !head.is_empty() || before.starts_with([' ', '\t']) {
        return Vec::new();
    }
    // Keys already written: read off the lines, so a half-typed (invalid) YAML still counts.
    let end = fm.yaml_span.end.min(rope.len_bytes());
    let yaml: String = rope
        .byte_slice(fm.yaml_span.start.min(end)..end)
        .chars()
        .collect();
    let present: Vec<String> = yaml
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .chain(fm.entries.iter().map(|e| e.key.clone()))
        .collect();
    let groups = [
        (&schema.required_keys, "0", "required"),
        (&schema.recommended_keys, "1", "recommended"),
        (&schema.known_keys, "2", "known"),
    ];
    let mut items = Vec::new();
    for (keys, rank, what) in groups {
        for (i, key) in keys.iter().enumerate() {
            if present.contains(key) || items.iter().any(|it: &CompletionItem| &it.label == key) {
                continue;
            }
            let mut it = item(
                key.clone(),
                CompletionItemKind::PROPERTY,
                format!("{rank}{i:03}"),
                replace,
                format!("{key}: "),
            );
            it.detail = Some(format!("{what} front matter key"));
            items.push(it);
        }
    }
    items
}

/// True when the nearest key before `offset` (on a `- item` line) is `tags:`.
fn last_key_is_tags(analysis: &Analysis, offset: usize) -> bool {
    analysis
        .front_matter()
        .and_then(|fm| fm.entries.iter().rev().find(|e| e.key_span.start < offset))
        .is_some_and(|e| e.key == "tags")
}

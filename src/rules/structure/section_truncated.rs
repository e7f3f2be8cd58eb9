//! DL210 section-truncated: a section's text stops mid-sentence, the mark of a generator
//! that hit its output limit. Documentation: `docs/rules/DL210.md`.
//!
//! Precision comes first, so the last text line of the section must either end in a way
//! no finished sentence does (a comma, an open bracket, an English function word, a
//! Korean particle or connective ending), or end without sentence punctuation in the
//! paper's last section while configured sections after it are missing — what a cut-off
//! generator leaves behind. Lists whose items never end with punctuation, Korean
//! sentences ending in `다`/`요`/`음`/`함` without a period, placeholders, and sections
//! that end with code, tables or HTML are not judged.

use super::section_text::{lines, masked, placeholder, strip_markers, whole_placeholder};
use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::rules::{Context, Sink};
use crate::syntax::{BlockKind, Paper, Section, section_key};
use crate::text::ByteSpan;

/// Characters that close a sentence, a quotation, a bracket or a bit of markup.
const TERMINAL: &[char] = &[
    '.', '!', '?', '…', '。', '！', '？', '．', ':', ';', ')', ']', '}', '）', '］', '」', '』',
    '》', '〉', '"', '\'', '”', '’', '»', '>', '|',
];

/// Characters after which a sentence cannot have ended.
const DANGLING: &[char] = &[',', '，', '、', '&'];

/// English words that never end a sentence: articles, prepositions, conjunctions,
/// relative pronouns and auxiliaries (`…, which` is a cut, `…, which.` is not prose).
const ENGLISH_OPEN: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "with", "for", "from", "by", "into", "than", "its",
    "their", "our", "which", "whose", "whereas", "because", "although", "but", "nor", "via",
    "such", "to", "is", "are", "was", "were",
];

/// Korean word endings that never end a sentence: case particles and connectives.
const KOREAN_OPEN: &[&str] = &[
    "을", "를", "은", "는", "며", "에서", "으로", "하고", "되고", "이고", "하여", "되어", "지만",
    "위해", "통해", "대해", "의해",
];

/// Korean endings that finish a sentence even without a period.
const KOREAN_FINAL: &[char] = &['다', '요', '죠', '음', '함', '임', '됨', '까', '라', '네'];

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// How the last text line of a section ends.
#[derive(Debug, PartialEq)]
enum Ending {
    /// Like a finished sentence (or something that is not prose).
    Complete,
    /// Without sentence punctuation, but a bullet or label might do that on purpose.
    Open,
    /// In a way no finished sentence does.
    MidSentence,
}

/// Classifies how `line` (the last text line, markers stripped) ends.
fn ending(line: &str) -> Ending {
    let line = line.trim_end_matches(['*', '_', '~', '`']).trim_end();
    let Some(last) = line.chars().next_back() else {
        return Ending::Complete;
    };
    // Bytes for ASCII brackets and single-char searches for full-width ones: both are
    // memchr-fast, where a char-set pattern decodes every character.
    let count = |ascii: [u8; 2], wide: char| {
        line.bytes().filter(|b| ascii.contains(b)).count() + line.matches(wide).count()
    };
    let opens = count([b'(', b'['], '（');
    let closes = count([b')', b']'], '）');
    if DANGLING.contains(&last) || opens > closes {
        return Ending::MidSentence;
    }
    if TERMINAL.contains(&last) || !(last.is_alphanumeric() || last == '%') {
        return Ending::Complete;
    }
    // The last word, also after a full-width comma written without a space (`方法，which`).
    let word = line
        .rsplit(|c: char| c.is_whitespace() || DANGLING.contains(&c))
        .next()
        .unwrap_or(line);
    if ENGLISH_OPEN.contains(&word) {
        return Ending::MidSentence;
    }
    if is_hangul(last) {
        let particle = word.chars().count() > 1 && KOREAN_OPEN.iter().any(|e| word.ends_with(e));
        if particle || word == "및" {
            return Ending::MidSentence;
        }
        if KOREAN_FINAL.contains(&last) {
            return Ending::Complete;
        }
    }
    Ending::Open
}

/// The configured sections missing from the paper that come after `section` in the
/// configured order, when `section` is the paper's last section.
fn missing_after<'s>(ctx: &'s Context, paper: &Paper, index: usize) -> Vec<&'s str> {
    if index + 1 != paper.sections.len() {
        return Vec::new();
    }
    let keys: Vec<String> = ctx
        .layout
        .sections
        .names
        .iter()
        .map(|s| section_key(s))
        .collect();
    let Some(position) = keys
        .iter()
        .position(|k| *k == section_key(&paper.sections[index].name))
    else {
        return Vec::new();
    };
    let present: Vec<String> = paper
        .sections
        .iter()
        .map(|s| section_key(&s.name))
        .collect();
    ctx.layout.sections.names[position + 1..]
        .iter()
        .filter(|name| !present.contains(&section_key(name)))
        .map(String::as_str)
        .collect()
}

/// The last text line of the section (byte span, markers stripped) and whether it is a
/// list item; None when the section ends with something that is not prose.
fn last_text_line(ctx: &Context, section: &Section) -> Option<(ByteSpan, bool)> {
    let post = ctx.post;
    if section.heading.is_none() {
        return last_label_line(ctx, section);
    }
    let block = section
        .blocks
        .iter()
        .map(|&b| &post.blocks[b])
        .rfind(|b| !b.only_comments)?;
    let content_end = section.content_span.end;
    // Headings are in document order: look only at the first one after the block.
    let next = post
        .headings
        .partition_point(|h| h.span.start < block.span.end);
    if post
        .headings
        .get(next)
        .is_some_and(|h| h.span.start < content_end)
    {
        return None;
    }
    if !matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::List | BlockKind::BlockQuote
    ) {
        return None;
    }
    let text = masked(ctx, block.span);
    let (offset, line) = last_nonblank_line(&text)?;
    let start = offset + strip_markers(line);
    let rest = text[start..offset + line.len()].trim_end();
    let rest = rest.strip_suffix('\\').unwrap_or(rest).trim_end();
    let is_item = block.kind == BlockKind::List && strip_markers(line.trim_start()) > 0;
    let span = ByteSpan::new(
        block.span.start + start,
        block.span.start + start + rest.len(),
    );
    Some((span, is_item))
}

/// The last text line of a section written as a label, a bullet or a summary.
fn last_label_line(ctx: &Context, section: &Section) -> Option<(ByteSpan, bool)> {
    let text = masked(ctx, section.content_span);
    let (offset, line) = last_nonblank_line(&text)?;
    let start = offset + strip_markers(line);
    let rest = text[start..offset + line.len()].trim_end();
    let base = section.content_span.start;
    Some((
        ByteSpan::new(base + start, base + start + rest.len()),
        false,
    ))
}

/// For sections written as labels, bullets or a summary: an open ending is a cut-off
/// when the section ends sentences elsewhere (`。`, `. `), or when most other sections
/// of that name in the post end with sentence punctuation.
fn open_label_is_cut(ctx: &Context, section: &Section, line: ByteSpan) -> bool {
    let before = &ctx.text[section.content_span.start..line.end];
    let body = before.trim_end();
    let inner = body
        .char_indices()
        .next_back()
        .map_or("", |(i, _)| &body[..i]);
    if inner.contains(['。', '！', '？']) || inner.contains(". ") || inner.contains("! ") {
        return true;
    }
    let key = section_key(&section.name);
    let others: Vec<&Section> = ctx
        .post
        .papers
        .iter()
        .flat_map(|p| &p.sections)
        .filter(|s| s.content_span != section.content_span && section_key(&s.name) == key)
        .collect();
    let punctuated = others
        .iter()
        .filter(|s| {
            s.content(ctx.text)
                .trim_end()
                .trim_end_matches(['*', '_', '`'])
                .ends_with(['.', '!', '?', '。', '다'])
        })
        .count();
    others.len() >= 2 && punctuated * 5 >= others.len() * 4
}

/// True when some other line of the section ends with sentence punctuation.
/// The last line of `text` with more than list or quote markers, and its byte offset;
/// scanned from the end, since only the end of a section matters.
fn last_nonblank_line(text: &str) -> Option<(usize, &str)> {
    let mut end = text.len();
    loop {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim_end_matches(['\n', '\r']);
        if !line[strip_markers(line)..].trim().is_empty() {
            return Some((start, line));
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

fn uses_punctuation(ctx: &Context, section: &Section, except: ByteSpan) -> bool {
    let text = masked(ctx, section.content_span);
    lines(&text).any(|(offset, line)| {
        let start = section.content_span.start + offset;
        let line = line.trim_end();
        start + line.len() < except.start
            && line
                .trim_end_matches(['*', '_', '`'])
                .ends_with(['.', '!', '?', '。'])
    })
}

/// Reports sections whose text stops mid-sentence; the range is the last word.
pub fn check(ctx: &Context, sink: &mut Sink) {
    let placeholders = &ctx.schema.placeholders;
    for paper in &ctx.post.papers {
        for (index, section) in paper.sections.iter().enumerate() {
            if whole_placeholder(placeholders, &masked(ctx, section.content_span)).is_some() {
                continue;
            }
            let Some((line_span, is_item)) = last_text_line(ctx, section) else {
                continue;
            };
            let line = line_span.slice(ctx.text);
            if placeholder(placeholders, line).is_some() {
                continue;
            }
            let line_ending = ending(line);
            if line_ending == Ending::Complete {
                continue;
            }
            let missing = missing_after(ctx, paper, index);
            let truncated = match line_ending {
                Ending::Complete => false,
                Ending::MidSentence => true,
                Ending::Open if section.heading.is_none() => {
                    open_label_is_cut(ctx, section, line_span)
                }
                Ending::Open => {
                    !missing.is_empty() && (!is_item || uses_punctuation(ctx, section, line_span))
                }
            };
            if !truncated {
                continue;
            }
            let word_start = line.trim_end().rfind(char::is_whitespace).map_or(0, |i| {
                i + line[i..].chars().next().map_or(1, char::len_utf8)
            });
            let span = ByteSpan::new(line_span.start + word_start, line_span.end);
            let word = span.slice(ctx.text);
            let message = if missing.is_empty() {
                format!("{} section stops mid-sentence at \"{word}\"", section.name)
            } else {
                format!(
                    "{} section stops mid-sentence at \"{word}\" and {} {} missing after it",
                    section.name,
                    missing.join(", "),
                    if missing.len() == 1 { "is" } else { "are" }
                )
            };
            sink.push(Diagnostic::new(Rule::SectionTruncated, span, message));
        }
    }
}

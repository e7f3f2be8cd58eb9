//! A paper's body: its sections (headings, bold labels, labelled bullets, or one
//! summary), its companion links, its metadata lines and anything else (the preamble).

use super::{BlockKind, ListItem, Post, Section};
use crate::layout::{Layout, SectionStyle};
use crate::text::ByteSpan;
use regex::Regex;
use std::sync::LazyLock;

/// The name given to the summary of a layout without sections.
pub const SUMMARY: &str = "Summary";

/// `**Label**`, `***Label***`, `**Label:**` (the colon checked by the caller).
static BOLD_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*{2,3}([^*\n]{1,80}?)\*{2,3}").unwrap());

/// Normalises a section name for comparison with configured names.
pub fn section_key(name: &str) -> String {
    name.trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
}

/// True when `content` names one of the layout's sections.
pub(super) fn is_section_name(post: &Post, content: &str) -> bool {
    let key = section_key(content);
    post.section_keys.contains(&key)
}

/// What [`build`] finds in a paper's body.
#[derive(Default)]
pub(super) struct Built {
    pub sections: Vec<Section>,
    pub companion_blocks: Vec<usize>,
    pub metadata: Vec<ByteSpan>,
    pub malformed_metadata: Vec<(ByteSpan, String)>,
    pub preamble: Vec<ByteSpan>,
    pub other_headings: Vec<usize>,
}

/// What a paper unit reader finds before its body: where the paper is, and its heading,
/// number, title and links.
pub(super) struct PaperHead {
    pub position: usize,
    pub span: ByteSpan,
    pub heading: Option<super::PaperHeading>,
    pub number: Option<super::PaperNumber>,
    pub title: Option<super::PaperTitle>,
    pub links: Vec<super::PaperLink>,
}

impl Built {
    /// The paper: its head, this body, and the indices of its blocks.
    pub(super) fn into_paper(self, head: PaperHead, blocks: Vec<usize>) -> super::Paper {
        super::Paper {
            position: head.position,
            span: head.span,
            heading: head.heading,
            number: head.number,
            title: head.title,
            links: head.links,
            companion_blocks: self.companion_blocks,
            metadata: self.metadata,
            malformed_metadata: self.malformed_metadata,
            preamble: self.preamble,
            sections: self.sections,
            other_headings: self.other_headings,
            blocks,
        }
    }
}

/// A part of a paper's body: a top-level block, or a nested item of a list-item paper.
#[derive(Clone, Copy)]
pub(super) enum Part<'p> {
    Block(usize),
    Item(&'p ListItem),
}

impl Part<'_> {
    fn span(&self, post: &Post) -> ByteSpan {
        match self {
            Part::Block(b) => post.blocks[*b].span,
            Part::Item(item) => item.span,
        }
    }

    fn only_links(&self, post: &Post) -> bool {
        match self {
            Part::Block(b) => post.blocks[*b].only_links,
            Part::Item(item) => {
                !item.links.is_empty() && {
                    let mut rest = item.lead_span.slice(post.text).to_string();
                    for l in &item.links {
                        rest = rest.replace(l.span.slice(post.text), "");
                    }
                    rest.chars().all(|c| {
                        c.is_whitespace() || matches!(c, '|' | '·' | ',' | '-' | '/' | '•' | ':')
                    })
                }
            }
        }
    }

    fn only_comments(&self, post: &Post) -> bool {
        matches!(self, Part::Block(b) if post.blocks[*b].only_comments)
    }
}

/// The metadata state of a part: declared (allowed), malformed (starts like a declared
/// line but is not one), or not metadata.
#[derive(PartialEq)]
enum Metadata {
    Declared,
    /// The declared prefix it resembles, and the byte range of the line that does (in
    /// the text read, line break excluded).
    Malformed(String, std::ops::Range<usize>),
    No,
}

fn metadata_of(layout: &Layout, text: &str) -> Metadata {
    let prefixes = &layout.paper.metadata;
    if prefixes.is_empty() {
        return Metadata::No;
    }
    let mut any = false;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let at = start..start + raw.trim_end_matches(['\n', '\r']).len();
        start += raw.len();
        let line = raw
            .trim_start()
            .trim_start_matches(['-', '*', '+', '>'])
            .trim();
        if line.is_empty() {
            continue;
        }
        if let Some(p) = prefixes.iter().find(|p| starts_with_ignore_case(line, p)) {
            // A link-shaped line needs its link: `[Watch Video]()` is broken.
            if (p.contains("](") || p.ends_with('(')) && line.contains("]()") {
                return Metadata::Malformed(p.clone(), at);
            }
            any = true;
            continue;
        }
        if let Some(p) = prefixes.iter().find(|p| resembles(line, p)) {
            return Metadata::Malformed(p.clone(), at);
        }
        return Metadata::No;
    }
    if any {
        Metadata::Declared
    } else {
        Metadata::No
    }
}

/// True when `line` starts like metadata prefix `prefix` but is not written as it
/// (`Authors - Kim`, `Authors Kim`, `[Watch Video]https://…`). A word prefix must end
/// there as a word (`Authorship` is another word) and the line must not read as a
/// sentence (`Authors propose a router.` is a summary).
fn resembles(line: &str, prefix: &str) -> bool {
    let stem = prefix.trim_end_matches(['(', ':', '：', ' ']);
    if stem.len() < 2 || !starts_with_ignore_case(line, stem) {
        return false;
    }
    if !stem.ends_with(char::is_alphanumeric) {
        return true;
    }
    match line[stem.len()..].chars().next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if c.is_whitespace() => !line.ends_with(['.', '!', '?', '。']),
        Some(_) => true,
    }
}

fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Builds the sections and the rest of a paper's `body` from its parts (top-level blocks
/// or nested items) and its inner headings.
pub(super) fn build(
    post: &Post,
    body: ByteSpan,
    parts: &[Part],
    inner_headings: &[usize],
) -> Built {
    let layout = &post.layout;
    let mut built = Built::default();
    match layout.sections.style {
        SectionStyle::Headings => heading_sections(post, body, inner_headings, &mut built),
        SectionStyle::BoldLabels | SectionStyle::LabelledBullets => {
            label_sections(post, body, parts, &mut built);
            built.other_headings.extend_from_slice(inner_headings);
        }
        SectionStyle::None => built.other_headings.extend_from_slice(inner_headings),
    }
    let first_section = built.sections.first().map_or(body.end, |s| s.span.start);
    let mut summary: Option<ByteSpan> = None;
    for part in parts {
        let span = part.span(post);
        if span.start >= first_section || part.only_comments(post) {
            continue;
        }
        if built
            .sections
            .iter()
            .any(|s| s.span.contains_span(span) || span.contains_span(s.span))
        {
            continue;
        }
        if part.only_links(post) {
            if let Part::Block(b) = part {
                built.companion_blocks.push(*b);
            }
            continue;
        }
        match metadata_of(layout, span.slice(post.text)) {
            Metadata::Declared => built.metadata.push(span),
            Metadata::Malformed(prefix, line) => {
                let line = ByteSpan::new(span.start + line.start, span.start + line.end);
                built.malformed_metadata.push((line, prefix));
                built.preamble.push(span);
            }
            Metadata::No if layout.sections.style == SectionStyle::None => {
                summary = Some(match summary {
                    None => span,
                    Some(s) => ByteSpan::new(s.start, span.end),
                });
            }
            Metadata::No => built.preamble.push(span),
        }
    }
    if layout.sections.style == SectionStyle::None {
        let content_span = summary.unwrap_or(ByteSpan::empty(body.start));
        built.sections.push(Section {
            name: SUMMARY.to_string(),
            name_span: ByteSpan::empty(content_span.start),
            style: SectionStyle::None,
            heading: None,
            span: content_span,
            content_span,
            blocks: Vec::new(),
            at_section_level: true,
        });
    }
    built.preamble.extend(
        built
            .other_headings
            .iter()
            .map(|&h| post.headings[h].span)
            .filter(|s| s.start < first_section),
    );
    built.preamble.sort();
    built
}

/// Sections as headings one level below the paper (and configured names at any deeper level).
fn heading_sections(post: &Post, body: ByteSpan, inner_headings: &[usize], built: &mut Built) {
    let layout = &post.layout;
    let section_level = layout.sections.level;
    let end = body.end;
    let mut found = Vec::new();
    for &h in inner_headings {
        let hd = &post.headings[h];
        let name = hd.name(post.text);
        let known = is_section_name(post, &name);
        if hd.level == section_level || (known && hd.level > section_level) {
            found.push((h, name, hd.level == section_level));
        } else {
            built.other_headings.push(h);
        }
    }
    for (k, (h, name, at_level)) in found.iter().enumerate() {
        let hd = post.headings[*h].clone();
        // The section runs to the next section or the paper's end; deeper headings that
        // are not sections stay inside it.
        let section_end = found
            .get(k + 1)
            .map_or(end, |(next, ..)| post.headings[*next].span.start);
        let content_start = post
            .line_index
            .line_start(post.line_index.line_idx(hd.span.end) + 1);
        let content_start = content_start.clamp(hd.span.end, section_end.max(hd.span.end));
        let content_span = trimmed(post, content_start, section_end, hd.span.end);
        let span = ByteSpan::new(hd.span.start, section_end);
        // The name as written; a trailing HTML comment is not part of it.
        let name_span = {
            let c = hd.content_span;
            let raw = c.slice(post.text);
            let lead = raw.len() - raw.trim_start().len();
            let len = if raw.trim().starts_with(name.as_str()) {
                name.len()
            } else {
                raw.trim().len()
            };
            ByteSpan::new(c.start + lead, c.start + lead + len)
        };
        built.sections.push(Section {
            name: name.clone(),
            name_span,
            style: SectionStyle::Headings,
            blocks: post.blocks_in(span),
            heading: Some(hd),
            span,
            content_span,
            at_section_level: *at_level,
        });
    }
}

/// The content between `start` and `end`, trailing blanks trimmed; empty at `empty_at`
/// when there is none.
fn trimmed(post: &Post, start: usize, end: usize, empty_at: usize) -> ByteSpan {
    let end = end.max(start);
    let raw = &post.text[start..end];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed_end = start + raw.trim_end().len();
    if trimmed_end > start + lead {
        ByteSpan::new(start + lead, trimmed_end)
    } else {
        ByteSpan::empty(empty_at)
    }
}

/// A label found in the text: the name's span and the end of the label (colon included).
struct Label {
    start: usize,
    name: ByteSpan,
    end: usize,
}

/// Reads a label at the very start of `span` (labelled bullets), or every bold label in
/// it (bold labels).
fn labels_in(post: &Post, span: ByteSpan, anywhere: bool) -> Vec<Label> {
    let text = span.slice(post.text);
    let mut out = Vec::new();
    for m in BOLD_LABEL.captures_iter(text) {
        let whole = m.get(0).unwrap();
        if !anywhere && !text[..whole.start()].trim().is_empty() {
            break;
        }
        if whole.start() > 0 && !text[..whole.start()].ends_with(char::is_whitespace) {
            continue;
        }
        let inner = m.get(1).unwrap();
        let name_raw = inner.as_str();
        let after = &text[whole.end()..];
        let colon_after = after.trim_start_matches([' ', '\t']);
        let (has_colon, end) = if name_raw.trim_end().ends_with([':', '：']) {
            (true, whole.end())
        } else if let Some(c) = colon_after
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '：'))
        {
            (
                true,
                whole.end() + (after.len() - colon_after.len()) + c.len_utf8(),
            )
        } else {
            (false, whole.end())
        };
        let name_trimmed = name_raw.trim().trim_end_matches([':', '：']).trim();
        if !has_colon && !is_section_name(post, name_trimmed) {
            continue;
        }
        let name_start =
            span.start + inner.start() + (name_raw.len() - name_raw.trim_start().len());
        out.push(Label {
            start: span.start + whole.start(),
            name: ByteSpan::new(name_start, name_start + name_trimmed.len()),
            end: span.start + end,
        });
        if !anywhere {
            break;
        }
    }
    if out.is_empty() && !anywhere {
        // A plain `Label: text` bullet, when the label is a configured name.
        if let Some((name, _)) = text.split_once([':', '：']) {
            let colon = name.len();
            let name_trimmed = name.trim();
            if is_section_name(post, name_trimmed) && !name_trimmed.is_empty() {
                let lead = name.len() - name.trim_start().len();
                let colon_len = text[colon..].chars().next().map_or(1, char::len_utf8);
                out.push(Label {
                    start: span.start,
                    name: ByteSpan::new(span.start + lead, span.start + lead + name_trimmed.len()),
                    end: span.start + colon + colon_len,
                });
            }
        }
    }
    out
}

/// Sections as bold labels in paragraphs, or as labelled bullets.
fn label_sections(post: &Post, body: ByteSpan, parts: &[Part], built: &mut Built) {
    let layout = &post.layout;
    let bullets = layout.sections.style == SectionStyle::LabelledBullets;
    // (label, the end of its container: a bullet's end; none for bold labels)
    let mut labels: Vec<(Label, Option<usize>)> = Vec::new();
    for part in parts {
        match part {
            Part::Block(b) => {
                let block = &post.blocks[*b];
                if bullets {
                    for item in &block.items {
                        let lead = ByteSpan::new(item.lead_span.start, item.span.end);
                        if let Some(l) = labels_in(post, lead, false).into_iter().next() {
                            labels.push((l, Some(item.span.end)));
                        }
                    }
                } else if block.kind == BlockKind::Paragraph {
                    labels.extend(
                        labels_in(post, block.span, true)
                            .into_iter()
                            .map(|l| (l, None)),
                    );
                }
            }
            Part::Item(item) => {
                let lead = ByteSpan::new(item.lead_span.start, item.span.end);
                if let Some(l) = labels_in(post, lead, !bullets).into_iter().next() {
                    labels.push((l, bullets.then_some(item.span.end)));
                }
            }
        }
    }
    labels.sort_by_key(|(l, _)| l.start);
    for k in 0..labels.len() {
        let (label, container_end) = &labels[k];
        let next = labels.get(k + 1).map_or(body.end, |(l, _)| l.start);
        let end = container_end.map_or(next, |e| e.min(next));
        let content_span = trimmed(post, label.end, end, label.end);
        let span = ByteSpan::new(label.start, content_span.end.max(label.end));
        built.sections.push(Section {
            name: label.name.slice(post.text).to_string(),
            name_span: label.name,
            style: layout.sections.style,
            heading: None,
            span,
            content_span,
            blocks: Vec::new(),
            at_section_level: true,
        });
    }
}

//! Incremental linting of one open document: only the paper blocks an edit touches are
//! checked again.
//!
//! The document is cut into **segments** at paper headings: segment 0 holds the front
//! matter and whatever comes before the first paper (the *head*), every later segment
//! starts with a paper heading. Each segment is linted on its own, as the small post
//! `head + segment`, with the rules that compare papers with each other turned off
//! ([`GLOBAL_RULES`]: numbering, duplicates, the empty post, text before the first paper). Those run over the
//! *skeleton*: the head followed by every paper heading line, which is tiny. Suppression
//! comments are applied over the whole document at the end, and findings are sorted, so
//! the result equals `digest_lint::lint` of the whole text (`tests/lsp_incremental.rs`
//! checks this over random edits).
//!
//! A cut is only made where linting a part alone cannot differ from linting it in place:
//! - the cut is a line starting with `#` that the part's own parse reads as a top-level
//!   paper heading (an ATX heading at column 0 closes every open block, so the state
//!   before it is clean);
//! - the part before a cut ends clean: nothing in it (an unclosed code fence, HTML block or
//!   comment, an unclosed front matter) swallows the next line. Checked by parsing the part
//!   followed by a sentinel heading, only when the part has a line that could open such a
//!   block;
//! - no link reference or footnote definition exists anywhere (they are document-wide in
//!   CommonMark): then the document is one segment, linted whole.
//!
//! Rules must keep to one contract for this to hold: a finding about a paper block depends
//! only on the head and that block, except for the rules in [`GLOBAL_RULES`].

use crate::arxiv::ArxivId;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::layout::Layout;
use crate::registry::{Family, Rule};
use crate::suppression::{self, Suppression, SuppressionComment};
use crate::syntax::Post;
use crate::text::ByteSpan;
use crate::workspace::extract;
use crate::workspace::{IndexedPaper, IndexedPost};
use regex::Regex;
use ropey::Rope;
use std::borrow::Cow;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

/// Rules whose findings compare papers with each other; they run over the skeleton.
pub const GLOBAL_RULES: [Rule; 4] = [
    Rule::PaperNumbering,
    Rule::PaperDuplicate,
    Rule::PostEmpty,
    Rule::ContentBeforeFirstPaper,
];

/// A line that may open a block swallowing the next line (code fence, HTML block/comment).
static MAY_OPEN_BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?mR)^ {0,3}(?:```|~~~|<)").expect("valid regex"));
/// A line that may hold a link reference or footnote definition (container markers allowed).
static DEFINITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?mR)^[ \t>*+\-0-9.)]*\[[^\]\r\n]*\]:").expect("valid regex"));
/// The sentinel appended to a part to see whether the next line can be a heading.
const SENTINEL: &str = "# s\n";

/// An edit of the text: the bytes `start..old_end` were replaced by `new_len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteEdit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced (in the text before the edit).
    pub old_end: usize,
    /// Length in bytes of the new text.
    pub new_len: usize,
}

impl ByteEdit {
    /// Where byte `offset` of the old text is after the edit (offsets inside the
    /// replaced bytes go to the edit's start).
    pub fn map(&self, offset: usize) -> usize {
        if offset < self.start {
            offset
        } else if offset >= self.old_end {
            offset - self.old_end + self.start + self.new_len
        } else {
            self.start
        }
    }

    fn map_span(&self, span: &mut ByteSpan) {
        *span = ByteSpan::new(self.map(span.start), self.map(span.end));
    }

    /// True when the span touches the replaced bytes (edges included).
    fn touches(&self, span: ByteSpan) -> bool {
        span.start <= self.old_end && self.start <= span.end
    }
}

/// A section of a paper, for symbols, folding and completion.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionOutline {
    /// The heading's text, trimmed.
    pub name: String,
    /// Byte span of the heading.
    pub heading: ByteSpan,
    /// Byte span from the heading to the section's end.
    pub span: ByteSpan,
    /// True when the heading is at the section level.
    pub at_section_level: bool,
}

/// A paper block, for symbols, folding, hover and completion.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperOutline {
    /// Byte span of the paper block.
    pub span: ByteSpan,
    /// Byte span of the paper heading.
    pub heading: ByteSpan,
    /// The paper number as written.
    pub number: Option<u32>,
    /// The title as a reader sees it (escapes resolved, inline markup dropped; a broken
    /// link's title joined as written).
    pub title: Option<String>,
    /// The arXiv identifier of the heading's link.
    pub arxiv: Option<ArxivId>,
    /// The sections in document order.
    pub sections: Vec<SectionOutline>,
    /// The heading line(s) that the skeleton holds for this paper.
    piece: ByteSpan,
    piece_hash: u64,
}

/// One front matter entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryOutline {
    /// The key.
    pub key: String,
    /// Byte span of the key.
    pub key_span: ByteSpan,
    /// Byte span of the value.
    pub value_span: ByteSpan,
    /// The items of a list value, or the words of a string value (for `tags`).
    pub items: Vec<String>,
}

/// The front matter, for symbols, folding and completion.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterOutline {
    /// Byte span of the whole block, delimiters included.
    pub span: ByteSpan,
    /// Byte span of the YAML between the delimiters.
    pub yaml_span: ByteSpan,
    /// True when the closing delimiter exists.
    pub closed: bool,
    /// Top-level entries.
    pub entries: Vec<EntryOutline>,
}

/// A link to an arXiv paper (a paper heading's, a companion link, a link in the text).
#[derive(Debug, Clone, PartialEq)]
pub struct ArxivLink {
    /// Byte span of the whole link.
    pub span: ByteSpan,
    /// Byte span of the identifier inside the URL.
    pub id_span: ByteSpan,
    /// The identifier.
    pub id: ArxivId,
}

#[derive(Debug, Clone, Default)]
struct Segment {
    start: usize,
    stale: bool,
    findings: Vec<Diagnostic>,
    papers: Vec<PaperOutline>,
    front_matter: Option<FrontMatterOutline>,
    links: Vec<ArxivLink>,
    comments: Vec<SuppressionComment>,
    /// The segment's papers as the workspace index keeps them, lines counted from the
    /// segment's first line (an edit before the segment moves its lines, not these).
    index_papers: Vec<IndexedPaper>,
    definitions: bool,
}

enum Outcome {
    Done(Segment),
    Split(Vec<usize>),
    ExtendBack,
    ExtendForward,
    Whole,
}

/// The lint results and outline of one document, kept up to date edit by edit.
#[derive(Debug, Clone)]
pub struct Analysis {
    config: Arc<Config>,
    local: Config,
    global: Config,
    layout: Arc<Layout>,
    file_name: Option<String>,
    len: usize,
    segments: Vec<Segment>,
    head: String,
    skeleton: Vec<Diagnostic>,
    skeleton_key: Option<Vec<u64>>,
    /// Where each paper's piece started when the skeleton was linted, moved with every
    /// edit since: the key alone leaves titles out, so a paper deleted and another with
    /// the same number and link typed elsewhere would keep the old paper's findings.
    skeleton_pieces: Vec<usize>,
    skeleton_stale: bool,
}

impl Analysis {
    /// An analysis of a document of `len` bytes, everything still to be checked.
    pub fn new(config: Arc<Config>, file_name: Option<String>, len: usize) -> Analysis {
        let mut local = (*config).clone();
        let mut global = (*config).clone();
        for rule in Rule::ALL.iter().copied() {
            if GLOBAL_RULES.contains(&rule) {
                local.levels.insert(rule, None);
            } else {
                global.levels.insert(rule, None);
            }
        }
        let layout = config.layout_for(file_name.as_deref()).clone();
        Analysis {
            config,
            local,
            global,
            layout,
            file_name,
            len,
            segments: vec![Segment {
                stale: true,
                ..Segment::default()
            }],
            head: String::new(),
            skeleton: Vec::new(),
            skeleton_key: None,
            skeleton_pieces: Vec::new(),
            skeleton_stale: true,
        }
    }

    /// The layout the document is read with (chosen by its path).
    pub fn layout(&self) -> &Arc<Layout> {
        &self.layout
    }

    /// The configuration the document is linted with.
    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    /// The file name given to the rules.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// True when some part still has to be checked ([`Analysis::update`]).
    pub fn is_stale(&self) -> bool {
        !self.too_large() && (self.skeleton_stale || self.segments.iter().any(|s| s.stale))
    }

    /// True when the document is larger than [`crate::MAX_POST_BYTES`]: it is not linted
    /// (no findings, no outline) until it shrinks.
    pub fn too_large(&self) -> bool {
        self.len > crate::MAX_POST_BYTES
    }

    /// Bytes of text that [`Analysis::update`] will lint (at least), to decide whether to
    /// run it in the background.
    pub fn stale_bytes(&self) -> usize {
        (0..self.segments.len())
            .filter(|&i| self.segments[i].stale)
            .map(|i| self.segment_end(i) - self.segments[i].start)
            .sum()
    }

    /// Number of segments (for tests and the benchmark).
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// Records an edit of the text. Everything after it moves; the parts it touches
    /// become stale.
    pub fn edit(&mut self, edit: ByteEdit) {
        self.len = self.len - (edit.old_end - edit.start) + edit.new_len;
        // The segment holding the edit's start, and every later cut inside the edit,
        // merge into one stale segment.
        let first = self.segment_at(edit.start);
        let mut last = first;
        while last + 1 < self.segments.len() && self.segments[last + 1].start <= edit.old_end {
            last += 1;
        }
        let mut first = first;
        if first > 0 && self.segments[first].start == edit.start {
            first -= 1; // an edit at a cut may change the line before it too
        }
        if last > first {
            self.segments.drain(first + 1..=last);
        }
        self.segments[first].stale = true;
        for segment in &mut self.segments[first..] {
            if segment.start > edit.old_end {
                segment.start = edit.map(segment.start);
            }
            shift_segment(segment, &edit);
        }
        if self.skeleton.iter().any(|d| diagnostic_touches(d, &edit)) {
            self.skeleton_stale = true;
        }
        for d in &mut self.skeleton {
            shift_diagnostic(d, &edit);
        }
        for start in &mut self.skeleton_pieces {
            *start = edit.map(*start);
        }
    }

    /// Marks everything stale (after a full replacement of the text).
    pub fn reset(&mut self, len: usize) {
        *self = Analysis::new(self.config.clone(), self.file_name.take(), len);
    }

    fn segment_end(&self, i: usize) -> usize {
        self.segments.get(i + 1).map_or(self.len, |s| s.start)
    }

    /// Index of the segment holding byte `offset`.
    fn segment_at(&self, offset: usize) -> usize {
        self.segments
            .partition_point(|s| s.start <= offset)
            .saturating_sub(1)
    }

    /// Lints the stale parts of `rope` (the document's current text).
    pub fn update(&mut self, rope: &Rope) {
        debug_assert_eq!(rope.len_bytes(), self.len);
        if self.too_large() {
            // Drop what an earlier, smaller text left; an edit marks segment 0 stale, so
            // the first update after the text shrinks starts from scratch.
            self.segments = vec![Segment::default()];
            self.skeleton.clear();
            self.skeleton_key = None;
            self.skeleton_pieces.clear();
            self.skeleton_stale = false;
            return;
        }
        if self.segments.len() == 1 && self.segments[0].stale && self.len > 0 {
            // From scratch: start from likely cuts (any line that looks like a paper heading).
            let text = rope.to_string();
            let mut starts = vec![0];
            // Only posts shaped like DIGEST_FORMAT.md are checked paper by paper; other
            // layouts are checked whole.
            if self.layout.is_heading_shaped() {
                starts.extend(candidate_cuts(&text, self.layout.paper.level));
            }
            self.segments = starts
                .into_iter()
                .map(|start| Segment {
                    start,
                    stale: true,
                    ..Segment::default()
                })
                .collect();
        }
        let mut budget = 4 * self.segments.len() + 64;
        let mut i = 0;
        while i < self.segments.len() {
            if !self.segments[i].stale {
                i += 1;
                continue;
            }
            let mut j = i;
            loop {
                budget = budget.saturating_sub(1);
                let start = self.segments[i].start;
                let end = self.segment_end(j);
                let at_end = j + 1 == self.segments.len();
                let text = slice(rope, start, end);
                let outcome = if budget == 0 {
                    Outcome::Whole
                } else {
                    self.analyze(&text, start, i == 0, at_end)
                };
                match outcome {
                    Outcome::ExtendForward => j += 1,
                    Outcome::ExtendBack => i -= 1,
                    Outcome::Whole if !(i == 0 && at_end) => {
                        i = 0;
                        j = self.segments.len() - 1;
                    }
                    Outcome::Whole => {
                        // Lint the whole text as one part, without cutting it.
                        let segment = self.lint_whole(&text);
                        self.set_head(&text, &segment);
                        self.segments = vec![segment];
                        i = 1;
                        break;
                    }
                    Outcome::Split(cuts) => {
                        let pieces = std::iter::once(start).chain(cuts).map(|start| Segment {
                            start,
                            stale: true,
                            ..Segment::default()
                        });
                        self.segments.splice(i..=j, pieces);
                        break;
                    }
                    Outcome::Done(segment) => {
                        let head_changed = i == 0 && self.set_head(&text, &segment);
                        self.segments.splice(i..=j, [segment]);
                        if head_changed {
                            for s in &mut self.segments[1..] {
                                s.stale = true;
                            }
                        }
                        i += 1;
                        break;
                    }
                }
            }
        }
        self.update_skeleton(rope);
    }

    /// Sets the head from segment 0's text; returns true when it changed.
    fn set_head(&mut self, text: &str, segment: &Segment) -> bool {
        let head_len = segment
            .papers
            .first()
            .map_or(text.len(), |p| p.heading.start);
        let head = &text[..head_len];
        if head == self.head {
            return false;
        }
        self.head = head.to_string();
        true
    }

    /// Lints one part: `text` is the document's bytes `start..start + text.len()`.
    fn analyze(&self, text: &str, start: usize, is_first: bool, at_end: bool) -> Outcome {
        let mini: Cow<str> = if is_first {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(format!("{}{}", self.head, text))
        };
        let head_len = mini.len() - text.len();
        let post = Post::parse(&mini, &self.layout);
        if !self.layout.is_heading_shaped() {
            return Outcome::Whole;
        }
        if !is_first && post.papers.first().is_none_or(|p| p.span.start != head_len) {
            return Outcome::ExtendBack;
        }
        if !at_end {
            let body_start = post.body_span.start.max(head_len) - head_len;
            let unclosed_front_matter =
                post.front_matter.as_ref().is_some_and(|fm| !fm.is_closed());
            if unclosed_front_matter || !ends_clean(&text[body_start.min(text.len())..]) {
                return Outcome::ExtendForward;
            }
        }
        if DEFINITION.is_match(text) {
            return Outcome::Whole;
        }
        let cuts: Vec<usize> = post
            .papers
            .iter()
            .filter_map(|p| p.heading.as_ref())
            .filter(|h| !h.heading.setext)
            .map(|h| h.heading.span.start)
            .filter(|&h| h > head_len && h < mini.len())
            .filter(|&h| {
                mini.as_bytes()[h] == b'#' && matches!(mini.as_bytes()[h - 1], b'\n' | b'\r')
            })
            .map(|h| h - head_len + start)
            .collect();
        if !cuts.is_empty() {
            return Outcome::Split(cuts);
        }
        Outcome::Done(self.segment_from(&post, start, head_len))
    }

    /// Lints the whole text as one part, with every rule (no skeleton).
    fn lint_whole(&self, text: &str) -> Segment {
        let post = Post::parse(text, &self.layout);
        let mut segment = self.segment_from(&post, 0, 0);
        segment.findings =
            crate::lint_post_unsuppressed(&post, &self.config, self.file_name.as_deref());
        segment.definitions = true;
        segment
    }

    /// The findings and outline of a parsed part `head + text` placed at `start`.
    fn segment_from(&self, post: &Post, start: usize, head_len: usize) -> Segment {
        let map = |offset: usize| {
            if offset < head_len {
                offset
            } else {
                offset - head_len + start
            }
        };
        let map_span = |span: ByteSpan| ByteSpan::new(map(span.start), map(span.end));
        let mut findings =
            crate::lint_post_unsuppressed(post, &self.local, self.file_name.as_deref());
        // Findings about the head (the front matter, text before the first paper) belong
        // to segment 0 alone; later segments only repeat them.
        findings.retain(|d| d.span.start >= head_len && (start == 0 || !is_about_head(d.rule)));
        for d in &mut findings {
            map_diagnostic(d, &map_span);
        }
        let text = post.text;
        let papers = post
            .papers
            .iter()
            .map(|paper| {
                // The heading, or a list item's first line, or the post's start.
                let heading_span = match &paper.heading {
                    Some(h) => h.heading.span,
                    None => {
                        let line_end = next_line_start(text, paper.span.start);
                        let line = &text[paper.span.start..line_end.max(paper.span.start)];
                        ByteSpan::new(paper.span.start, paper.span.start + line.trim_end().len())
                    }
                };
                let mut piece_end = heading_span.end;
                if let Some(broken) = paper.heading.as_ref().and_then(|h| h.broken_link.as_ref()) {
                    piece_end = piece_end.max(broken.continuation_span.end);
                }
                let piece = ByteSpan::new(heading_span.start, next_line_start(text, piece_end));
                // The skeleton's rules (numbers, identifiers, counts) never read a title:
                // leave an intact title out of the hash, so typing in a title does not
                // rebuild the skeleton. Its findings after the title move with the edit.
                let mut hasher = DefaultHasher::new();
                let title_span = paper
                    .heading
                    .as_ref()
                    .and_then(|h| h.title_span)
                    .filter(|t| piece.contains_span(*t));
                match title_span {
                    Some(title) => {
                        text[piece.start..title.start].hash(&mut hasher);
                        text[title.end..piece.end].hash(&mut hasher);
                    }
                    None => piece.slice(text).hash(&mut hasher),
                }
                PaperOutline {
                    span: map_span(paper.span),
                    heading: map_span(heading_span),
                    number: paper.number.map(|n| n.value),
                    // The title as a reader sees it: escapes and inline markup removed.
                    title: paper
                        .heading
                        .as_ref()
                        .and_then(|h| h.link.as_ref())
                        .filter(|l| {
                            l.text_span.is_some()
                                && post.layout.paper.title == crate::layout::TitleStyle::Link
                        })
                        .map(|l| l.plain_text.clone())
                        .or_else(|| paper.title_text(text).map(str::to_string)),
                    arxiv: paper.arxiv_url().map(|u| u.id.clone()).or_else(|| {
                        paper
                            .link()
                            .and_then(|l| crate::arxiv::find_id_in_url(&l.url))
                            .map(|(id, _)| id)
                    }),
                    sections: paper
                        .sections
                        .iter()
                        .map(|s| SectionOutline {
                            name: s.name.clone(),
                            heading: map_span(s.heading.as_ref().map_or(s.name_span, |h| h.span)),
                            span: map_span(s.span),
                            at_section_level: s.at_section_level,
                        })
                        .collect(),
                    piece: map_span(piece),
                    piece_hash: hasher.finish(),
                }
            })
            .collect();
        let front_matter = if head_len == 0 && start == 0 {
            post.front_matter.as_ref().map(|fm| FrontMatterOutline {
                span: fm.span,
                yaml_span: fm.yaml_span,
                closed: fm.is_closed(),
                entries: fm
                    .entries
                    .iter()
                    .map(|e| EntryOutline {
                        key: e.key.clone(),
                        key_span: e.key_span,
                        value_span: e.value.span,
                        items: yaml_items(&e.value),
                    })
                    .collect(),
            })
        } else {
            None
        };
        let mut links = Vec::new();
        let heading_links = post
            .papers
            .iter()
            .filter_map(|p| p.heading.as_ref())
            .flat_map(|h| h.heading.links.iter());
        let block_links = post.blocks.iter().flat_map(|b| b.links.iter());
        for link in heading_links.chain(block_links) {
            if link.span.start < head_len {
                continue;
            }
            let Some(url_span) = link.url_span else {
                continue;
            };
            let Some((id, range)) = crate::arxiv::find_id_in_url(url_span.slice(text)) else {
                continue;
            };
            links.push(ArxivLink {
                span: map_span(link.span),
                id_span: map_span(ByteSpan::new(
                    url_span.start + range.start,
                    url_span.start + range.end,
                )),
                id,
            });
        }
        links.sort_by_key(|l| l.span.start);
        let mut comments = suppression::comments(post);
        comments.retain(|c| c.span.start >= head_len);
        for c in &mut comments {
            c.span = map_span(c.span);
        }
        // The head ends where this segment's first line starts.
        let head_lines = post.line_index.line_columns(text, head_len).line;
        let mut index_papers = extract::papers_of(post);
        index_papers.retain(|p| p.heading.span.start >= head_len);
        for place in index_papers
            .iter_mut()
            .flat_map(|p| [&mut p.heading, &mut p.link])
        {
            place.span = map_span(place.span);
            place.start.line -= head_lines;
            place.end.line -= head_lines;
        }
        Segment {
            start,
            stale: false,
            findings,
            papers,
            front_matter,
            links,
            comments,
            index_papers,
            definitions: false,
        }
    }

    /// Re-lints the skeleton (head + paper heading lines) when a heading changed.
    fn update_skeleton(&mut self, rope: &Rope) {
        if self.is_whole() {
            self.skeleton.clear();
            self.skeleton_key = None;
            self.skeleton_stale = false;
            return;
        }
        let mut key = Vec::with_capacity(1 + self.segments.len());
        let mut hasher = DefaultHasher::new();
        self.head.hash(&mut hasher);
        key.push(hasher.finish());
        key.extend(self.papers().map(|p| p.piece_hash));
        let piece_starts: Vec<usize> = self.papers().map(|p| p.piece.start).collect();
        if !self.skeleton_stale
            && self.skeleton_key.as_ref() == Some(&key)
            && self.skeleton_pieces == piece_starts
        {
            return;
        }
        // (skeleton offset, document offset, length) of each piece
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new();
        let mut skeleton = self.head.clone();
        pieces.push((0, 0, skeleton.len()));
        for paper in self.papers() {
            let text = slice(rope, paper.piece.start, paper.piece.end);
            pieces.push((skeleton.len(), paper.piece.start, text.len()));
            skeleton.push_str(&text);
            if !text.ends_with(['\n', '\r']) {
                skeleton.push('\n');
            }
        }
        let post = Post::parse(&skeleton, &self.layout);
        let mut findings =
            crate::lint_post_unsuppressed(&post, &self.global, self.file_name.as_deref());
        let map = |offset: usize, is_end: bool| -> usize {
            let probe = if is_end && offset > 0 {
                offset - 1
            } else {
                offset
            };
            let k = pieces.partition_point(|p| p.0 <= probe).saturating_sub(1);
            let (sk, doc, len) = pieces[k];
            doc + (offset - sk).min(len)
        };
        for d in &mut findings {
            map_diagnostic(d, &|span: ByteSpan| {
                if span.is_empty() {
                    ByteSpan::empty(map(span.start, false))
                } else {
                    ByteSpan::new(map(span.start, false), map(span.end, true))
                }
            });
        }
        self.skeleton = findings;
        self.skeleton_key = Some(key);
        self.skeleton_pieces = piece_starts;
        self.skeleton_stale = false;
    }

    /// The papers in document order.
    pub fn papers(&self) -> impl Iterator<Item = &PaperOutline> {
        self.segments.iter().flat_map(|s| s.papers.iter())
    }

    /// The front matter, when the document has one.
    pub fn front_matter(&self) -> Option<&FrontMatterOutline> {
        self.segments.first().and_then(|s| s.front_matter.as_ref())
    }

    /// Links to arXiv papers in document order.
    pub fn arxiv_links(&self) -> impl Iterator<Item = &ArxivLink> {
        self.segments.iter().flat_map(|s| s.links.iter())
    }

    /// The paper whose block holds byte `offset`.
    pub fn paper_at(&self, offset: usize) -> Option<(usize, &PaperOutline)> {
        self.papers().enumerate().find(|(_, p)| {
            p.span.start <= offset && (offset < p.span.end || p.span.end == self.len)
        })
    }

    /// The findings of the whole document, as `digest_lint::lint` gives them: suppression
    /// comments applied, sorted by position. Call [`Analysis::update`] first.
    pub fn diagnostics(&self, rope: &Rope) -> Vec<&Diagnostic> {
        let suppressions = self.suppressions(rope);
        let mut all: Vec<&Diagnostic> = self
            .segments
            .iter()
            .flat_map(|s| s.findings.iter())
            .chain(self.skeleton.iter())
            .filter(|d| !suppression::is_suppressed(&suppressions, d))
            .collect();
        all.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        all
    }

    /// The document's entry in the workspace index, from the papers of its segments (only
    /// those an edit touched were read again) and its head; `path` names the post. `None`
    /// when the document is checked whole (another layout, link definitions, too large):
    /// then index its text. Call [`Analysis::update`] first.
    pub fn index_entry(&self, rope: &Rope, path: PathBuf, site: Arc<Path>) -> Option<IndexedPost> {
        if self.too_large() || self.is_whole() || !self.layout.is_heading_shaped() {
            return None;
        }
        let mut papers = Vec::new();
        for segment in &self.segments {
            let first_line = crate::lsp::position::line_of(rope, segment.start) as u32;
            papers.extend(segment.index_papers.iter().map(|p| {
                let mut p = p.clone();
                for place in [&mut p.heading, &mut p.link] {
                    place.start.line += first_line;
                    place.end.line += first_line;
                }
                p
            }));
        }
        // The date and title come from the front matter and the path: the head holds them.
        let head = Post::parse(&self.head, &self.layout);
        let (date, title) = extract::date_and_title(&head, &self.config, &path);
        let mut suppressions = self.suppressions(rope);
        suppressions.retain(extract::covers_cross_post);
        Some(IndexedPost {
            path,
            site,
            date,
            title,
            papers,
            suppressions,
        })
    }

    /// The spans the document's suppression comments cover.
    fn suppressions(&self, rope: &Rope) -> Vec<Suppression> {
        let comments: Vec<SuppressionComment> = self
            .segments
            .iter()
            .flat_map(|s| s.comments.iter().cloned())
            .collect();
        suppression::resolve(&comments, self.len, |comment_end| {
            crate::lsp::position::line_span(
                rope,
                crate::lsp::position::line_of(rope, comment_end) + 1,
            )
        })
    }

    /// True when the document is linted as a whole (it has link reference or footnote
    /// definitions, which are document-wide).
    pub fn is_whole(&self) -> bool {
        self.segments.len() == 1 && self.segments[0].definitions
    }
}

/// The document's bytes `start..end` as a string.
/// Rules whose findings are about the head of the post (the front matter), not about a
/// paper block.
fn is_about_head(rule: Rule) -> bool {
    rule.family() == Family::FrontMatter
}

fn slice(rope: &Rope, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(end - start);
    for chunk in rope.byte_slice(start..end).chunks() {
        out.push_str(chunk);
    }
    out
}

/// Offset of the line after the one holding byte `offset` (the text's end if none).
fn next_line_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = offset.min(bytes.len());
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return i + 1,
            b'\r' => {
                return if bytes.get(i + 1) == Some(&b'\n') {
                    i + 2
                } else {
                    i + 1
                };
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Line starts of lines that look like paper headings (a superset of the real cuts).
fn candidate_cuts(text: &str, paper_level: u8) -> Vec<usize> {
    let pattern = format!(r"(?mR)^(?:#{{{paper_level}}}[ \t]|#{{1,6}}[ \t]+[0-9]+\.)");
    let re = Regex::new(&pattern).expect("valid regex");
    re.find_iter(text)
        .map(|m| m.start())
        .filter(|&s| s > 0)
        .collect()
}

/// True when nothing in `body` (a part's Markdown) swallows a heading line after it.
fn ends_clean(body: &str) -> bool {
    if !MAY_OPEN_BLOCK.is_match(body) {
        return true;
    }
    use pulldown_cmark::{Event, Options, Parser, Tag};
    // The options of syntax::markdown::scan.
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut text = String::with_capacity(body.len() + SENTINEL.len() + 1);
    text.push_str(body);
    if !body.is_empty() && !body.ends_with(['\n', '\r']) {
        return false;
    }
    let sentinel_at = text.len();
    text.push_str(SENTINEL);
    let text = crate::syntax::markdown::lone_carriage_returns_as_line_feeds(&text);
    Parser::new_ext(&text, options)
        .into_offset_iter()
        .any(|(event, range)| {
            matches!(event, Event::Start(Tag::Heading { .. })) && range.start == sentinel_at
        })
}

fn yaml_items(node: &crate::syntax::YamlNode) -> Vec<String> {
    use crate::syntax::YamlKind;
    match &node.kind {
        YamlKind::Sequence { items } => items
            .iter()
            .filter_map(|i| i.as_scalar().map(|(v, _)| v.to_string()))
            .collect(),
        YamlKind::Scalar { value, .. } => value.split_whitespace().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn map_diagnostic(d: &mut Diagnostic, map: &dyn Fn(ByteSpan) -> ByteSpan) {
    d.span = map(d.span);
    for r in &mut d.related {
        r.span = map(r.span);
    }
    if let Some(fix) = &mut d.fix {
        for e in &mut fix.edits {
            e.span = map(e.span);
        }
    }
}

fn shift_diagnostic(d: &mut Diagnostic, edit: &ByteEdit) {
    if d.span.end < edit.start
        && d.related.iter().all(|r| r.span.end < edit.start)
        && d.fix
            .as_ref()
            .is_none_or(|f| f.edits.iter().all(|e| e.span.end < edit.start))
    {
        return;
    }
    map_diagnostic(d, &|mut span| {
        edit.map_span(&mut span);
        span
    });
}

fn diagnostic_touches(d: &Diagnostic, edit: &ByteEdit) -> bool {
    edit.touches(d.span)
        || d.related.iter().any(|r| edit.touches(r.span))
        || d.fix
            .as_ref()
            .is_some_and(|f| f.edits.iter().any(|e| edit.touches(e.span)))
}

fn shift_segment(segment: &mut Segment, edit: &ByteEdit) {
    for d in &mut segment.findings {
        shift_diagnostic(d, edit);
    }
    for p in &mut segment.papers {
        edit.map_span(&mut p.span);
        edit.map_span(&mut p.heading);
        edit.map_span(&mut p.piece);
        for s in &mut p.sections {
            edit.map_span(&mut s.heading);
            edit.map_span(&mut s.span);
        }
    }
    if let Some(fm) = &mut segment.front_matter {
        edit.map_span(&mut fm.span);
        edit.map_span(&mut fm.yaml_span);
        for e in &mut fm.entries {
            edit.map_span(&mut e.key_span);
            edit.map_span(&mut e.value_span);
        }
    }
    for l in &mut segment.links {
        edit.map_span(&mut l.span);
        edit.map_span(&mut l.id_span);
    }
    for c in &mut segment.comments {
        edit.map_span(&mut c.span);
    }
    for p in &mut segment.index_papers {
        edit.map_span(&mut p.heading.span);
        edit.map_span(&mut p.link.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lint_full(text: &str) -> Vec<Diagnostic> {
        crate::lint(text, &Config::default(), Some("2025-08-31-x.md"))
    }

    fn analysed(text: &str) -> (Analysis, Rope) {
        let rope = Rope::from_str(text);
        let mut a = Analysis::new(
            Arc::new(Config::default()),
            Some("2025-08-31-x.md".into()),
            text.len(),
        );
        a.update(&rope);
        (a, rope)
    }

    const POST: &str = "---\nlayout: post\ntitle: \"x\"\ndate: 2025-08-31\n---\n\n# 1. [A  b](https://arxiv.org/abs/2508.00001)\n\n## Introduction\n- Goal: a\n\n# 2. [C  d](https://arxiv.org/abs/2508.00002)\n\n## Method\nx\n";

    #[test]
    fn cuts_at_each_paper_and_matches_a_full_lint() {
        let (a, rope) = analysed(POST);
        assert_eq!(a.segment_count(), 3);
        let got: Vec<Diagnostic> = a.diagnostics(&rope).into_iter().cloned().collect();
        assert_eq!(got, lint_full(POST));
        assert_eq!(a.papers().count(), 2);
    }

    #[test]
    fn an_unclosed_fence_keeps_the_rest_in_one_segment() {
        let text = POST.replace("- Goal: a", "```\ncode");
        let (a, rope) = analysed(&text);
        assert_eq!(a.segment_count(), 2);
        let got: Vec<Diagnostic> = a.diagnostics(&rope).into_iter().cloned().collect();
        assert_eq!(got, lint_full(&text));
    }

    #[test]
    fn a_reference_definition_makes_the_document_whole() {
        let text = format!("{POST}\n[x]: https://example.com\n");
        let (a, _) = analysed(&text);
        assert!(a.is_whole());
    }

    #[test]
    fn edits_recheck_only_the_touched_segment() {
        let (mut a, mut rope) = analysed(POST);
        let at = POST.find("C  d").unwrap() + 1;
        rope.insert(rope.byte_to_char(at), "😀");
        a.edit(ByteEdit {
            start: at,
            old_end: at,
            new_len: 4,
        });
        assert_eq!(a.stale_bytes(), POST.len() - POST.find("# 2.").unwrap() + 4);
        a.update(&rope);
        let text = rope.to_string();
        let got: Vec<Diagnostic> = a.diagnostics(&rope).into_iter().cloned().collect();
        assert_eq!(got, lint_full(&text));
    }
}

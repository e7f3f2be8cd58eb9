//! One pass of pulldown-cmark's offset iterator over the body: headings, top-level
//! blocks, links and HTML comments, each with byte spans into the post's text.
//!
//! Code blocks (fenced and indented) and HTML blocks are opaque, so headings inside
//! them are never seen; setext headings are headings (CommonMark 0.31, 4.2–4.3).

use crate::text::ByteSpan;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// An inline link `[text](url)` (or a reference/autolink, which has no `text_span` or `url_span` of its own).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Byte span of the whole link.
    pub span: ByteSpan,
    /// Byte span of the link text between `[` and `]` (inline links only).
    pub text_span: Option<ByteSpan>,
    /// Byte span of the destination URL as written (inline links and autolinks).
    pub url_span: Option<ByteSpan>,
    /// The destination URL (after unescaping).
    pub url: String,
    /// The link text as a reader sees it: escapes resolved, inline markup and HTML dropped.
    pub plain_text: String,
}

/// A heading (ATX or setext).
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// Byte span of the heading without its final line break.
    pub span: ByteSpan,
    /// Byte span of the inline content (ATX: between the `#`s and the optional closing sequence).
    pub content_span: ByteSpan,
    /// Byte span of the `#` run (ATX) or the underline (setext).
    pub marker_span: ByteSpan,
    /// True for a setext heading (`Title\n====`).
    pub setext: bool,
    /// Links inside the heading.
    pub links: Vec<Link>,
}

impl Heading {
    /// The inline content as written.
    pub fn content<'t>(&self, text: &'t str) -> &'t str {
        self.content_span.slice(text)
    }

    /// The heading's name: its content without HTML comments (inline HTML that a reader
    /// never sees, such as `## Results <!-- check the numbers -->`), trimmed.
    pub fn name(&self, text: &str) -> String {
        let content = self.content(text);
        if !content.contains("<!--") {
            return content.trim().to_string();
        }
        COMMENT.replace_all(content, "").trim().to_string()
    }
}

/// A line that reads like an ATX heading but has a no-break space after its `#` run
/// (`##\u{a0}Method`): CommonMark and kramdown need a plain space or tab there, so the
/// line is paragraph text and the reader sees the `#`s.
#[derive(Debug, Clone, PartialEq)]
pub struct NoBreakHeading {
    /// Number of `#`s.
    pub level: u8,
    /// Byte span of the no-break space after the `#`s.
    pub space_span: ByteSpan,
    /// Byte span of the line (without its line break).
    pub line_span: ByteSpan,
    /// Byte span of the words after the space, trimmed.
    pub name_span: ByteSpan,
}

/// The kind of a top-level block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A bullet or ordered list.
    List,
    /// A `>` blockquote.
    BlockQuote,
    /// A fenced or indented code block.
    Code,
    /// An HTML block (including comment blocks).
    Html,
    /// A thematic break `---`.
    Rule,
    /// Anything else (tables, footnotes, …).
    Other,
}

/// A top-level block that is not a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Byte span of the block (line breaks at its end trimmed).
    pub span: ByteSpan,
    /// Links anywhere inside the block.
    pub links: Vec<Link>,
    /// True when the block holds at least one link and no text outside links
    /// (blanks and separators such as `|`, `·`, `,` aside).
    pub only_links: bool,
    /// True when the block is nothing but HTML comments.
    pub only_comments: bool,
    /// The items of a list block: its own items (`nesting` 0) and the items of lists
    /// nested in them (`nesting` 1, 2, …), in document order.
    pub items: Vec<ListItem>,
}

impl Block {
    /// True for a block that runs on to the end of its container because nothing closes
    /// it: a fenced code block without its closing fence, or an HTML block that only its
    /// end marker closes (CommonMark's kinds 1 to 5: `<script>`, `<pre>`, `<style>`,
    /// `<textarea>`, `<!--`, `<?`, `<!X`, `<![CDATA[`) and whose text has no such
    /// marker. A heading written after such a block is still part of it. `text` is the
    /// whole text.
    pub fn left_open(&self, text: &str) -> bool {
        let block = self.span.slice(text);
        match self.kind {
            BlockKind::Html => html_left_open(block),
            BlockKind::Code => fence_left_open(block),
            _ => false,
        }
    }
}

/// See [`Block::left_open`].
fn html_left_open(block: &str) -> bool {
    let lower = block.trim_start_matches([' ', '\t']).to_ascii_lowercase();
    let unclosed = |end: &str, from: usize| !lower[from.min(lower.len())..].contains(end);
    for tag in ["script", "pre", "style", "textarea"] {
        let Some(after) = lower.strip_prefix('<').and_then(|r| r.strip_prefix(tag)) else {
            continue;
        };
        if after.is_empty() || after.starts_with([' ', '\t', '>', '\n', '\r']) {
            return unclosed(&format!("</{tag}>"), 0);
        }
    }
    if lower.starts_with("<!--") {
        return unclosed("-->", 2);
    }
    if lower.starts_with("<?") {
        return unclosed("?>", 2);
    }
    if lower.starts_with("<![cdata[") {
        return unclosed("]]>", 9);
    }
    if lower.starts_with("<!") && lower[2..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return unclosed(">", 2);
    }
    false
}

/// True for a fenced code block (```` ``` ```` or `~~~`) whose last line is not a closing
/// fence; an indented code block is never open.
fn fence_left_open(block: &str) -> bool {
    let fence_of = |line: &str| {
        let line = line.trim_start_matches(' ');
        let c = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let n = line.len() - line.trim_start_matches(c).len();
        (n >= 3).then_some((c, n, line[n..].trim().is_empty()))
    };
    let mut lines = block.lines();
    let Some((c, n, _)) = lines.next().and_then(fence_of) else {
        return false;
    };
    match lines.last().and_then(fence_of) {
        Some((last_c, last_n, bare)) => !(last_c == c && last_n >= n && bare),
        None => true,
    }
}

/// An item of a list inside a top-level list block.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// How deep the item's list is nested in the block's list (0: the block's own list).
    pub nesting: u8,
    /// True for an item of an ordered list (`3.` or `3)`).
    pub ordered: bool,
    /// Byte span of the item, marker included (line breaks at its end trimmed).
    pub span: ByteSpan,
    /// Byte span of the item's first line of text after the marker, and of any lines
    /// that continue its first paragraph.
    pub lead_span: ByteSpan,
    /// Links anywhere inside the item (nested items included).
    pub links: Vec<Link>,
}

/// An HTML comment `<!-- … -->`.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlComment {
    /// Byte span of the whole comment.
    pub span: ByteSpan,
    /// Byte span of the text between `<!--` and `-->`.
    pub body_span: ByteSpan,
}

impl HtmlComment {
    /// True when the comment's text holds another `<!--`: it was never closed, and the
    /// `-->` that ends it belonged to a later comment. `text` is the whole text.
    pub fn swallows_another(&self, text: &str) -> bool {
        self.body_span.slice(text).contains("<!--")
    }
}

/// Everything the syntax model needs from the Markdown body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyScan {
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Top-level non-heading blocks in document order.
    pub blocks: Vec<Block>,
    /// HTML comments in document order.
    pub comments: Vec<HtmlComment>,
    /// Would-be headings with a no-break space after the `#`s, in document order.
    pub no_break_headings: Vec<NoBreakHeading>,
    /// Link reference definitions (`[x]: https://…`), which readers never see, sorted.
    /// Only the first of several with one label (the one Markdown uses).
    pub link_definitions: Vec<ByteSpan>,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--(.*?)-->").unwrap());

/// Separators allowed between companion links (`[a](x) | [b](y)`).
fn is_separator_text(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '|' | '·' | ',' | '-' | '/' | '•' | '(' | ')'))
}

fn trim_line_breaks(text: &str, mut span: ByteSpan) -> ByteSpan {
    let bytes = text.as_bytes();
    while span.end > span.start && matches!(bytes[span.end - 1], b'\n' | b'\r') {
        span.end -= 1;
    }
    span
}

/// Text and URL spans of an inline link, found in its raw text.
fn inline_link_parts(text: &str, span: ByteSpan) -> (Option<ByteSpan>, Option<ByteSpan>) {
    let raw = span.slice(text);
    if !raw.starts_with('[') || !raw.ends_with(')') {
        return (None, None);
    }
    let Some(close) = raw.rfind("](") else {
        return (None, None);
    };
    let text_span = ByteSpan::new(span.start + 1, span.start + close);
    let dest = &raw[close + 2..raw.len() - 1];
    let lead = dest.len() - dest.trim_start().len();
    let dest_trim = dest.trim_start();
    let (skip, url_len) = if let Some(inner) = dest_trim.strip_prefix('<') {
        (1, inner.find('>').unwrap_or(inner.len()))
    } else {
        (
            0,
            dest_trim
                .find(char::is_whitespace)
                .unwrap_or(dest_trim.len()),
        )
    };
    let url_start = span.start + close + 2 + lead + skip;
    (
        Some(text_span),
        Some(ByteSpan::new(url_start, url_start + url_len)),
    )
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Byte span of the `#` run of an ATX heading, or the underline of a setext heading.
fn heading_marker(text: &str, span: ByteSpan) -> (ByteSpan, bool) {
    let raw = span.slice(text);
    let lead = raw.len() - raw.trim_start_matches(' ').len();
    let hashes = raw[lead..].bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 {
        return (
            ByteSpan::new(span.start + lead, span.start + lead + hashes),
            false,
        );
    }
    // setext: the last line is the underline
    let last_line_start = raw
        .trim_end_matches(['\n', '\r'])
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let underline = raw[last_line_start..].trim_end_matches(['\n', '\r', ' ', '\t']);
    let start = span.start + last_line_start + (underline.len() - underline.trim_start().len());
    (
        ByteSpan::new(start, span.start + last_line_start + underline.len()),
        true,
    )
}

/// What separates words for Markdown: spaces, tabs and line ends only (a no-break
/// space is text, even in a link's URL).
pub const WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

/// The words of `text` as Markdown separates them (at [`WHITESPACE`]).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(WHITESPACE).filter(|word| !word.is_empty())
}

/// `source` with each carriage return that no line feed follows replaced by a line
/// feed: the same length, so every byte offset holds. kramdown ends a line at `\r\n?`,
/// as CommonMark does; pulldown-cmark does not everywhere (an HTML block runs on past a
/// lone `\r` to the next `\n`).
pub fn lone_carriage_returns_as_line_feeds(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let lone = |&i: &usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(|i| lone(&i)) {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut owned = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes).filter(lone) {
        owned[i] = b'\n';
    }
    // An ASCII byte for an ASCII byte: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(owned).expect("ASCII replaced by ASCII"))
}

/// Scans the Markdown body `text[body.start..body.end]`; every span is a byte span of `text`.
pub fn scan(text: &str, body: ByteSpan) -> BodyScan {
    scan_with(text, body, false)
}

/// [`scan`], recording the items of list blocks ([`Block::items`]) when `list_items`
/// (layouts with list-item papers or labelled bullets need them; the default does not).
pub fn scan_with(text: &str, body: ByteSpan, list_items: bool) -> BodyScan {
    let source = body.slice(text);
    let base = body.start;
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parsed = lone_carriage_returns_as_line_feeds(source);
    let parser = Parser::new_ext(&parsed, options).into_offset_iter();

    // pulldown-cmark reads the definitions before it yields the first event.
    let mut link_definitions: Vec<ByteSpan> = parser
        .reference_definitions()
        .iter()
        .map(|(_, d)| ByteSpan::new(d.span.start + base, d.span.end + base))
        .map(|span| trim_line_breaks(text, span))
        .collect();
    link_definitions.sort();
    let mut scan = BodyScan {
        link_definitions,
        ..BodyScan::default()
    };
    let mut depth = 0usize;
    let mut link_depth = 0usize;
    // The current top-level item being built.
    let mut heading: Option<Heading> = None;
    let mut block: Option<Block> = None;
    let mut outside_text = false;
    let mut non_comment_html = false;
    let mut link_stack: Vec<Link> = Vec::new();
    let mut heading_content: Option<ByteSpan> = None;
    let mut in_html_block = false;
    // Open lists (true: ordered) and items of the current block, innermost last.
    let mut list_stack: Vec<bool> = Vec::new();
    let mut open_items: Vec<usize> = Vec::new();

    for (event, range) in parser {
        let span = ByteSpan::new(range.start + base, range.end + base);
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    outside_text = false;
                    non_comment_html = false;
                    match &tag {
                        Tag::Heading { level, .. } => {
                            let span = trim_line_breaks(text, span);
                            let (marker_span, setext) = heading_marker(text, span);
                            heading = Some(Heading {
                                level: level_number(*level),
                                span,
                                content_span: ByteSpan::empty(if setext {
                                    span.start
                                } else {
                                    marker_span.end
                                }),
                                marker_span,
                                setext,
                                links: Vec::new(),
                            });
                        }
                        _ => {
                            let kind = match &tag {
                                Tag::Paragraph => BlockKind::Paragraph,
                                Tag::List(_) => BlockKind::List,
                                Tag::BlockQuote(_) => BlockKind::BlockQuote,
                                Tag::CodeBlock(_) => BlockKind::Code,
                                Tag::HtmlBlock => BlockKind::Html,
                                _ => BlockKind::Other,
                            };
                            block = Some(Block {
                                kind,
                                span: trim_line_breaks(text, span),
                                links: Vec::new(),
                                only_links: false,
                                only_comments: false,
                                items: Vec::new(),
                            });
                        }
                    }
                }
                match &tag {
                    _ if !list_items => {}
                    Tag::List(start) if depth > 0 => list_stack.push(start.is_some()),
                    Tag::List(start) => list_stack = vec![start.is_some()],
                    Tag::Item => {
                        if let Some(b) = block.as_mut() {
                            open_items.push(b.items.len());
                            b.items.push(ListItem {
                                nesting: list_stack.len().saturating_sub(1) as u8,
                                ordered: list_stack.last().copied().unwrap_or(false),
                                span: trim_line_breaks(text, span),
                                lead_span: ByteSpan::empty(span.start),
                                links: Vec::new(),
                            });
                        }
                    }
                    Tag::Paragraph => {
                        if let (Some(b), Some(&i)) = (block.as_mut(), open_items.last()) {
                            let item = &mut b.items[i];
                            if item.lead_span.is_empty() && item.lead_span.start == item.span.start
                            {
                                item.lead_span = trim_line_breaks(text, span);
                            }
                        }
                    }
                    _ => {}
                }
                if matches!(tag, Tag::HtmlBlock) {
                    in_html_block = true;
                }
                if let Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } = &tag
                {
                    link_depth += 1;
                    let (text_span, url_span) = match link_type {
                        LinkType::Inline => inline_link_parts(text, span),
                        LinkType::Autolink | LinkType::Email => {
                            (None, Some(ByteSpan::new(span.start + 1, span.end - 1)))
                        }
                        _ => (None, None),
                    };
                    link_stack.push(Link {
                        span,
                        text_span,
                        url_span,
                        url: dest_url.to_string(),
                        plain_text: String::new(),
                    });
                }
                if depth >= 1 && heading.is_some() {
                    extend(&mut heading_content, span);
                }
                depth += 1;
            }
            Event::End(tag_end) => {
                depth -= 1;
                if tag_end == TagEnd::Link {
                    link_depth -= 1;
                    if let Some(link) = link_stack.pop() {
                        if let Some(h) = heading.as_mut() {
                            h.links.push(link);
                        } else if let Some(b) = block.as_mut() {
                            for &i in &open_items {
                                b.items[i].links.push(link.clone());
                            }
                            b.links.push(link);
                        }
                    }
                }
                match tag_end {
                    _ if !list_items => {}
                    TagEnd::Item => {
                        if let (Some(b), Some(i)) = (block.as_mut(), open_items.pop()) {
                            // A tight item's text arrives without a paragraph.
                            let item = &mut b.items[i];
                            if item.lead_span.is_empty() {
                                item.lead_span = first_line_after_marker(text, item.span);
                            }
                        }
                    }
                    TagEnd::List(_) => {
                        list_stack.pop();
                    }
                    _ => {}
                }
                if tag_end == TagEnd::HtmlBlock {
                    in_html_block = false;
                    if let Some(b) = block.as_ref() {
                        non_comment_html |= scan_comments(text, b.span, &mut scan.comments);
                    }
                }
                if depth == 0 {
                    if let Some(mut h) = heading.take() {
                        if let Some(content) = heading_content.take() {
                            h.content_span = content;
                        }
                        scan.headings.push(h);
                    }
                    if let Some(mut b) = block.take() {
                        if b.kind == BlockKind::Paragraph {
                            no_break_headings(text, b.span, &mut scan.no_break_headings);
                        }
                        b.only_links = !b.links.is_empty() && !outside_text;
                        b.only_comments = b.kind == BlockKind::Html && !non_comment_html;
                        scan.blocks.push(b);
                    }
                }
            }
            Event::Text(ref s) | Event::Code(ref s) => {
                if link_depth == 0 && !is_separator_text(s) {
                    outside_text = true;
                }
                for link in &mut link_stack {
                    link.plain_text.push_str(s);
                }
                if heading.is_some() {
                    extend(&mut heading_content, span);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                // An HTML block arrives line by line: its comments are read at its end.
                if !in_html_block
                    && scan_comments(text, span, &mut scan.comments)
                    && link_depth == 0
                {
                    outside_text = true;
                }
                if heading.is_some() {
                    extend(&mut heading_content, span);
                }
            }
            Event::Rule => scan.blocks.push(Block {
                kind: BlockKind::Rule,
                span: trim_line_breaks(text, span),
                links: Vec::new(),
                only_links: false,
                only_comments: false,
                items: Vec::new(),
            }),
            Event::SoftBreak | Event::HardBreak => {
                for link in &mut link_stack {
                    link.plain_text.push(' ');
                }
                if heading.is_some() {
                    extend(&mut heading_content, span);
                }
            }
            _ => {
                if link_depth == 0 {
                    outside_text = true;
                }
                if heading.is_some() {
                    extend(&mut heading_content, span);
                }
            }
        }
    }
    scan
}

/// The text of an item's first line after its marker (`- `, `3. `).
fn first_line_after_marker(text: &str, item: ByteSpan) -> ByteSpan {
    let raw = item.slice(text);
    let line_end = raw.find(['\n', '\r']).unwrap_or(raw.len());
    let line = &raw[..line_end];
    let after_marker = line
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['-', '*', '+', '.', ')']);
    let start =
        line_end - after_marker.len() + (after_marker.len() - after_marker.trim_start().len());
    ByteSpan::new(item.start + start, item.start + line_end)
}

/// Records the HTML comments inside `span`; true when there is HTML besides comments.
fn scan_comments(text: &str, span: ByteSpan, comments: &mut Vec<HtmlComment>) -> bool {
    let raw = span.slice(text);
    let mut rest = String::new();
    let mut last = 0;
    for m in COMMENT.captures_iter(raw) {
        let whole = m.get(0).unwrap();
        let inner = m.get(1).unwrap();
        comments.push(HtmlComment {
            span: ByteSpan::new(span.start + whole.start(), span.start + whole.end()),
            body_span: ByteSpan::new(span.start + inner.start(), span.start + inner.end()),
        });
        rest.push_str(&raw[last..whole.start()]);
        last = whole.end();
    }
    rest.push_str(&raw[last..]);
    !rest.trim().is_empty()
}

/// Records the lines of the paragraph at `span` that start like an ATX heading with a
/// no-break space (U+00A0 or U+202F) where the space belongs.
fn no_break_headings(text: &str, span: ByteSpan, found: &mut Vec<NoBreakHeading>) {
    let raw = span.slice(text);
    let mut offset = 0;
    // Lines end at LF, CRLF or a lone CR.
    for line in raw.split(['\n', '\r']) {
        let start = span.start + offset;
        offset += line.len() + 1;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let hashes = line[indent..].bytes().take_while(|&b| b == b'#').count();
        let rest = &line[indent + hashes..];
        let Some(space) = rest.chars().next() else {
            continue;
        };
        if !(1..=6).contains(&hashes) || !matches!(space, '\u{a0}' | '\u{202f}') {
            continue;
        }
        let space_start = start + indent + hashes;
        let after = &rest[space.len_utf8()..];
        let name = after
            .trim_start_matches(|c: char| c.is_whitespace())
            .trim_end();
        let name_start = space_start
            + space.len_utf8()
            + (after.len() - after.trim_start_matches(|c: char| c.is_whitespace()).len());
        found.push(NoBreakHeading {
            level: hashes as u8,
            space_span: ByteSpan::new(space_start, space_start + space.len_utf8()),
            line_span: ByteSpan::new(start, start + line.len()),
            name_span: ByteSpan::new(name_start, name_start + name.len()),
        });
    }
}

/// Grows the heading's content span to cover `span`.
fn extend(content: &mut Option<ByteSpan>, span: ByteSpan) {
    *content = Some(match *content {
        None => span,
        Some(c) => ByteSpan::new(c.start.min(span.start), c.end.max(span.end)),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(text: &str) -> BodyScan {
        scan(text, ByteSpan::new(0, text.len()))
    }

    #[test]
    fn link_definitions_are_recorded_without_their_line_break() {
        let text = "--# 1. T\n\n[a]: https://a\n[b]: <x> \"t\"\n\ntext [a]\n";
        let s = scan(text, ByteSpan::new(2, text.len()));
        let found: Vec<&str> = s.link_definitions.iter().map(|d| d.slice(text)).collect();
        assert_eq!(found, ["[a]: https://a", "[b]: <x> \"t\""]);
        // Not a block: readers see nothing of them.
        assert!(
            s.blocks
                .iter()
                .all(|b| !b.span.slice(text).contains("[a]:"))
        );
    }

    #[test]
    fn blocks_left_open_run_over_headings() {
        let open = |text: &str| {
            let s = scan_all(text);
            s.blocks.iter().any(|b| b.left_open(text))
        };
        // Left open: what follows, headings included, stays HTML.
        assert!(open("<!x note\n\n## Method\n"));
        assert!(open("<!-- a note\n\n## Method\n"));
        assert!(open("<pre>\ncode\n\n## Method\n"));
        // Closed, or a kind that a blank line ends.
        assert!(!open("<!x note>\n\n## Method\n"));
        assert!(!open("<!-- a note -->\n\n## Method\n"));
        assert!(!open("<video src=\"a.mp4\">\n\n## Method\n"));
        assert!(!open("<prefix>\n\n## Method\n"));
        assert!(!open("text\n"));
        // Fenced code: open until a fence as long, of the same character.
        assert!(open("```\ncode\n\n## Method\n"));
        assert!(open("````\ncode\n```\n\n## Method\n"));
        assert!(!open("```\ncode\n```\n\n## Method\n"));
        assert!(!open("~~~\ncode\n~~~~\n\n## Method\n"));
        assert!(!open("    indented\n\n## Method\n"));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_it_does_for_kramdown() {
        // An HTML block of kind 4 ends on its own line; the heading after it is one.
        for text in [
            "<!x note>\r\r## Method\rtext\r",
            "<!x note>\n\n## Method\ntext\n",
        ] {
            let s = scan_all(text);
            let heading = s.headings.first().map(|h| h.span.slice(text));
            assert_eq!(heading, Some("## Method"), "{text:?}");
        }
        // Only lone ones change, byte for byte.
        assert_eq!(
            lone_carriage_returns_as_line_feeds("a\rb\r\nc\r"),
            "a\nb\r\nc\n"
        );
        assert!(matches!(
            lone_carriage_returns_as_line_feeds("a\r\nb\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn headings_with_links_and_spans() {
        let text = "# 1. [A  B](https://arxiv.org/abs/2508.20751)\n\n## Method  \ntext\n";
        let s = scan_all(text);
        assert_eq!(s.headings.len(), 2);
        let h = &s.headings[0];
        assert_eq!(h.level, 1);
        assert_eq!(
            h.content(text),
            "1. [A  B](https://arxiv.org/abs/2508.20751)"
        );
        assert_eq!(h.marker_span.slice(text), "#");
        let link = &h.links[0];
        assert_eq!(link.text_span.unwrap().slice(text), "A  B");
        assert_eq!(
            link.url_span.unwrap().slice(text),
            "https://arxiv.org/abs/2508.20751"
        );
        assert_eq!(s.headings[1].content(text), "Method");
    }

    #[test]
    fn code_and_comments_hide_headings() {
        let text = "```\n# not\n```\n\n    # not either\n\n<!--\n# nor\n-->\n\nSetext\n===\n";
        let s = scan_all(text);
        assert_eq!(s.headings.len(), 1);
        assert!(s.headings[0].setext);
        assert_eq!(s.headings[0].content(text), "Setext");
        assert_eq!(s.headings[0].marker_span.slice(text), "===");
        assert_eq!(s.comments.len(), 1);
        assert!(s.blocks.iter().any(|b| b.only_comments));
    }

    #[test]
    fn companion_blockquote_is_only_links() {
        let text = "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.20751)\n\nSome [text](x) here\n";
        let s = scan_all(text);
        assert!(s.blocks[0].only_links);
        assert_eq!(s.blocks[0].kind, BlockKind::BlockQuote);
        assert!(!s.blocks[1].only_links);
    }

    #[test]
    fn names_titles_and_no_break_headings() {
        let text = "# 1. [A \\[B\\] *c* `d`](u)\n\n## Results <!-- check -->\n\n##\u{a0}Method\r\ntext\r##\u{a0}Limitations\n    ##\u{a0}code\n####### x\n";
        let s = scan_all(text);
        assert_eq!(s.headings[0].links[0].plain_text, "A [B] c d");
        assert_eq!(s.headings[1].name(text), "Results");
        let names: Vec<&str> = s
            .no_break_headings
            .iter()
            .map(|h| h.name_span.slice(text))
            .collect();
        assert_eq!(names, ["Method", "Limitations"]);
        let first = &s.no_break_headings[0];
        assert_eq!((first.level, first.space_span.slice(text)), (2, "\u{a0}"));
        assert_eq!(first.line_span.slice(text), "##\u{a0}Method");
    }

    #[test]
    fn crlf_heading_spans_exclude_the_break() {
        let text = "# 1. [T](u)\r\n\r\n## Intro\r\n";
        let s = scan_all(text);
        assert_eq!(s.headings[0].span.slice(text), "# 1. [T](u)");
        assert_eq!(s.headings[1].content(text), "Intro");
    }
}

//! The syntax model of a digest post: parsed once, shared by every rule.
//!
//! [`Post::parse`] splits the front matter off as Jekyll does ([`front_matter`]), scans
//! the Markdown body once with pulldown-cmark ([`markdown`]) and groups the headings and
//! blocks into papers and sections. Every node holds **byte spans** into the original text.

pub mod front_matter;
pub mod markdown;
pub mod yaml11;

use crate::arxiv::{self, ArxivUrl, UrlError};
use crate::text::{ByteSpan, LineIndex};
pub use front_matter::{FrontMatter, FrontMatterEntry, QuoteStyle, YamlKind, YamlNode};
pub use markdown::{Block, BlockKind, BodyScan, Heading, HtmlComment, Link, NoBreakHeading};
use regex::Regex;
use std::sync::LazyLock;

/// What the parser needs to know of the post schema (from the configuration).
#[derive(Debug, Clone)]
pub struct SyntaxOptions {
    /// Heading level of paper headings (1 for `#`).
    pub paper_level: u8,
    /// Section names (compared case-insensitively, a trailing `:` ignored), so that a
    /// section name at the wrong level is still recognised as that section.
    pub section_names: Vec<String>,
}

impl Default for SyntaxOptions {
    fn default() -> Self {
        Self {
            paper_level: 1,
            section_names: [
                "Introduction",
                "Method",
                "Results",
                "Limitations",
                "Conclusion",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// The `N` of `# N. [Title](URL)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaperNumber {
    /// The number as written (saturating at `u32::MAX`).
    pub value: u32,
    /// Byte span of the digits.
    pub span: ByteSpan,
}

/// A link text that the author broke across lines: `# 1. [Title start` then, in the
/// next block, `title end](URL)`. CommonMark ends an ATX heading at the line break,
/// so the heading loses the link.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenLink {
    /// Byte span from just after `[` in the heading to the `]` in the continuation.
    pub title_span: ByteSpan,
    /// The title with its line breaks and blank lines joined by single spaces.
    pub joined_title: String,
    /// Byte span of the URL inside `](…)`.
    pub url_span: ByteSpan,
    /// Byte span of the continuation block.
    pub continuation_span: ByteSpan,
}

/// The heading that opens a paper block.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperHeading {
    /// The heading itself (level, spans, links).
    pub heading: Heading,
    /// The paper number, if the heading starts with `N.`.
    pub number: Option<PaperNumber>,
    /// Byte span of the `.` after the number.
    pub number_period: Option<ByteSpan>,
    /// The heading's first link (intact links only).
    pub link: Option<Link>,
    /// Byte span of the title (the link text), when the link is intact.
    pub title_span: Option<ByteSpan>,
    /// Byte span of the URL (the intact link's, or the broken link's).
    pub url_span: Option<ByteSpan>,
    /// The arXiv reading of the URL, when there is a URL.
    pub arxiv: Option<Result<ArxivUrl, UrlError>>,
    /// Set when the link text is broken across lines.
    pub broken_link: Option<BrokenLink>,
}

impl PaperHeading {
    /// The paper's arXiv URL, when the heading has a valid one.
    pub fn arxiv_url(&self) -> Option<&ArxivUrl> {
        self.arxiv.as_ref().and_then(|r| r.as_ref().ok())
    }

    /// The title as written (the link text), or the joined title of a broken link.
    pub fn title<'t>(&'t self, text: &'t str) -> Option<&'t str> {
        match (&self.title_span, &self.broken_link) {
            (Some(span), _) => Some(span.slice(text)),
            (None, Some(broken)) => Some(&broken.joined_title),
            _ => None,
        }
    }
}

/// A section: a heading naming a section and its content up to the next heading of
/// its level or above (or the end of the paper).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's text as written, trimmed, HTML comments removed.
    pub name: String,
    /// The heading.
    pub heading: Heading,
    /// Byte span from the heading's start to the section's end.
    pub span: ByteSpan,
    /// Byte span of the content after the heading line, trailing blank lines trimmed
    /// (empty at the end of the heading line when there is no content).
    pub content_span: ByteSpan,
    /// Indices into [`Post::blocks`] of the top-level blocks in the content.
    pub blocks: Vec<usize>,
    /// True when the heading is at the section level; false for a configured section
    /// name at another level (`### Method`).
    pub at_section_level: bool,
}

impl Section {
    /// The section's content as written.
    pub fn content<'t>(&self, text: &'t str) -> &'t str {
        self.content_span.slice(text)
    }
}

/// One paper block: its heading and everything up to the next paper heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    /// 0-based position of the paper in the post (its expected number is `position + 1`).
    pub position: usize,
    /// Byte span from the paper heading to the next paper heading (or the end of the body).
    pub span: ByteSpan,
    /// The paper heading.
    pub heading: PaperHeading,
    /// Indices into [`Post::blocks`] of link-only blocks before the first section.
    pub companion_blocks: Vec<usize>,
    /// Byte spans of other content before the first section (blocks and non-section headings).
    pub preamble: Vec<ByteSpan>,
    /// The sections in document order.
    pub sections: Vec<Section>,
    /// Indices into [`Post::headings`] of headings inside the paper that are neither
    /// sections nor the paper heading.
    pub other_headings: Vec<usize>,
    /// Indices into [`Post::blocks`] of all blocks in the paper.
    pub blocks: Vec<usize>,
}

/// A parsed digest post. Spans are byte offsets into [`Post::text`].
#[derive(Debug, Clone)]
pub struct Post<'a> {
    /// The whole text of the file, BOM included.
    pub text: &'a str,
    /// Byte length of a leading UTF-8 BOM (0 or 3).
    pub bom_len: usize,
    /// The front matter, when the post starts with `---`.
    pub front_matter: Option<FrontMatter>,
    /// Byte span of the Markdown body (after the front matter).
    pub body_span: ByteSpan,
    /// All headings of the body, in document order.
    pub headings: Vec<Heading>,
    /// All top-level non-heading blocks of the body, in document order.
    pub blocks: Vec<Block>,
    /// All HTML comments of the body (suppression comments among them).
    pub comments: Vec<HtmlComment>,
    /// Lines that would be headings but for a no-break space after the `#`s.
    pub no_break_headings: Vec<NoBreakHeading>,
    /// The papers in document order.
    pub papers: Vec<Paper>,
    /// Byte spans of content between the front matter and the first paper heading
    /// (HTML comments excluded).
    pub before_first_paper: Vec<ByteSpan>,
    /// Line starts, for turning spans into lines and columns at the edges.
    pub line_index: LineIndex,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d+)(\.)?").unwrap());
static BROKEN_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+\.\s*\[([^\]]*)$").unwrap());
static BROKEN_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^(.*?)\]\(\s*<?([^\s)>]+)>?\s*\)\s*$").unwrap());

/// Normalises a section heading for comparison with configured names.
pub fn section_key(name: &str) -> String {
    name.trim().trim_end_matches(':').trim().to_lowercase()
}

impl<'a> Post<'a> {
    /// Parses `text` (a whole post file, BOM and any line ends allowed). Never fails:
    /// problems are recorded in the model (e.g. [`FrontMatter::error`]) for rules to report.
    pub fn parse(text: &'a str, options: &SyntaxOptions) -> Post<'a> {
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let front_matter = front_matter::split(text, bom_len);
        let body_start = match &front_matter {
            Some(fm) if fm.is_closed() => fm.span.end,
            Some(_) => text.len(),
            None => bom_len,
        };
        let body_span = ByteSpan::new(body_start, text.len());
        let scan = markdown::scan(text, body_span);
        let mut post = Post {
            text,
            bom_len,
            front_matter,
            body_span,
            headings: scan.headings,
            blocks: scan.blocks,
            comments: scan.comments,
            no_break_headings: scan.no_break_headings,
            papers: Vec::new(),
            before_first_paper: Vec::new(),
            line_index: LineIndex::new(text),
        };
        post.group_papers(options);
        post
    }

    /// True when the heading opens a paper: at the paper level, or at another level but
    /// shaped like one (`### 3. [Title](URL)`).
    fn is_paper_heading(&self, heading: &Heading, options: &SyntaxOptions) -> bool {
        if heading.level == options.paper_level {
            return true;
        }
        let content = heading.content(self.text);
        let key = section_key(&heading.name(self.text));
        if options.section_names.iter().any(|n| section_key(n) == key) {
            return false;
        }
        NUMBER.is_match(content) && (content.contains('[') || !heading.links.is_empty())
    }

    fn group_papers(&mut self, options: &SyntaxOptions) {
        let section_level = options.paper_level + 1;
        let section_keys: Vec<String> = options
            .section_names
            .iter()
            .map(|n| section_key(n))
            .collect();
        let paper_starts: Vec<usize> = (0..self.headings.len())
            .filter(|&i| self.is_paper_heading(&self.headings[i], options))
            .collect();
        let body_end = self.body_span.end;
        let first_paper_start = paper_starts
            .first()
            .map_or(body_end, |&i| self.headings[i].span.start);
        self.before_first_paper = self
            .headings
            .iter()
            .map(|h| h.span)
            .chain(
                self.blocks
                    .iter()
                    .filter(|b| !b.only_comments)
                    .map(|b| b.span),
            )
            .filter(|s| s.start < first_paper_start)
            .collect();
        self.before_first_paper.sort();

        let mut papers = Vec::with_capacity(paper_starts.len());
        for (position, &heading_idx) in paper_starts.iter().enumerate() {
            let heading = self.headings[heading_idx].clone();
            let end = paper_starts
                .get(position + 1)
                .map_or(body_end, |&next| self.headings[next].span.start);
            let span = ByteSpan::new(heading.span.start, end);
            // Blocks are in document order: take the run that starts inside the paper.
            let first = self.blocks.partition_point(|b| b.span.start < span.start);
            let block_ids: Vec<usize> = (first..self.blocks.len())
                .take_while(|&b| self.blocks[b].span.start < span.end)
                .filter(|&b| {
                    span.contains_span(self.blocks[b].span) && !self.blocks[b].span.is_empty()
                })
                .collect();
            let mut paper_heading = self.paper_heading(heading);
            // A broken link swallows its continuation block.
            let continuation = paper_heading
                .broken_link
                .as_ref()
                .map(|b| b.continuation_span);
            let block_ids: Vec<usize> = block_ids
                .into_iter()
                .filter(|&b| Some(self.blocks[b].span) != continuation)
                .collect();
            if paper_heading.broken_link.is_none() && paper_heading.link.is_none() {
                paper_heading.arxiv = None;
            }

            let inner_headings: Vec<usize> = (heading_idx + 1..self.headings.len())
                .take_while(|&h| self.headings[h].span.start < end)
                .collect();
            let mut sections = Vec::new();
            let mut other_headings = Vec::new();
            for &h in &inner_headings {
                let hd = &self.headings[h];
                let name = hd.name(self.text);
                let known = section_keys.contains(&section_key(&name));
                if hd.level == section_level || (known && hd.level > section_level) {
                    sections.push((h, name, hd.level == section_level));
                } else {
                    other_headings.push(h);
                }
            }
            let sections: Vec<Section> = sections
                .iter()
                .enumerate()
                .map(|(k, (h, name, at_level))| {
                    let hd = self.headings[*h].clone();
                    // The section runs to the next section or the paper's end; deeper
                    // headings that are not sections stay inside it.
                    let section_end = sections
                        .get(k + 1)
                        .map_or(end, |(next, ..)| self.headings[*next].span.start);
                    let content_start = self
                        .line_index
                        .line_start(self.line_index.line_idx(hd.span.end) + 1);
                    let content_start =
                        content_start.clamp(hd.span.end, section_end.max(hd.span.end));
                    let trimmed_end = content_start
                        + self.text[content_start..section_end.max(content_start)]
                            .trim_end()
                            .len();
                    let content_span = if trimmed_end > content_start {
                        ByteSpan::new(content_start, trimmed_end)
                    } else {
                        ByteSpan::empty(hd.span.end)
                    };
                    let span = ByteSpan::new(hd.span.start, section_end);
                    Section {
                        name: name.clone(),
                        blocks: block_ids
                            .iter()
                            .copied()
                            .filter(|&b| span.contains_span(self.blocks[b].span))
                            .collect(),
                        heading: hd,
                        span,
                        content_span,
                        at_section_level: *at_level,
                    }
                })
                .collect();
            let first_section = sections.first().map_or(end, |s| s.span.start);
            let mut companion_blocks = Vec::new();
            let mut preamble = Vec::new();
            for &b in &block_ids {
                let block = &self.blocks[b];
                if block.span.start >= first_section || block.only_comments {
                    continue;
                }
                if block.only_links {
                    companion_blocks.push(b);
                } else {
                    preamble.push(block.span);
                }
            }
            preamble.extend(
                other_headings
                    .iter()
                    .map(|&h| self.headings[h].span)
                    .filter(|s| s.start < first_section),
            );
            preamble.sort();
            papers.push(Paper {
                position,
                span,
                heading: paper_heading,
                companion_blocks,
                preamble,
                sections,
                other_headings,
                blocks: block_ids,
            });
        }
        self.papers = papers;
    }

    /// Reads number, link, title and URL off a paper heading.
    fn paper_heading(&self, heading: Heading) -> PaperHeading {
        let content = heading.content(self.text);
        let lead = content.len() - content.trim_start().len();
        let content_start = heading.content_span.start + lead;
        let (number, number_period) = match NUMBER.captures(content.trim_start()) {
            Some(c) => {
                let digits = c.get(1).unwrap();
                (
                    Some(PaperNumber {
                        value: digits.as_str().parse().unwrap_or(u32::MAX),
                        span: ByteSpan::new(
                            content_start + digits.start(),
                            content_start + digits.end(),
                        ),
                    }),
                    c.get(2)
                        .map(|p| ByteSpan::new(content_start + p.start(), content_start + p.end())),
                )
            }
            None => (None, None),
        };
        let link = heading.links.first().cloned();
        let title_span = link.as_ref().and_then(|l| l.text_span);
        let mut url_span = link.as_ref().and_then(|l| l.url_span);
        let broken_link = if link.is_none() {
            self.broken_link(&heading)
        } else {
            None
        };
        if let Some(b) = &broken_link {
            url_span = Some(b.url_span);
        }
        let arxiv = match (&link, &broken_link) {
            (Some(l), _) => Some(arxiv::parse_url(l.url.trim())),
            (None, Some(b)) => Some(arxiv::parse_url(b.url_span.slice(self.text))),
            _ => None,
        };
        PaperHeading {
            heading,
            number,
            number_period,
            link,
            title_span,
            url_span,
            arxiv,
            broken_link,
        }
    }

    /// Finds `](URL)` in the block right after a heading that ends inside `[`.
    fn broken_link(&self, heading: &Heading) -> Option<BrokenLink> {
        let content = heading.content(self.text);
        let start = BROKEN_START.captures(content.trim())?;
        let first = start.get(1)?;
        let lead = content.len() - content.trim_start().len();
        let title_start = heading.content_span.start + lead + first.start();
        let block = self
            .blocks
            .iter()
            .find(|b| b.span.start >= heading.span.end)?;
        // Only the very next block, and only if no heading comes between.
        if self
            .headings
            .iter()
            .any(|h| h.span.start > heading.span.start && h.span.start < block.span.start)
        {
            return None;
        }
        if block.kind != BlockKind::Paragraph {
            return None;
        }
        let raw = block.span.slice(self.text);
        let end = BROKEN_END.captures(raw)?;
        let second = end.get(1)?;
        let url = end.get(2)?;
        let joined: Vec<&str> = first
            .as_str()
            .split_whitespace()
            .chain(second.as_str().split_whitespace())
            .collect();
        Some(BrokenLink {
            title_span: ByteSpan::new(title_start, block.span.start + second.end()),
            joined_title: joined.join(" "),
            url_span: ByteSpan::new(block.span.start + url.start(), block.span.start + url.end()),
            continuation_span: block.span,
        })
    }

    /// The post's front matter entry for `key`, if any.
    pub fn front_matter_entry(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.front_matter.as_ref().and_then(|fm| fm.get(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Post<'_> {
        Post::parse(text, &SyntaxOptions::default())
    }

    const POST: &str = "---\ntitle: \"T\"\n---\n\n# 1. [First  paper](https://arxiv.org/abs/2508.20751)\n> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.20751)\n\n## Introduction\n- Goal: x\n\n## Method  \ntext\n\n### Method\n\n# 2. [Second](http://arxiv.org/abs/2508.20722v2)\n\n## Results\n";

    #[test]
    fn papers_sections_and_companions() {
        let post = parse(POST);
        assert_eq!(post.papers.len(), 2);
        let p = &post.papers[0];
        assert_eq!(p.heading.number.unwrap().value, 1);
        assert_eq!(p.heading.title(POST), Some("First  paper"));
        assert_eq!(p.companion_blocks.len(), 1);
        assert!(p.preamble.is_empty());
        let names: Vec<_> = p
            .sections
            .iter()
            .map(|s| (s.name.as_str(), s.at_section_level))
            .collect();
        assert_eq!(
            names,
            [("Introduction", true), ("Method", true), ("Method", false)]
        );
        assert_eq!(p.sections[1].content(POST), "text");
        assert!(p.sections[2].content(POST).is_empty());
        let second = &post.papers[1];
        assert_eq!(
            second.heading.arxiv_url().unwrap().id.to_string(),
            "2508.20722v2"
        );
    }

    #[test]
    fn broken_link_text_is_joined() {
        let text = "---\n---\n### 1. [Pref-GRPO: Stable\n\nText-to-Image Learning](https://arxiv.org/abs/2508.20751)\n\n제목: x\n\n## Introduction\n";
        let post = parse(text);
        let p = &post.papers[0];
        let broken = p.heading.broken_link.as_ref().expect("broken link");
        assert_eq!(
            broken.joined_title,
            "Pref-GRPO: Stable Text-to-Image Learning"
        );
        assert_eq!(
            broken.url_span.slice(text),
            "https://arxiv.org/abs/2508.20751"
        );
        assert_eq!(p.heading.heading.level, 3);
        assert_eq!(p.preamble.len(), 1);
        assert!(p.heading.arxiv_url().is_some());
    }

    #[test]
    fn content_before_first_paper_and_empty_posts() {
        let post = parse(
            "---\n---\nhello\n<!-- digest-lint-disable -->\n\n# 1. [A](https://arxiv.org/abs/2508.20751)\n",
        );
        assert_eq!(post.before_first_paper.len(), 1);
        assert!(parse("---\nlayout: post\n---\n").papers.is_empty());
        assert!(parse("").front_matter.is_none());
    }

    #[test]
    fn bom_and_unclosed_front_matter() {
        let text = "\u{feff}---\ntitle: x\n";
        let post = parse(text);
        assert_eq!(post.bom_len, 3);
        assert!(!post.front_matter.as_ref().unwrap().is_closed());
        assert!(post.body_span.is_empty());
    }
}

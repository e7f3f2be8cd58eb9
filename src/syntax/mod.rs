//! The syntax model of a digest post: parsed once, shared by every rule.
//!
//! [`Post::parse`] splits the front matter off as Jekyll does ([`front_matter`]), scans
//! the Markdown body once with pulldown-cmark ([`markdown`]) and groups the headings and
//! blocks into papers and sections. Every node holds **byte spans** into the original text.

pub mod front_matter;
mod links;
mod list_items;
pub mod markdown;
mod paper_headings;
mod sections;
pub use sections::{SUMMARY, section_key};
mod whole_post;
pub mod yaml11;

use crate::arxiv::{ArxivUrl, UrlError};
use crate::layout::{FrontMatterPolicy, Layout, LinkPlace, PaperUnit, SectionStyle};
use crate::text::{ByteSpan, LineIndex};
pub use front_matter::{FrontMatter, FrontMatterEntry, QuoteStyle, YamlKind, YamlNode};
pub use markdown::{
    Block, BlockKind, BodyScan, Heading, HtmlComment, Link, ListItem, NoBreakHeading,
};
use std::sync::Arc;

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

/// A section of a paper: a name and its content, written as the layout says (a
/// heading, a bold label, a labelled bullet, or the paper's whole summary).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The name as written, trimmed (without the label's `:` or markup, HTML comments
    /// removed).
    pub name: String,
    /// Byte span of the name as written.
    pub name_span: ByteSpan,
    /// How the section is written.
    pub style: SectionStyle,
    /// The section heading ([`SectionStyle::Headings`] only).
    pub heading: Option<Heading>,
    /// Byte span from the section's start (heading, label or bullet) to its end.
    pub span: ByteSpan,
    /// Byte span of the content after the name, trailing blank lines trimmed (empty at
    /// the end of the name when there is no content).
    pub content_span: ByteSpan,
    /// Indices into [`Post::blocks`] of the top-level blocks in the content (headings only).
    pub blocks: Vec<usize>,
    /// True when the section is written as the layout says at the right level; false
    /// for a configured section name at another heading level (`### Method`).
    pub at_section_level: bool,
}

impl Section {
    /// The section's content as written.
    pub fn content<'t>(&self, text: &'t str) -> &'t str {
        self.content_span.slice(text)
    }
}

/// A paper's title as written.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperTitle {
    /// Byte span of the title (link text, heading text, bold text or front matter value).
    pub span: ByteSpan,
    /// The title with line breaks and indentation joined by single spaces, when it is
    /// written across lines.
    pub joined: Option<String>,
}

impl PaperTitle {
    /// The title as a reader sees it (joined when written across lines).
    pub fn text<'t>(&'t self, text: &'t str) -> &'t str {
        self.joined
            .as_deref()
            .unwrap_or_else(|| self.span.slice(text))
    }
}

/// A link of a paper to its paper page (arXiv, or a host such as huggingface.co/papers
/// that names the arXiv identifier).
#[derive(Debug, Clone, PartialEq)]
pub struct PaperLink {
    /// Where the layout found it.
    pub place: LinkPlace,
    /// Byte span of the whole link (or the front matter value).
    pub span: ByteSpan,
    /// Byte span of the URL as written; `None` for a reference link.
    pub url_span: Option<ByteSpan>,
    /// The URL as read (unescaped), or the front matter value.
    pub url: String,
    /// The arXiv reading of the URL (for a bare identifier, of its canonical URL).
    pub arxiv: Result<ArxivUrl, UrlError>,
}

/// One paper: a heading, a list item or a whole post, with everything that belongs to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    /// 0-based position of the paper in the post (its expected number is `position + 1`).
    pub position: usize,
    /// Byte span of the paper (heading to next paper heading, the list item, or the body).
    pub span: ByteSpan,
    /// The paper heading ([`PaperUnit::Heading`] only).
    pub heading: Option<PaperHeading>,
    /// The paper number, when written (`# 3.`, `3.` of a list item).
    pub number: Option<PaperNumber>,
    /// The title, when the layout found one.
    pub title: Option<PaperTitle>,
    /// The paper's links in the layout's places, in document order; the first is the
    /// paper's own link, the others must name the same paper.
    pub links: Vec<PaperLink>,
    /// Indices into [`Post::blocks`] of link-only blocks before the first section.
    pub companion_blocks: Vec<usize>,
    /// Byte spans of metadata lines the layout allows (`Authors: …`, thumbnails).
    pub metadata: Vec<ByteSpan>,
    /// Byte spans of lines that start like a declared metadata line but are not one
    /// (`[Watch Video]https://…`), with the declared prefix they resemble. The blocks
    /// holding them are in [`Paper::preamble`].
    pub malformed_metadata: Vec<(ByteSpan, String)>,
    /// Byte spans of other content before the first section (blocks and non-section headings).
    pub preamble: Vec<ByteSpan>,
    /// The sections in document order.
    pub sections: Vec<Section>,
    /// Indices into [`Post::headings`] of headings inside the paper that are neither
    /// sections nor the paper heading.
    pub other_headings: Vec<usize>,
    /// Indices into [`Post::blocks`] of all blocks in the paper (none for a list item:
    /// its list block holds the other papers too).
    pub blocks: Vec<usize>,
}

impl Paper {
    /// The paper's own link (the first in the layout's places).
    pub fn link(&self) -> Option<&PaperLink> {
        self.links.first()
    }

    /// The paper's arXiv URL, when its own link is a valid one.
    pub fn arxiv_url(&self) -> Option<&ArxivUrl> {
        self.link().and_then(|l| l.arxiv.as_ref().ok())
    }

    /// The title as a reader sees it.
    pub fn title_text<'t>(&'t self, text: &'t str) -> Option<&'t str> {
        self.title.as_ref().map(|t| t.text(text))
    }
}

/// The page heading above the papers, as the layout declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct PostPageHeading {
    /// Index into [`Post::headings`].
    pub heading: usize,
    /// Byte span of the date in it, when the pattern has `{date}`.
    pub date_span: Option<ByteSpan>,
}

/// A parsed digest post. Spans are byte offsets into [`Post::text`].
#[derive(Debug, Clone)]
pub struct Post<'a> {
    /// The whole text of the file, BOM included.
    pub text: &'a str,
    /// The layout the post was read with.
    pub layout: Arc<Layout>,
    /// Byte length of a leading UTF-8 BOM (0 or 3).
    pub bom_len: usize,
    /// The front matter, when the post starts with `---` (never for layouts without).
    pub front_matter: Option<FrontMatter>,
    /// Byte span of the Markdown body (after the front matter).
    pub body_span: ByteSpan,
    /// All headings of the body, in document order.
    pub headings: Vec<Heading>,
    /// All top-level non-heading blocks of the body, in document order.
    pub blocks: Vec<Block>,
    /// All HTML comments of the body (suppression comments among them).
    pub comments: Vec<HtmlComment>,
    /// The page heading, when the layout declares one and the post has it.
    pub page_heading: Option<PostPageHeading>,
    /// Lines that would be headings but for a no-break space after the `#`s.
    pub no_break_headings: Vec<NoBreakHeading>,
    /// Link reference definitions of the body (readers never see them), sorted.
    pub link_definitions: Vec<ByteSpan>,
    /// The papers in document order.
    pub papers: Vec<Paper>,
    /// Byte spans of content between the front matter and the first paper (HTML
    /// comments, the page heading and its lead excluded).
    pub before_first_paper: Vec<ByteSpan>,
    /// Line starts, for turning spans into lines and columns at the edges.
    pub line_index: LineIndex,
    /// The layout's section names as [`section_key`]s, computed once per post.
    pub(crate) section_keys: Vec<String>,
}

impl<'a> Post<'a> {
    /// Parses `text` (a whole post file, BOM and any line ends allowed) as `layout`
    /// describes it. Never fails: problems are recorded in the model (e.g.
    /// [`FrontMatter::error`]) for rules to report.
    pub fn parse(text: &'a str, layout: &Arc<Layout>) -> Post<'a> {
        Post::parse_with(text, layout, layout.needs_list_items())
    }

    /// [`Post::parse`], recording list items ([`Block::items`]) even when the layout
    /// does not need them (`digest-lint init` reads them to infer a layout).
    pub fn parse_with(text: &'a str, layout: &Arc<Layout>, list_items: bool) -> Post<'a> {
        let bom_len = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let front_matter = match layout.front_matter {
            FrontMatterPolicy::None => None,
            _ => front_matter::split(text, bom_len),
        };
        let body_start = match &front_matter {
            Some(fm) if fm.is_closed() => fm.span.end,
            Some(_) => text.len(),
            None => bom_len,
        };
        let body_span = ByteSpan::new(body_start, text.len());
        let scan = markdown::scan_with(text, body_span, list_items);
        let mut post = Post {
            text,
            layout: layout.clone(),
            bom_len,
            front_matter,
            body_span,
            headings: scan.headings,
            blocks: scan.blocks,
            comments: scan.comments,
            page_heading: None,
            no_break_headings: scan.no_break_headings,
            link_definitions: scan.link_definitions,
            papers: Vec::new(),
            before_first_paper: Vec::new(),
            line_index: LineIndex::new(text),
            section_keys: layout
                .sections
                .names
                .iter()
                .map(|n| section_key(n))
                .collect(),
        };
        post.page_heading = post.find_page_heading();
        post.papers = match layout.paper.unit {
            PaperUnit::Heading => paper_headings::papers(&post),
            PaperUnit::ListItem => list_items::papers(&post),
            PaperUnit::Post => whole_post::papers(&post),
        };
        post.before_first_paper = post.content_before_first_paper();
        post
    }

    /// The first heading that matches the layout's page heading, before any paper.
    fn find_page_heading(&self) -> Option<PostPageHeading> {
        let pattern = self.layout.page_heading.as_ref()?;
        self.headings.iter().enumerate().take(3).find_map(|(i, h)| {
            let content = h.content(self.text);
            let date = pattern.matches(h.level, content)?;
            Some(PostPageHeading {
                heading: i,
                date_span: date.map(|r| {
                    ByteSpan::new(h.content_span.start + r.start, h.content_span.start + r.end)
                }),
            })
        })
    }

    /// Content between the front matter and the first paper, the page heading and the
    /// lead under it excluded.
    fn content_before_first_paper(&self) -> Vec<ByteSpan> {
        let first_paper_start = self
            .papers
            .first()
            .map_or(self.body_span.end, |p| p.span.start);
        if self.layout.paper.unit == PaperUnit::Post {
            return Vec::new();
        }
        let lead_start = self
            .page_heading
            .as_ref()
            .map_or(usize::MAX, |p| self.headings[p.heading].span.start);
        let mut spans: Vec<ByteSpan> = self
            .headings
            .iter()
            .map(|h| h.span)
            .chain(
                self.blocks
                    .iter()
                    .filter(|b| !b.only_comments)
                    .map(|b| b.span),
            )
            .filter(|s| s.start < first_paper_start && s.start < lead_start)
            .collect();
        spans.sort();
        spans
    }

    /// The post's front matter entry for `key`, if any.
    pub fn front_matter_entry(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.front_matter.as_ref().and_then(|fm| fm.get(key))
    }

    /// Indices of the blocks that start inside `span` (blocks are in document order).
    pub(crate) fn blocks_in(&self, span: ByteSpan) -> Vec<usize> {
        let first = self.blocks.partition_point(|b| b.span.start < span.start);
        (first..self.blocks.len())
            .take_while(|&b| self.blocks[b].span.start < span.end)
            .filter(|&b| span.contains_span(self.blocks[b].span) && !self.blocks[b].span.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Post<'_> {
        Post::parse(text, &Arc::new(Layout::default()))
    }

    const POST: &str = "---\ntitle: \"T\"\n---\n\n# 1. [First  paper](https://arxiv.org/abs/2508.20751)\n> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.20751)\n\n## Introduction\n- Goal: x\n\n## Method  \ntext\n\n### Method\n\n# 2. [Second](http://arxiv.org/abs/2508.20722v2)\n\n## Results\n";

    #[test]
    fn papers_sections_and_companions() {
        let post = parse(POST);
        assert_eq!(post.papers.len(), 2);
        let p = &post.papers[0];
        assert_eq!(p.number.unwrap().value, 1);
        assert_eq!(p.title_text(POST), Some("First  paper"));
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
        assert_eq!(second.arxiv_url().unwrap().id.to_string(), "2508.20722v2");
    }

    #[test]
    fn broken_link_text_is_joined() {
        let text = "---\n---\n### 1. [Pref-GRPO: Stable\n\nText-to-Image Learning](https://arxiv.org/abs/2508.20751)\n\n제목: x\n\n## Introduction\n";
        let post = parse(text);
        let p = &post.papers[0];
        let broken = p
            .heading
            .as_ref()
            .unwrap()
            .broken_link
            .as_ref()
            .expect("broken link");
        assert_eq!(
            broken.joined_title,
            "Pref-GRPO: Stable Text-to-Image Learning"
        );
        assert_eq!(
            broken.url_span.slice(text),
            "https://arxiv.org/abs/2508.20751"
        );
        assert_eq!(p.heading.as_ref().unwrap().heading.level, 3);
        assert_eq!(p.preamble.len(), 1);
        assert!(p.arxiv_url().is_some());
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

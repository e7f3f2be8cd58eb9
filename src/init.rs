//! `digest-lint init`: infer a blog's layouts from a sample of its posts and write them
//! as a commented `digest-lint.toml`.
//!
//! Each post is read for what its papers look like (headings or ordered-list items, the
//! title in a link, as text or in bold, where the links are, how sections are written,
//! metadata lines, a page heading, where the date comes from). Posts that read the same
//! form one layout, included by the folders they live in.

use crate::arxiv;
use crate::layout::{self, PathDate};
use crate::syntax::{BlockKind, Post, section_key};
use regex::Regex;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap());
static BOLD_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\*{2,3}([^*\n]{1,60}?)\s*[:：]\s*\*{2,3}|\*{2,3}([^*\n]{1,60}?)\*{2,3}\s*[:：]")
        .unwrap()
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\d+[.)]").unwrap());
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*+]\s+)?(?:\*{2,3}([^*\n]{1,60}?)\s*[:：]?\*{2,3}\s*[:：]?|([^\s:：\[!<*][^:：\n]{0,30})[:：])")
        .unwrap()
});

/// One post of the sample: its path relative to the site and its text.
pub struct SamplePost {
    /// Path relative to the folder `init` reads, with `/` separators.
    pub path: String,
    /// The whole path, with `/` separators: a date in folder names above the folder
    /// `init` reads (`logs/2025/04/` read from inside) still dates the post.
    pub full_path: String,
    /// The whole file.
    pub text: String,
}

/// An inferred layout and the posts it was inferred from.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// Its `[[layout]]` keys as (key, TOML value, comment), `None` when the posts are in
    /// the default layout.
    pub shape: Shape,
    /// The posts that read this way.
    pub posts: Vec<String>,
}

/// What one post looks like.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Shape {
    front_matter: &'static str,
    date: Vec<String>,
    page_heading: Option<String>,
    unit: &'static str,
    level: u8,
    numbered: bool,
    title: &'static str,
    links: Vec<String>,
    hosts: Vec<String>,
    metadata: Vec<String>,
    sections_as: &'static str,
    section_level: u8,
    names: Vec<String>,
}

impl Shape {
    /// True for DIGEST_FORMAT.md's layout.
    pub fn is_default(&self) -> bool {
        let d = layout::DEFAULT_SECTIONS;
        self.front_matter == "required"
            && self.unit == "heading"
            && self.level == 1
            && self.numbered
            && self.title == "link"
            && self.page_heading.is_none()
            && self.metadata.is_empty()
            && self.sections_as == "headings"
            && self.names.iter().all(|n| d.contains(&n.as_str()))
            && self.hosts.iter().all(|h| h == "arxiv.org")
    }
}

fn id_in(url: &str) -> bool {
    arxiv::parse_url(url).is_ok() || (url.contains("://") && arxiv::find_id_in_url(url).is_some())
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    Some(host.trim_start_matches("www.").to_string())
}

/// Reads one post's shape; `None` when no papers can be seen in it.
pub fn read_shape(post: &SamplePost) -> Option<Shape> {
    let text = post.text.as_str();
    let probe = Arc::new(layout::Layout::default());
    let parsed = Post::parse_with(text, &probe, true);
    let fm = parsed.front_matter.as_ref().filter(|f| f.is_closed());
    let mut shape = Shape {
        front_matter: if fm.is_some() { "required" } else { "none" },
        date: Vec::new(),
        page_heading: None,
        unit: "heading",
        level: 1,
        numbered: true,
        title: "link",
        links: vec!["heading".into()],
        hosts: Vec::new(),
        metadata: Vec::new(),
        sections_as: "headings",
        section_level: 2,
        names: Vec::new(),
    };
    // The date.
    if fm.is_some_and(|f| f.get("date").is_some()) {
        shape.date.push("front-matter".into());
    }
    if layout::file_name_date(&post.path).is_some() {
        shape.date.push("file-name".into());
    } else if shape.date.is_empty() {
        for pattern in [
            "{yyyy}/{mm}/{dd}.md",
            "{yyyy}/{mm}/{dd}.markdown",
            "{yyyy}-{mm}-{dd}.md",
        ] {
            if PathDate::new(pattern)
                .unwrap()
                .date(&post.full_path)
                .is_some()
            {
                shape.date.push(format!("path:{pattern}"));
                break;
            }
        }
    }
    // One paper per post: an identifier in the front matter.
    if let Some(f) = fm {
        for key in ["arxiv", "arxiv_id", "arxiv-id", "paper_id", "paper"] {
            let value = f.get(key).and_then(|e| e.value.as_scalar()).map(|(v, _)| v);
            if value.is_some_and(|v| {
                arxiv::ArxivId::parse(v.trim()).is_ok()
                    || id_in(v.trim())
                    || arxiv::parse_url(&format!("https://arxiv.org/abs/{}", v.trim()))
                        .is_err_and(|e| matches!(e, arxiv::UrlError::Malformed { .. }))
            }) {
                shape.unit = "post";
                shape.numbered = false;
                shape.title = "text";
                shape.links = vec![format!("front-matter:{key}")];
                shape.section_level = 2;
                read_sections(
                    &parsed,
                    text,
                    &mut shape,
                    parsed.body_span.start,
                    text.len(),
                );
                return Some(shape);
            }
        }
    }
    // Paper headings: per level, headings with an identifier link in them or right below.
    let mut by_level: BTreeMap<u8, (usize, usize, usize)> = BTreeMap::new(); // (in heading, next line, numbered)
    for (i, h) in parsed.headings.iter().enumerate() {
        let own = h.links.iter().any(|l| id_in(l.url.trim()));
        let next = !own
            && parsed
                .blocks
                .iter()
                .find(|b| b.span.start >= h.span.end)
                .filter(|b| {
                    parsed
                        .headings
                        .get(i + 1)
                        .is_none_or(|n| n.span.start > b.span.start)
                })
                .is_some_and(|b| b.only_links && b.links.iter().any(|l| id_in(l.url.trim())));
        if own || next {
            let e = by_level.entry(h.level).or_default();
            if own {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            if NUMBERED.is_match(h.content(text)) {
                e.2 += 1;
            }
        }
    }
    // Ordered-list papers: top-level ordered items with identifier links.
    let mut items = 0;
    let mut items_numbered_title = (0, 0, 0); // (bold, link, text)
    for b in parsed.blocks.iter().filter(|b| b.kind == BlockKind::List) {
        for it in b.items.iter().filter(|i| i.nesting == 0 && i.ordered) {
            if it.links.iter().any(|l| id_in(l.url.trim())) {
                items += 1;
                let lead = it.lead_span.slice(text).trim_start();
                if lead.starts_with("**") {
                    items_numbered_title.0 += 1;
                } else if lead.starts_with('[') {
                    items_numbered_title.1 += 1;
                } else {
                    items_numbered_title.2 += 1;
                }
            }
        }
    }
    let best_heading = by_level
        .iter()
        .max_by_key(|(level, (own, next, _))| (own + next, std::cmp::Reverse(**level)))
        .map(|(l, c)| (*l, *c));
    let heading_count = best_heading.map_or(0, |(_, (o, n, _))| o + n);
    if heading_count == 0 && items == 0 {
        return None;
    }
    let first_paper_start;
    if items > heading_count {
        shape.unit = "list-item";
        shape.level = 1;
        shape.title = match items_numbered_title {
            (b, l, t) if b >= l && b >= t => "bold",
            (_, l, t) if l >= t => "link",
            _ => "text",
        };
        let p = Post::parse_with(text, &Arc::new(list_probe(shape.title)), true);
        shape.links = vec!["heading".into(), "nested-item".into()];
        read_list_parts(&p, text, &mut shape);
        first_paper_start = p.papers.first().map_or(text.len(), |p| p.span.start);
    } else {
        let (level, (own, next, numbered)) = best_heading.unwrap();
        shape.level = level;
        shape.section_level = level + 1;
        shape.numbered = numbered * 2 > own + next;
        if next > own {
            shape.title = "text";
            shape.links = vec!["next-line".into()];
        }
        let mut probe = layout::Layout::default();
        probe.paper.level = level;
        probe.sections.level = level + 1;
        probe.paper.numbered = shape.numbered;
        if shape.title == "text" {
            probe.paper.title = layout::TitleStyle::Text;
            probe.paper.links = vec![layout::LinkPlace::NextLine];
        }
        let p = Post::parse_with(text, &Arc::new(probe), true);
        first_paper_start = p.papers.first().map_or(text.len(), |p| p.span.start);
        read_heading_parts(&p, text, &mut shape);
    }
    // Hosts of the paper links.
    let mut hosts: Vec<String> = parsed
        .blocks
        .iter()
        .flat_map(|b| b.links.iter())
        .chain(parsed.headings.iter().flat_map(|h| h.links.iter()))
        .filter(|l| id_in(l.url.trim()))
        .filter_map(|l| host(l.url.trim()))
        .filter(|h| h == "arxiv.org" || h == "huggingface.co")
        .collect();
    hosts.sort();
    hosts.dedup();
    shape.hosts = hosts;
    // A page heading: the first heading before the first paper.
    if let Some(h) = parsed
        .headings
        .iter()
        .find(|h| h.span.start >= parsed.body_span.start && h.span.end <= first_paper_start)
    {
        let content = h.content(text).trim();
        if DATE.is_match(content) {
            let pattern = DATE.replace(content, "{date}");
            shape.page_heading = Some(format!("{} {}", "#".repeat(h.level.into()), pattern));
        }
    }
    Some(shape)
}

fn list_probe(title: &str) -> layout::Layout {
    let mut l = layout::Layout::default();
    l.paper.unit = layout::PaperUnit::ListItem;
    l.paper.title = match title {
        "bold" => layout::TitleStyle::Bold,
        "link" => layout::TitleStyle::Link,
        _ => layout::TitleStyle::Text,
    };
    l.paper.links = vec![layout::LinkPlace::Heading, layout::LinkPlace::NestedItem];
    l.sections.style = layout::SectionStyle::None;
    l
}

/// A label at the start of a line: `**Name**:`, `- Name:`; with the text after it.
fn label_of(line: &str) -> Option<(String, String)> {
    let c = LABEL.captures(line)?;
    let name = c
        .get(1)
        .or(c.get(2))?
        .as_str()
        .trim()
        .trim_end_matches([':', '：'])
        .to_string();
    let rest = line[c.get(0)?.end()..].trim().to_string();
    (!name.is_empty() && name.chars().count() <= 40).then_some((name, rest))
}

/// Nested bullets of list papers: short `Label: value` bullets are metadata, bullets
/// with sentences are sections.
fn read_list_parts(p: &Post, text: &str, shape: &mut Shape) {
    let mut sections: Vec<String> = Vec::new();
    let mut metadata: Vec<String> = Vec::new();
    for paper in &p.papers {
        for span in paper
            .preamble
            .iter()
            .chain(paper.sections.iter().map(|s| &s.content_span))
        {
            let raw = span.slice(text);
            for line in raw.lines() {
                if line.contains("](") && !line.trim_start().starts_with("![") {
                    continue;
                }
                let Some((name, rest)) = label_of(line) else {
                    continue;
                };
                let is_sentence =
                    rest.chars().count() > 30 || rest.ends_with(['.', '。', '다', '!', '?']);
                let list = if is_sentence {
                    &mut sections
                } else {
                    &mut metadata
                };
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
    metadata.retain(|m| !sections.contains(m));
    shape.metadata = metadata.into_iter().map(|m| format!("{m}:")).collect();
    if sections.is_empty() {
        shape.sections_as = "none";
    } else {
        shape.sections_as = "labelled-bullets";
        shape.names = sections;
    }
}

/// Sections and metadata under heading papers.
fn read_heading_parts(p: &Post, text: &str, shape: &mut Shape) {
    let mut heading_names: Vec<String> = Vec::new();
    for paper in &p.papers {
        for s in &paper.sections {
            if !heading_names
                .iter()
                .any(|n| section_key(n) == section_key(&s.name))
            {
                heading_names.push(s.name.clone());
            }
        }
    }
    if !heading_names.is_empty() {
        shape.sections_as = "headings";
        shape.names = heading_names;
    } else {
        let start = p.papers.first().map_or(text.len(), |x| x.span.start);
        read_sections(p, text, shape, start, text.len());
    }
    // Metadata: short `Label:` lines and link or media lines under the heading.
    let mut metadata: Vec<String> = Vec::new();
    for paper in &p.papers {
        // Lines under the heading before the sections (all of them without sections).
        let first_section = paper
            .sections
            .first()
            .map_or(paper.span.end, |s| s.span.start);
        let spans: Vec<_> = paper
            .blocks
            .iter()
            .map(|&b| p.blocks[b].span)
            .filter(|s| shape.sections_as == "none" || s.end <= first_section)
            .collect();
        for span in spans {
            for line in span.slice(text).lines() {
                let t = line.trim();
                let paper_link = t.contains("](") && {
                    let url = t.split("](").nth(1).unwrap_or("");
                    id_in(url.trim_end_matches(')'))
                };
                let prefix = if paper_link {
                    None
                } else if t.starts_with("![") {
                    Some("![".to_string())
                } else if t.starts_with("<video") || t.starts_with("<img") {
                    Some(t[..t.find([' ', '>']).unwrap_or(t.len())].to_string())
                } else if let (true, Some(close)) = (t.starts_with('['), t.find("](")) {
                    Some(t[..close + 2].to_string())
                } else {
                    label_of(t)
                        .filter(|(_, rest)| rest.chars().count() <= 60 && !rest.ends_with('.'))
                        .filter(|(n, _)| !shape.names.contains(n))
                        .map(|(n, _)| format!("{n}:"))
                };
                if let Some(prefix) = prefix.filter(|p| !metadata.contains(p)) {
                    metadata.push(prefix);
                }
            }
        }
    }
    shape.metadata = metadata;
}

/// Sections as bold labels or labelled bullets in `text[start..end]`, else none.
fn read_sections(p: &Post, text: &str, shape: &mut Shape, start: usize, end: usize) {
    let mut bullets: Vec<String> = Vec::new();
    let mut bold: Vec<String> = Vec::new();
    for b in p
        .blocks
        .iter()
        .filter(|b| b.span.start >= start && b.span.end <= end)
    {
        match b.kind {
            BlockKind::List => {
                for it in &b.items {
                    let lead = it.lead_span.slice(text);
                    let label = label_of(lead).filter(|(_, rest)| {
                        lead.trim_start().starts_with("**") || rest.chars().count() > 20
                    });
                    if let Some((name, _)) = label.filter(|(n, _)| !bullets.contains(n)) {
                        bullets.push(name);
                    }
                }
            }
            BlockKind::Paragraph => {
                let raw = b.span.slice(text);
                for cap in BOLD_LABEL.captures_iter(raw) {
                    let name = cap
                        .get(1)
                        .or(cap.get(2))
                        .unwrap()
                        .as_str()
                        .trim()
                        .to_string();
                    if !bold.contains(&name) {
                        bold.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    if bullets.len() >= bold.len() && !bullets.is_empty() {
        shape.sections_as = "labelled-bullets";
        shape.names = bullets;
    } else if !bold.is_empty() {
        shape.sections_as = "bold-labels";
        shape.names = bold;
    } else {
        shape.sections_as = "none";
    }
}

/// Groups the sample by shape. Posts with no papers are left out.
pub fn infer(sample: &[SamplePost]) -> (Vec<Inferred>, Vec<String>) {
    let mut groups: Vec<Inferred> = Vec::new();
    let mut unread = Vec::new();
    for post in sample {
        match read_shape(post) {
            Some(shape) => match groups.iter_mut().find(|g| same_layout(&g.shape, &shape)) {
                Some(g) => {
                    merge(&mut g.shape, &shape);
                    g.posts.push(post.path.clone());
                }
                None => groups.push(Inferred {
                    shape,
                    posts: vec![post.path.clone()],
                }),
            },
            None => unread.push(post.path.clone()),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.posts.len()));
    // A shape only a few posts have is more likely a mistake than a layout (an older
    // generation, a broken post): those posts are left to the rules, not learnt.
    let read: usize = groups.iter().map(|g| g.posts.len()).sum();
    let least = (read / 20).max(2);
    if groups.first().is_some_and(|g| g.posts.len() >= least) {
        groups.retain(|g| g.posts.len() >= least);
    }
    (groups, unread)
}

fn same_layout(a: &Shape, b: &Shape) -> bool {
    a.unit == b.unit
        && a.level == b.level
        && a.title == b.title
        && a.front_matter == b.front_matter
        && (a.sections_as == b.sections_as)
}

/// Folds another post of the same layout in: names and metadata united, the date
/// sources and numbering those all posts share.
fn merge(into: &mut Shape, other: &Shape) {
    for n in &other.names {
        if !into.names.iter().any(|m| section_key(m) == section_key(n)) {
            into.names.push(n.clone());
        }
    }
    for m in &other.metadata {
        if !into.metadata.contains(m) {
            into.metadata.push(m.clone());
        }
    }
    for h in &other.hosts {
        if !into.hosts.contains(h) {
            into.hosts.push(h.clone());
        }
    }
    into.date.retain(|d| other.date.contains(d));
    into.numbered &= other.numbered;
    if into.page_heading != other.page_heading {
        into.page_heading = None;
    }
}

/// The folder globs of a group: each folder its posts are in (`_posts/**`), cut at the
/// first folder named by a number (`logs/2025/04/` holds other days too: `logs/**`).
fn include_globs(posts: &[String]) -> Vec<String> {
    let mut globs: Vec<String> = posts
        .iter()
        .map(|p| {
            let mut parts: Vec<&str> = p.split('/').collect();
            parts.pop();
            if let Some(k) = parts
                .iter()
                .position(|c| c.chars().all(|ch| ch.is_ascii_digit()))
            {
                parts.truncate(k);
            }
            if parts.is_empty() {
                "*.md".to_string()
            } else {
                format!("{}/**", parts.join("/"))
            }
        })
        .collect();
    globs.sort();
    globs.dedup();
    globs
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The configuration for the inferred layouts, with a comment on each key.
pub fn render(groups: &[Inferred], total: usize, config_keys: &JekyllKeys) -> String {
    let mut out = String::from(
        "# digest-lint configuration, written by `digest-lint init` from the posts it read.\n# Every key is explained in docs/layouts.md; edit freely.\n",
    );
    let all_default = groups.iter().all(|g| g.shape.is_default());
    if all_default {
        let read: usize = groups.iter().map(|g| g.posts.len()).sum();
        out.push_str(&format!(
            "# {read} of the {total} posts read follow the default layout: numbered\n# `# N. [Title](URL)` headings with Introduction, Method, Results, Limitations and\n# Conclusion sections. Nothing needs to be configured; the defaults are shown here.\n\n[files]\ninclude = [\"**/_posts/**/*.md\", \"**/_posts/**/*.markdown\"]   # which Markdown files are posts\n\n[schema]\nsections = [\"Introduction\", \"Method\", \"Results\", \"Limitations\", \"Conclusion\"]   # required, in order\npaper-heading-level = 1   # `#` paper headings\n"
        ));
        return out;
    }
    // The posts of every layout must be selected; posts in the default layout are by
    // the default globs.
    let mut files: Vec<String> = Vec::new();
    if groups.iter().any(|g| g.shape.is_default()) {
        files.extend([
            "**/_posts/**/*.md".to_string(),
            "**/_posts/**/*.markdown".to_string(),
        ]);
    }
    for g in groups.iter().filter(|g| !g.shape.is_default()) {
        for glob in include_globs(&g.posts) {
            let base = glob.trim_end_matches("/**");
            let more = if glob == "*.md" {
                vec!["*.md".to_string(), "*.markdown".to_string()]
            } else {
                vec![format!("{base}/**/*.md"), format!("{base}/**/*.markdown")]
            };
            for m in more {
                if !files.contains(&m) {
                    files.push(m);
                }
            }
        }
    }
    out.push_str("\n[files]\n");
    let _ = writeln!(
        out,
        "include = {}   # which Markdown files are posts",
        toml_list(&files)
    );
    let mut hosts: Vec<String> = groups.iter().flat_map(|g| g.shape.hosts.clone()).collect();
    hosts.sort();
    hosts.dedup();
    let any_front_matter = groups.iter().any(|g| g.shape.front_matter != "none");
    let needs_schema = !hosts.is_empty() && hosts != ["arxiv.org"]
        || !config_keys.supplied.is_empty()
        || any_front_matter;
    if needs_schema {
        out.push_str("\n[schema]\n");
        if !hosts.is_empty() {
            let _ = writeln!(
                out,
                "link-hosts = {}   # hosts a paper link may use",
                toml_list(&hosts)
            );
        }
        if any_front_matter {
            let mut required = config_keys.required.clone();
            required.retain(|k| !config_keys.supplied.contains(k));
            let _ = writeln!(
                out,
                "required-keys = {}   # front matter keys every post has{}",
                toml_list(&required),
                if config_keys.supplied.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (_config.yml defaults supply {})",
                        config_keys.supplied.join(", ")
                    )
                }
            );
            let _ = writeln!(
                out,
                "recommended-keys = {}   # tags and categories, when every post has them (a warning when absent)",
                toml_list(&config_keys.recommended)
            );
        }
    }
    // More specific folders first: the first layout that includes a post wins.
    let mut ordered: Vec<&Inferred> = groups.iter().filter(|g| !g.shape.is_default()).collect();
    ordered.sort_by_key(|g| {
        std::cmp::Reverse(
            include_globs(&g.posts)
                .iter()
                .map(|i| i.matches('/').count())
                .max(),
        )
    });
    for (k, g) in ordered.iter().enumerate() {
        let s = &g.shape;
        let _ = writeln!(
            out,
            "\n# Read from {} of {total} posts, e.g. {}",
            g.posts.len(),
            g.posts[0]
        );
        out.push_str("[[layout]]\n");
        let _ = writeln!(out, "name = {}", toml_str(&format!("layout-{}", k + 1)));
        let _ = writeln!(
            out,
            "include = {}   # the posts this layout describes",
            toml_list(&include_globs(&g.posts))
        );
        let _ = writeln!(
            out,
            "front-matter = {}   # required | optional | none",
            toml_str(s.front_matter)
        );
        if !s.date.is_empty() {
            let _ = writeln!(
                out,
                "date = {}   # where the post date comes from, first found wins",
                toml_list(&s.date)
            );
        }
        if let Some(p) = &s.page_heading {
            let _ = writeln!(
                out,
                "page-heading = {}   # the heading above the papers; {{date}} is checked",
                toml_str(p)
            );
        }
        out.push_str("\n[layout.paper]\n");
        let _ = writeln!(
            out,
            "unit = {}   # heading | list-item | post",
            toml_str(s.unit)
        );
        if s.unit == "heading" {
            let _ = writeln!(
                out,
                "level = {}   # paper headings are {}",
                s.level,
                "#".repeat(s.level.into())
            );
        }
        if s.unit != "post" {
            let _ = writeln!(
                out,
                "numbered = {}   # papers numbered 1, 2, 3 …",
                s.numbered
            );
            let _ = writeln!(out, "title = {}   # link | text | bold", toml_str(s.title));
        }
        let _ = writeln!(
            out,
            "links = {}   # where the paper links are",
            toml_list(&s.links)
        );
        if !s.metadata.is_empty() {
            let _ = writeln!(
                out,
                "metadata = {}   # lines allowed under a paper",
                toml_list(&s.metadata)
            );
        }
        out.push_str("\n[layout.sections]\n");
        let _ = writeln!(
            out,
            "as = {}   # headings | bold-labels | labelled-bullets | none",
            toml_str(s.sections_as)
        );
        if s.sections_as != "none" {
            let _ = writeln!(
                out,
                "names = {}   # in order; every paper must have each",
                toml_list(&s.names)
            );
        }
    }
    out
}

/// Front matter keys: those every post has, and those Jekyll's defaults supply.
#[derive(Default)]
pub struct JekyllKeys {
    /// Keys every sampled post with front matter has (among layout, title, date).
    pub required: Vec<String>,
    /// Keys `_config.yml` defaults supply to posts.
    pub supplied: Vec<String>,
    /// Keys every sampled post with front matter has, among tags and categories.
    pub recommended: Vec<String>,
}

/// The front matter keys among `candidates` that every post with front matter has.
pub fn common_keys(sample: &[SamplePost], candidates: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = candidates.iter().map(|k| k.to_string()).collect();
    for post in sample {
        let parsed = Post::parse_with(&post.text, &Arc::new(layout::Layout::default()), false);
        if let Some(fm) = parsed.front_matter.as_ref().filter(|f| f.is_closed()) {
            keys.retain(|k| fm.get(k).is_some());
        }
    }
    keys
}

//! Layouts: how a blog lays out its digest posts, as data.
//!
//! A [`Layout`] says where the post date comes from, whether there is front matter, what
//! a paper looks like (a heading, an ordered-list item, or the whole post), where its
//! title and links are, and how its sections are written. The syntax layer reads it to
//! build one layout-neutral model of papers ([`crate::syntax::Paper`]); rules read that
//! model. `[[layout]]` tables in `digest-lint.toml` declare layouts; the first whose
//! `include` globs match a post wins, and a post no layout matches gets the default
//! layout: the format of DIGEST_FORMAT.md.

use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use std::path::Path;

/// Whether posts carry Jekyll front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterPolicy {
    /// Every post starts with front matter (DL101 when it does not).
    Required,
    /// Front matter is checked when present.
    Optional,
    /// Posts are plain Markdown; a leading `---` block is not front matter either.
    None,
}

/// Where a post's date comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum DateSource {
    /// The front matter's `date:`.
    FrontMatter,
    /// Jekyll's `YYYY-MM-DD-title.md` file name.
    FileName,
    /// The path, matched against a pattern such as `{yyyy}/{mm}/{dd}.md`.
    Path(PathDate),
}

/// A path pattern with `{yyyy}`, `{mm}` and `{dd}` fields, matched at the end of a path.
#[derive(Debug, Clone)]
pub struct PathDate {
    /// The pattern as written.
    pub pattern: String,
    regex: Regex,
}

impl PartialEq for PathDate {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl PathDate {
    /// Compiles `{yyyy}/{mm}/{dd}.md`-style patterns; `*` matches within one folder name.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let (body, fields) = template_regex(
            pattern,
            &[
                ("{yyyy}", r"(?P<y>\d{4})"),
                ("{mm}", r"(?P<m>\d{1,2})"),
                ("{dd}", r"(?P<d>\d{1,2})"),
            ],
            "[^/]*",
            false,
        );
        let mut re = format!("(?:^|/){body}");
        re.push('$');
        if fields != 3 {
            return Err(format!(
                "the date pattern `{pattern}` needs {{yyyy}}, {{mm}} and {{dd}}"
            ));
        }
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(Self {
            pattern: pattern.to_string(),
            regex,
        })
    }

    /// The date in `path` (folders separated by `/` or `\`), when the pattern matches.
    pub fn date(&self, path: &str) -> Option<(u16, u8, u8)> {
        let normalised = path.replace('\\', "/");
        let c = self.regex.captures(&normalised)?;
        let date = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        is_valid_date(date).then_some(date)
    }
}

/// The regex for a pattern of literal text, `{field}`s (each replaced by its regex) and
/// `*` (replaced by `star`); with `loose_space`, a blank matches any run of blanks.
/// Returns the regex and how many fields it holds.
fn template_regex(
    pattern: &str,
    fields: &[(&str, &str)],
    star: &str,
    loose_space: bool,
) -> (String, usize) {
    let mut re = String::new();
    let mut count = 0;
    let mut rest = pattern;
    'outer: while let Some(c) = rest.chars().next() {
        for (name, field) in fields {
            if let Some(r) = rest.strip_prefix(name) {
                re.push_str(field);
                count += 1;
                rest = r;
                continue 'outer;
            }
        }
        match c {
            '*' => re.push_str(star),
            c if loose_space && c.is_whitespace() => re.push_str(r"\s+"),
            c => re.push_str(&regex::escape(&c.to_string())),
        }
        rest = &rest[c.len_utf8()..];
    }
    (re, count)
}

/// A page heading above the papers, such as `## Daily Papers ({date})`.
#[derive(Debug, Clone)]
pub struct PageHeading {
    /// The pattern as written.
    pub pattern: String,
    /// Its heading level.
    pub level: u8,
    regex: Regex,
}

impl PartialEq for PageHeading {
    fn eq(&self, other: &Self) -> bool {
        self.pattern == other.pattern
    }
}

impl PageHeading {
    /// Compiles `## Daily Papers ({date})`: the `#`s give the level, `{date}` stands for a
    /// `YYYY-MM-DD` date, `*` for any text; the rest is compared as written, ignoring case.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let level = pattern.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&level) {
            return Err(format!(
                "page-heading `{pattern}` must start with 1 to 6 `#` (its heading level)"
            ));
        }
        let text = pattern[level..].trim();
        // Braces only as `{date}`, at most once: anything else is a misspelled
        // placeholder that would never match (`{data}`, `{ date }`, `{{date}}`, `{date`).
        let rest = text.replacen("{date}", "", 1);
        if rest.contains("{date}") {
            return Err(format!(
                "page-heading `{pattern}` has `{{date}}` twice; a heading names its date once"
            ));
        }
        if rest.contains(['{', '}']) {
            let at = rest.find(['{', '}']).unwrap_or(0);
            // The braced word when there is one (`{data}`), else the stray brace.
            let shown = match rest[at..].find('}') {
                Some(close) if rest[at..].starts_with('{') && close < 16 => &rest[at..=at + close],
                _ => &rest[at..at + 1],
            };
            return Err(format!(
                "page-heading `{pattern}` has `{shown}`: the only placeholder is `{{date}}` (and `*` for any text)"
            ));
        }
        let (body, _) = template_regex(
            text,
            &[("{date}", r"(?P<date>\d{4}-\d{2}-\d{2})")],
            ".*?",
            true,
        );
        let mut re = format!("(?i)^{body}");
        re.push('$');
        let regex = Regex::new(&re).map_err(|e| e.to_string())?;
        Ok(Self {
            pattern: pattern.to_string(),
            level: level as u8,
            regex,
        })
    }

    /// Matches a heading's text; `Some(Some(date_span))` with the date's byte range in
    /// `content` when the pattern has `{date}`.
    pub fn matches(&self, level: u8, content: &str) -> Option<Option<std::ops::Range<usize>>> {
        if level != self.level {
            return None;
        }
        let c = self.regex.captures(content.trim())?;
        let lead = content.len() - content.trim_start().len();
        Some(c.name("date").map(|m| m.start() + lead..m.end() + lead))
    }
}

/// What one paper is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperUnit {
    /// A heading at the paper level and everything up to the next one.
    Heading,
    /// An item of an ordered list, with its nested bullets.
    ListItem,
    /// The whole post is about one paper.
    Post,
}

/// Where a paper's title is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleStyle {
    /// The text of the heading's (or item's) link: `# 1. [Title](URL)`.
    Link,
    /// The plain heading or item text: `## Title`, the link elsewhere.
    Text,
    /// Bold text: `3. **Title** - 👍 12`.
    Bold,
}

/// A place where a paper's link may be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkPlace {
    /// In the paper heading or the list item's first line.
    Heading,
    /// On a line after the heading, before the paper's sections.
    NextLine,
    /// In a bullet nested under the list item.
    NestedItem,
    /// A front matter key holding an identifier or URL.
    FrontMatter(String),
}

/// How sections are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStyle {
    /// Headings one level below the paper (`## Method`).
    Headings,
    /// Bold labels inside paragraphs: `**Summary:** …`.
    BoldLabels,
    /// Bullets that start with a label: `- **Technical Details**: …`, `- Abstract: …`.
    LabelledBullets,
    /// No sections: the paper's body is one summary.
    None,
}

/// The paper part of a layout.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperLayout {
    /// What one paper is.
    pub unit: PaperUnit,
    /// Heading level of paper headings (heading units).
    pub level: u8,
    /// True when papers are numbered `N.` (1, 2, 3 … in order).
    pub numbered: bool,
    /// Where the title is.
    pub title: TitleStyle,
    /// Where the paper's links are.
    pub links: Vec<LinkPlace>,
    /// Line prefixes of metadata lines allowed under a paper (`Authors:`, `![`, `<video`).
    pub metadata: Vec<String>,
    /// Hosts a paper link may use; empty: the `[schema] link-hosts`.
    pub hosts: Vec<String>,
    /// The hosts paper links may use, resolved once ([`Layout::resolve_hosts`]): `hosts`,
    /// else the `[schema] link-hosts`, else arxiv.org; lowercase, without a trailing dot.
    pub accepted_hosts: Vec<String>,
}

/// The section part of a layout.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionLayout {
    /// How sections are written.
    pub style: SectionStyle,
    /// Heading level of section headings ([`SectionStyle::Headings`]).
    pub level: u8,
    /// Every section name, in the order they should appear.
    pub names: Vec<String>,
    /// The names every paper must have.
    pub required: Vec<String>,
}

/// A blog's layout of digest posts.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The layout's name (`default` for the built-in one).
    pub name: String,
    /// The `include` globs as written (empty: the default layout).
    pub include: Vec<String>,
    include_set: Option<GlobSet>,
    /// Whether posts carry front matter.
    pub front_matter: FrontMatterPolicy,
    /// Where the post date comes from, in order of preference.
    pub date: Vec<DateSource>,
    /// The page heading above the papers, when the layout has one.
    pub page_heading: Option<PageHeading>,
    /// What a paper looks like.
    pub paper: PaperLayout,
    /// How sections are written.
    pub sections: SectionLayout,
}

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.include == other.include
            && self.front_matter == other.front_matter
            && self.date == other.date
            && self.page_heading == other.page_heading
            && self.paper == other.paper
            && self.sections == other.sections
    }
}

/// The section names of DIGEST_FORMAT.md.
pub const DEFAULT_SECTIONS: [&str; 5] = [
    "Introduction",
    "Method",
    "Results",
    "Limitations",
    "Conclusion",
];

impl Default for Layout {
    fn default() -> Self {
        let names: Vec<String> = DEFAULT_SECTIONS.map(String::from).to_vec();
        Layout {
            name: "default".into(),
            include: Vec::new(),
            include_set: None,
            front_matter: FrontMatterPolicy::Required,
            date: vec![DateSource::FrontMatter, DateSource::FileName],
            page_heading: None,
            paper: PaperLayout {
                unit: PaperUnit::Heading,
                level: 1,
                numbered: true,
                title: TitleStyle::Link,
                links: vec![LinkPlace::Heading],
                metadata: Vec::new(),
                hosts: Vec::new(),
                accepted_hosts: vec!["arxiv.org".to_string()],
            },
            sections: SectionLayout {
                style: SectionStyle::Headings,
                level: 2,
                required: names.clone(),
                names,
            },
        }
    }
}

impl Layout {
    /// The default layout with `sections` and `paper_level` from `[schema]`.
    pub fn from_schema(sections: &[String], paper_level: u8) -> Layout {
        let mut layout = Layout::default();
        layout.paper.level = paper_level;
        layout.sections.level = paper_level + 1;
        layout.sections.names = sections.to_vec();
        layout.sections.required = sections.to_vec();
        layout
    }

    /// Resolves [`PaperLayout::accepted_hosts`] from the layout's `hosts` and the
    /// `[schema] link-hosts`.
    pub fn resolve_hosts(&mut self, schema_hosts: &[String]) {
        let configured = if self.paper.hosts.is_empty() {
            schema_hosts
        } else {
            &self.paper.hosts
        };
        let hosts: Vec<String> = configured
            .iter()
            .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .collect();
        self.paper.accepted_hosts = if hosts.is_empty() {
            vec!["arxiv.org".to_string()]
        } else {
            hosts
        };
    }

    /// Sets the include globs (matched like `[files]` globs).
    pub fn set_include(&mut self, include: Vec<String>) -> Result<(), globset::Error> {
        let mut builder = GlobSetBuilder::new();
        for p in &include {
            builder.add(Glob::new(p)?);
            if !p.starts_with("**/") && !p.starts_with('/') {
                builder.add(Glob::new(&format!("**/{p}"))?);
            }
        }
        self.include_set = Some(builder.build()?);
        self.include = include;
        Ok(())
    }

    /// True when this layout's `include` globs select `path` (as given, or relative to
    /// `root`, the configuration's folder).
    pub fn includes(&self, path: &Path, root: Option<&Path>) -> bool {
        let Some(set) = &self.include_set else {
            return false;
        };
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let relative = root.and_then(|r| {
            absolute(path)
                .strip_prefix(absolute(r))
                .ok()
                .map(Path::to_path_buf)
        });
        set.is_match(path) || relative.is_some_and(|r| set.is_match(r))
    }

    /// True for the layout of DIGEST_FORMAT.md's shape: numbered heading papers with the
    /// link in the heading and sections as headings (what the language server can
    /// re-check paper by paper).
    pub fn is_heading_shaped(&self) -> bool {
        self.paper.unit == PaperUnit::Heading
            && self.paper.title == TitleStyle::Link
            && self.sections.style == SectionStyle::Headings
            && self.page_heading.is_none()
            && self.front_matter != FrontMatterPolicy::None
    }

    /// True when reading a post needs the items of its lists (list-item papers,
    /// labelled bullets).
    pub fn needs_list_items(&self) -> bool {
        self.paper.unit == PaperUnit::ListItem
            || self.sections.style == SectionStyle::LabelledBullets
    }

    /// The front matter key holding the paper identifier ([`PaperUnit::Post`]).
    pub fn front_matter_link_key(&self) -> Option<&str> {
        self.paper.links.iter().find_map(|p| match p {
            LinkPlace::FrontMatter(key) => Some(key.as_str()),
            _ => None,
        })
    }

    /// True when the layout reads links from `place`.
    pub fn has_link_place(&self, place: &LinkPlace) -> bool {
        self.paper.links.contains(place)
    }

    /// The post date from the layout's date sources: the first that yields a valid date.
    /// `front_matter_date` is the front matter's valid `date:`, `path` the post's path.
    pub fn post_date(
        &self,
        front_matter_date: Option<(u16, u8, u8)>,
        path: Option<&str>,
    ) -> Option<(u16, u8, u8)> {
        self.date.iter().find_map(|source| match source {
            DateSource::FrontMatter => front_matter_date,
            DateSource::FileName => path.and_then(file_name_date),
            DateSource::Path(pattern) => path.and_then(|p| pattern.date(p)),
        })
    }
}

/// True for a real calendar date.
pub fn is_valid_date((year, month, day): (u16, u8, u8)) -> bool {
    crate::syntax::yaml11::Timestamp {
        year,
        month,
        day,
        time: None,
        has_zone: false,
    }
    .is_valid()
}

/// The `YYYY-MM-DD` date of a Jekyll post file name; `path` may hold folders.
pub fn file_name_date(path: &str) -> Option<(u16, u8, u8)> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let b = name.as_bytes();
    if b.len() < 11 || b[4] != b'-' || b[7] != b'-' || b[10] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = name.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    Some((
        digits(0..4)? as u16,
        digits(5..7)? as u8,
        digits(8..10)? as u8,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_dates_and_file_names() {
        let p = PathDate::new("{yyyy}/{mm}/{dd}.md").unwrap();
        assert_eq!(p.date("logs/2025/04/11.md"), Some((2025, 4, 11)));
        assert_eq!(p.date("logs\\2025\\04\\11.md"), Some((2025, 4, 11)));
        assert_eq!(p.date("logs/2025/02/30.md"), None);
        assert_eq!(p.date("logs/2025/04/11.markdown"), None);
        assert!(PathDate::new("{yyyy}/{mm}.md").is_err());
        assert_eq!(
            file_name_date("_posts/2025-08-31-daily.md"),
            Some((2025, 8, 31))
        );
        assert_eq!(file_name_date("daily.md"), None);
    }

    #[test]
    fn page_headings() {
        let h = PageHeading::new("## Daily Papers ({date})").unwrap();
        assert_eq!(h.level, 2);
        let content = "Daily Papers (2025-04-11)";
        let range = h.matches(2, content).unwrap().unwrap();
        assert_eq!(&content[range], "2025-04-11");
        assert!(h.matches(1, content).is_none());
        assert!(h.matches(2, "Other (2025-04-11)").is_none());
        let h = PageHeading::new("# Hugging Face Daily Papers - {date}").unwrap();
        assert!(
            h.matches(1, "Hugging Face Daily Papers - 2025-11-03")
                .is_some()
        );
        assert!(PageHeading::new("Daily").is_err());
    }
}

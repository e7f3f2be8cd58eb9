//! Configuration: `digest-lint.toml` / `.digest-lint.toml`, found by walking up from a
//! post to the repository root (the nearest wins), with rule levels, which files are
//! posts, and the post schema. Every built-in default is the default schema of
//! DIGEST_FORMAT.md, so a site with another digest layout can describe its own.

mod jekyll;
mod layouts;

pub use jekyll::{JekyllDefault, read_defaults as read_jekyll_defaults};

use crate::diagnostic::Severity;
use crate::layout::Layout;
use crate::registry::Rule;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The configuration file names, in order of preference within one folder.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["digest-lint.toml", ".digest-lint.toml"];

/// The post schema: what a digest post of this site looks like.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// Required sections of every paper, in their required order.
    pub sections: Vec<String>,
    /// Heading level of paper headings (1 = `#`).
    pub paper_heading_level: u8,
    /// Front matter keys whose absence is an error.
    pub required_keys: Vec<String>,
    /// Front matter keys whose absence is a warning.
    pub recommended_keys: Vec<String>,
    /// Keys DL111 accepts besides the required and recommended ones.
    pub known_keys: Vec<String>,
    /// The `layout:` value DL103 inserts.
    pub layout: String,
    /// Tags DL110 compares with; empty means the built-in vocabulary.
    pub known_tags: Vec<String>,
    /// Hosts a paper link may use (DL301); `www.` and `export.` forms are DL302's business.
    pub link_hosts: Vec<String>,
    /// Phrases that stand in for missing content (DL211), compared after trimming
    /// list markers and final punctuation.
    pub placeholders: Vec<String>,
    /// Introduction labels: each inner list is one label and its aliases.
    pub intro_labels: Vec<Vec<String>>,
    /// DL305: an identifier older than this many months before the post is stale.
    pub stale_months: u32,
}

/// Tags seen on digest sites; DL110 suggests these when no `known-tags` are configured.
pub const BUILTIN_TAGS: &[&str] = &[
    "papers",
    "arxiv",
    "ai",
    "huggingface",
    "daily-papers",
    "machine-learning",
    "deep-learning",
    "llm",
    "nlp",
    "vision",
    "multimodal",
    "diffusion",
    "generative-ai",
    "reinforcement-learning",
    "robotics",
    "agents",
    "benchmark",
    "research",
    "computer-vision",
    "transformers",
    "reasoning",
    "alignment",
    "evaluation",
    "dataset",
    "efficiency",
    "speech",
    "audio",
    "video",
    "retrieval",
    "fine-tuning",
    "pretraining",
    "optimization",
    "quantization",
    "survey",
];

impl Default for Schema {
    fn default() -> Self {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Self {
            sections: strings(&[
                "Introduction",
                "Method",
                "Results",
                "Limitations",
                "Conclusion",
            ]),
            paper_heading_level: 1,
            required_keys: strings(&["layout", "title", "date"]),
            recommended_keys: strings(&["tags", "categories"]),
            known_keys: strings(&[
                "permalink",
                "author",
                "description",
                "excerpt",
                "published",
                "last_modified_at",
                "category",
                "image",
                "toc",
                "comments",
                "math",
                "pin",
                "lang",
            ]),
            layout: "post".into(),
            known_tags: Vec::new(),
            link_hosts: strings(&["arxiv.org"]),
            placeholders: strings(&[
                "정보 부족",
                "정보 없음",
                "N/A",
                "TBD",
                "TODO",
                "None",
                "Not available",
                "No information",
            ]),
            intro_labels: vec![
                strings(&["Goal", "목표"]),
                strings(&["Motivation", "동기"]),
                strings(&["Contribution", "기여"]),
            ],
            stale_months: 24,
        }
    }
}

impl Schema {
    /// The tags DL110 compares with.
    pub fn tag_vocabulary(&self) -> Vec<&str> {
        if self.known_tags.is_empty() {
            BUILTIN_TAGS.to_vec()
        } else {
            self.known_tags.iter().map(String::as_str).collect()
        }
    }
}

/// A rule's configured level: a severity, or off.
pub type Level = Option<Severity>;

/// The resolved configuration for one post.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from (None: built-in defaults).
    pub path: Option<PathBuf>,
    /// Rule levels set in the file (rules not listed keep their defaults).
    pub levels: HashMap<Rule, Level>,
    /// Which Markdown files are posts.
    pub files: FileSelection,
    /// The post schema.
    pub schema: Schema,
    /// The `[[layout]]`s, in the order written (the first that includes a post wins).
    pub layouts: Vec<Arc<Layout>>,
    /// The layout of posts no `[[layout]]` includes: DIGEST_FORMAT.md's, with the
    /// `[schema]` sections and paper heading level.
    pub default_layout: Arc<Layout>,
    /// The `defaults:` of the Jekyll `_config.yml` beside the configuration file.
    pub jekyll_defaults: Vec<JekyllDefault>,
}

impl Config {
    /// The level of `rule`: configured, else its default (None = off).
    pub fn level(&self, rule: Rule) -> Level {
        match self.levels.get(&rule) {
            Some(level) => *level,
            None => rule.default_level(),
        }
    }

    /// The folder the config's paths are relative to.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The layout of the post at `path` (None: the default layout): the first
    /// `[[layout]]` whose `include` globs select it.
    pub fn layout_for(&self, path: Option<&str>) -> &Arc<Layout> {
        path.and_then(|p| {
            let p = Path::new(p);
            self.layouts.iter().find(|l| l.includes(p, self.root()))
        })
        .unwrap_or(&self.default_layout)
    }

    /// True when Jekyll's `_config.yml` defaults supply front matter `key` to the post
    /// at `path`.
    pub fn jekyll_supplies(&self, key: &str, path: Option<&str>) -> bool {
        let Some(path) = path.map(Path::new) else {
            return false;
        };
        let relative = self
            .root()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        self.jekyll_defaults
            .iter()
            .any(|d| d.keys.iter().any(|k| k == key) && d.covers(relative))
    }
}

/// Include/exclude globs deciding which Markdown files found in folders are posts.
#[derive(Debug, Clone)]
pub struct FileSelection {
    /// The include patterns as written.
    pub include: Vec<String>,
    /// The exclude patterns as written.
    pub exclude: Vec<String>,
    include_set: GlobSet,
    exclude_set: GlobSet,
}

impl Default for FileSelection {
    fn default() -> Self {
        Self::new(
            vec!["**/_posts/**/*.md".into(), "**/_posts/**/*.markdown".into()],
            Vec::new(),
        )
        .expect("default globs are valid")
    }
}

impl FileSelection {
    /// Compiles the patterns (gitignore-like globs, `**` spans folders).
    pub fn new(include: Vec<String>, exclude: Vec<String>) -> Result<Self, globset::Error> {
        let build = |patterns: &[String]| -> Result<GlobSet, globset::Error> {
            let mut builder = GlobSetBuilder::new();
            for p in patterns {
                builder.add(Glob::new(p)?);
                // `_posts/**` should also match when given relative to another folder
                if !p.starts_with("**/") && !p.starts_with('/') {
                    builder.add(Glob::new(&format!("**/{p}"))?);
                }
            }
            builder.build()
        };
        Ok(Self {
            include_set: build(&include)?,
            exclude_set: build(&exclude)?,
            include,
            exclude,
        })
    }

    /// True when a file found while walking a folder is a post. `path` is matched as
    /// given and relative to `root` (the config's folder) when it lies below it; its
    /// extension is compared in lower case, as Jekyll does (`.MD` is Markdown).
    pub fn is_post(&self, path: &Path, root: Option<&Path>) -> bool {
        let lowered = lower_extension(path);
        let path = lowered.as_deref().unwrap_or(path);
        let relative = root.and_then(|r| path.strip_prefix(r).ok());
        let matches =
            |set: &GlobSet| set.is_match(path) || relative.is_some_and(|r| set.is_match(r));
        matches(&self.include_set) && !matches(&self.exclude_set)
    }

    /// True when an explicitly named file is excluded by the exclude globs.
    pub fn is_excluded(&self, path: &Path, root: Option<&Path>) -> bool {
        let relative = root.and_then(|r| path.strip_prefix(r).ok());
        self.exclude_set.is_match(path) || relative.is_some_and(|r| self.exclude_set.is_match(r))
    }
}

/// `path` with its extension in lower case, when it has upper-case letters.
fn lower_extension(path: &Path) -> Option<PathBuf> {
    let extension = path.extension()?.to_str()?;
    if !extension.chars().any(char::is_uppercase) {
        return None;
    }
    Some(path.with_extension(extension.to_lowercase()))
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// 1-based column (Unicode scalar values), when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// One `rule = "level"` line of `[rules]`, both sides with their spans.
type RuleEntry = (Spanned<String>, Spanned<String>);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default, deserialize_with = "rules_table::deserialize")]
    rules: Vec<RuleEntry>,
    files: Option<RawFiles>,
    schema: Option<RawSchema>,
    #[serde(default, deserialize_with = "layouts::deserialize_list")]
    layout: Option<Vec<layouts::RawLayout>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFiles {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSchema {
    sections: Option<Vec<String>>,
    paper_heading_level: Option<Spanned<u8>>,
    required_keys: Option<Vec<String>>,
    recommended_keys: Option<Vec<String>>,
    known_keys: Option<Vec<String>>,
    layout: Option<String>,
    known_tags: Option<Vec<String>>,
    link_hosts: Option<Vec<String>>,
    placeholders: Option<Vec<String>>,
    intro_labels: Option<Vec<Vec<String>>>,
    stale_months: Option<u32>,
}

/// `[rules]` is a table; read it as ordered (key, value) pairs so each keeps its span.
mod rules_table {
    use serde::de::{Deserializer, MapAccess, Visitor};

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<super::RuleEntry>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<super::RuleEntry>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a table of rule = \"level\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(out)
            }
        }
        d.deserialize_map(V)
    }
}

fn line_col(text: &str, byte_offset: usize) -> (usize, usize) {
    let index = crate::text::LineIndex::new(text);
    let p = index.display_position(text, byte_offset);
    (p.line, p.column)
}

impl Config {
    /// Parses a configuration file's text. `path` is used for messages and as the root of
    /// relative globs. Errors carry the file, line and column.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| {
            let (line, column) = match span {
                Some(s) => {
                    let (l, c) = line_col(text, s.start);
                    (Some(l), Some(c))
                }
                None => (None, None),
            };
            ConfigError {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| error(e.span(), plain_words(e.message())))?;
        let mut levels = HashMap::new();
        // A rule named exactly (by code or name) twice: which level is meant is unclear.
        let mut named: HashMap<Rule, Spanned<String>> = HashMap::new();
        for (key, value) in raw.rules {
            if let Some(rule) = Rule::from_code_or_name(key.get_ref()) {
                if let Some(first) = named.get(&rule) {
                    let (line, _) = line_col(text, first.span().start);
                    return Err(error(
                        Some(key.span()),
                        format!(
                            "{} {} is given a level twice: `{}` here and `{}` on line {line}; keep one",
                            rule.code(),
                            rule.name(),
                            key.get_ref(),
                            first.get_ref()
                        ),
                    ));
                }
                named.insert(rule, key.clone());
            }
            let rules = Rule::matching(key.get_ref());
            if rules.is_empty() {
                let mut message = format!(
                    "unknown rule `{}` (use a code like DL401, a name like title-whitespace, or a prefix like DL4)",
                    key.get_ref()
                );
                let close = Rule::similar(key.get_ref());
                if !close.is_empty() {
                    message.push_str(&format!("; did you mean {}?", close.join(", ")));
                }
                return Err(error(Some(key.span()), message));
            }
            let level = match value.get_ref().to_ascii_lowercase().as_str() {
                "off" => None,
                word => Some(Severity::parse(word).ok_or_else(|| {
                    error(
                        Some(value.span()),
                        format!(
                            "unknown level `{word}` (expected off, hint, info, warning or error)"
                        ),
                    )
                })?),
            };
            for rule in rules {
                levels.insert(rule, level);
            }
        }
        let files = match raw.files {
            Some(f) => {
                // Each glob on its own first, so that a bad one is named at its place.
                for (list, glob) in [("include", &f.include), ("exclude", &f.exclude)]
                    .into_iter()
                    .flat_map(|(list, globs)| globs.iter().flatten().map(move |g| (list, g)))
                {
                    if let Err(e) = Glob::new(glob.get_ref()) {
                        let why = e.kind().to_string();
                        return Err(error(
                            Some(glob.span()),
                            format!(
                                "`{}` in [files] {list} is not a valid glob: {why}",
                                glob.get_ref()
                            ),
                        ));
                    }
                }
                let strings = |globs: Option<Vec<Spanned<String>>>| {
                    globs.map(|g| g.into_iter().map(Spanned::into_inner).collect::<Vec<_>>())
                };
                let default = FileSelection::default();
                FileSelection::new(
                    strings(f.include).unwrap_or(default.include),
                    strings(f.exclude).unwrap_or_default(),
                )
                .map_err(|e| error(None, format!("invalid glob in [files]: {e}")))?
            }
            None => FileSelection::default(),
        };
        let mut schema = Schema::default();
        if let Some(s) = raw.schema {
            if let Some(level) = s.paper_heading_level {
                if !(1..=5).contains(level.get_ref()) {
                    return Err(error(
                        Some(level.span()),
                        "paper-heading-level must be between 1 and 5".into(),
                    ));
                }
                schema.paper_heading_level = *level.get_ref();
            }
            macro_rules! set {
                ($($field:ident),*) => { $(if let Some(v) = s.$field { schema.$field = v; })* };
            }
            set!(
                sections,
                required_keys,
                recommended_keys,
                known_keys,
                layout,
                known_tags,
                link_hosts,
                placeholders,
                intro_labels,
                stale_months
            );
        }
        let mut default_layout = Layout::from_schema(&schema.sections, schema.paper_heading_level);
        default_layout.resolve_hosts(&schema.link_hosts);
        let default_layout = Arc::new(default_layout);
        let layouts = raw
            .layout
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, raw)| raw.into_layout(i, &schema, &error).map(Arc::new))
            .collect::<Result<_, _>>()?;
        let config = Config {
            path: Some(path.to_path_buf()),
            levels,
            files,
            schema,
            layouts,
            default_layout,
            jekyll_defaults: Vec::new(),
        };
        crate::config_checks::check(text, &config).map_err(|(span, m)| error(Some(span), m))?;
        Ok(config)
    }

    /// Reads and parses a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        })?;
        let mut config = Config::from_toml(&text, path)?;
        // Jekyll's own configuration beside ours: its `defaults:` fill front matter.
        if let Some(yaml) = config
            .root()
            .and_then(|site| std::fs::read_to_string(site.join("_config.yml")).ok())
        {
            config.jekyll_defaults = jekyll::read_defaults(&yaml);
        }
        Ok(config)
    }
}

/// A TOML reader's message in a blogger's words: Rust's integer types become what they
/// accept (`expected u32` → `expected a whole number, 0 or more`).
fn plain_words(message: &str) -> String {
    let mut out = message.trim_end().to_string();
    for (rust, plain) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i64", "expected a whole number"),
    ] {
        if let Some(at) = out.find(rust) {
            // Only the whole word (`u32`, not `u320`).
            let end = at + rust.len();
            if !out[end..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                out.replace_range(at..end, plain);
            }
        }
    }
    out
}

/// The nearest configuration file for a post in folder `dir`: walks up from `dir`,
/// stopping after the first folder that holds `.git` (the repository root).
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let mut current = Some(dir);
    while let Some(d) = current {
        for name in CONFIG_FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
        current = d.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_files_and_schema() {
        let text = r#"
[rules]
DL303 = "warning"
title-whitespace = "off"
DL2 = "info"

[files]
include = ["posts/*.md"]

[schema]
sections = ["Summary", "Notes"]
known-tags = ["papers"]
stale-months = 6
"#;
        let config = Config::from_toml(text, Path::new("/site/digest-lint.toml")).unwrap();
        assert_eq!(
            config.level(Rule::ArxivIdVersioned),
            Some(Severity::Warning)
        );
        assert_eq!(config.level(Rule::TitleWhitespace), None);
        assert_eq!(config.level(Rule::SectionMissing), Some(Severity::Info));
        assert_eq!(config.level(Rule::TitleStrayQuote), Some(Severity::Error));
        assert_eq!(config.schema.sections, ["Summary", "Notes"]);
        assert_eq!(config.schema.stale_months, 6);
        assert!(
            config
                .files
                .is_post(Path::new("/site/posts/a.md"), config.root())
        );
        assert!(
            !config
                .files
                .is_post(Path::new("/site/_posts/a.md"), config.root())
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err =
            Config::from_toml("[rules]\nDL999 = \"error\"\n", Path::new("x.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("DL999"));
        let err = Config::from_toml(
            "[rules]\ntitle-stray-qoute = \"off\"\n",
            Path::new("x.toml"),
        )
        .unwrap_err();
        assert!(
            err.message.ends_with("did you mean `title-stray-quote`?"),
            "{err}"
        );
        let err =
            Config::from_toml("[rules]\nDL401 = \"loud\"\n", Path::new("x.toml")).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(9)));
        let err = Config::from_toml("[schema]\nsection = []\n", Path::new("x.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = Config::from_toml("[rules\n", Path::new("x.toml")).unwrap_err();
        assert_eq!(err.line, Some(1));
        let err = Config::from_toml(
            "[files]\ninclude = [\"_posts/**\", \"[unclosed\"]\n",
            Path::new("x.toml"),
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(25)), "{err}");
        assert!(
            err.message.contains("`[unclosed` in [files] include"),
            "{err}"
        );
        let err =
            Config::from_toml("[schema]\nstale-months = -3\n", Path::new("x.toml")).unwrap_err();
        assert!(
            err.message.contains("expected a whole number, 0 or more"),
            "{err}"
        );
    }

    #[test]
    fn layout_mistakes_say_what_to_write() {
        // One table where a list of tables is meant.
        let err = Config::from_toml("[layout]\ninclude = [\"_posts/**\"]\n", Path::new("x.toml"))
            .unwrap_err();
        assert!(err.message.contains("`[[layout]]`"), "{err}");
        // A misspelled placeholder would make the page heading match nothing.
        let err = Config::from_toml(
            "[[layout]]\ninclude = [\"_posts/**\"]\npage-heading = \"## Daily ({data})\"\n",
            Path::new("x.toml"),
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("`{data}`"), "{err}");
        for heading in ["{ date }", "{{date}}", "({date)", "{date} {date}"] {
            let toml = format!(
                "[[layout]]\ninclude = [\"_posts/**\"]\npage-heading = \"## Daily {heading}\"\n"
            );
            let err = Config::from_toml(&toml, Path::new("x.toml")).unwrap_err();
            assert_eq!(err.line, Some(3), "{heading}: {err}");
        }
        // Hosts are host names; an empty metadata prefix would match every line.
        for (toml, line) in [
            (
                "[schema]\nlink-hosts = [\"arxiv.org\", \"https://huggingface.co\"]\n",
                2,
            ),
            (
                "[[layout]]\ninclude = [\"_posts/**\"]\n[layout.paper]\nhosts = [\"arxiv.org/abs\"]\n",
                4,
            ),
            (
                "[[layout]]\ninclude = [\"_posts/**\"]\n[layout.paper]\nmetadata = [\"Authors:\", \"\"]\n",
                4,
            ),
        ] {
            let err = Config::from_toml(toml, Path::new("x.toml")).unwrap_err();
            assert_eq!(err.line, Some(line), "{toml}: {err}");
        }
    }

    #[test]
    fn default_selection_is_posts_folders() {
        let files = FileSelection::default();
        assert!(files.is_post(Path::new("site/_posts/2025-08-31-x.md"), None));
        assert!(files.is_post(Path::new("_posts/sub/x.markdown"), None));
        assert!(files.is_post(Path::new("_posts/2025-01-20-x.MD"), None));
        assert!(files.is_post(Path::new("_posts/2025-01-20-x.Markdown"), None));
        assert!(!files.is_post(Path::new("site/README.md"), None));
    }
}

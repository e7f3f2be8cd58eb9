//! The rules: each family reads the shared [`Post`] and reports into a [`Sink`].
//!
//! Rules never read files, the configuration file or suppression comments: they get
//! the parsed post, the schema and the file name through [`Context`]. (DL404 reads the
//! suppression comments themselves, to report those that suppress nothing.)

pub mod arxiv;
pub mod front_matter;
pub mod structure;
pub mod text;

use crate::config::{Config, Schema};
use crate::diagnostic::Diagnostic;
use crate::layout::Layout;
use crate::registry::Rule;
use crate::syntax::Post;
use crate::syntax::yaml11::Timestamp;

/// What a rule may look at.
pub struct Context<'p, 'a> {
    /// The parsed post.
    pub post: &'p Post<'a>,
    /// The post's text (same as `post.text`).
    pub text: &'a str,
    /// The resolved configuration.
    pub config: &'p Config,
    /// The post schema (same as `config.schema`).
    pub schema: &'p Schema,
    /// The layout the post was read with (same as `post.layout`).
    pub layout: &'p Layout,
    /// The post's path as given (folders may be missing), when known.
    pub path: Option<&'p str>,
    /// The file's name without folders (`2025-08-31-daily-papers.md`), when known.
    pub file_name: Option<&'p str>,
}

impl<'p, 'a> Context<'p, 'a> {
    /// True when the rule's configured level is not `off`.
    pub fn enabled(&self, rule: Rule) -> bool {
        self.config.level(rule).is_some()
    }

    /// The `date:` value of the front matter, when it is a timestamp (valid or not).
    pub fn front_matter_date(&self) -> Option<Timestamp> {
        let entry = self.post.front_matter_entry("date")?;
        let (value, _) = entry.value.as_scalar()?;
        Timestamp::parse(value.trim())
    }

    /// The `YYYY-MM-DD` date of a Jekyll post file name (`_posts/YYYY-MM-DD-title.md`).
    pub fn file_name_date(&self) -> Option<(u16, u8, u8)> {
        crate::layout::file_name_date(self.file_name?)
    }

    /// The post's date from the layout's date sources (by default a valid front matter
    /// `date:`, else the file name's date).
    pub fn post_date(&self) -> Option<(u16, u8, u8)> {
        let front_matter = self
            .front_matter_date()
            .filter(Timestamp::is_valid)
            .map(|t| (t.year, t.month, t.day));
        self.layout.post_date(front_matter, self.path)
    }
}

/// Collects findings; drops those of rules that are off.
pub struct Sink<'c> {
    config: &'c Config,
    diagnostics: Vec<Diagnostic>,
}

impl<'c> Sink<'c> {
    /// An empty sink for `config`.
    pub fn new(config: &'c Config) -> Self {
        Self {
            config,
            diagnostics: Vec::new(),
        }
    }

    /// Report a finding (ignored when its rule is off).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.config.level(diagnostic.rule).is_some() {
            self.diagnostics.push(diagnostic);
        }
    }

    /// The findings so far.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// A rule's check function.
pub type Check = fn(&Context, &mut Sink);

/// Runs each rule of a family's table whose level is not `off`.
pub fn run_enabled(rules: &[(Rule, Check)], ctx: &Context, sink: &mut Sink) {
    for (rule, check) in rules {
        if ctx.enabled(*rule) {
            check(ctx, sink);
        }
    }
}

/// Runs every enabled rule over the post.
pub fn run(ctx: &Context, sink: &mut Sink) {
    front_matter::check(ctx, sink);
    structure::check(ctx, sink);
    arxiv::check(ctx, sink);
    text::check(ctx, sink);
}

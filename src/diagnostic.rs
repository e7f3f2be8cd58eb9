//! Findings and their fixes: what a rule reports.

use crate::registry::Rule;
use crate::text::{ByteSpan, LineColumns};
use serde::Serialize;

/// How serious a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint (LSP `Hint`).
    Hint,
    /// Information (LSP `Information`).
    Info,
    /// A warning.
    Warning,
    /// An error.
    Error,
}

impl Severity {
    /// The configuration word: `hint`, `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a configuration word (`warn` and `information` accepted too).
    pub fn parse(word: &str) -> Option<Severity> {
        match word.to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without asking. Ordered: `DisplayOnly < Unsafe < Safe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the user, never applied automatically.
    DisplayOnly,
    /// May change meaning: applied with `--unsafe-fixes` or on explicit request.
    Unsafe,
    /// Never changes meaning: applied by `--fix` and fix-all.
    Safe,
}

/// Replace the bytes of `span` with `new_text` (an insertion when `span` is empty,
/// a deletion when `new_text` is empty). Spans are **byte** offsets into the original text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    /// Byte span of the original text to replace.
    pub span: ByteSpan,
    /// The replacement text.
    pub new_text: String,
}

impl Edit {
    /// Replace `span` with `new_text`.
    pub fn replace(span: ByteSpan, new_text: impl Into<String>) -> Self {
        Self {
            span,
            new_text: new_text.into(),
        }
    }

    /// Insert `new_text` at byte `offset`.
    pub fn insert(offset: usize, new_text: impl Into<String>) -> Self {
        Self::replace(ByteSpan::empty(offset), new_text)
    }

    /// Delete the bytes of `span`.
    pub fn delete(span: ByteSpan) -> Self {
        Self::replace(span, String::new())
    }
}

/// A fix-it: an imperative title, an applicability and non-overlapping edits
/// sorted by start offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, as an imperative ("Collapse the whitespace").
    pub title: String,
    /// Whether it may be applied without asking.
    pub applicability: Applicability,
    /// The edits, sorted by start, not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix with the given edits (sorted here).
    pub fn new(
        title: impl Into<String>,
        applicability: Applicability,
        mut edits: Vec<Edit>,
    ) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Self {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// A safe fix.
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Safe, edits)
    }

    /// An unsafe fix.
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Unsafe, edits)
    }

    /// The byte span covering all edits.
    pub fn span(&self) -> ByteSpan {
        let start = self.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        ByteSpan::new(start, end)
    }
}

/// A second place that a finding refers to (LSP `relatedInformation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Byte span of the other place (in the other post when `elsewhere` is set).
    pub span: ByteSpan,
    /// What the other place is.
    pub message: String,
    /// Set when the place is in another post (DL308, DL309).
    pub elsewhere: Option<Elsewhere>,
}

/// A place in another post, with its positions computed when that post was indexed
/// (the other post's text is not at hand where the finding is shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Elsewhere {
    /// The other post's path.
    pub path: std::path::PathBuf,
    /// Where the place starts.
    #[serde(skip)]
    pub start: LineColumns,
    /// Where the place ends.
    #[serde(skip)]
    pub end: LineColumns,
}

/// One finding of one rule in one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that reported it.
    pub rule: Rule,
    /// The severity after configuration.
    pub severity: Severity,
    /// Byte span of exactly what is wrong.
    pub span: ByteSpan,
    /// What is wrong and what is expected, sentence case, no final period.
    pub message: String,
    /// The fix-it, if the rule has one for this finding.
    pub fix: Option<Fix>,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A finding at `span` with the rule's default severity.
    pub fn new(rule: Rule, span: ByteSpan, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.default_severity(),
            span,
            message: message.into(),
            fix: None,
            related: Vec::new(),
        }
    }

    /// Attach a fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Set the default severity of this finding (before configuration), for rules whose
    /// severity depends on the finding (DL103 for recommended keys, DL402 for bidi controls).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Add a related place in another post.
    pub fn with_related_elsewhere(
        mut self,
        span: ByteSpan,
        message: impl Into<String>,
        elsewhere: Elsewhere,
    ) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
            elsewhere: Some(elsewhere),
        });
        self
    }

    /// Add a related place.
    pub fn with_related(mut self, span: ByteSpan, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
            elsewhere: None,
        });
        self
    }
}

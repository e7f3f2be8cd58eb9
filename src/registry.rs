//! The rule catalogue: one table pairing each [`Rule`] with its code, name, family,
//! default severity, fix availability and documentation (`docs/rules/DLnnn.md`).
//!
//! Source: the rule catalogue of DIGEST_FORMAT.md. Only this file pairs codes with names.

use crate::diagnostic::{Applicability, Severity};

/// Which part of a post a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// DL1xx: the front matter.
    FrontMatter,
    /// DL2xx: papers and sections.
    Structure,
    /// DL3xx: arXiv links.
    Arxiv,
    /// DL4xx: text.
    Text,
}

impl Family {
    /// The family's heading in `digest-lint rules`.
    pub fn title(self) -> &'static str {
        match self {
            Family::FrontMatter => "Front matter",
            Family::Structure => "Structure",
            Family::Arxiv => "arXiv links",
            Family::Text => "Text",
        }
    }
}

/// Whether a rule offers fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never.
    None,
    /// For some findings.
    Sometimes,
    /// For every finding.
    Always,
}

macro_rules! rules {
    ($($variant:ident => $code:literal, $name:literal, $family:ident, $severity:expr, $fix:ident, $applicabilities:expr;)*) => {
        /// A rule of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(#[doc = concat!("`", $code, "` `", $name, "`")] $variant,)*
        }

        impl Rule {
    /// Up to three rule names or codes close to `word` (a misspelled selector), each in
    /// backticks, closest first: for "did you mean …?".
    pub fn similar(word: &str) -> Vec<String> {
        let word_lower = word.to_lowercase();
        let mut scored: Vec<(usize, String)> = Vec::new();
        for rule in Rule::ALL {
            let by_code = strsim::levenshtein(&word_lower, &rule.code().to_lowercase());
            let by_name = strsim::levenshtein(&word_lower, rule.name());
            let limit = (word.chars().count() / 3).clamp(1, 4);
            if by_name <= limit {
                scored.push((by_name, rule.name().to_string()));
            } else if by_code <= 1 {
                scored.push((by_code, rule.code().to_string()));
            }
        }
        scored.sort();
        scored
            .into_iter()
            .take(3)
            .map(|(_, s)| format!("`{s}`"))
            .collect()
    }

            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable code, e.g. `DL401`.
            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code,)* }
            }

            /// The kebab-case name, e.g. `title-whitespace`.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name,)* }
            }

            /// The family the rule belongs to.
            pub fn family(self) -> Family {
                match self { $(Rule::$variant => Family::$family,)* }
            }

            /// The default severity; `None` when the rule is off by default.
            pub fn default_level(self) -> Option<Severity> {
                match self { $(Rule::$variant => $severity,)* }
            }

            /// Whether the rule offers fixes.
            pub fn fix_availability(self) -> FixAvailability {
                match self { $(Rule::$variant => FixAvailability::$fix,)* }
            }

            /// The applicabilities its fixes can have (empty when it has none).
            pub fn fix_applicabilities(self) -> &'static [Applicability] {
                match self { $(Rule::$variant => $applicabilities,)* }
            }

            /// The rule's documentation (Markdown): what it checks, why, an example,
            /// the corrected text, its fix and its configuration.
            pub fn doc(self) -> &'static str {
                match self { $(Rule::$variant => include_str!(concat!("../docs/rules/", $code, ".md")),)* }
            }
        }
    };
}

const SAFE: &[Applicability] = &[Applicability::Safe];
const UNSAFE: &[Applicability] = &[Applicability::Unsafe];
const BOTH: &[Applicability] = &[Applicability::Safe, Applicability::Unsafe];
const NO_FIX: &[Applicability] = &[];
const ERROR: Option<Severity> = Some(Severity::Error);
const WARNING: Option<Severity> = Some(Severity::Warning);
const INFO: Option<Severity> = Some(Severity::Info);
const OFF: Option<Severity> = None;

rules! {
    FrontMatterMissing => "DL101", "front-matter-missing", FrontMatter, ERROR, Always, UNSAFE;
    FrontMatterSyntax => "DL102", "front-matter-syntax", FrontMatter, ERROR, None, NO_FIX;
    FrontMatterKeyMissing => "DL103", "front-matter-key-missing", FrontMatter, ERROR, Sometimes, BOTH;
    FrontMatterKeyDuplicate => "DL104", "front-matter-key-duplicate", FrontMatter, ERROR, None, NO_FIX;
    FrontMatterValueType => "DL105", "front-matter-value-type", FrontMatter, ERROR, None, NO_FIX;
    FrontMatterYaml11Trap => "DL106", "front-matter-yaml11-trap", FrontMatter, WARNING, Always, BOTH;
    TitleStrayQuote => "DL107", "title-stray-quote", FrontMatter, ERROR, Always, SAFE;
    TitleDateMismatch => "DL108", "title-date-mismatch", FrontMatter, WARNING, None, NO_FIX;
    FileNameDateMismatch => "DL109", "file-name-date-mismatch", FrontMatter, WARNING, None, NO_FIX;
    TagMisspelled => "DL110", "tag-misspelled", FrontMatter, WARNING, Always, SAFE;
    FrontMatterKeyUnknown => "DL111", "front-matter-key-unknown", FrontMatter, OFF, None, NO_FIX;
    PaperHeadingFormat => "DL201", "paper-heading-format", Structure, ERROR, Sometimes, SAFE;
    PaperHeadingLevel => "DL202", "paper-heading-level", Structure, ERROR, Always, SAFE;
    PaperNumbering => "DL203", "paper-numbering", Structure, ERROR, Always, SAFE;
    SectionMissing => "DL204", "section-missing", Structure, ERROR, Sometimes, UNSAFE;
    SectionOrder => "DL205", "section-order", Structure, WARNING, Sometimes, UNSAFE;
    SectionDuplicate => "DL206", "section-duplicate", Structure, ERROR, None, NO_FIX;
    SectionUnknown => "DL207", "section-unknown", Structure, WARNING, Sometimes, SAFE;
    SectionHeadingLevel => "DL208", "section-heading-level", Structure, ERROR, Always, SAFE;
    SectionEmpty => "DL209", "section-empty", Structure, ERROR, None, NO_FIX;
    SectionTruncated => "DL210", "section-truncated", Structure, WARNING, None, NO_FIX;
    PlaceholderText => "DL211", "placeholder-text", Structure, INFO, None, NO_FIX;
    IntroLabels => "DL212", "intro-labels", Structure, INFO, None, NO_FIX;
    ContentBeforeFirstPaper => "DL213", "content-before-first-paper", Structure, WARNING, None, NO_FIX;
    PaperPreamble => "DL214", "paper-preamble", Structure, WARNING, None, NO_FIX;
    PostEmpty => "DL215", "post-empty", Structure, WARNING, None, NO_FIX;
    CommentUnclosed => "DL216", "comment-unclosed", Structure, ERROR, None, NO_FIX;
    ArxivLinkInvalid => "DL301", "arxiv-link-invalid", Arxiv, ERROR, None, NO_FIX;
    ArxivLinkNoncanonical => "DL302", "arxiv-link-noncanonical", Arxiv, WARNING, Always, BOTH;
    ArxivIdVersioned => "DL303", "arxiv-id-versioned", Arxiv, OFF, Always, SAFE;
    ArxivIdFuture => "DL304", "arxiv-id-future", Arxiv, ERROR, None, NO_FIX;
    ArxivIdStale => "DL305", "arxiv-id-stale", Arxiv, INFO, None, NO_FIX;
    PaperDuplicate => "DL306", "paper-duplicate", Arxiv, ERROR, None, NO_FIX;
    CompanionLinkMismatch => "DL307", "companion-link-mismatch", Arxiv, ERROR, Sometimes, UNSAFE;
    PaperCoveredBefore => "DL308", "paper-covered-before", Arxiv, WARNING, None, NO_FIX;
    PaperTitleConflict => "DL309", "paper-title-conflict", Arxiv, ERROR, None, NO_FIX;
    TitleWhitespace => "DL401", "title-whitespace", Text, WARNING, Always, SAFE;
    InvisibleCharacter => "DL402", "invisible-character", Text, WARNING, Sometimes, SAFE;
    TitleMarkup => "DL403", "title-markup", Text, WARNING, Always, SAFE;
    SuppressionInvalid => "DL404", "suppression-invalid", Text, WARNING, Sometimes, UNSAFE;
}

impl Rule {
    /// The severity a finding gets when neither the rule nor the finding says otherwise:
    /// the default level, or `Warning` for rules that are off by default (used when
    /// such a rule is turned on without a level, e.g. by `--select`).
    pub fn default_severity(self) -> Severity {
        self.default_level().unwrap_or(Severity::Warning)
    }

    /// True for the rules that compare a post with the other posts of its site (DL308,
    /// DL309): they run on the workspace index ([`crate::workspace`]), not on one post.
    pub fn is_cross_post(self) -> bool {
        matches!(self, Rule::PaperCoveredBefore | Rule::PaperTitleConflict)
    }

    /// Looks a rule up by code (`DL401`, any case) or name (`title-whitespace`).
    pub fn from_code_or_name(key: &str) -> Option<Rule> {
        let key = key.trim();
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(key) || r.name() == key)
    }

    /// The rules a selector names: a code, a name, a code prefix (`DL1`, `DL40`) or `ALL`.
    /// Empty when the selector names nothing.
    pub fn matching(selector: &str) -> Vec<Rule> {
        let selector = selector.trim();
        if selector.eq_ignore_ascii_case("all") {
            return Rule::ALL.to_vec();
        }
        if let Some(rule) = Rule::from_code_or_name(selector) {
            return vec![rule];
        }
        let upper = selector.to_ascii_uppercase();
        if upper.starts_with("DL") {
            return Rule::ALL
                .iter()
                .copied()
                .filter(|r| r.code().starts_with(&upper))
                .collect();
        }
        Vec::new()
    }

    /// The URL of the rule's documentation (LSP `codeDescription`).
    pub fn doc_url(self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.code()
        )
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = Rule::ALL.iter().map(|r| r.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Rule::ALL.len());
        for rule in Rule::ALL {
            assert!(rule.code().starts_with("DL") && rule.code().len() == 5);
            assert!(
                rule.name()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
            );
            assert_eq!(Rule::from_code_or_name(rule.name()), Some(*rule));
            assert_eq!(
                Rule::from_code_or_name(&rule.code().to_lowercase()),
                Some(*rule)
            );
        }
    }

    #[test]
    fn selectors_match_codes_names_and_prefixes() {
        assert_eq!(Rule::matching("DL40").len(), 4);
        assert_eq!(Rule::matching("dl1").len(), 11);
        assert_eq!(
            Rule::matching("title-whitespace"),
            vec![Rule::TitleWhitespace]
        );
        assert!(Rule::matching("nope").is_empty());
    }

    #[test]
    fn fix_applicabilities_agree_with_fix_availability() {
        for rule in Rule::ALL {
            let none = rule.fix_availability() == FixAvailability::None;
            assert_eq!(
                rule.fix_applicabilities().is_empty(),
                none,
                "{}",
                rule.code()
            );
        }
    }
}

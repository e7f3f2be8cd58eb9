//! Suppression comments, applied after the rules ran (rules never see them).
//!
//! - `<!-- digest-lint-disable RULE… -->` … `<!-- digest-lint-enable RULE… -->`
//! - `<!-- digest-lint-disable-next-line RULE… -->`
//! - `<!-- digest-lint-disable-file RULE… -->`
//!
//! No RULE means every rule. RULE is a code, a name or a code prefix (`DL2`).

use crate::diagnostic::Diagnostic;
use crate::registry::Rule;
use crate::syntax::Post;
use crate::text::ByteSpan;

/// Which rules a comment names (`None`: all).
type RuleSet = Option<Vec<Rule>>;

#[derive(Debug, Clone, PartialEq)]
enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// One suppression: the rules it covers and the byte span of text it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    /// The rules covered (`None`: all).
    pub rules: Option<Vec<Rule>>,
    /// Byte span of text in which findings starting there are suppressed.
    pub span: ByteSpan,
    /// Byte span of the comment that made it.
    pub comment_span: ByteSpan,
}

fn covers(rules: &RuleSet, rule: Rule) -> bool {
    rules.as_ref().is_none_or(|r| r.contains(&rule))
}

fn parse_comment(body: &str) -> Option<(Directive, RuleSet, Vec<String>)> {
    let mut words = body.split_whitespace();
    let directive = match words.next()? {
        "digest-lint-disable" => Directive::Disable,
        "digest-lint-enable" => Directive::Enable,
        "digest-lint-disable-next-line" => Directive::DisableNextLine,
        "digest-lint-disable-file" => Directive::DisableFile,
        _ => return None,
    };
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for word in words.flat_map(|w| w.split(',')).filter(|w| !w.is_empty()) {
        let matched = Rule::matching(word);
        if matched.is_empty() {
            unknown.push(word.to_string());
        }
        rules.extend(matched);
    }
    let set = if rules.is_empty() && unknown.is_empty() {
        None
    } else {
        Some(rules)
    };
    Some((directive, set, unknown))
}

/// The directives, as written in a comment.
const DIRECTIVES: [&str; 4] = [
    "digest-lint-disable",
    "digest-lint-enable",
    "digest-lint-disable-next-line",
    "digest-lint-disable-file",
];

/// A comment meant as a suppression comment that does not do what it says.
#[derive(Debug, Clone, PartialEq)]
pub enum Mistake {
    /// The directive is misspelled (`digest-lint-disabel-next-line`): the comment is
    /// an ordinary comment and suppresses nothing.
    Directive {
        /// Byte span of the misspelled word.
        span: ByteSpan,
        /// The directive meant.
        meant: &'static str,
    },
    /// A rule selector that names no rule: it suppresses nothing.
    UnknownRule {
        /// Byte span of the selector.
        span: ByteSpan,
        /// The rule whose code or name is closest, when one is close.
        meant: Option<Rule>,
    },
}

/// The words of `body` (split at blanks and commas) with their byte offsets in it.
fn words(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    body.char_indices()
        .chain(std::iter::once((body.len(), ' ')))
        .filter_map(move |(i, c)| {
            let separator = c.is_whitespace() || c == ',';
            match (start, separator) {
                (None, false) => {
                    start = Some(i);
                    None
                }
                (Some(s), true) => {
                    start = None;
                    Some((s, &body[s..i]))
                }
                _ => None,
            }
        })
}

/// The directive a misspelled first word means, if it looks meant as one.
fn meant_directive(word: &str) -> Option<&'static str> {
    if DIRECTIVES.contains(&word) {
        return None;
    }
    let normal = word.to_lowercase().replace('_', "-");
    let (distance, closest) = DIRECTIVES
        .iter()
        .map(|d| (strsim::osa_distance(&normal, d), *d))
        .min()?;
    let looks_meant = normal.starts_with("digest-lint") || normal.starts_with("digestlint");
    (looks_meant || distance <= 3).then_some(closest)
}

/// The rule a selector that names none was probably meant to name.
fn meant_rule(selector: &str) -> Option<Rule> {
    let lower = selector.to_lowercase();
    Rule::ALL
        .iter()
        .map(|r| {
            let by_code = strsim::osa_distance(&lower, &r.code().to_lowercase());
            let by_name = strsim::osa_distance(&lower, r.name());
            (by_code.min(by_name), *r)
        })
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, r)| r)
}

/// The suppression comments of the post that do not do what they say, in document order.
pub fn mistakes(post: &Post) -> Vec<Mistake> {
    let mut found = Vec::new();
    // A comment left open (DL216) is not read: its words run on into the post.
    for comment in post
        .comments
        .iter()
        .filter(|c| !c.swallows_another(post.text))
    {
        let body = comment.body_span.slice(post.text);
        let mut all = words(body);
        let Some((offset, first)) = all.next() else {
            continue;
        };
        let at = |offset: usize, word: &str| {
            let start = comment.body_span.start + offset;
            ByteSpan::new(start, start + word.len())
        };
        if let Some(meant) = meant_directive(first) {
            // The rules are read as well: fixing the directive must not bring up an
            // unknown rule that was there all along.
            found.push(Mistake::Directive {
                span: at(offset, first),
                meant,
            });
        } else if !DIRECTIVES.contains(&first) {
            continue;
        }
        for (offset, word) in all {
            if Rule::matching(word).is_empty() {
                found.push(Mistake::UnknownRule {
                    span: at(offset, word),
                    meant: meant_rule(word),
                });
            }
        }
    }
    found
}

/// One suppression comment of a post: where it is and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct SuppressionComment {
    /// Byte span of the comment.
    pub span: ByteSpan,
    directive: Directive,
    rules: RuleSet,
}

/// The suppression comments of the post, in document order (other comments skipped).
pub fn comments(post: &Post) -> Vec<SuppressionComment> {
    post.comments
        .iter()
        .filter(|c| !c.swallows_another(post.text))
        .filter_map(|comment| {
            let (directive, rules, _unknown) = parse_comment(comment.body_span.slice(post.text))?;
            Some(SuppressionComment {
                span: comment.span,
                directive,
                rules,
            })
        })
        .collect()
}

/// Reads every suppression comment of the post into the spans it covers.
pub fn suppressions(post: &Post) -> Vec<Suppression> {
    let index = &post.line_index;
    resolve(&comments(post), post.text.len(), |comment_end| {
        index.line_span(post.text, index.line_idx(comment_end) + 1)
    })
}

/// Turns suppression comments (in document order) into the spans they cover. `text_len`
/// is the post's length; `next_line(comment_end)` gives the byte span (without its line
/// break) of the line after the one holding byte `comment_end`, for `disable-next-line`.
pub fn resolve(
    comments: &[SuppressionComment],
    text_len: usize,
    next_line: impl Fn(usize) -> ByteSpan,
) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Vec<(RuleSet, usize, ByteSpan)> = Vec::new();
    for comment in comments {
        let rules = comment.rules.clone();
        match comment.directive {
            Directive::DisableFile => out.push(Suppression {
                rules,
                span: ByteSpan::new(0, text_len),
                comment_span: comment.span,
            }),
            Directive::DisableNextLine => out.push(Suppression {
                rules,
                span: next_line(comment.span.end),
                comment_span: comment.span,
            }),
            Directive::Disable => open.push((rules, comment.span.end, comment.span)),
            Directive::Enable => {
                // Close the disables this enable names (all of them when it names none).
                let mut still_open = Vec::new();
                for (disabled, start, span) in open.drain(..) {
                    let closes = match (&rules, &disabled) {
                        (None, _) => true,
                        (Some(en), Some(dis)) => dis.iter().all(|r| en.contains(r)),
                        (Some(_), None) => false,
                    };
                    if closes {
                        out.push(Suppression {
                            rules: disabled,
                            span: ByteSpan::new(start, comment.span.start),
                            comment_span: span,
                        });
                    } else {
                        still_open.push((disabled, start, span));
                    }
                }
                open = still_open;
            }
        }
    }
    for (rules, start, span) in open {
        out.push(Suppression {
            rules,
            span: ByteSpan::new(start, text_len),
            comment_span: span,
        });
    }
    out
}

/// Drops the diagnostics that a suppression covers (by the finding's start offset).
pub fn apply(post: &Post, diagnostics: &mut Vec<Diagnostic>) {
    if post.comments.is_empty() {
        return;
    }
    let suppressions = suppressions(post);
    apply_suppressions(&suppressions, diagnostics);
}

/// Like [`apply`], but returns the diagnostics it drops (the fix engine counts a finding
/// a comment hid as there before a fix).
pub fn take_hidden(post: &Post, diagnostics: &mut Vec<Diagnostic>) -> Vec<Diagnostic> {
    if post.comments.is_empty() {
        return Vec::new();
    }
    let suppressions = suppressions(post);
    diagnostics
        .extract_if(.., |d| is_suppressed(&suppressions, d))
        .collect()
}

/// Drops the diagnostics that one of `suppressions` covers (by the finding's start offset).
pub fn apply_suppressions(suppressions: &[Suppression], diagnostics: &mut Vec<Diagnostic>) {
    if suppressions.is_empty() {
        return;
    }
    // Inclusive end: a finding at the very end of a covered line (an empty span) counts.
    diagnostics.retain(|d| !is_suppressed(suppressions, d));
}

/// True when one of `suppressions` covers the diagnostic (by its start offset).
pub fn is_suppressed(suppressions: &[Suppression], d: &Diagnostic) -> bool {
    suppressions.iter().any(|s| {
        covers(&s.rules, d.rule) && s.span.start <= d.span.start && d.span.start <= s.span.end
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives_and_rule_lists() {
        let (d, rules, unknown) =
            parse_comment(" digest-lint-disable DL401 title-markup, DL2 ").unwrap();
        assert_eq!(d, Directive::Disable);
        let rules = rules.unwrap();
        assert!(rules.contains(&Rule::TitleWhitespace) && rules.contains(&Rule::TitleMarkup));
        assert!(rules.contains(&Rule::SectionMissing));
        assert!(unknown.is_empty());
        assert_eq!(parse_comment("digest-lint-disable-file").unwrap().1, None);
        assert!(parse_comment("just a comment").is_none());
    }

    #[test]
    fn misspelled_directives_and_unknown_rules_are_mistakes() {
        assert_eq!(
            meant_directive("digest-lint-disabel-next-line"),
            Some("digest-lint-disable-next-line")
        );
        assert_eq!(
            meant_directive("Digest-Lint-Disable"),
            Some("digest-lint-disable")
        );
        assert_eq!(meant_directive("digest-lint-disable"), None);
        assert_eq!(meant_directive("digest"), None);
        assert_eq!(meant_directive("TODO"), None);
        assert_eq!(meant_rule("title-whitespcae"), Some(Rule::TitleWhitespace));
        assert_eq!(meant_rule("DL4011"), Some(Rule::TitleWhitespace));
        assert_eq!(meant_rule("frobnicate"), None);
        let words: Vec<_> = words(" a, bb  c").collect();
        assert_eq!(words, [(1, "a"), (4, "bb"), (8, "c")]);
    }
}

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
}

//! Linting one post: read it, refuse what is not a post's text, lint and fix it with
//! panics caught, so one bad file never ends the run.

use digest_lint::fix::{FixFailure, RefusedFix, fix_until_stable};
use digest_lint::workspace::IndexedPost;
use digest_lint::{Applicability, Config, Diagnostic, Post};
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Once;

/// Files larger than this are not linted (the language server keeps the same limit).
pub const MAX_FILE_BYTES: usize = digest_lint::MAX_POST_BYTES;

/// What to do besides linting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Only lint.
    Off,
    /// Fix with fixes at or above this applicability.
    Fix(Applicability),
}

/// The result of linting (and maybe fixing) one post's text.
#[derive(Debug, Clone)]
pub struct Linted {
    /// The text after fixes (the input when nothing was fixed).
    pub text: String,
    /// The findings of `text`.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied.
    pub fixed: usize,
    /// Set when the fixes were abandoned (then `text` is the input): why.
    pub fix_failure: Option<String>,
    /// Why the unsafe fixes were left out (the safe ones were applied).
    pub fix_warning: Option<String>,
    /// The post's entry in the paper index (of `text`), when asked for.
    pub indexed: Option<IndexedPost>,
}

/// How to index a post while linting it: the path that names it and its site's root.
pub type IndexAs = Option<(PathBuf, Arc<Path>)>;

/// Turns a file's bytes into its text, or says why it is not a post's text.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is too large to be a post ({}; the limit is {} MiB)",
            human_size(bytes.len()),
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary file: NUL byte at byte offset {at}"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8: invalid byte at byte offset {}",
            e.utf8_error().valid_up_to()
        )
    })
}

fn human_size(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Lints `text` (and fixes it when asked), catching a panic as an internal error. With
/// `index_as`, the final text's paper index entry comes along (from the same parse when
/// nothing is fixed).
pub fn lint_text(
    text: String,
    config: &Config,
    file_name: Option<&str>,
    mode: FixMode,
    index_as: IndexAs,
) -> Result<Linted, String> {
    let options = config.layout_for(file_name);
    let index = |post: &Post, (path, site): (PathBuf, Arc<Path>)| {
        digest_lint::workspace::index_post(post, config, path, site)
    };
    guarded(|| match mode {
        FixMode::Off => {
            let post = Post::parse(&text, options);
            let diagnostics = digest_lint::lint_post(&post, config, file_name);
            let indexed = index_as.map(|at| index(&post, at));
            Linted {
                diagnostics,
                indexed,
                text,
                fixed: 0,
                fix_failure: None,
                fix_warning: None,
            }
        }
        FixMode::Fix(required) => {
            let outcome = fix_until_stable(&text, config, file_name, required);
            let fix_failure = outcome.failed.as_ref().map(describe_failure);
            let fix_warning = outcome
                .unsafe_skipped
                .as_ref()
                .map(describe_skipped)
                .into_iter()
                .chain(outcome.refused.iter().map(describe_refused))
                .reduce(|a, b| format!("{a}; {b}"));
            let indexed = index_as.map(|at| index(&Post::parse(&outcome.text, options), at));
            Linted {
                fixed: outcome.fixed.values().sum(),
                text: outcome.text,
                diagnostics: outcome.remaining,
                fix_failure,
                fix_warning,
                indexed,
            }
        }
    })
}

/// Unsafe fixes that clashed with the post: expected now and then, so a warning.
fn describe_skipped(failure: &FixFailure) -> String {
    match failure {
        FixFailure::NoConvergence(rules) => format!(
            "unsafe fixes not applied: the fixes of {} kept changing the post; safe fixes applied",
            codes(rules)
        ),
    }
}

/// A fix left out because it put a new finding next to its own edit: the other fixes
/// were written; the rule's fix needs mending.
fn describe_refused(refused: &RefusedFix) -> String {
    format!(
        "the fix of {} was left out: it would add {} on the lines it changes; the other fixes were applied (please report this to digest-lint)",
        refused.rule.code(),
        codes(&refused.created)
    )
}

/// Fixes that failed although only safe ones were asked for: our bug.
fn describe_failure(failure: &FixFailure) -> String {
    match failure {
        FixFailure::NoConvergence(rules) => format!(
            "fixes not applied: the fixes of {} kept changing the post after {} passes (a bug in digest-lint; please report it)",
            codes(rules),
            digest_lint::fix::MAX_PASSES
        ),
    }
}

/// `DL203, DL204`.
fn codes(rules: &[digest_lint::Rule]) -> String {
    rules
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

thread_local! {
    /// Inside [`guarded`]: where the last panic of this thread happened and why.
    static CAUGHT: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic becomes an error message naming where it happened. Panics inside
/// are not printed by the default hook; panics elsewhere still are.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let inside = CAUGHT.with(|c| {
                let mut c = c.borrow_mut();
                if c.is_some() {
                    let payload = info
                        .payload()
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| info.payload().downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown cause".into());
                    let at = info
                        .location()
                        .map(|l| format!(" at {}:{}", l.file(), l.line()))
                        .unwrap_or_default();
                    *c = Some(Some(format!("{payload}{at}")));
                    true
                } else {
                    false
                }
            });
            if !inside {
                default_hook(info);
            }
        }));
    });
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = catch_unwind(AssertUnwindSafe(f));
    let caught = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    result.map_err(|_| {
        format!(
            "internal error: digest-lint panicked ({}); please report it with this file",
            caught.unwrap_or_else(|| "unknown cause".into())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_message() {
        let error = guarded(|| -> usize { panic!("boom") }).unwrap_err();
        assert!(
            error.contains("internal error") && error.contains("boom"),
            "{error}"
        );
        assert!(error.contains("lint_file.rs"), "{error}");
        assert_eq!(guarded(|| 3).unwrap(), 3);
    }

    #[test]
    fn a_failed_fix_run_names_the_rules() {
        use digest_lint::Rule;
        let message = describe_failure(&FixFailure::NoConvergence(vec![
            Rule::TitleWhitespace,
            Rule::TitleMarkup,
        ]));
        assert!(
            message.contains("DL401, DL403 kept changing the post after 10 passes"),
            "{message}"
        );
        let message = describe_refused(&RefusedFix {
            rule: Rule::SectionUnknown,
            created: vec![Rule::SectionMissing],
        });
        assert!(
            message.contains("fix of DL207 was left out: it would add DL204"),
            "{message}"
        );
    }

    #[test]
    fn refuses_binary_invalid_and_huge_text() {
        assert!(
            decode(b"a\0b".to_vec())
                .unwrap_err()
                .contains("NUL byte at byte offset 1")
        );
        assert!(
            decode(vec![b'a', 0xff])
                .unwrap_err()
                .contains("not valid UTF-8")
        );
        assert!(
            decode(vec![b'a'; MAX_FILE_BYTES + 1])
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(decode(Vec::new()).unwrap(), "");
    }
}

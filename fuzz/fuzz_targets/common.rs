//! What every target shares: the configurations the input is checked under.
#![allow(dead_code)]

use digest_lint::{Applicability, Config, Rule, Severity};

/// The file name a post is checked under (its date matters to DL108/DL109).
pub const FILE_NAME: &str = "2025-08-31-x.md";

/// The configuration and applicability to use for `text`, chosen from its length so
/// that mutations explore all four: the defaults or every rule on (the off-by-default
/// rules DL111 and DL303 included), safe or unsafe fixes.
pub fn setup(text: &str) -> (Config, Applicability) {
    let mut config = Config::default();
    if text.len() % 2 == 1 {
        for rule in [Rule::FrontMatterKeyUnknown, Rule::ArxivIdVersioned] {
            config.levels.insert(rule, Some(Severity::Warning));
        }
    }
    let required = if text.len() % 4 >= 2 {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    (config, required)
}

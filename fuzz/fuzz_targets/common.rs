//! What every target shares: the configurations the input is checked under.
#![allow(dead_code)]

use digest_lint::{Applicability, Config, Rule, Severity};
use std::path::Path;
use std::sync::OnceLock;

/// The file name a post is checked under (its date matters to DL108/DL109).
pub const FILE_NAME: &str = "2025-08-31-x.md";

/// One layout of each kind from `docs/layouts.md`, besides the default (DIGEST_FORMAT.md's).
const LAYOUTS: [&str; 3] = [
    // Headings without front matter, a page heading with the date, no sections.
    r###"
[[layout]]
include = ["**"]
front-matter = "none"
page-heading = "## Daily Papers ({date})"
[layout.paper]
level = 3
metadata = ["Authors:", "[Watch Video]("]
[layout.sections]
as = "none"
"###,
    // Ordered-list papers with nested links and labelled bullets.
    r###"
[schema]
link-hosts = ["arxiv.org", "huggingface.co"]
[[layout]]
include = ["**"]
page-heading = "# 오늘의 논문 ({date})"
[layout.paper]
unit = "list-item"
metadata = ["기관:"]
[layout.sections]
as = "labelled-bullets"
names = ["Abstract"]
"###,
    // One paper per post, the link in the front matter, sections as bold labels; text
    // titles with the link on the next line are covered by the heading layouts' mix.
    r###"
[[layout]]
include = ["**"]
[layout.paper]
unit = "post"
[layout.sections]
as = "bold-labels"
names = ["中文摘要", "总结"]
"###,
];

/// The configuration and applicability to use for `text`, chosen from its length so
/// that mutations explore them all: the default layout or one of the others, the
/// default rules or every rule on (the off-by-default rules DL111 and DL303 included),
/// safe or unsafe fixes.
pub fn setup(text: &str) -> (Config, Applicability) {
    static CONFIGS: OnceLock<Vec<Config>> = OnceLock::new();
    let configs = CONFIGS.get_or_init(|| {
        let mut configs = vec![Config::default()];
        for toml in LAYOUTS {
            configs.push(Config::from_toml(toml, Path::new("digest-lint.toml")).expect("layout"));
        }
        configs
    });
    // The default layout half the time: it is what most posts use.
    let which = match (text.len() / 4) % 6 {
        n @ 1..=3 => n,
        _ => 0,
    };
    let mut config = configs[which].clone();
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

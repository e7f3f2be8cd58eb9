//! The language server re-checks only the paper blocks an edit touches. Whatever the
//! edits, its findings must equal a full `digest_lint::lint` of the same text, and its
//! outline the full parse. Random posts and random edits, biased toward what makes
//! cutting a post into blocks unsafe: code fences, HTML blocks and comments, suppression
//! comments, reference definitions, headings appearing and disappearing, CRLF, Hangul, emoji.

mod common;

use digest_lint::lsp::analysis::{Analysis, ByteEdit};
use digest_lint::{Config, Diagnostic, Post};
use proptest::prelude::*;
use ropey::Rope;
use std::sync::Arc;

const FILE: &str = "2025-08-31-daily-papers-20250831.md";

const TOKENS: &[&str] = &[
    "a",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "# ",
    "## ",
    "#",
    "\n# 3. [T  x](https://arxiv.org/abs/2508.00003)\n",
    "\n# 7. [Dup](https://arxiv.org/abs/2508.00001)\n",
    "## Method\n",
    "## Results\nok\n",
    "```\n",
    "~~~",
    "<!--",
    "-->",
    "<div>\n",
    "\n[x]: https://example.com\n",
    "[^1]: note\n",
    "<!-- digest-lint-disable DL401 -->",
    "<!-- digest-lint-enable -->",
    "<!-- digest-lint-disable-next-line DL401 -->\n",
    "<!-- digest-lint-disable-file DL203 -->\n",
    "한",
    "😀",
    "---\n",
    "===\n",
    "> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.00001)\n",
    "title: \"x\"\n",
    "\t",
    "    indented\n",
    "- item\n",
    "2. ",
    "[",
    "](https://arxiv.org/abs/2508.00009)",
];

fn paper(n: usize, id: usize, spaces: bool) -> String {
    let title = if spaces {
        "Title   with  runs"
    } else {
        "A title"
    };
    format!(
        "# {n}. [{title}](https://arxiv.org/abs/2508.{id:05})\n> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.{id:05})\n\n## Introduction\n- Goal: 목표 😀\n- Motivation: b\n- Contribution: c\n\n## Method  \n방법.\n\n## Results\nr.\n\n## Limitations\n정보 부족\n\n## Conclusion\nc.\n\n"
    )
}

fn base_post() -> impl Strategy<Value = String> {
    (0usize..6, any::<bool>(), any::<bool>(), any::<bool>(), proptest::collection::vec(any::<bool>(), 6)).prop_map(
        |(papers, front_matter, crlf, intro, spaces)| {
            let mut text = String::new();
            if front_matter {
                text.push_str("---\nlayout: post\ntitle: Daily Papers — 2025-08-31\"\ndate: 2025-08-31 08:15:00\ntags: [papers, hugginface]\ncategories: []\n---\n\n");
            }
            if intro {
                text.push_str("Some intro text.\n\n");
            }
            for (i, &spaces) in spaces.iter().enumerate().take(papers) {
                text.push_str(&paper(i + 1, 1 + i % 4, spaces));
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        },
    )
}

fn edits() -> impl Strategy<Value = Vec<(f64, usize, usize)>> {
    proptest::collection::vec((0.0f64..1.0, 0usize..12, 0..TOKENS.len()), 1..25)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn sorted(mut ds: Vec<Diagnostic>) -> Vec<String> {
    ds.sort_by(|a, b| (a.span, a.rule, &a.message).cmp(&(b.span, b.rule, &b.message)));
    ds.iter().map(|d| format!("{:?}", d)).collect()
}

fn check(
    analysis: &Analysis,
    rope: &Rope,
    text: &str,
    config: &Config,
) -> Result<(), TestCaseError> {
    let incremental: Vec<Diagnostic> = analysis.diagnostics(rope).into_iter().cloned().collect();
    let full = digest_lint::lint(text, config, Some(FILE));
    prop_assert_eq!(sorted(incremental), sorted(full), "text: {:?}", text);
    let post = Post::parse(text, &config.default_layout);
    let headings: Vec<_> = post
        .papers
        .iter()
        .map(|p| (p.span, p.heading.as_ref().unwrap().heading.span))
        .collect();
    let outline: Vec<_> = analysis.papers().map(|p| (p.span, p.heading)).collect();
    prop_assert_eq!(outline, headings, "text: {:?}", text);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    // 300 cases by default; CI asks for more with PROPTEST_CASES (.ci/run).
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_findings_equal_a_full_lint(base in base_post(), edits in edits(), update_every in 1usize..4) {
        let config = Config::default();
        let mut text = base;
        let mut rope = Rope::from_str(&text);
        let mut analysis = Analysis::new(Arc::new(config.clone()), Some(FILE.into()), text.len());
        analysis.update(&rope);
        check(&analysis, &rope, &text, &config)?;
        for (k, (at, delete, token)) in edits.into_iter().enumerate() {
            let start = floor_boundary(&text, (at * text.len() as f64) as usize);
            let end = floor_boundary(&text, (start + delete).min(text.len())).max(start);
            let insert = TOKENS[token];
            text.replace_range(start..end, insert);
            let (cs, ce) = (rope.byte_to_char(start), rope.byte_to_char(end));
            rope.remove(cs..ce);
            rope.insert(cs, insert);
            analysis.edit(ByteEdit { start, old_end: end, new_len: insert.len() });
            if k % update_every == 0 {
                analysis.update(&rope);
                check(&analysis, &rope, &text, &config)?;
            }
        }
        analysis.update(&rope);
        check(&analysis, &rope, &text, &config)?;
    }
}

/// The same over the real corpus: every post, a few hundred single-character edits.
#[test]
fn incremental_findings_equal_a_full_lint_on_the_corpus() {
    let Some(dir) = common::corpus_dir() else {
        return;
    };
    let config = Config::default();
    let mut posts: Vec<_> = ["seed", "hahngt", "hahngt-history"]
        .iter()
        .flat_map(|f| {
            std::fs::read_dir(dir.join(f))
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    posts.sort();
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for path in posts.iter().step_by(7) {
        let mut text = std::fs::read_to_string(path).unwrap();
        let mut rope = Rope::from_str(&text);
        let mut analysis = Analysis::new(Arc::new(config.clone()), Some(FILE.into()), text.len());
        analysis.update(&rope);
        for _ in 0..40 {
            let start = floor_boundary(&text, (next() as usize) % (text.len() + 1));
            let end =
                floor_boundary(&text, (start + (next() as usize) % 3).min(text.len())).max(start);
            let insert = TOKENS[(next() as usize) % TOKENS.len()];
            text.replace_range(start..end, insert);
            let (cs, ce) = (rope.byte_to_char(start), rope.byte_to_char(end));
            rope.remove(cs..ce);
            rope.insert(cs, insert);
            analysis.edit(ByteEdit {
                start,
                old_end: end,
                new_len: insert.len(),
            });
            analysis.update(&rope);
        }
        let incremental: Vec<Diagnostic> =
            analysis.diagnostics(&rope).into_iter().cloned().collect();
        let full = digest_lint::lint(&text, &config, Some(FILE));
        assert_eq!(sorted(incremental), sorted(full), "{}", path.display());
    }
}

/// Issue 11: after these edits the incremental analysis put DL203 ("Paper number is 3;
/// expected 2") on a body line where an old heading used to be, and its quick fix
/// edited that line; a full lint puts it on the new heading.
#[test]
fn paper_numbering_follows_a_heading_inserted_after_earlier_edits() {
    let config = Config::default();
    let mut text = "\n# 3. [T  x](https://arxiv.org/abs/2508.00003)\n=\n- Motivation: b\n## Limitations\n\n\n# 3. [A title](https://arxiv.org/abs/2508.00003)\n".to_string();
    let mut rope = Rope::from_str(&text);
    let mut analysis = Analysis::new(Arc::new(config.clone()), Some(FILE.into()), text.len());
    analysis.update(&rope);
    // (line, column) to a byte offset (the text is ASCII, so columns are bytes).
    let offset = |text: &str, line: usize, column: usize| {
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + column
    };
    let steps = [
        ((0, 0), (1, 9), "a", true),
        ((5, 0), (6, 1), "a", false),
        (
            (3, 12),
            (3, 12),
            "\n# 3. [T  x](https://arxiv.org/abs/2508.00003)\n",
            true,
        ),
    ];
    for ((sl, sc), (el, ec), insert, pull) in steps {
        let (start, end) = (offset(&text, sl, sc), offset(&text, el, ec));
        text.replace_range(start..end, insert);
        let (cs, ce) = (rope.byte_to_char(start), rope.byte_to_char(end));
        rope.remove(cs..ce);
        rope.insert(cs, insert);
        analysis.edit(ByteEdit {
            start,
            old_end: end,
            new_len: insert.len(),
        });
        if pull {
            analysis.update(&rope);
            check(&analysis, &rope, &text, &config).unwrap();
        }
    }
}

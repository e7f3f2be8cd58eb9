//! Property tests over generated posts biased toward our hazards: CRLF, lone CR, BOM,
//! Hangul, emoji, U+2028, NBSP, tabs, unclosed front matter, broken links.

use digest_lint::fix::fix_until_stable;
use digest_lint::text::LineIndex;
use digest_lint::{Applicability, Config};
use proptest::prelude::*;

/// Pieces that digest posts (and their mistakes) are made of.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---\n".to_string()),
        Just("layout: post\n".to_string()),
        Just("title: Daily Papers — 2025-08-31\"\n".to_string()),
        Just("title: \"제목 😀\"\n".to_string()),
        Just("date: 2025-08-31 08:15:00\n".to_string()),
        Just("date: 2025-02-30\n".to_string()),
        Just("tags: [papers, hugginface]\n".to_string()),
        Just("toc: no\n".to_string()),
        Just("# 1. [A  title](https://arxiv.org/abs/2508.20751)\n".to_string()),
        Just("### 2. [<think>x</think>](http://arxiv.org/abs/2508.20722v2)\n".to_string()),
        Just("# 3. [Broken\n\nlink](https://arxiv.org/pdf/2508.18966.pdf)\n".to_string()),
        Just("# [No number](https://example.com/x)\n".to_string()),
        Just("> [Alphaxiv](https://www.alphaxiv.org/ko/overview/2508.20751)\n".to_string()),
        Just("## Introduction\n- Goal: 목표\n".to_string()),
        Just("## Method  \n본문  \n".to_string()),
        Just("## Methods:\n".to_string()),
        Just("### Results\n결과이다\n".to_string()),
        Just("## Limitations\n정보 부족.\n".to_string()),
        Just("## Conclusion\n".to_string()),
        Just("<!-- digest-lint-disable DL401 -->\n".to_string()),
        Just("```\n# code\n```\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{a0}\u{200b}\u{202e}".to_string()),
        Just("\t".to_string()),
        "[ -~가-힣😀]{0,12}",
    ]
}

fn post() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn lint_never_panics_and_spans_are_valid(text in post()) {
        for d in digest_lint::lint(&text, &Config::default(), Some("2025-08-31-x.md")) {
            prop_assert!(d.span.end <= text.len());
            prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        }
    }

    #[test]
    fn fixing_twice_equals_fixing_once(text in post()) {
        let config = Config::default();
        let once = fix_until_stable(&text, &config, Some("2025-08-31-x.md"), Applicability::Safe);
        if once.failed.is_none() {
            let twice = fix_until_stable(&once.text, &config, Some("2025-08-31-x.md"), Applicability::Safe);
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(once.remaining.iter().all(|d| d.fix.as_ref().is_none_or(|f| f.applicability < Applicability::Safe)),
                "safe-fixable finding left: {:?}", once.remaining);
        }
    }

    #[test]
    fn line_index_round_trips_utf16(text in post()) {
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices() {
            let (line, col) = index.utf16_line_col(&text, offset);
            let back = index.offset_from_utf16(&text, line, col);
            // Offsets inside a line break map to the line's end; all others round-trip.
            let in_break = matches!(text.as_bytes()[offset], b'\n' | b'\r');
            prop_assert!(back == offset || in_break, "{offset} -> ({line},{col}) -> {back}");
        }
    }
}

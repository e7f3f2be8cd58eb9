//! Any UTF-8 text: parsing and linting never panic; spans stay on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for d in digest_lint::lint(text, &digest_lint::Config::default(), Some("2025-08-31-x.md")) {
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
    }
});

//! Any UTF-8 text: parsing and linting never panic; spans stay on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    let (config, _) = common::setup(text);
    for d in digest_lint::lint(text, &config, Some(common::FILE_NAME)) {
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        assert!(d.span.start <= d.span.end && d.span.end <= text.len());
    }
});

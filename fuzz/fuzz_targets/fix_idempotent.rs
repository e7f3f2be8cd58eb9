//! Fixing twice gives the same text as fixing once, and fixing always finishes.
#![no_main]
use digest_lint::fix::fix_until_stable;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    let (config, required) = common::setup(text);
    let once = fix_until_stable(text, &config, Some(common::FILE_NAME), required);
    assert_eq!(once.failed, None, "the fixes did not settle");
    let twice = fix_until_stable(&once.text, &config, Some(common::FILE_NAME), required);
    assert_eq!(twice.text, once.text);
});

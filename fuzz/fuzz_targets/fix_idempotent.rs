//! Fixing twice gives the same text as fixing once.
#![no_main]
use digest_lint::{Applicability, Config, fix::fix_until_stable};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let config = Config::default();
    let once = fix_until_stable(text, &config, Some("2025-08-31-x.md"), Applicability::Unsafe);
    if once.failed.is_none() {
        let twice = fix_until_stable(&once.text, &config, Some("2025-08-31-x.md"), Applicability::Unsafe);
        assert_eq!(twice.text, once.text);
    }
});

//! A fix never creates a warning or an error next to its own edit, and one run settles:
//! the fix engine refuses nothing, and a second run changes nothing.
#![no_main]
use digest_lint::fix::fix_until_stable;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|text: &str| {
    let (config, required) = common::setup(text);
    let once = fix_until_stable(text, &config, Some(common::FILE_NAME), required);
    assert_eq!(once.failed, None, "the fixes did not settle");
    assert!(
        once.refused.is_empty(),
        "a fix created a problem next to its own edit: {:?}",
        once.refused
    );
    let twice = fix_until_stable(&once.text, &config, Some(common::FILE_NAME), required);
    assert_eq!(twice.text, once.text, "a second run changed the text again");
});

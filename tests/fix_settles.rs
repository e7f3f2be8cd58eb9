//! Fixes that always finish: every input in `tests/fix_settles_inputs/` (minimised
//! inputs from fuzzing and from issue 11, kept as regression fixtures) is fixed in one
//! run, with nothing refused, and `check --fix` writes it without calling it a bug.

mod common;

use digest_lint::fix::fix_until_stable;
use digest_lint::{Applicability, Config};
use std::path::PathBuf;

const FILE_NAME: &str = "2025-08-31-x.md";

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fix_settles_inputs");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = String::from_utf8(std::fs::read(&p).unwrap()).expect("UTF-8 fixture");
            (name, text)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 8, "the fixtures are missing");
    out
}

/// The fuzz targets' choice of configuration for an input (by its length: a layout,
/// the off-by-default rules, safe or unsafe), so that an input found under one of the
/// other layouts is kept under it.
#[path = "../fuzz/fuzz_targets/common.rs"]
mod fuzz_setup;

#[test]
fn every_fixture_settles_in_one_run_with_nothing_refused() {
    for (name, text) in fixtures() {
        let fuzzed = fuzz_setup::setup(&text);
        let runs = [
            (Config::default(), Applicability::Safe),
            (Config::default(), Applicability::Unsafe),
            fuzzed,
        ];
        for (config, required) in runs {
            let config = &config;
            let once = fix_until_stable(&text, config, Some(FILE_NAME), required);
            assert_eq!(once.failed, None, "{name} ({required:?}): {once:?}");
            assert!(
                once.refused.is_empty(),
                "{name} ({required:?}): refused {:?}",
                once.refused
            );
            let twice = fix_until_stable(&once.text, config, Some(FILE_NAME), required);
            assert_eq!(
                twice.text, once.text,
                "{name} ({required:?}): a second run changed the text again"
            );
            // Nothing left is offered as fixable by the run that just finished.
            for d in &once.remaining {
                assert!(
                    d.fix.as_ref().is_none_or(|f| f.applicability < required),
                    "{name} ({required:?}): {} still offers its fix after the run",
                    d.rule.code()
                );
            }
        }
    }
}

#[test]
fn check_fix_writes_every_fixture_and_never_calls_it_a_bug() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    std::fs::create_dir(&posts).unwrap();
    for (name, text) in fixtures() {
        for flags in [&["--fix"][..], &["--fix", "--unsafe-fixes"][..]] {
            let path = posts.join(FILE_NAME);
            std::fs::write(&path, &text).unwrap();
            let mut args = vec!["check"];
            args.extend_from_slice(flags);
            args.push("_posts/2025-08-31-x.md");
            let run = common::run(dir.path(), &args);
            let all = format!("{}{}", run.stdout, run.stderr);
            if text.contains('\0') {
                // The command line does not read a file with NUL bytes as a post: it says
                // so and leaves it alone (the library and the editor still read it).
                assert!(run.stderr.contains("binary file"), "{name}: {all}");
                assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}");
                continue;
            }
            assert!(!all.contains("bug"), "{name} {flags:?}: {all}");
            assert!(!all.contains("not applied"), "{name} {flags:?}: {all}");
            let written = std::fs::read_to_string(&path).unwrap();
            // Written whenever a fix applied.
            assert_eq!(
                written != text,
                run.stdout.contains("Fixed"),
                "{name} {flags:?}: {all}"
            );
            // Exit by what is left: 1 with findings left, never 2.
            assert_ne!(run.code, 2, "{name} {flags:?}: {all}");
            // One run is enough: the next one has nothing to fix and promises nothing.
            let again = common::run(dir.path(), &args);
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                written,
                "{name} {flags:?}: a second run changed the file\n{}",
                again.stdout
            );
            assert!(
                !again.stdout.contains("Fixed"),
                "{name} {flags:?}: {}",
                again.stdout
            );
            // (`fixable with --fix --unsafe-fixes` after a `--fix` run is another promise)
            let promised = format!("fixable with {}", flags.join(" "));
            let promises = run
                .stdout
                .match_indices(&promised)
                .any(|(at, _)| !run.stdout[at + promised.len()..].starts_with(" --unsafe-fixes"));
            assert!(
                !promises,
                "{name} {flags:?}: the summary promises fixes this run did not apply\n{}",
                run.stdout
            );
        }
    }
}

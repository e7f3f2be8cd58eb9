#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;
use digest_lint::fix::fix_until_stable;
#[test]
fn scratch() {
    let bytes = std::fs::read(std::env::var("INPUT").unwrap()).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(e) => String::from_utf8(bytes[..e.valid_up_to()].to_vec()).unwrap(),
    };
    let (config, required) = common::setup(&text);
    let t = std::time::Instant::now();
    let lint = digest_lint::lint(&text, &config, Some(common::FILE_NAME));
    println!(
        "lint {:?}: {:?}",
        t.elapsed(),
        lint.iter().map(|d| d.rule.code()).collect::<Vec<_>>()
    );
    let t = std::time::Instant::now();
    let once = fix_until_stable(&text, &config, Some(common::FILE_NAME), required);
    println!(
        "fix {:?} {:?} {:?}\n{:?}",
        t.elapsed(),
        once.refused,
        once.failed,
        once.text
    );
}
#[test]
fn scratch_edits() {
    let bytes = std::fs::read(std::env::var("INPUT").unwrap()).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(e) => String::from_utf8(bytes[..e.valid_up_to()].to_vec()).unwrap(),
    };
    let (config, _) = common::setup(&text);
    for d in digest_lint::lint(&text, &config, Some(common::FILE_NAME)) {
        if let Some(f) = &d.fix {
            for e in &f.edits {
                println!(
                    "{} {:?} {:?} -> {:?} | finding at {:?}",
                    d.rule.code(),
                    e.span,
                    &text[e.span.range()],
                    e.new_text,
                    &text[d.span.range()]
                );
            }
        } else {
            println!(
                "{} (no fix) at {:?} {:?}",
                d.rule.code(),
                d.span,
                &text[d.span.range()]
            );
        }
    }
}
#[test]
fn scratch_twice() {
    let bytes = std::fs::read(std::env::var("INPUT").unwrap()).unwrap();
    let text = match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(e) => String::from_utf8(bytes[..e.valid_up_to()].to_vec()).unwrap(),
    };
    let (config, required) = common::setup(&text);
    let once = fix_until_stable(&text, &config, Some(common::FILE_NAME), required);
    println!(
        "once refused {:?} failed {:?} fixed {:?}",
        once.refused, once.failed, once.fixed
    );
    let twice = fix_until_stable(&once.text, &config, Some(common::FILE_NAME), required);
    println!("twice refused {:?} fixed {:?}", twice.refused, twice.fixed);
    println!("same: {}", twice.text == once.text);
}

//! `digest-lint init`: infers the blog's layouts from its posts and writes
//! `digest-lint.toml` ([`digest_lint::init`]).

use digest_lint::Config;
use digest_lint::init::{self, JekyllKeys, SamplePost};
use std::path::Path;
use std::process::ExitCode;

/// Folders that hold no posts (Jekyll's own and tooling).
const SKIP: &[&str] = &[
    "_layouts",
    "_includes",
    "_sass",
    "_site",
    "_data",
    "node_modules",
    "vendor",
    ".git",
];
/// Files that are not posts.
const NOT_POSTS: &[&str] = &[
    "readme",
    "index",
    "changelog",
    "license",
    "contributing",
    "about",
];
/// How many posts are read at most (evenly spread over the blog).
const SAMPLE: usize = 300;

fn sample(root: &Path) -> Vec<SamplePost> {
    let mut paths: Vec<_> = ignore::WalkBuilder::new(root)
        .filter_entry(|e| !SKIP.contains(&e.file_name().to_string_lossy().as_ref()))
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            matches!(ext.as_deref(), Some("md" | "markdown")) && !NOT_POSTS.contains(&stem.as_str())
        })
        .collect();
    paths.sort();
    let step = paths.len().div_ceil(SAMPLE).max(1);
    paths
        .into_iter()
        .step_by(step)
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .replace('\\', "/");
            let full_path = std::path::absolute(&p)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            Some(SamplePost {
                path: rel,
                full_path,
                text,
            })
        })
        .collect()
}

/// Runs `init` on `path`; `stdout` prints instead of writing, `force` overwrites.
pub fn run(path: Option<&Path>, stdout: bool, force: bool) -> ExitCode {
    let root = path.unwrap_or(Path::new("."));
    if !root.is_dir() {
        digest_lint::stderr_line!(
            "error: {} is not a folder; give the folder of the blog",
            root.display()
        );
        return ExitCode::from(2);
    }
    let target = root.join("digest-lint.toml");
    if target.exists() && !stdout && !force {
        digest_lint::stderr_line!(
            "error: {} exists; nothing written (use --force to replace it, or --stdout to see what init would write)",
            target.display()
        );
        return ExitCode::from(2);
    }
    let posts = sample(root);
    if posts.is_empty() {
        digest_lint::stderr_line!("error: no Markdown posts found under {}", root.display());
        return ExitCode::from(2);
    }
    let (groups, unread) = init::infer(&posts);
    let mut keys = JekyllKeys {
        required: init::common_keys(&posts, &["layout", "title", "date"]),
        supplied: Vec::new(),
        recommended: init::common_keys(&posts, &["tags", "categories"]),
    };
    if let Ok(yaml) = std::fs::read_to_string(root.join("_config.yml")) {
        let defaults = digest_lint::config::read_jekyll_defaults(&yaml);
        for key in ["layout", "title", "date"] {
            if posts.iter().all(|p| {
                defaults
                    .iter()
                    .any(|d| d.keys.iter().any(|k| k == key) && d.covers(Path::new(&p.path)))
            }) {
                keys.supplied.push(key.to_string());
                if !keys.required.iter().any(|k| k == key) {
                    keys.required.push(key.to_string());
                }
            }
        }
    }
    let text = init::render(&groups, posts.len(), &keys);
    // What the written file makes of the sample.
    let config = match Config::from_toml(&text, &target) {
        Ok(c) => c,
        Err(e) => {
            digest_lint::stderr_line!(
                "error: init wrote a configuration it cannot read (a bug; please report it): {e}\n{text}"
            );
            return ExitCode::from(2);
        }
    };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut report = format!(
        "Read {} under {}\n",
        count(posts.len(), "post", "posts"),
        root.display()
    );
    for layout in config
        .layouts
        .iter()
        .map(|l| (l.name.clone(), l.include.join(", ")))
    {
        let (fit, misfit): (Vec<&SamplePost>, Vec<&SamplePost>) = posts
            .iter()
            .filter(|p| {
                config
                    .layout_for(Some(&root.join(&p.path).to_string_lossy()))
                    .name
                    == layout.0
            })
            .partition(|p| {
                let post = digest_lint::Post::parse(
                    &p.text,
                    config.layout_for(Some(&root.join(&p.path).to_string_lossy())),
                );
                !post.papers.is_empty()
            });
        report.push_str(&format!(
            "  {}: {} ({} fit",
            layout.0,
            layout.1,
            count(fit.len(), "post", "posts")
        ));
        if misfit.is_empty() {
            report.push_str(")\n");
        } else {
            let names: Vec<&str> = misfit.iter().take(3).map(|p| p.path.as_str()).collect();
            report.push_str(&format!(
                "; {} do not, e.g. {})\n",
                misfit.len(),
                names.join(", ")
            ));
        }
    }
    if config.layouts.is_empty() {
        report.push_str("  all in the default layout: nothing to configure\n");
    }
    if !unread.is_empty() {
        let names: Vec<&str> = unread.iter().take(3).map(String::as_str).collect();
        report.push_str(&format!(
            "  {} with no papers found (not posts?), e.g. {}\n",
            count(unread.len(), "file", "files"),
            names.join(", ")
        ));
    }
    if let Some(tail) = dated_folder_tail(root) {
        report.push_str(&format!(
            "Note: this folder ({tail}) looks like one of the blog's dated folders, so the file covers only the posts under it; run `digest-lint init` in the blog's top folder to cover every date\n"
        ));
    }
    // Written, not printed: a closed pipe (`| head`) must not turn into a panic.
    use std::io::Write as _;
    if stdout {
        let _ = write!(std::io::stdout(), "{text}");
        let _ = write!(std::io::stderr(), "{report}");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::write(&target, &text) {
        digest_lint::stderr_line!("error: cannot write {}: {e}", target.display());
        return ExitCode::from(2);
    }
    let _ = write!(std::io::stdout(), "{report}");
    let _ = writeln!(
        std::io::stdout(),
        "Wrote {}; run `digest-lint check {}`",
        target.display(),
        root.display()
    );

    ExitCode::SUCCESS
}

/// The end of `root`'s path when it is a dated folder (`2025`, `2025/04`,
/// `2025/04/11`): a year of four digits, then up to two folders of one or two digits.
fn dated_folder_tail(root: &Path) -> Option<String> {
    let absolute = std::path::absolute(root).ok()?;
    let names: Vec<String> = absolute
        .components()
        .rev()
        .take(3)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let digits = |s: &str, lengths: &[usize]| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let small = names.iter().take_while(|n| digits(n, &[1, 2])).count();
    let year = names.get(small).filter(|n| small <= 2 && digits(n, &[4]))?;
    let mut tail: Vec<&str> = names[..small].iter().map(String::as_str).collect();
    tail.push(year);
    tail.reverse();
    Some(tail.join("/"))
}

#[cfg(test)]
mod tests {
    use super::dated_folder_tail;
    use std::path::Path;

    #[test]
    fn dated_folders_are_told_apart_from_the_blog() {
        assert_eq!(
            dated_folder_tail(Path::new("/blog/logs/2025/04")).as_deref(),
            Some("2025/04")
        );
        assert_eq!(
            dated_folder_tail(Path::new("/blog/2025/04/11")).as_deref(),
            Some("2025/04/11")
        );
        assert_eq!(
            dated_folder_tail(Path::new("/blog/2025")).as_deref(),
            Some("2025")
        );
        assert_eq!(dated_folder_tail(Path::new("/blog")), None);
        assert_eq!(dated_folder_tail(Path::new("/blog/_posts")), None);
        assert_eq!(dated_folder_tail(Path::new("/blog/v2/04")), None);
    }
}

//! `--diff`: what `--fix` would change, as a unified diff.

use similar::TextDiff;

/// The unified diff from `old` to `new` with `a/PATH` and `b/PATH` headers, three lines
/// of context; empty when they are equal. Line ends are kept as they are (CRLF stays).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_hunks() {
        let diff = unified_diff("p.md", "a\nb  c\nd\n", "a\nb c\nd\n");
        assert_eq!(
            diff,
            "--- a/p.md\n+++ b/p.md\n@@ -1,3 +1,3 @@\n a\n-b  c\n+b c\n d\n"
        );
        assert_eq!(unified_diff("p.md", "x", "x"), "");
    }
}

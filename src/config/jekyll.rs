//! Jekyll's `_config.yml` `defaults:`: front matter values Jekyll supplies to posts by
//! scope, so a key it fills in is not missing from a post.

use crate::syntax::{YamlKind, YamlNode, front_matter};
use globset::Glob;
use std::path::Path;

/// One `defaults:` entry: a scope and the keys it supplies.
#[derive(Debug, Clone, PartialEq)]
pub struct JekyllDefault {
    /// `scope.path`, relative to the site (empty: every file).
    pub path: String,
    /// `scope.type` (`posts`, `pages`, `drafts`), when given.
    pub kind: Option<String>,
    /// The keys of `values`.
    pub keys: Vec<String>,
}

impl JekyllDefault {
    /// True when the scope covers the post at `relative` (its path inside the site).
    pub fn covers(&self, relative: &Path) -> bool {
        if self.kind.as_deref().is_some_and(|k| k != "posts") {
            return false;
        }
        let scope = self.path.trim_matches('/');
        if scope.is_empty() {
            return true;
        }
        if scope.contains('*') {
            return Glob::new(scope)
                .map(|g| {
                    let m = g.compile_matcher();
                    relative.ancestors().any(|a| m.is_match(a))
                })
                .unwrap_or(false);
        }
        relative.starts_with(scope)
    }
}

fn scalar(node: &YamlNode) -> Option<&str> {
    node.as_scalar().map(|(v, _)| v)
}

fn mapping(node: &YamlNode) -> &[(YamlNode, YamlNode)] {
    match &node.kind {
        YamlKind::Mapping { entries } => entries,
        _ => &[],
    }
}

/// Reads the `defaults:` of a `_config.yml` text; anything unreadable is skipped
/// (Jekyll reports its own configuration errors).
pub fn read_defaults(yaml: &str) -> Vec<JekyllDefault> {
    // Read it as a front matter block, which gives the same YAML tree with spans.
    let wrapped = format!("---\n{yaml}\n---\n");
    let Some(fm) = front_matter::split(&wrapped, 0) else {
        return Vec::new();
    };
    let Some(entry) = fm.get("defaults") else {
        return Vec::new();
    };
    let YamlKind::Sequence { items } = &entry.value.kind else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let mut path = String::new();
            let mut kind = None;
            let mut keys = Vec::new();
            for (k, v) in mapping(item) {
                match scalar(k) {
                    Some("scope") => {
                        for (sk, sv) in mapping(v) {
                            match scalar(sk) {
                                Some("path") => path = scalar(sv).unwrap_or("").to_string(),
                                Some("type") => kind = scalar(sv).map(str::to_string),
                                _ => {}
                            }
                        }
                    }
                    Some("values") => {
                        keys = mapping(v)
                            .iter()
                            .filter_map(|(vk, _)| scalar(vk).map(str::to_string))
                            .collect();
                    }
                    _ => {}
                }
            }
            (!keys.is_empty()).then_some(JekyllDefault { path, kind, keys })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_and_keys() {
        let yaml = "title: Blog\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      layout: post\n      author: me\n  - scope:\n      path: notes\n    values:\n      category: note\n  - scope:\n      type: pages\n    values:\n      layout: page\n";
        let d = read_defaults(yaml);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].keys, ["layout", "author"]);
        assert!(d[0].covers(Path::new("_posts/2025-01-01-a.md")));
        assert!(d[1].covers(Path::new("notes/_posts/2025-01-01-a.md")));
        assert!(!d[1].covers(Path::new("_posts/2025-01-01-a.md")));
        assert!(!d[2].covers(Path::new("_posts/2025-01-01-a.md")));
        assert!(read_defaults("defaults: 3").is_empty());
        assert!(read_defaults(": : :").is_empty());
    }
}

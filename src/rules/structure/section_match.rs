//! Which configured section a section heading stands for (DL204–DL208 share this).
//!
//! A heading *is* a configured section when its [`section_key`] equals the section's
//! (case and a trailing `:` aside), or when it is a near miss of exactly one section
//! (`Methods`, `Limitation`, `Conclusoin`, `**Method**`). DL207 reports near misses and
//! misspellings; the other rules treat them as the section they stand for, so that
//! renaming one never makes a new finding appear.

use crate::syntax::{Paper, Section, section_key};

/// How a section heading relates to the configured sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// Written exactly as configured (surrounding blanks aside).
    Exact(usize),
    /// Another spelling of the configured section at this index (case, colon, plural,
    /// emphasis, a typo).
    NearMiss(usize),
    /// Not a configured section.
    Unknown,
}

impl Match {
    /// The index into the layout's section names this name stands for.
    pub fn index(self) -> Option<usize> {
        match self {
            Match::Exact(i) | Match::NearMiss(i) => Some(i),
            Match::Unknown => None,
        }
    }
}

/// Classifies the section name `name` against the layout's section names.
pub fn classify(sections: &[String], name: &str) -> Match {
    let name = name.trim();
    if let Some(i) = sections.iter().position(|s| s.trim() == name) {
        return Match::Exact(i);
    }
    let key = section_key(name);
    if let Some(i) = sections.iter().position(|s| section_key(s) == key) {
        return Match::NearMiss(i);
    }
    let loose = loose_key(name);
    if loose.is_empty() {
        return Match::Unknown;
    }
    let mut best: Option<(usize, usize)> = None; // (distance, index)
    let mut tie = false;
    for (i, section) in sections.iter().enumerate() {
        let target = loose_key(section);
        let distance = if plural_variant(&loose, &target) {
            1
        } else {
            let d = strsim::osa_distance(&loose, &target);
            let limit = if target.chars().count() >= 6 { 2 } else { 1 };
            if d > limit {
                continue;
            }
            d
        };
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tie = true,
            _ => {
                best = Some((distance, i));
                tie = false;
            }
        }
    }
    match best {
        Some((_, i)) if !tie => Match::NearMiss(i),
        _ => Match::Unknown,
    }
}

/// The section headings of a paper with what each stands for, in document order.
pub fn classify_paper<'p>(sections: &[String], paper: &'p Paper) -> Vec<(&'p Section, Match)> {
    paper
        .sections
        .iter()
        .map(|s| (s, classify(sections, &s.name)))
        .collect()
}

/// Lowercase, emphasis markers and trailing punctuation dropped, inner blanks collapsed.
fn loose_key(name: &str) -> String {
    let stripped = name
        .trim()
        .trim_matches(|c: char| matches!(c, '*' | '_' | '`'))
        .trim_end_matches(|c: char| matches!(c, ':' | '.' | '：') || c.is_whitespace());
    stripped
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `method`/`methods`, `limitation`/`limitations`, `study`/`studies`.
fn plural_variant(a: &str, b: &str) -> bool {
    let one_way = |x: &str, y: &str| {
        x.strip_suffix('s') == Some(y)
            || x.strip_suffix("es") == Some(y)
            || (x
                .strip_suffix("ies")
                .is_some_and(|stem| y.strip_suffix('y') == Some(stem)))
    };
    one_way(a, b) || one_way(b, a)
}

/// Quotes heading text for a message, shortened to 40 characters.
pub fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > 40 {
        let short: String = text.chars().take(39).collect();
        format!("`{short}…`")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str) -> Match {
        classify(&crate::layout::Layout::default().sections.names, name)
    }

    #[test]
    fn exact_near_and_unknown() {
        assert_eq!(class("Method"), Match::Exact(1));
        assert_eq!(class("Method  "), Match::Exact(1));
        assert_eq!(class("method"), Match::NearMiss(1));
        assert_eq!(class("Introduction:"), Match::NearMiss(0));
        assert_eq!(class("Methods:"), Match::NearMiss(1));
        assert_eq!(class("Limitation"), Match::NearMiss(3));
        assert_eq!(class("Conclusoin"), Match::NearMiss(4));
        assert_eq!(class("**Results**"), Match::NearMiss(2));
        assert_eq!(class("Methodology"), Match::Unknown);
        assert_eq!(class("Summary"), Match::Unknown);
        assert_eq!(class("Discussion"), Match::Unknown);
        assert_eq!(class("결론"), Match::Unknown);
        assert_eq!(class("**"), Match::Unknown);
    }

    #[test]
    fn distances() {}
}

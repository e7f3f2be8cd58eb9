//! Comparing paper titles across posts (DL309): titles are compared after normalising
//! case, whitespace, punctuation and Markdown/HTML markup, and a short edit distance
//! (a typo, a dropped letter) still counts as the same title.

/// The comparison key of a title: HTML-like tags and backslashes dropped, letters
/// lower-cased, every run of characters that are not letters or digits turned into one
/// space, trimmed. `**Scaling** Laws: a <i>Study</i>` → `scaling laws a study`.
pub fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    let mut chars = title.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            // A tag: skip to its `>` (kramdown renders it, the reader never sees it).
            for n in chars.by_ref() {
                if n == '>' {
                    break;
                }
            }
            pending_space = true;
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    key
}

/// True when two title keys ([`title_key`]) name the same title: equal, or apart by an
/// edit distance of at most a tenth of the shorter title (so short titles must be equal).
pub fn same_title(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = la.min(lb) / 10;
    if la.abs_diff(lb) > allowed {
        return false;
    }
    strsim::levenshtein(a, b) <= allowed
}

/// Titles shorter than this (in characters of their key) are too generic to say that
/// two identifiers under one title are a conflict.
pub const MIN_SHARED_TITLE_CHARS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_markup_punctuation_and_whitespace() {
        assert_eq!(
            title_key("  **Scaling**   Laws: a <i>Study</i>\\!"),
            "scaling laws a study"
        );
        assert_eq!(
            title_key("Pref-GRPO: 한국어 Title"),
            "pref grpo 한국어 title"
        );
        assert_eq!(title_key("a < b"), "a b");
    }

    #[test]
    fn a_typo_is_the_same_title_another_title_is_not() {
        let a = title_key("Scaling Laws for Digest Generation");
        assert!(same_title(
            &a,
            &title_key("Scaling Laws for Digest Generaton")
        ));
        assert!(same_title(
            &a,
            &title_key("scaling laws — for digest generation")
        ));
        assert!(!same_title(&a, &title_key("Attention Is All You Need")));
        assert!(!same_title("ab", "xy"));
    }
}

//! The writing system a paper's summary is written in (the majority script of the words
//! of its sections), so that inserted text matches it: DL204's placeholder. Per paper,
//! not per post: a finding about a paper block depends on that block alone (the language
//! server checks blocks one at a time), and a post is written in one language anyway.

use crate::syntax::Paper;

/// A writing system, as far as choosing a placeholder needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Script {
    Hangul,
    Han,
    Kana,
    Cyrillic,
    Arabic,
    Latin,
}

/// The script of a letter (None for digits, punctuation, symbols, other scripts).
fn letter_script(c: char) -> Option<Script> {
    let script = match c as u32 {
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF => Script::Kana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        0x0400..=0x04FF => Script::Cyrillic,
        0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
        _ if c.is_alphabetic() && (c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c)) => {
            Script::Latin
        }
        _ => return None,
    };
    Some(script)
}

/// The script of a word or phrase: that of its first letter; Japanese text mixes Han and
/// Kana, so a phrase with any Kana is Kana.
pub(super) fn script_of(text: &str) -> Option<Script> {
    let first = text.chars().find_map(letter_script)?;
    if first == Script::Han && text.chars().any(|c| letter_script(c) == Some(Script::Kana)) {
        return Some(Script::Kana);
    }
    Some(first)
}

/// The script most words of the paper's sections (in `text`, the post) are written in
/// (URLs and code aside); None when the sections have no words.
pub(super) fn majority_script(text: &str, paper: &Paper) -> Option<Script> {
    let mut counts = std::collections::BTreeMap::<Script, usize>::new();
    let mut kana = false;
    for section in &paper.sections {
        for word in section.content(text).split_whitespace() {
            if word.contains("://") || word.starts_with('`') {
                continue;
            }
            if let Some(script) = script_of(word) {
                kana |= script == Script::Kana;
                *counts.entry(script).or_default() += 1;
            }
        }
    }
    // Japanese words are written in Han and Kana alike.
    if kana && let Some(han) = counts.remove(&Script::Han) {
        *counts.entry(Script::Kana).or_default() += han;
    }
    counts
        .into_iter()
        .max_by_key(|(script, n)| (*n, std::cmp::Reverse(*script)))
        .map(|(script, _)| script)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;
    use crate::syntax::Post;
    use std::sync::Arc;

    fn post_with(section_text: &str) -> String {
        format!(
            "# 1. [An English Title With Many Words](https://arxiv.org/abs/2508.20751)\n\n## Method\n{section_text}\n"
        )
    }

    #[test]
    fn the_words_of_the_sections_decide() {
        let script = |body: &str| {
            let text = post_with(body);
            let post = Post::parse(&text, &Arc::new(Layout::default()));
            majority_script(&text, &post.papers[0])
        };
        assert_eq!(
            script("교사 모델의 풀이를 모아 LLM 학생 모델에 증류한다."),
            Some(Script::Hangul)
        );
        assert_eq!(
            script("We distil a teacher's solutions into a student."),
            Some(Script::Latin)
        );
        assert_eq!(
            script("教師モデルの解答を生徒モデルに蒸留する。"),
            Some(Script::Kana)
        );
        assert_eq!(
            script("将教师模型的解答蒸馏到学生模型中"),
            Some(Script::Han)
        );
        assert_eq!(script("`code` https://example.org 42"), None);
        assert_eq!(script_of("정보 부족"), Some(Script::Hangul));
        assert_eq!(script_of("N/A"), Some(Script::Latin));
    }
}

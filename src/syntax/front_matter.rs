//! The front matter: split off as Jekyll does, then read with saphyr's YAML parser.
//!
//! Jekyll (`Jekyll::Document::YAML_FRONT_MATTER_REGEXP`, `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)`)
//! treats a file as having front matter when it starts with a `---` line (trailing
//! blanks allowed) and a later line is `---` or `...`. A UTF-8 BOM before it is tolerated.
//! The YAML is parsed into a small tree with **byte spans** into the post's text; saphyr
//! reports character indices, which are converted here, once.

use crate::text::ByteSpan;
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// How a YAML scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    /// No quotes: YAML 1.1 (Jekyll) and 1.2 may read it differently.
    Plain,
    /// `'single quoted'`.
    Single,
    /// `"double quoted"`.
    Double,
    /// `|` literal or `>` folded block scalar.
    Block,
}

/// One YAML node with its byte span in the post.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlNode {
    /// Byte span of the node in the post's text (for quoted scalars, including the quotes).
    pub span: ByteSpan,
    /// What the node holds.
    pub kind: YamlKind,
}

/// The shape of a [`YamlNode`].
#[derive(Debug, Clone, PartialEq)]
pub enum YamlKind {
    /// A scalar: its value after unquoting/unescaping, how it was quoted, and its explicit tag (`!!str`).
    Scalar {
        /// The scalar's value (unescaped).
        value: String,
        /// How it was written.
        style: QuoteStyle,
        /// The explicit tag suffix, if any (`str` for `!!str`).
        tag: Option<String>,
    },
    /// A sequence; `flow` is true for `[a, b]`.
    Sequence {
        /// The items in order.
        items: Vec<YamlNode>,
    },
    /// A mapping, keys in document order, duplicates kept.
    Mapping {
        /// `(key, value)` pairs in document order.
        entries: Vec<(YamlNode, YamlNode)>,
    },
    /// An alias `*name`.
    Alias,
}

impl YamlNode {
    /// The scalar value, if this node is a scalar.
    pub fn as_scalar(&self) -> Option<(&str, QuoteStyle)> {
        match &self.kind {
            YamlKind::Scalar { value, style, .. } => Some((value, *style)),
            _ => None,
        }
    }
}

/// One top-level `key: value` entry of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterEntry {
    /// The key's text (a scalar key's value; other keys render as `?`).
    pub key: String,
    /// Byte span of the key.
    pub key_span: ByteSpan,
    /// The value node.
    pub value: YamlNode,
}

/// A YAML error inside the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Byte offset of the error in the post's text.
    pub byte_offset: usize,
    /// saphyr's description of the problem.
    pub message: String,
}

/// The front matter block of a post.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// Byte span of the whole block, from the opening `---` through the closing line's break.
    pub span: ByteSpan,
    /// Byte span of the opening `---` line (without its break).
    pub open_span: ByteSpan,
    /// Byte span of the YAML between the delimiter lines.
    pub yaml_span: ByteSpan,
    /// Byte span of the closing `---`/`...` line (without its break), `None` when never closed.
    pub close_span: Option<ByteSpan>,
    /// Top-level entries in document order (duplicates kept), empty when the YAML is not a mapping.
    pub entries: Vec<FrontMatterEntry>,
    /// The root node when the YAML parsed (None for an empty block).
    pub root: Option<YamlNode>,
    /// The YAML error, if the block did not parse.
    pub error: Option<YamlError>,
}

impl FrontMatter {
    /// The entry with this key that Jekyll uses: the last one when a key is repeated
    /// (Psych keeps the last value; DL104 reports the repetition).
    pub fn get(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// True when the closing delimiter line was found.
    pub fn is_closed(&self) -> bool {
        self.close_span.is_some()
    }
}

/// Byte length of the line break at `bytes[i..]` (0 when none).
fn line_break_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'\n') => 1,
        Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => 2,
        Some(b'\r') => 1,
        _ => 0,
    }
}

/// Splits the front matter off `text`, starting at byte `start` (after a BOM).
///
/// Returns `None` when the text does not start with a `---` line (Jekyll then treats
/// the file as having no front matter). An opened block without a closing line is
/// returned with `close_span: None` and a YAML error at the end of the text.
pub fn split(text: &str, start: usize) -> Option<FrontMatter> {
    let bytes = text.as_bytes();
    let rest = &text[start..];
    if !rest.starts_with("---") {
        return None;
    }
    // `---` then optional blanks, then a line break (or end of text).
    let mut i = start + 3;
    while matches!(bytes.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let open_break = line_break_len(bytes, i);
    if open_break == 0 && i < bytes.len() {
        return None; // `---foo` or `--- x` is not a front matter start
    }
    let open_span = ByteSpan::new(start, i);
    let yaml_start = i + open_break;
    // Find the closing line: `---` or `...` with optional trailing blanks.
    let mut line_start = yaml_start;
    while line_start < bytes.len() {
        let mut line_end = line_start;
        while line_end < bytes.len() && !matches!(bytes[line_end], b'\n' | b'\r') {
            line_end += 1;
        }
        let line = &text[line_start..line_end];
        let trimmed = line.trim_end_matches([' ', '\t']);
        if trimmed == "---" || trimmed == "..." {
            let end = line_end + line_break_len(bytes, line_end);
            let yaml_span = ByteSpan::new(yaml_start, line_start);
            let mut fm = FrontMatter {
                span: ByteSpan::new(start, end),
                open_span,
                yaml_span,
                close_span: Some(ByteSpan::new(line_start, line_end)),
                entries: Vec::new(),
                root: None,
                error: None,
            };
            parse_yaml(text, &mut fm);
            return Some(fm);
        }
        line_start = line_end + line_break_len(bytes, line_end);
    }
    let mut fm = FrontMatter {
        span: ByteSpan::new(start, text.len()),
        open_span,
        yaml_span: ByteSpan::new(yaml_start, text.len()),
        close_span: None,
        entries: Vec::new(),
        root: None,
        error: None,
    };
    parse_yaml(text, &mut fm);
    Some(fm)
}

/// Maps saphyr's character indices (relative to the YAML block) to byte offsets in the post.
struct CharToByte {
    base: usize,
    offsets: Vec<usize>,
}

impl CharToByte {
    fn new(yaml: &str, base: usize) -> Self {
        let mut offsets: Vec<usize> = yaml.char_indices().map(|(i, _)| i).collect();
        offsets.push(yaml.len());
        Self { base, offsets }
    }

    fn byte(&self, char_idx: usize) -> usize {
        self.base + self.offsets[char_idx.min(self.offsets.len() - 1)]
    }

    fn span(&self, span: Span) -> ByteSpan {
        ByteSpan::new(self.byte(span.start.index()), self.byte(span.end.index()))
    }
}

/// Builds the node tree from saphyr's event stream (keeps duplicate keys, which a map would lose).
fn parse_yaml(text: &str, fm: &mut FrontMatter) {
    let yaml = fm.yaml_span.slice(text);
    let map = CharToByte::new(yaml, fm.yaml_span.start);
    let mut parser = Parser::new_from_str(yaml);
    // Stack of open collections: (start span, items so far, is_mapping).
    let mut stack: Vec<(ByteSpan, Vec<YamlNode>, bool)> = Vec::new();
    let mut root: Option<YamlNode> = None;
    let mut documents = 0;
    loop {
        let (event, span) = match parser.next_event() {
            None => break,
            Some(Ok(pair)) => pair,
            Some(Err(err)) => {
                fm.error = Some(YamlError {
                    byte_offset: map.byte(err.marker().index()),
                    message: err.info().to_string(),
                });
                return;
            }
        };
        let span = map.span(span);
        let node = match event {
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    fm.error = Some(YamlError {
                        byte_offset: span.start,
                        message: "a second YAML document inside the front matter".into(),
                    });
                    return;
                }
                continue;
            }
            Event::SequenceStart(..) => {
                stack.push((span, Vec::new(), false));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push((span, Vec::new(), true));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (start, items, is_mapping) = stack.pop().expect("balanced YAML events");
                let end = items.last().map_or(span.end, |n| n.span.end).max(span.end);
                let kind = if is_mapping {
                    let mut entries = Vec::with_capacity(items.len() / 2);
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        entries.push((k, v));
                    }
                    YamlKind::Mapping { entries }
                } else {
                    YamlKind::Sequence { items }
                };
                YamlNode {
                    span: ByteSpan::new(start.start, end),
                    kind,
                }
            }
            Event::Scalar(value, style, _, tag) => YamlNode {
                span,
                kind: YamlKind::Scalar {
                    value: value.into_owned(),
                    style: match style {
                        ScalarStyle::Plain => QuoteStyle::Plain,
                        ScalarStyle::SingleQuoted => QuoteStyle::Single,
                        ScalarStyle::DoubleQuoted => QuoteStyle::Double,
                        _ => QuoteStyle::Block,
                    },
                    tag: tag.map(|t| t.suffix.clone()),
                },
            },
            Event::Alias(_) => YamlNode {
                span,
                kind: YamlKind::Alias,
            },
            _ => continue,
        };
        match stack.last_mut() {
            Some((_, items, _)) => items.push(node),
            None => root = Some(node),
        }
    }
    if let Some(YamlNode {
        kind: YamlKind::Mapping { entries },
        ..
    }) = &root
    {
        fm.entries = entries
            .iter()
            .map(|(k, v)| FrontMatterEntry {
                key: k
                    .as_scalar()
                    .map_or_else(|| "?".to_string(), |(s, _)| s.to_string()),
                key_span: k.span,
                value: v.clone(),
            })
            .collect();
    }
    fm.root = root;
}

/// Byte index in `body` of the quote that closes a scalar opened with `quote`.
pub fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            ('"', b'\\') => i += 1,
            ('\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
            (q, b) if b == q as u8 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(text: &str) -> FrontMatter {
        split(text, 0).expect("front matter")
    }

    #[test]
    fn splits_like_jekyll() {
        let text = "---  \ntitle: x\n...\nbody";
        let f = fm(text);
        assert_eq!(f.yaml_span.slice(text), "title: x\n");
        assert_eq!(f.close_span.unwrap().slice(text), "...");
        assert_eq!(&text[f.span.end..], "body");
        assert!(split("--- x\n---\n", 0).is_none());
        assert!(split("# no\n", 0).is_none());
        assert!(fm("---\n---\n").entries.is_empty());
    }

    #[test]
    fn spans_are_bytes_after_korean_text() {
        let text = "---\ntitle: \"한국어 제목\"\ndate: 2025-08-31\n---\n";
        let f = fm(text);
        let date = f.get("date").unwrap();
        assert_eq!(date.key_span.slice(text), "date");
        assert_eq!(date.value.span.slice(text), "2025-08-31");
        let title = f.get("title").unwrap();
        assert_eq!(title.value.span.slice(text), "\"한국어 제목\"");
        assert_eq!(
            title.value.as_scalar(),
            Some(("한국어 제목", QuoteStyle::Double))
        );
    }

    #[test]
    fn duplicate_keys_and_flow_sequences() {
        let text = "---\ntags: [a, b]\ntags: c\n---\n";
        let f = fm(text);
        assert_eq!(f.entries.len(), 2);
        match &f.entries[0].value.kind {
            YamlKind::Sequence { items } => {
                assert_eq!(items.len(), 2);
                assert_eq!(items[1].span.slice(text), "b");
            }
            other => panic!("not a sequence: {other:?}"),
        }
    }

    #[test]
    fn crlf_and_unclosed_blocks() {
        let text = "---\r\ntitle: x\r\n---\r\nbody";
        let f = fm(text);
        assert_eq!(f.get("title").unwrap().value.span.slice(text), "x");
        assert_eq!(&text[f.span.end..], "body");
        let open = fm("---\ntitle: x\n");
        assert!(!open.is_closed());
    }

    #[test]
    fn yaml_errors_have_byte_offsets() {
        let text = "---\ntitle: \"한 x\nfoo: [\n---\n";
        let f = fm(text);
        let err = f.error.expect("error");
        assert!(err.byte_offset >= f.yaml_span.start && err.byte_offset <= f.yaml_span.end);
    }
}

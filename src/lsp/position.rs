//! The only place that turns byte offsets into LSP positions and back.
//!
//! Inside the server every offset is a **byte offset** into the document's UTF-8 text (as
//! everywhere in digest-lint). At the protocol edge a [`Position`] is a 0-based line and a
//! column in the negotiated unit: UTF-8 code units (bytes) or UTF-16 code units. Lines end
//! at `\n`, `\r\n` or `\r` (ropey built with `cr_lines` and without `unicode_lines`, as the
//! LSP specification counts them). Conversions never fail: a line past the end gives the
//! end of the text, a column past its line's end gives the end of the line (before its
//! break), a column inside a character gives that character's start.

use crate::text::ByteSpan;
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit of [`Position::character`] agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: the LSP default.
    #[default]
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 when the client offers it, else UTF-16 (which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    /// The LSP name of the encoding.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// Byte span of line `line_idx` without its line break (clamped to the text).
pub fn line_span(rope: &Rope, line_idx: usize) -> ByteSpan {
    if line_idx >= rope.len_lines() {
        return ByteSpan::empty(rope.len_bytes());
    }
    let start = rope.line_to_byte(line_idx);
    let end = if line_idx + 1 < rope.len_lines() {
        rope.line_to_byte(line_idx + 1)
    } else {
        rope.len_bytes()
    };
    let mut trimmed = end;
    while trimmed > start && matches!(rope.byte(trimmed - 1), b'\n' | b'\r') {
        trimmed -= 1;
    }
    ByteSpan::new(start, trimmed)
}

/// 0-based line of a byte offset (clamped to the text).
pub fn line_of(rope: &Rope, byte_offset: usize) -> usize {
    rope.byte_to_line(byte_offset.min(rope.len_bytes()))
}

/// The position of a byte offset. An offset past the end is the end; an offset inside a
/// character counts as that character's start.
pub fn position(rope: &Rope, byte_offset: usize, encoding: Encoding) -> Position {
    let byte_offset = byte_offset.min(rope.len_bytes());
    let line_idx = rope.byte_to_line(byte_offset);
    let line_start = rope.line_to_byte(line_idx);
    let character = match encoding {
        Encoding::Utf8 => {
            // round down to a character boundary
            let char_idx = rope.byte_to_char(byte_offset);
            rope.char_to_byte(char_idx) - line_start
        }
        Encoding::Utf16 => {
            let char_idx = rope.byte_to_char(byte_offset);
            let line_char = rope.line_to_char(line_idx);
            rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char)
        }
    };
    Position::new(saturate(line_idx), saturate(character))
}

/// The range of a byte span.
pub fn range(rope: &Rope, span: ByteSpan, encoding: Encoding) -> Range {
    Range::new(
        position(rope, span.start, encoding),
        position(rope, span.end.max(span.start), encoding),
    )
}

/// The byte offset of a position, clamped as described in the module documentation.
pub fn offset(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line_idx = position.line as usize;
    if line_idx >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line = line_span(rope, line_idx);
    let column = position.character as usize;
    match encoding {
        Encoding::Utf8 => {
            let byte_offset = (line.start + column).min(line.end);
            rope.char_to_byte(rope.byte_to_char(byte_offset))
        }
        Encoding::Utf16 => {
            let line_char = rope.byte_to_char(line.start);
            let end_char = rope.byte_to_char(line.end);
            let target = rope.char_to_utf16_cu(line_char).saturating_add(column);
            let target = target.min(rope.char_to_utf16_cu(end_char));
            // inside a surrogate pair ropey rounds down to the character's start
            rope.char_to_byte(rope.utf16_cu_to_char(target))
        }
    }
}

/// The byte span of a range (start and end clamped; swapped when reversed).
pub fn span(rope: &Rope, range: Range, encoding: Encoding) -> ByteSpan {
    let a = offset(rope, range.start, encoding);
    let b = offset(rope, range.end, encoding);
    ByteSpan::new(a.min(b), a.max(b))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn columns_in_each_unit_on_a_korean_line_with_an_emoji() {
        let text = "x\r\n한😀a\n";
        let rope = Rope::from_str(text);
        let a = text.find('a').unwrap();
        assert_eq!(position(&rope, a, Encoding::Utf16), pos(1, 3));
        assert_eq!(position(&rope, a, Encoding::Utf8), pos(1, 7));
        assert_eq!(offset(&rope, pos(1, 3), Encoding::Utf16), a);
        assert_eq!(offset(&rope, pos(1, 7), Encoding::Utf8), a);
        // inside the surrogate pair / inside the UTF-8 sequence: the character's start
        let emoji = text.find('😀').unwrap();
        assert_eq!(offset(&rope, pos(1, 2), Encoding::Utf16), emoji);
        assert_eq!(offset(&rope, pos(1, 5), Encoding::Utf8), emoji);
        assert_eq!(position(&rope, emoji + 1, Encoding::Utf16), pos(1, 1));
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\r\ncd";
        let rope = Rope::from_str(text);
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), 2);
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf8), 2);
        assert_eq!(offset(&rope, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(
            offset(&rope, pos(u32::MAX, u32::MAX), Encoding::Utf8),
            text.len()
        );
        assert_eq!(position(&rope, 999, Encoding::Utf16), pos(1, 2));
        let reversed = Range::new(pos(1, 1), pos(0, 1));
        assert_eq!(span(&rope, reversed, Encoding::Utf16), ByteSpan::new(1, 5));
    }

    #[test]
    fn only_lf_crlf_and_cr_break_lines() {
        let text = "a\rb\u{2028}c\u{0b}d\ne";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 3);
        assert_eq!(line_span(&rope, 1).slice(text), "b\u{2028}c\u{0b}d");
        assert_eq!(position(&rope, text.len(), Encoding::Utf16), pos(2, 1));
    }

    #[test]
    fn negotiation_prefers_utf8() {
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}

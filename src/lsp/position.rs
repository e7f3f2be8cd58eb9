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

/// Positions of many **byte** offsets at once, for a whole diagnostics list: the
/// offsets are sorted and converted in one forward sweep that looks each line up once
/// and counts columns incrementally within it, where [`position`] would walk the rope's
/// tree several times per offset. Same results as [`position`] for every offset.
pub struct Positions {
    offsets: Vec<usize>,
    positions: Vec<Position>,
}

impl Positions {
    /// Converts `offsets` (any order, duplicates allowed) in one pass over the rope's
    /// chunks: line breaks are found with memchr, columns counted from the bytes.
    pub fn new(rope: &Rope, mut offsets: Vec<usize>, encoding: Encoding) -> Positions {
        let len = rope.len_bytes();
        for o in &mut offsets {
            *o = (*o).min(len);
        }
        offsets.sort_unstable();
        offsets.dedup();
        let mut positions = Vec::with_capacity(offsets.len());
        let mut sweep = Sweep {
            rope,
            encoding,
            line: 0,
            units: 0,
            pos: 0,
        };
        let mut targets = offsets.iter().copied().peekable();
        let mut chunk_start = 0;
        for chunk in rope.chunks() {
            let chunk_end = chunk_start + chunk.len();
            while let Some(&target) = targets.peek() {
                if target >= chunk_end && chunk_end < len {
                    break;
                }
                // Round down to a character boundary (chunks never split a character).
                let mut local = target - chunk_start;
                while !chunk.is_char_boundary(local) {
                    local -= 1;
                }
                sweep.advance(chunk, chunk_start, chunk_start + local);
                positions.push(Position::new(saturate(sweep.line), saturate(sweep.units)));
                targets.next();
            }
            sweep.advance(chunk, chunk_start, chunk_end);
            chunk_start = chunk_end;
        }
        // An empty rope has no chunks: every offset is 0:0.
        positions.extend(targets.map(|_| Position::new(0, 0)));
        Positions { offsets, positions }
    }

    /// The position of one of the converted offsets (any other: computed directly).
    pub fn get(&self, rope: &Rope, byte_offset: usize, encoding: Encoding) -> Position {
        let byte_offset = byte_offset.min(rope.len_bytes());
        match self.offsets.binary_search(&byte_offset) {
            Ok(i) => self.positions[i],
            Err(_) => position(rope, byte_offset, encoding),
        }
    }

    /// The range of a span whose ends were converted.
    pub fn range(&self, rope: &Rope, span: ByteSpan, encoding: Encoding) -> Range {
        Range::new(
            self.get(rope, span.start, encoding),
            self.get(rope, span.end.max(span.start), encoding),
        )
    }
}

/// The cursor of [`Positions::new`]: the line and column reached at byte `pos`.
struct Sweep<'r> {
    rope: &'r Rope,
    encoding: Encoding,
    line: usize,
    units: usize,
    pos: usize,
}

impl Sweep<'_> {
    /// Moves the cursor to byte `to`, scanning `chunk` (which starts at `chunk_start`).
    fn advance(&mut self, chunk: &str, chunk_start: usize, to: usize) {
        if to <= self.pos {
            return;
        }
        let bytes = &chunk.as_bytes()[self.pos - chunk_start..to - chunk_start];
        let mut line_start = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let absolute = self.pos + i;
            // A CR directly before an LF is part of one CRLF break, counted at the LF.
            let next = match bytes.get(i + 1) {
                Some(&b) => Some(b),
                None if absolute + 1 < self.rope.len_bytes() => Some(self.rope.byte(absolute + 1)),
                None => None,
            };
            if bytes[i] == b'\r' && next == Some(b'\n') {
                continue;
            }
            self.line += 1;
            line_start = Some(i + 1);
        }
        let counted = match line_start {
            Some(start) => {
                self.units = 0;
                &bytes[start..]
            }
            None => bytes,
        };
        self.units += match self.encoding {
            Encoding::Utf8 => counted.len(),
            // A UTF-16 unit per character, two for those outside the BMP (4-byte sequences).
            Encoding::Utf16 => counted
                .iter()
                .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
                .sum(),
        };
        self.pos = to;
    }
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

    fn assert_sweep_agrees(text: &str, offsets: Vec<usize>) {
        let rope = Rope::from_str(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let sweep = Positions::new(&rope, offsets.clone(), encoding);
            for &o in &offsets {
                let expected = position(&rope, o, encoding);
                assert_eq!(
                    sweep.get(&rope, o, encoding),
                    expected,
                    "{o} in {encoding:?}"
                );
            }
        }
    }

    #[test]
    fn the_sweep_agrees_with_single_conversions() {
        // Every offset, inside characters and past the end too, in reverse order.
        let text = "ab\r\n한😀a\rx\n\n\u{2028}😀😀\r\nend";
        assert_sweep_agrees(text, (0..=text.len() + 2).rev().collect());
    }

    #[test]
    fn the_sweep_crosses_chunk_boundaries() {
        // Many chunks of a rope, with CRLF, CR, Hangul and emoji around their edges.
        let text = "가나 😀\r\nab\rc\n".repeat(3000);
        assert!(Rope::from_str(&text).chunks().count() > 10);
        assert_sweep_agrees(&text, (0..=text.len()).step_by(7).collect());
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

//! Byte spans and the line index: the only place that knows about lines and columns.
//!
//! Everything inside digest-lint is a byte offset into the post's UTF-8 text.
//! Lines and columns are computed here, at the edges (CLI output, JSON, LSP).
//! Line ends are `\n`, `\r\n` and `\r`, as in CommonMark and the LSP specification.

use std::ops::Range;

/// A half-open range of **byte** offsets `[start, end)` into a post's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize)]
pub struct ByteSpan {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte (exclusive).
    pub end: usize,
}

impl ByteSpan {
    /// A span from byte `start` to byte `end`; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at byte `offset` (an insertion point).
    pub fn empty(offset: usize) -> Self {
        Self::new(offset, offset)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// This span moved right by `delta` bytes.
    pub fn shift(self, delta: usize) -> Self {
        Self::new(self.start + delta, self.end + delta)
    }

    /// True when `other` lies entirely inside this span.
    pub fn contains_span(&self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the byte `offset` lies in `[start, end)`.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The text this span covers; empty if the span is out of bounds or splits a character.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// As a `Range<usize>` of bytes.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for ByteSpan {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

/// A position as shown to people and machines: 1-based line, 1-based column in
/// Unicode scalar values (chars), and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DisplayPosition {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column counted in Unicode scalar values.
    pub column: usize,
    /// 0-based byte offset into the text.
    pub offset: usize,
}

/// A position kept without its text: the 0-based line and the 0-based column counted in
/// bytes, UTF-16 code units and Unicode scalar values, plus the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LineColumns {
    /// 0-based line.
    pub line: u32,
    /// 0-based column in bytes (UTF-8 code units).
    pub byte_column: u32,
    /// 0-based column in UTF-16 code units.
    pub utf16_column: u32,
    /// 0-based column in Unicode scalar values.
    pub char_column: u32,
}

impl LineColumns {
    /// As shown to people: 1-based line and column (chars); `offset` is the byte offset.
    pub fn display(&self, offset: usize) -> DisplayPosition {
        DisplayPosition {
            line: self.line as usize + 1,
            column: self.char_column as usize + 1,
            offset,
        }
    }
}

/// Start byte offsets of every line of a text, computed once.
///
/// Line ends are `\n`, `\r\n` and `\r` (LSP 3.17 "Text Documents"; CommonMark 2.1).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
    line_ending: &'static str,
}

impl LineIndex {
    /// Index the line starts of `text`. O(n) in bytes; line breaks are found with a
    /// vectorised search for `\n` and `\r`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
        let mut skip_lf_at = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' {
                if i == skip_lf_at {
                    continue; // the LF of a CRLF
                }
                lf += 1;
                line_starts.push(i + 1);
            } else if bytes.get(i + 1) == Some(&b'\n') {
                crlf += 1;
                skip_lf_at = i + 1;
                line_starts.push(i + 2);
            } else {
                cr += 1;
                line_starts.push(i + 1);
            }
        }
        Self {
            line_starts,
            len: text.len(),
            line_ending: majority_line_ending(lf, crlf, cr),
        }
    }

    /// The line break used by most lines (`"\n"` when there is none), so inserted
    /// lines match the file: a CRLF post stays CRLF.
    pub fn line_ending(&self) -> &'static str {
        self.line_ending
    }

    /// The line break near **byte** `byte_offset`: the one ending its line, else the one
    /// ending the nearest earlier line that starts at or after **byte** `floor`, else
    /// `"\n"`. Fixes use it for inserted lines so they match their neighbours, looking no
    /// further back than `floor` (the start of the paper block they edit): a finding
    /// about a block may depend only on that block.
    pub fn line_ending_at(&self, text: &str, byte_offset: usize, floor: usize) -> &'static str {
        let mut line = self.line_idx(byte_offset);
        loop {
            let end = self.line_span(text, line).end;
            match &text.as_bytes()[end..self.line_start(line + 1).max(end)] {
                b"\r\n" => return "\r\n",
                b"\n" => return "\n",
                b"\r" => return "\r",
                _ => {}
            }
            if line == 0 || self.line_start(line - 1) < floor {
                return "\n";
            }
            line -= 1;
        }
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index containing the **byte** offset (clamped to the text length).
    pub fn line_idx(&self, byte_offset: usize) -> usize {
        let byte_offset = byte_offset.min(self.len);
        match self.line_starts.binary_search(&byte_offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based line `line_idx` starts; the text length past the last line.
    pub fn line_start(&self, line_idx: usize) -> usize {
        self.line_starts.get(line_idx).copied().unwrap_or(self.len)
    }

    /// Byte span of line `line_idx` without its line break.
    pub fn line_span(&self, text: &str, line_idx: usize) -> ByteSpan {
        let start = self.line_start(line_idx);
        let mut end = self.line_start(line_idx + 1);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        ByteSpan::new(start, end)
    }

    /// 0-based (line, column in **bytes**) of a byte offset, clamped to the text.
    pub fn utf8_line_col(&self, byte_offset: usize) -> (usize, usize) {
        let byte_offset = byte_offset.min(self.len);
        let line = self.line_idx(byte_offset);
        (line, byte_offset - self.line_starts[line])
    }

    /// 0-based (line, column in **UTF-16 code units**) of a byte offset, clamped to the text.
    /// An offset inside a character counts as that character's start.
    pub fn utf16_line_col(&self, text: &str, byte_offset: usize) -> (usize, usize) {
        let (line, _) = self.utf8_line_col(byte_offset);
        let start = self.line_starts[line];
        let col = text
            .get(start..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(i, _)| start + i < byte_offset)
            .map(|(_, c)| c.len_utf16())
            .sum();
        (line, col)
    }

    /// 1-based line, 1-based column in Unicode scalar values, and the byte offset.
    pub fn display_position(&self, text: &str, byte_offset: usize) -> DisplayPosition {
        let byte_offset = byte_offset.min(self.len);
        let (line, _) = self.utf8_line_col(byte_offset);
        let start = self.line_starts[line];
        let chars = text
            .get(start..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(i, _)| start + i < byte_offset)
            .count();
        DisplayPosition {
            line: line + 1,
            column: chars + 1,
            offset: byte_offset,
        }
    }

    /// The position of a byte offset in every unit an edge may need, computed once for
    /// places kept without their text (the workspace index).
    pub fn line_columns(&self, text: &str, byte_offset: usize) -> LineColumns {
        let byte_offset = byte_offset.min(self.len);
        let (line, byte_column) = self.utf8_line_col(byte_offset);
        let start = self.line_starts[line];
        let (mut utf16, mut chars) = (0, 0);
        for c in text.get(start..byte_offset).unwrap_or("").chars() {
            utf16 += c.len_utf16();
            chars += 1;
        }
        LineColumns {
            line: line as u32,
            byte_column: byte_column as u32,
            utf16_column: utf16 as u32,
            char_column: chars as u32,
        }
    }

    /// Byte offset of 0-based `line_idx` and a column in **UTF-16 code units**.
    /// A line past the end gives the text length; a column past the line's end clamps
    /// to the end of the line (before its break); a column inside a surrogate pair
    /// rounds to the character's start.
    pub fn offset_from_utf16(&self, text: &str, line_idx: usize, utf16_col: usize) -> usize {
        if line_idx >= self.line_starts.len() {
            return self.len;
        }
        let line = self.line_span(text, line_idx);
        let mut units = 0;
        for (i, c) in line.slice(text).char_indices() {
            if units + c.len_utf16() > utf16_col {
                return line.start + i;
            }
            units += c.len_utf16();
        }
        line.end
    }

    /// Byte offset of 0-based `line_idx` and a column in **bytes**, clamped to the line
    /// (before its break) and rounded down to a character boundary.
    pub fn offset_from_utf8(&self, text: &str, line_idx: usize, utf8_col: usize) -> usize {
        if line_idx >= self.line_starts.len() {
            return self.len;
        }
        let line = self.line_span(text, line_idx);
        let mut offset = (line.start + utf8_col).min(line.end);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

fn majority_line_ending(lf: usize, crlf: usize, cr: usize) -> &'static str {
    if crlf >= lf && crlf >= cr && crlf > 0 {
        "\r\n"
    } else if cr > lf {
        "\r"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_lf_crlf_and_cr_only() {
        let text = "a\nb\r\nc\rd\u{2028}e";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_start(3), 7);
        assert_eq!(index.line_span(text, 1).slice(text), "b");
        assert_eq!(index.line_span(text, 3).slice(text), "d\u{2028}e");
    }

    #[test]
    fn columns_in_each_unit() {
        let text = "x\n한😀a";
        let index = LineIndex::new(text);
        let a = text.find('a').unwrap();
        assert_eq!(index.utf8_line_col(a), (1, 7));
        assert_eq!(index.utf16_line_col(text, a), (1, 3));
        let p = index.display_position(text, a);
        assert_eq!((p.line, p.column, p.offset), (2, 3, a));
        assert_eq!(index.offset_from_utf16(text, 1, 3), a);
        // inside the surrogate pair: rounds to the emoji's start
        assert_eq!(
            index.offset_from_utf16(text, 1, 2),
            text.find('😀').unwrap()
        );
        assert_eq!(index.offset_from_utf8(text, 1, 5), text.find('😀').unwrap());
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_from_utf16(text, 0, 99), 2);
        assert_eq!(index.offset_from_utf16(text, 9, 0), text.len());
        assert_eq!(index.utf8_line_col(999), (1, 2));
    }

    #[test]
    fn line_ending_at_follows_the_nearby_line() {
        let text = "a\r\nb\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_ending_at(text, 0, 0), "\r\n");
        assert_eq!(index.line_ending_at(text, 3, 0), "\n");
        // The last line has no break: the one before it counts, if not below the floor.
        assert_eq!(index.line_ending_at(text, text.len(), 0), "\n");
        let crlf = "a\r\nb";
        let index = LineIndex::new(crlf);
        assert_eq!(index.line_ending_at(crlf, crlf.len(), 0), "\r\n");
        assert_eq!(index.line_ending_at(crlf, crlf.len(), 3), "\n");
        assert_eq!(LineIndex::new("x").line_ending_at("x", 1, 0), "\n");
    }

    #[test]
    fn line_ending_follows_the_majority() {
        let ending = |t: &str| LineIndex::new(t).line_ending();
        assert_eq!(ending("a\r\nb\r\nc\n"), "\r\n");
        assert_eq!(ending("a\nb\n"), "\n");
        assert_eq!(ending("a\rb\r"), "\r");
        assert_eq!(ending("plain"), "\n");
    }
}

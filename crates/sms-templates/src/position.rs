//! Where something is in a template's source: byte span, line, and column
//! in characters and in UTF-16 units (what web editors count).

use core::fmt;
use core::ops::Range;

/// A place in a template's source: its byte span, and the line and column
/// of its start.
///
/// Its `Display` reads `line L, column C`; it serialises as
/// `{"span": {"start", "end"}, "line", "column", "column_utf16"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Position {
    span: Range<usize>,
    line: usize,
    column: usize,
    column_utf16: usize,
}

impl Position {
    /// Byte range in the source.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Line of the start, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the start in characters (Unicode scalar values), from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// Column of the start in UTF-16 code units (what web editors count),
    /// from 1.
    pub fn column_utf16(&self) -> usize {
        self.column_utf16
    }

    /// The position of `span` in `source`. `span.start` must lie on a
    /// character boundary (the parser only makes such spans).
    pub(crate) fn new(source: &str, span: Range<usize>) -> Position {
        let start = span.start.min(source.len());
        let before = source.get(..start).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let col_text = &before[line_start..];
        Position {
            span,
            line,
            column: col_text.chars().count() + 1,
            column_utf16: col_text.encode_utf16().count() + 1,
        }
    }
}

/// Positions of increasing offsets in one source, found in one pass.
#[derive(Debug)]
pub(crate) struct Lines<'s> {
    source: &'s str,
    at: usize,
    line: usize,
    column: usize,
    column_utf16: usize,
}

impl<'s> Lines<'s> {
    pub(crate) fn new(source: &'s str) -> Lines<'s> {
        Lines { source, at: 0, line: 1, column: 1, column_utf16: 1 }
    }

    /// The position of `span`; spans must come in increasing order of
    /// start (an earlier one is computed from scratch).
    pub(crate) fn position(&mut self, span: Range<usize>) -> Position {
        let start = span.start.min(self.source.len());
        if start < self.at {
            return Position::new(self.source, span);
        }
        // Byte by byte: a character starts at every byte that is not a
        // continuation byte, and a 4-byte one counts two UTF-16 units.
        for &b in self.source.as_bytes().get(self.at..start).unwrap_or(&[]) {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
                self.column_utf16 = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
                self.column_utf16 += if b >= 0xF0 { 2 } else { 1 };
            }
        }
        self.at = start;
        Position {
            span,
            line: self.line,
            column: self.column,
            column_utf16: self.column_utf16,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let s = "ab\nżó😀x";
        let p = Position::new(s, 3..4);
        assert_eq!((p.line, p.column, p.column_utf16), (2, 1, 1));
        let x = s.find('x').unwrap();
        let p = Position::new(s, x..x + 1);
        assert_eq!((p.line, p.column, p.column_utf16), (2, 4, 5));
        let mut lines = Lines::new(s);
        assert_eq!(lines.position(3..4), Position::new(s, 3..4));
        assert_eq!(lines.position(x..x + 1), p);
    }
}

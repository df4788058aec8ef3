//! The greedy cut of a text into parts, shared by counting and splitting so
//! that the two always agree.

use unicode_segmentation::UnicodeSegmentation;

use crate::alphabet::{Alphabet, Encoding};

/// What one character costs in the encoding in force.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Cost {
    /// Septets, from these tables.
    Gsm(Alphabet),
    /// UTF-16 code units.
    Ucs2,
}

impl Cost {
    pub(crate) fn new(encoding: Encoding, alphabet: Alphabet) -> Cost {
        match encoding {
            Encoding::Gsm7 => Cost::Gsm(alphabet),
            Encoding::Ucs2 => Cost::Ucs2,
        }
    }

    /// Units of `c`. A character the tables cannot carry never reaches
    /// here (the encoding was chosen so that all of them fit): debug builds
    /// (tests, fuzzing) assert it; release builds count two units rather
    /// than panic.
    #[inline]
    pub(crate) fn of(&self, c: char) -> usize {
        match self {
            Cost::Gsm(alphabet) => {
                let cost = alphabet.cost(c);
                debug_assert!(cost.is_some(), "{c:?} is not in the tables");
                cost.unwrap_or(2)
            }
            Cost::Ucs2 => c.len_utf16(),
        }
    }

    fn of_str(&self, s: &str) -> usize {
        s.chars().map(|c| self.of(c)).sum()
    }
}

/// One part of a cut: its byte range and units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) units: usize,
}

/// Cuts `text` greedily into pieces of at most `capacity` units, calling
/// `emit` for each in order; the last piece is always emitted, so an empty
/// text gives one empty piece. With `graphemes`, pieces end only at grapheme
/// cluster boundaries, except inside a cluster too large for a part on its
/// own, which is cut at character boundaries. A character is never split,
/// so neither is an escape pair (one character) nor a surrogate pair.
///
/// `emit` returns `false` to stop early.
pub(crate) fn cut(
    text: &str,
    cost: &Cost,
    capacity: usize,
    graphemes: bool,
    mut emit: impl FnMut(Piece) -> bool,
) {
    let mut start = 0;
    let mut fill = 0;
    let mut place = |at: usize, units: usize, start: &mut usize| -> bool {
        if fill + units > capacity && fill > 0 {
            let go_on = emit(Piece { start: *start, end: at, units: fill });
            *start = at;
            fill = 0;
            if !go_on {
                return false;
            }
        }
        fill += units;
        true
    };
    if graphemes {
        for (at, cluster) in text.grapheme_indices(true) {
            let units = cost.of_str(cluster);
            if units <= capacity {
                if !place(at, units, &mut start) {
                    return;
                }
                continue;
            }
            for (offset, c) in cluster.char_indices() {
                if !place(at + offset, cost.of(c), &mut start) {
                    return;
                }
            }
        }
    } else {
        for (at, c) in text.char_indices() {
            if !place(at, cost.of(c), &mut start) {
                return;
            }
        }
    }
    emit(Piece { start, end: text.len(), units: fill });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, cost: Cost, cap: usize, g: bool) -> Vec<Piece> {
        let mut v = Vec::new();
        cut(text, &cost, cap, g, |p| {
            v.push(p);
            true
        });
        v
    }

    #[test]
    fn empty_text_is_one_empty_piece() {
        let p = pieces("", Cost::Ucs2, 67, false);
        assert_eq!(p, [Piece { start: 0, end: 0, units: 0 }]);
    }

    #[test]
    fn escape_pair_moves_to_next_piece() {
        let text = format!("{}{{x", "a".repeat(4));
        let p = pieces(&text, Cost::Gsm(Alphabet::DEFAULT), 5, false);
        assert_eq!(p[0], Piece { start: 0, end: 4, units: 4 });
        assert_eq!(p[1], Piece { start: 4, end: 6, units: 3 });
    }

    #[test]
    fn stop_early() {
        let mut n = 0;
        cut("abcdef", &Cost::Ucs2, 2, false, |_| {
            n += 1;
            n < 2
        });
        assert_eq!(n, 2);
    }

    #[test]
    fn oversize_cluster_is_cut_by_characters() {
        // 'e' followed by 5 combining acute accents: one cluster, 6 units.
        let text = "e\u{301}\u{301}\u{301}\u{301}\u{301}";
        let p = pieces(text, Cost::Ucs2, 4, true);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].units, 4);
        assert_eq!(p[1].units, 2);
    }
}

//! Choosing national language shift tables: which combinations of the
//! allowed locking and single shift tables can carry a text, and at what
//! cost, found in one pass over the text rather than one per combination.
//!
//! A character costs one septet when the locking table (or the default
//! basic table) has it and two when only the single shift table (or the
//! default extension table) has it. So for a given locking table the
//! septets of a text do not depend on the single shift table at all: they
//! are the characters plus the characters the locking table lacks. The
//! single shift table only has to supply every one of those. One pass
//! counts, for every locking table at once, the characters it lacks and
//! narrows the set of single shift tables that supply all of them; a
//! locking table whose set becomes empty drops out of the pass.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::alphabet::{Language, LanguageSet, Shift};
use crate::tables::{self, Table};

/// Table slots: 0 is the default table (basic or extension), `n` the
/// tables of the language with identifier `n`.
pub(crate) const SLOTS: usize = 14;

/// Which tables hold a character: bit `n` of `locking` for the basic table
/// of slot `n`, bit `n` of `single` for its extension table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Masks {
    pub(crate) locking: u16,
    pub(crate) single: u16,
}

impl Masks {
    /// The default tables only: no national language allowed.
    pub(crate) const DEFAULT_ONLY: Masks = Masks { locking: 1, single: 1 };
}

/// Characters below this are looked up directly: it covers ASCII, Latin,
/// Greek, Arabic and every Indic block the tables use.
const DIRECT: usize = 0x0E00;

/// Where every character of every table is.
#[derive(Debug)]
struct Index {
    direct: Vec<Masks>,
    /// Characters at or above `DIRECT` (the euro sign, infinity), sorted.
    other: Vec<(char, Masks)>,
}

static INDEX: OnceLock<Index> = OnceLock::new();

/// The basic table of a slot, if the slot has one.
fn locking_table(slot: usize) -> Option<&'static Table> {
    if slot == 0 {
        return Some(&tables::DEFAULT_BASIC);
    }
    Language::from_id(slot as u8).and_then(Language::locking_table)
}

/// The extension table of a slot, if the slot has one.
fn single_table(slot: usize) -> Option<&'static Table> {
    if slot == 0 {
        return Some(&tables::DEFAULT_EXTENSION);
    }
    Language::from_id(slot as u8).map(Language::single_table)
}

fn build() -> Index {
    let mut direct = vec![Masks::default(); DIRECT];
    let mut other: Vec<(char, Masks)> = Vec::new();
    let mut mark = |c: char, f: &dyn Fn(&mut Masks)| {
        if (c as usize) < DIRECT {
            f(&mut direct[c as usize]);
        } else {
            match other.iter_mut().find(|e| e.0 == c) {
                Some(e) => f(&mut e.1),
                None => {
                    let mut m = Masks::default();
                    f(&mut m);
                    other.push((c, m));
                }
            }
        }
    };
    for slot in 0..SLOTS {
        let bit = 1u16 << slot;
        for septet in 0..128u8 {
            if let Some(c) = locking_table(slot).and_then(|t| t.char(septet)) {
                mark(c, &|m| m.locking |= bit);
            }
            if let Some(c) = single_table(slot).and_then(|t| t.char(septet)) {
                mark(c, &|m| m.single |= bit);
            }
        }
    }
    other.sort_by_key(|e| e.0);
    Index { direct, other }
}

/// Which tables hold `c`.
#[inline]
pub(crate) fn masks(c: char) -> Masks {
    let index = INDEX.get_or_init(build);
    match index.direct.get(c as usize) {
        Some(&m) => m,
        None => index
            .other
            .binary_search_by_key(&c, |e| e.0)
            .map_or(Masks::default(), |i| index.other[i].1),
    }
}

/// The slots a set of allowed languages opens: the default tables always,
/// and each language's locking table (if it has one) and single shift
/// table.
pub(crate) fn allowed(languages: LanguageSet) -> Masks {
    let mut m = Masks { locking: 1, single: 1 };
    for l in languages.iter() {
        m.single |= 1 << l.id();
        if l.has_locking_shift() {
            m.locking |= 1 << l.id();
        }
    }
    m
}

/// The language of a slot, `None` for the default tables.
fn language(slot: usize) -> Option<Language> {
    Language::from_id(slot as u8)
}

/// What one pass over a text finds for every allowed locking table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tally {
    /// Characters each locking table lacks (each costs an escape).
    pub(crate) missing: [usize; SLOTS],
    /// For each locking table, the allowed single shift tables that supply
    /// every character it lacks; empty when the locking table is not
    /// allowed or no single shift table completes it.
    pub(crate) singles: [u16; SLOTS],
}

/// Counts in one pass what every allowed combination of tables needs.
pub(crate) fn tally(text: &str, allowed: Masks) -> Tally {
    let mut t = Tally { missing: [0; SLOTS], singles: [0; SLOTS] };
    for slot in 0..SLOTS {
        if allowed.locking & (1 << slot) != 0 {
            t.singles[slot] = allowed.single;
        }
    }
    // Locking tables still in the running.
    let mut live = allowed.locking;
    for c in text.chars() {
        let m = masks(c);
        let mut absent = live & !m.locking;
        while absent != 0 {
            let slot = absent.trailing_zeros() as usize;
            absent &= absent - 1;
            t.missing[slot] += 1;
            t.singles[slot] &= m.single;
            if t.singles[slot] == 0 {
                live &= !(1 << slot);
            }
        }
        if live == 0 {
            break;
        }
    }
    t
}

impl Tally {
    /// The allowed combinations that carry the text, one per locking
    /// table: the locking table's shift, its septets and its escapes. Of
    /// the single shift tables that complete a locking table, all give the
    /// same septets, so the default extension table is taken when it
    /// does (no header element), then the single shift table of the
    /// locking table's own language, then the lowest identifier.
    pub(crate) fn candidates(
        &self,
        chars: usize,
    ) -> impl Iterator<Item = (Shift, usize, usize)> + '_ {
        (0..SLOTS).filter(|&slot| self.singles[slot] != 0).map(move |slot| {
            let singles = self.singles[slot];
            let single = if singles & 1 != 0 {
                0
            } else if slot != 0 && singles & (1 << slot) != 0 {
                slot
            } else {
                singles.trailing_zeros() as usize
            };
            let shift = Shift::new(language(slot), language(single));
            let escapes = self.missing[slot];
            (shift, chars + escapes, escapes)
        })
    }
}

/// The combination of allowed tables that lacks the fewest characters of
/// `text` (ties to the lower locking slot, then the lower single slot):
/// the tables to name culprits against when no combination carries it.
pub(crate) fn fewest_missing(text: &str, allowed: Masks) -> Shift {
    // The characters' table sets, with how often each occurs: few
    // distinct sets, whatever the length of the text.
    let mut histogram: HashMap<Masks, usize> = HashMap::new();
    for c in text.chars() {
        *histogram.entry(masks(c)).or_default() += 1;
    }
    let mut best = (usize::MAX, 0, 0);
    for l in 0..SLOTS {
        if allowed.locking & (1 << l) == 0 {
            continue;
        }
        for s in 0..SLOTS {
            if allowed.single & (1 << s) == 0 {
                continue;
            }
            let missing: usize = histogram
                .iter()
                .filter(|(m, _)| {
                    m.locking & (1 << l) == 0 && m.single & (1 << s) == 0
                })
                .map(|(_, n)| n)
                .sum();
            if missing < best.0 {
                best = (missing, l, s);
            }
        }
    }
    Shift::new(language(best.1), language(best.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::Alphabet;

    #[test]
    fn masks_agree_with_the_tables() {
        for c in (0..0x2300u32).filter_map(char::from_u32) {
            let m = masks(c);
            for slot in 0..SLOTS {
                let in_locking =
                    locking_table(slot).is_some_and(|t| t.septet(c).is_some());
                let in_single =
                    single_table(slot).is_some_and(|t| t.septet(c).is_some());
                assert_eq!(m.locking & (1 << slot) != 0, in_locking, "{c:?}");
                assert_eq!(m.single & (1 << slot) != 0, in_single, "{c:?}");
            }
        }
        assert_eq!(masks('😀'), Masks::default());
    }

    #[test]
    fn tally_agrees_with_measuring_each_combination() {
        let mut all = LanguageSet::default();
        for &l in Language::ALL {
            all.insert(l);
        }
        let texts = [
            "",
            "plain text {with} [escapes] €",
            "नमस्ते, आपका ऑर्डर भेज दिया गया है। ABC",
            "வணக்கம், உங்கள் ஆர்டர் அனுப்பப்பட்டது",
            "Sayın müşterimiz, siparişiniz yola çıktı.",
            "আপনার অর্ডার পাঠানো হয়েছে ১২৩",
            "Привет",
            "€€€ ^^^ नमस्ते",
        ];
        for text in texts {
            let t = tally(text, allowed(all));
            let chars = text.chars().count();
            let found: Vec<_> = t.candidates(chars).collect();
            // Every combination that carries the text has a candidate with
            // its locking table and the same septets.
            for l in core::iter::once(None).chain(
                Language::ALL
                    .iter()
                    .copied()
                    .filter(|l| l.has_locking_shift())
                    .map(Some),
            ) {
                for s in core::iter::once(None)
                    .chain(Language::ALL.iter().copied().map(Some))
                {
                    let a = Alphabet::new(Shift::new(l, s));
                    let costs: Option<Vec<usize>> =
                        text.chars().map(|c| a.cost(c)).collect();
                    let candidate = found.iter().find(|c| c.0.locking() == l);
                    match costs {
                        Some(costs) => {
                            let (shift, units, _) = candidate.unwrap();
                            assert_eq!(*units, costs.iter().sum::<usize>());
                            let chosen = Alphabet::new(*shift);
                            assert!(text
                                .chars()
                                .all(|c| chosen.cost(c).is_some()));
                        }
                        None => {
                            if let Some((shift, ..)) = candidate {
                                assert_ne!(shift.single(), s, "{text}");
                            }
                        }
                    }
                }
            }
        }
    }
}

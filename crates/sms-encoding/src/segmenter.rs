//! The configured segmenter: analysis, splitting and the choice of tables.

use crate::alphabet::{Alphabet, Encoding, Language, LanguageSet, Shift};
use crate::analysis::{Analysis, NonGsmChar};
use crate::cut::{self, Cost, Piece};
use crate::error::{parse_name, Error, ErrorKind, ParseNameError};
use crate::scan::{self, Scan};
use crate::shift;

/// The concatenation reference in each part's user data header (3GPP TS
/// 23.040 section 9.2.3.24.1 and .8).
///
/// `Display`, `FromStr` and the `serde` form spell it `8-bit` or `16-bit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Concatenation {
    /// An 8-bit reference: a 6-octet header, leaving 153 septets or 67
    /// UCS-2 units per part. What most gateways use.
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "8-bit"))]
    Ref8,
    /// A 16-bit reference: a 7-octet header, leaving 152 septets or 66
    /// UCS-2 units per part.
    #[cfg_attr(feature = "serde", serde(rename = "16-bit"))]
    Ref16,
}

impl core::fmt::Display for Concatenation {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Concatenation::Ref8 => Concatenation::NAMES[0],
            Concatenation::Ref16 => Concatenation::NAMES[1],
        })
    }
}

/// Parses what `Display` prints (`8-bit`, `16-bit`), in any letter case.
impl core::str::FromStr for Concatenation {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Concatenation, ParseNameError> {
        parse_name(
            "concatenation reference",
            s,
            Concatenation::NAMES,
            Concatenation::ALL,
        )
    }
}

impl Concatenation {
    /// Both reference sizes.
    pub const ALL: &'static [Concatenation] =
        &[Concatenation::Ref8, Concatenation::Ref16];

    const NAMES: &'static [&'static str] = &["8-bit", "16-bit"];

    /// Octets of the concatenation information element, identifier and
    /// length included (the header length octet is not).
    pub fn header_octets(self) -> usize {
        match self {
            Concatenation::Ref8 => 5,
            Concatenation::Ref16 => 6,
        }
    }
}

/// Units one part carries, given the information elements in its header.
pub(crate) fn capacity(encoding: Encoding, ie_octets: usize) -> usize {
    // 140 octets of user data; a header, if any, adds its length octet.
    let header = if ie_octets == 0 { 0 } else { 1 + ie_octets };
    match encoding {
        Encoding::Gsm7 => (140 - header) * 8 / 7,
        Encoding::Ucs2 => (140 - header) / 2,
    }
}

/// Counts, splits and encodes SMS texts under one set of options.
///
/// `Segmenter::default()` is what most senders need: 8-bit concatenation
/// references, at most 10 parts, no national shift tables, and parts cut at
/// character boundaries. Use [`Segmenter::builder`] for anything else.
///
/// A segmenter is a small `Copy` value; build it once and share it.
///
/// # Example
/// ```
/// use sms_encoding::{Encoding, Segmenter};
///
/// let seg = Segmenter::default();
/// let a = seg.analyze("Dzień dobry!")?;
/// assert_eq!(a.encoding(), Encoding::Ucs2);
/// assert_eq!((a.units(), a.segments(), a.units_left()), (12, 1, 58));
/// # Ok::<(), sms_encoding::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segmenter {
    concatenation: Concatenation,
    max_parts: u8,
    languages: LanguageSet,
    keep_graphemes: bool,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter {
            concatenation: Concatenation::Ref8,
            max_parts: 10,
            languages: LanguageSet::default(),
            keep_graphemes: false,
        }
    }
}

/// Options for a [`Segmenter`].
///
/// # Example
/// ```
/// use sms_encoding::{Concatenation, Language, Segmenter};
///
/// let seg = Segmenter::builder()
///     .concatenation(Concatenation::Ref16)
///     .max_parts(6)
///     .national_language(Language::Turkish)
///     .keep_graphemes(true)
///     .build()?;
/// let a = seg.analyze("Günaydın, şimdi!")?;
/// assert_eq!(a.encoding().name(), "GSM_7BIT");
/// assert_eq!(a.shift().locking(), Some(Language::Turkish));
/// # Ok::<(), sms_encoding::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct SegmenterBuilder {
    concatenation: Concatenation,
    max_parts: usize,
    languages: LanguageSet,
    keep_graphemes: bool,
}

impl SegmenterBuilder {
    /// The concatenation reference size: 8-bit (the default) or 16-bit.
    pub fn concatenation(mut self, c: Concatenation) -> SegmenterBuilder {
        self.concatenation = c;
        self
    }

    /// The largest number of parts a text may need (default 10).
    /// Must be between 1 and 255; checked by [`build`](Self::build).
    pub fn max_parts(mut self, max_parts: usize) -> SegmenterBuilder {
        self.max_parts = max_parts;
        self
    }

    /// Allows the national language shift tables of `language` (off by
    /// default). Call once per language, or see [`national_languages`].
    ///
    /// A text that does not fit one part of the default alphabet is then
    /// weighed under every combination of the allowed locking and single
    /// shift tables (and UCS-2), and the combination that needs the fewest
    /// parts wins, counted by the real split (an escape pair is never cut,
    /// so an escape on a part boundary can cost a part that the units
    /// alone do not show). Each table used costs a 3-octet header element
    /// in every part. Ties go, in this order, to GSM-7 over UCS-2, to
    /// fewer tables, to fewer units, to the default locking table over a
    /// national one, to the single shift table of the locking table's own
    /// language, and to lower language identifiers.
    ///
    /// # Example
    /// ```
    /// use sms_encoding::{Encoding, Language, Segmenter};
    ///
    /// let text = "आपका ऑर्डर भेज दिया गया है।";
    /// assert_eq!(Segmenter::default().analyze(text)?.encoding(), Encoding::Ucs2);
    /// let seg = Segmenter::builder().national_language(Language::Hindi).build()?;
    /// let a = seg.analyze(text)?;
    /// assert_eq!(a.encoding(), Encoding::Gsm7);
    /// assert_eq!(a.shift().locking(), Some(Language::Hindi));
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    ///
    /// [`national_languages`]: SegmenterBuilder::national_languages
    pub fn national_language(
        mut self,
        language: Language,
    ) -> SegmenterBuilder {
        self.languages.insert(language);
        self
    }

    /// Allows the national language shift tables of every language in
    /// `languages`, as [`national_language`](Self::national_language) does
    /// for one. `Language::ALL` allows all thirteen.
    pub fn national_languages<'a>(
        mut self,
        languages: impl IntoIterator<Item = &'a Language>,
    ) -> SegmenterBuilder {
        for &l in languages {
            self.languages.insert(l);
        }
        self
    }

    /// Never cut a part inside a grapheme cluster (a ZWJ emoji sequence, a
    /// flag, a letter with combining marks). Off by default: the spec
    /// only forbids splitting an escape pair or a surrogate pair, and
    /// keeping clusters whole can cost an extra part. A cluster too large
    /// for one part is still cut, at a character boundary.
    pub fn keep_graphemes(mut self, yes: bool) -> SegmenterBuilder {
        self.keep_graphemes = yes;
        self
    }

    /// The segmenter.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidMaxParts`] if the part limit is 0 or above 255.
    pub fn build(self) -> Result<Segmenter, Error> {
        let max_parts =
            u8::try_from(self.max_parts).ok().filter(|&n| n > 0).ok_or(
                ErrorKind::InvalidMaxParts { max_parts: self.max_parts },
            )?;
        Ok(Segmenter {
            concatenation: self.concatenation,
            max_parts,
            languages: self.languages,
            keep_graphemes: self.keep_graphemes,
        })
    }
}

/// What the choice of encoding settled.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    pub(crate) encoding: Encoding,
    pub(crate) shift: Shift,
    pub(crate) alphabet: Alphabet,
    pub(crate) units: usize,
    /// Characters that cost two units (escapes, or surrogate pairs).
    pub(crate) doubles: usize,
}

impl Segmenter {
    /// A builder with the default options.
    pub fn builder() -> SegmenterBuilder {
        let d = Segmenter::default();
        SegmenterBuilder {
            concatenation: d.concatenation,
            max_parts: usize::from(d.max_parts),
            languages: d.languages,
            keep_graphemes: d.keep_graphemes,
        }
    }

    /// The concatenation reference size in use.
    pub fn concatenation_reference(&self) -> Concatenation {
        self.concatenation
    }

    /// The part limit.
    pub fn max_parts(&self) -> usize {
        usize::from(self.max_parts)
    }

    /// The national languages allowed, in identifier order.
    pub fn national_languages(&self) -> impl Iterator<Item = Language> {
        self.languages.iter()
    }

    /// Whether parts are kept from splitting grapheme clusters.
    pub fn keeps_graphemes(&self) -> bool {
        self.keep_graphemes
    }

    /// Measures `text`: encoding, units, characters, parts and room left.
    ///
    /// # Errors
    /// [`ErrorKind::TooManyParts`] if the text needs more parts than the
    /// limit. The error carries the counts, and how many bytes of the text
    /// would fit; nothing is cut.
    ///
    /// # Example
    /// ```
    /// use sms_encoding::{ErrorKind, Segmenter};
    ///
    /// let seg = Segmenter::default();
    /// let a = seg.analyze(&"a".repeat(161))?;
    /// assert_eq!((a.segments(), a.capacity(), a.units_left()), (2, 153, 145));
    ///
    /// let err = seg.analyze(&"a".repeat(1531)).unwrap_err();
    /// match err.kind() {
    ///     ErrorKind::TooManyParts { segments, fits_bytes, .. } => {
    ///         assert_eq!((*segments, *fits_bytes), (11, 1530));
    ///     }
    ///     other => panic!("unexpected {other}"),
    /// }
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    pub fn analyze(&self, text: &str) -> Result<Analysis, Error> {
        let (analysis, plan) = self.measure(text);
        self.check(text, &analysis, &plan)?;
        Ok(analysis)
    }

    /// Splits `text` into the parts it is sent in. Each part borrows
    /// from `text`; joined, they give `text` back. A part never ends inside
    /// a character, so never inside an escape pair or a surrogate pair, and
    /// with [`keep_graphemes`](SegmenterBuilder::keep_graphemes) never
    /// inside a grapheme cluster.
    ///
    /// # Errors
    /// [`ErrorKind::TooManyParts`], as for [`analyze`](Self::analyze).
    ///
    /// # Example
    /// ```
    /// let seg = sms_encoding::Segmenter::default();
    /// // 152 septets, then a 2-septet euro sign that does not fit in the
    /// // 153-septet first part.
    /// let text = format!("{}€ and more{}", "a".repeat(152), "!".repeat(10));
    /// let split = seg.split(&text)?;
    /// let parts: Vec<&str> = split.parts().iter().map(|p| p.text()).collect();
    /// assert_eq!(parts[0], "a".repeat(152));
    /// assert!(parts[1].starts_with('€'));
    /// assert_eq!(parts.concat(), text);
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    pub fn split<'t>(&self, text: &'t str) -> Result<Split<'t>, Error> {
        let (analysis, plan) = self.measure(text);
        self.check(text, &analysis, &plan)?;
        let mut parts = Vec::with_capacity(analysis.segments);
        if analysis.segments == 1 {
            parts.push(Part { text, start: 0, units: analysis.units });
        } else if plan.doubles == 0
            && !self.keep_graphemes
            && analysis.chars == text.len()
        {
            // ASCII, every character one unit: parts of `capacity` bytes,
            // the cut's greedy result without walking the text.
            let capacity = analysis.capacity;
            for start in (0..text.len()).step_by(capacity) {
                let end = text.len().min(start + capacity);
                parts.push(Part {
                    text: &text[start..end],
                    start,
                    units: end - start,
                });
            }
        } else {
            self.cut(text, &plan, analysis.capacity, |p| {
                parts.push(Part {
                    text: &text[p.start..p.end],
                    start: p.start,
                    units: p.units,
                });
                true
            });
        }
        Ok(Split { analysis, parts })
    }

    /// The characters of `text` that GSM-7 cannot carry, with their
    /// positions: why the text is UCS-2. With national languages
    /// allowed, a character counts as GSM-7 if the default alphabet or any
    /// allowed table has it; when every character is in some table but no
    /// one combination of tables holds them all, the characters missing
    /// from the combination that lacks the fewest are named. Empty exactly
    /// when the text can be sent as GSM-7. Lazy after a first check.
    ///
    /// # Example
    /// ```
    /// let seg = sms_encoding::Segmenter::default();
    /// let bad: Vec<_> = seg.non_gsm_chars("It’s ok").collect();
    /// assert_eq!(bad.len(), 1);
    /// assert_eq!((bad[0].ch(), bad[0].offset(), bad[0].index()), ('’', 2, 2));
    /// ```
    pub fn non_gsm_chars<'t>(&self, text: &'t str) -> NonGsmChars<'t> {
        let allowed = shift::allowed(self.languages);
        let mut against = Against::AnyTable(allowed);
        if !self.languages.is_empty()
            && text.chars().all(|c| in_any_table(c, allowed))
        {
            // Every character is in some table, yet no one combination may
            // hold them all: name what the closest combination lacks.
            let closest = shift::fewest_missing(text, allowed);
            against = Against::Alphabet(Alphabet::new(closest));
        }
        NonGsmChars { chars: text.char_indices(), index: 0, utf16: 0, against }
    }

    /// Analysis without the limit check, and the plan behind it.
    pub(crate) fn measure(&self, text: &str) -> (Analysis, Plan) {
        let scan = scan::scan(text);
        let plan = self.plan(text, &scan);
        let (segments, capacity, last) = self.parts(text, &scan, &plan);
        let first_non_gsm = match plan.encoding {
            Encoding::Gsm7 => None,
            _ => self.non_gsm_chars(text).next(),
        };
        let analysis = Analysis {
            encoding: plan.encoding,
            shift: plan.shift,
            units: plan.units,
            chars: scan.chars,
            graphemes: scan.graphemes(text),
            utf16: scan.utf16,
            segments,
            capacity,
            last_part_units: last,
            max_parts: usize::from(self.max_parts),
            first_non_gsm,
        };
        (analysis, plan)
    }

    fn check(
        &self,
        text: &str,
        analysis: &Analysis,
        plan: &Plan,
    ) -> Result<(), Error> {
        if analysis.within_limit() {
            return Ok(());
        }
        let max_parts = usize::from(self.max_parts);
        // With a one-part limit the part has no concatenation header.
        let capacity = if max_parts == 1 {
            capacity(plan.encoding, plan.shift.header_octets())
        } else {
            analysis.capacity
        };
        let mut fits_bytes = 0;
        let mut n = 0;
        self.cut(text, plan, capacity, |p| {
            n += 1;
            fits_bytes = p.end;
            n < max_parts
        });
        Err(Error::new(ErrorKind::TooManyParts {
            encoding: analysis.encoding,
            units: analysis.units,
            chars: analysis.chars,
            segments: analysis.segments,
            max_parts,
            max_units: max_parts * capacity,
            fits_bytes,
        }))
    }

    pub(crate) fn cut(
        &self,
        text: &str,
        plan: &Plan,
        capacity: usize,
        emit: impl FnMut(Piece) -> bool,
    ) {
        let cost = Cost::new(plan.encoding, plan.alphabet);
        cut::cut(text, &cost, capacity, self.keep_graphemes, emit);
    }

    /// Parts, capacity per part and units in the last part of `text`
    /// under `plan`: by arithmetic where no character costs two units (and
    /// grapheme clusters do not matter), otherwise by the real cut.
    fn parts(
        &self,
        text: &str,
        scan: &Scan,
        plan: &Plan,
    ) -> (usize, usize, usize) {
        let shift_octets = plan.shift.header_octets();
        let single = capacity(plan.encoding, shift_octets);
        let multi = capacity(
            plan.encoding,
            shift_octets + self.concatenation.header_octets(),
        );
        if plan.units <= single {
            (1, single, plan.units)
        } else if plan.doubles == 0
            && (!self.keep_graphemes
                || (scan.simple && scan.carriage_returns == 0))
        {
            let segments = plan.units.div_ceil(multi);
            (segments, multi, plan.units - (segments - 1) * multi)
        } else {
            let mut segments = 0;
            let mut last = 0;
            self.cut(text, plan, multi, |p| {
                segments += 1;
                last = p.units;
                true
            });
            (segments, multi, last)
        }
    }

    /// The fewest parts `plan` could need: what the units need at full
    /// parts. The real cut needs more only when a pair lands on a part
    /// boundary.
    fn parts_at_least(&self, plan: &Plan) -> usize {
        let shift_octets = plan.shift.header_octets();
        if plan.units <= capacity(plan.encoding, shift_octets) {
            return 1;
        }
        let multi = capacity(
            plan.encoding,
            shift_octets + self.concatenation.header_octets(),
        );
        plan.units.div_ceil(multi)
    }

    /// Chooses the encoding and tables for `text`.
    ///
    /// With national languages allowed, one pass ([`shift::tally`]) finds
    /// every combination of tables that carries the text and its units;
    /// the candidates are then taken in the order of the fewest parts they
    /// could need, and only those that could still win are cut for real.
    fn plan(&self, text: &str, scan: &Scan) -> Plan {
        let fallback = if scan.gsm {
            Plan {
                encoding: Encoding::Gsm7,
                shift: Shift::NONE,
                alphabet: Alphabet::DEFAULT,
                units: scan.septets,
                doubles: scan.escapes,
            }
        } else {
            Plan {
                encoding: Encoding::Ucs2,
                shift: Shift::NONE,
                alphabet: Alphabet::DEFAULT,
                units: scan.utf16,
                doubles: scan.astral,
            }
        };
        if self.languages.is_empty()
            || (scan.gsm && fallback.units <= capacity(Encoding::Gsm7, 0))
        {
            // Nothing beats one part of the default alphabet.
            return fallback;
        }
        // A shift table can also save parts for a text the default
        // alphabet carries (many extension characters, each 2 septets,
        // that a locking table has in one), so every combination competes,
        // and so does UCS-2.
        let tally = shift::tally(text, shift::allowed(self.languages));
        let mut candidates: Vec<(Rank, Plan)> = tally
            .candidates(scan.chars)
            .map(|(shift, units, doubles)| Plan {
                encoding: Encoding::Gsm7,
                shift,
                alphabet: Alphabet::new(shift),
                units,
                doubles,
            })
            .chain(if scan.gsm { None } else { Some(fallback) })
            .map(|plan| (Rank::new(self.parts_at_least(&plan), &plan), plan))
            .collect();
        candidates.sort_by_key(|c| c.0);
        let mut best: Option<(Rank, Plan)> = None;
        for (at_least, plan) in candidates {
            if best.as_ref().is_some_and(|b| b.0 <= at_least) {
                // The rest need at least as many parts, and lose the ties.
                break;
            }
            let segments = self.parts(text, scan, &plan).0;
            let rank = Rank { segments, ..at_least };
            if best.as_ref().is_none_or(|b| rank < b.0) {
                best = Some((rank, plan));
            }
        }
        best.map_or(fallback, |b| b.1)
    }
}

/// How candidate plans are ordered, best first: fewer parts, then GSM-7
/// over UCS-2 (more room per part), then fewer shift tables (a smaller
/// header), then fewer units, then the default locking table over a
/// national one and lower language identifiers first, except that the
/// single shift table of the locking table's own language comes before
/// any other single shift table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    segments: usize,
    ucs2: bool,
    header_octets: usize,
    units: usize,
    locking: u8,
    /// A single shift table of another language than the locking one.
    single_foreign: bool,
    single: u8,
}

impl Rank {
    fn new(segments: usize, plan: &Plan) -> Rank {
        let locking = plan.shift.locking().map_or(0, Language::id);
        let single = plan.shift.single().map_or(0, Language::id);
        Rank {
            segments,
            ucs2: plan.encoding == Encoding::Ucs2,
            header_octets: plan.shift.header_octets(),
            units: plan.units,
            locking,
            single_foreign: single != 0 && single != locking,
            single,
        }
    }
}

/// Whether `c` is in the default alphabet or any of the `allowed` tables
/// (see [`shift::allowed`]).
fn in_any_table(c: char, allowed: shift::Masks) -> bool {
    let known = if c.is_ascii() {
        Alphabet::DEFAULT.cost(c).is_some()
    } else {
        scan::non_ascii_cost(c).is_some()
    };
    if known || allowed == shift::Masks::DEFAULT_ONLY {
        return known;
    }
    let m = shift::masks(c);
    m.locking & allowed.locking != 0 || m.single & allowed.single != 0
}

/// The iterator of [`Segmenter::non_gsm_chars`].
#[derive(Clone, Debug)]
pub struct NonGsmChars<'t> {
    chars: core::str::CharIndices<'t>,
    index: usize,
    utf16: usize,
    against: Against,
}

/// What a character of [`NonGsmChars`] is checked against.
#[derive(Clone, Copy, Debug)]
enum Against {
    /// The default alphabet and every allowed table.
    AnyTable(shift::Masks),
    /// One combination of tables.
    Alphabet(Alphabet),
}

impl Iterator for NonGsmChars<'_> {
    type Item = NonGsmChar;

    fn next(&mut self) -> Option<NonGsmChar> {
        for (offset, ch) in self.chars.by_ref() {
            let index = self.index;
            let utf16_offset = self.utf16;
            self.index += 1;
            self.utf16 += ch.len_utf16();
            let known = match self.against {
                Against::AnyTable(allowed) => in_any_table(ch, allowed),
                Against::Alphabet(alphabet) => alphabet.cost(ch).is_some(),
            };
            if !known {
                return Some(NonGsmChar { ch, offset, index, utf16_offset });
            }
        }
        None
    }
}

/// A text cut into the parts it is sent in; see [`Segmenter::split`].
///
/// With the `serde` feature it serializes as an object with the fields
/// `analysis` and `parts`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Split<'t> {
    analysis: Analysis,
    parts: Vec<Part<'t>>,
}

impl<'t> Split<'t> {
    /// The analysis of the whole text.
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The parts, in order; never empty.
    pub fn parts(&self) -> &[Part<'t>] {
        &self.parts
    }

    /// The parts, by value.
    pub fn into_parts(self) -> Vec<Part<'t>> {
        self.parts
    }
}

/// One part of a split text. `Display` prints its text.
///
/// With the `serde` feature it serializes as an object with the fields
/// `text`, `start`, `end` (the byte range in the input) and `units`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Part<'t> {
    text: &'t str,
    start: usize,
    units: usize,
}

impl<'t> Part<'t> {
    /// The part's text, borrowed from the input.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Byte range of the part in the input.
    pub fn range(&self) -> core::ops::Range<usize> {
        self.start..self.start + self.text.len()
    }

    /// Units the part takes (septets or UTF-16 code units).
    pub fn units(&self) -> usize {
        self.units
    }
}

impl core::fmt::Display for Part<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.text)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Part<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Part", 4)?;
        st.serialize_field("text", self.text)?;
        st.serialize_field("start", &self.start)?;
        st.serialize_field("end", &(self.start + self.text.len()))?;
        st.serialize_field("units", &self.units)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concatenation_names_round_trip() {
        for &c in Concatenation::ALL {
            assert_eq!(c.to_string().parse::<Concatenation>(), Ok(c));
        }
        assert_eq!(Concatenation::Ref16.to_string(), "16-bit");
    }

    #[test]
    fn capacities() {
        use Encoding::*;
        assert_eq!(capacity(Gsm7, 0), 160);
        assert_eq!(capacity(Gsm7, 5), 153);
        assert_eq!(capacity(Gsm7, 6), 152);
        assert_eq!(capacity(Ucs2, 0), 70);
        assert_eq!(capacity(Ucs2, 5), 67);
        assert_eq!(capacity(Ucs2, 6), 66);
        // One shift table: a 4-octet header in a single part.
        assert_eq!(capacity(Gsm7, 3), 155);
        assert_eq!(capacity(Gsm7, 3 + 5), 149);
        assert_eq!(capacity(Gsm7, 6 + 5), 146);
    }

    #[test]
    fn ascii_split_without_walking_agrees_with_the_cut() {
        for len in [161, 305, 306, 307, 459, 1530] {
            let text: String =
                "abcdefghij".chars().cycle().take(len).collect();
            let seg = Segmenter::default();
            let split = seg.split(&text).unwrap();
            let (_, plan) = seg.measure(&text);
            let mut cut = Vec::new();
            seg.cut(&text, &plan, 153, |p| {
                cut.push((p.start, p.end, p.units));
                true
            });
            let parts: Vec<_> = split
                .parts()
                .iter()
                .map(|p| (p.range().start, p.range().end, p.units()))
                .collect();
            assert_eq!(parts, cut, "{len}");
        }
    }

    #[test]
    fn builder_limits() {
        for bad in [0, 256, 1000] {
            let err = Segmenter::builder().max_parts(bad).build().unwrap_err();
            assert_eq!(
                err.kind(),
                &ErrorKind::InvalidMaxParts { max_parts: bad }
            );
        }
        assert!(Segmenter::builder().max_parts(255).build().is_ok());
        assert!(Segmenter::builder().max_parts(1).build().is_ok());
    }
}

/// The choice of tables against a reference that measures every allowed
/// combination on its own, by the real cut.
#[cfg(test)]
mod choice {
    use proptest::prelude::*;

    use super::*;

    /// Every allowed combination that carries `text`, and UCS-2 when the
    /// default alphabet cannot: the best by `Rank`, each counted by
    /// cutting the text.
    fn best_by_brute_force(seg: &Segmenter, text: &str, scan: &Scan) -> Rank {
        let lockings = core::iter::once(None).chain(
            seg.languages.iter().filter(|l| l.has_locking_shift()).map(Some),
        );
        let mut plans = Vec::new();
        for locking in lockings {
            let singles =
                core::iter::once(None).chain(seg.languages.iter().map(Some));
            for single in singles {
                let shift = Shift::new(locking, single);
                let alphabet = Alphabet::new(shift);
                let costs: Option<Vec<usize>> =
                    text.chars().map(|c| alphabet.cost(c)).collect();
                if let Some(costs) = costs {
                    plans.push(Plan {
                        encoding: Encoding::Gsm7,
                        shift,
                        alphabet,
                        units: costs.iter().sum(),
                        doubles: costs.iter().filter(|&&c| c == 2).count(),
                    });
                }
            }
        }
        if !scan.gsm {
            plans.push(Plan {
                encoding: Encoding::Ucs2,
                shift: Shift::NONE,
                alphabet: Alphabet::DEFAULT,
                units: text.encode_utf16().count(),
                doubles: text.chars().filter(|c| c.len_utf16() == 2).count(),
            });
        }
        plans
            .iter()
            .map(|plan| Rank::new(cut_parts(seg, text, plan), plan))
            .min()
            .unwrap()
    }

    /// Parts by the real cut, whatever the plan.
    fn cut_parts(seg: &Segmenter, text: &str, plan: &Plan) -> usize {
        let octets = plan.shift.header_octets();
        if plan.units <= capacity(plan.encoding, octets) {
            return 1;
        }
        let multi = capacity(
            plan.encoding,
            octets + seg.concatenation.header_octets(),
        );
        let mut n = 0;
        seg.cut(text, plan, multi, |_| {
            n += 1;
            true
        });
        n
    }

    /// Text from the tables of one or two languages, with default-alphabet
    /// characters, escapes, and now and then a character of another
    /// language's tables or of none.
    fn national_text() -> impl Strategy<Value = String> {
        let language = || prop::sample::select(Language::ALL);
        (language(), language(), 0u8..4, 0usize..600, any::<u64>()).prop_map(
            |(first, second, mix, len, seed)| {
                fn add(pool: &mut Vec<char>, l: Language) {
                    let tables = [l.locking_table(), Some(l.single_table())];
                    for t in tables.into_iter().flatten() {
                        pool.extend((0..128).filter_map(|s| t.char(s)));
                    }
                }
                let mut pool: Vec<char> = Vec::new();
                match (mix, first.locking_table()) {
                    // The letters of a locking table and characters that
                    // many single shift tables share: ties between them.
                    (2, Some(t)) => {
                        pool.extend((0..128).filter_map(|s| t.char(s)));
                        pool.extend("ABCXYZ@£$¥¤".chars());
                    }
                    _ => add(&mut pool, first),
                }
                if mix == 0 {
                    add(&mut pool, second);
                }
                pool.extend("abc xyz 0123 .,!? {}[]€@".chars());
                if mix == 1 {
                    pool.push('😀');
                }
                // A small generator of our own keeps the drawing cheap.
                let mut x = seed | 1;
                (0..len)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        pool[(x % pool.len() as u64) as usize]
                    })
                    .collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_chosen_tables_need_the_fewest_parts(
            text in national_text(),
            languages in prop::bits::u16::between(0, 13),
            ref16 in any::<bool>(),
            graphemes in any::<bool>(),
        ) {
            let mut b = Segmenter::builder()
                .max_parts(255)
                .keep_graphemes(graphemes);
            if ref16 {
                b = b.concatenation(Concatenation::Ref16);
            }
            for (bit, &l) in Language::ALL.iter().enumerate() {
                if languages & (1 << bit) != 0 {
                    b = b.national_language(l);
                }
            }
            let seg = b.build().unwrap();
            let scan = scan::scan(&text);
            let plan = seg.plan(&text, &scan);
            if plan.encoding == Encoding::Gsm7 {
                // The chosen tables carry the text, at the units claimed.
                let units: Option<usize> =
                    text.chars().map(|c| plan.alphabet.cost(c)).sum();
                prop_assert_eq!(units, Some(plan.units));
            }
            let chosen = Rank::new(cut_parts(&seg, &text, &plan), &plan);
            // Single-part default alphabet text is taken without a search.
            if !(scan.gsm && scan.septets <= 160) {
                prop_assert_eq!(chosen, best_by_brute_force(&seg, &text, &scan));
            }
            // The parts counted are the parts the split makes.
            let analysis = seg.analyze(&text).unwrap();
            prop_assert_eq!(analysis.segments(), chosen.segments);
            prop_assert_eq!(seg.split(&text).unwrap().parts().len(), chosen.segments);
        }
    }
}

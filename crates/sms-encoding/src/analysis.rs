//! The result of measuring a text, and the counters agents see.

use core::fmt;

use crate::alphabet::{Encoding, Shift};

/// Everything about how a text is sent: encoding, units, characters,
/// parts and room left. Produced by [`Segmenter::analyze`].
///
/// [`Segmenter::analyze`]: crate::Segmenter::analyze
///
/// With the `serde` feature it serializes as an object of the accessors'
/// values: `encoding`, `shift`, `units`, `chars`, `graphemes`,
/// `utf16_units`, `segments`, `capacity`, `units_left`, `last_part_units`,
/// `max_parts`, `within_limit` and `first_non_gsm` (`null` for GSM-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Analysis {
    pub(crate) encoding: Encoding,
    pub(crate) shift: Shift,
    pub(crate) units: usize,
    pub(crate) chars: usize,
    pub(crate) graphemes: usize,
    pub(crate) utf16: usize,
    pub(crate) segments: usize,
    pub(crate) capacity: usize,
    pub(crate) last_part_units: usize,
    pub(crate) max_parts: usize,
    pub(crate) first_non_gsm: Option<NonGsmChar>,
}

impl Analysis {
    /// The encoding the text is sent in: GSM-7 when every character is in
    /// the default alphabet (or in the national tables enabled), otherwise
    /// UCS-2.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The national language shift tables used ([`Shift::NONE`] for the
    /// default alphabet and for UCS-2).
    pub fn shift(&self) -> Shift {
        self.shift
    }

    /// Units of the whole text: septets for GSM-7 (a character of the
    /// extension or single shift table counts 2), UTF-16 code units for
    /// UCS-2 (a character outside the BMP counts 2).
    pub fn units(&self) -> usize {
        self.units
    }

    /// Characters, as Unicode scalar values.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Characters as a person sees them: extended grapheme clusters
    /// (UAX #29). A family emoji made of four people is one.
    pub fn graphemes(&self) -> usize {
        self.graphemes
    }

    /// UTF-16 code units, what a JavaScript `length` or a browser text
    /// field's `maxlength` counts, whatever the encoding.
    pub fn utf16_units(&self) -> usize {
        self.utf16
    }

    /// Parts (segments) the text is sent in; each is billed. An empty text
    /// is one (empty) part.
    pub fn segments(&self) -> usize {
        self.segments
    }

    /// Units one part carries: 160 septets or 70 UCS-2 units for a single
    /// part; 153 / 67 per part when concatenated with an 8-bit reference,
    /// 152 / 66 with a 16-bit one; less 3 octets' worth per national shift
    /// table.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Units still free in the last part before another part is needed.
    ///
    /// With escape pairs or surrogate pairs a part may end one unit short
    /// of its capacity, so this is exact, not `capacity - units % capacity`.
    pub fn units_left(&self) -> usize {
        self.capacity - self.last_part_units
    }

    /// Units in the last part.
    pub fn last_part_units(&self) -> usize {
        self.last_part_units
    }

    /// The part limit this analysis was made with.
    pub fn max_parts(&self) -> usize {
        self.max_parts
    }

    /// Whether the text fits in [`max_parts`](Analysis::max_parts) parts.
    /// An analysis from [`Segmenter::analyze`](crate::Segmenter::analyze)
    /// always does; one from a replacement report may not.
    pub fn within_limit(&self) -> bool {
        self.segments <= self.max_parts
    }

    /// For a UCS-2 text, the first character that forced it; `None` for
    /// GSM-7. Use [`Segmenter::non_gsm_chars`](crate::Segmenter::non_gsm_chars)
    /// for all of them.
    pub fn first_non_gsm(&self) -> Option<NonGsmChar> {
        self.first_non_gsm
    }

    /// The units counter: units, encoding and parts, as in
    /// `225 – [GSM_7BIT 2]` (the dash is U+2013 EN DASH).
    ///
    /// # Example
    /// ```
    /// let a = sms_encoding::analyze("Price: 10€")?;
    /// assert_eq!(a.units_counter().to_string(), "11 – [GSM_7BIT 1]");
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    pub fn units_counter(&self) -> UnitsCounter {
        UnitsCounter { analysis: *self }
    }

    /// The characters counter: characters typed (Unicode scalar values)
    /// and parts, as in `670/10`.
    ///
    /// # Example
    /// ```
    /// let a = sms_encoding::analyze(&"ż".repeat(670))?;
    /// assert_eq!(a.chars_counter().to_string(), "670/10");
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    pub fn chars_counter(&self) -> CharsCounter {
        CharsCounter { analysis: *self }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Analysis {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Analysis", 13)?;
        st.serialize_field("encoding", &self.encoding)?;
        st.serialize_field("shift", &self.shift)?;
        st.serialize_field("units", &self.units)?;
        st.serialize_field("chars", &self.chars)?;
        st.serialize_field("graphemes", &self.graphemes)?;
        st.serialize_field("utf16_units", &self.utf16)?;
        st.serialize_field("segments", &self.segments)?;
        st.serialize_field("capacity", &self.capacity)?;
        st.serialize_field("units_left", &self.units_left())?;
        st.serialize_field("last_part_units", &self.last_part_units)?;
        st.serialize_field("max_parts", &self.max_parts)?;
        st.serialize_field("within_limit", &self.within_limit())?;
        st.serialize_field("first_non_gsm", &self.first_non_gsm)?;
        st.end()
    }
}

/// The `225 – [GSM_7BIT 2]` counter; see [`Analysis::units_counter`].
///
/// With the `serde` feature it serializes as the string `Display` prints.
#[derive(Clone, Copy, Debug)]
pub struct UnitsCounter {
    analysis: Analysis,
}

impl fmt::Display for UnitsCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.analysis;
        write!(f, "{} \u{2013} [{} {}]", a.units, a.encoding, a.segments)
    }
}

/// The `670/10` counter; see [`Analysis::chars_counter`].
///
/// With the `serde` feature it serializes as the string `Display` prints.
#[derive(Clone, Copy, Debug)]
pub struct CharsCounter {
    analysis: Analysis,
}

impl fmt::Display for CharsCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.analysis.chars, self.analysis.segments)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for UnitsCounter {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CharsCounter {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A character that GSM-7 cannot carry, and where it is: the reason a text
/// is UCS-2.
///
/// With the `serde` feature it serializes as an object with the fields
/// `ch`, `offset`, `index` and `utf16_offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NonGsmChar {
    pub(crate) ch: char,
    pub(crate) offset: usize,
    pub(crate) index: usize,
    pub(crate) utf16_offset: usize,
}

impl NonGsmChar {
    /// The character.
    pub fn ch(&self) -> char {
        self.ch
    }

    /// Byte offset in the text.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Index in the text counted in Unicode scalar values.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Offset in the text counted in UTF-16 code units (a web editor's
    /// cursor position).
    pub fn utf16_offset(&self) -> usize {
        self.utf16_offset
    }
}

impl fmt::Display for NonGsmChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} (U+{:04X}) at character {}",
            self.ch, self.ch as u32, self.index
        )
    }
}

/*!
Exact SMS length counting, splitting and encoding, following 3GPP TS 23.038:
how many characters and parts a text takes, why it is UCS-2, where it is
cut, and the bytes a gateway sends for each part. Billing is per part, so
every count here is exact: escape pairs and surrogate pairs never straddle a
part, and the count of parts always equals the parts a split produces.

```
use sms_encoding::{Encoding, Segmenter};

let seg = Segmenter::default();
let a = seg.analyze("Your order {A-17} ships today. Total: 25€")?;
assert_eq!(a.encoding(), Encoding::Gsm7);
// `{`, `}` and `€` are escape pairs: 2 septets each.
assert_eq!((a.chars(), a.units(), a.segments()), (41, 44, 1));
assert_eq!(a.units_counter().to_string(), "44 – [GSM_7BIT 1]");
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Overview

- [`Segmenter`] holds the options ([`Segmenter::builder`]): the
  concatenation reference size, the part limit (default 10), the national
  language shift tables allowed, and whether grapheme clusters are kept
  whole. [`analyze`] and [`split`] use the defaults.
- [`Segmenter::analyze`] gives an [`Analysis`]: encoding, units (septets or
  UTF-16 code units), characters (scalar values and grapheme clusters),
  parts, capacity per part, units left, and the two counters agents see:
  `225 – [GSM_7BIT 2]` and `670/10`.
- [`Segmenter::split`] cuts the text into [`Part`]s that borrow from it.
- [`Segmenter::non_gsm_chars`] says which characters force UCS-2.
- [`Segmenter::replace`] transliterates national letters and typographic
  look-alikes to GSM-7 and reports what changed, before and after.
- [`Segmenter::encode`] and [`decode`] turn parts into user data (header,
  GSM-7 septets unpacked or packed, or UCS-2 big-endian) and back.

# Examples

### Why is this message twice as expensive?

```
let seg = sms_encoding::Segmenter::default();
let text = "Thanks for calling – we’ll call you back";
let a = seg.analyze(text)?;
assert_eq!(a.encoding().name(), "UCS2");
let culprits: Vec<String> =
    seg.non_gsm_chars(text).map(|c| c.to_string()).collect();
assert_eq!(culprits, ["'–' (U+2013) at character 19", "'’' (U+2019) at character 23"]);
# Ok::<(), sms_encoding::Error>(())
```

### Polish text: 670 characters in 10 parts

```
use sms_encoding::{ErrorKind, Replacements, Segmenter};

let seg = Segmenter::default();
let text = "ąęółśżźćń ".repeat(67);
assert_eq!(seg.analyze(&text)?.chars_counter().to_string(), "670/10");
// One more character is refused with the counts, not cut.
let err = seg.analyze(&format!("{text}!")).unwrap_err();
assert!(matches!(err.kind(), ErrorKind::TooManyParts { segments: 11, .. }));
// Replacing national characters makes it GSM-7: 5 parts instead of 10.
let r = seg.replace(&text, Replacements::NATIONAL);
assert_eq!(r.after().segments(), 5);
# Ok::<(), sms_encoding::Error>(())
```

### National language shift tables

The spec's thirteen national languages (Turkish, Spanish, Portuguese and
ten languages of India: Bengali, Gujarati, Hindi, Kannada, Malayalam,
Oriya, Punjabi, Tamil, Telugu, Urdu) have tables that let GSM-7 carry
their letters. They are off by default: allow the languages the
recipients' phones read, and the tables needing the fewest parts are
chosen for each text.

```
use sms_encoding::{Encoding, Language, Segmenter};

let text = "Sayın müşterimiz, siparişiniz yola çıktı.";
assert_eq!(Segmenter::default().analyze(text)?.encoding(), Encoding::Ucs2);
let seg = Segmenter::builder().national_language(Language::Turkish).build()?;
let a = seg.analyze(text)?;
assert_eq!(a.encoding(), Encoding::Gsm7);
assert_eq!(a.shift().locking(), Some(Language::Turkish));
// The 3-octet locking shift element and the header's length octet
// leave 155 septets.
assert_eq!(a.capacity(), 155);
# Ok::<(), sms_encoding::Error>(())
```

### Bytes for an SMPP gateway, and back

```
use sms_encoding::{decode, Packing, Segmenter};

let seg = Segmenter::default();
let text = "x".repeat(200);
let parts = seg.encode(&text, Packing::Unpacked, 0x2A)?;
assert_eq!(parts.len(), 2);
assert!(parts[0].udhi());
assert_eq!(parts[0].user_data()[..6], [0x05, 0x00, 0x03, 0x2A, 0x02, 0x01]);
assert_eq!(decode(&parts)?, text);
# Ok::<(), sms_encoding::Error>(())
```

# Errors

One error type, [`Error`], with an [`ErrorKind`] to match on. Analysis and
splitting fail only when a text needs more parts than the limit
([`ErrorKind::TooManyParts`], with the counts and how much of the text fits);
encoding also when a concatenation reference does not fit 8 bits; decoding
names the part and position of whatever is malformed.

# Input safety

Every function here takes time linear in the length of the text. With
national tables allowed, one pass over the text weighs every combination
of tables at once (182 with all thirteen languages); at most one per
locking table (13) remains, and of those only the ones that could still
need the fewest parts are split for real. `decode` checks every length
against the data before reading it. No input makes a function panic; the
fuzz targets and property tests check that, along with the round trips.

Memory, beyond the input and a few kilobytes of tables built once:

- [`Segmenter::analyze`], [`analyze`] and [`Segmenter::non_gsm_chars`]:
  a constant amount, whatever the length of the text.
- [`Segmenter::split`]: one [`Part`] (a few words) per part, at most the
  part limit; a text over the limit is refused before any part is made.
- [`Segmenter::replace`]: the replaced text, at most twice the input (a
  two-byte letter spelled out in four, as `щ` → `shch`), and nothing per
  replaced character: the replacements are found again when read.
- [`Segmenter::encode`]: the parts' user data, at most 160 octets a part.
- [`decode`]: the decoded text (at most three bytes of UTF-8 per septet,
  as an Indic letter takes, or per UCS-2 unit) and a copy of the user
  data: a few times the size of the parts.

`tests/memory.rs` measures these bounds with a counting allocator.

# Choices where implementations differ

- 0x09 of the basic table is capital `Ç`, as the spec prints it; `ç` is not
  GSM-7.
- An empty text is one empty part: an SMS with no text is still one SMS.
- The units counter (`225 – [GSM_7BIT 2]`) shows units, so `{` counts 2;
  the characters counter (`670/10`) shows characters typed, as Unicode
  scalar values.
- Grapheme clusters are kept whole only on request: the spec forbids only
  splitting escape and surrogate pairs, and keeping clusters can cost a part.

# API stability

The crate is built so that it can grow in minor releases without breaking
code that follows these rules:

- Enums that may gain variants are `#[non_exhaustive]`: [`Encoding`],
  [`Language`] (more tables), [`Concatenation`], [`Packing`] and
  [`ErrorKind`], whose variants may also gain fields. Match them with a
  wildcard arm, and use `..` in `ErrorKind` patterns.
- Results keep their fields private and are read through methods:
  [`Analysis`], [`NonGsmChar`], [`Split`], [`Part`], [`Replaced`],
  [`Replacement`], [`UserDataHeader`], [`ConcatHeader`], [`EncodedPart`]
  and [`Shift`]; new methods may be added.
- Options are built in code through [`Segmenter::builder`] and
  [`Replacements`]' constants and setters; [`Shift::new`] and
  [`EncodedPart::new`] (and its shorthands) build the values
  that carry data in.
- Closed sets ([`Encoding`], [`Language`], [`Concatenation`], [`Packing`])
  print with `Display` and read back with `FromStr` in the same spelling,
  which is also their `serde` spelling; a [`ParseNameError`] lists the
  accepted spellings. Lists of every value (`Language::ALL` ...) are
  slices, so they can grow.
- [`Error`] and [`ErrorKind`] are this crate's own, used with the crate
  path (`sms_encoding::Error`), like `regex::Error`; other crates of the
  same workspace have their own `Error` for their own failures.

# Crate features

- `serde`: `Serialize` and `Deserialize` for the option and value types
  ([`Encoding`], [`Language`], [`Shift`], [`Concatenation`], [`Packing`],
  [`Replacements`], [`EncodedPart`]), and `Serialize` for every result a
  host logs or sends on: [`Analysis`], [`NonGsmChar`], [`Split`], [`Part`],
  [`Replaced`], [`Replacement`], [`UserDataHeader`], [`ConcatHeader`] and
  the two counters (as the strings they print).

# Dependencies

- `unicode-segmentation`: the grapheme cluster rules of UAX #29, kept in
  step with Unicode by its maintainers; writing them again would only add
  bugs. A fast path skips it for text made only of simple characters.
- `thiserror`: the error type's `Display` and `Error` impls.
- For tests only, `peak_alloc`: the memory bounds below are measured with
  a counting allocator, which needs unsafe code that this workspace
  forbids in its own crates.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod alphabet;
mod analysis;
mod cut;
mod error;
mod grapheme;
mod pdu;
mod replace;
mod scan;
mod segmenter;
mod shift;
mod tables;

pub use crate::alphabet::{Encoding, Language, Shift};
pub use crate::analysis::{Analysis, CharsCounter, NonGsmChar, UnitsCounter};
pub use crate::error::{Error, ErrorKind, ParseNameError};
pub use crate::pdu::{
    decode, ConcatHeader, EncodedPart, Packing, UserDataHeader,
};
pub use crate::replace::{
    national_replacement, smart_replacement, Replaced, Replacement,
    ReplacementIter, Replacements,
};
pub use crate::segmenter::{
    Concatenation, NonGsmChars, Part, Segmenter, SegmenterBuilder, Split,
};

/// Analyzes `text` with the default options; see [`Segmenter::analyze`].
///
/// # Errors
/// [`ErrorKind::TooManyParts`] if the text needs more than 10 parts.
///
/// # Example
/// ```
/// let a = sms_encoding::analyze("Hello!")?;
/// assert_eq!((a.units(), a.segments(), a.units_left()), (6, 1, 154));
/// # Ok::<(), sms_encoding::Error>(())
/// ```
pub fn analyze(text: &str) -> Result<Analysis, Error> {
    Segmenter::default().analyze(text)
}

/// Splits `text` with the default options; see [`Segmenter::split`].
///
/// # Errors
/// [`ErrorKind::TooManyParts`] if the text needs more than 10 parts.
///
/// # Example
/// ```
/// let text = "ab".repeat(100);
/// let split = sms_encoding::split(&text)?;
/// assert_eq!(split.parts().len(), 2);
/// assert_eq!(split.parts()[0].units(), 153);
/// # Ok::<(), sms_encoding::Error>(())
/// ```
pub fn split(text: &str) -> Result<Split<'_>, Error> {
    Segmenter::default().split(text)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

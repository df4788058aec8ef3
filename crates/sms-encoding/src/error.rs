use crate::Encoding;

/// The error type of this crate: what went wrong, with the counts or the
/// position that explain it.
///
/// Match on [`Error::kind`] to tell the cases apart; the `Display` form is a
/// lower-case sentence meant for a log or an agent's screen.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

/// The kinds of [`Error`].
///
/// New kinds may be added, and a kind may gain fields, in a minor release:
/// match with a wildcard arm and `..` in each pattern.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text needs more parts than the configured maximum. Nothing
    /// is cut: the caller decides what to shorten.
    #[error(
        "text needs {segments} parts ({units} {unit} in {encoding}, {chars} \
         characters) but at most {max_parts} are allowed ({max_units} \
         {unit}); the first {fits_bytes} bytes fit, shorten the rest or \
         raise the part limit",
        unit = encoding.unit_name(),
        encoding = encoding.plain_name(),
    )]
    #[non_exhaustive]
    TooManyParts {
        /// The encoding the text needs.
        encoding: Encoding,
        /// Units of the whole text (septets or UTF-16 code units).
        units: usize,
        /// Unicode scalar values in the text.
        chars: usize,
        /// Parts the whole text would need.
        segments: usize,
        /// The configured maximum number of parts.
        max_parts: usize,
        /// Units that `max_parts` parts carry at the most.
        max_units: usize,
        /// Length in bytes of the longest prefix of the text that fits in
        /// `max_parts` parts (always a character boundary).
        fits_bytes: usize,
    },
    /// The part limit given to the builder is outside `1..=255` (the
    /// concatenation header counts parts in one octet).
    #[error("the part limit must be between 1 and 255, got {max_parts}")]
    #[non_exhaustive]
    InvalidMaxParts {
        /// The value given.
        max_parts: usize,
    },
    /// The concatenation reference does not fit an 8-bit reference.
    #[error(
        "concatenation reference {reference} does not fit in 8 bits; use a \
         value below 256 or the 16-bit reference"
    )]
    #[non_exhaustive]
    ReferenceTooLarge {
        /// The reference given.
        reference: u16,
    },
    /// `decode` was given no parts.
    #[error("there are no parts to decode")]
    NoParts,
    /// A part's user data header is malformed.
    #[error("part {part}: malformed user data header: {reason}")]
    #[non_exhaustive]
    Header {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A part's data coding scheme is not GSM 7 bit or UCS-2.
    #[error(
        "part {part}: data coding {data_coding:#04x} is neither GSM 7 bit \
         nor UCS-2"
    )]
    #[non_exhaustive]
    DataCoding {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// The data coding scheme octet.
        data_coding: u8,
    },
    /// The parts do not form one whole concatenated message.
    #[error("part {part} does not fit with the others: {reason}")]
    #[non_exhaustive]
    Concatenation {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// What does not fit together.
        reason: String,
    },
    /// The user data is shorter or longer than its length says.
    #[error(
        "part {part}: user data length {length} {unit} need {expected} \
         octets, but {actual} are given"
    )]
    #[non_exhaustive]
    Length {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// The user data length the part claims.
        length: usize,
        /// What the length counts: `"septets"` (packed GSM-7) or
        /// `"octets"`.
        unit: &'static str,
        /// Octets that length needs.
        expected: usize,
        /// Octets of user data actually present.
        actual: usize,
    },
    /// A septet that the tables in force do not define.
    #[error(
        "part {part}: septet {septet:#04x} at septet {position} is not \
         defined{}",
        if *escaped { " in the extension table" } else { "" }
    )]
    #[non_exhaustive]
    Septet {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// Index of the septet in the part's text (after the header).
        position: usize,
        /// The septet.
        septet: u8,
        /// Whether it followed an escape.
        escaped: bool,
    },
    /// A shift element of a part's header names a national language table
    /// that 3GPP TS 23.038 does not define: an identifier above 13, or a
    /// locking shift for Spanish, which has only a single shift table.
    /// Decoding stops rather than read the text with the wrong table.
    #[error("part {part}: {}", unknown_table(*id, *locking))]
    #[non_exhaustive]
    UnknownShiftTable {
        /// Index of the part in the slice given to `decode`.
        part: usize,
        /// The language identifier in the element.
        id: u8,
        /// Whether the element asks for a locking shift table (`false`:
        /// a single shift table).
        locking: bool,
    },
    /// UCS-2 user data that is not valid UTF-16 (an odd number of bytes or
    /// an unpaired surrogate).
    #[error("part {part}: invalid UCS-2 user data: {reason}")]
    #[non_exhaustive]
    Utf16 {
        /// Index of the part in the slice given to `decode` (for an
        /// unpaired surrogate, the last of the UCS-2 parts read with it).
        part: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// Words for [`ErrorKind::UnknownShiftTable`].
fn unknown_table(id: u8, locking: bool) -> String {
    let kind = if locking { "locking" } else { "single" };
    match crate::Language::from_id(id) {
        Some(l) => {
            format!("language identifier {id} ({l}) has no {kind} shift table")
        }
        None => format!(
            "no {kind} shift table has language identifier {id}; the \
             identifiers are 1 (turkish) to 13 (urdu)"
        ),
    }
}

/// The error of the `FromStr` impls of this crate's closed sets
/// ([`Encoding`], [`Language`](crate::Language),
/// [`Concatenation`](crate::Concatenation), [`Packing`](crate::Packing)):
/// the text is none of the spellings their `Display` prints.
///
/// # Example
/// ```
/// let err = "klingon".parse::<sms_encoding::Language>().unwrap_err();
/// assert!(err.to_string().starts_with(
///     "unknown language \"klingon\"; expected one of: turkish, spanish"
/// ));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNameError {
    what: &'static str,
    given: String,
    accepted: &'static [&'static str],
}

impl ParseNameError {
    pub(crate) fn new(
        what: &'static str,
        given: &str,
        accepted: &'static [&'static str],
    ) -> ParseNameError {
        ParseNameError { what, given: given.to_owned(), accepted }
    }

    /// The text that was given.
    pub fn given(&self) -> &str {
        &self.given
    }

    /// The spellings accepted, as `Display` prints them.
    pub fn accepted(&self) -> &'static [&'static str] {
        self.accepted
    }
}

impl core::fmt::Display for ParseNameError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "unknown {} {:?}; expected one of: {}",
            self.what,
            self.given,
            self.accepted.join(", ")
        )
    }
}

impl std::error::Error for ParseNameError {}

/// Finds `s` among `names` (ASCII case-insensitive); the value at the same
/// index of `values`.
pub(crate) fn parse_name<T: Copy>(
    what: &'static str,
    s: &str,
    names: &'static [&'static str],
    values: &[T],
) -> Result<T, ParseNameError> {
    names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(s))
        .map(|i| values[i])
        .ok_or_else(|| ParseNameError::new(what, s, names))
}

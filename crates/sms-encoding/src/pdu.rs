//! Encoding parts into the bytes a gateway sends, and decoding them back:
//! the user data header of 3GPP TS 23.040 section 9.2.3.24 and the
//! GSM-7 / UCS-2 payload of 3GPP TS 23.038.

use crate::alphabet::{Alphabet, Code, Encoding, Language, Shift};
use crate::error::{parse_name, Error, ErrorKind, ParseNameError};
use crate::segmenter::{Concatenation, Segmenter};
use crate::tables::ESCAPE;

/// Information element identifiers (3GPP TS 23.040 section 9.2.3.24).
const IEI_CONCAT8: u8 = 0x00;
const IEI_CONCAT16: u8 = 0x08;
const IEI_SINGLE_SHIFT: u8 = 0x24;
const IEI_LOCKING_SHIFT: u8 = 0x25;

/// How GSM-7 septets are laid out in the user data.
///
/// `Display`, `FromStr` and the `serde` form spell it `unpacked` or
/// `packed`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Packing {
    /// One septet per octet, as SMPP `short_message` usually carries GSM-7
    /// with `data_coding` 0. The user data length counts octets.
    #[default]
    Unpacked,
    /// Septets packed 8 into 7 octets, as in an SMS-SUBMIT PDU (AT+CMGS in
    /// PDU mode). After a user data header, fill bits align the text to a
    /// septet boundary; the user data length counts septets, header
    /// included (3GPP TS 23.040 section 9.2.3.16).
    Packed,
}

impl Packing {
    /// Both layouts.
    pub const ALL: &'static [Packing] = &[Packing::Unpacked, Packing::Packed];

    const NAMES: &'static [&'static str] = &["unpacked", "packed"];
}

impl core::fmt::Display for Packing {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Packing::Unpacked => Packing::NAMES[0],
            Packing::Packed => Packing::NAMES[1],
        })
    }
}

/// Parses what `Display` prints (`unpacked`, `packed`), in any letter case.
impl core::str::FromStr for Packing {
    type Err = ParseNameError;

    fn from_str(s: &str) -> Result<Packing, ParseNameError> {
        parse_name("packing", s, Packing::NAMES, Packing::ALL)
    }
}

/// One part as a gateway sends it: data coding, header flag, length and
/// user data (header included).
///
/// [`Segmenter::encode`] makes them; build one received from a gateway
/// with [`EncodedPart::unpacked`], [`EncodedPart::packed`] or
/// [`EncodedPart::new`] and give it to [`decode`]. With the `serde` feature it serializes (and deserializes)
/// as an object with the fields `data_coding`, `udhi`, `packing`,
/// `user_data_length` and `user_data` (an array of octets).
///
/// # Example
/// ```
/// use sms_encoding::{decode, EncodedPart};
///
/// // "Hi" as SMPP carries it: data_coding 0, one septet per octet.
/// let part = EncodedPart::unpacked(0x00, false, vec![0x48, 0x69]);
/// assert_eq!(decode(&[part])?, "Hi");
/// // The same packed, as in a PDU: 2 septets in 2 octets.
/// let part = EncodedPart::packed(0x00, false, 2, vec![0xC8, 0x34]);
/// assert_eq!(decode(&[part])?, "Hi");
/// # Ok::<(), sms_encoding::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EncodedPart {
    pub(crate) data_coding: u8,
    pub(crate) udhi: bool,
    pub(crate) packing: Packing,
    pub(crate) user_data_length: usize,
    pub(crate) user_data: Vec<u8>,
}

/// The parsed user data header of a part; see [`EncodedPart::header`].
///
/// With the `serde` feature it serializes as an object with the fields
/// `concatenation`, `shift` and `octets`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct UserDataHeader {
    concatenation: Option<ConcatHeader>,
    shift: Shift,
    octets: usize,
}

impl UserDataHeader {
    /// The concatenation element, if any.
    pub fn concatenation(&self) -> Option<ConcatHeader> {
        self.concatenation
    }

    /// National language shift tables announced. Identifier 0 stands for
    /// the default table.
    pub fn shift(&self) -> Shift {
        self.shift
    }

    /// Octets the header takes, its length octet included.
    pub fn octets(&self) -> usize {
        self.octets
    }
}

/// A concatenation element: which message a part belongs to, and where.
///
/// With the `serde` feature it serializes as an object with the fields
/// `reference`, `total` and `sequence`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConcatHeader {
    reference: u16,
    total: u8,
    sequence: u8,
}

impl ConcatHeader {
    /// The reference shared by all parts of one message (8 or 16 bits).
    pub fn reference(&self) -> u16 {
        self.reference
    }

    /// How many parts the message has.
    pub fn total(&self) -> u8 {
        self.total
    }

    /// This part's number, from 1.
    pub fn sequence(&self) -> u8 {
        self.sequence
    }
}

impl EncodedPart {
    /// A part as received, every field given: the data coding scheme
    /// octet, whether the user data starts with a header, how GSM-7
    /// septets are laid out, the user data length as the sender gave it
    /// (septets for packed GSM-7, octets otherwise) and the user data.
    /// Nothing is checked here; [`decode`] checks that the length agrees
    /// with the data.
    pub fn new(
        data_coding: u8,
        udhi: bool,
        packing: Packing,
        user_data_length: usize,
        user_data: Vec<u8>,
    ) -> Self {
        EncodedPart { data_coding, udhi, packing, user_data_length, user_data }
    }

    /// A part whose GSM-7 septets (if GSM-7) take one octet each, as SMPP
    /// carries them; the user data length is the number of octets.
    ///
    /// `data_coding` is the data coding scheme octet (`0x00` GSM-7, `0x08`
    /// UCS-2); `udhi` says whether the user data starts with a header
    /// (TP-UDHI, or bit 6 of SMPP `esm_class`).
    pub fn unpacked(data_coding: u8, udhi: bool, user_data: Vec<u8>) -> Self {
        EncodedPart {
            data_coding,
            udhi,
            packing: Packing::Unpacked,
            user_data_length: user_data.len(),
            user_data,
        }
    }

    /// A part with GSM-7 septets packed 8 into 7 octets, as in an
    /// SMS-SUBMIT or SMS-DELIVER PDU. `user_data_length` is TP-UDL: septets,
    /// header included (for UCS-2 data, octets).
    pub fn packed(
        data_coding: u8,
        udhi: bool,
        user_data_length: usize,
        user_data: Vec<u8>,
    ) -> Self {
        EncodedPart {
            data_coding,
            udhi,
            packing: Packing::Packed,
            user_data_length,
            user_data,
        }
    }

    /// The data coding scheme octet: `0x00` GSM-7, `0x08` UCS-2.
    pub fn data_coding(&self) -> u8 {
        self.data_coding
    }

    /// Whether the user data starts with a header (TP-UDHI, or bit 6 of
    /// SMPP `esm_class`).
    pub fn udhi(&self) -> bool {
        self.udhi
    }

    /// How GSM-7 septets are laid out; [`Packing::Unpacked`] for UCS-2.
    pub fn packing(&self) -> Packing {
        self.packing
    }

    /// TP-UDL: septets for packed GSM-7 (header included), octets
    /// otherwise.
    pub fn user_data_length(&self) -> usize {
        self.user_data_length
    }

    /// The user data: header, fill bits (packed GSM-7 only) and payload.
    pub fn user_data(&self) -> &[u8] {
        &self.user_data
    }

    /// The user data, by value.
    pub fn into_user_data(self) -> Vec<u8> {
        self.user_data
    }

    /// The part's header, if it has one.
    ///
    /// # Errors
    /// [`ErrorKind::Header`] if the header is truncated or an element has
    /// the wrong length; [`ErrorKind::UnknownShiftTable`] if a shift
    /// element names a table the spec does not define. `part` in the error
    /// is 0.
    pub fn header(&self) -> Result<Option<UserDataHeader>, Error> {
        parse_header(self, 0)
    }

    /// The part's data coding as an [`Encoding`], if it is one this crate
    /// decodes.
    pub fn encoding(&self) -> Option<Encoding> {
        encoding_of(self.data_coding)
    }
}

impl Segmenter {
    /// Encodes `text` into the parts a gateway sends: user data header
    /// (concatenation with `reference`, shift tables) and payload, GSM-7
    /// unpacked or packed as `packing` says, or UCS-2 big-endian.
    ///
    /// # Errors
    /// [`ErrorKind::TooManyParts`] as for [`analyze`](Segmenter::analyze);
    /// [`ErrorKind::ReferenceTooLarge`] if the text needs several parts, the
    /// reference is 8-bit and `reference` is above 255.
    ///
    /// # Example
    /// ```
    /// use sms_encoding::{decode, Packing, Segmenter};
    ///
    /// let seg = Segmenter::default();
    /// let parts = seg.encode("Hi", Packing::Packed, 0)?;
    /// assert_eq!(parts[0].user_data(), [0xC8, 0x34]);
    /// assert_eq!(parts[0].user_data_length(), 2);
    /// assert_eq!(decode(&parts)?, "Hi");
    /// # Ok::<(), sms_encoding::Error>(())
    /// ```
    pub fn encode(
        &self,
        text: &str,
        packing: Packing,
        reference: u16,
    ) -> Result<Vec<EncodedPart>, Error> {
        let split = self.split(text)?;
        let analysis = *split.analysis();
        let total = split.parts().len();
        let concatenation = self.concatenation_reference();
        if total > 1
            && concatenation == Concatenation::Ref8
            && reference > 0xFF
        {
            return Err(Error::new(ErrorKind::ReferenceTooLarge {
                reference,
            }));
        }
        let shift = analysis.shift();
        let alphabet = Alphabet::new(shift);
        let mut out = Vec::with_capacity(total);
        for (i, part) in split.parts().iter().enumerate() {
            let mut udh = Vec::new();
            if total > 1 {
                // `total` and `i + 1` are at most 255: `split` enforces the
                // part limit, which the builder caps at 255.
                let total = total as u8;
                let seq = (i + 1) as u8;
                let [hi, lo] = reference.to_be_bytes();
                match concatenation {
                    Concatenation::Ref8 => {
                        udh.extend([IEI_CONCAT8, 3, lo, total, seq])
                    }
                    Concatenation::Ref16 => {
                        udh.extend([IEI_CONCAT16, 4, hi, lo, total, seq])
                    }
                }
            }
            if let Some(l) = shift.locking() {
                udh.extend([IEI_LOCKING_SHIFT, 1, l.id()]);
            }
            if let Some(l) = shift.single() {
                udh.extend([IEI_SINGLE_SHIFT, 1, l.id()]);
            }
            if !udh.is_empty() {
                // At most 18 octets of elements: the length fits.
                udh.insert(0, udh.len() as u8);
            }
            out.push(match analysis.encoding() {
                Encoding::Ucs2 => encode_ucs2(udh, part.text()),
                _ => encode_gsm(udh, part.text(), &alphabet, packing),
            });
        }
        Ok(out)
    }
}

fn encode_ucs2(mut user_data: Vec<u8>, text: &str) -> EncodedPart {
    let udhi = !user_data.is_empty();
    for unit in text.encode_utf16() {
        user_data.extend(unit.to_be_bytes());
    }
    EncodedPart {
        data_coding: Encoding::Ucs2.data_coding(),
        udhi,
        packing: Packing::Unpacked,
        user_data_length: user_data.len(),
        user_data,
    }
}

fn encode_gsm(
    udh: Vec<u8>,
    text: &str,
    alphabet: &Alphabet,
    packing: Packing,
) -> EncodedPart {
    let udhi = !udh.is_empty();
    let mut septets = Vec::with_capacity(text.len() + 8);
    for c in text.chars() {
        // The encoding was chosen so that every character has a code.
        match alphabet.code(c) {
            Some(Code::Basic(s)) => septets.push(s),
            Some(Code::Escaped(s)) => septets.extend([ESCAPE, s]),
            None => {
                // The plan chose tables that carry every character.
                debug_assert!(false, "{c:?} has no code in the chosen tables");
                septets.push(0x3F);
            }
        }
    }
    let (user_data, user_data_length) = match packing {
        Packing::Unpacked => {
            let mut ud = udh;
            ud.extend_from_slice(&septets);
            let len = ud.len();
            (ud, len)
        }
        Packing::Packed => {
            let header_septets = (udh.len() * 8).div_ceil(7);
            let udl = header_septets + septets.len();
            let mut ud = udh;
            ud.resize((udl * 7).div_ceil(8), 0);
            for (k, &s) in septets.iter().enumerate() {
                put_septet(&mut ud, (header_septets + k) * 7, s);
            }
            (ud, udl)
        }
    };
    EncodedPart {
        data_coding: Encoding::Gsm7.data_coding(),
        udhi,
        packing,
        user_data_length,
        user_data,
    }
}

/// Writes septet `s` at bit position `bit` (LSB first), into a buffer the
/// caller sized to hold it.
fn put_septet(buf: &mut [u8], bit: usize, s: u8) {
    let (byte, shift) = (bit / 8, bit % 8);
    let v = u16::from(s & 0x7F) << shift;
    if let Some(b) = buf.get_mut(byte) {
        *b |= v as u8;
    }
    if let Some(b) = buf.get_mut(byte + 1) {
        *b |= (v >> 8) as u8;
    }
}

/// Reads the septet at bit position `bit` (LSB first); missing bytes read
/// as zero bits.
fn get_septet(buf: &[u8], bit: usize) -> u8 {
    let (byte, shift) = (bit / 8, bit % 8);
    let lo = u16::from(buf.get(byte).copied().unwrap_or(0));
    let hi = u16::from(buf.get(byte + 1).copied().unwrap_or(0));
    (((lo | (hi << 8)) >> shift) & 0x7F) as u8
}

/// The encoding a data coding scheme octet selects (3GPP TS 23.038 section
/// 4), for the uncompressed GSM 7 bit and UCS-2 alphabets only.
fn encoding_of(dcs: u8) -> Option<Encoding> {
    match dcs >> 4 {
        // General data coding, uncompressed (bit 5 clear).
        0x0 | 0x1 | 0x4 | 0x5 => match (dcs >> 2) & 0x03 {
            0 => Some(Encoding::Gsm7),
            2 => Some(Encoding::Ucs2),
            _ => None,
        },
        // Message waiting indication: discard / store, GSM 7 bit.
        0xC | 0xD => Some(Encoding::Gsm7),
        // Message waiting indication, store, UCS-2.
        0xE => Some(Encoding::Ucs2),
        // Data coding / message class: bit 2 clear is GSM 7 bit.
        0xF if dcs & 0x04 == 0 => Some(Encoding::Gsm7),
        _ => None,
    }
}

fn header_error(part: usize, reason: &'static str) -> Error {
    Error::new(ErrorKind::Header { part, reason })
}

fn parse_header(
    p: &EncodedPart,
    part: usize,
) -> Result<Option<UserDataHeader>, Error> {
    if !p.udhi {
        return Ok(None);
    }
    let Some((&udhl, rest)) = p.user_data.split_first() else {
        return Err(header_error(part, "the user data is empty"));
    };
    let Some(mut ies) = rest.get(..usize::from(udhl)) else {
        return Err(header_error(part, "the header is longer than the data"));
    };
    let mut h = UserDataHeader {
        octets: 1 + usize::from(udhl),
        ..UserDataHeader::default()
    };
    while let Some((&iei, rest)) = ies.split_first() {
        let Some((&len, rest)) = rest.split_first() else {
            return Err(header_error(part, "an element has no length octet"));
        };
        let Some(data) = rest.get(..usize::from(len)) else {
            return Err(header_error(part, "an element runs past the header"));
        };
        ies = &rest[data.len()..];
        // Identifier 0, which the spec leaves reserved, reads as the
        // default table, as Android reads it; an identifier without a
        // table is an error rather than text read with the wrong table.
        let language = |data: &[u8], locking: bool| match *data {
            [0] => Ok(None),
            [id] => match Language::from_id(id) {
                Some(l) if !locking || l.has_locking_shift() => Ok(Some(l)),
                _ => Err(Error::new(ErrorKind::UnknownShiftTable {
                    part,
                    id,
                    locking,
                })),
            },
            _ => Err(header_error(part, "a shift element is not 1 octet")),
        };
        match iei {
            IEI_CONCAT8 => match *data {
                [r, total, sequence] => {
                    h.concatenation = Some(ConcatHeader {
                        reference: u16::from(r),
                        total,
                        sequence,
                    })
                }
                _ => {
                    return Err(header_error(
                        part,
                        "an 8-bit concatenation element is not 3 octets",
                    ))
                }
            },
            IEI_CONCAT16 => match *data {
                [hi, lo, total, sequence] => {
                    h.concatenation = Some(ConcatHeader {
                        reference: u16::from_be_bytes([hi, lo]),
                        total,
                        sequence,
                    })
                }
                _ => {
                    return Err(header_error(
                        part,
                        "a 16-bit concatenation element is not 4 octets",
                    ))
                }
            },
            IEI_LOCKING_SHIFT => {
                h.shift = Shift::new(language(data, true)?, h.shift.single());
            }
            IEI_SINGLE_SHIFT => {
                h.shift = Shift::new(h.shift.locking(), language(data, false)?)
            }
            // Other elements (ports, indications ...) do not change the
            // text; the spec tells receivers to skip what they don't know.
            _ => {}
        }
    }
    Ok(Some(h))
}

/// Decodes parts made by [`Segmenter::encode`] (or received from a
/// gateway) back into the text. Parts may come in any order; with more
/// than one, each must carry a concatenation element, all with the same
/// reference and total, and every number from 1 to the total exactly once.
///
/// An escape followed by a septet the extension (or single shift) table
/// does not define decodes to the basic table's character for that septet,
/// and two escapes in a row (reserved for a further extension table) to a
/// space, as 3GPP TS 23.038 asks of receivers. Shift elements select the
/// tables of all thirteen national languages; identifier 0, which the spec
/// leaves reserved, selects the default table.
///
/// # Errors
/// [`ErrorKind::NoParts`] for an empty slice; [`ErrorKind::DataCoding`]
/// for an alphabet other than GSM 7 bit or UCS-2; [`ErrorKind::Header`]
/// for a malformed header;
/// [`ErrorKind::Length`] when the length disagrees with the data;
/// [`ErrorKind::Concatenation`] when the parts do not fit together;
/// [`ErrorKind::UnknownShiftTable`] for a shift element naming a table
/// the spec does not define (an identifier above 13, or a Spanish locking
/// shift); [`ErrorKind::Septet`] for a septet no table defines (or an
/// octet above 0x7F in unpacked GSM-7); [`ErrorKind::Utf16`] for invalid
/// UCS-2.
///
/// # Example
/// ```
/// let seg = sms_encoding::Segmenter::default();
/// let text = "Zamówienie przyjęte. ".repeat(8);
/// let mut parts = seg.encode(&text, sms_encoding::Packing::Unpacked, 7)?;
/// parts.reverse();
/// assert_eq!(sms_encoding::decode(&parts)?, text);
/// # Ok::<(), sms_encoding::Error>(())
/// ```
pub fn decode(parts: &[EncodedPart]) -> Result<String, Error> {
    if parts.is_empty() {
        return Err(Error::new(ErrorKind::NoParts));
    }
    let mut headers = Vec::with_capacity(parts.len());
    for (i, p) in parts.iter().enumerate() {
        headers.push(parse_header(p, i)?);
    }
    let order = order(&headers)?;
    let mut text = String::new();
    let mut utf16: Vec<u16> = Vec::new();
    let mut last = 0;
    for i in order {
        let p = &parts[i];
        let header = headers[i];
        let encoding = encoding_of(p.data_coding).ok_or(Error::new(
            ErrorKind::DataCoding { part: i, data_coding: p.data_coding },
        ))?;
        let header_octets = header.map_or(0, |h| h.octets);
        if encoding == Encoding::Ucs2 {
            check_octets(p, i)?;
            let body = &p.user_data[header_octets..];
            if !body.len().is_multiple_of(2) {
                return Err(Error::new(ErrorKind::Utf16 {
                    part: i,
                    reason: "an odd number of octets",
                }));
            }
            utf16.extend(
                body.chunks_exact(2).map(|b| u16::from_be_bytes([b[0], b[1]])),
            );
            last = i;
            continue;
        }
        flush_utf16(&mut utf16, &mut text, last)?;
        let shift = header.map_or(Shift::NONE, |h| h.shift);
        let septets: Vec<u8> = match p.packing {
            Packing::Unpacked => {
                check_octets(p, i)?;
                p.user_data[header_octets..].to_vec()
            }
            Packing::Packed => {
                let header_septets = (header_octets * 8).div_ceil(7);
                let udl = p.user_data_length;
                let octets = udl.checked_mul(7).map(|bits| bits.div_ceil(8));
                if udl < header_septets || octets != Some(p.user_data.len()) {
                    return Err(Error::new(ErrorKind::Length {
                        part: i,
                        length: udl,
                        unit: "septets",
                        expected: octets.unwrap_or(usize::MAX),
                        actual: p.user_data.len(),
                    }));
                }
                (header_septets..udl)
                    .map(|k| get_septet(&p.user_data, k * 7))
                    .collect()
            }
        };
        septets_to_text(&septets, shift, i, &mut text)?;
    }
    flush_utf16(&mut utf16, &mut text, last)?;
    Ok(text)
}

/// Checks an octet-counted length against the data.
fn check_octets(p: &EncodedPart, part: usize) -> Result<(), Error> {
    if p.user_data_length == p.user_data.len() {
        return Ok(());
    }
    Err(Error::new(ErrorKind::Length {
        part,
        length: p.user_data_length,
        unit: "octets",
        expected: p.user_data_length,
        actual: p.user_data.len(),
    }))
}

/// Decodes the UTF-16 collected from consecutive UCS-2 parts (a pair may
/// straddle two parts from other senders); `part` is the last of them.
fn flush_utf16(
    utf16: &mut Vec<u16>,
    text: &mut String,
    part: usize,
) -> Result<(), Error> {
    if utf16.is_empty() {
        return Ok(());
    }
    let s = String::from_utf16(utf16).map_err(|_| {
        Error::new(ErrorKind::Utf16 { part, reason: "an unpaired surrogate" })
    })?;
    text.push_str(&s);
    utf16.clear();
    Ok(())
}

fn septets_to_text(
    septets: &[u8],
    shift: Shift,
    part: usize,
    text: &mut String,
) -> Result<(), Error> {
    let alphabet = Alphabet::new(shift);
    let bad = |position: usize, septet: u8, escaped: bool| {
        Error::new(ErrorKind::Septet { part, position, septet, escaped })
    };
    let mut k = 0;
    while k < septets.len() {
        let s = septets[k];
        if s > 0x7F {
            return Err(bad(k, s, false));
        }
        if s != ESCAPE {
            text.push(alphabet.basic().char(s).ok_or(bad(k, s, false))?);
            k += 1;
            continue;
        }
        let Some(&e) = septets.get(k + 1) else {
            return Err(bad(k, s, false));
        };
        let c = if e == ESCAPE {
            Some(' ')
        } else {
            alphabet.extension().char(e).or_else(|| alphabet.basic().char(e))
        };
        let c = c.ok_or(bad(k + 1, e, true))?;
        text.push(c);
        k += 2;
    }
    Ok(())
}

/// The order of the parts by their concatenation numbers.
fn order(headers: &[Option<UserDataHeader>]) -> Result<Vec<usize>, Error> {
    if let [header] = headers {
        if header.and_then(|h| h.concatenation).is_none() {
            return Ok(vec![0]);
        }
    }
    let fail = |part: usize, reason: String| {
        Error::new(ErrorKind::Concatenation { part, reason })
    };
    let mut first: Option<(u16, u8)> = None;
    let mut slots: Vec<Option<usize>> = vec![None; headers.len()];
    for (i, h) in headers.iter().enumerate() {
        let Some(ConcatHeader { reference, total, sequence }) =
            h.and_then(|h| h.concatenation)
        else {
            return Err(fail(i, "it has no concatenation element".into()));
        };
        match first {
            None => first = Some((reference, total)),
            Some(f) if f != (reference, total) => {
                return Err(fail(
                    i,
                    format!(
                        "it has reference {reference} of {total} parts, but \
                         an earlier part has reference {} of {}",
                        f.0, f.1
                    ),
                ))
            }
            Some(_) => {}
        }
        if usize::from(total) != headers.len() {
            return Err(fail(
                i,
                format!(
                    "its header says {total} parts, but {} were given",
                    headers.len()
                ),
            ));
        }
        let slot = usize::from(sequence)
            .checked_sub(1)
            .and_then(|k| slots.get_mut(k))
            .ok_or_else(|| {
                fail(
                    i,
                    format!("its number {sequence} is outside 1..={total}"),
                )
            })?;
        if let Some(other) = slot.replace(i) {
            return Err(fail(
                i,
                format!("part {other} has the same number {sequence}"),
            ));
        }
    }
    // Every slot is filled: as many distinct numbers as parts.
    Ok(slots.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_matches_the_spec_example() {
        // 3GPP TS 23.038 section 6.1.2.1.1: "hellohello" packs to
        // E8 32 9B FD 46 97 D9 EC 37.
        let parts = Segmenter::default()
            .encode("hellohello", Packing::Packed, 0)
            .unwrap();
        assert_eq!(
            parts[0].user_data,
            [0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37]
        );
        assert_eq!(parts[0].user_data_length, 10);
    }

    #[test]
    fn concatenated_header_and_fill_bits() {
        let text = "a".repeat(200);
        let parts =
            Segmenter::default().encode(&text, Packing::Packed, 0x42).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(&parts[0].user_data[..6], &[5, 0, 3, 0x42, 2, 1]);
        // 6 header octets = 48 bits: one fill bit, text from septet 7.
        assert_eq!(parts[0].user_data_length, 7 + 153);
        assert_eq!(parts[0].user_data.len(), 140);
        // 'a' is 0x61: its first bit lands after the fill bit.
        assert_eq!(parts[0].user_data[6], 0x61 << 1);
        assert_eq!(decode(&parts).unwrap(), text);
    }

    #[test]
    fn ref16_header() {
        let seg = Segmenter::builder()
            .concatenation(Concatenation::Ref16)
            .build()
            .unwrap();
        let parts =
            seg.encode(&"ż".repeat(70 + 1), Packing::Packed, 0x1234).unwrap();
        assert_eq!(&parts[1].user_data[..7], &[6, 8, 4, 0x12, 0x34, 2, 2]);
        assert_eq!(parts[0].data_coding, 0x08);
        assert_eq!(parts[0].user_data.len(), 7 + 66 * 2);
    }

    #[test]
    fn reference_too_large_for_8_bits() {
        let err = Segmenter::default()
            .encode(&"a".repeat(200), Packing::Unpacked, 256)
            .unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::ReferenceTooLarge { reference: 256 }
        );
        // A single part has no reference, so any value is fine.
        assert!(Segmenter::default()
            .encode("a", Packing::Unpacked, 999)
            .is_ok());
    }

    fn unpacked(user_data: Vec<u8>) -> EncodedPart {
        EncodedPart::unpacked(0, false, user_data)
    }

    #[test]
    fn unknown_extension_septet_decodes_as_basic() {
        let part = unpacked(vec![0x1B, 0x41, 0x42]);
        assert_eq!(decode(&[part]).unwrap(), "AB");
        // Two escapes: reserved for another table, shown as a space.
        let part = unpacked(vec![0x41, 0x1B, 0x1B, 0x42]);
        assert_eq!(decode(&[part]).unwrap(), "A B");
    }

    fn with_shift_element(iei: u8, id: u8, text: &[u8]) -> EncodedPart {
        let mut ud = vec![3, iei, 1, id];
        ud.extend(text);
        EncodedPart::unpacked(0, true, ud)
    }

    #[test]
    fn shift_identifier_zero_is_the_default_table() {
        for iei in [IEI_LOCKING_SHIFT, IEI_SINGLE_SHIFT] {
            let part = with_shift_element(iei, 0, &[0x41, 0x1B, 0x65]);
            assert_eq!(decode(&[part]).unwrap(), "A€");
        }
    }

    #[test]
    fn every_language_identifier_selects_its_tables() {
        // 0x41 is 'A' in the default and Latin tables; the Indic and Urdu
        // locking tables have their own letter there.
        for &l in Language::ALL {
            let part =
                with_shift_element(IEI_SINGLE_SHIFT, l.id(), &[0x1B, 0x65]);
            assert_eq!(decode(&[part]).unwrap(), "€", "{l}");
            if let Some(table) = l.locking_table() {
                // Every septet the table defines, each read through it.
                let septets: Vec<u8> =
                    (0..128).filter(|&s| table.char(s).is_some()).collect();
                let expected: String =
                    septets.iter().filter_map(|&s| table.char(s)).collect();
                let part =
                    with_shift_element(IEI_LOCKING_SHIFT, l.id(), &septets);
                assert_eq!(decode(&[part]).unwrap(), expected, "{l}");
            }
        }
        let hindi = with_shift_element(IEI_LOCKING_SHIFT, 6, &[0x41]);
        assert_eq!(decode(&[hindi]).unwrap(), "\u{092D}");
    }

    #[test]
    fn unknown_shift_identifier_is_an_error_naming_part_and_identifier() {
        let good = Segmenter::default()
            .encode(&"a".repeat(200), Packing::Unpacked, 1)
            .unwrap();
        for (iei, id, locking) in [
            (IEI_LOCKING_SHIFT, 14, true),
            (IEI_SINGLE_SHIFT, 14, false),
            (IEI_SINGLE_SHIFT, 255, false),
            // Spanish has no locking shift table.
            (IEI_LOCKING_SHIFT, 2, true),
        ] {
            // Part 1 of 2, with the shift element after the concatenation
            // element.
            let mut second = good[1].clone();
            second.user_data[0] += 3;
            second.user_data.splice(6..6, [iei, 1, id]);
            second.user_data_length += 3;
            let err = decode(&[good[0].clone(), second]).unwrap_err();
            assert_eq!(
                err.kind(),
                &ErrorKind::UnknownShiftTable { part: 1, id, locking }
            );
            let message = err.to_string();
            assert!(message.starts_with("part 1: "), "{message}");
            assert!(
                message.contains(&format!("identifier {id}")),
                "{message}"
            );
        }
        let spanish = with_shift_element(IEI_LOCKING_SHIFT, 2, &[0x41]);
        assert_eq!(
            decode(&[spanish]).unwrap_err().to_string(),
            "part 0: language identifier 2 (spanish) has no locking shift \
             table"
        );
        let unknown = with_shift_element(IEI_SINGLE_SHIFT, 14, &[0x41]);
        assert_eq!(
            decode(&[unknown]).unwrap_err().to_string(),
            "part 0: no single shift table has language identifier 14; the \
             identifiers are 1 (turkish) to 13 (urdu)"
        );
    }

    #[test]
    fn huge_packed_length_is_an_error_not_a_panic() {
        let part = EncodedPart::packed(
            0,
            false,
            2_635_249_153_387_078_803,
            vec![0x41],
        );
        let e = decode(&[part]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Length { part: 0, .. }), "{e}");
        let part = EncodedPart::packed(0, false, 160, vec![0; 139]);
        let e = decode(&[part]).unwrap_err().to_string();
        assert!(e.contains("160 septets need 140 octets"), "{e}");
    }

    #[test]
    fn decode_errors() {
        let good = Segmenter::default()
            .encode(&"a".repeat(200), Packing::Unpacked, 1)
            .unwrap();
        assert_eq!(decode(&[]).unwrap_err().kind(), &ErrorKind::NoParts);
        let missing = decode(&good[..1]).unwrap_err();
        assert!(matches!(missing.kind(), ErrorKind::Concatenation { .. }));
        let dup = decode(&[good[0].clone(), good[0].clone()]).unwrap_err();
        assert!(dup.to_string().contains("the same number 1"), "{dup}");
        let mut trailing_escape = good[1].clone();
        trailing_escape.user_data.push(0x1B);
        trailing_escape.user_data_length += 1;
        let e = decode(&[good[0].clone(), trailing_escape]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Septet { part: 1, .. }));
        let mut truncated = good[0].clone();
        truncated.user_data.truncate(3);
        truncated.user_data_length = 3;
        let e = decode(&[truncated]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Header { part: 0, .. }), "{e}");
        let mut wrong_dcs = good[0].clone();
        wrong_dcs.data_coding = 0x04;
        let e = decode(&[wrong_dcs, good[1].clone()]).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DataCoding { .. }), "{e}");
    }

    #[test]
    fn packing_names_round_trip() {
        for &p in Packing::ALL {
            assert_eq!(p.to_string().parse::<Packing>(), Ok(p));
        }
        assert_eq!(Packing::Packed.to_string(), "packed");
        let err = "7bit".parse::<Packing>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown packing \"7bit\"; expected one of: unpacked, packed"
        );
    }

    #[test]
    fn data_coding_groups() {
        assert_eq!(encoding_of(0x00), Some(Encoding::Gsm7));
        assert_eq!(encoding_of(0x08), Some(Encoding::Ucs2));
        assert_eq!(encoding_of(0x04), None); // 8-bit data
        assert_eq!(encoding_of(0x20), None); // compressed
        assert_eq!(encoding_of(0xF0), Some(Encoding::Gsm7));
        assert_eq!(encoding_of(0xF4), None);
    }
}

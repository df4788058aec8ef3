//! [`NumberInfo`] over the `phonenumber` crate (feature `phonenumber`).

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use phonenumber::Type;

use crate::{LineType, NumberDetails, NumberInfo, Region};

/// Number facts from the `phonenumber` crate (0.3, a port of Google's
/// libphonenumber with its metadata), with guards for its known faults.
///
/// # Guards
///
/// Each is pinned by a test (`tests/phonenumber.rs`):
///
/// 1. **The default region is passed only when the number does not start
///    with `+`.** A number in international form carries its own country,
///    and a region hint given with it can corrupt it.
/// 2. **Mobile means valid and mobile.** The crate can report the mobile
///    type for a number it calls invalid; an invalid number is answered
///    as [`LineType::Unknown`] with no region (its calling code is kept
///    when guard 3 holds, so "foreign" still works for it).
/// 3. **The parsed number must format back to the digits it was parsed
///    from.** `+7 812 …` (St Petersburg) and `+7 800 …` (toll-free)
///    numbers lose a digit in 0.3 releases (upstream issue 76; 0.3.10 is
///    still affected, see the tests), which would send to, or match, a
///    different number. When the E.164 digits differ from the input's
///    (for national input: when the input is not an optional national or
///    international prefix followed by the parsed national number), the
///    answer is [`NumberDetails::UNKNOWN`].
///
/// # Cost
///
/// The crate deserializes its metadata database (every region's
/// patterns; several MB in memory, regexes compiled lazily) the first
/// time any number is parsed in the process. Measured on the 2-core
/// machine of the README's Speed section: about **48 ms** in a release
/// build (about 310 ms in a debug build), then about **12 µs** a lookup
/// (release, five numbers of four countries in turn). Call
/// [`LibPhoneNumber::warm_up`] at start-up to pay the first cost there
/// rather than on the first call; a host that evaluates many calls should
/// cache answers per number or use a cheaper source, since one lookup
/// costs far more than a whole evaluation of the rules.
///
/// ```
/// use post_call_rules::{LibPhoneNumber, LineType, NumberInfo, Region};
///
/// let info = LibPhoneNumber::with_default_region(Region::new("PL").unwrap())
///     .unwrap();
/// let d = info.details("601 234 567");
/// assert_eq!(d.line_type, LineType::Mobile);
/// assert_eq!(d.calling_code, Some(48));
/// assert_eq!(d.region, Region::new("PL"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct LibPhoneNumber {
    default_region: Option<Id>,
}

impl LibPhoneNumber {
    /// Without a default region: only numbers in international form
    /// (`+48…`) are known.
    pub fn new() -> LibPhoneNumber {
        LibPhoneNumber { default_region: None }
    }

    /// With a default region for numbers in national form (`0601…`,
    /// `601…`); `None` when `phonenumber` does not know the region.
    pub fn with_default_region(region: Region) -> Option<LibPhoneNumber> {
        let id: Id = region.as_str().parse().ok()?;
        Some(LibPhoneNumber { default_region: Some(id) })
    }

    /// Builds the metadata database now (once per process) instead of on
    /// the first lookup.
    pub fn warm_up() {
        let _ = DATABASE.by_code(&48);
    }
}

fn line_type(t: Type) -> LineType {
    match t {
        Type::Mobile => LineType::Mobile,
        Type::FixedLine => LineType::FixedLine,
        Type::FixedLineOrMobile => LineType::FixedLineOrMobile,
        Type::TollFree => LineType::TollFree,
        Type::PremiumRate => LineType::PremiumRate,
        Type::SharedCost => LineType::SharedCost,
        Type::PersonalNumber => LineType::PersonalNumber,
        Type::Voip => LineType::Voip,
        Type::Pager => LineType::Pager,
        Type::Uan => LineType::Uan,
        Type::Voicemail => LineType::Voicemail,
        _ => LineType::Unknown,
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

impl NumberInfo for LibPhoneNumber {
    fn details(&self, number: &str) -> NumberDetails {
        let number = number.trim();
        let international = number.starts_with('+');
        // Guard 1: a region hint only for national input.
        let hint = if international { None } else { self.default_region };
        let Ok(parsed) = phonenumber::parse(hint, number) else {
            return NumberDetails::UNKNOWN;
        };
        let code = parsed.code().value();
        let national = parsed.national().to_string();
        let input = digits(number);
        // Guard 3: the parsed number must be the input's number.
        let same = if international {
            input == format!("{code}{national}")
        } else {
            match input.strip_suffix(national.as_str()) {
                None => false,
                Some(lead) => {
                    let national_prefix = hint
                        .and_then(|id| DATABASE.by_id(id.as_ref()))
                        .and_then(|m| m.national_prefix());
                    let code = code.to_string();
                    lead.is_empty()
                        || Some(lead) == national_prefix
                        || lead == code
                        || lead.strip_prefix("00") == Some(code.as_str())
                        || lead.strip_prefix("011") == Some(code.as_str())
                }
            }
        };
        if !same || parsed.extension().is_some() {
            return NumberDetails::UNKNOWN;
        }
        // Guard 2: valid and of a type.
        if !parsed.is_valid() {
            return NumberDetails::new(LineType::Unknown, Some(code), None);
        }
        NumberDetails::new(
            line_type(parsed.number_type(&DATABASE)),
            Some(code),
            parsed.country().id().and_then(|id| Region::new(id.as_ref())),
        )
    }
}

//! Phone numbers as the rules compare them, and regions.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The most digits a number may have (E.164 allows 15; a few more leave
/// room for PBX extensions and prefixes).
pub(crate) const MAX_DIGITS: usize = 20;

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')')
}

/// A number as the rules compare it: separators removed, nothing else
/// changed. Borrowed when there was nothing to remove (the usual E.164
/// case), so evaluation allocates nothing for it.
pub(crate) fn normalize(number: &str) -> Cow<'_, str> {
    if number.bytes().any(|b| matches!(b, b' ' | b'-' | b'.' | b'(' | b')')) {
        Cow::Owned(number.chars().filter(|&c| !is_separator(c)).collect())
    } else {
        Cow::Borrowed(number)
    }
}

/// A number or prefix from a rule set: normalized, then an optional `+`
/// and 1 to [`MAX_DIGITS`] digits. `None` when it is not one.
pub(crate) fn parse_number(text: &str) -> Option<String> {
    let n = normalize(text);
    let digits = n.strip_prefix('+').unwrap_or(&n);
    let ok = !digits.is_empty()
        && digits.len() <= MAX_DIGITS
        && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| n.into_owned())
}

/// IVR keys: 1 to 32 of `0`–`9`, `*` and `#`.
pub(crate) fn valid_ivr_keys(keys: &str) -> bool {
    (1..=32).contains(&keys.len())
        && keys.bytes().all(|b| b.is_ascii_digit() || b == b'*' || b == b'#')
}

/// An ISO 3166-1 alpha-2 region code as libphonenumber uses them (`PL`,
/// `HU`, `GB`), upper case.
///
/// ```
/// use post_call_rules::Region;
/// assert_eq!(Region::new("pl").unwrap().as_str(), "PL");
/// assert!(Region::new("POL").is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl Region {
    /// Two ASCII letters, in either case; `None` otherwise.
    pub fn new(code: &str) -> Option<Region> {
        match code.as_bytes() {
            &[a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Some(Region([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => None,
        }
    }

    /// The code, upper case.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        core::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.as_str())
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Agrees with [`Region::new`]; [`Display`](fmt::Display) writes it back.
impl std::str::FromStr for Region {
    type Err = InvalidRegion;

    fn from_str(s: &str) -> Result<Region, InvalidRegion> {
        Region::new(s).ok_or(InvalidRegion)
    }
}

/// A region code that is not two ASCII letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a region is two letters such as \"PL\"")]
pub struct InvalidRegion;

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Region, D::Error> {
        let s = Cow::<str>::deserialize(d)?;
        Region::new(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid region {s:?}; expected two letters such as \"PL\""
            ))
        })
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Region {
    fn schema_name() -> Cow<'static, str> {
        "Region".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO 3166-1 alpha-2 region code, in either case.",
            "type": "string",
            "pattern": "^[A-Za-z]{2}$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_separators_only() {
        assert_eq!(normalize("+48 (22) 123-45.67"), "+48221234567");
        assert!(matches!(normalize("+48221234567"), Cow::Borrowed(_)));
        assert_eq!(normalize("anonymous"), "anonymous");
    }

    #[test]
    fn parses_numbers_and_prefixes() {
        assert_eq!(parse_number("+48 22").as_deref(), Some("+4822"));
        assert_eq!(parse_number("0048").as_deref(), Some("0048"));
        assert_eq!(parse_number("+"), None);
        assert_eq!(parse_number("+48a"), None);
        assert_eq!(parse_number("++48"), None);
        assert_eq!(parse_number(&"1".repeat(21)), None);
    }

    #[test]
    fn ivr_keys() {
        assert!(valid_ivr_keys("21#"));
        assert!(valid_ivr_keys("*"));
        assert!(!valid_ivr_keys(""));
        assert!(!valid_ivr_keys("1a"));
    }

    #[test]
    fn regions() {
        let r: Region = serde_json::from_str("\"hu\"").unwrap();
        assert_eq!(r.as_str(), "HU");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"HU\"");
        assert!(serde_json::from_str::<Region>("\"H1\"").is_err());
        let r: Region = "gb".parse().unwrap();
        assert_eq!(r.to_string().parse::<Region>(), Ok(r));
        assert_eq!("G".parse::<Region>(), Err(InvalidRegion));
    }
}

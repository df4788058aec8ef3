//! The closed sets of the settings: keypad keys, answer waits, ring steps.
//!
//! Each is an enum, so a value outside its set cannot be held; reading
//! one from a file fails with the path and the allowed values.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A spelling that is none of a closed set's (a key, a wait, a step, a
/// distribution, a severity...), from `FromStr`.
///
/// `Display` says what was given and lists the accepted spellings:
/// `invalid answer wait "25s"; expected one of "10s", "15s", "20s",
/// "30s", "1min"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseValueError {
    what: &'static str,
    input: String,
    expected: String,
}

impl ParseValueError {
    /// `expected` is the accepted spellings, in words.
    pub(crate) fn new(
        what: &'static str,
        input: &str,
        expected: String,
    ) -> ParseValueError {
        ParseValueError { what, input: input.to_string(), expected }
    }

    /// `expected` is the accepted spellings, each quoted.
    pub(crate) fn one_of(
        what: &'static str,
        input: &str,
        spellings: &[&str],
    ) -> ParseValueError {
        ParseValueError::new(what, input, quoted_list(spellings))
    }

    /// What was being read, as `answer wait`.
    pub fn what(&self) -> &str {
        self.what
    }

    /// The text given.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} {:?}; expected {}",
            self.what, self.input, self.expected
        )
    }
}

impl std::error::Error for ParseValueError {}

/// `one of "a", "b", "c"`.
pub(crate) fn quoted_list(spellings: &[&str]) -> String {
    let all: Vec<String> =
        spellings.iter().map(|s| format!("{s:?}")).collect();
    format!("one of {}", all.join(", "))
}

/// Defines a string-backed enum: variants, their spellings, `as_str`,
/// `FromStr`, `Display` and serde through the spelling.
macro_rules! spelled {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in files, as `"1min"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The allowed spellings, quoted and joined, for messages.
            fn expected() -> String {
                quoted_list(&[$($text),+])
            }
        }

        /// The spellings of files, as `Display` writes them.
        impl FromStr for $name {
            type Err = ParseValueError;

            fn from_str(s: &str) -> Result<$name, ParseValueError> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(ParseValueError::new(
                        $what,
                        s,
                        $name::expected(),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(
                d: D,
            ) -> Result<$name, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(
                        &self,
                        f: &mut fmt::Formatter<'_>,
                    ) -> fmt::Result {
                        let article = if $what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        };
                        write!(f, "{article} {}: {}", $what, $name::expected())
                    }
                    fn visit_str<E: serde::de::Error>(
                        self,
                        s: &str,
                    ) -> Result<$name, E> {
                        match s.parse() {
                            Ok(v) => Ok(v),
                            // Reported by the look at the whole document;
                            // a stand-in lets the rest be read and checked.
                            Err(_) if crate::settings::lenient() => {
                                Ok($name::ALL[0])
                            }
                            Err(e) => Err(E::custom(e)),
                        }
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

spelled! {
    /// A keypad button a menu can offer: `0`–`9`, `*` and `#`.
    Key, "key" {
        /// `0`
        D0 = "0",
        /// `1`
        D1 = "1",
        /// `2`
        D2 = "2",
        /// `3`
        D3 = "3",
        /// `4`
        D4 = "4",
        /// `5`
        D5 = "5",
        /// `6`
        D6 = "6",
        /// `7`
        D7 = "7",
        /// `8`
        D8 = "8",
        /// `9`
        D9 = "9",
        /// `*`
        Star = "*",
        /// `#`
        Hash = "#",
    }
}

impl Key {
    /// The key's character.
    pub fn as_char(self) -> char {
        // Every spelling is one character.
        self.as_str().chars().next().unwrap_or('?')
    }

    /// The key of a character, if it is one of `0`–`9`, `*`, `#`.
    pub fn from_char(c: char) -> Option<Key> {
        Key::ALL.iter().copied().find(|k| k.as_char() == c)
    }

    /// Whether it is a digit (extensions are made of digits).
    pub fn is_digit(self) -> bool {
        !matches!(self, Key::Star | Key::Hash)
    }
}

spelled! {
    /// How long a forward to an external number or to an employee rings
    /// before it counts as not answered (10 s, 15 s, 20 s,
    /// 30 s, 1 min).
    #[non_exhaustive]
    ForwardWait, "answer wait" {
        /// 10 seconds.
        S10 = "10s",
        /// 15 seconds.
        S15 = "15s",
        /// 20 seconds.
        S20 = "20s",
        /// 30 seconds.
        S30 = "30s",
        /// 1 minute.
        M1 = "1min",
    }
}

impl ForwardWait {
    /// In seconds.
    pub fn seconds(self) -> u32 {
        match self {
            ForwardWait::S10 => 10,
            ForwardWait::S15 => 15,
            ForwardWait::S20 => 20,
            ForwardWait::S30 => 30,
            ForwardWait::M1 => 60,
        }
    }
}

spelled! {
    /// How long a forward to a department rings its members in all before
    /// it counts as not answered (15 s, 20 s, 30 s, 1 min,
    /// 2 min, 5 min, 10 min).
    #[non_exhaustive]
    DepartmentWait, "department answer wait" {
        /// 15 seconds.
        S15 = "15s",
        /// 20 seconds.
        S20 = "20s",
        /// 30 seconds.
        S30 = "30s",
        /// 1 minute.
        M1 = "1min",
        /// 2 minutes.
        M2 = "2min",
        /// 5 minutes.
        M5 = "5min",
        /// 10 minutes.
        M10 = "10min",
    }
}

impl DepartmentWait {
    /// In seconds.
    pub fn seconds(self) -> u32 {
        match self {
            DepartmentWait::S15 => 15,
            DepartmentWait::S20 => 20,
            DepartmentWait::S30 => 30,
            DepartmentWait::M1 => 60,
            DepartmentWait::M2 => 120,
            DepartmentWait::M5 => 300,
            DepartmentWait::M10 => 600,
        }
    }
}

spelled! {
    /// The time between two moves of an "in turn" or "cumulative"
    /// distribution (5 s to 30 s in steps of 5).
    #[non_exhaustive]
    Step, "step" {
        /// 5 seconds.
        S5 = "5s",
        /// 10 seconds.
        S10 = "10s",
        /// 15 seconds.
        S15 = "15s",
        /// 20 seconds.
        S20 = "20s",
        /// 25 seconds.
        S25 = "25s",
        /// 30 seconds.
        S30 = "30s",
    }
}

impl Step {
    /// In seconds.
    pub fn seconds(self) -> u32 {
        match self {
            Step::S5 => 5,
            Step::S10 => 10,
            Step::S15 => 15,
            Step::S20 => 20,
            Step::S25 => 25,
            Step::S30 => 30,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for k in Key::ALL {
            assert_eq!(k.as_str().parse::<Key>(), Ok(*k));
            assert_eq!(Key::from_char(k.as_char()), Some(*k));
        }
        for w in ForwardWait::ALL {
            assert_eq!(w.as_str().parse::<ForwardWait>(), Ok(*w));
        }
        for w in DepartmentWait::ALL {
            assert_eq!(w.as_str().parse::<DepartmentWait>(), Ok(*w));
        }
        for s in Step::ALL {
            assert_eq!(s.as_str().parse::<Step>(), Ok(*s));
        }
    }

    #[test]
    fn seed_sets() {
        let f: Vec<u32> =
            ForwardWait::ALL.iter().map(|w| w.seconds()).collect();
        assert_eq!(f, [10, 15, 20, 30, 60]);
        let d: Vec<u32> =
            DepartmentWait::ALL.iter().map(|w| w.seconds()).collect();
        assert_eq!(d, [15, 20, 30, 60, 120, 300, 600]);
        let s: Vec<u32> = Step::ALL.iter().map(|w| w.seconds()).collect();
        assert_eq!(s, [5, 10, 15, 20, 25, 30]);
        assert_eq!(Key::ALL.len(), 12);
        assert!(!Key::Star.is_digit() && Key::D0.is_digit());
    }

    #[test]
    fn outside_the_set_names_the_allowed_values() {
        let e = "25s".parse::<ForwardWait>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid answer wait \"25s\"; expected one of \"10s\", \"15s\", \
             \"20s\", \"30s\", \"1min\""
        );
        assert!("10s".parse::<DepartmentWait>().is_err());
        assert!("35s".parse::<Step>().is_err());
        let e = serde_json::from_str::<Step>("\"3s\"").unwrap_err();
        assert!(e.to_string().contains("expected one of \"5s\""), "{e}");
    }
}

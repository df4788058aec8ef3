//! The closed sets users type and read (directions, statuses, line
//! types, policies, conditions): one spelling per value, used alike by
//! `Display`, `FromStr`, serde and the JSON Schema, so they cannot drift
//! apart.

use core::fmt;

/// A text that is not one of the spellings of a closed set, from the
/// `FromStr` of [`Direction`](crate::Direction),
/// [`CallStatus`](crate::CallStatus), [`LineType`](crate::LineType),
/// [`HitPolicy`](crate::HitPolicy), [`MaybeMobile`](crate::MaybeMobile),
/// [`IntervalScope`](crate::IntervalScope),
/// [`Condition`](crate::Condition) and
/// [`ShadowingWork`](crate::ShadowingWork).
///
/// ```
/// use post_call_rules::Direction;
///
/// let err = "sideways".parse::<Direction>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "\"sideways\" is not a direction; write incoming or outgoing",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseEnumError {
    what: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl ParseEnumError {
    pub(crate) fn new(
        what: &'static str,
        value: &str,
        expected: &'static [&'static str],
    ) -> ParseEnumError {
        let value = match value.char_indices().nth(64) {
            Some((at, _)) => format!("{}…", &value[..at]),
            None => value.to_string(),
        };
        ParseEnumError { what, value, expected }
    }

    /// The spellings that are accepted.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for ParseEnumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}; write ", self.value, self.what)?;
        let n = self.expected.len();
        for (i, s) in self.expected.iter().enumerate() {
            let sep = match i {
                0 => "",
                _ if i + 1 == n => " or ",
                _ => ", ",
            };
            write!(f, "{sep}{s}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseEnumError {}

/// `Display`, `FromStr`, `Serialize`, `Deserialize` and (with the
/// `schemars` feature) `JsonSchema` of a closed enum from one table of
/// spellings.
macro_rules! spelled {
    (
        $ty:ident, $what:literal, $schema:literal,
        [$($var:ident => $s:literal),+ $(,)?]
    ) => {
        impl $ty {
            /// Every spelling `FromStr`, serde and `Display` use, in
            /// declaration order.
            pub const SPELLINGS: &'static [&'static str] = &[$($s),+];

            /// The spelling: what `Display` writes and `FromStr` reads
            /// (the JSON spelling).
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($ty::$var => $s,)+
                }
            }
        }

        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reads the spellings `Display` writes.
        impl core::str::FromStr for $ty {
            type Err = $crate::spelling::ParseEnumError;

            fn from_str(s: &str) -> Result<$ty, Self::Err> {
                match s {
                    $($s => Ok($ty::$var),)+
                    _ => Err($crate::spelling::ParseEnumError::new(
                        $what,
                        s,
                        $ty::SPELLINGS,
                    )),
                }
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<$ty, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(
                        &self,
                        f: &mut core::fmt::Formatter<'_>,
                    ) -> core::fmt::Result {
                        $crate::spelling::expecting(f, $ty::SPELLINGS)
                    }
                    fn visit_str<E: serde::de::Error>(
                        self,
                        s: &str,
                    ) -> Result<$ty, E> {
                        s.parse().map_err(|_| {
                            E::unknown_variant(s, $ty::SPELLINGS)
                        })
                    }
                }
                d.deserialize_str(V)
            }
        }

        #[cfg(feature = "schemars")]
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }

            fn json_schema(
                _: &mut schemars::SchemaGenerator,
            ) -> schemars::Schema {
                schemars::json_schema!({
                    "description": $schema,
                    "type": "string",
                    "enum": $ty::SPELLINGS,
                })
            }
        }
    };
}

pub(crate) use spelled;

/// What a deserializer expected: `` one of `a`, `b` ``.
pub(crate) fn expecting(
    f: &mut fmt::Formatter<'_>,
    spellings: &[&str],
) -> fmt::Result {
    f.write_str("one of ")?;
    for (i, s) in spellings.iter().enumerate() {
        let sep = if i == 0 { "" } else { ", " };
        write!(f, "{sep}`{s}`")?;
    }
    Ok(())
}

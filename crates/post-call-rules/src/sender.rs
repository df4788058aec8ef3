//! Alphanumeric sender validation.
//!
//! The rules applied, and what they rest on:
//!
//! - **2 to 11 characters.** An alphanumeric originating address is at
//!   most 10 octets of packed GSM 7-bit text, 11 characters (3GPP TS
//!   23.040 §9.1.2.5, type of number "alphanumeric"); gateways such as
//!   Twilio refuse fewer than 2.
//! - **Characters:** `A`–`Z`, `a`–`z`, `0`–`9`, space, and `-`, `_`, `.`,
//!   all in the GSM 03.38 basic set. Gateways and operators (Twilio,
//!   sms.to, 46elks) pass letters, digits and spaces; `-` and `_` are
//!   widely passed, `.` mostly; anything else (`@`, `#`, national
//!   letters such as `ł` or `ő`) is filtered or shown wrong by many
//!   networks, so it is refused.
//! - **At least one letter**: an all-digit sender is read as a phone
//!   number (and refused by Twilio).
//! - **No space at either end and no two spaces in a row**: some handsets
//!   collapse spaces, so such senders do not show as written.
//!
//! Country-specific rules (Saudi `-AD` suffixes, pre-registration) are
//! the gateway's business and are not checked.

use std::fmt;

/// The most characters of an alphanumeric sender.
pub const MAX_ALPHANUMERIC_CHARS: usize = 11;
/// The fewest characters of an alphanumeric sender.
pub const MIN_ALPHANUMERIC_CHARS: usize = 2;

/// Why an alphanumeric sender would not be delivered as written.
/// Serialized with a `"problem"` in snake case (`"no_letter"`) beside
/// the fields.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SenderProblem {
    /// Fewer than 2 or more than 11 characters.
    Length {
        /// How many characters it has.
        chars: usize,
    },
    /// A character outside `A–Z a–z 0–9`, space, `-`, `_`, `.`.
    Character {
        /// The character.
        ch: char,
        /// Its position, counted in characters from 0.
        at: usize,
    },
    /// No letter at all.
    NoLetter,
    /// A space at the start or the end.
    EdgeSpace,
    /// Two spaces in a row.
    DoubleSpace,
}

impl fmt::Display for SenderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SenderProblem::Length { chars } => write!(
                f,
                "{chars} characters; an alphanumeric sender has \
                 {MIN_ALPHANUMERIC_CHARS} to {MAX_ALPHANUMERIC_CHARS}"
            ),
            SenderProblem::Character { ch, at } => write!(
                f,
                "character {ch:?} at {at} is not allowed; use A-Z, a-z, \
                 0-9, space, '-', '_' or '.'"
            ),
            SenderProblem::NoLetter => {
                f.write_str("no letter; an all-digit sender reads as a number")
            }
            SenderProblem::EdgeSpace => {
                f.write_str("a space at the start or end")
            }
            SenderProblem::DoubleSpace => f.write_str("two spaces in a row"),
        }
    }
}

/// Every problem of an alphanumeric sender (empty when it is valid), by
/// the rules in this module's documentation.
///
/// ```
/// use post_call_rules::{alphanumeric_sender_problems, SenderProblem};
///
/// assert!(alphanumeric_sender_problems("ACME Sp.z.o").is_empty());
/// assert_eq!(
///     alphanumeric_sender_problems("Łódź"),
///     [SenderProblem::Character { ch: 'Ł', at: 0 },
///      SenderProblem::Character { ch: 'ó', at: 1 },
///      SenderProblem::Character { ch: 'ź', at: 3 }],
/// );
/// assert_eq!(alphanumeric_sender_problems("112"), [SenderProblem::NoLetter]);
/// ```
pub fn alphanumeric_sender_problems(sender: &str) -> Vec<SenderProblem> {
    let mut problems = Vec::new();
    let chars = sender.chars().count();
    if !(MIN_ALPHANUMERIC_CHARS..=MAX_ALPHANUMERIC_CHARS).contains(&chars) {
        problems.push(SenderProblem::Length { chars });
    }
    // Report at most a sender's worth of bad characters.
    for (at, ch) in sender.chars().enumerate().take(64) {
        let ok =
            ch.is_ascii_alphanumeric() || matches!(ch, ' ' | '-' | '_' | '.');
        if !ok {
            problems.push(SenderProblem::Character { ch, at });
        }
    }
    if !sender.chars().any(|c| c.is_ascii_alphabetic()) {
        problems.push(SenderProblem::NoLetter);
    }
    if sender.starts_with(' ') || sender.ends_with(' ') {
        problems.push(SenderProblem::EdgeSpace);
    }
    if sender.contains("  ") {
        problems.push(SenderProblem::DoubleSpace);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_senders() {
        for s in [
            "ACME",
            "Acme Shop",
            "TeleCube",
            "A1",
            "my-shop_2.0",
            "ABCDEFGHIJK",
        ] {
            assert!(alphanumeric_sender_problems(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn each_problem() {
        use SenderProblem::*;
        assert_eq!(alphanumeric_sender_problems("A"), [Length { chars: 1 }]);
        assert_eq!(
            alphanumeric_sender_problems("ABCDEFGHIJKL"),
            [Length { chars: 12 }]
        );
        assert_eq!(
            alphanumeric_sender_problems(""),
            [Length { chars: 0 }, NoLetter]
        );
        assert_eq!(
            alphanumeric_sender_problems("Shop@Home"),
            [Character { ch: '@', at: 4 }]
        );
        assert_eq!(alphanumeric_sender_problems("48 600"), [NoLetter]);
        assert_eq!(alphanumeric_sender_problems(" Shop"), [EdgeSpace]);
        assert_eq!(alphanumeric_sender_problems("My  Shop"), [DoubleSpace]);
    }

    #[test]
    fn problems_display() {
        let p = SenderProblem::Length { chars: 12 };
        assert_eq!(
            p.to_string(),
            "12 characters; an alphanumeric sender has 2 to 11"
        );
    }
}

//! External phone numbers: E.164 (`+74952302222`), the spelling
//! `post-call-rules` uses too, or a 10-digit national number when the
//! settings name a country whose national numbers have 10 digits.

/// Countries whose national (significant) numbers have 10 digits, and
/// their calling codes: the national form is read for these.
pub(crate) const NATIONAL: [(&str, &str); 4] =
    [("RU", "7"), ("KZ", "7"), ("US", "1"), ("CA", "1")];

/// Separators people write inside numbers; they are dropped.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')')
}

/// Whether `country` is two ASCII letters (ISO 3166-1 alpha-2), in
/// either case.
pub(crate) fn is_country(country: &str) -> bool {
    country.len() == 2 && country.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The calling code of `country` if its national numbers are read.
pub(crate) fn calling_code(country: &str) -> Option<&'static str> {
    NATIONAL
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(country))
        .map(|(_, code)| *code)
}

/// The number in E.164 (`+` and 8 to 15 digits, the first not 0), from
/// E.164 or, with a `country` of [`NATIONAL`], a 10-digit national
/// number; separators (spaces, `-`, `.`, parentheses) are dropped.
/// `None` when it is neither.
pub(crate) fn to_e164(number: &str, country: Option<&str>) -> Option<String> {
    let n: String = number.chars().filter(|&c| !is_separator(c)).collect();
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if let Some(digits) = n.strip_prefix('+') {
        let ok = (8..=15).contains(&digits.len())
            && all_digits(digits)
            && !digits.starts_with('0');
        return ok.then_some(n);
    }
    let code = calling_code(country?)?;
    (n.len() == 10 && all_digits(&n)).then(|| format!("+{code}{n}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_and_national_with_a_country() {
        assert_eq!(
            to_e164("+48601111222", None).as_deref(),
            Some("+48601111222")
        );
        assert_eq!(
            to_e164("+7 (495) 230-22-22", None).as_deref(),
            Some("+74952302222")
        );
        assert_eq!(to_e164("4952302222", None), None);
        assert_eq!(
            to_e164("4952302222", Some("ru")).as_deref(),
            Some("+74952302222")
        );
        assert_eq!(
            to_e164("212 555 0100", Some("US")).as_deref(),
            Some("+12125550100")
        );
        // A trunk prefix, the wrong length, a country without a known
        // national form, letters, a leading zero, too long.
        for (n, c) in [
            ("84952302222", Some("RU")),
            ("495230222", Some("RU")),
            ("601111222", Some("PL")),
            ("+7495230222x", None),
            ("+0123456789", None),
            ("+1234567890123456", None),
            ("+", None),
            ("", Some("RU")),
        ] {
            assert_eq!(to_e164(n, c), None, "{n} {c:?}");
        }
    }
}

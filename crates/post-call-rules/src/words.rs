//! The JSON reader's messages in a user's words: what the field takes and
//! what was found, instead of serde's type names (`expected u32`).

/// `message` from serde_json, said plainly. `path` is the value's path,
/// whose last name may tell the unit of a number (`..._secs`).
pub(crate) fn plain(message: &str, path: &str) -> String {
    if message == "recursion limit exceeded" {
        return "nested deeper than 128 levels; the format is only a few \
                levels deep"
            .to_string();
    }
    if message.starts_with("EOF while parsing") {
        return "the text ends before the document does; check for a \
                missing `}`, `]` or `\"`"
            .to_string();
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return format!(
                    "expected {}, found {}",
                    expected_words(expected, path),
                    found_words(found)
                );
            }
        }
    }
    message.to_string()
}

/// What a value of serde's type `expected` is, in words.
fn expected_words(expected: &str, path: &str) -> String {
    let seconds = path.ends_with("_secs");
    let max = match expected {
        "u8" => Some(u64::from(u8::MAX)),
        "u16" => Some(u64::from(u16::MAX)),
        "u32" => Some(u64::from(u32::MAX)),
        "u64" | "usize" => Some(u64::MAX),
        _ => None,
    };
    match (max, seconds) {
        (Some(max), true) => {
            format!("a whole number of seconds from 0 to {max}")
        }
        (Some(max), false) => format!("a whole number from 0 to {max}"),
        (None, _) => match expected {
            "i32" | "i64" => "a whole number".to_string(),
            "a string" => "text in quotes".to_string(),
            "a boolean" => "true or false".to_string(),
            "a sequence" => "a list in [ ]".to_string(),
            "a map" => "an object in { }".to_string(),
            other => other.to_string(),
        },
    }
}

/// What serde says it found (`integer `9``, `string "60"`), in words.
fn found_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|v| v.trim_start_matches('`').trim_end_matches('`'))
    };
    if let Some(v) = quoted("integer ").or_else(|| quoted("floating point ")) {
        format!("the number {v}")
    } else if let Some(v) = found.strip_prefix("string ") {
        format!("the text {v}")
    } else if let Some(v) = quoted("boolean ") {
        v.to_string()
    } else {
        match found {
            "sequence" => "a list".to_string(),
            "map" => "an object".to_string(),
            "null" => "null".to_string(),
            "unit value" => "null".to_string(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn serde_type_names_become_words() {
        assert_eq!(
            plain(
                "invalid type: string \"60\", expected u32",
                "rules[0].delay_secs"
            ),
            "expected a whole number of seconds from 0 to 4294967295, \
             found the text \"60\""
        );
        assert_eq!(
            plain("invalid value: integer `-1`, expected u16", "account.x"),
            "expected a whole number from 0 to 65535, found the number -1"
        );
        assert_eq!(
            plain("invalid type: integer `5`, expected a string", "x"),
            "expected text in quotes, found the number 5"
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence", "x"),
            "expected a list in [ ], found an object"
        );
        assert_eq!(
            plain("invalid type: boolean `true`, expected u32", "x"),
            "expected a whole number from 0 to 4294967295, found true"
        );
        assert!(plain("recursion limit exceeded", "")
            .starts_with("nested deeper than 128 levels"));
        // Messages that are already words pass through.
        assert_eq!(plain("unknown field `x`", "y"), "unknown field `x`");
    }
}

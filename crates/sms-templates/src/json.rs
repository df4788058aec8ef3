//! Reading JSON files: the size is checked before parsing, and serde's
//! wording is turned into what a person fixes, with the value's path and
//! its line and column.

use serde::de::DeserializeOwned;

use crate::catalog::CatalogProblem;

/// How deep serde_json lets a document nest before it refuses it.
const DEPTH: usize = 128;

/// Reads one `T` from `json`, refusing more than `max_bytes` bytes before
/// parsing; `example` is a smallest valid document, shown when the text is
/// empty.
pub(crate) fn read<T: DeserializeOwned>(
    json: &str,
    max_bytes: usize,
    example: &str,
) -> Result<T, CatalogProblem> {
    if json.len() > max_bytes {
        return Err(CatalogProblem::new(
            String::new(),
            format!(
                "the file is {} bytes long; at most {max_bytes} bytes are read",
                json.len()
            ),
            None,
        ));
    }
    if json.trim().is_empty() {
        return Err(CatalogProblem::new(
            String::new(),
            format!("the file is empty; write a document such as {example}"),
            None,
        ));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let path =
            if path == "." || path == "?" { String::new() } else { path };
        problem(path, e.inner())
    })?;
    de.end().map_err(|e| problem(String::new(), &e))?;
    Ok(value)
}

/// A serde_json error as a problem at `path`.
fn problem(path: String, e: &serde_json::Error) -> CatalogProblem {
    let at = (e.line() > 0).then(|| (e.line(), e.column()));
    let message = if e.is_eof() {
        "the file ends in the middle of a value; look for a missing `]`, \
         `}` or `\"`"
            .to_string()
    } else {
        plain(&without_position(&e.to_string()))
    };
    CatalogProblem::new(path, message, at)
}

/// serde_json's message without its " at line L column C".
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// serde's and serde_json's wording in plain words.
pub(crate) fn plain(message: &str) -> String {
    let quote = |s: &str| s.replace('`', "\"");
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((found, expected)) = rest.split_once(", expected ") {
                return format!(
                    "expected {}, found {}",
                    expectation(expected),
                    what_was_found(found)
                );
            }
        }
    }
    // serde's positional form of a struct: a list where an object is
    // expected.
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((_, expected)) = rest.split_once(", expected ") {
            return format!(
                "expected {}, found a list",
                expectation(expected)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("{} is missing; add it", quote(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", ").unwrap_or((rest, ""));
        let expected = expected
            .trim_start_matches("expected one of ")
            .trim_start_matches("expected ")
            .trim_start_matches("there are no fields");
        return if expected.is_empty() {
            format!("unknown key {}; remove it", quote(key))
        } else {
            format!(
                "unknown key {}; the keys here are {}",
                quote(key),
                quote(expected)
            )
        };
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("the key {} is written twice", quote(rest));
    }
    match message {
        "recursion limit exceeded" => {
            format!("the file is nested deeper than {DEPTH} levels")
        }
        "expected value" => "expected a value: text in double quotes, a \
                             number, a list, an object, true, false or null"
            .to_string(),
        "expected ident" => "expected true, false or null".to_string(),
        "trailing comma" => {
            "a comma before a closing bracket; remove it".to_string()
        }
        "key must be a string" => {
            "an object's keys are text in double quotes".to_string()
        }
        "trailing characters" => {
            "more text after the document; remove it".to_string()
        }
        other => quote(other),
    }
}

/// What serde says it expected, in plain words.
fn expectation(expected: &str) -> String {
    match expected {
        "a sequence" => "a list".to_string(),
        "a map" => "an object".to_string(),
        "usize" | "u32" | "u64" => "a whole number".to_string(),
        other => other.replace('`', "\""),
    }
}

/// What serde says it found, in plain words.
fn what_was_found(found: &str) -> String {
    let inner = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(prefix) {
            return format!("the number {}", inner(n));
        }
    }
    if let Some(b) = found.strip_prefix("boolean ") {
        return inner(b);
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "an object".to_string(),
        "unit" | "null" => "null".to_string(),
        other => other.replace('`', "\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_become_plain_words() {
        assert_eq!(
            plain("invalid type: string \"60\", expected a whole number"),
            "expected a whole number, found the text \"60\""
        );
        assert_eq!(
            plain("invalid type: map, expected a sequence"),
            "expected a list, found an object"
        );
        assert_eq!(
            plain("invalid value: integer `-1`, expected usize"),
            "expected a whole number, found the number -1"
        );
        assert_eq!(
            plain("unknown field `colour`, expected `name` or `fields`"),
            "unknown key \"colour\"; the keys here are \"name\" or \"fields\""
        );
        assert_eq!(
            plain("missing field `name`"),
            "\"name\" is missing; add it"
        );
        assert_eq!(
            plain("recursion limit exceeded"),
            "the file is nested deeper than 128 levels"
        );
    }
}

//! Reading catalog files: plain words, paths, lines and columns, and
//! sizes refused before parsing.

use sms_templates::Catalog;

fn message(json: &str) -> String {
    Catalog::from_json(json).unwrap_err().to_string()
}

#[test]
fn the_example_catalogs_load() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/");
    for file in ["catalog.json", "post-call-catalog.json"] {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
        let catalog = Catalog::from_json(&text).unwrap();
        assert_eq!(catalog, serde_json::from_str(&text).unwrap());
    }
}

#[test]
fn an_empty_file_is_called_empty() {
    for empty in ["", "  \n"] {
        assert_eq!(
            message(empty),
            "invalid catalog: the file is empty; write a document such as \
             {\"scopes\": []}"
        );
    }
}

#[test]
fn a_value_of_the_wrong_kind_says_what_the_field_takes() {
    assert_eq!(
        message(r#"{"scopes": {}}"#),
        "invalid catalog: scopes: expected a list, found an object \
         (line 1, column 11)"
    );
    assert_eq!(
        message(r#"{"scopes": [{"name": "a", "fields": [{"name": 5}]}]}"#),
        "invalid catalog: scopes[0].fields[0].name: expected a string, \
         found the number 5 (line 1, column 47)"
    );
    assert_eq!(
        message(
            r#"{"scopes": [{"name": "a", "fields": [{"name": "b", "max_chars": -1}]}]}"#
        ),
        "invalid catalog: scopes[0].fields[0].max_chars: expected a whole \
         number of characters, such as 50, or null for no maximum, found \
         the number -1 (line 1, column 66)"
    );
    assert_eq!(
        message("[]"),
        "invalid catalog: expected a catalog: an object with \"scopes\", a \
         list of scopes, found a list (line 1, column 2)"
    );
}

#[test]
fn keys_missing_or_unknown_are_named() {
    assert_eq!(
        message(r#"{"scopes": [{"name": "a"}]}"#),
        "invalid catalog: scopes[0]: \"fields\" is missing; add it \
         (line 1, column 25)"
    );
    assert_eq!(
        message(r#"{"scopes": [], "colour": 1}"#),
        "invalid catalog: colour: unknown key \"colour\"; the keys here are \
         \"scopes\" (line 1, column 23)"
    );
}

#[test]
fn grammar_problems_are_in_words() {
    assert_eq!(
        message(r#"{"scopes": [}"#),
        "invalid catalog: scopes[0]: expected a value: text in double quotes, \
         a number, a list, an object, true, false or null (line 1, column 13)"
    );
    assert_eq!(
        message(r#"{"scopes": [] "#),
        "invalid catalog: the file ends in the middle of a value; look for \
         a missing `]`, `}` or `\"` (line 1, column 14)"
    );
    assert_eq!(
        message(r#"{"scopes": []} x"#),
        "invalid catalog: more text after the document; remove it \
         (line 1, column 16)"
    );
    // Deep nesting is refused where it first goes wrong, without
    // recursing through it.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        message(&deep),
        "invalid catalog: [0][0][0]: expected a string, found a list \
         (line 1, column 3)"
    );
}

#[test]
fn a_file_over_the_limit_is_refused_before_parsing() {
    // Not JSON at all: a parser would say so; the size check comes first.
    let big = "x".repeat(Catalog::MAX_JSON_BYTES + 1);
    assert_eq!(
        message(&big),
        format!(
            "invalid catalog: the file is {} bytes long; at most {} bytes \
             are read",
            Catalog::MAX_JSON_BYTES + 1,
            Catalog::MAX_JSON_BYTES
        )
    );
}

#[test]
fn names_templates_cannot_use_are_every_problem_at_once() {
    let err = Catalog::from_json(
        r#"{"scopes": [
            {"name": "a", "fields": [{"name": "x-y"}, {"name": "b"}, {"name": "b"}]},
            {"name": "a", "fields": []}
        ]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid catalog: 3 problems:\n  \
         1. scopes[0].fields[0]: field name \"x-y\" is not an identifier \
         (ASCII letters, digits, _)\n  \
         2. scopes[0].fields[2]: field name \"b\" is used twice in its scope\n  \
         3. scopes[1]: scope name \"a\" is used twice"
    );
    assert_eq!(err.problems()[1].path(), "scopes[0].fields[2]");
    assert_eq!(err.problems()[1].line_column(), None);
    assert_eq!(
        serde_json::to_value(&err).unwrap()["problems"][2],
        serde_json::json!({
            "path": "scopes[1]",
            "message": "scope name \"a\" is used twice",
        })
    );
}

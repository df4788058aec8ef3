//! The scopes and fields a deployment offers.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::CatalogError;

/// The scopes (contact, case, user, ...) and their fields that templates
/// may use. Fields are numbered in order ([`Catalog::slot`]); a render
/// takes values by those numbers, so names are looked up once, when a
/// template is compiled.
///
/// A deployment usually keeps its catalog in a JSON file; in code, build
/// one with `Catalog::new`, `Scope::new` and `Field::new`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a catalog: an object with \"scopes\", a list of scopes"
)]
#[non_exhaustive]
pub struct Catalog {
    /// The scopes, in order.
    pub scopes: Vec<Scope>,
}

/// A data area: "contact", "case", "user", or one the host adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a scope: an object with \"name\" and \"fields\""
)]
#[non_exhaustive]
pub struct Scope {
    /// The name used in templates, as `contact`: ASCII letters, digits
    /// and `_`, not starting with a digit.
    pub name: String,
    /// Its fields, in order.
    pub fields: Vec<Field>,
}

impl Scope {
    /// A scope named `name` with `fields`.
    pub fn new(name: impl Into<String>, fields: Vec<Field>) -> Scope {
        Scope { name: name.into(), fields }
    }
}

/// A field of a scope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a field: an object with \"name\" and, if values are \
                 bounded, \"max_chars\""
)]
#[non_exhaustive]
pub struct Field {
    /// The name used in templates, as `first_name`: ASCII letters, digits
    /// and `_`, not starting with a digit.
    pub name: String,
    /// The longest value, in characters, if the deployment bounds it; used
    /// for length bounds before rendering, and enforced when rendering.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "max_chars"
    )]
    pub max_chars: Option<usize>,
}

/// Reads `max_chars`, saying what it takes in words when it is wrong.
fn max_chars<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<usize>, D::Error> {
    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Option<usize>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(
                "a whole number of characters, such as 50, or null for no \
                 maximum",
            )
        }

        fn visit_u64<E: serde::de::Error>(
            self,
            n: u64,
        ) -> Result<Self::Value, E> {
            usize::try_from(n).map(Some).map_err(|_| {
                E::invalid_value(serde::de::Unexpected::Unsigned(n), &self)
            })
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    d.deserialize_option(Visitor)
}

impl Field {
    /// A field named `name` without a maximum length.
    pub fn new(name: impl Into<String>) -> Field {
        Field { name: name.into(), max_chars: None }
    }

    /// With values of at most `max` characters.
    #[must_use]
    pub fn with_max_chars(mut self, max: usize) -> Field {
        self.max_chars = Some(max);
        self
    }
}

/// A field's number in a catalog: an index into the values of a render.
/// It serialises as that number.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
)]
#[serde(transparent)]
pub struct Slot(pub(crate) u32);

impl Slot {
    /// The number, from 0, in catalog order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A problem with a catalog: a value the loader could not read, or a scope
/// or field that templates could not name unambiguously. Its `Display`
/// reads `{path}: {message}`, with ` (line L, column C)` when it came from
/// JSON text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogProblem {
    path: String,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    line_column: Option<(usize, usize)>,
}

impl CatalogProblem {
    pub(crate) fn new(
        path: String,
        message: String,
        line_column: Option<(usize, usize)>,
    ) -> CatalogProblem {
        CatalogProblem { path, message, line_column }
    }

    /// Where, from the catalog's root: `scopes[1]` or
    /// `scopes[1].fields[2]`; empty for the whole file.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong and how to fix it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Line and column in the JSON text, both from 1, when the problem
    /// was found while reading it ([`Catalog::from_json`]).
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.line_column
    }
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path.as_str() {
            "" => write!(f, "{}", self.message)?,
            path => write!(f, "{path}: {}", self.message)?,
        }
        if let Some((line, column)) = self.line_column {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogProblem {}

pub(crate) fn scope_twice(i: usize, name: &str) -> CatalogProblem {
    CatalogProblem::new(
        format!("scopes[{i}]"),
        format!("scope name {name:?} is used twice"),
        None,
    )
}

pub(crate) fn field_twice(i: usize, j: usize, name: &str) -> CatalogProblem {
    CatalogProblem::new(
        format!("scopes[{i}].fields[{j}]"),
        format!("field name {name:?} is used twice in its scope"),
        None,
    )
}

/// Whether `name` can be written in a template: ASCII letters, digits and
/// `_`, not starting with a digit.
fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b == b'_' || b.is_ascii_alphabetic())
        && bytes.all(|b| b == b'_' || b.is_ascii_alphanumeric())
}

impl Catalog {
    /// Every problem that would make a scope or field unreachable or
    /// ambiguous from a template: names that are not identifiers (ASCII
    /// letters, digits, `_`), and duplicate scope names or field names
    /// within a scope. Check a catalog when it is loaded;
    /// [`Template::compile`](crate::Template::compile) refuses to resolve a
    /// name the catalog holds twice.
    ///
    /// # Example
    /// ```
    /// let mut c = sms_templates::Catalog::standard();
    /// assert!(c.problems().is_empty());
    /// c.scopes[0].fields[0].name = "imię".into();
    /// assert_eq!(c.problems()[0].path(), "scopes[0].fields[0]");
    /// ```
    pub fn problems(&self) -> Vec<CatalogProblem> {
        use std::collections::HashSet;
        let mut out = Vec::new();
        let mut scopes = HashSet::with_capacity(self.scopes.len());
        for (i, scope) in self.scopes.iter().enumerate() {
            if !is_identifier(&scope.name) {
                out.push(CatalogProblem::new(
                    format!("scopes[{i}]"),
                    format!(
                        "scope name {:?} is not an identifier (ASCII letters, digits, _)",
                        scope.name
                    ),
                    None,
                ));
            }
            if !scopes.insert(scope.name.as_str()) {
                out.push(scope_twice(i, &scope.name));
            }
            let mut fields = HashSet::with_capacity(scope.fields.len());
            for (j, field) in scope.fields.iter().enumerate() {
                if !is_identifier(&field.name) {
                    out.push(CatalogProblem::new(
                        format!("scopes[{i}].fields[{j}]"),
                        format!(
                            "field name {:?} is not an identifier (ASCII letters, digits, _)",
                            field.name
                        ),
                        None,
                    ));
                }
                if !fields.insert(field.name.as_str()) {
                    out.push(field_twice(i, j, &field.name));
                }
            }
        }
        out
    }

    /// Why `field` of the scope at `scope` cannot be named from a
    /// template, if the catalog holds the scope's name or that field's
    /// name twice: the problem at the second one. Costs one pass over the
    /// scopes and that scope's fields.
    pub(crate) fn ambiguity(
        &self,
        scope: usize,
        field: &str,
    ) -> Option<CatalogProblem> {
        let name = &self.scopes[scope].name;
        if let Some(j) =
            self.scopes[scope + 1..].iter().position(|s| &s.name == name)
        {
            return Some(scope_twice(scope + 1 + j, name));
        }
        let mut same = self.scopes[scope]
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.name == field);
        same.next()?;
        let (j, _) = same.next()?;
        Some(field_twice(scope, j, field))
    }

    /// The largest JSON text [`Catalog::from_json`] reads: 1 MiB (a
    /// catalog of thousands of fields is a few hundred KiB).
    pub const MAX_JSON_BYTES: usize = 1 << 20;

    /// Reads a catalog file and checks it ([`Catalog::problems`]).
    ///
    /// # Errors
    /// A text over [`Catalog::MAX_JSON_BYTES`] (refused before parsing), an
    /// empty text, a syntax error, or a value of the wrong kind or an
    /// unknown key: one problem naming the value's path and its line and
    /// column, in plain words. A catalog that reads but has names templates
    /// cannot use: every such problem.
    ///
    /// # Example
    /// ```
    /// use sms_templates::Catalog;
    ///
    /// let catalog = Catalog::from_json(
    ///     r#"{"scopes": [{"name": "case", "fields": [{"name": "number"}]}]}"#,
    /// )?;
    /// assert_eq!(catalog.len(), 1);
    ///
    /// let err = Catalog::from_json(
    ///     r#"{"scopes": [{"name": "case", "fields": [
    ///         {"name": "number", "max_chars": "30"}
    ///     ]}]}"#,
    /// )
    /// .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid catalog: scopes[0].fields[0].max_chars: expected a whole \
    ///      number of characters, such as 50, or null for no maximum, found \
    ///      the text \"30\" (line 2, column 44)"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog =
            crate::json::read(json, Self::MAX_JSON_BYTES, r#"{"scopes": []}"#)
                .map_err(|p| CatalogError::new(vec![p]))?;
        let problems = catalog.problems();
        if problems.is_empty() {
            Ok(catalog)
        } else {
            Err(CatalogError::new(problems))
        }
    }

    /// A catalog of `scopes`, in order.
    ///
    /// The struct may gain fields: build it with this, not a struct
    /// literal.
    ///
    /// # Example
    /// ```
    /// use sms_templates::{Catalog, Field, Scope};
    ///
    /// let catalog = Catalog::new(vec![Scope::new(
    ///     "order",
    ///     vec![Field::new("number").with_max_chars(12), Field::new("note")],
    /// )]);
    /// assert_eq!(catalog.slot("order", "note").unwrap().index(), 1);
    /// ```
    pub fn new(scopes: Vec<Scope>) -> Catalog {
        Catalog { scopes }
    }

    /// The JSON Schema of a catalog file: an object with `scopes`, each
    /// with a `name` and `fields`, each field with a `name` and an
    /// optional `max_chars`; no other keys. Editors and web forms can
    /// check a file with it before it reaches the loader.
    ///
    /// # Example
    /// ```
    /// let json = sms_templates::Catalog::json_schema();
    /// assert_eq!(json["required"][0], "scopes");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "schemars")]
    pub fn json_schema() -> serde_json::Value {
        schemars::schema_for!(Catalog).to_value()
    }

    /// The catalog of a typical contact center: contact (first name, last
    /// name, address, phone), case (number, title, status) and the sending
    /// user (first name, last name, phone), each field with a maximum
    /// length.
    pub fn standard() -> Catalog {
        let scope = |name: &str, fields: &[(&str, usize)]| {
            Scope::new(
                name,
                fields
                    .iter()
                    .map(|&(n, max)| Field::new(n).with_max_chars(max))
                    .collect(),
            )
        };
        Catalog {
            scopes: vec![
                scope(
                    "contact",
                    &[
                        ("first_name", 50),
                        ("last_name", 80),
                        ("address", 200),
                        ("phone", 20),
                    ],
                ),
                scope(
                    "case",
                    &[("number", 30), ("title", 200), ("status", 40)],
                ),
                scope(
                    "user",
                    &[("first_name", 50), ("last_name", 80), ("phone", 20)],
                ),
            ],
        }
    }

    /// The slot of `scope.field`, if the catalog has it.
    ///
    /// # Example
    /// ```
    /// let c = sms_templates::Catalog::standard();
    /// let slot = c.slot("contact", "first_name").unwrap();
    /// assert_eq!(slot.index(), 0);
    /// assert!(c.slot("contact", "nickname").is_none());
    /// ```
    pub fn slot(&self, scope: &str, field: &str) -> Option<Slot> {
        let mut n = 0;
        for s in &self.scopes {
            if s.name == scope {
                let i = s.fields.iter().position(|f| f.name == field)?;
                return Some(Slot((n + i) as u32));
            }
            n += s.fields.len();
        }
        None
    }

    /// The index of `scope` among the scopes, if the catalog has it (what
    /// [`Record::has_scope`](crate::Record::has_scope) is asked about).
    pub fn scope_index(&self, scope: &str) -> Option<usize> {
        self.scopes.iter().position(|s| s.name == scope)
    }

    /// A fingerprint of the catalog's shape (how many scopes, and how many
    /// fields each has), kept by [`Values`](crate::Values) and compiled
    /// templates so that values for another catalog are refused.
    pub(crate) fn shape(&self) -> u64 {
        crate::hash::fnv1a_numbers(self.scopes.iter().map(|s| s.fields.len()))
    }

    /// How many fields in all.
    pub fn len(&self) -> usize {
        self.scopes.iter().map(|s| s.fields.len()).sum()
    }

    /// Whether the catalog has no fields.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Edit distance (insertions, deletions, substitutions, transpositions of
/// neighbours), for "did you mean" suggestions.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The longest name, in characters, that gets a suggestion: longer ones
/// are not typing slips, and the edit distance costs the product of the
/// two lengths.
const SUGGEST_CHARS: usize = 64;

/// The closest of `candidates` to `name`, if close enough to suggest.
/// Costs at most a fixed amount a candidate (names are compared only when
/// both are short and their lengths are close).
pub(crate) fn suggest<'c>(
    name: &str,
    candidates: impl Iterator<Item = &'c str>,
) -> Option<String> {
    if name.len() > 4 * SUGGEST_CHARS {
        return None;
    }
    let n = name.chars().count();
    if n > SUGGEST_CHARS {
        return None;
    }
    let limit = (n / 3).clamp(1, 3);
    candidates
        // Each edit changes the length by at most one.
        .filter(|c| c.len() <= 4 * (SUGGEST_CHARS + 3))
        .filter(|c| c.chars().count().abs_diff(n) <= limit)
        .map(|c| (distance(name, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("first_name", "first_name"), 0);
        assert_eq!(distance("frist_name", "first_name"), 1);
        assert_eq!(distance("fist_name", "first_name"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(
            suggest("contcat", ["contact", "case"].into_iter()),
            Some("contact".into())
        );
        assert_eq!(suggest("zzz", ["contact", "case"].into_iter()), None);
        let long = "a".repeat(SUGGEST_CHARS + 1);
        let longer = format!("{long}b");
        assert_eq!(suggest(&long, [longer.as_str()].into_iter()), None);
    }
}

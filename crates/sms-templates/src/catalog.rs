//! The scopes and fields a deployment offers.

use serde::{Deserialize, Serialize};

/// The scopes (contact, case, user, ...) and their fields that templates
/// may use. Fields are numbered in order ([`Catalog::slot`]); a render
/// takes values by those numbers, so names are looked up once, when a
/// template is compiled.
///
/// A deployment usually keeps its catalog in a JSON file; in code, build
/// one with `Catalog::new`, `Scope::new` and `Field::new`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Catalog {
    /// The scopes, in order.
    pub scopes: Vec<Scope>,
}

/// A data area: "contact", "case", "user", or one the host adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Field {
    /// The name used in templates, as `first_name`: ASCII letters, digits
    /// and `_`, not starting with a digit.
    pub name: String,
    /// The longest value, in characters, if the deployment bounds it; used
    /// for length bounds before rendering, and enforced when rendering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
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

/// A problem with a catalog: a scope or field that templates could not
/// name unambiguously. Its `Display` reads `{path}: {message}`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{path}: {message}")]
pub struct CatalogProblem {
    path: String,
    message: String,
}

impl CatalogProblem {
    /// Where, from the catalog's root: `scopes[1]` or
    /// `scopes[1].fields[2]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong and how to fix it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

fn scope_twice(i: usize, name: &str) -> CatalogProblem {
    CatalogProblem {
        path: format!("scopes[{i}]"),
        message: format!("scope name {name:?} is used twice"),
    }
}

fn field_twice(i: usize, j: usize, name: &str) -> CatalogProblem {
    CatalogProblem {
        path: format!("scopes[{i}].fields[{j}]"),
        message: format!("field name {name:?} is used twice in its scope"),
    }
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
                out.push(CatalogProblem {
                    path: format!("scopes[{i}]"),
                    message: format!(
                        "scope name {:?} is not an identifier (ASCII letters, digits, _)",
                        scope.name
                    ),
                });
            }
            if !scopes.insert(scope.name.as_str()) {
                out.push(scope_twice(i, &scope.name));
            }
            let mut fields = HashSet::with_capacity(scope.fields.len());
            for (j, field) in scope.fields.iter().enumerate() {
                if !is_identifier(&field.name) {
                    out.push(CatalogProblem {
                        path: format!("scopes[{i}].fields[{j}]"),
                        message: format!(
                            "field name {:?} is not an identifier (ASCII letters, digits, _)",
                            field.name
                        ),
                    });
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
    /// let schema = sms_templates::Catalog::json_schema();
    /// let json = serde_json::to_value(&schema)?;
    /// assert_eq!(json["required"][0], "scopes");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "schemars")]
    pub fn json_schema() -> schemars::Schema {
        schemars::schema_for!(Catalog)
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

//! Looking a template's names up in a catalog: by scanning a small
//! catalog (what most deployments have; nothing is allocated), by hashing
//! a large one, so that compiling stays linear in the body and the
//! catalog together.

use std::collections::HashMap;

use crate::catalog::{field_twice, scope_twice, suggest, Catalog};
use crate::template::steps;
use crate::CatalogProblem;

/// Catalogs with at most this many scopes and fields together are
/// scanned.
const SCAN_UP_TO: usize = 64;

/// How many "did you mean"s a compile against a large catalog computes
/// (each compares the name with every candidate); later unknown names get
/// none.
const SUGGESTIONS: usize = 32;

/// A name's first index, and its second if the catalog has it twice.
type Seen = (usize, Option<usize>);

pub(crate) struct Names<'c> {
    catalog: &'c Catalog,
    hashed: Option<Hashed<'c>>,
    suggestions_left: usize,
}

struct Hashed<'c> {
    scopes: HashMap<&'c str, Seen>,
    /// By scope index and field name: the field's index in its scope.
    fields: HashMap<(usize, &'c str), Seen>,
}

fn see(seen: &mut Seen, at: usize) {
    if seen.1.is_none() && seen.0 != at {
        seen.1 = Some(at);
    }
}

impl<'c> Names<'c> {
    pub(crate) fn new(catalog: &'c Catalog) -> Names<'c> {
        let size = catalog.scopes.len() + catalog.len();
        let hashed = (size > SCAN_UP_TO).then(|| {
            steps::add(size);
            let mut scopes: HashMap<&str, Seen> = HashMap::new();
            let mut fields: HashMap<(usize, &str), Seen> = HashMap::new();
            for (i, scope) in catalog.scopes.iter().enumerate() {
                see(scopes.entry(&scope.name).or_insert((i, None)), i);
                for (j, field) in scope.fields.iter().enumerate() {
                    let key = (i, field.name.as_str());
                    see(fields.entry(key).or_insert((j, None)), j);
                }
            }
            Hashed { scopes, fields }
        });
        Names { catalog, hashed, suggestions_left: SUGGESTIONS }
    }

    /// The index of the scope named `name`.
    pub(crate) fn scope(&self, name: &str) -> Option<usize> {
        match &self.hashed {
            Some(h) => {
                steps::add(1);
                h.scopes.get(name).map(|s| s.0)
            }
            None => {
                steps::add(self.catalog.scopes.len());
                self.catalog.scope_index(name)
            }
        }
    }

    /// The index in its scope of the field named `name`.
    pub(crate) fn field(&self, scope: usize, name: &str) -> Option<usize> {
        match &self.hashed {
            Some(h) => {
                steps::add(1);
                h.fields.get(&(scope, name)).map(|f| f.0)
            }
            None => {
                let fields = &self.catalog.scopes[scope].fields;
                steps::add(fields.len());
                fields.iter().position(|f| f.name == name)
            }
        }
    }

    /// Why `field` of the scope at `scope` cannot be named, if the
    /// catalog holds the scope's name or the field's name twice.
    pub(crate) fn ambiguity(
        &self,
        scope: usize,
        field: &str,
    ) -> Option<CatalogProblem> {
        match &self.hashed {
            Some(h) => {
                steps::add(1);
                let name = self.catalog.scopes[scope].name.as_str();
                if let Some(&(_, Some(j))) = h.scopes.get(name) {
                    return Some(scope_twice(j, name));
                }
                let (_, twice) = *h.fields.get(&(scope, field))?;
                twice.map(|j| field_twice(scope, j, field))
            }
            None => {
                steps::add(self.catalog.len());
                self.catalog.ambiguity(scope, field)
            }
        }
    }

    /// The maximum of field `field` of the scope at `scope`.
    pub(crate) fn max_chars(
        &self,
        scope: usize,
        field: usize,
    ) -> Option<usize> {
        self.catalog.scopes[scope].fields[field].max_chars
    }

    /// A known scope name close to `name`.
    pub(crate) fn suggest_scope(&mut self, name: &str) -> Option<String> {
        self.spend()?;
        let scopes = &self.catalog.scopes;
        steps::add(scopes.len());
        suggest(name, scopes.iter().map(|s| s.name.as_str()))
    }

    /// A field name of the scope at `scope` close to `name`.
    pub(crate) fn suggest_field(
        &mut self,
        scope: usize,
        name: &str,
    ) -> Option<String> {
        self.spend()?;
        let fields = &self.catalog.scopes[scope].fields;
        steps::add(fields.len());
        suggest(name, fields.iter().map(|f| f.name.as_str()))
    }

    /// Whether another suggestion may be computed (always, for a small
    /// catalog).
    fn spend(&mut self) -> Option<()> {
        if self.hashed.is_some() {
            self.suggestions_left = self.suggestions_left.checked_sub(1)?;
        }
        Some(())
    }
}

/*!
SMS templates for contact centers: a name, a description and a body with
scoped variables (`{{contact.first_name}}`), fallbacks for empty values
(`{{contact.first_name | "there"}}`) and short links (`{{link "..."}}`),
checked against a catalog of scopes and fields, then rendered for one
recipient or a thousand, with provenance and length bounds. No loops, no
conditions, no includes, no user code: render time is linear in the output.

```
use sms_templates::{Catalog, NoLinks, Template, Values};

let catalog = Catalog::standard();
let template = Template::new(
    "ack",
    "Witaj {{contact.first_name}}! Potwierdzamy przyjęcie zgłoszenia {{case.number}}.",
)
.compile(&catalog)?;

let first_name = catalog.slot("contact", "first_name").unwrap();
let case_number = catalog.slot("case", "number").unwrap();

// From a case: every value is there.
let mut v = Values::new(&catalog);
v.set(first_name, "Anna").set(case_number, "Z/2026/117");
assert_eq!(
    template.render(&v, &NoLinks)?.text(),
    "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia Z/2026/117."
);

// From a contact card there is no case: its variables render as nothing.
let mut v = Values::new(&catalog);
v.set(first_name, "Anna");
assert_eq!(
    template.render(&v, &NoLinks)?.text(),
    "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia ."
);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Overview

- [`Template`]: the saved form (serde), with the placeholder syntax in its
  docs. [`Catalog`]: the scopes and fields a deployment offers (serde).
- [`Template::compile`] resolves every variable to a catalog [`Slot`] and
  reports every problem at once ([`CompileError`]), each with byte span,
  line, and column in characters and in UTF-16 units.
- [`CompiledTemplate`] has [`placeholders`](CompiledTemplate::placeholders)
  for introspection; [`render`](CompiledTemplate::render) with provenance
  or [`render_to`](CompiledTemplate::render_to) into a buffer;
  [`render_batch`](CompiledTemplate::render_batch) for bulk sends;
  [`preview`](CompiledTemplate::preview) with variables unfilled;
  [`length_bounds`](CompiledTemplate::length_bounds) before rendering.
- [`Values`]: one recipient's values by slot; or the host's own type
  read in place through [`Record`]. [`Shortener`]: the host's link
  shortener, with a declared maximum length.
- [`Catalog::from_json`] reads a catalog file with messages in plain
  words ([`CatalogError`]).
- What a host logs or sends on serialises with serde: [`Rendered`] (with
  its [`Substitution`]s and [`Filled`]), [`Bounds`], [`Placeholder`],
  [`Position`], [`CompileError`] and its [`Problem`]s, [`CatalogError`],
  [`RenderError`].

# Rendering rules

- A scope that is absent renders its variables as nothing: a message
  sent from a contact card, which has no case, leaves the case number
  out.
- A field that is present but empty (or unset in a present scope) uses its
  fallback if it has one, else renders as nothing.
- Values are inserted as they are: SMS is plain text, nothing is escaped.
- A value longer than its field's `max_chars` is an error for that
  recipient, so the length bounds always hold.

# Catalog files

A deployment keeps its catalog as JSON (or any serde format):

```
let catalog: sms_templates::Catalog = serde_json::from_str(r#"{
  "scopes": [
    { "name": "contact", "fields": [{ "name": "first_name", "max_chars": 50 }] },
    { "name": "case", "fields": [{ "name": "number" }] }
  ]
}"#)?;
assert!(catalog.problems().is_empty());
assert_eq!(catalog.slot("case", "number").unwrap().index(), 1);
# Ok::<(), Box<dyn std::error::Error>>(())
```

[`Catalog::from_json`] reads such a file, refusing one over
[`Catalog::MAX_JSON_BYTES`] before parsing it, and checks it with
[`Catalog::problems`] (names that are not identifiers, duplicates); its
[`CatalogError`] says what is wrong in plain words with the value's path,
line and column:

```
let err = sms_templates::Catalog::from_json(r#"{"scopes": [{"name": "case"}]}"#)
    .unwrap_err();
assert_eq!(
    err.to_string(),
    r#"invalid catalog: scopes[0]: "fields" is missing; add it (line 1, column 28)"#
);
```

Unknown keys are refused. (Through serde, as any serde type, a list of
the values in order is also read in place of an object; write objects.)
With the `schemars` feature, `Catalog::json_schema` and
`Template::json_schema` describe the files for editors.

# Input safety

Template bodies and recipients' values may come from anyone; the catalog
and the shortener are the deployment's own. [`Limits`] (with defaults)
bound template size (16 KiB), placeholder count (200), rendered size
(16 KiB) and batch size (1000), and every bound below holds whatever
limits a caller sets. Nothing recurses, so no input can exhaust the stack.

In the table, *n* is the body's length in bytes, *p* its number of
placeholders, *c* the catalog's scopes and fields together, *v* the
length of a recipient's values, *r* the number of recipients, and
*out* the rendered text's length (at most
[`Limits::max_rendered_bytes`]).

| function | time | memory |
|---|---|---|
| [`Template::compile`], [`compile_with`](Template::compile_with) | *O(n + c)*: names are looked up by scanning a catalog of up to 64 scopes and fields, and by hashing a larger one (hashed once a compile); a body over [`Limits::max_template_bytes`] is refused before it is read | *O(n + p)*, problems included; *O(c)* while compiling against a large catalog |
| [`CompiledTemplate::render`], [`render_to`](CompiledTemplate::render_to), [`render_record`](CompiledTemplate::render_record), [`render_record_to`](CompiledTemplate::render_record_to) | *O(p + c + out + v)* plus the [`Shortener`]'s own work (each scope's presence is found at most once); the size limit is checked before each value or link is written; the first render also splits the literal text out, *O(n)* once | *O(out + p)*; nothing for `render_to` beyond `out`; *O(n)* kept after the first render |
| [`CompiledTemplate::render_batch`] | *r* renders; over [`Limits::max_recipients`] is refused first | *r* results |
| [`CompiledTemplate::preview`], [`length_bounds`](CompiledTemplate::length_bounds), [`variables`](CompiledTemplate::variables) | *O(n)* | *O(n)* |
| [`CompiledTemplate::placeholders`] | *O(n + p)* the first time, then *O(1)* | *O(n + p)*, kept |
| [`Catalog::from_json`] | *O(bytes)*; over [`Catalog::MAX_JSON_BYTES`] is refused before parsing | *O(bytes)* |
| [`Catalog::problems`] | *O(c)* names hashed | *O(c)* |
| [`Catalog::slot`], [`Catalog::scope_index`], [`Catalog::len`] | *O(c)* | none |
| [`Values::new`], [`Values::clear`] | *O(c)* | *O(c)*, none for up to 16 fields |
| [`Values::set`], [`Values::mark_present`] | *O(1)* (amortised) | at most one bit a scope |
| [`CompileError`]'s `Display` | at most 50 problems are written | |

Against a catalog of more than 64 scopes and fields, only the first 32
unknown names of a template get a "did you mean" (each compares the name
with every candidate). Every other function takes constant time, apart from `Clone`, `Debug`,
`PartialEq` and serialisation, which are linear in what they copy, show,
compare or write. A "did you mean" is computed
only for names of up to 64 characters, so a long unknown name costs no
more than reading it.

# Errors

[`CompileError`] lists every [`Problem`] with its [`Position`] (for an
unknown scope or field, the span of that name alone); [`RenderError`]
names the field and its placeholder's position, the link, or the limit,
or says that the [`Values`] were made for a catalog of another shape.
Messages are plain words, lower case, and say how to fix the problem
where they can.

# API stability

Types that may gain fields or variants in a minor release are marked
`#[non_exhaustive]` or keep their fields private:

- Configs built in code have constructors and setters: [`Catalog::new`],
  [`Scope::new`], [`Field::new`] with [`Field::with_max_chars`],
  [`Template::new`] with [`Template::with_description`], and
  [`Limits::default`] with its setters (`Limits::default()
  .max_placeholders(50)`). Their fields stay public to read and change.
- Results ([`Rendered`], [`Substitution`], [`Bounds`], [`Placeholder`],
  [`Position`], [`CompileError`], [`Problem`], [`CatalogProblem`]) are
  read through accessor methods.
- Enums ([`ProblemKind`], [`RenderError`], [`PlaceholderKind`],
  [`Filled`]) may gain variants, and their variants fields: match them
  with a wildcard arm (`_ => ...`) and `..` in struct variants.

[`Filled`] implements `Display` and `FromStr` with the same spellings.
The names [`CompileError`], [`Problem`], [`ProblemKind`] and [`Limits`]
are also used by other crates of this family with the same meaning;
write them with the crate's path (`sms_templates::Limits`) where several
are in scope.

# Dependencies

`serde` (the file formats and serialised results), `serde_json` and
`serde_path_to_error` (reading catalog files with the path of a bad
value), `thiserror` (the error types).

# Crate features

- `schemars`: `Catalog::json_schema` and `Template::json_schema`,
  and `schemars::JsonSchema` on [`Catalog`], [`Scope`], [`Field`],
  [`Template`] and [`Limits`]. It adds the `schemars` crate, the usual
  way to describe serde formats as JSON Schema.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod catalog;
mod error;
mod hash;
mod json;
mod names;
mod position;
mod render;
mod template;

pub use crate::catalog::{Catalog, CatalogProblem, Field, Scope, Slot};
pub use crate::error::{
    CatalogError, CompileError, Problem, ProblemKind, RenderError,
};
pub use crate::position::Position;
pub use crate::render::{
    Bounds, Filled, NoLinks, ParseFilledError, Record, Rendered, Shortener,
    Substitution, Values,
};
pub use crate::template::{
    CompiledTemplate, Limits, Placeholder, PlaceholderKind, Template,
};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

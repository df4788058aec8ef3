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
    template.render(&v, &NoLinks)?.text,
    "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia Z/2026/117."
);

// From a contact card there is no case: its variables render as nothing.
let mut v = Values::new(&catalog);
v.set(first_name, "Anna");
assert_eq!(
    template.render(&v, &NoLinks)?.text,
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
- [`Values`]: one recipient's values by slot. [`Shortener`]: the host's
  link shortener, with a declared maximum length.

# Rendering rules

- A scope that is absent renders its variables as nothing (seed 001).
- A field that is present but empty (or unset in a present scope) uses its
  fallback if it has one, else renders as nothing.
- Values are inserted as they are: SMS is plain text, nothing is escaped.
- A value longer than its field's `max_chars` is an error for that
  recipient, so the length bounds always hold.

# Input safety

[`Limits`] (with defaults) bound template size, placeholder count,
rendered size and batch size. Parsing and rendering are single passes.

# Errors

[`CompileError`] lists every [`Problem`] with its [`Position`] (for an
unknown scope or field, the span of that name alone); [`RenderError`]
names the field and its placeholder's position, the link, or the limit,
or says that the [`Values`] were made for a catalog of another shape.
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod catalog;
mod error;
mod position;
mod render;
mod template;

pub use crate::catalog::{Catalog, CatalogProblem, Field, Scope, Slot};
pub use crate::error::{CompileError, Problem, ProblemKind, RenderError};
pub use crate::position::Position;
pub use crate::render::{
    Bounds, Filled, NoLinks, Record, Rendered, Shortener, Substitution, Values,
};
pub use crate::template::{
    CompiledTemplate, Limits, Placeholder, PlaceholderKind, Template,
};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

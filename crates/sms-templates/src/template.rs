//! Templates: the source format, parsing, and compiling against a catalog.

use core::ops::Range;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Slot};
use crate::error::{CompileError, Problem, ProblemKind};
use crate::names::Names;
use crate::position::Lines;
use crate::Position;

/// A template as an agent saves it: a name, an optional description and a
/// body with placeholders.
///
/// The placeholder syntax:
///
/// | placeholder | meaning |
/// |---|---|
/// | `{{contact.first_name}}` | a variable: scope, dot, field |
/// | `{{contact.first_name \| "there"}}` | with a fallback for an empty value |
/// | `{{link "https://example.com/x"}}` | a short link to a fixed address |
/// | `{{link case.tracking_url}}` | a short link to an address from a field |
/// | `{{"{{"}}` | literal text, for braces |
///
/// Spaces inside the braces are free. In strings, `\"` is a quote and `\\`
/// a backslash. A single `{` or any `}` outside a placeholder is ordinary
/// text, also right next to one: `{{{contact.first_name}}}` is the name in
/// braces. There are no loops, conditions, includes or filters.
///
/// Build it with `Template::new` (and `with_description`), or load it
/// with serde.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(
    deny_unknown_fields,
    expecting = "a template: an object with \"name\", \"body\" and, if \
                 wanted, \"description\""
)]
#[non_exhaustive]
pub struct Template {
    /// The name agents pick it by.
    pub name: String,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The text with placeholders.
    pub body: String,
}

/// Limits on untrusted templates and renders, with their defaults.
///
/// It may gain fields: start from [`Limits::default`] and change what you
/// need with the setters. When deserialised, a missing field keeps its
/// default.
///
/// # Example
/// ```
/// use sms_templates::Limits;
///
/// let limits = Limits::default().max_placeholders(50).max_recipients(100);
/// assert_eq!(limits.max_placeholders, 50);
/// assert_eq!(limits.max_template_bytes, 16 * 1024);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(description = "Limits on untrusted templates and renders; \
        a missing field keeps its default.")
)]
#[serde(
    default,
    deny_unknown_fields,
    expecting = "limits: an object with any of \"max_template_bytes\", \
                 \"max_placeholders\", \"max_rendered_bytes\" and \
                 \"max_recipients\", each a whole number"
)]
#[non_exhaustive]
pub struct Limits {
    /// Bytes of template body (default 16 KiB).
    pub max_template_bytes: usize,
    /// Placeholders in a template (default 200).
    pub max_placeholders: usize,
    /// Bytes of rendered text (default 16 KiB; ten SMS parts are at most
    /// 1,530 characters).
    pub max_rendered_bytes: usize,
    /// Recipients in one batch (default 1000).
    pub max_recipients: usize,
}

impl Limits {
    /// With at most `bytes` bytes of template body.
    #[must_use]
    pub fn max_template_bytes(mut self, bytes: usize) -> Limits {
        self.max_template_bytes = bytes;
        self
    }

    /// With at most `count` placeholders in a template.
    #[must_use]
    pub fn max_placeholders(mut self, count: usize) -> Limits {
        self.max_placeholders = count;
        self
    }

    /// With at most `bytes` bytes of rendered text.
    #[must_use]
    pub fn max_rendered_bytes(mut self, bytes: usize) -> Limits {
        self.max_rendered_bytes = bytes;
        self
    }

    /// With at most `count` recipients in a batch.
    #[must_use]
    pub fn max_recipients(mut self, count: usize) -> Limits {
        self.max_recipients = count;
        self
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_template_bytes: 16 * 1024,
            max_placeholders: 200,
            max_rendered_bytes: 16 * 1024,
            max_recipients: 1000,
        }
    }
}

/// A placeholder of a compiled template, for introspection (an editor's
/// list of the variables used, say). It serialises as
/// `{"kind": {...}, "position": {...}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Placeholder {
    kind: PlaceholderKind,
    position: Position,
}

impl Placeholder {
    /// What it inserts.
    pub fn kind(&self) -> &PlaceholderKind {
        &self.kind
    }

    /// Where it is in the source, braces included.
    pub fn position(&self) -> &Position {
        &self.position
    }
}

/// What a placeholder inserts. More kinds may be added, and a kind may
/// gain fields: match with a wildcard arm and `..`.
///
/// It serialises with a `"type"` of `variable`, `link_to`, `link_from` or
/// `text` beside the kind's fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum PlaceholderKind {
    /// A variable, with its fallback for an empty value.
    #[non_exhaustive]
    Variable {
        /// The scope's name.
        scope: String,
        /// The field's name.
        field: String,
        /// Its slot in the catalog.
        slot: Slot,
        /// The fallback, if any.
        fallback: Option<String>,
    },
    /// A short link to a fixed address.
    #[non_exhaustive]
    LinkTo {
        /// The address.
        url: String,
    },
    /// A short link to the address in a field.
    #[non_exhaustive]
    LinkFrom {
        /// The scope's name.
        scope: String,
        /// The field's name.
        field: String,
        /// Its slot.
        slot: Slot,
    },
    /// Literal text (`{{"{{"}}`).
    #[non_exhaustive]
    Text {
        /// The text.
        text: String,
    },
}

/// What follows a piece's literal text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Then {
    /// Nothing: the piece is literal text only.
    Nothing,
    /// A variable (its fallback, if any, is in the mark).
    Var,
    /// A short link (its target is in the mark).
    Link,
}

/// The render loop's unit: literal text, then at most one placeholder,
/// with what the common case needs inline (so rendering a variable reads
/// one small record, and the mark only for fallbacks and links).
///
/// Offsets are `u32`: a template body is never over 4 GiB (see
/// [`Limits::max_template_bytes`]), and the compiled text is never longer
/// than the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The literal text: `start..end` of `CompiledTemplate::text`.
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) then: Then,
    /// The placeholder: an index into `marks`.
    pub(crate) mark: u32,
    /// The variable's (or link field's) slot and scope.
    pub(crate) slot: u32,
    pub(crate) scope: u32,
    /// The field's maximum in characters; `usize::MAX` for none.
    pub(crate) max: usize,
}

impl Piece {
    pub(crate) fn literal(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The field's maximum in characters, if the catalog bounds it.
    pub(crate) fn max_chars(&self) -> Option<usize> {
        (self.max != usize::MAX).then_some(self.max)
    }
}

/// `n` as a `u32` offset. Compiling refuses bodies over `u32::MAX` bytes
/// and catalogs over `u32::MAX` fields, so nothing saturates.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A template checked against a catalog, ready to render many times. It
/// is `Send + Sync` and cheap to share behind an `Arc`.
#[derive(Clone, Debug)]
pub struct CompiledTemplate {
    pub(crate) name: String,
    pub(crate) source: String,
    /// Literal text, fallbacks and fixed addresses, concatenated.
    pub(crate) text: String,
    pub(crate) pieces: Vec<Piece>,
    /// The placeholders, compactly (ranges into `source` and `text`).
    pub(crate) marks: Vec<Mark>,
    /// The placeholders as public values, built on first request.
    placeholders: std::sync::OnceLock<Vec<Placeholder>>,
    /// For each scope: its slots.
    pub(crate) scope_slots: Vec<Range<usize>>,
    pub(crate) limits: Limits,
    /// Whether a render could exceed the rendered-size limit (a field
    /// without a maximum, a link, or maximums adding up past it); when
    /// not, the per-value size checks are skipped.
    pub(crate) may_overflow: bool,
    /// The catalog's shape (see `Catalog::shape`).
    pub(crate) shape: u64,
    /// Each piece's literal text as its own string, split out on the
    /// first render: a render then copies literals without slicing `text`
    /// (whose character-boundary checks cost more than the copies on short
    /// pieces), and compiling stays one allocation a structure.
    literals: std::sync::OnceLock<Box<[Box<str>]>>,
}

impl Template {
    /// A template with no description.
    pub fn new(name: impl Into<String>, body: impl Into<String>) -> Template {
        Template { name: name.into(), description: None, body: body.into() }
    }

    /// The JSON Schema of a saved template: an object with a `name`, an
    /// optional `description` and a `body`; no other keys. A file of many
    /// templates is an array of these
    /// (`schemars::schema_for!(Vec<Template>)`).
    ///
    /// # Example
    /// ```
    /// let json = sms_templates::Template::json_schema();
    /// assert_eq!(json["additionalProperties"], false);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg(feature = "schemars")]
    pub fn json_schema() -> serde_json::Value {
        schemars::schema_for!(Template).to_value()
    }

    /// With a description of what it is for.
    #[must_use]
    pub fn with_description(
        mut self,
        description: impl Into<String>,
    ) -> Template {
        self.description = Some(description.into());
        self
    }

    /// Checks the template against `catalog` with the default limits.
    ///
    /// # Errors
    /// Every problem at once (see [`ProblemKind`]), each with its byte
    /// span, line and column: unclosed or empty placeholders, syntax
    /// errors, unknown scopes and fields (with a "did you mean"), limits.
    ///
    /// # Example
    /// ```
    /// use sms_templates::{Catalog, Template};
    ///
    /// let t = Template::new("hello", "Hi {{contact.frist_name}}!");
    /// let err = t.compile(&Catalog::standard()).unwrap_err();
    /// let p = &err.problems()[0];
    /// // The misspelled name, not the whole placeholder.
    /// assert_eq!(p.line_column(), Some((1, 14)));
    /// assert_eq!(&t.body[p.position().span()], "frist_name");
    /// assert!(p.to_string().contains(r#"did you mean "first_name"?"#));
    /// ```
    pub fn compile(
        &self,
        catalog: &Catalog,
    ) -> Result<CompiledTemplate, CompileError> {
        self.compile_with(catalog, Limits::default())
    }

    /// [`compile`](Self::compile) with other limits.
    ///
    /// # Errors
    /// As for [`compile`](Self::compile).
    pub fn compile_with(
        &self,
        catalog: &Catalog,
        limits: Limits,
    ) -> Result<CompiledTemplate, CompileError> {
        let src = self.body.as_str();
        let mut problems = Vec::new();
        // Offsets are `u32` (see `Piece`), whatever the limit says.
        let max_bytes = limits.max_template_bytes.min(u32::MAX as usize);
        if src.len() > max_bytes {
            problems.push(Problem::new(
                Position::new(src, 0..src.len()),
                ProblemKind::TooLong { bytes: src.len(), limit: max_bytes },
            ));
            return Err(CompileError::new(problems));
        }
        if catalog.len() > u32::MAX as usize {
            problems.push(Problem::new(
                Position::new(src, 0..0),
                ProblemKind::CatalogTooLarge {
                    fields: catalog.len(),
                    limit: u32::MAX as usize,
                },
            ));
            return Err(CompileError::new(problems));
        }
        let mut lines = Lines::new(src);
        let mut c = CompiledTemplate {
            name: self.name.clone(),
            source: src.to_string(),
            text: String::with_capacity(src.len()),
            pieces: Vec::with_capacity(16),
            marks: Vec::with_capacity(8),
            placeholders: std::sync::OnceLock::new(),
            may_overflow: true,
            shape: catalog.shape(),
            literals: std::sync::OnceLock::new(),
            scope_slots: {
                let mut at = 0;
                catalog
                    .scopes
                    .iter()
                    .map(|s| {
                        at += s.fields.len();
                        at - s.fields.len()..at
                    })
                    .collect()
            },
            limits,
        };
        let mut at = 0;
        // Where the next `}}` is, found once for every malformed
        // placeholder after it, so that compiling stays linear.
        let mut closes = Closes::new(src);
        let mut names = Names::new(catalog);
        while let Some(mut open) = find_open(src, at) {
            // In `{{{`, the first brace is text: the placeholder opens at
            // the last `{{` of a run of braces.
            while src[open + 2..].starts_with('{') {
                open += 1;
            }
            c.push_text(&src[at..open]);
            match parse_placeholder(src, open, &mut c.text, &mut closes) {
                Ok((expr, end)) => {
                    // Line and column are worked out only for problems;
                    // a placeholder keeps its span, and its position is
                    // found when asked for.
                    if let Err((kind, name)) =
                        c.add(expr, &mut names, open..end)
                    {
                        // About one name: point at it, not the whole
                        // placeholder.
                        let span = name.unwrap_or(open..end);
                        problems
                            .push(Problem::new(lines.position(span), kind));
                    }
                    at = end;
                }
                Err(_) if !closes_before_next(src, open, &mut closes) => {
                    // No `}}` before the next `{{` (or the end): braces
                    // most likely meant as text.
                    let position = lines.position(open..open + 2);
                    problems
                        .push(Problem::new(position, ProblemKind::Unclosed));
                    at = open + 2;
                }
                Err((span, kind, resume)) => {
                    problems.push(Problem::new(lines.position(span), kind));
                    at = resume;
                }
            }
        }
        c.push_text(&src[at..]);
        if c.marks.len() > limits.max_placeholders {
            problems.push(Problem::new(
                Position::new(src, 0..src.len()),
                ProblemKind::TooManyPlaceholders {
                    count: c.marks.len(),
                    limit: limits.max_placeholders,
                },
            ));
        }
        if problems.is_empty() {
            c.may_overflow = c
                .worst_case_bytes()
                .is_none_or(|b| b > limits.max_rendered_bytes);
            Ok(c)
        } else {
            problems.sort_by_key(|p| p.position().span().start);
            Err(CompileError::new(problems))
        }
    }
}

/// Equal when compiled from the same source against the same catalog and
/// limits (the caches behind [`CompiledTemplate::placeholders`] and the
/// literal pieces do not count).
impl PartialEq for CompiledTemplate {
    fn eq(&self, other: &CompiledTemplate) -> bool {
        self.name == other.name
            && self.source == other.source
            && self.text == other.text
            && self.pieces == other.pieces
            && self.marks == other.marks
            && self.scope_slots == other.scope_slots
            && self.limits == other.limits
            && self.may_overflow == other.may_overflow
            && self.shape == other.shape
    }
}

impl Eq for CompiledTemplate {}

/// A parsed placeholder, before the catalog is consulted: names are
/// ranges of the source, strings ranges of the compiled text.
enum Expr {
    Var {
        scope: Range<usize>,
        field: Range<usize>,
        fallback: Option<Range<usize>>,
    },
    LinkUrl(Range<usize>),
    LinkVar {
        scope: Range<usize>,
        field: Range<usize>,
    },
    Text(Range<usize>),
}

/// A placeholder, compactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Where it is in the source, braces included.
    pub(crate) span: Range<usize>,
    pub(crate) kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum MarkKind {
    Var {
        scope: Range<usize>,
        field: Range<usize>,
        slot: Slot,
        fallback: Option<Range<usize>>,
    },
    LinkTo(Range<usize>),
    LinkFrom {
        scope: Range<usize>,
        field: Range<usize>,
        slot: Slot,
    },
    Text(Range<usize>),
}

impl CompiledTemplate {
    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        self.push_text_piece(start..self.text.len());
    }

    /// Literal text `range` of `text`: merged into the last piece when
    /// that one has no placeholder yet and ends where `range` starts.
    fn push_text_piece(&mut self, range: Range<usize>) {
        let (start, end) = (narrow(range.start), narrow(range.end));
        if let Some(p) = self.pieces.last_mut() {
            if p.then == Then::Nothing && p.end == start {
                p.end = end;
                return;
            }
        }
        self.pieces.push(Piece {
            start,
            end,
            then: Then::Nothing,
            mark: 0,
            slot: 0,
            scope: 0,
            max: usize::MAX,
        });
    }

    /// A placeholder after the literal text pushed last.
    fn push_placeholder(&mut self, then: Then, r: &Resolved) {
        let mark = narrow(self.marks.len());
        let (slot, scope, max) = (r.slot.0, narrow(r.scope), r.max);
        match self.pieces.last_mut() {
            Some(p) if p.then == Then::Nothing => {
                *p = Piece { then, mark, slot, scope, max, ..*p };
            }
            _ => {
                let at = narrow(self.text.len());
                self.pieces.push(Piece {
                    start: at,
                    end: at,
                    then,
                    mark,
                    slot,
                    scope,
                    max,
                });
            }
        }
    }

    /// The slot and scope index of `scope.field` (ranges of `source`); or
    /// the problem and the span of the name it is about.
    fn resolve(
        &self,
        names: &mut Names<'_>,
        scope_span: &Range<usize>,
        field_span: &Range<usize>,
    ) -> Result<Resolved, AddError> {
        let scope = &self.source[scope_span.clone()];
        let field = &self.source[field_span.clone()];
        let whole = Some(scope_span.start..field_span.end);
        let Some(scope_index) = names.scope(scope) else {
            let suggestion = names.suggest_scope(scope);
            return Err((
                ProblemKind::UnknownScope { scope: scope.into(), suggestion },
                Some(scope_span.clone()),
            ));
        };
        // A name the catalog holds twice would be ambiguous.
        if let Some(p) = names.ambiguity(scope_index, field) {
            return Err((ProblemKind::Catalog(p), whole));
        }
        match names.field(scope_index, field) {
            Some(i) => {
                let before = self.scope_slots[scope_index].start;
                let max = names.max_chars(scope_index, i);
                Ok(Resolved {
                    slot: Slot(narrow(before + i)),
                    scope: scope_index,
                    max: max.unwrap_or(usize::MAX),
                })
            }
            None => {
                let suggestion = names.suggest_field(scope_index, field);
                Err((
                    ProblemKind::UnknownField {
                        scope: scope.into(),
                        field: field.into(),
                        suggestion,
                    },
                    Some(field_span.clone()),
                ))
            }
        }
    }

    fn add(
        &mut self,
        expr: Expr,
        names: &mut Names<'_>,
        span: Range<usize>,
    ) -> Result<(), AddError> {
        let kind = match expr {
            Expr::Text(r) => {
                // Literal text: part of the surrounding text.
                self.push_text_piece(r.clone());
                MarkKind::Text(r)
            }
            Expr::Var { scope, field, fallback } => {
                let r = self.resolve(names, &scope, &field)?;
                self.push_placeholder(Then::Var, &r);
                MarkKind::Var { scope, field, slot: r.slot, fallback }
            }
            Expr::LinkUrl(r) if r.is_empty() => {
                return Err((
                    ProblemKind::Syntax {
                        expected: "an address in the link",
                        found: "\"\"".into(),
                    },
                    None,
                ));
            }
            Expr::LinkUrl(r) => {
                // No slot: the address is in the mark.
                let none = Resolved { slot: Slot(0), scope: 0, max: 0 };
                self.push_placeholder(Then::Link, &none);
                MarkKind::LinkTo(r)
            }
            Expr::LinkVar { scope, field } => {
                let r = self.resolve(names, &scope, &field)?;
                self.push_placeholder(Then::Link, &r);
                MarkKind::LinkFrom { scope, field, slot: r.slot }
            }
        };
        self.marks.push(Mark { span, kind });
        Ok(())
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every placeholder, in source order, with what it inserts and where
    /// it is.
    pub fn placeholders(&self) -> &[Placeholder] {
        self.placeholders.get_or_init(|| {
            let src = |r: &Range<usize>| self.source[r.clone()].to_string();
            // Marks are in source order: one pass finds every position.
            let mut lines = Lines::new(&self.source);
            let text = |r: &Range<usize>| self.text[r.clone()].to_string();
            self.marks
                .iter()
                .map(|m| Placeholder {
                    position: lines.position(m.span.clone()),
                    kind: match &m.kind {
                        MarkKind::Var { scope, field, slot, fallback } => {
                            PlaceholderKind::Variable {
                                scope: src(scope),
                                field: src(field),
                                slot: *slot,
                                fallback: fallback.as_ref().map(text),
                            }
                        }
                        MarkKind::LinkTo(url) => {
                            PlaceholderKind::LinkTo { url: text(url) }
                        }
                        MarkKind::LinkFrom { scope, field, slot } => {
                            PlaceholderKind::LinkFrom {
                                scope: src(scope),
                                field: src(field),
                                slot: *slot,
                            }
                        }
                        MarkKind::Text(r) => {
                            PlaceholderKind::Text { text: text(r) }
                        }
                    },
                })
                .collect()
        })
    }

    /// Each piece's literal text, in order (see the `literals` field).
    pub(crate) fn literals(&self) -> &[Box<str>] {
        self.literals.get_or_init(|| {
            self.pieces.iter().map(|p| self.text[p.literal()].into()).collect()
        })
    }

    /// The limits it was compiled with.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The most bytes a render can write: literal text, and four bytes a
    /// character for values and fallbacks; `None` with a link or a field
    /// without a maximum.
    fn worst_case_bytes(&self) -> Option<usize> {
        let mut total = 0usize;
        for piece in &self.pieces {
            total = total.checked_add(piece.literal().len())?;
            total = total.checked_add(match piece.then {
                Then::Nothing => 0,
                Then::Var => {
                    let value = piece.max_chars()?;
                    let fallback = self.fallback(piece.mark as usize);
                    value.checked_mul(4)?.max(fallback.map_or(0, str::len))
                }
                Then::Link => return None,
            })?;
        }
        Some(total)
    }

    /// The position of placeholder `placeholder` in the source.
    pub(crate) fn position_of(&self, placeholder: usize) -> Position {
        let span =
            self.marks.get(placeholder).map_or(0..0, |m| m.span.clone());
        Position::new(&self.source, span)
    }

    /// The fallback of a variable placeholder, if it has one.
    pub(crate) fn fallback(&self, placeholder: usize) -> Option<&str> {
        match self.marks.get(placeholder).map(|m| &m.kind) {
            Some(MarkKind::Var { fallback: Some(r), .. }) => {
                self.text.get(r.clone())
            }
            _ => None,
        }
    }

    /// The fixed address of a link placeholder, if it has one.
    pub(crate) fn link_url(&self, placeholder: usize) -> Option<&str> {
        match self.marks.get(placeholder).map(|m| &m.kind) {
            Some(MarkKind::LinkTo(r)) => self.text.get(r.clone()),
            _ => None,
        }
    }

    /// `scope.field` of a variable or link placeholder.
    pub(crate) fn field_name(&self, placeholder: usize) -> String {
        match self.marks.get(placeholder).map(|m| &m.kind) {
            Some(
                MarkKind::Var { scope, field, .. }
                | MarkKind::LinkFrom { scope, field, .. },
            ) => format!(
                "{}.{}",
                &self.source[scope.clone()],
                &self.source[field.clone()]
            ),
            _ => String::new(),
        }
    }
}

type ParseError = (Range<usize>, ProblemKind, usize);

/// A placeholder the catalog refuses, and the span of the name it is
/// about (`None`: the whole placeholder).
type AddError = (ProblemKind, Option<Range<usize>>);

/// A `scope.field` found in the catalog: its slot, its scope's index, and
/// its maximum in characters (`usize::MAX`: none).
struct Resolved {
    slot: Slot,
    scope: usize,
    max: usize,
}

/// Whether a `}}` comes after the `{{` at `open` before the next `{{`.
fn closes_before_next(src: &str, open: usize, closes: &mut Closes) -> bool {
    let next = find_open(src, open + 2).unwrap_or(src.len());
    // A `}}` that starts before a `{{` also ends before it.
    closes.next(open + 2).is_some_and(|close| close < next)
}

/// The first `}}` that starts at or after `from` and ends by `to`.
fn find_close(src: &str, from: usize, to: usize) -> Option<usize> {
    let hay = src.as_bytes().get(from..to)?;
    steps::add(hay.len());
    hay.windows(2).position(|w| w == b"}}").map(|i| from + i)
}

/// The next `}}` at or after a position, remembered: each byte is
/// searched about once over a compile, however many malformed
/// placeholders ask (a search from every one to the end would make
/// compiling quadratic in the body).
struct Closes<'s> {
    src: &'s str,
    /// No `}}` starts in `from..found` (`found` = the end when `None`).
    from: usize,
    found: Option<usize>,
}

impl<'s> Closes<'s> {
    fn new(src: &'s str) -> Closes<'s> {
        // Nothing searched yet: an empty stretch at the end.
        Closes { src, from: src.len(), found: None }
    }

    /// The first `}}` that starts at or after `at`.
    fn next(&mut self, at: usize) -> Option<usize> {
        let len = self.src.len();
        if at >= self.from {
            if self.found.is_none_or(|f| at <= f) {
                return self.found;
            }
            // Past the one found: search on from `at`.
            self.from = at;
            self.found = find_close(self.src, at, len);
        } else {
            // Before the stretch known to be free of `}}`: search only
            // up to it (a `}}` may straddle its start).
            if let Some(f) = find_close(self.src, at, (self.from + 1).min(len))
            {
                self.found = Some(f);
            }
            self.from = at;
        }
        self.found
    }
}

/// Counts the work of compiling (bytes searched for `}}`, catalog names
/// looked at), so a test can check that it stays linear without timing
/// it.
#[cfg(test)]
pub(crate) mod steps {
    use std::cell::Cell;

    thread_local!(static STEPS: Cell<usize> = const { Cell::new(0) });

    pub(crate) fn add(n: usize) {
        STEPS.with(|s| s.set(s.get() + n));
    }

    /// The count so far on this thread.
    pub(crate) fn get() -> usize {
        STEPS.with(Cell::get)
    }
}

#[cfg(not(test))]
pub(crate) mod steps {
    #[inline(always)]
    pub(crate) fn add(_: usize) {}
}

/// The next `{{` at or after `from`.
fn find_open(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    while let Some(k) = bytes.get(i..)?.iter().position(|&b| b == b'{') {
        let at = i + k;
        if bytes.get(at + 1) == Some(&b'{') {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Parses the placeholder opening at `open` (`{{`): the expression and the
/// byte after its `}}`; or the problem, its span and where to go on.
/// Strings are decoded onto the end of `text`.
fn parse_placeholder<'s>(
    src: &'s str,
    open: usize,
    text: &mut String,
    closes: &mut Closes<'s>,
) -> Result<(Expr, usize), ParseError> {
    let mut p = Cursor { src, at: open + 2, closes };
    p.spaces();
    if p.rest().starts_with("}}") {
        return Err((open..p.at + 2, ProblemKind::Empty, p.at + 2));
    }
    let expr = if p.rest().starts_with('"') {
        Expr::Text(p.string(open, text)?)
    } else {
        let word_start = p.at;
        let word = p.ident();
        if &src[word] == "link" && p.rest().starts_with([' ', '\t']) {
            p.spaces();
            if p.rest().starts_with('"') {
                Expr::LinkUrl(p.string(open, text)?)
            } else {
                let (scope, field) = p.path(open)?;
                Expr::LinkVar { scope, field }
            }
        } else {
            p.at = word_start;
            let (scope, field) = p.path(open)?;
            p.spaces();
            let fallback = if p.rest().starts_with('|') {
                p.at += 1;
                p.spaces();
                if !p.rest().starts_with('"') {
                    return Err(p.syntax("a quoted fallback after `|`", open));
                }
                Some(p.string(open, text)?)
            } else {
                None
            };
            Expr::Var { scope, field, fallback }
        }
    };
    p.spaces();
    if p.rest().starts_with("}}") {
        return Ok((expr, p.at + 2));
    }
    if p.closes.next(p.at).is_none() {
        return Err((open..open + 2, ProblemKind::Unclosed, src.len()));
    }
    Err(p.syntax("`}}`", open))
}

struct Cursor<'s, 'c> {
    src: &'s str,
    at: usize,
    closes: &'c mut Closes<'s>,
}

impl Cursor<'_, '_> {
    fn rest(&self) -> &str {
        &self.src[self.at..]
    }

    fn spaces(&mut self) {
        let n = self.rest().len()
            - self.rest().trim_start_matches([' ', '\t']).len();
        self.at += n;
    }

    fn ident(&mut self) -> Range<usize> {
        let start = self.at;
        let bytes = self.rest().as_bytes();
        let n = bytes
            .iter()
            .enumerate()
            .find(|&(i, &b)| {
                !(b == b'_' || b.is_ascii_alphanumeric())
                    || (i == 0 && b.is_ascii_digit())
            })
            .map_or(bytes.len(), |(i, _)| i);
        self.at += n;
        start..self.at
    }

    /// A problem at the cursor; resume after the placeholder's `}}` (or at
    /// the end).
    fn syntax(&mut self, expected: &'static str, open: usize) -> ParseError {
        let found: String = self.rest().chars().take(12).collect();
        let resume =
            self.closes.next(self.at).map_or(self.src.len(), |i| i + 2);
        let end = resume.max(open + 2).min(self.src.len());
        (open..end, ProblemKind::Syntax { expected, found }, resume)
    }

    fn path(
        &mut self,
        open: usize,
    ) -> Result<(Range<usize>, Range<usize>), ParseError> {
        let scope = self.ident();
        if scope.is_empty() {
            return Err(self.syntax(
                "a variable such as contact.first_name, a link or a string",
                open,
            ));
        }
        if !self.rest().starts_with('.') {
            return Err(
                self.syntax("`.` and a field name after the scope", open)
            );
        }
        self.at += 1;
        let field = self.ident();
        if field.is_empty() {
            return Err(self.syntax("a field name after `.`", open));
        }
        Ok((scope, field))
    }

    /// A quoted string, decoded onto the end of `out`: its range there.
    fn string(
        &mut self,
        open: usize,
        out: &mut String,
    ) -> Result<Range<usize>, ParseError> {
        let begin = out.len();
        self.at += 1;
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += i + 1;
                    return Ok(begin..out.len());
                }
                '\\' => match chars.next() {
                    Some((_, e @ ('"' | '\\'))) => out.push(e),
                    Some((_, e)) => {
                        out.push('\\');
                        out.push(e);
                    }
                    None => break,
                },
                _ => out.push(c),
            }
        }
        out.truncate(begin);
        Err((
            open..self.src.len(),
            ProblemKind::UnclosedString,
            self.src.len(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes searched while compiling `body` with limits that let
    /// every byte and placeholder through.
    fn steps_to_compile(body: &str) -> usize {
        let limits = Limits::default()
            .max_template_bytes(usize::MAX)
            .max_placeholders(usize::MAX);
        let before = steps::get();
        let err = Template::new("t", body)
            .compile_with(&Catalog::standard(), limits)
            .unwrap_err();
        assert!(!err.problems().is_empty());
        steps::get() - before
    }

    /// The work of compiling `p` placeholders, known and unknown, against
    /// a catalog of `c` scopes.
    fn steps_with_catalog(c: usize, p: usize) -> usize {
        let catalog = Catalog::new(
            (0..c)
                .map(|i| {
                    let fields = vec![crate::Field::new("f")];
                    crate::Scope::new(format!("s{i}"), fields)
                })
                .collect(),
        );
        let body: String = (0..p)
            .map(|i| match i % 3 {
                0 => format!("{{{{s{}.f}}}}", c - 1),
                1 => format!("{{{{zz{i}.f}}}}"),
                _ => format!("{{{{s{}.nope{i}}}}}", c / 2),
            })
            .collect();
        let limits = Limits::default()
            .max_template_bytes(usize::MAX)
            .max_placeholders(usize::MAX);
        let before = steps::get();
        let err = Template::new("t", body)
            .compile_with(&catalog, limits)
            .unwrap_err();
        assert_eq!(err.problems().len(), p * 2 / 3);
        steps::get() - before
    }

    #[test]
    fn compiling_against_a_large_catalog_is_linear() {
        // Looking every name up by a scan of the catalog would make twice
        // the catalog and twice the placeholders four times the work.
        let n = steps_with_catalog(1_000, 1_500);
        let n2 = steps_with_catalog(2_000, 3_000);
        assert!(n2 <= 2 * n + 64, "{n} for 1,000 scopes, {n2} for 2,000");
        // A small catalog is scanned: a constant a name.
        let small = steps_with_catalog(10, 300);
        assert!(small <= 300 * 2 * 64, "{small}");
    }

    #[test]
    fn compiling_malformed_placeholders_is_linear() {
        // Each `{{ a ` is a syntax problem with no `}}` anywhere after it;
        // a search for one that went to the end each time would make
        // twice the text four times the work.
        for piece in ["{{ a ", "{{a.", "{{a.b |", "{{link ", "{{\"x\" "] {
            let n = steps_to_compile(&piece.repeat(2_000));
            let n2 = steps_to_compile(&piece.repeat(4_000));
            assert!(
                n2 <= 2 * n + 64,
                "{piece:?}: {n} bytes searched for 2,000, {n2} for 4,000"
            );
            assert!(n <= 4 * piece.len() * 2_000, "{piece:?}: {n}");
        }
    }
}

//! Errors: every problem of a template at once, each with its position;
//! render errors name the recipient's field or the link.

use core::fmt;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{CatalogProblem, Position};

/// The most problems [`CompileError`]'s `Display` lists one a line; the
/// rest are counted.
const SHOWN: usize = 50;

/// A template that did not compile: every problem found, in source order.
///
/// Its `Display` reads `invalid template: {problem}` for one problem, and
/// for several a count and then one numbered line each (at most 50, then
/// how many more). It serialises as `{"problems": [...]}` (see
/// [`Problem`]), ready to send to an editor.
///
/// # Example
/// ```
/// use sms_templates::{Catalog, Template};
///
/// let err = Template::new("t", "{{contcat.first_name}} {{}}")
///     .compile(&Catalog::standard())
///     .unwrap_err();
/// assert_eq!(err.problems().len(), 2);
/// assert_eq!(
///     err.to_string(),
///     "invalid template: 2 problems:\n  \
///      1. body: unknown scope \"contcat\"; did you mean \"contact\"? \
///      (line 1, column 3)\n  \
///      2. body: empty placeholder; write a variable such as \
///      {{contact.first_name}} (line 1, column 24)",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    problems: Vec<Problem>,
}

impl CompileError {
    /// An error of `problems` (at least one).
    pub(crate) fn new(problems: Vec<Problem>) -> CompileError {
        debug_assert!(!problems.is_empty());
        CompileError { problems }
    }

    /// Every problem, in source order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// Every problem, in source order, owned.
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl<'e> IntoIterator for &'e CompileError {
    type Item = &'e Problem;
    type IntoIter = core::slice::Iter<'e, Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.problems.iter()
    }
}

/// `{what}: {problem}` for one problem; for several, a count and one
/// numbered line each, at most [`SHOWN`] of them.
fn write_problems<P: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    what: &str,
    problems: &[P],
) -> fmt::Result {
    match problems {
        [one] => write!(f, "{what}: {one}"),
        all => {
            write!(f, "{what}: {} problems:", all.len())?;
            for (i, p) in all.iter().take(SHOWN).enumerate() {
                write!(f, "\n  {}. {p}", i + 1)?;
            }
            if all.len() > SHOWN {
                write!(f, "\n  … and {} more", all.len() - SHOWN)?;
            }
            Ok(())
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problems(f, "invalid template", &self.problems)
    }
}

/// A catalog file that could not be read or used: every problem found
/// ([`Catalog::from_json`](crate::Catalog::from_json)).
///
/// Its `Display` reads `invalid catalog: {problem}` for one problem, and
/// for several a count and one numbered line each (at most 50). It
/// serialises as `{"problems": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CatalogError {
    problems: Vec<CatalogProblem>,
}

impl CatalogError {
    pub(crate) fn new(problems: Vec<CatalogProblem>) -> CatalogError {
        debug_assert!(!problems.is_empty());
        CatalogError { problems }
    }

    /// Every problem, in file order.
    pub fn problems(&self) -> &[CatalogProblem] {
        &self.problems
    }

    /// Every problem, owned.
    pub fn into_problems(self) -> Vec<CatalogProblem> {
        self.problems
    }
}

impl<'e> IntoIterator for &'e CatalogError {
    type Item = &'e CatalogProblem;
    type IntoIter = core::slice::Iter<'e, CatalogProblem>;

    fn into_iter(self) -> Self::IntoIter {
        self.problems.iter()
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problems(f, "invalid catalog", &self.problems)
    }
}

impl std::error::Error for CatalogError {}

impl Serialize for RenderError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("RenderError", 1)?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

impl std::error::Error for CompileError {}

impl Serialize for CompileError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CompileError", 1)?;
        st.serialize_field("problems", &self.problems)?;
        st.end()
    }
}

/// One problem in a template: where it is and what it is.
///
/// Its `Display` reads `{path}: {kind} (line L, column C)`, the line and
/// column being those of the template's body. It serialises as
/// `{"path", "message", "line", "column", "column_utf16", "start", "end"}`
/// (`start..end` is the byte span in the body; columns count from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    position: Position,
    kind: ProblemKind,
}

impl Problem {
    pub(crate) fn new(position: Position, kind: ProblemKind) -> Problem {
        Problem { position, kind }
    }

    /// Where the problem is from the template's root: `body` for every
    /// problem in the body; empty for a catalog too large to use.
    pub fn path(&self) -> &str {
        match self.kind {
            ProblemKind::CatalogTooLarge { .. } => "",
            _ => "body",
        }
    }

    /// Whether the problem is about the whole body (or the catalog), not
    /// a place in it.
    fn is_whole(&self) -> bool {
        matches!(
            self.kind,
            ProblemKind::TooLong { .. }
                | ProblemKind::TooManyPlaceholders { .. }
                | ProblemKind::CatalogTooLarge { .. }
        )
    }

    /// What the problem is.
    pub fn kind(&self) -> &ProblemKind {
        &self.kind
    }

    /// Line and column (in characters) in the body, both from 1; `None`
    /// for a problem about the whole body (too long, too many
    /// placeholders).
    pub fn line_column(&self) -> Option<(usize, usize)> {
        if self.is_whole() {
            return None;
        }
        Some((self.position.line(), self.position.column()))
    }

    /// Where it is in the body: byte span, line and column (also in
    /// UTF-16 units, for web editors). For an unknown scope or field, the
    /// span of that name alone.
    pub fn position(&self) -> &Position {
        &self.position
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path() {
            "" => write!(f, "{}", self.kind)?,
            path => write!(f, "{path}: {}", self.kind)?,
        }
        if let Some((line, column)) = self.line_column() {
            write!(f, " (line {line}, column {column})")?;
        }
        Ok(())
    }
}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.position;
        let mut st = s.serialize_struct("Problem", 7)?;
        st.serialize_field("path", self.path())?;
        st.serialize_field("message", &self.kind.to_string())?;
        st.serialize_field("line", &p.line())?;
        st.serialize_field("column", &p.column())?;
        st.serialize_field("column_utf16", &p.column_utf16())?;
        st.serialize_field("start", &p.span().start)?;
        st.serialize_field("end", &p.span().end)?;
        st.end()
    }
}

/// What a text shows in a message: itself quoted, or "the end".
fn found_words(text: &str) -> String {
    if text.is_empty() {
        "the end of the template".to_string()
    } else {
        format!("{text:?}")
    }
}

/// The kinds of [`Problem`]. More may be added: match with a wildcard arm.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// `{{` with no `}}` after it.
    #[error(
        "placeholder is not closed; add `}}}}` (to write `{{{{` as text, \
         use {{{{\"{{{{\"}}}})"
    )]
    Unclosed,
    /// `{{}}` or only spaces.
    #[error(
        "empty placeholder; write a variable such as {{{{contact.first_name}}}}"
    )]
    Empty,
    /// A string with no closing quote.
    #[error("text in quotes is not closed; add `\"`")]
    UnclosedString,
    /// Something that is not a variable, a link or a string.
    #[error("expected {expected}, found {}", found_words(found))]
    #[non_exhaustive]
    Syntax {
        /// What would have been valid here.
        expected: &'static str,
        /// The next few characters found instead (empty at the end of the
        /// template).
        found: String,
    },
    /// A scope the catalog does not have.
    #[error(
        "unknown scope {scope:?}{}",
        suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default()
    )]
    #[non_exhaustive]
    UnknownScope {
        /// The scope written.
        scope: String,
        /// The closest known scope.
        suggestion: Option<String>,
    },
    /// A field its scope does not have.
    #[error(
        "unknown field {field:?} in scope {scope:?}{}",
        suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default()
    )]
    #[non_exhaustive]
    UnknownField {
        /// The scope.
        scope: String,
        /// The field written.
        field: String,
        /// The closest field of that scope.
        suggestion: Option<String>,
    },
    /// The catalog itself has a problem (see
    /// [`Catalog::problems`](crate::Catalog::problems)).
    #[error("the catalog is invalid at {0}")]
    Catalog(crate::CatalogProblem),
    /// A body longer than [`Limits::max_template_bytes`](crate::Limits).
    #[error(
        "the template is {bytes} bytes long; at most {limit} bytes are allowed"
    )]
    #[non_exhaustive]
    TooLong {
        /// Its length in bytes.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// More placeholders than
    /// [`Limits::max_placeholders`](crate::Limits).
    #[error(
        "the template has {count} placeholders; at most {limit} are allowed"
    )]
    #[non_exhaustive]
    TooManyPlaceholders {
        /// How many.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A catalog with more fields than a template can address
    /// (4,294,967,295).
    #[error("the catalog has {fields} fields; at most {limit} are supported")]
    #[non_exhaustive]
    CatalogTooLarge {
        /// How many fields it has.
        fields: usize,
        /// The most supported.
        limit: usize,
    },
}

/// A render that failed for one recipient. More variants may be added:
/// match with a wildcard arm.
///
/// It serialises as `{"message": "..."}` (its `Display`), for a host that
/// logs or reports a batch's failures.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A value longer than its field's `max_chars` in the catalog.
    #[error(
        "the value of {field} is {chars} characters long; the catalog allows \
         at most {max} (placeholder at {position})"
    )]
    #[non_exhaustive]
    ValueTooLong {
        /// `scope.field`.
        field: String,
        /// The placeholder that inserts it.
        position: Position,
        /// Its length in characters.
        chars: usize,
        /// The catalog's limit.
        max: usize,
    },
    /// The link shortener failed.
    #[error("the link at {position} could not be shortened: {message}")]
    #[non_exhaustive]
    Link {
        /// The link placeholder.
        position: Position,
        /// What the shortener said.
        message: String,
    },
    /// The shortener returned a link longer than it declared.
    #[error(
        "the shortener returned a link of {chars} characters, but declared \
         at most {max}"
    )]
    #[non_exhaustive]
    LinkTooLong {
        /// Its length.
        chars: usize,
        /// The declared maximum.
        max: usize,
    },
    /// The rendered text would exceed the rendered-size limit.
    #[error("the message would be longer than the limit of {limit} bytes")]
    #[non_exhaustive]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// [`Values`](crate::Values) made for a catalog of another shape than
    /// the template was compiled against.
    #[error(
        "the values were made for another catalog than the template's; make \
         them with Values::new on the catalog the template was compiled \
         against"
    )]
    CatalogMismatch,
    /// A batch larger than the recipient limit.
    #[error(
        "a batch of {count} recipients is more than the limit of {limit}; \
         split it"
    )]
    #[non_exhaustive]
    TooManyRecipients {
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

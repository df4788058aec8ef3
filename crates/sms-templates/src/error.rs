//! Errors: every problem of a template at once, each with its position;
//! render errors name the recipient's field or the link.

use core::fmt;

use crate::Position;

/// A template that did not compile: every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub(crate) problems: Vec<Problem>,
}

impl CompileError {
    /// Every problem, in source order.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.as_slice() {
            [one] => write!(f, "invalid template: {one}"),
            all => {
                write!(f, "invalid template: {} problems:", all.len())?;
                for p in all {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CompileError {}

/// One problem in a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub position: Position,
    /// What it is.
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.kind)
    }
}

/// The kinds of [`Problem`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// `{{` with no `}}` after it.
    #[error("placeholder is not closed; add `}}}}` (for literal braces write {{{{\"{{{{\"}}}})")]
    Unclosed,
    /// `{{}}` or only spaces.
    #[error("empty placeholder; write a variable such as {{{{contact.first_name}}}}")]
    Empty,
    /// A string literal with no closing quote.
    #[error("string is not closed; add `\"`")]
    UnclosedString,
    /// Something that is not a variable, a link or a string.
    #[error("expected {expected}, found {found:?}")]
    Syntax {
        /// What would have been valid here.
        expected: &'static str,
        /// What was found.
        found: String,
    },
    /// A scope the catalog does not have.
    #[error(
        "unknown scope {scope:?}{}",
        suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default()
    )]
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
    #[error("the catalog is invalid: {0}")]
    Catalog(crate::CatalogProblem),
    /// A documented limit was exceeded.
    #[error("{what}: {count} exceeds the limit of {limit}")]
    Limit {
        /// What is counted.
        what: &'static str,
        /// How many.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

/// A render that failed for one recipient.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A value longer than its field's `max_chars` in the catalog.
    #[error("{field} at {position} is {chars} characters long; the catalog allows {max}")]
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
    #[error("shortening the link at {position} failed: {message}")]
    Link {
        /// The link placeholder.
        position: Position,
        /// What the shortener said.
        message: String,
    },
    /// The shortener returned a link longer than it declared.
    #[error("the short link is {chars} characters; the shortener declared at most {max}")]
    LinkTooLong {
        /// Its length.
        chars: usize,
        /// The declared maximum.
        max: usize,
    },
    /// The rendered text would exceed the rendered-size limit.
    #[error("the rendered text exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// [`Values`](crate::Values) made for a catalog of another shape than
    /// the template was compiled against.
    #[error("the values were made for another catalog than the template's; make them with Values::new on the catalog the template was compiled against")]
    CatalogMismatch,
    /// A batch larger than the recipient limit.
    #[error("{count} recipients exceed the batch limit of {limit}")]
    TooManyRecipients {
        /// How many were given.
        count: usize,
        /// The limit.
        limit: usize,
    },
}

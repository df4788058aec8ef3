//! Rendering: values per recipient, links, provenance, batches, previews
//! and length bounds.

use core::cell::{Cell, RefCell};
use core::fmt;
use core::ops::Range;
use core::str::FromStr;

use serde::{Serialize, Serializer};

use crate::catalog::{Catalog, Slot};
use crate::error::RenderError;
use crate::template::{CompiledTemplate, Piece, Then};

/// One recipient's values, by catalog slot. A scope is present as soon as
/// one of its fields is set (or [`Values::mark_present`] says so); the
/// variables of an absent scope render as nothing.
///
/// Up to 16 fields live inline, so filling one per recipient does not
/// allocate; [`Values::clear`] readies it for the next.
///
/// Values remember the shape of their catalog (how many scopes, and how
/// many fields each has): a template compiled against a catalog of
/// another shape refuses them with [`RenderError::CatalogMismatch`]
/// rather than reading the wrong fields. Two catalogs of the same shape
/// but other names cannot be told apart this way; a host that has such
/// catalogs keeps their values apart itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Values<'a> {
    len: usize,
    scopes: usize,
    shape: u64,
    inline: [Option<&'a str>; INLINE],
    heap: Vec<Option<&'a str>>,
    /// Scopes marked present without a value: a bit each, 64 a word.
    marked: Vec<u64>,
}

/// Fields kept inline in [`Values`].
const INLINE: usize = 16;

impl<'a> Values<'a> {
    /// Empty values for `catalog`: every scope absent.
    pub fn new(catalog: &Catalog) -> Values<'a> {
        let len = catalog.len();
        Values {
            len,
            scopes: catalog.scopes.len(),
            shape: catalog.shape(),
            inline: [None; INLINE],
            heap: if len > INLINE { vec![None; len] } else { Vec::new() },
            marked: Vec::new(),
        }
    }

    #[inline]
    fn slots(&self) -> &[Option<&'a str>] {
        if self.len > INLINE {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }

    #[inline]
    fn slots_mut(&mut self) -> &mut [Option<&'a str>] {
        if self.len > INLINE {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }

    /// Sets a field's value (an empty string is an empty value, which a
    /// fallback replaces); its scope is then present. A slot outside the
    /// catalog is ignored.
    #[inline]
    pub fn set(&mut self, slot: Slot, value: &'a str) -> &mut Values<'a> {
        if let Some(v) = self.slots_mut().get_mut(slot.index()) {
            *v = Some(value);
        }
        self
    }

    /// Marks a scope present without setting a value: its unset fields
    /// are then empty (and use their fallbacks), where an absent scope's
    /// render as nothing. `scope` is the catalog's index of the scope
    /// ([`Catalog::scope_index`]); one outside the catalog is ignored.
    ///
    /// # Example
    /// ```
    /// use sms_templates::{Catalog, NoLinks, Template, Values};
    ///
    /// let catalog = Catalog::standard();
    /// let t = Template::new("t", r#"Case {{case.number | "pending"}}"#)
    ///     .compile(&catalog)?;
    /// let mut v = Values::new(&catalog);
    /// assert_eq!(t.render(&v, &NoLinks)?.text(), "Case ");
    /// v.mark_present(catalog.scope_index("case").unwrap());
    /// assert_eq!(t.render(&v, &NoLinks)?.text(), "Case pending");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mark_present(&mut self, scope: usize) -> &mut Values<'a> {
        if scope < self.scopes {
            let word = scope / 64;
            if self.marked.len() <= word {
                self.marked.resize(word + 1, 0);
            }
            self.marked[word] |= 1 << (scope % 64);
        }
        self
    }

    /// Forgets every value, for reuse with the next recipient.
    #[inline]
    pub fn clear(&mut self) {
        self.slots_mut().iter_mut().for_each(|v| *v = None);
        self.marked.clear();
    }

    /// The value of a slot, if set.
    #[inline]
    pub(crate) fn get(&self, slot: usize) -> Option<&'a str> {
        self.slots().get(slot).copied().flatten()
    }

    /// Whether `scope`, holding `slots`, is present.
    pub(crate) fn present(&self, scope: usize, slots: &Range<usize>) -> bool {
        self.slots()
            .get(slots.clone())
            .is_some_and(|s| s.iter().any(Option::is_some))
            || self
                .marked
                .get(scope / 64)
                .is_some_and(|w| w >> (scope % 64) & 1 == 1)
    }
}

/// Where a render records its substitutions: a `Vec`, or nowhere (`()`,
/// so the fastest renders compile the bookkeeping away).
trait Provenance {
    fn record(
        &mut self,
        range: Range<usize>,
        placeholder: usize,
        filled: Filled,
    );
}

impl Provenance for () {
    #[inline]
    fn record(&mut self, _: Range<usize>, _: usize, _: Filled) {}
}

impl Provenance for Vec<Substitution> {
    #[inline]
    fn record(
        &mut self,
        range: Range<usize>,
        placeholder: usize,
        filled: Filled,
    ) {
        self.push(Substitution { range, placeholder, filled });
    }
}

/// A recipient's data read in place, by slot: implement it on the host's
/// own type to render without filling [`Values`] (the fastest way).
///
/// # Example
/// ```
/// use sms_templates::{Catalog, NoLinks, Record, Slot, Template};
///
/// struct Customer { name: String, case: Option<String> }
///
/// impl Record for Customer {
///     fn value(&self, slot: Slot) -> Option<&str> {
///         match slot.index() {
///             0 => Some(&self.name),               // contact.first_name
///             4 => self.case.as_deref(),           // case.number
///             _ => None,
///         }
///     }
///     fn has_scope(&self, scope: usize) -> bool {
///         match scope {
///             0 => true,                           // contact
///             1 => self.case.is_some(),            // case
///             _ => false,
///         }
///     }
/// }
///
/// let catalog = Catalog::standard();
/// let t = Template::new("t", "Hi {{contact.first_name}}, case {{case.number}}.")
///     .compile(&catalog)?;
/// let anna = Customer { name: "Anna".into(), case: None };
/// assert_eq!(t.render_record(&anna, &NoLinks)?.text(), "Hi Anna, case .");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Record {
    /// The value of the field at `slot`, if the recipient has one.
    fn value(&self, slot: Slot) -> Option<&str>;

    /// Whether the recipient has the scope with this index in the catalog
    /// (see [`Catalog::scope_index`]); an absent scope renders nothing.
    fn has_scope(&self, scope: usize) -> bool;
}

/// What rendering reads values through.
pub(crate) trait Lookup {
    /// Whether a set value implies that its scope is present (so presence
    /// need only be asked about a field that is unset or empty).
    const VALUE_IMPLIES_PRESENT: bool;
    fn get(&self, slot: usize) -> Option<&str>;
    fn scope_present(&self, scope: usize, slots: &Range<usize>) -> bool;
}

impl Lookup for Values<'_> {
    const VALUE_IMPLIES_PRESENT: bool = true;
    fn get(&self, slot: usize) -> Option<&str> {
        Values::get(self, slot)
    }

    fn scope_present(&self, scope: usize, slots: &Range<usize>) -> bool {
        self.present(scope, slots)
    }
}

/// A [`Record`] seen as a [`Lookup`].
struct ByRecord<'r, R: ?Sized>(&'r R);

impl<R: Record + ?Sized> Lookup for ByRecord<'_, R> {
    // The host's `has_scope` decides, whatever `value` says.
    const VALUE_IMPLIES_PRESENT: bool = false;
    fn get(&self, slot: usize) -> Option<&str> {
        self.0.value(Slot(slot as u32))
    }

    fn scope_present(&self, scope: usize, _: &Range<usize>) -> bool {
        self.0.has_scope(scope)
    }
}

/// Turns addresses into short links. The host implements it; the
/// library never does I/O. Its declared maximum length makes the rendered
/// length known before any link is shortened.
pub trait Shortener {
    /// The longest short link it returns, in characters.
    fn max_chars(&self) -> usize;

    /// The short link for `url`.
    ///
    /// # Errors
    /// Whatever the host's shortener reports, as a message.
    fn shorten(&self, url: &str) -> Result<String, String>;
}

/// A [`Shortener`] for templates without links: any link is an error.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoLinks;

impl Shortener for NoLinks {
    fn max_chars(&self) -> usize {
        0
    }

    fn shorten(&self, _: &str) -> Result<String, String> {
        Err("no link shortener is configured".to_string())
    }
}

/// How a placeholder was filled. More ways may be added: match with a
/// wildcard arm.
///
/// `Display`, `FromStr` and serde share the spellings `value`,
/// `fallback`, `empty`, `absent scope` and `link`.
///
/// # Example
/// ```
/// use sms_templates::Filled;
///
/// assert_eq!(Filled::AbsentScope.to_string(), "absent scope");
/// assert_eq!("fallback".parse::<Filled>(), Ok(Filled::Fallback));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Filled {
    /// With the recipient's value.
    Value,
    /// With the fallback: the value was empty.
    Fallback,
    /// With nothing: the value was empty and there is no fallback.
    Empty,
    /// With nothing: the scope is absent.
    AbsentScope,
    /// With a short link.
    Link,
}

impl Filled {
    /// Every way, in declaration order.
    const ALL: [Filled; 5] = [
        Filled::Value,
        Filled::Fallback,
        Filled::Empty,
        Filled::AbsentScope,
        Filled::Link,
    ];

    /// The spelling of `Display`, `FromStr` and serde.
    fn as_str(self) -> &'static str {
        match self {
            Filled::Value => "value",
            Filled::Fallback => "fallback",
            Filled::Empty => "empty",
            Filled::AbsentScope => "absent scope",
            Filled::Link => "link",
        }
    }
}

impl fmt::Display for Filled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Filled {
    type Err = ParseFilledError;

    fn from_str(s: &str) -> Result<Filled, ParseFilledError> {
        Filled::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| ParseFilledError { found: s.to_string() })
    }
}

impl Serialize for Filled {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A text that names no way of [`Filled`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{found:?} is not a way a placeholder is filled; write value, fallback, \
     empty, absent scope or link"
)]
pub struct ParseFilledError {
    found: String,
}

/// Which bytes of the output came from which placeholder. It serialises
/// as `{"range": {"start", "end"}, "placeholder", "filled"}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Substitution {
    range: Range<usize>,
    placeholder: usize,
    filled: Filled,
}

impl Substitution {
    /// Byte range in the rendered text (empty when nothing was inserted).
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// Index into [`CompiledTemplate::placeholders`].
    pub fn placeholder(&self) -> usize {
        self.placeholder
    }

    /// How it was filled.
    pub fn filled(&self) -> Filled {
        self.filled
    }
}

/// A rendered message with its provenance. It serialises as
/// `{"text", "substitutions": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rendered {
    text: String,
    substitutions: Vec<Substitution>,
}

impl Rendered {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// One entry per variable and link placeholder, in order.
    pub fn substitutions(&self) -> &[Substitution] {
        &self.substitutions
    }

    /// The text, owned.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// The range of rendered lengths, in characters, before rendering anyone.
/// It serialises as `{"min_chars", "max_chars"}` (`null`: unbounded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Bounds {
    min_chars: usize,
    max_chars: Option<usize>,
}

impl Bounds {
    /// The shortest possible text.
    pub fn min_chars(&self) -> usize {
        self.min_chars
    }

    /// The longest possible text; `None` if a field has no maximum.
    pub fn max_chars(&self) -> Option<usize> {
        self.max_chars
    }
}

impl CompiledTemplate {
    /// Renders for one recipient into `out` (appending), without
    /// provenance: the fastest form.
    ///
    /// # Errors
    /// See [`RenderError`]: a value over its field's maximum, a link that
    /// failed or is longer than declared, the rendered-size limit.
    pub fn render_to(
        &self,
        values: &Values<'_>,
        links: &dyn Shortener,
        out: &mut String,
    ) -> Result<(), RenderError> {
        self.check_shape(values)?;
        out.reserve(self.size_hint());
        self.render_impl(values, links, out, &mut ())
    }

    /// [`render_to`](Self::render_to) for a [`Record`] read in place.
    ///
    /// # Errors
    /// As for [`render_to`](Self::render_to).
    pub fn render_record_to<R: Record + ?Sized>(
        &self,
        record: &R,
        links: &dyn Shortener,
        out: &mut String,
    ) -> Result<(), RenderError> {
        out.reserve(self.size_hint());
        self.render_impl(&ByRecord(record), links, out, &mut ())
    }

    /// [`render`](Self::render) for a [`Record`] read in place.
    ///
    /// # Errors
    /// As for [`render_to`](Self::render_to).
    pub fn render_record<R: Record + ?Sized>(
        &self,
        record: &R,
        links: &dyn Shortener,
    ) -> Result<Rendered, RenderError> {
        let mut text = String::with_capacity(self.size_hint());
        let mut substitutions = Vec::with_capacity(self.marks.len());
        self.render_impl(
            &ByRecord(record),
            links,
            &mut text,
            &mut substitutions,
        )?;
        Ok(Rendered { text, substitutions })
    }

    /// Refuses values made for a catalog of another shape.
    fn check_shape(&self, values: &Values<'_>) -> Result<(), RenderError> {
        if values.shape != self.shape {
            return Err(RenderError::CatalogMismatch);
        }
        Ok(())
    }

    /// A guess at a rendered text's size, for one allocation.
    fn size_hint(&self) -> usize {
        self.text.len() + 16 * self.marks.len()
    }

    /// Renders for one recipient, with which bytes came from which
    /// placeholder.
    ///
    /// # Errors
    /// As for [`render_to`](Self::render_to).
    ///
    /// # Example
    /// ```
    /// use sms_templates::{Catalog, NoLinks, Template, Values};
    ///
    /// let catalog = Catalog::standard();
    /// let t = Template::new(
    ///     "ack",
    ///     "Witaj {{contact.first_name}}! Potwierdzamy przyjęcie zgłoszenia {{case.number}}.",
    /// )
    /// .compile(&catalog)?;
    /// let mut v = Values::new(&catalog);
    /// v.set(catalog.slot("contact", "first_name").unwrap(), "Anna");
    /// // Sent from a contact card: there is no case.
    /// let r = t.render(&v, &NoLinks)?;
    /// assert_eq!(r.text(), "Witaj Anna! Potwierdzamy przyjęcie zgłoszenia .");
    /// assert_eq!(&r.text()[r.substitutions()[0].range()], "Anna");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(
        &self,
        values: &Values<'_>,
        links: &dyn Shortener,
    ) -> Result<Rendered, RenderError> {
        self.check_shape(values)?;
        let mut text = String::with_capacity(self.size_hint());
        let mut substitutions = Vec::with_capacity(self.marks.len());
        self.render_impl(values, links, &mut text, &mut substitutions)?;
        Ok(Rendered { text, substitutions })
    }

    /// Renders for many recipients: each gets its text or its own
    /// error; one bad recipient never stops the others.
    ///
    /// # Errors
    /// [`RenderError::TooManyRecipients`] if there are more recipients
    /// than [`Limits::max_recipients`](crate::Limits).
    pub fn render_batch(
        &self,
        recipients: &[Values<'_>],
        links: &dyn Shortener,
    ) -> Result<Vec<Result<Rendered, RenderError>>, RenderError> {
        if recipients.len() > self.limits.max_recipients {
            return Err(RenderError::TooManyRecipients {
                count: recipients.len(),
                limit: self.limits.max_recipients,
            });
        }
        Ok(recipients.iter().map(|v| self.render(v, links)).collect())
    }

    /// The text with every variable and link left as written, for a bulk
    /// preview; literal-text placeholders show their text.
    pub fn preview(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        for piece in &self.pieces {
            out.push_str(&self.text[piece.literal()]);
            if piece.then != Then::Nothing {
                let mark = &self.marks[piece.mark as usize];
                out.push_str(&self.source[mark.span.clone()]);
            }
        }
        out
    }

    /// The shortest and longest rendered text, in characters, from the
    /// catalog's field maximums and the shortener's declared maximum.
    /// Every render's length lies within them.
    pub fn length_bounds(&self, links: &dyn Shortener) -> Bounds {
        let mut min = 0;
        let mut max = Some(0usize);
        for piece in &self.pieces {
            let n = self.text[piece.literal()].chars().count();
            let hi = match piece.then {
                Then::Nothing => Some(0),
                Then::Var => {
                    let fallback = self.fallback(piece.mark as usize);
                    let fb = fallback.map_or(0, |f| f.chars().count());
                    // An absent scope renders nothing.
                    piece.max_chars().map(|m| m.max(fb))
                }
                Then::Link => Some(links.max_chars()),
            };
            min += n;
            max = max.zip(hi).map(|(a, b)| a + n + b);
        }
        Bounds { min_chars: min, max_chars: max }
    }

    /// Renders, leaving `out` as it was if anything fails.
    fn render_impl<L: Lookup + ?Sized, S: Provenance>(
        &self,
        values: &L,
        links: &dyn Shortener,
        out: &mut String,
        subs: &mut S,
    ) -> Result<(), RenderError> {
        let base = out.len();
        match self.write(values, links, out, subs) {
            Ok(()) => Ok(()),
            Err(e) => {
                out.truncate(base);
                Err(e)
            }
        }
    }

    #[inline]
    fn write<L: Lookup + ?Sized, S: Provenance>(
        &self,
        values: &L,
        links: &dyn Shortener,
        out: &mut String,
        subs: &mut S,
    ) -> Result<(), RenderError> {
        let base = out.len();
        // Whether each scope is present, asked at most once a render (so a
        // render costs at most one pass over the catalog's fields): two
        // bits a scope for the first 64 (asked, present), then a byte a
        // scope, allocated only for larger catalogs. With `Values`, a set
        // field's scope is present, so the question is asked only of
        // unset and empty fields.
        let asked = Cell::new(0u64);
        let yes = Cell::new(0u64);
        let far: RefCell<Vec<u8>> = RefCell::new(Vec::new());
        let is_present = |scope: usize| -> bool {
            let ask = || values.scope_present(scope, &self.scope_slots[scope]);
            if scope < 64 {
                let bit = 1u64 << scope;
                if asked.get() & bit == 0 {
                    asked.set(asked.get() | bit);
                    if ask() {
                        yes.set(yes.get() | bit);
                    }
                }
                yes.get() & bit != 0
            } else {
                let mut far = far.borrow_mut();
                if far.is_empty() {
                    far.resize(self.scope_slots.len().saturating_sub(64), 0);
                }
                match far.get_mut(scope - 64) {
                    Some(known @ 0) => {
                        *known = 1 + u8::from(ask());
                        *known == 2
                    }
                    Some(known) => *known == 2,
                    None => ask(),
                }
            }
        };
        for (piece, literal) in self.pieces.iter().zip(self.literals()) {
            out.push_str(literal);
            let start = out.len();
            let filled = match piece.then {
                Then::Nothing => continue,
                Then::Var => {
                    let scope = piece.scope as usize;
                    let value =
                        if L::VALUE_IMPLIES_PRESENT || is_present(scope) {
                            values.get(piece.slot as usize)
                        } else {
                            None
                        };
                    match value {
                        Some(v) if !v.is_empty() => {
                            // Bytes bound characters from above.
                            if v.len() > piece.max {
                                self.check_length(piece, v)?;
                            }
                            if self.may_overflow {
                                self.room(out.len() - base, v.len())?;
                            }
                            out.push_str(v);
                            Filled::Value
                        }
                        _ if !is_present(scope) => Filled::AbsentScope,
                        _ => match self.fallback(piece.mark as usize) {
                            Some(f) => {
                                out.push_str(f);
                                Filled::Fallback
                            }
                            None => Filled::Empty,
                        },
                    }
                }
                Then::Link => self.write_link(
                    piece,
                    values,
                    &is_present,
                    links,
                    out,
                    base,
                )?,
            };
            subs.record(start..out.len(), piece.mark as usize, filled);
        }
        // Values and links were checked before they were written; this
        // catches the template's own text.
        self.room(out.len() - base, 0)
    }

    /// Refuses a value with more characters than its field allows.
    #[cold]
    fn check_length(&self, piece: &Piece, v: &str) -> Result<(), RenderError> {
        let chars = v.chars().count();
        if chars > piece.max {
            return Err(too_long(self, piece.mark as usize, chars, piece.max));
        }
        Ok(())
    }

    /// Writes a link placeholder: its address shortened by `links`.
    fn write_link<L: Lookup + ?Sized>(
        &self,
        piece: &Piece,
        values: &L,
        is_present: &dyn Fn(usize) -> bool,
        links: &dyn Shortener,
        out: &mut String,
        base: usize,
    ) -> Result<Filled, RenderError> {
        let mark = piece.mark as usize;
        let url = match self.link_url(mark) {
            Some(url) => url,
            None if !is_present(piece.scope as usize) => {
                return Ok(Filled::AbsentScope)
            }
            None => match values.get(piece.slot as usize) {
                Some(url) if !url.is_empty() => url,
                _ => return Ok(Filled::Empty),
            },
        };
        let short = links.shorten(url).map_err(|message| {
            RenderError::Link { position: self.position_of(mark), message }
        })?;
        let chars = short.chars().count();
        if chars > links.max_chars() {
            return Err(RenderError::LinkTooLong {
                chars,
                max: links.max_chars(),
            });
        }
        self.room(out.len() - base, short.len())?;
        out.push_str(&short);
        Ok(Filled::Link)
    }

    /// Whether `more` bytes fit after `written` within the rendered-size
    /// limit.
    fn room(&self, written: usize, more: usize) -> Result<(), RenderError> {
        if written + more > self.limits.max_rendered_bytes {
            return Err(RenderError::TooLarge {
                limit: self.limits.max_rendered_bytes,
            });
        }
        Ok(())
    }

    /// The `scope.field` names the template uses, in order of first use.
    ///
    /// Linear in the number of placeholders.
    pub fn variables(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for i in 0..self.marks.len() {
            let name = self.field_name(i);
            if !name.is_empty() && seen.insert(name.clone()) {
                out.push(name);
            }
        }
        out
    }
}

fn too_long(
    t: &CompiledTemplate,
    placeholder: usize,
    chars: usize,
    max: usize,
) -> RenderError {
    RenderError::ValueTooLong {
        field: t.field_name(placeholder),
        position: t.position_of(placeholder),
        chars,
        max,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_display_and_from_str_round_trip() {
        for f in Filled::ALL {
            // A new variant fails to compile here until it is in `ALL`.
            match f {
                Filled::Value
                | Filled::Fallback
                | Filled::Empty
                | Filled::AbsentScope
                | Filled::Link => {}
            }
            assert_eq!(f.to_string().parse::<Filled>(), Ok(f));
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::String(f.to_string())
            );
        }
        let err = "Value".parse::<Filled>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"Value\" is not a way a placeholder is filled; write value, \
             fallback, empty, absent scope or link"
        );
    }
}

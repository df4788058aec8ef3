//! The templates target's model mode: a template built from known pieces
//! (literal text, variables with and without fallbacks, links to fixed
//! addresses and from fields, literal-text placeholders), a catalog other
//! than the standard one, limits and recipients, all from the fuzz bytes.
//! The output of every render path is compared with what a small model
//! written here says: the literal pieces with the values between them.

use std::cell::Cell;

use sms_templates::{
    Catalog, CompiledTemplate, Field, Filled, Limits, PlaceholderKind,
    ProblemKind, Record, RenderError, Scope, Shortener, Slot, Template,
    Values,
};

/// Reads the fuzz bytes a little at a time; zeros once they run out.
struct Bytes<'d> {
    data: &'d [u8],
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }

    fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// Text pieces: braces, quotes, backslashes, spaces, newlines, Polish,
/// an emoji, something that looks like a placeholder's inside, and the
/// word that makes the model's shortener fail.
const WORDS: [&str; 13] = [
    "Anna",
    "",
    "Zażółć",
    "😀",
    "{",
    "}",
    "\"",
    "\\",
    " ",
    "a\nb",
    "contact.first_name",
    "|",
    "fail",
];

/// A recipient's values for the model, by scope and field.
#[derive(Debug)]
struct Recipient {
    present: Vec<bool>,
    values: Vec<Vec<Option<String>>>,
}

/// One piece of a generated template, with what the model needs.
#[derive(Debug)]
enum Piece {
    Literal(String),
    Var { scope: usize, field: usize, fallback: Option<String> },
    LinkTo(String),
    LinkFrom { scope: usize, field: usize },
    Text(String),
}

/// A string as the template syntax writes it, in quotes.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Spaces the syntax allows inside braces.
fn spaces(b: &mut Bytes) -> &'static str {
    ["", " ", "  ", "\t"][b.below(4)]
}

/// The catalog: up to four scopes of up to four fields, names `s0`,
/// `f0`..., some fields with a maximum and some without; sometimes
/// followed by 70 more scopes the template does not use (a catalog that
/// large is looked up by hashing rather than scanning).
fn catalog(b: &mut Bytes) -> Catalog {
    let scopes = 1 + b.below(4);
    let padding = if b.below(4) == 0 { 70 } else { 0 };
    let mut catalog = Catalog::new(
        (0..scopes)
            .map(|s| {
                let fields = 1 + b.below(4);
                Scope::new(
                    format!("s{s}"),
                    (0..fields)
                        .map(|f| {
                            let field = Field::new(format!("f{f}"));
                            match b.below(4) {
                                0 => field,
                                n => field.with_max_chars(n * 4),
                            }
                        })
                        .collect(),
                )
            })
            .collect(),
    );
    for i in 0..padding {
        catalog
            .scopes
            .push(Scope::new(format!("p{i}"), vec![Field::new("f")]));
    }
    catalog
}

/// A literal piece: words joined, with no `{{` inside (the model's
/// literal text must be literal; a brace next to a placeholder stays).
fn literal(b: &mut Bytes) -> String {
    let mut s: String =
        (0..b.below(4)).map(|_| WORDS[b.below(WORDS.len())]).collect();
    while s.contains("{{") {
        s = s.replace("{{", "{");
    }
    s
}

/// The pieces and the body they spell.
fn template(b: &mut Bytes, catalog: &Catalog) -> (Vec<Piece>, String) {
    let mut pieces = Vec::new();
    let mut body = String::new();
    for _ in 0..b.below(12) {
        let text = literal(b);
        body.push_str(&text);
        pieces.push(Piece::Literal(text));
        let s = b.below(catalog.scopes.len());
        let f = b.below(catalog.scopes[s].fields.len());
        let scope = &catalog.scopes[s];
        let name = format!("{}.{}", scope.name, scope.fields[f].name);
        let (open, close) = (spaces(b), spaces(b));
        let piece = match b.below(5) {
            0 => Piece::Var { scope: s, field: f, fallback: None },
            1 => Piece::Var { scope: s, field: f, fallback: Some(literal(b)) },
            2 => Piece::LinkTo(format!("https://ex.com/{}", literal(b))),
            3 => Piece::LinkFrom { scope: s, field: f },
            _ => Piece::Text(literal(b)),
        };
        let inside = match &piece {
            Piece::Var { fallback: None, .. } => name,
            Piece::Var { fallback: Some(fb), .. } => {
                format!("{name}{}|{}{}", spaces(b), spaces(b), quoted(fb))
            }
            Piece::LinkTo(url) => format!("link{} {}", spaces(b), quoted(url)),
            Piece::LinkFrom { .. } => format!("link {}{name}", spaces(b)),
            Piece::Text(text) => quoted(text),
            Piece::Literal(_) => unreachable!(),
        };
        body.push_str(&format!("{{{{{open}{inside}{close}}}}}"));
        pieces.push(piece);
    }
    let text = literal(b);
    body.push_str(&text);
    pieces.push(Piece::Literal(text));
    (pieces, body)
}

/// Limits: mostly generous, sometimes tight enough to refuse.
fn limits(b: &mut Bytes) -> Limits {
    let tight = b.byte();
    let pick = |bit: u8, small: usize, large: usize| {
        if tight >> bit & 1 == 1 {
            small
        } else {
            large
        }
    };
    Limits::default()
        .max_template_bytes(pick(0, 40 + usize::from(tight), 1 << 20))
        .max_placeholders(pick(1, usize::from(tight >> 4), 1000))
        .max_rendered_bytes(pick(2, 20 + usize::from(tight), 1 << 20))
        .max_recipients(pick(3, 2, 100))
}

fn recipient(b: &mut Bytes, catalog: &Catalog) -> Recipient {
    let present: Vec<bool> =
        catalog.scopes.iter().map(|_| b.below(4) != 0).collect();
    let values = catalog
        .scopes
        .iter()
        .zip(&present)
        .map(|(s, &here)| {
            s.fields
                .iter()
                .map(|_| match b.below(5) {
                    0 => None,
                    // Values cannot tell a set field from a present scope,
                    // so absent scopes have no values.
                    _ if !here => None,
                    _ => Some(literal(b)),
                })
                .collect()
        })
        .collect();
    Recipient { present, values }
}

/// The model's shortener: `https://s.ex/` and the address's length, at
/// most 20 characters; an address with `fail` in it fails.
struct Short;

impl Shortener for Short {
    fn max_chars(&self) -> usize {
        20
    }

    fn shorten(&self, url: &str) -> Result<String, String> {
        if url.contains("fail") {
            return Err("the shortener is down".into());
        }
        Ok(format!("https://s.ex/{}", url.len() % 1000))
    }
}

/// What the model expects of a render: the text and each substitution's
/// text and way, or that it fails.
#[derive(Debug, PartialEq)]
struct Expected {
    text: String,
    subs: Vec<(String, Filled)>,
    fails: bool,
}

fn model(
    pieces: &[Piece],
    catalog: &Catalog,
    who: &Recipient,
    limits: &Limits,
) -> Expected {
    let mut text = String::new();
    let mut subs = Vec::new();
    let mut fails = false;
    for piece in pieces {
        let (inserted, filled) = match piece {
            Piece::Literal(s) | Piece::Text(s) => {
                text.push_str(s);
                continue;
            }
            Piece::Var { scope, field, fallback } => {
                let value = who.values[*scope][*field].as_deref();
                match value {
                    _ if !who.present[*scope] => {
                        (String::new(), Filled::AbsentScope)
                    }
                    Some(v) if !v.is_empty() => {
                        let max = catalog.scopes[*scope].fields[*field]
                            .max_chars
                            .unwrap_or(usize::MAX);
                        fails |= v.chars().count() > max;
                        (v.to_string(), Filled::Value)
                    }
                    _ => match fallback {
                        Some(f) => (f.clone(), Filled::Fallback),
                        None => (String::new(), Filled::Empty),
                    },
                }
            }
            Piece::LinkTo(url) => match Short.shorten(url) {
                Ok(s) => (s, Filled::Link),
                Err(_) => {
                    fails = true;
                    (String::new(), Filled::Link)
                }
            },
            Piece::LinkFrom { scope, field } => {
                let url = who.values[*scope][*field].as_deref();
                match url {
                    _ if !who.present[*scope] => {
                        (String::new(), Filled::AbsentScope)
                    }
                    Some(u) if !u.is_empty() => match Short.shorten(u) {
                        Ok(s) => (s, Filled::Link),
                        Err(_) => {
                            fails = true;
                            (String::new(), Filled::Link)
                        }
                    },
                    _ => (String::new(), Filled::Empty),
                }
            }
        };
        text.push_str(&inserted);
        subs.push((inserted, filled));
    }
    fails |= text.len() > limits.max_rendered_bytes;
    Expected { text, subs, fails }
}

/// The recipient as `Values`.
fn values<'v>(catalog: &Catalog, who: &'v Recipient) -> Values<'v> {
    let mut v = Values::new(catalog);
    for (s, scope) in catalog.scopes.iter().enumerate() {
        if who.present[s] {
            v.mark_present(s);
        }
        for (f, field) in scope.fields.iter().enumerate() {
            if let Some(value) = &who.values[s][f] {
                let slot = catalog.slot(&scope.name, &field.name);
                v.set(slot.expect("the catalog's own field"), value);
            }
        }
    }
    v
}

/// The recipient as a host's own type read through `Record`, counting
/// how often it is asked about scopes.
struct Host<'r> {
    who: &'r Recipient,
    /// The first slot of each scope.
    starts: Vec<usize>,
    asked: Cell<usize>,
}

impl Record for Host<'_> {
    fn value(&self, slot: Slot) -> Option<&str> {
        let s = self.starts.iter().rposition(|&at| at <= slot.index())?;
        let f = slot.index() - self.starts[s];
        self.who.values.get(s)?.get(f)?.as_deref()
    }

    fn has_scope(&self, scope: usize) -> bool {
        self.asked.set(self.asked.get() + 1);
        self.who.present.get(scope).copied().unwrap_or(false)
    }
}

fn check_render(
    t: &CompiledTemplate,
    pieces: &[Piece],
    catalog: &Catalog,
    who: &Recipient,
    limits: &Limits,
) {
    let want = model(pieces, catalog, who, limits);
    let v = values(catalog, who);
    let got = t.render(&v, &Short);
    assert_eq!(got.is_err(), want.fails, "{got:?} but the model: {want:?}");
    // `render_to` appends, and leaves the buffer as it was on an error.
    let mut out = String::from("kept:");
    let fast = t.render_to(&v, &Short, &mut out);
    assert_eq!(fast.is_err(), want.fails);
    let mut starts = Vec::new();
    let mut at = 0;
    for s in &catalog.scopes {
        starts.push(at);
        at += s.fields.len();
    }
    let host = Host { who, starts, asked: Cell::new(0) };
    let mut by_record = String::from("kept:");
    let record = t.render_record_to(&host, &Short, &mut by_record);
    assert_eq!(record.is_err(), want.fails);
    assert!(host.asked.get() <= catalog.scopes.len());
    let Ok(r) = got else {
        assert_eq!(out, "kept:");
        assert_eq!(by_record, "kept:");
        return;
    };
    assert_eq!(r.text(), want.text);
    assert_eq!(out, format!("kept:{}", want.text));
    assert_eq!(by_record, out);
    let subs: Vec<(String, Filled)> = r
        .substitutions()
        .iter()
        .map(|s| (r.text()[s.range()].to_string(), s.filled()))
        .collect();
    assert_eq!(subs, want.subs);
    let by_record = t.render_record(&host, &Short).expect("renders");
    assert_eq!(by_record, r);
    let bounds = t.length_bounds(&Short);
    let n = want.text.chars().count();
    assert!(bounds.min_chars() <= n);
    assert!(bounds.max_chars().is_none_or(|m| n <= m));
}

/// The names of field `field` of the scope at `scope`.
fn names(catalog: &Catalog, scope: usize, field: usize) -> (String, String) {
    let s = &catalog.scopes[scope];
    (s.name.clone(), s.fields[field].name.clone())
}

/// The model mode of the templates target (see the module docs).
pub fn check_templates_model(data: &[u8]) {
    let mut b = Bytes { data };
    let catalog = catalog(&mut b);
    let limits = limits(&mut b);
    let (pieces, body) = template(&mut b, &catalog);
    let placeholders =
        pieces.iter().filter(|p| !matches!(p, Piece::Literal(_))).count();
    let compiled =
        Template::new("fuzz", body.as_str()).compile_with(&catalog, limits);
    let t = match compiled {
        Err(err) if body.len() > limits.max_template_bytes => {
            assert!(matches!(
                err.problems(),
                [p] if matches!(p.kind(), ProblemKind::TooLong { .. })
            ));
            return;
        }
        Err(err) if placeholders > limits.max_placeholders => {
            assert!(matches!(
                err.problems(),
                [p] if matches!(p.kind(), ProblemKind::TooManyPlaceholders { .. })
            ));
            return;
        }
        Err(err) => panic!("{body:?} is valid, but: {err}"),
        Ok(t) => t,
    };
    assert!(body.len() <= limits.max_template_bytes);
    assert!(placeholders <= limits.max_placeholders);

    // Introspection and the preview, from the pieces.
    let mut preview = String::new();
    let mut at = 0;
    let mut kinds = t.placeholders().iter();
    for piece in &pieces {
        if let Piece::Literal(s) = piece {
            preview.push_str(s);
            at += s.len();
            continue;
        }
        let p = kinds.next().expect("one placeholder a piece");
        let span = p.position().span();
        assert_eq!(span.start, at, "{body:?}");
        let source = &body[span.clone()];
        at = span.end;
        match (piece, p.kind()) {
            (
                Piece::Var { scope, field, fallback },
                PlaceholderKind::Variable {
                    scope: s,
                    field: f,
                    fallback: fb,
                    ..
                },
            ) => {
                assert_eq!(
                    (s, f),
                    (
                        &names(&catalog, *scope, *field).0,
                        &names(&catalog, *scope, *field).1
                    )
                );
                assert_eq!(fb, fallback);
                preview.push_str(source);
            }
            (Piece::LinkTo(url), PlaceholderKind::LinkTo { url: u, .. }) => {
                assert_eq!(u, url);
                preview.push_str(source);
            }
            (
                Piece::LinkFrom { scope, field },
                PlaceholderKind::LinkFrom { scope: s, field: f, .. },
            ) => {
                assert_eq!(
                    (s, f),
                    (
                        &names(&catalog, *scope, *field).0,
                        &names(&catalog, *scope, *field).1
                    )
                );
                preview.push_str(source);
            }
            (Piece::Text(text), PlaceholderKind::Text { text: x, .. }) => {
                assert_eq!(x, text);
                preview.push_str(text);
            }
            (piece, kind) => panic!("{piece:?} compiled as {kind:?}"),
        }
    }
    assert!(kinds.next().is_none());
    assert_eq!(t.preview(), preview);

    // Recipients, one at a time and as a batch.
    let mut recipients = vec![recipient(&mut b, &catalog)];
    while !b.is_empty() && recipients.len() < 4 {
        recipients.push(recipient(&mut b, &catalog));
    }
    for who in &recipients {
        check_render(&t, &pieces, &catalog, who, &limits);
    }
    let batch: Vec<Values> =
        recipients.iter().map(|who| values(&catalog, who)).collect();
    match t.render_batch(&batch, &Short) {
        Err(RenderError::TooManyRecipients { count, limit, .. }) => {
            assert_eq!((count, limit), (batch.len(), limits.max_recipients));
            assert!(batch.len() > limits.max_recipients);
        }
        Err(e) => panic!("a batch fails only when too large: {e}"),
        Ok(results) => {
            assert!(batch.len() <= limits.max_recipients);
            for (result, v) in results.iter().zip(&batch) {
                assert_eq!(result, &t.render(v, &Short));
            }
        }
    }
}

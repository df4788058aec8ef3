//! The JSON form of settings, written without recursion and in time
//! linear in their size: the tree's objects are opened and closed from an
//! explicit stack; only the small values inside a node (a prompt, a
//! forward's fields) go through `serde_json`.
//!
//! The output is the same as `serde_json`'s for the same settings
//! (pretty: two spaces an indent level), except that indentation stops
//! growing after [`MAX_INDENT`] levels: the text of a deep tree would
//! otherwise grow with the square of its depth. JSON nested that deep is
//! beyond what the reader accepts anyway.

use serde::Serialize;

use crate::settings::{Node, NodeKind, Settings};
use crate::tree::count_work;

/// What comes next in the output.
enum Part<'a> {
    Node(&'a Node),
    Open,
    Close,
    Key(&'a str),
    /// A value that holds no node, as JSON text (pretty text starts
    /// its lines at indent level 0).
    Leaf(String),
}

/// The deepest indentation of pretty output, in levels: `serde_json`'s
/// reader stops at 128 levels of nesting.
pub(crate) const MAX_INDENT: usize = 128;

struct Writer {
    out: String,
    pretty: bool,
    /// For each open object: whether it has no entry yet.
    open: Vec<bool>,
    /// A key was just written: the value follows on the same line.
    after_key: bool,
}

impl Writer {
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.open.len().min(MAX_INDENT) {
                self.out.push_str("  ");
            }
        }
    }

    fn open(&mut self) {
        self.after_key = false;
        self.out.push('{');
        self.open.push(true);
    }

    fn close(&mut self) {
        let empty = self.open.pop().unwrap_or(true);
        if !empty {
            self.newline();
        }
        self.out.push('}');
    }

    fn key(&mut self, key: &str) {
        if let Some(first) = self.open.last_mut() {
            if !*first {
                self.out.push(',');
            }
            *first = false;
        }
        self.newline();
        // A string always serializes.
        self.out.push_str(&serde_json::to_string(key).unwrap_or_default());
        self.out.push_str(if self.pretty { ": " } else { ":" });
        self.after_key = true;
    }

    fn leaf(&mut self, text: &str) {
        self.after_key = false;
        if self.pretty && text.contains('\n') {
            // JSON text has no raw line break inside a string: each one
            // starts a line, indented to this level.
            let mut indent = String::from("\n");
            for _ in 0..self.open.len().min(MAX_INDENT) {
                indent.push_str("  ");
            }
            self.out.push_str(&text.replace('\n', &indent));
        } else {
            self.out.push_str(text);
        }
    }
}

/// A value that holds no node as JSON text, pretty or compact.
fn leaf<T: Serialize>(value: &T, pretty: bool) -> String {
    // The values inside a node are strings, enums with string forms and
    // small structs of them: they always serialize.
    if pretty {
        serde_json::to_string_pretty(value).unwrap_or_default()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    }
}

/// Queues a node's parts, in order, onto `later`.
fn node_parts<'a>(n: &'a Node, pretty: bool, later: &mut Vec<Part<'a>>) {
    later.push(Part::Open);
    later.push(Part::Key(n.kind.name()));
    match &n.kind {
        NodeKind::Menu(m) => {
            later.push(Part::Open);
            later.push(Part::Key("prompt"));
            later.push(Part::Leaf(leaf(&m.prompt, pretty)));
            later.push(Part::Key("keys"));
            later.push(Part::Open);
            for (k, v) in &m.keys {
                later.push(Part::Key(k.as_str()));
                later.push(match v {
                    Some(c) => Part::Node(c),
                    None => Part::Leaf("null".to_string()),
                });
            }
            later.push(Part::Close);
            if let Some(c) = &m.nothing_selected {
                later.push(Part::Key("nothing_selected"));
                later.push(Part::Node(c));
            }
            if m.extension_dialing {
                later.push(Part::Key("extension_dialing"));
                later.push(Part::Leaf("true".to_string()));
            }
            later.push(Part::Close);
        }
        NodeKind::Message(p) => later.push(Part::Leaf(leaf(p, pretty))),
        NodeKind::ForwardToNumber(f) => {
            later.push(Part::Leaf(leaf(f, pretty)))
        }
        NodeKind::ForwardToEmployee(f) => {
            later.push(Part::Leaf(leaf(f, pretty)))
        }
        NodeKind::ForwardToDepartment(f) => {
            later.push(Part::Leaf(leaf(f, pretty)))
        }
        NodeKind::Voicemail(m) | NodeKind::Fax(m) => {
            later.push(Part::Leaf(leaf(m, pretty)))
        }
        NodeKind::GoTo(g) => later.push(Part::Leaf(leaf(g, pretty))),
    }
    if let Some(next) = &n.then {
        later.push(Part::Key("then"));
        later.push(Part::Node(next));
    }
    later.push(Part::Close);
}

/// The settings as JSON, pretty (as `serde_json::to_string_pretty`) or
/// compact (as `serde_json::to_string`).
pub(crate) fn write(settings: &Settings, pretty: bool) -> String {
    let mut w = Writer {
        out: String::new(),
        pretty,
        open: Vec::new(),
        after_key: false,
    };
    let mut parts: Vec<Part<'_>> = vec![Part::Open, Part::Key("name")];
    parts.push(Part::Leaf(leaf(&settings.name, pretty)));
    if let Some(c) = &settings.country {
        parts.push(Part::Key("country"));
        parts.push(Part::Leaf(leaf(c, pretty)));
    }
    parts.push(Part::Key("scenarios"));
    parts.push(Part::Open);
    for (name, node) in &settings.scenarios {
        parts.push(Part::Key(name));
        parts.push(Part::Node(node));
    }
    parts.push(Part::Close);
    if !settings.nodes.is_empty() {
        parts.push(Part::Key("nodes"));
        parts.push(Part::Open);
        for (name, node) in &settings.nodes {
            parts.push(Part::Key(name));
            parts.push(Part::Node(node));
        }
        parts.push(Part::Close);
    }
    parts.push(Part::Close);
    parts.reverse();
    let mut later = Vec::new();
    while let Some(part) = parts.pop() {
        match part {
            Part::Node(n) => {
                count_work();
                node_parts(n, pretty, &mut later);
                parts.extend(later.drain(..).rev());
            }
            Part::Open => w.open(),
            Part::Close => w.close(),
            Part::Key(k) => w.key(k),
            Part::Leaf(text) => w.leaf(&text),
        }
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Menu, Prompt};
    use crate::tree::WORK;
    use crate::values::Key;

    /// A tree of `n` levels: menus whose key 1 leads on, with a message
    /// continuing to the next level every other level.
    fn deep(n: usize) -> Settings {
        let mut node = Node::new(NodeKind::Message(Prompt::text("end")));
        for i in 0..n {
            node = if i % 2 == 0 {
                Node::new(NodeKind::Message(Prompt::text("m"))).then(node)
            } else {
                Node::new(NodeKind::Menu(
                    Menu::new(Prompt::text("p"))
                        .with_key(Key::D1, node)
                        .with_nothing_selected(Node::new(NodeKind::GoTo(
                            "x".into(),
                        ))),
                ))
            };
        }
        Settings::new("deep").with_scenario("W", node)
    }

    fn work(f: impl FnOnce()) -> u64 {
        WORK.with(|w| w.set(0));
        f();
        WORK.with(|w| w.get())
    }

    #[test]
    fn writing_is_linear_in_the_size_of_the_tree() {
        // Writing each node cloned its whole subtree before: the work for
        // 2n levels was four times that for n.
        let (a, b) = (deep(1_000), deep(2_000));
        let (wa, wb) =
            (work(|| drop(a.to_json())), work(|| drop(b.to_json())));
        assert!(wa > 0 && wb <= 2 * wa + 10, "{wa} then {wb}");
        let (la, lb) = (a.to_json().len(), b.to_json().len());
        assert!(lb < 3 * la, "{la} then {lb}");
        let (ca, cb) = (work(|| drop(a.clone())), work(|| drop(b.clone())));
        assert!(ca > 0 && cb <= 2 * ca + 10, "{ca} then {cb}");
    }

    #[test]
    fn compact_is_what_serde_writes() {
        let s = deep(20).with_country("RU");
        assert_eq!(write(&s, false), serde_json::to_string(&s).unwrap());
        assert_eq!(write(&s, true), serde_json::to_string_pretty(&s).unwrap());
    }
}

//! The operations on a tree of [`Node`]s, without recursion: cloning,
//! equality, `Debug`, dropping, and serde's `Serialize` (bounded).
//!
//! Derived implementations recurse once per level, so a tree built in
//! code a few tens of thousands of levels deep overflowed the stack. Here
//! each walks the tree with an explicit stack on the heap.

use core::cell::Cell;
use core::fmt;

use serde::ser::{Error as _, SerializeMap};
use serde::{Serialize, Serializer};

use crate::settings::{Menu, Node, NodeKind};
use crate::values::Key;

#[cfg(test)]
thread_local! {
    /// Nodes cloned or written, for the tests of linear cost.
    pub(crate) static WORK: Cell<u64> = const { Cell::new(0) };
}

/// Counts one node of work (tests only).
#[inline]
pub(crate) fn count_work() {
    count_work_n(1);
}

/// Counts `n` units of work, as bytes of paths (tests only).
#[inline]
pub(crate) fn count_work_n(n: usize) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + n as u64));
    #[cfg(not(test))]
    let _ = n;
}

impl Node {
    /// The deepest tree serde's `Serialize` writes (serde's serializers
    /// recurse once per level): 128 nodes, four times the default
    /// [`Limits::max_depth`](crate::Limits::max_depth). Deeper trees are
    /// refused with an error ("nested deeper than 128 nodes");
    /// [`Settings::to_json`](crate::Settings::to_json) writes a tree of
    /// any depth.
    pub const SERIALIZE_DEPTH: usize = 128;

    /// The children of the node, in the order of the file: the menu's
    /// keys that have a scenario (in key order), "nothing selected", then
    /// `then`.
    pub(crate) fn children(&self) -> impl Iterator<Item = &Node> {
        let (keys, nothing) = match &self.kind {
            NodeKind::Menu(m) => (
                Some(m.keys.values().filter_map(Option::as_ref)),
                m.nothing_selected.as_deref(),
            ),
            _ => (None, None),
        };
        keys.into_iter().flatten().chain(nothing).chain(self.then.as_deref())
    }

    /// This node alone, with `kids` (clones of its children, in the order
    /// of [`children`](Node::children)) in place of its children.
    fn rebuild(&self, kids: Vec<Node>) -> Node {
        let mut kids = kids.into_iter();
        let kind = match &self.kind {
            NodeKind::Menu(m) => NodeKind::Menu(Menu {
                prompt: m.prompt.clone(),
                keys: m
                    .keys
                    .iter()
                    .map(|(k, v)| (*k, v.as_ref().and_then(|_| kids.next())))
                    .collect(),
                nothing_selected: m
                    .nothing_selected
                    .as_ref()
                    .and_then(|_| kids.next())
                    .map(Box::new),
                extension_dialing: m.extension_dialing,
            }),
            // No other kind holds nodes: their clone does not recurse.
            other => other.clone(),
        };
        let then = self.then.as_ref().and_then(|_| kids.next()).map(Box::new);
        Node { kind, then }
    }

    /// Whether the two nodes are equal but for their children, and have
    /// children in the same places.
    fn shallow_eq(&self, other: &Node) -> bool {
        let kinds = match (&self.kind, &other.kind) {
            (NodeKind::Menu(a), NodeKind::Menu(b)) => {
                a.prompt == b.prompt
                    && a.extension_dialing == b.extension_dialing
                    && a.nothing_selected.is_some()
                        == b.nothing_selected.is_some()
                    && a.keys.len() == b.keys.len()
                    && a.keys.iter().zip(&b.keys).all(
                        |((ka, va), (kb, vb))| {
                            ka == kb && va.is_some() == vb.is_some()
                        },
                    )
            }
            (NodeKind::Menu(_), _) | (_, NodeKind::Menu(_)) => false,
            // No other kind holds nodes: their equality does not recurse.
            (a, b) => a == b,
        };
        kinds && self.then.is_some() == other.then.is_some()
    }

    /// Moves the node's children into `out`.
    fn take_children(&mut self, out: &mut Vec<Node>) {
        if let NodeKind::Menu(m) = &mut self.kind {
            for (_, child) in core::mem::take(&mut m.keys) {
                out.extend(child);
            }
            out.extend(m.nothing_selected.take().map(|b| *b));
        }
        out.extend(self.then.take().map(|b| *b));
    }
}

impl Clone for Node {
    fn clone(&self) -> Node {
        enum Step<'a> {
            Enter(&'a Node),
            Exit(&'a Node, usize),
        }
        let mut work = vec![Step::Enter(self)];
        let mut done: Vec<Node> = Vec::new();
        let mut children: Vec<&Node> = Vec::new();
        while let Some(step) = work.pop() {
            match step {
                Step::Enter(n) => {
                    children.clear();
                    children.extend(n.children());
                    work.push(Step::Exit(n, children.len()));
                    work.extend(children.drain(..).rev().map(Step::Enter));
                }
                Step::Exit(n, k) => {
                    count_work();
                    let kids = done.split_off(done.len().saturating_sub(k));
                    done.push(n.rebuild(kids));
                }
            }
        }
        // The walk leaves exactly the clone of `self`.
        done.pop().unwrap_or_else(|| Node::new(NodeKind::GoTo(String::new())))
    }
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        let mut stack = vec![(self, other)];
        while let Some((a, b)) = stack.pop() {
            if !a.shallow_eq(b) {
                return false;
            }
            stack.extend(a.children().zip(b.children()));
        }
        true
    }
}

impl Eq for Node {}

impl Drop for Node {
    fn drop(&mut self) {
        if self.then.is_none() && !matches!(self.kind, NodeKind::Menu(_)) {
            return;
        }
        let mut stack = Vec::new();
        self.take_children(&mut stack);
        while let Some(mut n) = stack.pop() {
            n.take_children(&mut stack);
            // `n` drops here with no children left.
        }
    }
}

/// As derived (`Node { kind: ..., then: ... }`), written without
/// recursion; `{:#?}` writes the same single line.
impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        enum Part<'a> {
            Node(&'a Node),
            Text(&'static str),
            Key(Key),
        }
        fn child<'a>(out: &mut Vec<Part<'a>>, c: Option<&'a Node>) {
            match c {
                Some(c) => out.extend([
                    Part::Text("Some("),
                    Part::Node(c),
                    Part::Text(")"),
                ]),
                None => out.push(Part::Text("None")),
            }
        }
        let mut stack = vec![Part::Node(self)];
        let mut later = Vec::new();
        while let Some(part) = stack.pop() {
            match part {
                Part::Text(t) => f.write_str(t)?,
                Part::Key(k) => write!(f, "{k:?}: ")?,
                Part::Node(n) => {
                    f.write_str("Node { kind: ")?;
                    match &n.kind {
                        NodeKind::Menu(m) => {
                            write!(
                                f,
                                "Menu(Menu {{ prompt: {:?}, keys: {{",
                                m.prompt
                            )?;
                            for (i, (k, v)) in m.keys.iter().enumerate() {
                                if i > 0 {
                                    later.push(Part::Text(", "));
                                }
                                later.push(Part::Key(*k));
                                child(&mut later, v.as_ref());
                            }
                            later.push(Part::Text("}, nothing_selected: "));
                            child(&mut later, m.nothing_selected.as_deref());
                            later.push(Part::Text(if m.extension_dialing {
                                ", extension_dialing: true })"
                            } else {
                                ", extension_dialing: false })"
                            }));
                        }
                        other => write!(f, "{other:?}")?,
                    }
                    later.push(Part::Text(", then: "));
                    child(&mut later, n.then.as_deref());
                    later.push(Part::Text(" }"));
                    stack.extend(later.drain(..).rev());
                }
            }
        }
        Ok(())
    }
}

thread_local! {
    /// How deep `Serialize` is in a tree on this thread.
    static SERIALIZING: Cell<usize> = const { Cell::new(0) };
}

/// One level of `Serialize`; leaves it when dropped.
struct Level;

impl Level {
    fn enter() -> Option<Level> {
        SERIALIZING.with(|d| {
            let depth = d.get();
            (depth < Node::SERIALIZE_DEPTH).then(|| {
                d.set(depth + 1);
                Level
            })
        })
    }
}

impl Drop for Level {
    fn drop(&mut self) {
        SERIALIZING.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// One kind field and `then`, as the files write a node.
impl Serialize for Node {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(_level) = Level::enter() else {
            return Err(S::Error::custom(format!(
                "nested deeper than {} nodes; Settings::to_json writes any \
                 depth",
                Node::SERIALIZE_DEPTH
            )));
        };
        let mut map =
            s.serialize_map(Some(1 + usize::from(self.then.is_some())))?;
        match &self.kind {
            NodeKind::Message(p) => map.serialize_entry("message", p)?,
            NodeKind::Menu(m) => map.serialize_entry("menu", m)?,
            NodeKind::ForwardToNumber(f) => {
                map.serialize_entry("forward_to_number", f)?
            }
            NodeKind::ForwardToEmployee(f) => {
                map.serialize_entry("forward_to_employee", f)?
            }
            NodeKind::ForwardToDepartment(f) => {
                map.serialize_entry("forward_to_department", f)?
            }
            NodeKind::Voicemail(m) => map.serialize_entry("voicemail", m)?,
            NodeKind::Fax(m) => map.serialize_entry("fax", m)?,
            NodeKind::GoTo(g) => map.serialize_entry("go_to", g)?,
        }
        if let Some(next) = &self.then {
            map.serialize_entry("then", next)?;
        }
        map.end()
    }
}

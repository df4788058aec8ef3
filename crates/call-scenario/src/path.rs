//! Paths of values in settings, as
//! `scenarios["Working time"].menu.keys["1"].then`.
//!
//! Field names are joined with dots; keys of the three maps of the format
//! (`scenarios`, `nodes`, `keys`) are quoted in brackets, since interval
//! and node names may hold spaces and dots.

use serde_path_to_error::{Path, Segment};

/// The fields whose values are maps keyed by user-chosen names.
const MAPS: [&str; 3] = ["scenarios", "nodes", "keys"];

/// Appends a field: `.name`, or `name` at the start.
pub(crate) fn field(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

/// Appends a map key: `["key"]`.
pub(crate) fn key(path: &mut String, key: &str) {
    path.push('[');
    path.push_str(&format!("{key:?}"));
    path.push(']');
}

/// Appends a list index: `[3]`.
pub(crate) fn index(path: &mut String, i: usize) {
    path.push_str(&format!("[{i}]"));
}

/// The paths of the nodes of a tree, each kept as its parent's and a
/// suffix (`.then`, `.menu.keys["1"]`) and joined only when asked:
/// building every node's whole path would cost the square of the depth.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tree {
    /// Parent and suffix, by id.
    parts: Vec<(Option<u32>, String)>,
}

impl Tree {
    /// A new path: `parent`'s (none for a root) followed by `suffix`.
    pub(crate) fn push(&mut self, parent: Option<u32>, suffix: String) -> u32 {
        crate::tree::count_work_n(suffix.len());
        self.parts.push((parent, suffix));
        u32::try_from(self.parts.len() - 1).unwrap_or(u32::MAX)
    }

    /// The whole path of `id`.
    pub(crate) fn render(&self, id: u32) -> String {
        let mut chain = Vec::new();
        let mut at = Some(id);
        while let Some(i) = at {
            let Some((parent, suffix)) = self.parts.get(i as usize) else {
                break;
            };
            chain.push(suffix.as_str());
            at = *parent;
        }
        chain.reverse();
        let path = chain.concat();
        crate::tree::count_work_n(path.len());
        path
    }
}

/// How many nodes deep a serde error's path is: a scenario or named node
/// is 1, and each `then`, menu key and "nothing selected" one more.
pub(crate) fn node_depth(p: &Path) -> usize {
    let mut depth = 0;
    let mut map_key_next = false;
    for segment in p.iter() {
        match segment {
            Segment::Map { key: _ } if map_key_next => {
                depth += 1;
                map_key_next = false;
            }
            Segment::Map { key: k } => {
                map_key_next = MAPS.contains(&k.as_str());
                if k == "then" || k == "nothing_selected" {
                    depth += 1;
                }
            }
            _ => map_key_next = false,
        }
    }
    depth
}

/// The path of a serde error in the crate's notation; empty for the
/// whole document.
pub(crate) fn render(p: &Path) -> String {
    let mut out = String::new();
    let mut map_key_next = false;
    for segment in p.iter() {
        match segment {
            Segment::Seq { index: i } => index(&mut out, *i),
            Segment::Map { key: k } if map_key_next => {
                key(&mut out, k);
                map_key_next = false;
                continue;
            }
            Segment::Map { key: k } => {
                field(&mut out, k);
                map_key_next = MAPS.contains(&k.as_str());
                continue;
            }
            Segment::Enum { variant } => field(&mut out, variant),
            Segment::Unknown => field(&mut out, "?"),
        }
        map_key_next = false;
    }
    out
}

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

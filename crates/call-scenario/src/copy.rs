//! Copying one number's settings to another, with employee and
//! department references remapped.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::number::Directory;
use crate::path;
use crate::settings::{DirectoryId, Node, NodeKind, Settings};

/// How references change on the way: old id to new id, for employees and
/// for departments (another branch or company has other ids).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
#[non_exhaustive]
pub struct Remap {
    /// Employee ids.
    pub employees: BTreeMap<String, String>,
    /// Department ids.
    pub departments: BTreeMap<String, String>,
}

impl Remap {
    /// Nothing remapped (the same as `Remap::default()`).
    pub fn new() -> Remap {
        Remap::default()
    }

    /// The same remap with employee `old` becoming `new`.
    pub fn with_employee(
        mut self,
        old: impl Into<String>,
        new: impl Into<String>,
    ) -> Remap {
        self.employees.insert(old.into(), new.into());
        self
    }

    /// The same remap with department `old` becoming `new`.
    pub fn with_department(
        mut self,
        old: impl Into<String>,
        new: impl Into<String>,
    ) -> Remap {
        self.departments.insert(old.into(), new.into());
        self
    }
}

/// A reference the copy could not vouch for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dangling {
    path: String,
    reference: DirectoryId,
}

impl Dangling {
    /// Where, in the copy.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The employee or department as it stands in the copy.
    pub fn reference(&self) -> &DirectoryId {
        &self.reference
    }
}

/// The result of [`Settings::copy_to`]: the new settings and the
/// references it could not vouch for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioCopy {
    settings: Settings,
    dangling: Vec<Dangling>,
}

impl ScenarioCopy {
    /// The new number's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The new number's settings, owned.
    pub fn into_settings(self) -> Settings {
        self.settings
    }

    /// References left dangling, in the order of the settings.
    pub fn dangling(&self) -> &[Dangling] {
        &self.dangling
    }
}

impl Settings {
    /// Copies these settings for the number named `name` (the panel's
    /// "Скопировать"): every scenario and named node, with each employee
    /// and department reference that `remap` names replaced.
    ///
    /// A reference is reported as dangling when, after remapping, it is
    /// not in `target` (the new number's directory); without a directory,
    /// when `remap` does not name it (it is kept as it was). Dangling
    /// references are kept in the copy, so nothing is lost; checking the
    /// copy with the directory refuses it until they are fixed.
    ///
    /// # Example
    /// ```
    /// use call_scenario::{Remap, Settings};
    /// let s = Settings::from_json(r#"{ "name": "Moscow", "scenarios": {
    ///     "Working time": { "forward_to_employee": { "employee": "anna", "wait": "20s" },
    ///       "then": { "voicemail": { "send_to": [{ "department": "sales" }] } } } } }"#)?;
    /// let remap = Remap::new().with_employee("anna", "anna.spb");
    /// let copy = s.copy_to("St Petersburg", &remap, None);
    /// assert_eq!(copy.settings().name, "St Petersburg");
    /// assert!(copy.settings().to_json().contains("anna.spb"));
    /// assert_eq!(copy.dangling().len(), 1);
    /// assert_eq!(copy.dangling()[0].path(),
    ///     r#"scenarios["Working time"].then.voicemail.send_to[0].department"#);
    /// # Ok::<(), call_scenario::Error>(())
    /// ```
    pub fn copy_to(
        &self,
        name: &str,
        remap: &Remap,
        target: Option<&Directory>,
    ) -> ScenarioCopy {
        let mut settings = self.clone();
        settings.name = name.to_string();
        let mut dangling = Vec::new();
        // Each node's path is its parent's and a suffix, kept apart and
        // joined only for a dangling reference: building every path
        // would cost the square of the depth.
        let mut paths = path::Tree::default();
        let mut stack: Vec<(&mut Node, u32)> = Vec::new();
        let Settings { scenarios, nodes, .. } = &mut settings;
        // Scenarios come off the stack first, then named nodes, each in
        // name order, as in the checks.
        for (field, map) in [("nodes", nodes), ("scenarios", scenarios)] {
            for (k, node) in map.iter_mut().rev() {
                let mut p = String::new();
                path::field(&mut p, field);
                path::key(&mut p, k);
                stack.push((node, paths.push(None, p)));
            }
        }
        let fix = |r: &mut DirectoryId, p: String, out: &mut Vec<Dangling>| {
            let (map, known) = match r {
                DirectoryId::Employee(_) => {
                    (&remap.employees, target.map(|t| &t.employees))
                }
                DirectoryId::Department(_) => {
                    (&remap.departments, target.map(|t| &t.departments))
                }
            };
            let id = match r {
                DirectoryId::Employee(id) | DirectoryId::Department(id) => id,
            };
            let mapped = map.get(id.as_str());
            if let Some(new) = mapped {
                *id = new.clone();
            }
            let ok = match known {
                Some(k) => k.contains(id.as_str()),
                None => mapped.is_some(),
            };
            if !ok {
                out.push(Dangling { path: p, reference: r.clone() });
            }
        };
        while let Some((node, at)) = stack.pop() {
            let kind = node.kind.name();
            let kind_path = |paths: &path::Tree| {
                let mut kp = paths.render(at);
                path::field(&mut kp, kind);
                kp
            };
            let mut children: Vec<(&mut Node, u32)> = Vec::new();
            match &mut node.kind {
                NodeKind::ForwardToEmployee(f) => {
                    let mut r = DirectoryId::Employee(f.employee.clone());
                    let mut kp = kind_path(&paths);
                    path::field(&mut kp, "employee");
                    fix(&mut r, kp, &mut dangling);
                    if let DirectoryId::Employee(id) = r {
                        f.employee = id;
                    }
                }
                NodeKind::ForwardToDepartment(f) => {
                    let mut r = DirectoryId::Department(f.department.clone());
                    let mut kp = kind_path(&paths);
                    path::field(&mut kp, "department");
                    fix(&mut r, kp, &mut dangling);
                    if let DirectoryId::Department(id) = r {
                        f.department = id;
                    }
                }
                NodeKind::Voicemail(m) | NodeKind::Fax(m) => {
                    for (i, r) in m.send_to.iter_mut().enumerate() {
                        let mut rp = kind_path(&paths);
                        path::field(&mut rp, "send_to");
                        path::index(&mut rp, i);
                        path::field(
                            &mut rp,
                            match r {
                                DirectoryId::Employee(_) => "employee",
                                DirectoryId::Department(_) => "department",
                            },
                        );
                        fix(r, rp, &mut dangling);
                    }
                }
                NodeKind::Menu(m) => {
                    for (k, child) in m.keys.iter_mut() {
                        if let Some(child) = child {
                            let mut suffix = String::from(".menu");
                            path::field(&mut suffix, "keys");
                            path::key(&mut suffix, k.as_str());
                            children
                                .push((child, paths.push(Some(at), suffix)));
                        }
                    }
                    if let Some(child) = m.nothing_selected.as_deref_mut() {
                        let suffix = ".menu.nothing_selected".to_string();
                        children.push((child, paths.push(Some(at), suffix)));
                    }
                }
                NodeKind::Message(_)
                | NodeKind::ForwardToNumber(_)
                | NodeKind::GoTo(_) => {}
            }
            if let Some(next) = node.then.as_deref_mut() {
                children.push((next, paths.push(Some(at), ".then".into())));
            }
            stack.extend(children.into_iter().rev());
        }
        ScenarioCopy { settings, dangling }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = r#"{ "name": "Moscow", "scenarios": {
      "Working time": { "menu": { "prompt": { "text": "m" },
        "keys": {
          "1": { "forward_to_department": { "department": "sales",
                 "distribution": "all_at_once", "wait": "15s" },
                 "then": { "fax": { "send_to": [{ "employee": "boris" }, { "department": "sales" }] } } },
          "2": { "forward_to_employee": { "employee": "anna", "wait": "10s" } }
        },
        "nothing_selected": { "voicemail": { "send_to": [{ "employee": "gleb" }] } } } } },
      "nodes": { "x": { "forward_to_employee": { "employee": "anna", "wait": "10s" } } } }"#;

    #[test]
    fn remaps_every_reference_and_reports_the_rest() {
        let s = Settings::from_json(FROM).unwrap();
        let remap: Remap = serde_json::from_str(
            r#"{ "employees": { "anna": "a2", "boris": "b2" },
                 "departments": { "sales": "s2" } }"#,
        )
        .unwrap();
        let copy = s.copy_to("Kazan", &remap, None);
        let json = copy.settings.to_json();
        for old in ["\"anna\"", "\"boris\"", "\"sales\""] {
            assert!(!json.contains(old), "{old} left in {json}");
        }
        assert_eq!(copy.settings.name, "Kazan");
        assert_eq!(
            copy.dangling,
            [Dangling {
                path: r#"scenarios["Working time"].menu.nothing_selected.voicemail.send_to[0].employee"#.into(),
                reference: DirectoryId::Employee("gleb".into()),
            }]
        );
        // With the new number's directory: mapped ids must be in it too.
        let dir = Directory {
            employees: ["a2", "gleb"].map(String::from).into(),
            departments: ["s2"].map(String::from).into(),
        };
        let copy = s.copy_to("Kazan", &remap, Some(&dir));
        let paths: Vec<&str> =
            copy.dangling.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                r#"scenarios["Working time"].menu.keys["1"].then.fax.send_to[0].employee"#
            ]
        );
        assert_eq!(
            copy.dangling[0].reference,
            DirectoryId::Employee("b2".into())
        );
        // Nothing else changes.
        let back = copy.settings.copy_to(
            "Moscow",
            &Remap {
                employees: [("a2", "anna"), ("b2", "boris")]
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .into(),
                departments: [("s2".to_string(), "sales".to_string())].into(),
            },
            None,
        );
        assert_eq!(back.settings, s);
    }
}

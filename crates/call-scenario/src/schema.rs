//! JSON Schema of the settings file (the `schemars` feature): what
//! [`Settings::from_json`] reads, field by field, with the spellings of
//! every closed set, so an editor or a web form can check a file before
//! it reaches the loader.
//!
//! Written by hand rather than derived: nodes, prompts, recipients and
//! department forwards are read through their own forms (one kind field
//! per node, `text` or `audio`, a distribution with its step), which a
//! derived schema of the Rust types would not describe.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::json;

use crate::settings::{
    DirectoryId, ForwardToDepartment, ForwardToEmployee, ForwardToNumber,
    Mailbox, Menu, Node, Prompt, Settings,
};
use crate::values::{DepartmentWait, ForwardWait, Key, Step};

/// The kind fields of a node, in the order of the format.
const KINDS: [&str; 8] = [
    "message",
    "menu",
    "forward_to_number",
    "forward_to_employee",
    "forward_to_department",
    "voicemail",
    "fax",
    "go_to",
];

impl Settings {
    /// The JSON Schema (draft 2020-12) of the settings file: every field,
    /// which are required, the allowed spellings of keys, waits, steps and
    /// distributions, and no unknown fields. A file it accepts is read by
    /// [`Settings::from_json`]; the checks of
    /// [`Number::new`](crate::Number::new) (missing branches, references,
    /// loops, number forms) come after.
    ///
    /// # Example
    /// ```
    /// let schema = call_scenario::Settings::json_schema();
    /// assert_eq!(schema["title"], "Settings");
    /// assert_eq!(schema["additionalProperties"], false);
    /// ```
    pub fn json_schema() -> serde_json::Value {
        let schema = schemars::schema_for!(Settings);
        serde_json::to_value(schema).unwrap_or_default()
    }
}

/// A string schema with these spellings.
fn spellings<'a>(
    description: &str,
    all: impl Iterator<Item = &'a str>,
) -> Schema {
    let all: Vec<&str> = all.collect();
    json_schema!({ "type": "string", "description": description, "enum": all })
}

macro_rules! spelled_schema {
    ($($t:ty, $name:literal, $description:literal;)+) => {$(
        impl JsonSchema for $t {
            fn schema_name() -> Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                spellings($description, <$t>::ALL.iter().map(|v| v.as_str()))
            }
        }
    )+};
}

spelled_schema! {
    Key, "Key", "A keypad key: 0-9, * or #.";
    ForwardWait, "ForwardWait",
        "How long a forward to a number or an employee rings.";
    DepartmentWait, "DepartmentWait",
        "How long a forward to a department rings in all.";
    Step, "Step",
        "The time between two moves of an in_turn or cumulative distribution.";
}

impl JsonSchema for Settings {
    fn schema_name() -> Cow<'static, str> {
        "Settings".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let node = g.subschema_for::<Node>();
        json_schema!({
            "description": "The incoming-call settings of one phone number: \
                a scenario per schedule interval and named nodes for go_to.",
            "type": "object",
            "properties": {
                "name": {
                    "type": "string",
                    "description": "The number's display name.",
                },
                "country": {
                    "type": "string",
                    "pattern": "^[A-Za-z]{2}$",
                    "description": "The number's country (ISO 3166-1 \
                        alpha-2, as RU), for external numbers in national \
                        form.",
                },
                "scenarios": {
                    "type": "object",
                    "description": "The scenario of each schedule interval, \
                        by interval name.",
                    "additionalProperties": node,
                },
                "nodes": {
                    "type": "object",
                    "description": "Named nodes, reached by {\"go_to\": name}.",
                    "additionalProperties": node,
                },
            },
            "additionalProperties": false,
        })
    }
}

impl JsonSchema for Node {
    fn schema_name() -> Cow<'static, str> {
        "Node".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let prompt = g.subschema_for::<Prompt>();
        let mailbox = g.subschema_for::<Mailbox>();
        let one_kind: Vec<serde_json::Value> =
            KINDS.iter().map(|k| json!({ "required": [k] })).collect();
        json_schema!({
            "description": "One step of a scenario: exactly one kind field, \
                and `then` for what follows a message or a forward not \
                answered.",
            "type": "object",
            "properties": {
                "message": prompt,
                "menu": g.subschema_for::<Menu>(),
                "forward_to_number": g.subschema_for::<ForwardToNumber>(),
                "forward_to_employee": g.subschema_for::<ForwardToEmployee>(),
                "forward_to_department":
                    g.subschema_for::<ForwardToDepartment>(),
                "voicemail": mailbox,
                "fax": mailbox,
                "go_to": {
                    "type": "string",
                    "description": "Continue with this named node.",
                },
                "then": g.subschema_for::<Node>(),
            },
            "additionalProperties": false,
            "oneOf": one_kind,
        })
    }
}

impl JsonSchema for Prompt {
    fn schema_name() -> Cow<'static, str> {
        "Prompt".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Text read by text-to-speech, or an audio file.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": { "text": { "type": "string" } },
                    "required": ["text"],
                    "additionalProperties": false,
                },
                {
                    "type": "object",
                    "properties": { "audio": { "type": "string" } },
                    "required": ["audio"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl JsonSchema for DirectoryId {
    fn schema_name() -> Cow<'static, str> {
        "DirectoryId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An employee or a department, by the host's id.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": { "employee": { "type": "string" } },
                    "required": ["employee"],
                    "additionalProperties": false,
                },
                {
                    "type": "object",
                    "properties": { "department": { "type": "string" } },
                    "required": ["department"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl JsonSchema for Menu {
    fn schema_name() -> Cow<'static, str> {
        "Menu".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let node = g.subschema_for::<Node>();
        json_schema!({
            "description": "A self-service menu: a prompt, the keys offered \
                each with its scenario, and a scenario for nothing selected.",
            "type": "object",
            "properties": {
                "prompt": g.subschema_for::<Prompt>(),
                "keys": {
                    "type": "object",
                    "description": "Each offered key's scenario; null for a \
                        key with no scenario yet (the check refuses it).",
                    "propertyNames": g.subschema_for::<Key>(),
                    "additionalProperties": {
                        "anyOf": [node, { "type": "null" }],
                    },
                },
                "nothing_selected": node,
                "extension_dialing": {
                    "type": "boolean",
                    "description": "Whether the caller may dial an \
                        extension. Default false.",
                },
            },
            "required": ["prompt"],
            "additionalProperties": false,
        })
    }
}

impl JsonSchema for ForwardToNumber {
    fn schema_name() -> Cow<'static, str> {
        "ForwardToNumber".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Forward to an external number.",
            "type": "object",
            "properties": {
                "greeting": g.subschema_for::<Prompt>(),
                "number": {
                    "type": "string",
                    "description": "In E.164 (+74952302222), or 10 digits \
                        when the settings give a country with 10-digit \
                        national numbers.",
                },
                "wait": g.subschema_for::<ForwardWait>(),
            },
            "required": ["number", "wait"],
            "additionalProperties": false,
        })
    }
}

impl JsonSchema for ForwardToEmployee {
    fn schema_name() -> Cow<'static, str> {
        "ForwardToEmployee".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Forward to an employee.",
            "type": "object",
            "properties": {
                "greeting": g.subschema_for::<Prompt>(),
                "employee": { "type": "string" },
                "wait": g.subschema_for::<ForwardWait>(),
            },
            "required": ["employee", "wait"],
            "additionalProperties": false,
        })
    }
}

impl JsonSchema for ForwardToDepartment {
    fn schema_name() -> Cow<'static, str> {
        "ForwardToDepartment".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Forward to a department; `step` is required for \
                in_turn and cumulative and refused for all_at_once.",
            "type": "object",
            "properties": {
                "greeting": g.subschema_for::<Prompt>(),
                "department": { "type": "string" },
                "distribution": {
                    "type": "string",
                    "enum": ["all_at_once", "in_turn", "cumulative"],
                },
                "step": g.subschema_for::<Step>(),
                "wait": g.subschema_for::<DepartmentWait>(),
            },
            "required": ["department", "distribution", "wait"],
            "additionalProperties": false,
            "if": {
                "properties": { "distribution": { "const": "all_at_once" } },
            },
            "then": { "not": { "required": ["step"] } },
            "else": { "required": ["step"] },
        })
    }
}

impl JsonSchema for Mailbox {
    fn schema_name() -> Cow<'static, str> {
        "Mailbox".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Voicemail or fax: a greeting, then the recording \
                or fax is e-mailed to the recipients and the external address.",
            "type": "object",
            "properties": {
                "greeting": g.subschema_for::<Prompt>(),
                "send_to": {
                    "type": "array",
                    "items": g.subschema_for::<DirectoryId>(),
                },
                "external_email": { "type": "string" },
            },
            "additionalProperties": false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_field_and_spelling() {
        let s = Settings::json_schema();
        let defs = &s["$defs"];
        assert_eq!(s["additionalProperties"], false);
        assert_eq!(defs["Node"]["oneOf"].as_array().map(Vec::len), Some(8));
        assert_eq!(
            defs["ForwardWait"]["enum"],
            json!(["10s", "15s", "20s", "30s", "1min"])
        );
        assert_eq!(defs["Key"]["enum"].as_array().map(Vec::len), Some(12));
        assert_eq!(
            defs["ForwardToDepartment"]["required"],
            json!(["department", "distribution", "wait"])
        );
    }
}

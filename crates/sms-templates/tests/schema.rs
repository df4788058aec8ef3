//! The JSON Schemas describe what the loaders accept (with the
//! `schemars` feature).
#![cfg(feature = "schemars")]

use sms_templates::{Catalog, Template};

#[test]
fn the_catalog_schema_is_closed_and_requires_names() {
    let schema = serde_json::to_value(Catalog::json_schema()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["required"], serde_json::json!(["scopes"]));
    let defs = &schema["$defs"];
    assert_eq!(defs["Scope"]["additionalProperties"], false);
    assert_eq!(
        defs["Scope"]["required"],
        serde_json::json!(["name", "fields"])
    );
    assert_eq!(defs["Field"]["additionalProperties"], false);
    assert_eq!(defs["Field"]["required"], serde_json::json!(["name"]));
    if let Ok(dir) = std::env::var("SMS_TEMPLATES_SCHEMA_DIR") {
        let write = |name: &str, v: &serde_json::Value| {
            let text = serde_json::to_string_pretty(v).unwrap();
            std::fs::write(format!("{dir}/{name}"), text).unwrap();
        };
        write("catalog.schema.json", &schema);
        let list = schemars::schema_for!(Vec<Template>);
        write("templates.schema.json", &serde_json::to_value(list).unwrap());
    }
}

#[test]
fn the_template_schema_is_closed() {
    let schema = serde_json::to_value(Template::json_schema()).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["required"], serde_json::json!(["name", "body"]));
}

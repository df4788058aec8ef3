//! The JSON Schema of the file format (feature `schemars`). The committed
//! example files are validated against it by the workspace's schema test;
//! here, that it says what the loader accepts.
#![cfg(feature = "schemars")]

use business_hours::ScheduleConfig;
use serde_json::json;

#[test]
fn schema_describes_what_the_loader_accepts() {
    let schema = ScheduleConfig::json_schema();
    if std::env::var_os("DUMP_SCHEMA").is_some() {
        println!("{}", serde_json::to_string_pretty(&schema).unwrap());
    }
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["required"], json!(["time_zone"]));
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["properties"]["intervals"]["maxItems"], 3);
    assert_eq!(schema["properties"]["exceptions"]["maxItems"], 1000);
    let defs = &schema["$defs"];
    for object in ["Week", "TimeRange", "Exception"] {
        assert_eq!(defs[object]["type"], "object", "{object}");
        assert_eq!(defs[object]["additionalProperties"], false, "{object}");
    }
    assert_eq!(defs["TimeRange"]["required"], json!(["from", "to"]));
    assert_eq!(defs["Exception"]["required"], json!(["from"]));
    assert_eq!(defs["Week"]["properties"]["monday"]["maxItems"], 48);
    let modes: Vec<&serde_json::Value> = defs["Mode"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["const"])
        .collect();
    assert_eq!(modes, [&json!("weekly"), &json!("round_the_clock")]);
    assert_eq!(
        defs["Clock"]["pattern"],
        "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$"
    );
}

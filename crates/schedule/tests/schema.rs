//! The JSON Schema of the file format (feature `schemars`).
#![cfg(feature = "schemars")]

use business_hours::ScheduleConfig;

#[test]
fn schema_describes_the_root_object() {
    let schema = ScheduleConfig::json_schema();
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["required"], serde_json::json!(["time_zone"]));
    assert_eq!(schema["additionalProperties"], false);
    if std::env::var_os("DUMP_SCHEMA").is_some() {
        println!("{}", serde_json::to_string_pretty(&schema).unwrap());
    }
}

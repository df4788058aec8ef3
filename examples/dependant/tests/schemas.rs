//! The JSON Schemas the libraries generate (their `schemars` feature)
//! accept every committed example file of their format, and refuse what the
//! loaders refuse. The validator is the `jsonschema` crate, written
//! independently of `schemars`, so a schema is not checked by the code that
//! made it.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn read(path: &str) -> Value {
    let path = examples().join(path);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every error the validator reports for `instance`, one line each.
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema)
        .unwrap_or_else(|e| panic!("the schema itself is invalid: {e}"));
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn assert_valid(schema: &Value, path: &str) {
    let instance = read(path);
    let errs = errors(schema, &instance);
    assert!(
        errs.is_empty(),
        "{path} does not match its schema:\n{}",
        errs.join("\n")
    );
}

fn schedule_schema() -> Value {
    business_hours::ScheduleConfig::json_schema()
}

fn rules_schema() -> Value {
    post_call_rules::RuleSet::json_schema()
}

fn settings_schema() -> Value {
    call_scenario::Settings::json_schema()
}

fn catalog_schema() -> Value {
    sms_templates::Catalog::json_schema()
}

fn template_schema() -> Value {
    sms_templates::Template::json_schema()
}

#[test]
fn schedules_match_their_schema() {
    let schema = schedule_schema();
    assert_valid(&schema, "data/schedule.json");
    for file in ["always", "night", "office"] {
        assert_valid(&schema, &format!("schedule-at/testdata/{file}.json"));
    }
}

#[test]
fn rule_sets_match_their_schema() {
    assert_valid(&rules_schema(), "data/rules.json");
}

#[test]
fn scenario_settings_match_their_schema() {
    let schema = settings_schema();
    assert_valid(&schema, "data/number.json");
    assert_valid(&schema, "ivr-sim/data/office.json");
}

#[test]
fn catalogs_and_templates_match_their_schemas() {
    let catalog = catalog_schema();
    assert_valid(&catalog, "data/catalog.json");
    assert_valid(&catalog, "data/post-call-catalog.json");
    let template = template_schema();
    let Value::Array(templates) = read("data/templates.json") else {
        panic!("templates.json is a list of templates")
    };
    assert!(!templates.is_empty());
    for (i, t) in templates.iter().enumerate() {
        let errs = errors(&template, t);
        assert!(errs.is_empty(), "templates.json[{i}]:\n{}", errs.join("\n"));
    }
}

/// A schema that accepted anything would pass the tests above; these are
/// values each loader refuses, and so must its schema.
#[test]
fn schemas_refuse_what_the_loaders_refuse() {
    let mut schedule = read("data/schedule.json");
    schedule["weekk"] = json!({});
    assert!(
        business_hours::Schedule::from_json(&schedule.to_string()).is_err()
    );
    assert!(!errors(&schedule_schema(), &schedule).is_empty());

    let mut rules = read("data/rules.json");
    rules["rules"][0]["when"]["status"] = json!(["hung_up"]);
    assert!(post_call_rules::RuleSet::from_json(&rules.to_string()).is_err());
    assert!(!errors(&rules_schema(), &rules).is_empty());

    let mut settings = read("data/number.json");
    settings["scenarios"]["Working time"]["unknown_node"] = json!(1);
    assert!(call_scenario::Settings::from_json(&settings.to_string()).is_err());
    assert!(!errors(&settings_schema(), &settings).is_empty());

    let mut catalog = read("data/catalog.json");
    catalog["scopes"][0]["fields"][0]["max_chars"] = json!("fifty");
    assert!(serde_json::from_value::<sms_templates::Catalog>(catalog.clone())
        .is_err());
    assert!(!errors(&catalog_schema(), &catalog).is_empty());
}

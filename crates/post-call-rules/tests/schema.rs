//! The JSON Schema of the rule-set format (feature `schemars`) describes
//! what the loader accepts: the committed example rule set and a set
//! with every field pass, and shapes the loader refuses fail. Checked
//! with a small validator of the keywords the schema uses (the lead's
//! workspace test runs a full validator over `examples/data/`).
#![cfg(feature = "schemars")]

use post_call_rules::*;
use serde_json::{json, Value};

/// Whether `v` is valid against `s` (the keywords schemars emits for
/// this format: $ref, type, enum, const, pattern-free strings,
/// properties, required, additionalProperties, items, oneOf, anyOf,
/// minimum and maximum).
fn valid(root: &Value, s: &Value, v: &Value) -> bool {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").unwrap();
        return valid(root, &root["$defs"][name], v);
    }
    if let Some(c) = s.get("const") {
        if c != v {
            return false;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            return false;
        }
    }
    if let Some(all) = s.get("oneOf").and_then(Value::as_array) {
        if all.iter().filter(|s| valid(root, s, v)).count() != 1 {
            return false;
        }
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|s| valid(root, s, v)) {
            return false;
        }
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => panic!("{t}"),
        };
        let ok = types.iter().any(|t| match *t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "boolean" => v.is_boolean(),
            "null" => v.is_null(),
            other => panic!("type {other}"),
        });
        if !ok {
            return false;
        }
    }
    if let (Some(n), Some(min)) = (v.as_f64(), s.get("minimum")) {
        if n < min.as_f64().unwrap() {
            return false;
        }
    }
    if let (Some(n), Some(max)) = (v.as_f64(), s.get("maximum")) {
        if n > max.as_f64().unwrap() {
            return false;
        }
    }
    if let Some(obj) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in obj {
            let ok = match props.and_then(|p| p.get(k)) {
                Some(ps) => valid(root, ps, x),
                None => s["additionalProperties"] != json!(false),
            };
            if !ok {
                return false;
            }
        }
        for r in
            s.get("required").and_then(Value::as_array).into_iter().flatten()
        {
            if !obj.contains_key(r.as_str().unwrap()) {
                return false;
            }
        }
    }
    if let (Some(items), Some(a)) = (s.get("items"), v.as_array()) {
        if !a.iter().all(|x| valid(root, items, x)) {
            return false;
        }
    }
    true
}

fn schema_accepts(doc: &Value) -> bool {
    let schema = RuleSet::json_schema();
    valid(&schema, &schema, doc)
}

#[test]
fn the_committed_example_rule_set_is_valid() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/rules.json");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(RuleSet::from_json(&text).is_ok());
    assert!(schema_accepts(&serde_json::from_str(&text).unwrap()));
}

#[test]
fn schema_and_loader_agree() {
    let full = json!({
        "account": {"calling_code": 48, "mobile_numbers": ["+48600100200"]},
        "hit_policy": "all_matches",
        "fixed_line_or_mobile": "send",
        "rules": [{
            "name": "Full", "enabled": false, "priority": -3,
            "when": {"direction": "incoming", "routed_to": ["+48221234567"],
                     "status": ["answered", "busy"],
                     "duration": {"min_secs": 5, "max_secs": 600},
                     "caller": {"numbers": ["+48601234567"], "prefixes": ["+48"],
                                "regions": ["PL"], "foreign": false,
                                "ivr_keys": ["2"]}},
            "to": {"group": "English"}, "sender": {"number": "+48600100200"},
            "message": {"text": "Hi", "short_links": true, "replace_national": true},
            "auto_send": false, "delay_secs": 60, "min_interval_secs": 3600,
            "interval_scope": "all_rules", "windows": ["Office"]
        }, {
            "name": "Plain", "to": "called", "sender": "random",
            "message": {"text": "Hi"}
        }]
    });
    assert!(RuleSet::from_json(&full.to_string()).is_ok());
    assert!(schema_accepts(&full));
    // What the loader refuses, the schema refuses.
    let refused = [
        json!({"rulez": []}),
        json!({"rules": [{"name": "X", "sender": "random"}]}),
        json!({"rules": [{"name": "X", "sender": {}, "message": {"text": "Hi"}}]}),
        json!({"rules": [{"name": "X", "sender": "random", "message": {"text": "Hi"},
                          "to": {"group": "A", "called": "B"}}]}),
        json!({"rules": [{"name": "X", "sender": "random", "message": {"text": "Hi"},
                          "when": {"status": ["answred"]}}]}),
        json!({"rules": [{"name": "X", "sender": "random", "message": {"text": "Hi"},
                          "when": {"caller": {"prefix": ["+48"]}}}]}),
        json!({"hit_policy": "first"}),
        json!({"rules": [{"name": "X", "sender": "random", "message": {"text": "Hi"},
                          "delay_secs": -1}]}),
    ];
    for doc in refused {
        assert!(RuleSet::from_json(&doc.to_string()).is_err(), "{doc}");
        assert!(!schema_accepts(&doc), "{doc}");
    }
    // The closed sets are spelled as FromStr spells them.
    let schema = RuleSet::json_schema();
    let spellings = |name: &str| schema["$defs"][name]["enum"].clone();
    assert_eq!(spellings("Direction"), json!(Direction::SPELLINGS));
    assert_eq!(spellings("CallStatus"), json!(CallStatus::SPELLINGS));
    assert_eq!(spellings("HitPolicy"), json!(HitPolicy::SPELLINGS));
    assert_eq!(spellings("MaybeMobile"), json!(MaybeMobile::SPELLINGS));
    assert_eq!(spellings("IntervalScope"), json!(IntervalScope::SPELLINGS));
}

//! The JSON Schema of the report JSON: the fixed blocks from their Rust
//! types, the three tables from the templates, so that a new template year
//! shows up in the schema without a line here.

use crate::report::{Issue, Meta, Prov, Sections, Source};
use crate::template::{Column, Kind, TEMPLATE_2019, TEMPLATE_2021, Template};
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// Every national format the output may follow.
const TEMPLATES: [&Template; 2] = [&TEMPLATE_2021, &TEMPLATE_2019];

/// The schema of one report as `nianbao extract` prints it (draft 2020-12).
pub fn report_schema() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let source = generator.subschema_for::<Source>().to_value();
    let meta = generator.subschema_for::<Meta>().to_value();
    let sections = generator.subschema_for::<Sections>().to_value();
    let issue = generator.subschema_for::<Issue>().to_value();
    let prov = generator.subschema_for::<Prov>().to_value();
    let defs: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    let disclosure: Vec<Value> = TEMPLATES.iter().map(|t| disclosure(t)).collect();
    let applications: Vec<Value> = [
        &TEMPLATE_2021.applications,
        &TEMPLATE_2021.applications_single_other,
    ]
    .iter()
    .map(|rows| {
        let pointers: Vec<&str> = rows.iter().map(|r| r.pointer).collect();
        nested(&pointers, &row_of(TEMPLATE_2021.applicant_columns))
    })
    .collect();
    let reviews: Vec<&str> = TEMPLATE_2021.review_groups.iter().map(|g| g.key).collect();
    let keys = [
        "schema_version",
        "source",
        "report",
        "sections",
        "active_disclosure",
        "applications",
        "reviews",
        "issues",
        "provenance",
    ];
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "nianbao report",
        "description": "One government information-disclosure annual report (政府信息公开工作年度报告) as extracted by nianbao.",
        "type": "object",
        "required": keys,
        "additionalProperties": false,
        "properties": {
            "schema_version": {"const": crate::report::SCHEMA_VERSION},
            "source": source,
            "report": meta,
            "sections": sections,
            "active_disclosure": {"anyOf": disclosure},
            "applications": {"anyOf": applications},
            "reviews": object(reviews.iter().map(|k| (k.to_string(), row_of(TEMPLATE_2021.outcome_columns)))),
            "issues": {"type": "array", "items": issue},
            "provenance": {
                "type": "object",
                "description": "Where each table value was read, by JSON pointer.",
                "propertyNames": {"pattern": "^/(active_disclosure|applications|reviews)/"},
                "additionalProperties": prov,
            },
        },
        "$defs": defs,
    })
}

/// A table value: null when unreadable, whole for counts.
fn value(kind: Kind) -> Value {
    match kind {
        Kind::Count | Kind::Change => json!({"type": ["integer", "null"]}),
        Kind::Amount => json!({"type": ["number", "null"]}),
    }
}

/// An object with exactly these properties.
fn object(props: impl Iterator<Item = (String, Value)>) -> Value {
    let props: Map<String, Value> = props.collect();
    let keys: Vec<&String> = props.keys().collect();
    json!({
        "type": "object",
        "required": keys,
        "additionalProperties": false,
        "properties": props,
    })
}

fn row_of(columns: &[Column]) -> Value {
    object(columns.iter().map(|c| (c.key.to_string(), value(c.kind))))
}

fn disclosure(t: &Template) -> Value {
    object(
        t.disclosure
            .iter()
            .map(|r| (r.key.to_string(), row_of(r.columns))),
    )
}

/// Nested objects from row pointers such as "/denied/state_secret", each
/// leaf a row.
fn nested(pointers: &[&str], leaf: &Value) -> Value {
    let mut order: Vec<String> = Vec::new();
    let mut children: Map<String, Value> = Map::new();
    let mut below: std::collections::HashMap<String, Vec<&str>> = Default::default();
    for p in pointers {
        let p = p.trim_start_matches('/');
        let (head, rest) = p.split_once('/').unwrap_or((p, ""));
        if !order.iter().any(|k| k == head) {
            order.push(head.to_string());
        }
        if rest.is_empty() {
            children.insert(head.to_string(), leaf.clone());
        } else {
            below.entry(head.to_string()).or_default().push(rest);
        }
    }
    object(order.into_iter().map(|k| {
        let v = match below.get(&k) {
            Some(rest) => nested(rest, leaf),
            None => children.get(&k).cloned().unwrap_or(Value::Null),
        };
        (k, v)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_come_from_the_template() {
        let s = report_schema();
        let apps = &s["properties"]["applications"]["anyOf"][0]["properties"];
        assert_eq!(
            apps["denied"]["properties"]["state_secret"]["properties"]["natural_person"]["type"],
            json!(["integer", "null"])
        );
        let amount = &s["properties"]["active_disclosure"]["anyOf"][0]["properties"]["fees"]["properties"]
            ["amount"];
        assert_eq!(amount["type"], json!(["number", "null"]));
        let single = &s["properties"]["applications"]["anyOf"][1]["properties"]["other"];
        assert!(single["properties"]["total"].is_object());
    }
}

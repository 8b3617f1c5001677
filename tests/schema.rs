//! `nianbao schema` describes what `nianbao extract` prints: every sample's
//! output is valid against it, and a broken output is not.

mod common;

use serde_json::Value;

fn schema() -> Value {
    let out = common::nianbao(&["schema"]);
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

#[test]
fn every_sample_output_is_valid_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let mut paths: Vec<String> = common::typed_samples()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    // A scanned page image: provenance with OCR confidences, text_layer "ocr".
    paths.push("samples/scans/h02_ningnan_2023_table3.png".into());
    let mut args = vec!["extract".to_string()];
    args.extend(paths.iter().cloned());
    args.extend(["--format".into(), "jsonl".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::nianbao(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let mut seen = 0;
    for line in text.lines() {
        let report: Value = serde_json::from_str(line).expect("JSON line");
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{}: {errors:?}",
            report["source"]["path"]
        );
        seen += 1;
    }
    assert_eq!(seen, paths.len());
}

#[test]
fn the_schema_rejects_a_string_count_and_an_unknown_key() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid JSON Schema");
    let out = common::nianbao(&["extract", "samples/h01_xiqu_2023.pdf"]);
    let good: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert!(validator.is_valid(&good));
    let mut bad = good.clone();
    bad["applications"]["new"]["total"] = Value::from("1");
    assert!(!validator.is_valid(&bad));
    let mut bad = good;
    bad["applications"]["new"]["tota1"] = Value::from(1);
    assert!(!validator.is_valid(&bad));
}

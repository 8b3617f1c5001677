//! Runs the binary on every typed sample and compares every field with the
//! expected JSON written from the sample's source document.

mod common;

use serde_json::Value;
use std::path::Path;

fn read_json(p: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn every_typed_sample_matches_its_expected_json() {
    let samples = common::typed_samples();
    assert!(
        samples.len() >= 12,
        "expected at least 12 typed samples, found {}",
        samples.len()
    );
    let mut problems = Vec::new();
    let (mut fields, mut wrong) = (0, 0);
    for (rel, expected) in &samples {
        let out = common::nianbao(&["extract", rel]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            problems.push(format!("{rel}: exit {:?}: {stderr}", out.status.code()));
            continue;
        }
        let got: Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{rel}: output is not JSON: {e}"));
                continue;
            }
        };
        let (f, w) = common::compare(rel, &got, &read_json(expected), &mut problems);
        fields += f;
        wrong += w;
    }
    common::assert_all_right("typed samples", samples.len(), fields, wrong, &problems);
}

#[test]
fn similarity_measure_is_sane() {
    assert_eq!(common::text_similarity("abc", "abc"), 1.0);
    assert!(common::text_similarity("abcd", "abce") < 0.8);
    assert_eq!(common::text_similarity("", ""), 1.0);
}

//! Runs the binary on every typed sample and compares every field with the
//! expected JSON written from the sample's source document.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn read_json(p: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Character-level similarity: 1 − Levenshtein distance / longer length.
fn text_similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / a.len().max(b.len()) as f64
}

fn issue_set(v: &Value, errors_only: bool) -> BTreeSet<(String, String)> {
    v["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| !errors_only || i["severity"] == "error")
        .map(|i| {
            (
                i["code"].as_str().unwrap_or("").to_string(),
                i["pointer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Compares one output with its expectation; returns (fields, wrong fields).
fn compare(name: &str, got: &Value, want: &Value, problems: &mut Vec<String>) -> (usize, usize) {
    let blocks = [
        "source",
        "report",
        "active_disclosure",
        "applications",
        "reviews",
    ];
    let (mut fields, misses) = common::mismatches(got, want, &blocks);
    let mut wrong = misses.len();
    for (pointer, g, w) in misses {
        problems.push(format!("{name}: {pointer}: got {g}, expected {w}"));
    }
    for key in ["overview", "problems", "other"] {
        fields += 1;
        let (g, w) = (&got["sections"][key], &want["sections"][key]);
        let ok = match (g.as_str(), w.as_str()) {
            (Some(g), Some(w)) => {
                let s = text_similarity(g, w);
                if s < 0.98 {
                    problems.push(format!("{name}: /sections/{key}: similarity {s:.3}\n  got:      {g}\n  expected: {w}"));
                }
                s >= 0.98
            }
            _ => {
                if g != w {
                    problems.push(format!("{name}: /sections/{key}: got {g}, expected {w}"));
                }
                g == w
            }
        };
        wrong += usize::from(!ok);
    }
    let (want_issues, got_issues) = (issue_set(want, false), issue_set(got, false));
    for missing in want_issues.difference(&got_issues) {
        problems.push(format!("{name}: expected issue {missing:?} not reported"));
    }
    for extra in issue_set(got, true).difference(&issue_set(want, true)) {
        problems.push(format!("{name}: unexpected error issue {extra:?}"));
    }
    (fields, wrong)
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
        let (f, w) = compare(rel, &got, &read_json(expected), &mut problems);
        fields += f;
        wrong += w;
    }
    eprintln!(
        "typed samples: {} files, {} fields, {} wrong, accuracy {:.2} %",
        samples.len(),
        fields,
        wrong,
        100.0 * (fields - wrong) as f64 / fields.max(1) as f64
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn similarity_measure_is_sane() {
    assert_eq!(text_similarity("abc", "abc"), 1.0);
    assert!(text_similarity("abcd", "abce") < 0.8);
    assert_eq!(text_similarity("", ""), 1.0);
}

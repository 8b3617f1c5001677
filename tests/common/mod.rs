//! Helpers shared by the integration tests: run the real binary.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Output;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `nianbao ARGS…` from the repository root.
pub fn nianbao(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the nianbao binary runs")
}

/// Every typed sample that has an expected JSON beside it, sorted.
#[allow(dead_code)] // each test crate compiles this module; not all use everything
pub fn typed_samples() -> Vec<(String, PathBuf)> {
    let dir = root().join("samples");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("samples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .filter_map(|p| {
            let expected = p.with_extension("expected.json");
            let rel = format!("samples/{}", p.file_name()?.to_str()?);
            expected.exists().then_some((rel, expected))
        })
        .collect();
    out.sort();
    out
}

/// Flattens the leaves of a JSON value into (pointer, value) pairs.
#[allow(dead_code)]
pub fn leaves(v: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| leaves(x, format!("{at}/{k}"), out)),
        _ => out.push((at, v.clone())),
    }
}

#[allow(dead_code)]
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => a == b,
    }
}

/// Compares the leaves of `blocks` in an output with its expectation: the
/// number of fields, and each wrong one as (pointer, got, expected).
#[allow(dead_code)]
pub fn mismatches(
    got: &Value,
    want: &Value,
    blocks: &[&str],
) -> (usize, Vec<(String, Value, Value)>) {
    let mut fields = 0;
    let mut wrong = Vec::new();
    for block in blocks {
        let mut expected = Vec::new();
        leaves(&want[*block], format!("/{block}"), &mut expected);
        for (pointer, w) in expected {
            fields += 1;
            let g = got.pointer(&pointer).cloned().unwrap_or(Value::Null);
            if !same_value(&g, &w) {
                wrong.push((pointer, g, w));
            }
        }
    }
    (fields, wrong)
}

#[allow(dead_code)]
/// Character-level similarity: 1 − Levenshtein distance / longer length.
pub fn text_similarity(a: &str, b: &str) -> f64 {
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

#[allow(dead_code)]
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

/// Compares one output with its expectation: every field of the source,
/// report and tables, the prose by similarity (≥ 0.98), the expected issues
/// reported, no error issue that is not expected. Returns (fields, wrong
/// fields) and adds a line per problem.
#[allow(dead_code)]
pub fn compare(
    name: &str,
    got: &Value,
    want: &Value,
    problems: &mut Vec<String>,
) -> (usize, usize) {
    let blocks = [
        "source",
        "report",
        "active_disclosure",
        "applications",
        "reviews",
    ];
    let (mut fields, misses) = mismatches(got, want, &blocks);
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

/// Prints the accuracy over a set of files and fails with every problem.
#[allow(dead_code)]
pub fn assert_all_right(
    what: &str,
    files: usize,
    fields: usize,
    wrong: usize,
    problems: &[String],
) {
    eprintln!(
        "{what}: {files} files, {fields} fields, {wrong} wrong, accuracy {:.2} %",
        100.0 * (fields - wrong) as f64 / fields.max(1) as f64
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

//! Helpers shared by the integration tests: run the real binary.

use serde_json::Value;
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

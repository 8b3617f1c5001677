//! Helpers shared by the integration tests: run the real binary.

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

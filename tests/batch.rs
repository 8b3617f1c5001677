//! Batch runs over an archive made of the typed samples under other names,
//! bad files among them: every good file extracted, every bad one reported,
//! the same values in every output format.

mod common;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

/// A scratch directory removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("nianbao-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What a file of the archive should give.
enum Want {
    /// The values of this expected JSON.
    Report(PathBuf),
    /// A failure of one of these kinds.
    Failure(&'static [&'static str]),
}

/// Bad inputs, each made from the samples: name, bytes, the kinds of failure allowed.
fn bad_files() -> Vec<(String, Vec<u8>, &'static [&'static str])> {
    let sample = |n: &str| std::fs::read(common::root().join("samples").join(n)).expect("sample");
    let half = |n: &str| {
        let b = sample(n);
        b[..b.len() / 2].to_vec()
    };
    let png = std::fs::read(common::root().join("samples/scans/h02_ningnan_2023_table3.png"))
        .expect("png sample");
    let mut noise = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..5000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        noise.push((x >> 16) as u8);
    }
    let kinds: Vec<(&str, Vec<u8>, &'static [&'static str])> = vec![
        (
            "half-d01.pdf",
            half("d01_renhe_office_2023.pdf"),
            &["malformed_pdf"],
        ),
        (
            "half-d03.pdf",
            half("d03_zhongning_2023.pdf"),
            &["malformed_pdf"],
        ),
        (
            "half-d07.pdf",
            half("d07_sc_market_2023.pdf"),
            &["malformed_pdf"],
        ),
        ("half-h01.pdf", half("h01_xiqu_2023.pdf"), &["no_text"]),
        ("half-h07.pdf", half("h07_sc_police_2023.pdf"), &["no_text"]),
        ("empty.pdf", Vec::new(), &["unsupported_input"]),
        ("noise.pdf", noise, &["unsupported_input"]),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><body>404</body></html>".to_vec(),
            &["unsupported_input"],
        ),
        (
            "header-only.pdf",
            b"%PDF-1.7\n".to_vec(),
            &["malformed_pdf"],
        ),
        ("encrypted.pdf", sample("bad/encrypted.pdf"), &["encrypted"]),
        (
            "not-a-report.pdf",
            sample("bad/not-a-report.pdf"),
            &["not_a_report"],
        ),
        ("cut.png", png[..png.len() / 3].to_vec(), &["bad_image"]),
    ];
    kinds
        .into_iter()
        .map(|(n, b, k)| (n.to_string(), b, k))
        .collect()
}

/// Writes `good` copies of the typed samples (each made distinct by a
/// comment after its end, as archives hold distinct files) and `bad` bad
/// files into folders by year, and says what each should give.
fn make_archive(dir: &Path, good: usize, bad: usize) -> BTreeMap<PathBuf, Want> {
    let samples = common::typed_samples();
    let mut want = BTreeMap::new();
    for i in 0..good {
        let (rel, expected) = &samples[i % samples.len()];
        let mut bytes = std::fs::read(common::root().join(rel)).expect("sample");
        bytes.extend_from_slice(format!("\n% archive copy {i}\n").as_bytes());
        let name = Path::new(rel).file_name().expect("name").to_string_lossy();
        let path = dir
            .join(format!("{}", 2020 + i % 4))
            .join(format!("body-{i:04}-{name}"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("year dir");
        std::fs::write(&path, bytes).expect("copy");
        want.insert(path, Want::Report(expected.clone()));
    }
    let bads = bad_files();
    for i in 0..bad {
        let (name, bytes, kinds) = &bads[i % bads.len()];
        let path = dir.join("damaged").join(format!("{i:03}-{name}"));
        std::fs::create_dir_all(path.parent().expect("parent")).expect("bad dir");
        std::fs::write(&path, bytes).expect("bad file");
        want.insert(path, Want::Failure(kinds));
    }
    want
}

fn run(args: &[&str]) -> Output {
    common::nianbao(args)
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// The closing summary's counts: (files, ok, with issues, failed).
fn summary(stderr: &str) -> (usize, usize, usize, usize) {
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.contains(" files, "))
        .unwrap_or_else(|| panic!("no summary in:\n{stderr}"));
    let number_before = |word: &str| -> usize {
        let at = line
            .find(word)
            .unwrap_or_else(|| panic!("{word:?} in {line}"));
        line[..at]
            .split(|c: char| !c.is_ascii_digit())
            .rfind(|s| !s.is_empty())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("count before {word:?} in {line}"))
    };
    (
        number_before(" files"),
        number_before(" ok"),
        number_before(" with issues"),
        number_before(" failed"),
    )
}

#[test]
fn a_batch_of_500_files_extracts_the_good_and_reports_the_bad() {
    let scratch = Scratch::new("batch500");
    let archive = scratch.0.join("archive");
    let want = make_archive(&archive, 475, 25);
    let out = scratch.0.join("out.jsonl");
    let got = run(&[
        "extract",
        archive.to_str().expect("utf-8 path"),
        "-o",
        out.to_str().expect("utf-8 path"),
        "-j",
        "2",
    ]);
    let stderr = String::from_utf8_lossy(&got.stderr);
    assert_eq!(got.status.code(), Some(1), "{stderr}");

    let lines = jsonl(&out);
    assert_eq!(lines.len(), 500, "one line per input");
    let paths: Vec<PathBuf> = lines
        .iter()
        .map(|l| PathBuf::from(l["source"]["path"].as_str().expect("source.path")))
        .collect();
    let expected_order: Vec<PathBuf> = want.keys().cloned().collect();
    assert_eq!(paths, expected_order, "lines in path order");

    let (mut ok, mut with_issues, mut failed) = (0, 0, 0);
    for (line, path) in lines.iter().zip(&paths) {
        match &want[path] {
            Want::Report(expected) => {
                assert!(line.get("error").is_none(), "{}: {line}", path.display());
                let expected: Value = serde_json::from_str(
                    &std::fs::read_to_string(expected).expect("expected JSON"),
                )
                .expect("expected JSON parses");
                let (fields, wrong) = common::mismatches(
                    line,
                    &expected,
                    &["report", "active_disclosure", "applications", "reviews"],
                );
                assert!(
                    fields > 100 && wrong.is_empty(),
                    "{}: {wrong:?}",
                    path.display()
                );
                let sha = nianbao::hex(&Sha256::digest(std::fs::read(path).expect("copy")));
                assert_eq!(line["source"]["sha256"], sha.as_str());
                if line["issues"].as_array().is_some_and(|i| i.is_empty()) {
                    ok += 1;
                } else {
                    with_issues += 1;
                }
            }
            Want::Failure(kinds) => {
                failed += 1;
                let kind = line["error"]["kind"].as_str().unwrap_or_default();
                let message = line["error"]["message"].as_str().unwrap_or_default();
                assert!(
                    kinds.contains(&kind),
                    "{}: {kind} {message}",
                    path.display()
                );
                let shown = path.display().to_string();
                assert!(message.starts_with(&shown), "{message}");
                assert!(
                    stderr.contains(&format!("nianbao: {message}")),
                    "stderr names {shown}"
                );
            }
        }
    }
    assert_eq!(failed, 25);
    assert_eq!(summary(&stderr), (500, ok, with_issues, failed), "{stderr}");
}

/// Values by (path, pointer), as text, from each output format.
type Table = BTreeMap<(String, String), String>;

fn from_jsonl(lines: &[Value]) -> Table {
    let mut t = Table::new();
    for line in lines.iter().filter(|l| l.get("error").is_none()) {
        let path = line["source"]["path"].as_str().expect("path").to_string();
        for block in ["active_disclosure", "applications", "reviews"] {
            let mut leaves = Vec::new();
            common::leaves(&line[block], format!("/{block}"), &mut leaves);
            for (pointer, v) in leaves {
                let text = if v.is_null() {
                    String::new()
                } else {
                    v.to_string()
                };
                t.insert((path.clone(), pointer), text);
            }
        }
    }
    t
}

fn from_csv(path: &Path) -> (Table, BTreeSet<String>) {
    let mut reader = csv::Reader::from_path(path).expect("CSV opens");
    let header = reader.headers().expect("header").clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (p, ptr, val, err) = (col("path"), col("pointer"), col("value"), col("error"));
    let mut t = Table::new();
    let mut failed = BTreeSet::new();
    for row in reader.records() {
        let row = row.expect("CSV row");
        if !row[err].is_empty() {
            failed.insert(row[p].to_string());
            continue;
        }
        t.insert(
            (row[p].to_string(), row[ptr].to_string()),
            row[val].to_string(),
        );
    }
    (t, failed)
}

fn sqlite_counts(db: &Path) -> [i64; 4] {
    let conn = rusqlite::Connection::open(db).expect("database opens");
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get(0)).expect(sql);
    [
        count("SELECT count(*) FROM reports"),
        count("SELECT count(*) FROM report_values"),
        count("SELECT count(*) FROM issues"),
        count("SELECT count(*) FROM runs"),
    ]
}

fn from_sqlite(db: &Path) -> (Table, BTreeSet<String>) {
    let conn = rusqlite::Connection::open(db).expect("database opens");
    let mut t = Table::new();
    let mut stmt = conn
        .prepare(
            "SELECT r.path, v.pointer, v.value FROM report_values v JOIN reports r ON r.id = v.report_id",
        )
        .expect("query");
    let rows = stmt
        .query_map([], |r| {
            let value: rusqlite::types::Value = r.get(2)?;
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, value))
        })
        .expect("rows");
    for row in rows {
        let (path, pointer, value) = row.expect("row");
        let text = match value {
            rusqlite::types::Value::Null => String::new(),
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Real(x) => Value::from(x).to_string(),
            other => panic!("{path} {pointer}: {other:?}"),
        };
        t.insert((path, pointer), text);
    }
    let mut failed = BTreeSet::new();
    let mut stmt = conn
        .prepare("SELECT path FROM reports WHERE status = 'failed' AND error_message IS NOT NULL")
        .expect("query");
    for p in stmt.query_map([], |r| r.get::<_, String>(0)).expect("rows") {
        failed.insert(p.expect("path"));
    }
    (t, failed)
}

#[test]
fn jsonl_csv_and_sqlite_hold_the_same_values_and_a_rerun_updates_in_place() {
    let scratch = Scratch::new("formats");
    let archive = scratch.0.join("archive");
    let want = make_archive(&archive, 20, 4);
    let dir = archive.to_str().expect("utf-8 path");
    let outs: Vec<PathBuf> = ["out.jsonl", "out.csv", "out.sqlite"]
        .iter()
        .map(|n| scratch.0.join(n))
        .collect();
    for out in &outs {
        let got = run(&["extract", dir, "-o", out.to_str().expect("utf-8")]);
        assert_eq!(
            got.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
    }
    let lines = jsonl(&outs[0]);
    let from_json = from_jsonl(&lines);
    let failed_json: BTreeSet<String> = lines
        .iter()
        .filter(|l| l.get("error").is_some())
        .map(|l| l["source"]["path"].as_str().unwrap_or_default().to_string())
        .collect();
    let (csv_values, failed_csv) = from_csv(&outs[1]);
    let (db_values, failed_db) = from_sqlite(&outs[2]);
    assert!(from_json.len() >= 20 * 150, "values of 20 reports");
    assert!(from_json == csv_values, "JSONL and CSV differ");
    assert!(from_json == db_values, "JSONL and SQLite differ");
    assert_eq!(failed_json.len(), 4);
    assert_eq!(failed_json, failed_csv);
    assert_eq!(failed_json, failed_db);
    assert_eq!(want.len(), 24);

    let before = sqlite_counts(&outs[2]);
    assert_eq!(before[0], 24, "one reports row per input");
    let again = run(&["extract", dir, "-o", outs[2].to_str().expect("utf-8")]);
    assert_eq!(again.status.code(), Some(1));
    let after = sqlite_counts(&outs[2]);
    assert_eq!(
        after[..3],
        before[..3],
        "reports, values, issues after a re-run"
    );
    assert_eq!((before[3], after[3]), (1, 2), "one runs row per run");
}

#[test]
fn shards_split_a_batch_into_disjoint_parts_that_cover_it() {
    let scratch = Scratch::new("shards");
    let archive = scratch.0.join("archive");
    let want = make_archive(&archive, 30, 3);
    let mut seen = BTreeSet::new();
    for k in 1..=3 {
        let out = scratch.0.join(format!("part{k}.jsonl"));
        let shard = format!("{k}/3");
        let got = run(&[
            "extract",
            archive.to_str().expect("utf-8"),
            "--shard",
            &shard,
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        assert!(got.status.code().is_some_and(|c| c <= 1));
        let part: Vec<String> = jsonl(&out)
            .iter()
            .map(|l| l["source"]["path"].as_str().unwrap_or_default().to_string())
            .collect();
        assert!(
            !part.is_empty() && part.len() < want.len(),
            "shard {shard}: {}",
            part.len()
        );
        for p in part {
            assert!(seen.insert(p.clone()), "{p} in two shards");
        }
    }
    let all: BTreeSet<String> = want.keys().map(|p| p.display().to_string()).collect();
    assert_eq!(seen, all);
    let bad = run(&["extract", "samples", "--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1 ≤ K ≤ N"));
}

#[test]
fn a_file_over_the_time_limit_fails_with_timeout_and_the_batch_goes_on() {
    let scratch = Scratch::new("timeout");
    let out = scratch.0.join("out.jsonl");
    let got = run(&[
        "extract",
        "samples/scans/h02_ningnan_2023_scan300.pdf",
        "samples/d03_zhongning_2023.pdf",
        "--timeout",
        "0.5",
        "-j",
        "1",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(got.status.code(), Some(1));
    let lines = jsonl(&out);
    assert_eq!(lines[0]["error"]["kind"], "timeout", "{}", lines[0]);
    let message = lines[0]["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("time limit of 0.5 s"), "{message}");
    assert!(
        lines[1].get("error").is_none(),
        "the next file is extracted"
    );
}

#[test]
fn output_to_a_device_is_written_through_and_the_device_is_left_alone() {
    // Regression: lines once went to a spool file renamed over the output,
    // which would have replaced /dev/null with a regular file.
    let got = run(&[
        "extract",
        "samples/h03_shapotou_2023.pdf",
        "samples/h08_shapotou_2024.pdf",
        "-o",
        "/dev/null",
    ]);
    assert!(got.status.success());
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::metadata("/dev/null")
        .expect("/dev/null")
        .file_type();
    assert!(kind.is_char_device());
    // The check across years could not be added to the lines: it goes to stderr.
    let stderr = String::from_utf8_lossy(&got.stderr);
    assert!(
        stderr.contains(
            "samples/h08_shapotou_2024.pdf: carry_over_mismatch /applications/carried_over/total"
        ),
        "{stderr}"
    );
}

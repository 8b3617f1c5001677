//! Checks that look past one table: the prose against the tables, and one
//! year's report against the next year's of the same body.

mod common;

use serde_json::Value;

fn report(path: &str) -> Value {
    let out = common::nianbao(&["extract", path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("report JSON")
}

fn codes(v: &Value, code: &str) -> Vec<String> {
    v["issues"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["code"] == code)
        .map(|i| i["pointer"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn prose_that_contradicts_the_table_is_a_warning_and_agreeing_prose_is_not() {
    // d07 says 已办结123件 and 结转下年度继续办理9件; its table says 126 and 6.
    let d07 = report("samples/d07_sc_market_2023.pdf");
    assert_eq!(
        codes(&d07, "prose_contradicts_table"),
        [
            "/applications/carried_forward/total",
            "/applications/total/total"
        ]
    );
    // Every other typed sample states figures that agree with its table.
    for (path, _) in common::typed_samples() {
        if path.contains("d07_") {
            continue;
        }
        let v = report(&path);
        assert!(
            codes(&v, "prose_contradicts_table").is_empty(),
            "{path}: {}",
            v["issues"]
        );
    }
}

#[test]
fn consecutive_years_of_one_body_must_carry_over_what_was_carried_forward() {
    let dir = std::env::temp_dir().join(format!("nianbao-years-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let jsonl = dir.join("years.jsonl");
    let db = dir.join("years.sqlite");
    for out in [&jsonl, &db] {
        let got = common::nianbao(&[
            "extract",
            "samples/h08_shapotou_2024.pdf",
            "samples/h03_shapotou_2023.pdf",
            "samples/d03_zhongning_2023.pdf",
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        assert!(
            got.status.success(),
            "{}",
            String::from_utf8_lossy(&got.stderr)
        );
    }
    let lines: Vec<Value> = std::fs::read_to_string(&jsonl)
        .expect("output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let by_path = |p: &str| {
        lines
            .iter()
            .find(|l| l["source"]["path"] == p)
            .unwrap_or_else(|| panic!("{p}"))
    };
    // h03 (2023) carried 0 forward; h08 (2024) says 1 was carried over.
    assert_eq!(
        codes(
            by_path("samples/h08_shapotou_2024.pdf"),
            "carry_over_mismatch"
        ),
        [
            "/applications/carried_over/natural_person",
            "/applications/carried_over/total"
        ]
    );
    assert!(
        codes(
            by_path("samples/h03_shapotou_2023.pdf"),
            "carry_over_mismatch"
        )
        .is_empty()
    );
    assert!(
        codes(
            by_path("samples/d03_zhongning_2023.pdf"),
            "carry_over_mismatch"
        )
        .is_empty()
    );

    let conn = rusqlite::Connection::open(&db).expect("database");
    let stored: Vec<(String, String)> = conn
        .prepare(
            "SELECT r.path, i.pointer FROM issues i JOIN reports r ON r.id = i.report_id
             WHERE i.code = 'carry_over_mismatch' ORDER BY i.pointer",
        )
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<_>, _>>()
        })
        .expect("query");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        stored,
        [
            (
                "samples/h08_shapotou_2024.pdf".to_string(),
                "/applications/carried_over/natural_person".to_string()
            ),
            (
                "samples/h08_shapotou_2024.pdf".to_string(),
                "/applications/carried_over/total".to_string()
            )
        ]
    );

    // Alone, the later report has nothing to be compared with.
    let alone = report("samples/h08_shapotou_2024.pdf");
    assert!(codes(&alone, "carry_over_mismatch").is_empty());
}

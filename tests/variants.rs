//! The generated reports of `samples/variants/`: drawn by `scripts/variants`
//! (seed 1) with every layout dimension at random, three producers, and an
//! expected JSON written from the draw. The binary reads them all in one
//! batch; every field and every metadata value must be right, and no rule
//! error may be reported that the numbers do not have. Each kind of layout
//! that once lost a whole table or a metadata field has a test of its own,
//! over the generated reports of that kind.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// One generated report: what the binary gave, what was expected, and the
/// layout dimensions it was drawn with.
struct Generated {
    got: Value,
    want: Value,
    dims: BTreeMap<String, String>,
}

fn read_json(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every generated report, read once for all the tests by one batch run.
fn generated() -> &'static BTreeMap<String, Generated> {
    static ALL: OnceLock<BTreeMap<String, Generated>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = common::root().join("samples/variants");
        let out =
            std::env::temp_dir().join(format!("nianbao-variants-{}.jsonl", std::process::id()));
        let run = common::nianbao(&[
            "extract",
            "samples/variants",
            "-o",
            out.to_str().expect("a UTF-8 temporary path"),
        ]);
        assert!(
            run.status.success(),
            "the batch failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let lines = std::fs::read_to_string(&out).expect("the batch wrote its output");
        std::fs::remove_file(&out).ok();
        let mut all = BTreeMap::new();
        for line in lines.lines() {
            let mut got: Value = serde_json::from_str(line).expect("a JSON line");
            // The draws are independent: a body drawn for two consecutive years
            // really does carry over other figures than the year before left.
            if let Some(issues) = got["issues"].as_array_mut() {
                issues.retain(|i| i["code"] != "carry_over_mismatch");
            }
            let path = got["source"]["path"]
                .as_str()
                .expect("source.path")
                .to_string();
            let stem = path
                .trim_end_matches(".pdf")
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            let want = read_json(&dir.join(format!("{stem}.expected.json")));
            let dims: BTreeMap<String, String> =
                serde_json::from_value(read_json(&dir.join(format!("{stem}.dims.json"))))
                    .expect("dimensions are strings");
            all.insert(stem, Generated { got, want, dims });
        }
        all
    })
}

/// Compares the reports drawn with `dim` set to one of `values` (at least
/// `min` of them) with their expectations; returns the problems found.
fn check_kind(dim: &str, values: &[&str], min: usize) -> Vec<String> {
    let chosen: Vec<(&String, &Generated)> = generated()
        .iter()
        .filter(|(_, g)| {
            g.dims
                .get(dim)
                .is_some_and(|v| values.contains(&v.as_str()))
        })
        .collect();
    assert!(
        chosen.len() >= min,
        "samples/variants holds {} reports with {dim} in {values:?}; at least {min} are needed (draw more with scripts/variants)",
        chosen.len()
    );
    let mut problems = Vec::new();
    for (name, g) in chosen {
        common::compare(name, &g.got, &g.want, &mut problems);
    }
    problems
}

fn assert_kind(dim: &str, values: &[&str], min: usize) {
    let problems = check_kind(dim, values, min);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_generated_report_is_read_right() {
    let all = generated();
    assert!(
        all.len() >= 60,
        "samples/variants holds {} generated reports; CI needs at least 60",
        all.len()
    );
    let mut problems = Vec::new();
    let (mut fields, mut wrong) = (0, 0);
    for (name, g) in all {
        let (f, w) = common::compare(name, &g.got, &g.want, &mut problems);
        fields += f;
        wrong += w;
    }
    common::assert_all_right("generated reports", all.len(), fields, wrong, &problems);
}

#[test]
fn every_producer_is_in_the_set() {
    for producer in ["html", "docx", "tex"] {
        assert_kind("producer", &[producer], 10);
    }
}

#[test]
fn table_4_under_wrapped_group_headers_two_group_rows_and_a_page_break() {
    assert_kind("t4_header", &["flat_wrap"], 3);
    assert_kind("t4_header", &["std", "rowspan"], 3);
    assert_kind("t4_break", &["inside header"], 2);
    assert_kind("t4_break", &["before values"], 2);
}

#[test]
fn values_under_wordings_the_template_does_not_know_are_placed_by_position() {
    for dim in ["t2_words", "t3_words", "t4_words"] {
        assert_kind(dim, &["other"], 2);
        for g in generated().values().filter(|g| g.dims[dim] == "other") {
            // A table 二 row is placed by its place, or as the only row of
            // its item it is near (行政许可事项 under item 五).
            let said = g.got["issues"].as_array().into_iter().flatten().any(|i| {
                i["code"] == "columns_by_order" || (dim == "t2_words" && i["code"] == "row_by_item")
            });
            assert!(
                said,
                "{dim}=other: the fallback by position is not reported"
            );
            for (pointer, confidence) in placed_by_order(&g.got) {
                assert!(
                    confidence <= 0.85,
                    "{dim}=other: {pointer}, placed by position, is given confidence {confidence}"
                );
            }
        }
    }
}

/// Each value under a `columns_by_order` issue (on the page it names, when it
/// names one) with its confidence.
fn placed_by_order(got: &Value) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let Some(provenance) = got["provenance"].as_object() else {
        return out;
    };
    for issue in got["issues"].as_array().into_iter().flatten() {
        if issue["code"] != "columns_by_order" {
            continue;
        }
        let under = issue["pointer"].as_str().unwrap_or("/");
        let page = issue["message"]
            .as_str()
            .and_then(|m| m.strip_prefix("page "))
            .and_then(|m| m.split(':').next())
            .and_then(|n| n.parse::<u64>().ok());
        for (pointer, prov) in provenance {
            if pointer.starts_with(under) && page.is_none_or(|p| prov["page"] == p) {
                out.push((pointer.clone(), prov["confidence"].as_f64().unwrap_or(1.0)));
            }
        }
    }
    out
}

#[test]
fn titles_wrapped_inside_a_word_spaced_or_year_first() {
    assert_kind("title_wrap", &["tail 1", "tail 2", "tail 3", "tail 4"], 3);
    assert_kind("title_wrap", &["middle"], 2);
    assert_kind("title", &["spaced"], 2);
    assert_kind("title", &["year_first"], 2);
    assert_kind("title", &["no_org"], 2);
    assert_kind("preamble", &["names the report"], 2);
}

#[test]
fn publication_date_printed_near_the_title() {
    assert_kind("published_from", &["title"], 3);
    for form in ["time", "date", "written", "cn"] {
        assert_kind("date_under_title", &[form], 1);
    }
    assert_kind("date_form", &["chinese"], 2);
}

#[test]
fn section_headings_in_the_2019_wording_and_other_numberings() {
    assert_kind("problems_heading", &["2019 wording"], 2);
    assert_kind("problems_heading", &["variant"], 2);
    assert_kind("heading_numbering", &["第一部分", "第一部分："], 2);
    assert_kind("heading_numbering", &["一"], 2);
}

#[test]
fn pages_printed_by_a_browser_keep_its_header_and_footer_out() {
    assert_kind("browser_chrome", &["yes"], 2);
}

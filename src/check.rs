//! The consistency rules (勾稽关系) of the national format. They add issues
//! and never change a number.

use crate::report::{Issue, Values};
use crate::template::{APPLICANT_COLUMNS, OUTCOME_COLUMNS, REVIEW_GROUPS};

/// Rows of table 三 that are not outcomes of the year's handling.
const BALANCE_ROWS: [&str; 4] = [
    "/applications/new",
    "/applications/carried_over",
    "/applications/total",
    "/applications/carried_forward",
];

/// Sums the fields; None when any of them is null or absent.
fn sum(values: &Values, pointers: &[String]) -> Option<f64> {
    pointers.iter().map(|p| values.get(p)).sum()
}

fn differs(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-6
}

/// Row bases of table 三 in template order, e.g. "/applications/denied/state_secret".
fn application_rows(values: &Values) -> Vec<String> {
    values
        .fields
        .iter()
        .filter_map(|f| {
            f.pointer
                .strip_suffix("/total")
                .filter(|p| p.starts_with("/applications/"))
        })
        .map(str::to_string)
        .collect()
}

/// Runs rules 1–4 of the spec over the values.
pub fn run(values: &Values) -> Vec<Issue> {
    let mut issues = Vec::new();
    let rows = application_rows(values);
    let outcome_rows: Vec<&String> = rows
        .iter()
        .filter(|r| !BALANCE_ROWS.contains(&r.as_str()))
        .collect();
    let at = |row: &str, col: &str| format!("{row}/{col}");

    if rows.is_empty() {
        return issues;
    }
    // Rule 1: new + carried over = total + carried forward, per column.
    for c in APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let left = sum(values, &[at(BALANCE_ROWS[0], c), at(BALANCE_ROWS[1], c)]);
        let right = sum(values, &[at(BALANCE_ROWS[2], c), at(BALANCE_ROWS[3], c)]);
        if let (Some(l), Some(r)) = (left, right)
            && differs(l, r)
        {
            issues.push(Issue::error(
                "rule1_balance",
                at(BALANCE_ROWS[3], c),
                format!("new + carried over = {l}, but total + carried forward = {r}"),
            ));
        }
    }
    // Rule 2: each row's total is the sum of its applicant columns.
    let parts: Vec<&str> = APPLICANT_COLUMNS
        .iter()
        .map(|c| c.key)
        .filter(|k| *k != "total")
        .collect();
    for row in &rows {
        let items: Vec<String> = parts.iter().map(|c| at(row, c)).collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(row, "total")))
            && differs(s, t)
        {
            issues.push(Issue::error(
                "rule2_row_sum",
                at(row, "total"),
                format!("the row's columns add up to {s}, its total says {t}"),
            ));
        }
    }
    // Rule 3: the year's total is the sum of all outcomes, per column.
    for c in APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let items: Vec<String> = outcome_rows.iter().map(|r| at(r, c)).collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(BALANCE_ROWS[2], c)))
            && differs(s, t)
        {
            issues.push(Issue::error(
                "rule3_outcome_sum",
                at(BALANCE_ROWS[2], c),
                format!("the outcomes add up to {s}, the total says {t}"),
            ));
        }
    }
    // Rule 4: each review / litigation total is the sum of its outcomes.
    for g in REVIEW_GROUPS {
        let base = format!("/reviews/{}", g.key);
        let items: Vec<String> = OUTCOME_COLUMNS
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| at(&base, c.key))
            .collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(&base, "total")))
            && differs(s, t)
        {
            issues.push(Issue::error(
                "rule4_review_sum",
                at(&base, "total"),
                format!("the outcomes add up to {s}, the total says {t}"),
            ));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Kind, TEMPLATE_2021};

    fn filled(v: f64) -> Values {
        let mut values = Values::default();
        for r in TEMPLATE_2021.applications {
            for c in APPLICANT_COLUMNS {
                values.push(
                    format!("/applications{}/{}", r.pointer, c.key),
                    Kind::Count,
                    Some(v),
                    None,
                );
            }
        }
        for g in REVIEW_GROUPS {
            for c in OUTCOME_COLUMNS {
                values.push(
                    format!("/reviews/{}/{}", g.key, c.key),
                    Kind::Count,
                    Some(0.0),
                    None,
                );
            }
        }
        values
    }

    fn set(values: &mut Values, p: &str, v: Option<f64>) {
        if let Some(f) = values.fields.iter_mut().find(|f| f.pointer == p) {
            f.value = v;
        }
    }

    #[test]
    fn all_zero_is_consistent() {
        assert!(run(&filled(0.0)).is_empty());
    }

    #[test]
    fn each_rule_names_the_cell_that_breaks_it() {
        let mut v = filled(0.0);
        set(&mut v, "/applications/new/natural_person", Some(2.0));
        set(&mut v, "/applications/new/total", Some(2.0));
        set(&mut v, "/reviews/review/upheld", Some(1.0));
        let codes: Vec<(String, String)> =
            run(&v).into_iter().map(|i| (i.code, i.pointer)).collect();
        assert!(codes.contains(&(
            "rule1_balance".into(),
            "/applications/carried_forward/natural_person".into()
        )));
        assert!(codes.contains(&(
            "rule1_balance".into(),
            "/applications/carried_forward/total".into()
        )));
        assert!(codes.contains(&("rule4_review_sum".into(), "/reviews/review/total".into())));
        assert!(!codes.iter().any(|c| c.0 == "rule2_row_sum"));

        set(&mut v, "/applications/granted/commercial", Some(1.0));
        let codes: Vec<(String, String)> =
            run(&v).into_iter().map(|i| (i.code, i.pointer)).collect();
        assert!(codes.contains(&("rule2_row_sum".into(), "/applications/granted/total".into())));
        assert!(codes.contains(&(
            "rule3_outcome_sum".into(),
            "/applications/total/commercial".into()
        )));
    }

    #[test]
    fn a_null_operand_skips_the_rule() {
        let mut v = filled(0.0);
        set(&mut v, "/applications/new/natural_person", None);
        set(&mut v, "/applications/new/total", Some(5.0));
        let codes: Vec<String> = run(&v).into_iter().map(|i| i.code).collect();
        assert!(!codes.contains(&"rule2_row_sum".to_string()));
        assert!(codes.contains(&"rule1_balance".to_string()));
    }
}

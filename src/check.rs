//! The consistency rules (勾稽关系) of the national format. They add issues
//! and never change a number.

use crate::report::{Issue, Report, Sections, Values};
use crate::template::{APPLICANT_COLUMNS, OUTCOME_COLUMNS, REVIEW_GROUPS};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

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
    broken(values).into_iter().map(|b| b.issue).collect()
}

/// A rule the values break, and the fields it adds up.
#[derive(Debug, Clone, PartialEq)]
pub struct Broken {
    pub issue: Issue,
    pub members: Vec<String>,
}

/// Rules 1–4, each failure with the fields that take part in it.
pub fn broken(values: &Values) -> Vec<Broken> {
    let mut issues = Vec::new();
    let rows = application_rows(values);
    let outcome_rows: Vec<&String> = rows
        .iter()
        .filter(|r| !BALANCE_ROWS.contains(&r.as_str()))
        .collect();
    let at = |row: &str, col: &str| format!("{row}/{col}");
    // Rule 1: new + carried over = total + carried forward, per column.
    for c in APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let members: Vec<String> = BALANCE_ROWS.iter().map(|r| at(r, c)).collect();
        let left = sum(values, &members[..2]);
        let right = sum(values, &members[2..]);
        if let (Some(l), Some(r)) = (left, right)
            && differs(l, r)
        {
            issues.push(Broken {
                issue: Issue::error(
                    "rule1_balance",
                    at(BALANCE_ROWS[3], c),
                    format!("new + carried over = {l}, but total + carried forward = {r}"),
                ),
                members,
            });
        }
    }
    // Rule 2: each row's total is the sum of its applicant columns.
    let parts: Vec<&str> = APPLICANT_COLUMNS
        .iter()
        .map(|c| c.key)
        .filter(|k| *k != "total")
        .collect();
    for row in &rows {
        let mut items: Vec<String> = parts.iter().map(|c| at(row, c)).collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(row, "total")))
            && differs(s, t)
        {
            items.push(at(row, "total"));
            issues.push(Broken {
                issue: Issue::error(
                    "rule2_row_sum",
                    at(row, "total"),
                    format!("the row's columns add up to {s}, its total says {t}"),
                ),
                members: items,
            });
        }
    }
    // Rule 3: the year's total is the sum of all outcomes, per column.
    for c in APPLICANT_COLUMNS.iter().map(|c| c.key) {
        let mut items: Vec<String> = outcome_rows.iter().map(|r| at(r, c)).collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(BALANCE_ROWS[2], c)))
            && differs(s, t)
        {
            items.push(at(BALANCE_ROWS[2], c));
            issues.push(Broken {
                issue: Issue::error(
                    "rule3_outcome_sum",
                    at(BALANCE_ROWS[2], c),
                    format!("the outcomes add up to {s}, the total says {t}"),
                ),
                members: items,
            });
        }
    }
    // Rule 4: each review / litigation total is the sum of its outcomes.
    for g in REVIEW_GROUPS {
        let base = format!("/reviews/{}", g.key);
        let mut items: Vec<String> = OUTCOME_COLUMNS
            .iter()
            .filter(|c| c.key != "total")
            .map(|c| at(&base, c.key))
            .collect();
        if let (Some(s), Some(t)) = (sum(values, &items), values.get(&at(&base, "total")))
            && differs(s, t)
        {
            items.push(at(&base, "total"));
            issues.push(Broken {
                issue: Issue::error(
                    "rule4_review_sum",
                    at(&base, "total"),
                    format!("the outcomes add up to {s}, the total says {t}"),
                ),
                members: items,
            });
        }
    }
    issues
}

/// Figures the prose of section 一 commonly states, as (pattern on the text
/// without spaces, the table value it must equal, what it is called).
const STATED: [(&str, &str, &str); 4] = [
    (
        r"(?:收到|受理|新收)[^。；，\d]{0,20}?申请[^。；，\d]{0,4}?(\d+)件",
        "/applications/new/total",
        "本年新收申请",
    ),
    (
        r"上年结转(\d+)件",
        "/applications/carried_over/total",
        "上年结转",
    ),
    (
        r"结转下年度继续办理(\d+)件",
        "/applications/carried_forward/total",
        "结转下年度继续办理",
    ),
    (r"办结(\d+)件", "/applications/total/total", "办结"),
];

fn stated() -> &'static [(Regex, &'static str, &'static str)] {
    static COMPILED: OnceLock<Vec<(Regex, &str, &str)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        STATED
            .iter()
            .filter_map(|(re, pointer, what)| Some((Regex::new(re).ok()?, *pointer, *what)))
            .collect()
    })
}

/// A warning for every figure stated in the prose that the table contradicts,
/// e.g. "共受理政府信息公开申请件 9 件" against a table total of 14.
pub fn prose(sections: &Sections, values: &Values) -> Vec<Issue> {
    let s = sections;
    let text: String = [&s.overview, &s.problems, &s.other]
        .into_iter()
        .flatten()
        .flat_map(|t| t.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut issues = Vec::new();
    for (re, pointer, what) in stated() {
        let Some(table) = values.get(pointer) else {
            continue;
        };
        for caps in re.captures_iter(&text) {
            let Some(n) = caps.get(1).and_then(|m| m.as_str().parse::<f64>().ok()) else {
                continue;
            };
            let message = format!(
                "the text says {what} {n} 件 (\"{}\"), the table says {table}",
                caps.get(0).map_or("", |m| m.as_str())
            );
            if differs(n, table) && !issues.iter().any(|i: &Issue| i.message == message) {
                issues.push(Issue::warning("prose_contradicts_table", *pointer, message));
            }
        }
    }
    issues
}

/// What the check across years needs of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Carry {
    /// The issuing body, as printed.
    pub organization: String,
    pub year: u32,
    /// Where the report came from, to name it in messages.
    pub path: String,
    /// 上年结转 and 结转下年度继续办理, by applicant column.
    pub carried_over: Vec<Option<f64>>,
    pub carried_forward: Vec<Option<f64>>,
}

impl Carry {
    /// None for a report without body or year: it cannot be paired.
    pub fn of(report: &Report) -> Option<Carry> {
        let row = |name: &str| {
            APPLICANT_COLUMNS
                .iter()
                .map(|c| {
                    report
                        .values
                        .get(&format!("/applications/{name}/{}", c.key))
                })
                .collect()
        };
        Some(Carry {
            organization: report
                .meta
                .organization
                .as_deref()?
                .split_whitespace()
                .collect(),
            year: report.meta.year?,
            path: report.source.path.clone(),
            carried_over: row("carried_over"),
            carried_forward: row("carried_forward"),
        })
    }
}

/// Across the reports of one batch: for a body with reports for consecutive
/// years, the later year's 上年结转 must equal the earlier year's
/// 结转下年度继续办理, column by column. The issue goes on the later report
/// (its index in `reports`).
pub fn across_years(reports: &[Carry]) -> Vec<(usize, Issue)> {
    let mut by_year: HashMap<(&str, u32), Vec<&Carry>> = HashMap::new();
    for r in reports {
        by_year
            .entry((r.organization.as_str(), r.year))
            .or_default()
            .push(r);
    }
    let mut out: Vec<(usize, Issue)> = Vec::new();
    for (later_at, later) in reports.iter().enumerate() {
        let Some(prior) = later.year.checked_sub(1) else {
            continue;
        };
        let earlier = by_year
            .get(&(later.organization.as_str(), prior))
            .map_or(&[][..], Vec::as_slice);
        for e in earlier {
            for (i, col) in APPLICANT_COLUMNS.iter().enumerate() {
                let over = later.carried_over.get(i).copied().flatten();
                let forward = e.carried_forward.get(i).copied().flatten();
                let (Some(over), Some(forward)) = (over, forward) else {
                    continue;
                };
                if !differs(over, forward) {
                    continue;
                }
                let issue = Issue::error(
                    "carry_over_mismatch",
                    format!("/applications/carried_over/{}", col.key),
                    format!(
                        "上年结转 ({}) is {over}, but the {} report of the same body ({}) carried {forward} forward (结转下年度继续办理)",
                        col.key, e.year, e.path
                    ),
                );
                if !out.iter().any(|(at, i)| *at == later_at && *i == issue) {
                    out.push((later_at, issue));
                }
            }
        }
    }
    out
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

    fn sections(overview: &str) -> Sections {
        Sections {
            overview: Some(overview.into()),
            problems: None,
            other: None,
        }
    }

    #[test]
    fn a_stated_figure_is_checked_against_its_table_value() {
        let mut v = filled(0.0);
        set(&mut v, "/applications/new/total", Some(14.0));
        set(&mut v, "/applications/carried_over/total", Some(2.0));
        let says = |text: &str| -> Vec<String> {
            prose(&sections(text), &v)
                .into_iter()
                .map(|i| i.pointer)
                .collect()
        };
        assert!(says("共受理政府信息公开申请件 14 件，上年结转 2 件。").is_empty());
        assert_eq!(
            says("共受理政府信息公开申请件 9 件，上年结转 2 件。"),
            ["/applications/new/total"]
        );
        assert_eq!(says("收到依申请公开信件3件"), ["/applications/new/total"]);
        assert_eq!(says("上年结转 1 件"), ["/applications/carried_over/total"]);
        // Not a figure of table 三: 主动公开 counts, and numbers in other words.
        assert!(says("主动公开政府信息 4862 条，受理群众来信 9 封").is_empty());
    }

    fn carry(org: &str, year: u32, over: f64, forward: f64) -> Carry {
        let row = |total: f64| {
            let mut r = vec![Some(0.0); APPLICANT_COLUMNS.len()];
            r[0] = Some(total);
            r[APPLICANT_COLUMNS.len() - 1] = Some(total);
            r
        };
        Carry {
            organization: org.into(),
            year,
            path: format!("{org}-{year}.pdf"),
            carried_over: row(over),
            carried_forward: row(forward),
        }
    }

    #[test]
    fn the_next_year_must_carry_over_what_was_carried_forward() {
        let reports = [
            carry("甲局", 2022, 0.0, 3.0),
            carry("甲局", 2023, 3.0, 1.0),
            carry("甲局", 2024, 2.0, 0.0),
            carry("乙局", 2025, 5.0, 0.0),
        ];
        let found: Vec<(usize, String)> = across_years(&reports)
            .into_iter()
            .map(|(at, i)| (at, i.pointer))
            .collect();
        assert_eq!(
            found,
            [
                (2, "/applications/carried_over/natural_person".to_string()),
                (2, "/applications/carried_over/total".to_string())
            ]
        );
    }

    #[test]
    fn the_same_report_twice_in_a_batch_gives_each_issue_once() {
        let reports = [
            carry("甲局", 2023, 0.0, 1.0),
            carry("甲局", 2023, 0.0, 1.0),
            carry("甲局", 2024, 0.0, 0.0),
        ];
        assert_eq!(across_years(&reports).len(), 2);
    }
}

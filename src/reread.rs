//! Step 3 for scans, before the checks: the number cells of the rows and
//! columns whose sums disagree (rules 1–4) are read again, every way the
//! OCR stage knows. A value is replaced only by another reading of its own
//! ink that makes sums agree without breaking any, and only when no other
//! cell's reading would do the same; each replacement is an issue.

use crate::check::{self, Broken};
use crate::ocr::{self, CellScan, Engines};
use crate::report::number::{Parsed, parse};
use crate::report::{Issue, Values};

/// Rounds of replacement: each can make the next one unambiguous.
const MAX_ROUNDS: usize = 4;

/// A reading other than the one kept.
#[derive(Debug, Clone)]
struct Alternative {
    field: usize,
    value: f64,
    raw: String,
    confidence: f32,
}

/// Re-reads the cells behind the `broken` sums (as [`check::broken`] gives
/// them for `values`) and keeps the readings that mend them; returns one
/// `reread_value` issue per replaced value.
pub fn settle(
    values: &mut Values,
    broken: &[Broken],
    cells: &[CellScan],
    engines: &mut Engines,
) -> Vec<Issue> {
    let alternatives = alternatives(values, broken, cells, engines);
    let mut issues = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mended = mend(values, &alternatives);
        if mended.is_empty() {
            break;
        }
        for alt in mended {
            issues.push(replace(values, &alt));
        }
    }
    issues
}

/// The other readings of every scanned cell that takes part in a broken sum.
fn alternatives(
    values: &Values,
    broken: &[Broken],
    cells: &[CellScan],
    engines: &mut Engines,
) -> Vec<Alternative> {
    let mut suspects: Vec<usize> = broken
        .iter()
        .flat_map(|b| &b.members)
        .filter_map(|p| values.fields.iter().position(|f| &f.pointer == p))
        .collect();
    suspects.sort_unstable();
    suspects.dedup();
    let mut out = Vec::new();
    for field in suspects {
        let f = &values.fields[field];
        let (Some(current), Some(prov)) = (f.value, &f.prov) else {
            continue;
        };
        let Some(cell) = cells.iter().find(|c| {
            let b = c.bbox.to_array();
            c.page == prov.page && b.iter().zip(prov.bbox).all(|(a, b)| (a - b).abs() < 0.5)
        }) else {
            continue;
        };
        for (raw, confidence) in ocr::every_reading(cell, engines) {
            if let Parsed::Value { value, .. } = parse(&raw, f.kind)
                && value != current
            {
                out.push(Alternative {
                    field,
                    value,
                    raw,
                    confidence,
                });
            }
        }
    }
    out
}

/// The rules broken, by code and pointer.
fn failing(values: &Values) -> Vec<(String, String)> {
    check::broken(values)
        .into_iter()
        .map(|b| (b.issue.code, b.issue.pointer))
        .collect()
}

/// The readings that each mend at least one broken sum and break none, where
/// no other reading mends any of the same sums.
fn mend(values: &mut Values, alternatives: &[Alternative]) -> Vec<Alternative> {
    let before = failing(values);
    if before.is_empty() {
        return Vec::new();
    }
    let mut mends: Vec<(Alternative, Vec<(String, String)>)> = Vec::new();
    for alt in alternatives {
        let kept = values.fields[alt.field].value;
        if kept == Some(alt.value) {
            continue;
        }
        values.fields[alt.field].value = Some(alt.value);
        let after = failing(values);
        values.fields[alt.field].value = kept;
        let breaks_none = after.iter().all(|f| before.contains(f));
        let fixed: Vec<(String, String)> = before
            .iter()
            .filter(|f| !after.contains(f))
            .cloned()
            .collect();
        if breaks_none && !fixed.is_empty() {
            mends.push((alt.clone(), fixed));
        }
    }
    mends
        .iter()
        .filter(|(alt, fixed)| {
            !mends.iter().any(|(other, theirs)| {
                (other.field != alt.field || other.value != alt.value)
                    && theirs.iter().any(|f| fixed.contains(f))
            })
        })
        .map(|(alt, _)| alt.clone())
        .collect()
}

/// Puts the reading in place of the first one, in the value and its
/// provenance, and says so.
fn replace(values: &mut Values, alt: &Alternative) -> Issue {
    let field = &mut values.fields[alt.field];
    field.value = Some(alt.value);
    let mut page = 0;
    let mut first = String::new();
    if let Some(prov) = &mut field.prov {
        page = prov.page;
        first = std::mem::replace(&mut prov.raw, alt.raw.clone());
        prov.confidence = alt.confidence;
    }
    Issue::warning(
        "reread_value",
        field.pointer.clone(),
        format!(
            "page {page}: first read as \"{first}\", which breaks the table's sums; read again as \"{}\" (confidence {:.2}), which makes them agree",
            alt.raw, alt.confidence
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{APPLICANT_COLUMNS, Kind};

    /// Table 三's "granted" row and its total row, with the given values.
    fn rows(granted: [f64; 7], total: [f64; 7]) -> Values {
        let mut values = Values::default();
        for (row, figures) in [("granted", granted), ("total", total)] {
            for (c, v) in APPLICANT_COLUMNS.iter().zip(figures) {
                let pointer = format!("/applications/{row}/{}", c.key);
                values.push(pointer, Kind::Count, Some(v), None);
            }
        }
        values
    }

    fn field(values: &Values, pointer: &str) -> usize {
        values
            .fields
            .iter()
            .position(|f| f.pointer == pointer)
            .expect("field")
    }

    fn alt(values: &Values, pointer: &str, value: f64) -> Alternative {
        Alternative {
            field: field(values, pointer),
            value,
            raw: value.to_string(),
            confidence: 0.7,
        }
    }

    #[test]
    fn the_one_reading_that_mends_the_sums_is_kept() {
        // 0 read as 3 in the granted row: its row sum and its column break.
        let mut values = rows(
            [1.0, 2.0, 3.0, 3.0, 0.0, 0.0, 6.0],
            [1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 6.0],
        );
        assert!(!check::broken(&values).is_empty());
        let alts = vec![
            alt(&values, "/applications/granted/social_welfare", 0.0),
            alt(&values, "/applications/granted/social_welfare", 8.0),
            alt(&values, "/applications/granted/commercial", 7.0),
        ];
        let mended = mend(&mut values, &alts);
        assert_eq!(mended.len(), 1);
        assert_eq!(mended[0].value, 0.0);
        let issue = replace(&mut values, &mended[0]);
        assert_eq!(issue.code, "reread_value");
        assert_eq!(
            values.get("/applications/granted/social_welfare"),
            Some(0.0)
        );
        assert!(check::broken(&values).is_empty());
    }

    #[test]
    fn two_readings_that_mend_the_same_sum_leave_the_value_as_read() {
        // The row adds up to 3 more than its total: either 3 could be a 0.
        let mut values = rows(
            [0.0, 3.0, 3.0, 0.0, 0.0, 0.0, 3.0],
            [0.0, 3.0, 3.0, 0.0, 0.0, 0.0, 3.0],
        );
        let alts = vec![
            alt(&values, "/applications/granted/commercial", 0.0),
            alt(&values, "/applications/granted/research", 0.0),
        ];
        assert!(mend(&mut values, &alts).is_empty());
        assert_eq!(values.get("/applications/granted/commercial"), Some(3.0));
    }

    #[test]
    fn a_reading_that_breaks_another_sum_is_not_taken() {
        // The total column is right; changing the row's total mends the
        // row but breaks the column's sum.
        let mut values = rows(
            [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 5.0],
            [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 5.0],
        );
        let alts = vec![alt(&values, "/applications/granted/total", 2.0)];
        assert!(mend(&mut values, &alts).is_empty());
    }
}

//! Reports → what users load: the report JSON, JSON lines, a long CSV of
//! table values, an SQLite database.

mod csv;
mod jsonl;
mod sqlite;

pub use csv::{Csv, rows as csv_rows};
pub use jsonl::{Jsonl, line as jsonl_line};
pub use sqlite::Sqlite;

use crate::batch::Outcome;
use crate::report::{Field, Issue, Report, SCHEMA_VERSION, values};
use serde_json::{Map, Value, json};

/// Why output could not be written. The reason is part of the message,
/// not a source, so that a chain of causes does not print it twice.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: {reason}")]
    Io {
        path: String,
        reason: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Sqlite {
        path: String,
        reason: rusqlite::Error,
    },
}

/// The report JSON of the spec, provenance included.
pub fn to_json(r: &Report) -> Value {
    let mut prov = Map::new();
    for f in &r.values.fields {
        if let Some(p) = &f.prov {
            let bbox: Vec<Value> = p
                .bbox
                .iter()
                .map(|v| json!((f64::from(*v) * 100.0).round() / 100.0))
                .collect();
            prov.insert(
                f.pointer.clone(),
                json!({"page": p.page, "bbox": bbox, "raw": p.raw, "confidence": rounded_confidence(f)}),
            );
        }
    }
    json!({
        "schema_version": SCHEMA_VERSION,
        "source": r.source,
        "report": r.meta,
        "sections": r.sections,
        "active_disclosure": r.values.to_json("/active_disclosure"),
        "applications": r.values.to_json("/applications"),
        "reviews": r.values.to_json("/reviews"),
        "issues": r.issues,
        "provenance": prov,
    })
}

fn rounded_confidence(f: &Field) -> Option<f64> {
    f.prov
        .as_ref()
        .map(|p| (f64::from(p.confidence) * 1000.0).round() / 1000.0)
}

/// One report as text: pretty for reading, one line for JSONL.
pub fn render(r: &Report, pretty: bool) -> String {
    let v = to_json(r);
    let s = if pretty {
        serde_json::to_string_pretty(&v)
    } else {
        serde_json::to_string(&v)
    };
    // Serialising a Value built from owned data cannot fail.
    s.unwrap_or_default()
}

/// The JSON of one input: its report, or its path and error.
pub fn outcome_json(o: &Outcome) -> Value {
    match o {
        Outcome::Report(r) => to_json(r),
        Outcome::Failed {
            path,
            sha256,
            error,
        } => json!({
            "source": {"path": path, "sha256": sha256},
            "error": {"kind": error.kind(), "message": error.to_string()},
        }),
    }
}

/// One table value as a row of the long outputs (CSV, SQLite).
pub struct ValueRow<'a> {
    pub pointer: &'a str,
    /// "active_disclosure", "applications" or "reviews".
    pub table: &'a str,
    /// The row key below the table, e.g. "denied/state_secret".
    pub row: &'a str,
    /// The column key, e.g. "natural_person".
    pub column: &'a str,
    /// The value as in the JSON: counts whole, amounts with their decimals.
    pub value: Value,
    pub raw: Option<&'a str>,
    pub page: Option<usize>,
    pub bbox: Option<[f32; 4]>,
    pub confidence: Option<f64>,
}

/// Every table value of a report, in template order.
pub fn value_rows(r: &Report) -> impl Iterator<Item = ValueRow<'_>> {
    r.values.fields.iter().map(|f| {
        let path = f.pointer.trim_start_matches('/');
        let (table, rest) = path.split_once('/').unwrap_or((path, ""));
        let (row, column) = rest.rsplit_once('/').unwrap_or((rest, ""));
        ValueRow {
            pointer: &f.pointer,
            table,
            row,
            column,
            value: values::number(f.value, f.kind),
            raw: f.prov.as_ref().map(|p| p.raw.as_str()),
            page: f.prov.as_ref().map(|p| p.page),
            bbox: f.prov.as_ref().map(|p| p.bbox),
            confidence: rounded_confidence(f),
        }
    })
}

/// What a batch came to, for the `runs` row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub inputs: usize,
    pub ok: usize,
    pub with_issues: usize,
    pub failed: usize,
}

impl Counts {
    /// Counts the statuses given by [`status`].
    pub fn of<'a>(statuses: impl IntoIterator<Item = &'a str>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            c.inputs += 1;
            match s {
                "ok" => c.ok += 1,
                "issues" => c.with_issues += 1,
                _ => c.failed += 1,
            }
        }
        c
    }
}

/// The status of a report: ok, issues, or failed.
pub fn status(o: &Outcome) -> &'static str {
    match o {
        Outcome::Report(r) if r.issues.is_empty() => "ok",
        Outcome::Report(_) => "issues",
        Outcome::Failed { .. } => "failed",
    }
}

/// Issues found after a report was written (the checks across years),
/// by input index.
pub type LateIssues = std::collections::BTreeMap<usize, Vec<Issue>>;

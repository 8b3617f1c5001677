//! The SQLite database: one row per input in `reports` (a failed input
//! carries its error), its table values in `report_values`, its issues in
//! `issues`, and one row per run in `runs`. A report is found again by the
//! sha256 of its file, so running again over the same files updates rows
//! in place.

use super::{Counts, OutputError, status, value_rows};
use crate::batch::Outcome;
use crate::report::Issue;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    version TEXT NOT NULL,
    arguments TEXT NOT NULL,
    inputs INTEGER,
    ok INTEGER,
    with_issues INTEGER,
    failed INTEGER
);
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE,
    path TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    status TEXT NOT NULL CHECK (status IN ('ok', 'issues', 'failed')),
    error_kind TEXT,
    error_message TEXT,
    media TEXT,
    pages INTEGER,
    text_layer TEXT,
    title TEXT,
    organization TEXT,
    year INTEGER,
    published TEXT,
    format TEXT,
    overview TEXT,
    problems TEXT,
    other TEXT
);
CREATE TABLE IF NOT EXISTS report_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    pointer TEXT NOT NULL,
    table_key TEXT NOT NULL,
    row_key TEXT NOT NULL,
    column_key TEXT NOT NULL,
    value NUMERIC,
    raw TEXT,
    page INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    confidence REAL,
    PRIMARY KEY (report_id, pointer)
);
CREATE TABLE IF NOT EXISTS issues (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    pointer TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS issues_by_report ON issues(report_id);
CREATE INDEX IF NOT EXISTS reports_by_body ON reports(organization, year);
";

pub struct Sqlite {
    conn: Connection,
    run_id: i64,
    name: String,
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a count of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl Sqlite {
    /// Opens (or creates) the database and starts a run with the command's
    /// arguments.
    pub fn open(path: &Path, arguments: &str) -> Result<Sqlite, OutputError> {
        let name = path.display().to_string();
        let err = |reason| OutputError::Sqlite {
            path: name.clone(),
            reason,
        };
        let conn = Connection::open(path).map_err(err)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        conn.execute(
            "INSERT INTO runs (started, version, arguments) VALUES (?1, ?2, ?3)",
            params![now(), env!("CARGO_PKG_VERSION"), arguments],
        )
        .map_err(err)?;
        let run_id = conn.last_insert_rowid();
        Ok(Sqlite { conn, run_id, name })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> OutputError + '_ {
        |reason| OutputError::Sqlite {
            path: self.name.clone(),
            reason,
        }
    }

    /// Writes one input in one transaction, replacing what an earlier run
    /// wrote for the same file.
    pub fn write(&mut self, o: &Outcome) -> Result<(), OutputError> {
        let name = self.name.clone();
        let err = |reason| OutputError::Sqlite {
            path: name.clone(),
            reason,
        };
        let tx = self.conn.transaction().map_err(err)?;
        write_outcome(&tx, o, self.run_id).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Adds issues found after the reports were written to the report of
    /// the file with this sha256 (or, unread, this path).
    pub fn add_issues(
        &mut self,
        sha256: Option<&str>,
        path: &str,
        issues: &[Issue],
    ) -> Result<(), OutputError> {
        let name = self.name.clone();
        let err = |reason| OutputError::Sqlite {
            path: name.clone(),
            reason,
        };
        let tx = self.conn.transaction().map_err(err)?;
        if let Some(id) = find(&tx, sha256, path).map_err(err)? {
            for i in issues {
                tx.execute(
                    "INSERT INTO issues (report_id, code, severity, pointer, message)
                     SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (
                       SELECT 1 FROM issues WHERE report_id = ?1 AND code = ?2 AND pointer = ?4 AND message = ?5)",
                    params![id, i.code, severity(i), i.pointer, i.message],
                )
                .map_err(err)?;
            }
            tx.execute(
                "UPDATE reports SET status = 'issues' WHERE id = ?1 AND status = 'ok'",
                params![id],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// Closes the run with its counts.
    pub fn finish(self, counts: Counts) -> Result<(), OutputError> {
        let to_i = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.conn
            .execute(
                "UPDATE runs SET finished = ?1, inputs = ?2, ok = ?3, with_issues = ?4, failed = ?5 WHERE id = ?6",
                params![
                    now(),
                    to_i(counts.inputs),
                    to_i(counts.ok),
                    to_i(counts.with_issues),
                    to_i(counts.failed),
                    self.run_id
                ],
            )
            .map_err(self.err())?;
        Ok(())
    }
}

fn severity(i: &Issue) -> &'static str {
    match i.severity {
        crate::report::Severity::Error => "error",
        crate::report::Severity::Warning => "warning",
    }
}

/// The row of an input: by the sha256 of its bytes, or by its path when
/// the file could not be read at all.
fn find(tx: &Transaction, sha256: Option<&str>, path: &str) -> rusqlite::Result<Option<i64>> {
    match sha256 {
        Some(sha) => tx
            .query_row("SELECT id FROM reports WHERE sha256 = ?1", [sha], |r| {
                r.get(0)
            })
            .optional(),
        None => tx
            .query_row(
                "SELECT id FROM reports WHERE sha256 IS NULL AND path = ?1",
                [path],
                |r| r.get(0),
            )
            .optional(),
    }
}

fn write_outcome(tx: &Transaction, o: &Outcome, run_id: i64) -> rusqlite::Result<()> {
    let id = match find(tx, o.sha256(), o.path())? {
        Some(id) => {
            tx.execute("DELETE FROM report_values WHERE report_id = ?1", [id])?;
            tx.execute("DELETE FROM issues WHERE report_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO reports (sha256, path, run_id, status) VALUES (?1, ?2, ?3, ?4)",
                params![o.sha256(), o.path(), run_id, status(o)],
            )?;
            tx.last_insert_rowid()
        }
    };
    match o {
        Outcome::Failed { path, error, .. } => {
            tx.execute(
                "UPDATE reports SET path = ?2, run_id = ?3, status = 'failed', error_kind = ?4, error_message = ?5,
                   media = NULL, pages = NULL, text_layer = NULL, title = NULL, organization = NULL, year = NULL,
                   published = NULL, format = NULL, overview = NULL, problems = NULL, other = NULL
                 WHERE id = ?1",
                params![id, path, run_id, error.kind(), error.to_string()],
            )?;
        }
        Outcome::Report(r) => {
            let pages = i64::try_from(r.source.pages).unwrap_or(i64::MAX);
            tx.execute(
                "UPDATE reports SET path = ?2, run_id = ?3, status = ?4, error_kind = NULL, error_message = NULL,
                   media = ?5, pages = ?6, text_layer = ?7, title = ?8, organization = ?9, year = ?10,
                   published = ?11, format = ?12, overview = ?13, problems = ?14, other = ?15
                 WHERE id = ?1",
                params![
                    id,
                    r.source.path,
                    run_id,
                    status(o),
                    r.source.media,
                    pages,
                    r.source.text_layer,
                    r.meta.title,
                    r.meta.organization,
                    r.meta.year,
                    r.meta.published,
                    r.meta.format.as_str(),
                    r.sections.overview,
                    r.sections.problems,
                    r.sections.other,
                ],
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO report_values (report_id, pointer, table_key, row_key, column_key, value, raw, page, x0, y0, x1, y1, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for v in value_rows(r) {
                let value: Option<rusqlite::types::Value> = match &v.value {
                    serde_json::Value::Number(n) => Some(match n.as_i64() {
                        Some(i) => rusqlite::types::Value::Integer(i),
                        None => rusqlite::types::Value::Real(n.as_f64().unwrap_or(f64::NAN)),
                    }),
                    _ => None,
                };
                let b = v.bbox.map(|b| b.map(f64::from));
                insert.execute(params![
                    id,
                    v.pointer,
                    v.table,
                    v.row,
                    v.column,
                    value,
                    v.raw,
                    v.page.and_then(|p| i64::try_from(p).ok()),
                    b.map(|b| b[0]),
                    b.map(|b| b[1]),
                    b.map(|b| b[2]),
                    b.map(|b| b[3]),
                    v.confidence,
                ])?;
            }
            let mut issue = tx.prepare_cached(
                "INSERT INTO issues (report_id, code, severity, pointer, message) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for i in &r.issues {
                issue.execute(params![id, i.code, severity(i), i.pointer, i.message])?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_780), (2026, 11, 23));
    }
}

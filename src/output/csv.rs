//! The long CSV: one row per table value, each carrying its report's
//! identity, so that it loads into any spreadsheet or database as it is.

use super::{OutputError, value_rows};
use crate::batch::Outcome;
use std::io::Write;

const HEADER: [&str; 14] = [
    "path",
    "sha256",
    "organization",
    "year",
    "format",
    "pointer",
    "table",
    "row",
    "column",
    "value",
    "raw",
    "page",
    "confidence",
    "error",
];

/// Rows go out as rendered by [`rows`], which a batch runs in its workers.
pub struct Csv<W: Write> {
    out: W,
    name: String,
}

fn io(name: &str) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |reason| OutputError::Io {
        path: name.to_string(),
        reason,
    }
}

/// CSV text of records, quoted where needed.
fn render<'a>(records: impl Iterator<Item = Vec<String>> + 'a) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for r in records {
        // Records of strings into memory cannot fail to be written.
        let _ = w.write_record(&r);
    }
    w.into_inner().unwrap_or_default()
}

/// The rows of one input: a report's values, or one row with the error of
/// an input that failed.
pub fn rows(o: &Outcome) -> Vec<u8> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    match o {
        Outcome::Report(r) => {
            let org = opt(r.meta.organization.clone());
            let year = opt(r.meta.year.map(|y| y.to_string()));
            let format = r.meta.format.as_str().to_string();
            render(value_rows(r).map(|v| {
                let value = if v.value.is_null() {
                    String::new()
                } else {
                    v.value.to_string()
                };
                vec![
                    r.source.path.clone(),
                    r.source.sha256.clone(),
                    org.clone(),
                    year.clone(),
                    format.clone(),
                    v.pointer.into(),
                    v.table.into(),
                    v.row.into(),
                    v.column.into(),
                    value,
                    opt(v.raw.map(str::to_string)),
                    opt(v.page.map(|p| p.to_string())),
                    opt(v.confidence.map(|c| c.to_string())),
                    String::new(),
                ]
            }))
        }
        Outcome::Failed {
            path,
            sha256,
            error,
        } => {
            let mut cells = vec![String::new(); HEADER.len()];
            cells[0] = path.clone();
            cells[1] = opt(sha256.clone());
            cells[13] = format!("{}: {error}", error.kind());
            render(std::iter::once(cells))
        }
    }
}

impl<W: Write> Csv<W> {
    /// Starts the CSV with its header; `name` says where the rows go, for
    /// error messages.
    pub fn new(mut out: W, name: &str) -> Result<Csv<W>, OutputError> {
        out.write_all(&render(std::iter::once(HEADER.map(String::from).to_vec())))
            .map_err(io(name))?;
        Ok(Csv {
            out,
            name: name.into(),
        })
    }

    /// Writes rows made by [`rows`].
    pub fn write_rows(&mut self, rows: &[u8]) -> Result<(), OutputError> {
        self.out.write_all(rows).map_err(io(&self.name))
    }

    pub fn finish(mut self) -> Result<(), OutputError> {
        self.out.flush().map_err(io(&self.name))
    }
}

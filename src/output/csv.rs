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

pub struct Csv<W: Write> {
    out: ::csv::Writer<W>,
    name: String,
}

impl<W: Write> Csv<W> {
    /// `name` says where the rows go, for error messages.
    pub fn new(out: W, name: &str) -> Result<Csv<W>, OutputError> {
        let mut csv = Csv {
            out: ::csv::Writer::from_writer(out),
            name: name.into(),
        };
        csv.row(&HEADER.map(String::from))?;
        Ok(csv)
    }

    fn row(&mut self, cells: &[String]) -> Result<(), OutputError> {
        self.out.write_record(cells).map_err(|e| OutputError::Io {
            path: self.name.clone(),
            reason: match e.into_kind() {
                ::csv::ErrorKind::Io(io) => io,
                // Writing records of strings fails only in writing.
                other => std::io::Error::other(format!("{other:?}")),
            },
        })
    }

    /// A report's values; an input that failed is one row with its error.
    pub fn write(&mut self, o: &Outcome) -> Result<(), OutputError> {
        let opt = |v: Option<String>| v.unwrap_or_default();
        match o {
            Outcome::Report(r) => {
                let org = opt(r.meta.organization.clone());
                let year = opt(r.meta.year.map(|y| y.to_string()));
                let format = r.meta.format.as_str().to_string();
                for v in value_rows(r) {
                    let value = if v.value.is_null() {
                        String::new()
                    } else {
                        v.value.to_string()
                    };
                    self.row(&[
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
                    ])?;
                }
                Ok(())
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
                self.row(&cells)
            }
        }
    }

    pub fn finish(mut self) -> Result<(), OutputError> {
        self.out.flush().map_err(|reason| OutputError::Io {
            path: self.name.clone(),
            reason,
        })
    }
}

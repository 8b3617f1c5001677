//! JSON lines: one line per input, in input order; an input that failed is
//! a line with `source` and `error`.

use super::{LateIssues, OutputError, outcome_json};
use serde_json::Value;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::batch::Outcome;

/// The JSON line of one input, newline included; a batch renders it in
/// its workers.
pub fn line(o: &Outcome) -> String {
    let mut line = outcome_json(o).to_string();
    line.push('\n');
    line
}

/// Lines are written as they come, so that a pipe sees them at once.
pub struct Jsonl {
    out: BufWriter<Box<dyn Write>>,
    /// A regular file written to, which late issues can be added to.
    file: Option<PathBuf>,
    name: String,
}

fn io(name: &str) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |reason| OutputError::Io {
        path: name.to_string(),
        reason,
    }
}

impl Jsonl {
    /// Writes to `dest`, or to standard output.
    pub fn create(dest: Option<&Path>) -> Result<Jsonl, OutputError> {
        let Some(dest) = dest else {
            return Ok(Jsonl {
                out: BufWriter::new(Box::new(std::io::stdout())),
                file: None,
                name: "standard output".into(),
            });
        };
        let name = dest.display().to_string();
        let file = File::create(dest).map_err(io(&name))?;
        let regular = file.metadata().is_ok_and(|m| m.is_file());
        Ok(Jsonl {
            out: BufWriter::new(Box::new(file)),
            file: regular.then(|| dest.to_path_buf()),
            name,
        })
    }

    /// Writes a line made by [`line`].
    pub fn write_bytes(&mut self, line: &[u8]) -> Result<(), OutputError> {
        self.out.write_all(line).map_err(io(&self.name))
    }

    /// Flushes, and adds the late issues to the lines of their inputs when
    /// the output is a regular file. Returns false when they could not be
    /// added (standard output, a pipe, a device).
    pub fn finish(mut self, late: &LateIssues) -> Result<bool, OutputError> {
        self.out.flush().map_err(io(&self.name))?;
        drop(self.out);
        if late.is_empty() {
            return Ok(true);
        }
        let Some(path) = &self.file else {
            return Ok(false);
        };
        let name = path
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let tmp = path.with_file_name(format!(".{name}.partial"));
        let tmp_name = tmp.display().to_string();
        let written = File::open(path).map_err(io(&self.name))?;
        let mut patched = BufWriter::new(File::create(&tmp).map_err(io(&tmp_name))?);
        for (at, line) in BufReader::new(written).lines().enumerate() {
            let line = line.map_err(io(&self.name))?;
            match late.get(&at) {
                Some(issues) => writeln!(patched, "{}", with_issues(&line, issues)),
                None => writeln!(patched, "{line}"),
            }
            .map_err(io(&tmp_name))?;
        }
        patched.flush().map_err(io(&tmp_name))?;
        std::fs::rename(&tmp, path).map_err(io(&self.name))?;
        Ok(true)
    }
}

fn with_issues(line: &str, issues: &[crate::report::Issue]) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(line) else {
        return line.to_string();
    };
    if let Some(Value::Array(list)) = v.get_mut("issues") {
        list.extend(issues.iter().filter_map(|i| serde_json::to_value(i).ok()));
    }
    v.to_string()
}

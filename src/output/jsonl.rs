//! JSON lines: one line per input, in input order; an input that failed is
//! a line with `source` and `error`.

use super::{LateIssues, OutputError, failure_json};
use crate::batch::Outcome;
use serde_json::Value;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Lines go to a spool file first, so that issues found at the end of a
/// batch (the checks across years) still land on their report's line.
pub struct Jsonl {
    spool: BufWriter<File>,
    spool_path: PathBuf,
    dest: Option<PathBuf>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Jsonl {
    /// Writes to `dest`, or to standard output when `finish` is given it.
    pub fn create(dest: Option<&Path>) -> Result<Jsonl, OutputError> {
        let spool_path = match dest {
            Some(d) => {
                let name = d
                    .file_name()
                    .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
                d.with_file_name(format!(".{name}.partial"))
            }
            None => std::env::temp_dir().join(format!("nianbao-{}.jsonl", std::process::id())),
        };
        let file = File::create(&spool_path).map_err(io(&spool_path))?;
        Ok(Jsonl {
            spool: BufWriter::new(file),
            spool_path,
            dest: dest.map(Path::to_path_buf),
        })
    }

    pub fn write(&mut self, o: &Outcome) -> Result<(), OutputError> {
        let line = failure_json(o);
        writeln!(self.spool, "{line}").map_err(io(&self.spool_path))
    }

    /// Moves the lines to their destination (`out` when there is no file),
    /// adding the late issues to the lines of their inputs.
    pub fn finish(mut self, late: &LateIssues, out: &mut dyn Write) -> Result<(), OutputError> {
        self.spool.flush().map_err(io(&self.spool_path))?;
        if let Some(dest) = &self.dest
            && late.is_empty()
        {
            return std::fs::rename(&self.spool_path, dest).map_err(io(dest));
        }
        let spool = File::open(&self.spool_path).map_err(io(&self.spool_path))?;
        let mut file;
        let mut stdout = out;
        let (sink, sink_path): (&mut dyn Write, &Path) = match &self.dest {
            Some(dest) => {
                file = BufWriter::new(File::create(dest).map_err(io(dest))?);
                (&mut file, dest)
            }
            None => (&mut stdout, Path::new("standard output")),
        };
        for (at, line) in BufReader::new(spool).lines().enumerate() {
            let line = line.map_err(io(&self.spool_path))?;
            match late.get(&at) {
                Some(issues) => writeln!(sink, "{}", with_issues(&line, issues)),
                None => writeln!(sink, "{line}"),
            }
            .map_err(io(sink_path))?;
        }
        sink.flush().map_err(io(sink_path))
    }
}

impl Drop for Jsonl {
    fn drop(&mut self) {
        // The spool is moved or copied by `finish`; left over only after a failure.
        let _ = std::fs::remove_file(&self.spool_path);
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

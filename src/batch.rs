//! Many inputs at once: files found under directories, a stable share of
//! them for one machine, extracted in parallel and handed back in input
//! order, one outcome per input whatever goes wrong.

use crate::report::Report;
use crate::{Error, Options};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// File name endings looked for inside directories; a file named on the
/// command line is read whatever its name.
const EXTENSIONS: [&str; 6] = ["pdf", "png", "jpg", "jpeg", "tif", "tiff"];

/// One input of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The path below the directory it was found in (or as given): the
    /// same on every machine that mounts the archive elsewhere.
    pub key: String,
}

/// The inputs named by `args`: files as given, directories walked
/// recursively in name order. A directory that cannot be listed stays an
/// input, so that reading it fails and is reported like any bad file.
pub fn collect(args: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            walk(arg, arg, &mut out);
        } else {
            out.push(Input {
                path: arg.clone(),
                key: arg.to_string_lossy().into_owned(),
            });
        }
    }
    out
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<Input>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(Input {
            path: dir.to_path_buf(),
            key: dir.to_string_lossy().into_owned(),
        });
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    for path in paths {
        // Symbolic links to directories are not followed: they can loop.
        let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        if path.is_dir() {
            if !is_link {
                walk(root, &path, out);
            }
        } else if has_report_extension(&path) {
            let key = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            out.push(Input { path, key });
        }
    }
}

fn has_report_extension(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_ascii_lowercase();
        EXTENSIONS.contains(&e.as_str())
    })
}

/// The K-th of N shares of a batch (1-based), chosen by a hash of each
/// input's key, so that the split does not depend on the order, the other
/// inputs or the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("shard {given:?}: expected K/N with 1 ≤ K ≤ N, e.g. 2/8")]
pub struct ShardError {
    given: String,
}

impl std::str::FromStr for Shard {
    type Err = ShardError;
    fn from_str(s: &str) -> Result<Self, ShardError> {
        let bad = || ShardError { given: s.into() };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    pub fn keeps(&self, key: &str) -> bool {
        fnv1a(key.as_bytes()) % self.count == self.index - 1
    }
}

/// FNV-1a, 64 bits: fixed by its definition, unlike the standard hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What became of one input.
#[derive(Debug)]
pub enum Outcome {
    Report(Box<Report>),
    Failed {
        path: String,
        /// Of the bytes, when the file could be read.
        sha256: Option<String>,
        error: Error,
    },
}

impl Outcome {
    pub fn path(&self) -> &str {
        match self {
            Outcome::Report(r) => &r.source.path,
            Outcome::Failed { path, .. } => path,
        }
    }
    pub fn sha256(&self) -> Option<&str> {
        match self {
            Outcome::Report(r) => Some(&r.source.sha256),
            Outcome::Failed { sha256, .. } => sha256.as_deref(),
        }
    }
}

/// Reads and extracts one input; never panics out.
pub fn extract_file(path: &Path, opts: &Options) -> Outcome {
    let label = path.display().to_string();
    let bytes = match crate::input::read(path) {
        Ok(b) => b,
        Err(source) => {
            return Outcome::Failed {
                error: Error::Io {
                    path: label.clone(),
                    source,
                },
                path: label,
                sha256: None,
            };
        }
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::extract(&label, &bytes, opts)
    }));
    let error = match run {
        Ok(Ok(report)) => return Outcome::Report(Box::new(report)),
        Ok(Err(e)) => e,
        Err(panic) => Error::Internal {
            path: label.clone(),
            message: panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".into()),
        },
    };
    Outcome::Failed {
        path: label,
        sha256: Some(crate::hex(&Sha256::digest(&bytes))),
        error,
    }
}

/// Extracts every input with `jobs` workers, which also turn each outcome
/// into what is to be written (`prepare`: rendering is most of the rest of
/// the work, and a report is best freed by the thread that built it).
/// `each` gets them in input order, and stops the batch by returning false;
/// `progress` is told of each input as it finishes, in any order, with the
/// number of pages it had (0 when it failed).
pub fn run<T: Send>(
    inputs: &[Input],
    opts: &Options,
    jobs: usize,
    prepare: impl Fn(Outcome) -> T + Sync,
    mut each: impl FnMut(usize, T) -> bool,
    mut progress: impl FnMut(usize),
) {
    let jobs = jobs.max(1);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(inputs.len()) {
            let tx = tx.clone();
            let next = &next;
            let prepare = &prepare;
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(at) else {
                        break;
                    };
                    // Files share the cores; the last few get more threads for their pages.
                    let left = inputs.len() - at;
                    let mut file_opts = opts.clone();
                    file_opts.jobs = (jobs / left.min(jobs)).max(1);
                    let outcome = extract_file(&input.path, &file_opts);
                    let pages = match &outcome {
                        Outcome::Report(r) => r.source.pages,
                        Outcome::Failed { .. } => 0,
                    };
                    if tx.send((at, pages, prepare(outcome))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        let mut going = true;
        for (at, pages, prepared) in rx {
            if !going {
                continue;
            }
            progress(pages);
            waiting.insert(at, prepared);
            while let Some(o) = waiting.remove(&due) {
                due += 1;
                if !each(due - 1, o) {
                    going = false;
                    // Workers take no new input; those under way finish.
                    next.store(inputs.len(), Ordering::Relaxed);
                    break;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_k_of_n() {
        assert_eq!("2/8".parse(), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/4", "5/4", "1", "a/b", "1/0", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_split_inputs_exactly_once() {
        let keys: Vec<String> = (0..1000).map(|i| format!("2023/body-{i}.pdf")).collect();
        let shards: Vec<Shard> = (1..=4).map(|k| Shard { index: k, count: 4 }).collect();
        let mut sizes = [0; 4];
        for key in &keys {
            let owners: Vec<usize> = (0..4).filter(|&s| shards[s].keeps(key)).collect();
            assert_eq!(owners.len(), 1, "{key}");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| (200..300).contains(&n)), "{sizes:?}");
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn directories_are_walked_in_name_order_for_report_files() {
        let root = std::env::temp_dir().join(format!("nianbao-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for p in [
            "b/2.PDF",
            "b/1.pdf",
            "a.png",
            "notes.txt",
            ".hidden.pdf",
            "c/d/e.tif",
        ] {
            let path = root.join(p);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("temp dir");
            }
            std::fs::write(&path, b"x").expect("temp file");
        }
        let keys: Vec<String> = collect(std::slice::from_ref(&root))
            .into_iter()
            .map(|i| i.key)
            .collect();
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(keys, ["a.png", "b/1.pdf", "b/2.PDF", "c/d/e.tif"]);
    }
}

//! The command line: a thin edge over the library.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use nianbao::{OcrMode, Options, output};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "Turns government information-disclosure annual reports (政府信息公开工作年度报告) into structured JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract reports. One input without -o prints its report JSON; several
    /// inputs give one JSON line per input (JSONL). Exit status: 0 when every
    /// input gave a report (with or without issues), 1 when any could not be
    /// read as a report, 2 on usage errors.
    Extract {
        /// Report files: PDFs (typed or scanned) and page images (PNG, JPEG,
        /// TIFF; a multi-page TIFF is one report).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Indent the JSON (single-report output only; JSONL stays one line per report).
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        run: RunArgs,
        /// Treat the inputs as the pages of ONE report, in the order given
        /// (a report scanned as one image file per page), e.g.
        /// `nianbao extract --join scan/p1.png scan/p2.png scan/p3.png`.
        #[arg(long)]
        join: bool,
    },
    /// Print one pipeline stage of one file as JSON, to see why a value
    /// landed where it did.
    Debug {
        /// The file to look at.
        input: PathBuf,
        /// The stage to print.
        #[arg(long, value_enum, default_value_t = Stage::Layout)]
        stage: Stage,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<usize>,
        #[command(flatten)]
        run: RunArgs,
    },
}

/// How pages are read.
#[derive(clap::Args)]
struct RunArgs {
    /// When to recognise pages with OCR: `auto` for pages without a usable
    /// text layer and for page images, `always` for every page that carries
    /// a scan, `never` to skip pages without text.
    #[arg(long, value_enum, default_value_t = Ocr::Auto)]
    ocr: Ocr,
    /// Scanned pages recognised at the same time (default: one per core).
    #[arg(short, long)]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Ocr {
    Auto,
    Always,
    Never,
}

impl RunArgs {
    fn options(&self) -> Options {
        let mut opts = Options {
            ocr: match self.ocr {
                Ocr::Auto => OcrMode::Auto,
                Ocr::Always => OcrMode::Always,
                Ocr::Never => OcrMode::Never,
            },
            ..Options::default()
        };
        if let Some(j) = self.jobs {
            opts.jobs = j.max(1);
        }
        opts
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Stage {
    /// Glyphs and rules of each page, as read from the file.
    Pages,
    /// Lines and table cells of each page.
    Layout,
}

fn main() -> ExitCode {
    if let Some(code) = ensure_single_threaded_tesseract() {
        return code;
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            inputs,
            output,
            pretty,
            run,
            join,
        } => extract(&inputs, output.as_deref(), pretty, join, &run.options()),
        Command::Debug {
            input,
            stage,
            page,
            run,
        } => debug(&input, stage, page, &run.options()),
    };
    nianbao::release_engines();
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// libtesseract's OpenMP threads make a page 2.5× slower when pages already
/// run in parallel, and OpenMP reads OMP_THREAD_LIMIT only at process start:
/// without it, run this program again with it set.
fn ensure_single_threaded_tesseract() -> Option<ExitCode> {
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let mut cmd = std::process::Command::new(exe);
    cmd.args(std::env::args_os().skip(1))
        .env("OMP_THREAD_LIMIT", "1");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // exec only returns on failure; then run on without the setting.
        let _ = cmd.exec();
        None
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().ok()?;
        Some(ExitCode::from(
            status.code().unwrap_or(1).clamp(0, 255) as u8
        ))
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn extract(
    inputs: &[PathBuf],
    out: Option<&std::path::Path>,
    pretty: bool,
    join: bool,
    opts: &Options,
) -> anyhow::Result<ExitCode> {
    let single = inputs.len() == 1 || join;
    let mut sink: Box<dyn Write> = match out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create the output file", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if join {
        let mut files = Vec::new();
        for path in inputs {
            let label = path.display().to_string();
            let bytes = nianbao::input::read(path)
                .with_context(|| format!("{label}: cannot read the file"))?;
            files.push((label, bytes));
        }
        return match nianbao::extract_joined(&files, opts) {
            Ok(report) => {
                writeln!(sink, "{}", output::render(&report, pretty))?;
                sink.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("nianbao: {e}");
                Ok(ExitCode::FAILURE)
            }
        };
    }
    let mut failed = 0usize;
    for path in inputs {
        let label = path.display().to_string();
        let result = nianbao::input::read(path)
            .map_err(|source| nianbao::Error::Io {
                path: label.clone(),
                source,
            })
            .and_then(|bytes| nianbao::extract(&label, &bytes, opts));
        match result {
            Ok(report) => {
                writeln!(sink, "{}", output::render(&report, pretty && single))?;
            }
            Err(e) => {
                failed += 1;
                eprintln!("nianbao: {e}");
                if !single {
                    let line = serde_json::json!({
                        "source": {"path": label},
                        "error": {"kind": e.kind(), "message": e.to_string()},
                    });
                    writeln!(sink, "{line}")?;
                }
            }
        }
    }
    sink.flush()?;
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn debug(
    input: &std::path::Path,
    stage: Stage,
    only: Option<usize>,
    opts: &Options,
) -> anyhow::Result<ExitCode> {
    let label = input.display().to_string();
    let bytes =
        nianbao::input::read(input).with_context(|| format!("{label}: cannot read the file"))?;
    let (pages, _, _) = nianbao::input_pages(&label, &bytes, opts)?;
    let pages: Vec<_> = pages
        .into_iter()
        .filter(|p| only.is_none_or(|n| p.number() == n))
        .collect();
    let value = match stage {
        Stage::Pages => {
            let mut out = Vec::new();
            for p in pages {
                out.push(page_json(&nianbao::page_model(p)?));
            }
            serde_json::Value::Array(out)
        }
        Stage::Layout => serde_json::Value::Array(
            nianbao::layout_pages(pages, opts.jobs)?
                .iter()
                .map(nianbao::layout::debug_json)
                .collect(),
        ),
    };
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn page_json(p: &nianbao::page::Page) -> serde_json::Value {
    let r = |v: f32| (f64::from(v) * 100.0).round() / 100.0;
    serde_json::json!({
        "page": p.number,
        "width": r(p.width),
        "height": r(p.height),
        "glyphs": p.glyphs.iter().map(|g| serde_json::json!([g.ch.to_string(), r(g.bbox.x0), r(g.bbox.y0), r(g.bbox.x1), r(g.bbox.y1), r(g.size)])).collect::<Vec<_>>(),
        "rules": p.rules.iter().map(|l| serde_json::json!([r(l.from.0), r(l.from.1), r(l.to.0), r(l.to.1), r(l.width)])).collect::<Vec<_>>(),
    })
}

//! The command line: a thin edge over the library.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use nianbao::batch::{self, Outcome, Shard};
use nianbao::check::{Carry, across_years};
use nianbao::output::{self, Csv, Jsonl, LateIssues, Sqlite};
use nianbao::{OcrMode, Options};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// glibc's allocator serialises frees across threads; reports are built in
/// worker threads and freed after being written on the main thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Extract reports from files and directories (searched recursively for
    /// .pdf, .png, .jpg, .jpeg, .tif and .tiff, in name order). One input
    /// without -o prints its report JSON; otherwise the output holds one
    /// entry per input, failed inputs included. A closing summary goes to
    /// stderr. Exit status: 0 when every input gave a report (with or
    /// without issues), 1 when any could not be read as a report, 2 on
    /// usage errors.
    Extract(ExtractArgs),
    /// Print the JSON Schema of the report JSON.
    Schema,
    /// Draw one page with its ruling lines, table cells and the template key
    /// each number was mapped to, to see why a value landed where it did.
    Inspect {
        /// The report file.
        input: PathBuf,
        /// The page to draw (1-based).
        #[arg(long)]
        page: usize,
        /// The PNG file to write.
        #[arg(short, long)]
        output: PathBuf,
        #[command(flatten)]
        run: RunArgs,
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

#[derive(clap::Args)]
struct ExtractArgs {
    /// Report files and directories: PDFs (typed or scanned) and page
    /// images (PNG, JPEG, TIFF; a multi-page TIFF is one report).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write to this file instead of standard output; its extension picks
    /// the format (.jsonl/.json, .csv, .sqlite/.sqlite3/.db) unless
    /// --format is given.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format: `json` (one report, or one JSON line per input),
    /// `jsonl`, `csv` (one row per table value), `sqlite` (needs -o; a run
    /// again over the same files updates their rows).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Indent the JSON (single-report output only; JSONL stays one line per report).
    #[arg(long)]
    pretty: bool,
    #[command(flatten)]
    run: RunArgs,
    /// Give up on an input after this many seconds; it is reported as failed
    /// with kind `timeout` and the batch goes on.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    timeout: Option<Duration>,
    /// Process only the K-th of N shares of the inputs (1 ≤ K ≤ N), chosen
    /// by a hash of each file's path below the directory given, so that N
    /// machines given the same arguments split the work between them.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// Treat the inputs as the pages of ONE report, in the order given
    /// (a report scanned as one image file per page), e.g.
    /// `nianbao extract --join scan/p1.png scan/p2.png scan/p3.png`.
    #[arg(long)]
    join: bool,
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if secs.is_finite() && secs > 0.0 {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(format!("{s:?}: the time limit must be more than 0 seconds"))
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Csv,
    Sqlite,
}

/// How pages are read.
#[derive(clap::Args)]
struct RunArgs {
    /// When to recognise pages with OCR: `auto` for pages without a usable
    /// text layer and for page images, `always` for every page that carries
    /// a scan, `never` to skip pages without text.
    #[arg(long, value_enum, default_value_t = Ocr::Auto)]
    ocr: Ocr,
    /// Files and scanned pages processed at the same time (default: one per core).
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
        Command::Extract(args) => extract(&args),
        Command::Schema => schema(),
        Command::Inspect {
            input,
            page,
            output,
            run,
        } => inspect(&input, page, &output, &run.options()),
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
            || c.downcast_ref::<output::OutputError>().is_some_and(|o| {
                matches!(o, output::OutputError::Io { reason, .. } if reason.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

fn format_of(args: &ExtractArgs) -> anyhow::Result<Format> {
    let by_name = args.output.as_deref().and_then(|p| {
        let ext = p.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "sqlite" | "sqlite3" | "db" => Some(Format::Sqlite),
            _ => None,
        }
    });
    let format = args.format.or(by_name).unwrap_or(Format::Json);
    if format == Format::Sqlite && args.output.is_none() {
        anyhow::bail!("SQLite output needs a file: add -o FILE.sqlite");
    }
    Ok(format)
}

fn extract(args: &ExtractArgs) -> anyhow::Result<ExitCode> {
    let mut opts = args.run.options();
    opts.timeout = args.timeout;
    if args.join {
        return extract_joined(args, &opts);
    }
    let format = format_of(args)?;
    let mut inputs = batch::collect(&args.inputs);
    if let Some(shard) = args.shard {
        inputs.retain(|i| shard.keeps(&i.key));
    } else if inputs.is_empty() {
        anyhow::bail!(
            "no report files (.pdf, .png, .jpg, .jpeg, .tif, .tiff) under the paths given"
        );
    }
    if inputs.len() == 1 && format == Format::Json && args.shard.is_none() {
        return extract_one(&inputs[0].path, args, &opts);
    }
    run_batch(&inputs, args, format, &opts)
}

/// One input, its report JSON as the whole output.
fn extract_one(path: &Path, args: &ExtractArgs, opts: &Options) -> anyhow::Result<ExitCode> {
    let mut bar = Progress::new(1, false);
    let outcome = batch::extract_file(path, opts);
    let status = output::status(&outcome);
    let code = match outcome {
        Outcome::Report(report) => {
            bar.tick(report.source.pages);
            let mut sink = open_sink(args.output.as_deref())?;
            writeln!(sink, "{}", output::render(&report, args.pretty))?;
            sink.flush()?;
            ExitCode::SUCCESS
        }
        Outcome::Failed { error, .. } => {
            bar.tick(0);
            eprintln!("nianbao: {error}");
            ExitCode::FAILURE
        }
    };
    eprintln!("nianbao: {}", bar.summary(output::Counts::of([status])));
    Ok(code)
}

fn open_sink(out: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .with_context(|| format!("{}: cannot create the output file", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

fn extract_joined(args: &ExtractArgs, opts: &Options) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.inputs {
        let label = path.display().to_string();
        let bytes =
            nianbao::input::read(path).with_context(|| format!("{label}: cannot read the file"))?;
        files.push((label, bytes));
    }
    match nianbao::extract_joined(&files, opts) {
        Ok(report) => {
            let mut sink = open_sink(args.output.as_deref())?;
            writeln!(sink, "{}", output::render(&report, args.pretty))?;
            sink.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("nianbao: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Where a batch goes.
enum Sink {
    Jsonl(Jsonl),
    Csv(Box<Csv<Box<dyn Write>>>),
    Sqlite(Sqlite),
}

/// One input as the workers hand it over: what the end of the batch needs,
/// and what is to be written.
struct Done {
    kept: Kept,
    payload: Payload,
}

enum Payload {
    /// Rendered text, for JSONL and CSV.
    Text(Vec<u8>),
    /// The outcome itself, for the database.
    Outcome(Box<Outcome>),
}

impl Sink {
    fn write(&mut self, payload: Payload) -> Result<(), output::OutputError> {
        match (self, payload) {
            (Sink::Jsonl(s), Payload::Text(t)) => s.write_bytes(&t),
            (Sink::Csv(s), Payload::Text(t)) => s.write_rows(&t),
            (Sink::Sqlite(s), Payload::Outcome(o)) => s.write(&o),
            // `prepare` makes the payload its sink takes; a mismatch is a bug to report.
            _ => Err(output::OutputError::Io {
                path: "the output".into(),
                reason: std::io::Error::other("an entry was prepared for another format"),
            }),
        }
    }
}

/// What the batch keeps of each input for the end: its identity, whether
/// it has issues, what the check across years needs, and its error.
struct Kept {
    path: String,
    sha256: Option<String>,
    status: &'static str,
    carry: Option<Carry>,
    error: Option<String>,
}

impl Kept {
    fn of(o: &Outcome) -> Kept {
        Kept {
            path: o.path().into(),
            sha256: o.sha256().map(str::to_string),
            status: output::status(o),
            carry: match o {
                Outcome::Report(r) => Carry::of(r),
                Outcome::Failed { .. } => None,
            },
            error: match o {
                Outcome::Report(_) => None,
                Outcome::Failed { error, .. } => Some(error.to_string()),
            },
        }
    }
}

fn run_batch(
    inputs: &[batch::Input],
    args: &ExtractArgs,
    format: Format,
    opts: &Options,
) -> anyhow::Result<ExitCode> {
    let out = args.output.as_deref();
    let mut sink = match format {
        Format::Json | Format::Jsonl => Sink::Jsonl(Jsonl::create(out)?),
        Format::Csv => Sink::Csv(Box::new(Csv::new(
            open_sink(out)?,
            &out.map_or("standard output".into(), |p| p.display().to_string()),
        )?)),
        Format::Sqlite => {
            let path = out.context("SQLite output needs -o FILE")?;
            let arguments: Vec<String> = std::env::args().skip(1).collect();
            Sink::Sqlite(Sqlite::open(path, &arguments.join(" "))?)
        }
    };
    // Both callbacks of the batch draw on the one progress line.
    let bar = std::cell::RefCell::new(Progress::new(inputs.len(), std::io::stderr().is_terminal()));
    let mut kept: Vec<Kept> = Vec::with_capacity(inputs.len());
    let mut failure = None;
    let prepare = |outcome: Outcome| Done {
        kept: Kept::of(&outcome),
        payload: match format {
            Format::Json | Format::Jsonl => {
                Payload::Text(output::jsonl_line(&outcome).into_bytes())
            }
            Format::Csv => Payload::Text(output::csv_rows(&outcome)),
            Format::Sqlite => Payload::Outcome(Box::new(outcome)),
        },
    };
    batch::run(
        inputs,
        opts,
        opts.jobs,
        prepare,
        |_, done: Done| {
            if let Some(error) = &done.kept.error {
                bar.borrow_mut().clear();
                eprintln!("nianbao: {error}");
            }
            kept.push(done.kept);
            match sink.write(done.payload) {
                Ok(()) => true,
                Err(e) => {
                    failure = Some(e);
                    false
                }
            }
        },
        |pages| bar.borrow_mut().tick(pages),
    );
    let mut bar = bar.into_inner();
    bar.clear();
    if let Some(e) = failure {
        return Err(e.into());
    }
    let late = late_issues(&kept);
    for at in late.keys() {
        if let Some(k) = kept.get_mut(*at)
            && k.status == "ok"
        {
            k.status = "issues";
        }
    }
    let counts = output::Counts::of(kept.iter().map(|k| k.status));
    match sink {
        Sink::Jsonl(s) => {
            if !s.finish(&late)? {
                // Lines already streamed cannot take them: say them on stderr.
                for (at, issues) in &late {
                    for i in issues {
                        let path = kept.get(*at).map_or("", |k| k.path.as_str());
                        eprintln!("nianbao: {path}: {} {}: {}", i.code, i.pointer, i.message);
                    }
                }
            }
        }
        Sink::Csv(s) => s.finish()?,
        Sink::Sqlite(mut s) => {
            for (at, issues) in &late {
                if let Some(k) = kept.get(*at) {
                    s.add_issues(k.sha256.as_deref(), &k.path, issues)?;
                }
            }
            s.finish(counts)?;
        }
    }
    eprintln!("nianbao: {}", bar.summary(counts));
    Ok(if counts.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The checks across years over a whole batch, by input index.
fn late_issues(kept: &[Kept]) -> LateIssues {
    let (at, carries): (Vec<usize>, Vec<Carry>) = kept
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((i, k.carry.clone()?)))
        .unzip();
    let mut late = LateIssues::new();
    for (i, issue) in across_years(&carries) {
        late.entry(at[i]).or_default().push(issue);
    }
    late
}

/// The progress line on stderr, drawn only on a terminal.
struct Progress {
    total: usize,
    done: usize,
    pages: usize,
    start: Instant,
    drawn: Option<Instant>,
    on: bool,
}

impl Progress {
    fn new(total: usize, on: bool) -> Progress {
        Progress {
            total,
            done: 0,
            pages: 0,
            start: Instant::now(),
            drawn: None,
            on,
        }
    }

    fn tick(&mut self, pages: usize) {
        self.done += 1;
        self.pages += pages;
        let due = self
            .drawn
            .is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
        if self.on && (due || self.done == self.total) {
            let secs = self.start.elapsed().as_secs_f64();
            let left = self.total - self.done;
            let eta = secs / self.done as f64 * left as f64;
            eprint!(
                "\r\x1b[2K{}/{} files · {:.1} pages/s · ETA {}",
                self.done,
                self.total,
                self.pages as f64 / secs.max(1e-9),
                clock(eta)
            );
            self.drawn = Some(Instant::now());
        }
    }

    fn clear(&mut self) {
        if self.on && self.drawn.take().is_some() {
            eprint!("\r\x1b[2K");
        }
    }

    fn summary(&self, c: output::Counts) -> String {
        let secs = self.start.elapsed().as_secs_f64();
        let files = if c.inputs == 1 { "file" } else { "files" };
        format!(
            "{} {files}, {} pages in {:.1} s: {} ok, {} with issues, {} failed",
            c.inputs, self.pages, secs, c.ok, c.with_issues, c.failed
        )
    }
}

/// Seconds as m:ss or h:mm:ss.
fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn schema() -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &nianbao::schema::report_schema())?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn inspect(input: &Path, page: usize, png: &Path, opts: &Options) -> anyhow::Result<ExitCode> {
    let label = input.display().to_string();
    let bytes =
        nianbao::input::read(input).with_context(|| format!("{label}: cannot read the file"))?;
    let seen = nianbao::inspect(&label, &bytes, page, opts)?;
    let mapped: Vec<(&str, &str, nianbao::page::BBox)> = output::value_rows(&seen.report)
        .filter(|v| v.page == Some(page))
        .filter_map(|v| {
            let [x0, y0, x1, y1] = v.bbox?;
            Some((v.row, v.column, nianbao::page::BBox::new(x0, y0, x1, y1)))
        })
        .collect();
    // The row key is written once, on the row's first value; the others get their column key.
    let values: Vec<(String, nianbao::page::BBox)> = mapped
        .iter()
        .enumerate()
        .map(|(i, (row, column, bbox))| {
            let first = i == 0 || mapped[i - 1].0 != *row;
            let label = if first && !row.is_empty() {
                format!("{row}/{column}")
            } else {
                (*column).to_string()
            };
            (label, *bbox)
        })
        .collect();
    let image = nianbao::inspect::draw(&nianbao::inspect::Overlay {
        layout: &seen.layout,
        page: seen.page.as_ref(),
        scan: seen.scan.as_ref().map(|s| (&s.image, s.px_per_pt)),
        values: &values,
    });
    image
        .save_with_format(png, image::ImageFormat::Png)
        .with_context(|| format!("{}: cannot write the PNG", png.display()))?;
    eprintln!(
        "nianbao: page {page} of {label}: {} values mapped, {} tables → {}",
        values.len(),
        seen.layout.tables.len(),
        png.display()
    );
    Ok(ExitCode::SUCCESS)
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
            nianbao::layout_pages(pages, opts.jobs, None)?
                .layouts
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

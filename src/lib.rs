//! nianbao (年报): Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) → structured JSON.
//!
//! The flow, one stage per module, each a plain function of the previous
//! stage's value:
//! bytes → [`input`] → [`pdf`] → [`page::Page`] → [`layout`] → [`report`] →
//! [`check`] → [`output`].

pub mod batch;
pub mod check;
pub mod gazetteer;
pub mod input;
pub mod inspect;
pub mod layout;
pub mod ocr;
pub mod output;
pub mod page;
pub mod pdf;
pub mod raster;
pub mod report;
pub mod reread;
pub mod schema;
pub mod template;

use input::Media;
use layout::PageLayout;
use ocr::{Engines, OcrError};
use page::Page;
use pdf::{PdfError, TextLayer};
use raster::{Raster, RasterError};
use report::{Issue, Report, Source};
use sha2::{Digest, Sha256};
use std::sync::Mutex;

/// Why an input could not be turned into a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Pdf { path: String, source: PdfError },
    #[error("{path}: not a PDF or a page image (PNG, JPEG, TIFF)")]
    UnknownMedia { path: String },
    #[error("{path}: {what} input needs OCR, which --ocr never turns off")]
    NeedsOcr { path: String, what: String },
    #[error("{path}: no page could be read ({detail})")]
    NoText { path: String, detail: String },
    #[error("{path}: {source}")]
    Image { path: String, source: RasterError },
    #[error("{path}: {source}")]
    Ocr { path: String, source: OcrError },
    #[error("{path}: not a government information-disclosure annual report: {reason}")]
    NotAReport { path: String, reason: String },
    #[error("{path}: internal failure, please report it with the file: {message}")]
    Internal { path: String, message: String },
    #[error("{path}: page {page} is not among the pages read (the file has {pages})")]
    NoSuchPage {
        path: String,
        page: usize,
        pages: usize,
    },
    #[error("{path}: stopped at page {page}: the time limit of {seconds} s per file ran out")]
    TimedOut {
        path: String,
        page: usize,
        seconds: f64,
    },
}

impl Error {
    /// A short stable name for the kind of failure, for machine-readable output.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::Pdf {
                source: PdfError::Encrypted,
                ..
            } => "encrypted",
            Error::Pdf {
                source: PdfError::NotPdf,
                ..
            }
            | Error::UnknownMedia { .. } => "unsupported_input",
            Error::Pdf { .. } => "malformed_pdf",
            Error::NeedsOcr { .. } | Error::NoText { .. } => "no_text",
            Error::Image { .. } => "bad_image",
            Error::Ocr { .. } => "ocr_unavailable",
            Error::NotAReport { .. } => "not_a_report",
            Error::TimedOut { .. } => "timeout",
            Error::NoSuchPage { .. } => "no_such_page",
            Error::Internal { .. } => "internal",
        }
    }
}

/// When pages go through OCR.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Pages without a usable text layer, and page images.
    #[default]
    Auto,
    /// Every page that carries a scan, even with a text layer.
    Always,
    /// None: pages without text are skipped, page images refused.
    Never,
}

/// Settings of one extraction.
#[derive(Debug, Clone)]
pub struct Options {
    pub limits: pdf::Limits,
    pub ocr: OcrMode,
    /// Pages recognised at the same time.
    pub jobs: usize,
    /// Longest time one input may take.
    pub timeout: Option<std::time::Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: pdf::Limits::default(),
            ocr: OcrMode::Auto,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            timeout: None,
        }
    }
}

/// A page on its way to the layout: read from the text layer, or a scan
/// still to be recognised.
pub enum PageInput {
    Native(Page),
    Scan { number: usize, image: ScanImage },
}

/// A scanned page's image: decoded, or as stored in the PDF and decoded
/// when its page's turn comes, so that a long scanned PDF never holds
/// every page decoded at once.
pub enum ScanImage {
    Decoded(Raster),
    Stored { scan: pdf::Scan, page_width: f32 },
}

impl ScanImage {
    pub fn decode(self) -> Result<Raster, RasterError> {
        match self {
            ScanImage::Decoded(r) => Ok(r),
            ScanImage::Stored { scan, page_width } => raster::from_scan(&scan, page_width),
        }
    }
}

impl PageInput {
    /// 1-based page number in the input.
    pub fn number(&self) -> usize {
        match self {
            PageInput::Native(p) => p.number,
            PageInput::Scan { number, .. } => *number,
        }
    }
}

/// Step 1: the pages of a PDF, each from its text layer or its scan, and
/// an issue for every page that gives neither.
pub fn pdf_pages(
    path: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(Vec<PageInput>, Vec<Issue>, usize), Error> {
    let read = pdf::read_pages(bytes, &opts.limits).map_err(|source| match source {
        PdfError::TimedOut { page } => timed_out(path, page, opts),
        source => Error::Pdf {
            path: path.into(),
            source,
        },
    })?;
    let total = read.len();
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    for p in read {
        let number = p.page.number;
        let usable = p.text_layer == TextLayer::Usable;
        if usable && (opts.ocr != OcrMode::Always || p.scan.is_none()) {
            pages.push(PageInput::Native(p.page));
            continue;
        }
        let why = match &p.text_layer {
            TextLayer::Undecodable { sample } => {
                format!("page {number}: text does not decode to Chinese ({sample:?})")
            }
            _ => format!("page {number}: no text layer"),
        };
        match (&p.scan, opts.ocr) {
            (_, OcrMode::Never) => problems.push(format!("{why} and OCR is off")),
            (None, _) => problems.push(format!("{why} and no scanned image")),
            (Some(scan), _) => match raster::check_scan(scan) {
                Ok(()) => pages.push(PageInput::Scan {
                    number,
                    image: ScanImage::Stored {
                        scan: scan.clone(),
                        page_width: p.page.width,
                    },
                }),
                Err(e) => problems.push(format!("page {number}: {e}")),
            },
        }
    }
    if pages.is_empty() {
        return Err(Error::NoText {
            path: path.into(),
            detail: problems.join("; "),
        });
    }
    let issues = problems
        .into_iter()
        .map(|p| Issue::warning("page_unreadable", "", format!("{p}{SKIPPED}")))
        .collect();
    Ok((pages, issues, total))
}

/// Step 1 for page images: every page of the file, to be recognised.
pub fn image_pages(
    path: &str,
    bytes: &[u8],
    media: Media,
    opts: &Options,
) -> Result<Vec<PageInput>, Error> {
    if opts.ocr == OcrMode::Never {
        return Err(Error::NeedsOcr {
            path: path.into(),
            what: "a page image".into(),
        });
    }
    let rasters = raster::from_file(bytes, media).map_err(|source| Error::Image {
        path: path.into(),
        source,
    })?;
    Ok(rasters
        .into_iter()
        .enumerate()
        .map(|(i, raster)| PageInput::Scan {
            number: i + 1,
            image: ScanImage::Decoded(raster),
        })
        .collect())
}

/// Engines kept between pages and files: starting one costs more than
/// recognising a page.
static ENGINES: Mutex<Vec<Engines>> = Mutex::new(Vec::new());

fn with_engines<T>(f: impl FnOnce(&mut Engines) -> T) -> Result<T, OcrError> {
    let pooled = ENGINES.lock().ok().and_then(|mut pool| pool.pop());
    let mut engines = match pooled {
        Some(e) => e,
        None => Engines::new()?,
    };
    let out = f(&mut engines);
    if let Ok(mut pool) = ENGINES.lock() {
        pool.push(engines);
    }
    Ok(out)
}

/// Ends the pooled OCR engines; call before the process exits, so that
/// libtesseract frees its models in order instead of warning about them.
pub fn release_engines() {
    if let Ok(mut pool) = ENGINES.lock() {
        pool.clear();
    }
}

/// How a `page_unreadable` message ends.
const SKIPPED: &str = "; the page was skipped";

/// Why the layout of a page could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error(transparent)]
    Ocr(#[from] OcrError),
    #[error("page {page}: the time limit ran out")]
    TimedOut { page: usize },
    #[error("page {page}: {reason}")]
    Unreadable { page: usize, reason: String },
}

/// The image of scanned page `number`, or why it cannot be read.
fn decode(number: usize, image: ScanImage) -> Result<Raster, LayoutError> {
    image.decode().map_err(|e| LayoutError::Unreadable {
        page: number,
        reason: e.to_string().trim().to_string(),
    })
}

/// One page laid out: its layout, and for a scan the number cells' part of
/// the scan and, when asked for, the whole cleaned image.
pub struct Laid {
    pub layout: PageLayout,
    pub cells: Vec<ocr::CellScan>,
    pub scan: Option<Raster>,
}

/// The layout of one page, recognising it first if it is a scan; a scan's
/// cleaned image comes back too when `keep_scan` asks for it.
pub fn layout_page(page: PageInput, keep_scan: bool) -> Result<Laid, LayoutError> {
    let (number, image) = match page {
        PageInput::Native(page) => {
            return Ok(Laid {
                layout: layout::analyze(&page),
                cells: Vec::new(),
                scan: None,
            });
        }
        PageInput::Scan { number, image } => (number, image),
    };
    let raster = decode(number, image)?;
    let done = with_engines(|engines| {
        let read = ocr::recognize(number, &raster.image, raster.px_per_pt, engines);
        let mut layout = layout::analyze(&read.page);
        let cells = ocr::reread_cells(&mut layout, &read.prepared, engines);
        ocr::drop_pale_lines(&mut layout, &read.prepared);
        ocr::read_missed_lines(&mut layout, &read.prepared, engines);
        ocr::read_missed_title(&mut layout, &read.prepared, engines);
        ocr::reread_short_lines(&mut layout, &read.prepared, engines);
        ocr::reread_large_lines(&mut layout, &read.prepared, engines);
        ocr::reread_dates(&mut layout, &read.page.glyphs, &read.prepared, engines);
        layout.drop_empty_tables();
        let scan = keep_scan.then_some(Raster {
            image: read.prepared.gray,
            px_per_pt: read.prepared.px_per_pt,
        });
        Laid {
            layout,
            cells,
            scan,
        }
    })?;
    Ok(done)
}

/// Every page laid out, with what the pages that could not be read left as
/// issues.
pub struct LaidPages {
    pub layouts: Vec<PageLayout>,
    /// The number cells of the scanned pages, for a second reading.
    pub cells: Vec<ocr::CellScan>,
    pub issues: Vec<Issue>,
}

/// Step 2: the layout of every page; scans are decoded and recognised
/// first, in parallel over pages, and their number cells read again. A
/// scan that cannot be decoded is skipped with an issue. No scan is
/// started after `deadline`.
pub fn layout_pages(
    pages: Vec<PageInput>,
    jobs: usize,
    deadline: Option<std::time::Instant>,
) -> Result<LaidPages, LayoutError> {
    let mut slots: Vec<Option<Result<Laid, LayoutError>>> = Vec::new();
    let mut scans = Vec::new();
    for p in pages {
        match p {
            native @ PageInput::Native(_) => slots.push(Some(layout_page(native, false))),
            scan => {
                scans.push((slots.len(), scan));
                slots.push(None);
            }
        }
    }
    scans.reverse();
    let queue = Mutex::new(scans);
    let done = Mutex::new(Vec::new());
    let workers = jobs.max(1).min(queue.lock().map_or(1, |q| q.len()).max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some((slot, page)) = next else {
                        break;
                    };
                    let result = if pdf::past(deadline) {
                        Err(LayoutError::TimedOut {
                            page: page.number(),
                        })
                    } else {
                        layout_page(page, false)
                    };
                    if let Ok(mut d) = done.lock() {
                        d.push((slot, result));
                    }
                }
            });
        }
    });
    for (slot, result) in done.into_inner().unwrap_or_default() {
        slots[slot] = Some(result);
    }
    let mut layouts = Vec::new();
    let mut cells = Vec::new();
    let mut issues = Vec::new();
    for result in slots.into_iter().flatten() {
        match result {
            Ok(laid) => {
                layouts.push(laid.layout);
                cells.extend(laid.cells);
            }
            Err(LayoutError::Unreadable { page, reason }) => issues.push(Issue::warning(
                "page_unreadable",
                "",
                format!("page {page}: {reason}{SKIPPED}"),
            )),
            Err(e) => return Err(e),
        }
    }
    Ok(LaidPages {
        layouts,
        cells,
        issues,
    })
}

/// Step 1 for any input: its pages, issues for pages that were skipped,
/// and the number of pages the file has.
pub fn input_pages(
    path: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(Vec<PageInput>, Vec<Issue>, usize), Error> {
    match input::sniff(bytes) {
        Media::Pdf => pdf_pages(path, bytes, opts),
        media @ (Media::Png | Media::Jpeg | Media::Tiff) => {
            let pages = image_pages(path, bytes, media, opts)?;
            let n = pages.len();
            Ok((pages, Vec::new(), n))
        }
        Media::Unknown => Err(Error::UnknownMedia { path: path.into() }),
    }
}

/// The page model of one page, recognising it if it is a scan (for
/// inspecting what the layout is given).
pub fn page_model(page: PageInput) -> Result<Page, LayoutError> {
    match page {
        PageInput::Native(p) => Ok(p),
        PageInput::Scan { number, image } => {
            let raster = decode(number, image)?;
            Ok(with_engines(|engines| {
                ocr::recognize(number, &raster.image, raster.px_per_pt, engines).page
            })?)
        }
    }
}

/// The settings of one input's run, its deadline fixed from the timeout.
fn started(opts: &Options) -> Options {
    let mut opts = opts.clone();
    opts.limits.deadline = opts.timeout.map(|t| std::time::Instant::now() + t);
    opts
}

fn timed_out(path: &str, page: usize, opts: &Options) -> Error {
    Error::TimedOut {
        path: path.into(),
        page,
        seconds: opts.timeout.map_or(0.0, |t| t.as_secs_f64()),
    }
}

/// The whole flow for one input held in memory; `path` is only for messages
/// and the `source` block.
pub fn extract(path: &str, bytes: &[u8], opts: &Options) -> Result<Report, Error> {
    let opts = &started(opts);
    let (pages, mut issues, total) = input_pages(path, bytes, opts)?;
    let text_layer = text_layer(&pages);
    let mut laid = layout_pages(pages, opts.jobs, opts.limits.deadline)
        .map_err(|e| layout_error(path, e, opts))?;
    issues.append(&mut laid.issues);
    laid.issues = issues;
    let source = file_source(path, bytes, total, text_layer);
    build(source, laid)
}

/// What `inspect` draws: one page's layout, what it was made from, and the
/// report the whole file gave.
pub struct Inspection {
    pub report: Report,
    pub layout: PageLayout,
    /// The page as read from its text layer.
    pub page: Option<Page>,
    /// The cleaned scan the page was recognised from.
    pub scan: Option<Raster>,
}

/// The whole flow for one input, keeping what page `number` was made from.
pub fn inspect(
    path: &str,
    bytes: &[u8],
    number: usize,
    opts: &Options,
) -> Result<Inspection, Error> {
    let opts = &started(opts);
    let (pages, mut issues, total) = input_pages(path, bytes, opts)?;
    let text_layer = text_layer(&pages);
    let (mut chosen, rest): (Vec<_>, Vec<_>) =
        pages.into_iter().partition(|p| p.number() == number);
    let Some(page) = chosen.pop() else {
        return Err(Error::NoSuchPage {
            path: path.into(),
            page: number,
            pages: total,
        });
    };
    let native = match &page {
        PageInput::Native(p) => Some(p.clone()),
        PageInput::Scan { .. } => None,
    };
    let chosen = layout_page(page, true).map_err(|e| layout_error(path, e, opts))?;
    let mut laid = layout_pages(rest, opts.jobs, opts.limits.deadline)
        .map_err(|e| layout_error(path, e, opts))?;
    issues.append(&mut laid.issues);
    laid.issues = issues;
    let at = laid.layouts.partition_point(|l| l.number < number);
    laid.layouts.insert(at, chosen.layout.clone());
    laid.cells.extend(chosen.cells);
    let source = file_source(path, bytes, total, text_layer);
    let report = build(source, laid)?;
    Ok(Inspection {
        report,
        layout: chosen.layout,
        page: native,
        scan: chosen.scan,
    })
}

/// One report from page images given in order (a report scanned one file
/// per page). `source.path` is the first file; `source.sha256` covers the
/// bytes of all of them, in order.
pub fn extract_joined(inputs: &[(String, Vec<u8>)], opts: &Options) -> Result<Report, Error> {
    let opts = &started(opts);
    let Some((first, _)) = inputs.first() else {
        return Err(Error::NoText {
            path: String::new(),
            detail: "no page images given".into(),
        });
    };
    let mut pages = Vec::new();
    let mut hasher = Sha256::new();
    for (path, bytes) in inputs {
        hasher.update(bytes);
        let media = input::sniff(bytes);
        if !matches!(media, Media::Png | Media::Jpeg | Media::Tiff) {
            return Err(Error::UnknownMedia { path: path.clone() });
        }
        for p in image_pages(path, bytes, media, opts)? {
            if let PageInput::Scan { image, .. } = p {
                pages.push(PageInput::Scan {
                    number: pages.len() + 1,
                    image,
                });
            }
        }
    }
    let total = pages.len();
    let text_layer = text_layer(&pages);
    let laid = layout_pages(pages, opts.jobs, opts.limits.deadline)
        .map_err(|e| layout_error(first, e, opts))?;
    let source = source(
        first,
        hex(&hasher.finalize()),
        Media::Png,
        total,
        text_layer,
    );
    build(source, laid)
}

fn layout_error(path: &str, e: LayoutError, opts: &Options) -> Error {
    match e {
        LayoutError::Ocr(source) => Error::Ocr {
            path: path.into(),
            source,
        },
        LayoutError::TimedOut { page } => timed_out(path, page, opts),
        LayoutError::Unreadable { page, reason } => Error::NoText {
            path: path.into(),
            detail: format!("page {page}: {reason}"),
        },
    }
}

/// "native", "ocr" or "mixed": where the pages' text comes from.
fn text_layer(pages: &[PageInput]) -> &'static str {
    let scanned = pages
        .iter()
        .filter(|p| matches!(p, PageInput::Scan { .. }))
        .count();
    match scanned {
        0 => "native",
        n if n == pages.len() => "ocr",
        _ => "mixed",
    }
}

fn source(path: &str, sha256: String, media: Media, pages: usize, text_layer: &str) -> Source {
    Source {
        path: path.into(),
        sha256,
        media: if media == Media::Pdf { "pdf" } else { "image" }.into(),
        pages,
        text_layer: text_layer.into(),
    }
}

/// The `source` block of one file held in memory.
fn file_source(path: &str, bytes: &[u8], pages: usize, text_layer: &str) -> Source {
    source(
        path,
        hex(&Sha256::digest(bytes)),
        input::sniff(bytes),
        pages,
        text_layer,
    )
}

/// Steps 3 and 4: the report from the page layouts, the scanned cells behind
/// broken sums read again, and the checks.
fn build(source: Source, laid: LaidPages) -> Result<Report, Error> {
    let LaidPages {
        layouts,
        cells,
        mut issues,
    } = laid;
    let path = source.path.clone();
    if layouts.is_empty() {
        let detail: Vec<&str> = issues
            .iter()
            .map(|i| i.message.trim_end_matches(SKIPPED))
            .collect();
        return Err(Error::NoText {
            path,
            detail: detail.join("; "),
        });
    }
    let doc = layout::Document { pages: layouts };
    let mut report = report::build(&doc, source).map_err(|reason| Error::NotAReport {
        path: path.clone(),
        reason,
    })?;
    issues.append(&mut report.issues);
    report.issues = issues;
    let mut broken = check::broken(&report.values);
    if !cells.is_empty() && !broken.is_empty() {
        let reread =
            with_engines(|engines| reread::settle(&mut report.values, &broken, &cells, engines))
                .map_err(|source| Error::Ocr { path, source })?;
        if !reread.is_empty() {
            broken = check::broken(&report.values);
        }
        // A replaced value's first reading is no longer the one to check.
        report.issues.retain(|i| {
            i.code != "low_confidence" || !reread.iter().any(|r| r.pointer == i.pointer)
        });
        report.issues.extend(reread);
    }
    report.issues.extend(broken.into_iter().map(|b| b.issue));
    let prose = check::prose(&report.sections, &report.values);
    report.issues.extend(prose);
    Ok(report)
}

/// Lower-case hexadecimal of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

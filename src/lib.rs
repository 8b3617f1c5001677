//! nianbao (年报): Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) → structured JSON.
//!
//! The flow, one stage per module, each a plain function of the previous
//! stage's value:
//! bytes → [`input`] → [`pdf`] → [`page::Page`] → [`layout`] → [`report`] →
//! [`check`] → [`output`].

pub mod check;
pub mod input;
pub mod layout;
pub mod ocr;
pub mod output;
pub mod page;
pub mod pdf;
pub mod raster;
pub mod report;
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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: pdf::Limits::default(),
            ocr: OcrMode::Auto,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// A page on its way to the layout: read from the text layer, or a scan
/// still to be recognised.
pub enum PageInput {
    Native(Page),
    Scan { number: usize, raster: Raster },
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
    let read = pdf::read_pages(bytes, &opts.limits).map_err(|source| Error::Pdf {
        path: path.into(),
        source,
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
            (Some(scan), _) => match raster::from_scan(scan, p.page.width) {
                Ok(raster) => pages.push(PageInput::Scan { number, raster }),
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
        .map(|p| Issue::warning("page_unreadable", "", format!("{p}; the page was skipped")))
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
            raster,
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

/// Step 2: the layout of every page; scans are recognised first, in
/// parallel over pages, and their number cells read again.
pub fn layout_pages(pages: Vec<PageInput>, jobs: usize) -> Result<Vec<PageLayout>, OcrError> {
    let mut slots: Vec<Option<Result<PageLayout, OcrError>>> = Vec::new();
    let mut scans = Vec::new();
    for p in pages {
        match p {
            PageInput::Native(page) => slots.push(Some(Ok(layout::analyze(&page)))),
            PageInput::Scan { number, raster } => {
                scans.push((slots.len(), number, raster));
                slots.push(None);
            }
        }
    }
    let queue = Mutex::new(scans);
    let done = Mutex::new(Vec::new());
    let workers = jobs.max(1).min(queue.lock().map_or(1, |q| q.len()).max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some((slot, number, raster)) = next else {
                        break;
                    };
                    let result = with_engines(|engines| {
                        let read = ocr::recognize(number, &raster.image, raster.px_per_pt, engines);
                        let mut page = layout::analyze(&read.page);
                        ocr::reread_cells(&mut page, &read.prepared, engines);
                        page.drop_empty_tables();
                        page
                    });
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
    slots.into_iter().flatten().collect::<Result<Vec<_>, _>>()
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
pub fn page_model(page: PageInput) -> Result<Page, OcrError> {
    match page {
        PageInput::Native(p) => Ok(p),
        PageInput::Scan { number, raster } => with_engines(|engines| {
            ocr::recognize(number, &raster.image, raster.px_per_pt, engines).page
        }),
    }
}

/// The whole flow for one input held in memory; `path` is only for messages
/// and the `source` block.
pub fn extract(path: &str, bytes: &[u8], opts: &Options) -> Result<Report, Error> {
    let (pages, issues, total) = input_pages(path, bytes, opts)?;
    let media = input::sniff(bytes);
    finish(
        path,
        hex(&Sha256::digest(bytes)),
        media,
        pages,
        issues,
        total,
        opts,
    )
}

/// One report from page images given in order (a report scanned one file
/// per page). `source.path` is the first file; `source.sha256` covers the
/// bytes of all of them, in order.
pub fn extract_joined(inputs: &[(String, Vec<u8>)], opts: &Options) -> Result<Report, Error> {
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
            if let PageInput::Scan { raster, .. } = p {
                pages.push(PageInput::Scan {
                    number: pages.len() + 1,
                    raster,
                });
            }
        }
    }
    let total = pages.len();
    finish(
        first,
        hex(&hasher.finalize()),
        Media::Png,
        pages,
        Vec::new(),
        total,
        opts,
    )
}

fn finish(
    path: &str,
    sha256: String,
    media: Media,
    pages: Vec<PageInput>,
    mut page_issues: Vec<Issue>,
    total: usize,
    opts: &Options,
) -> Result<Report, Error> {
    let scanned = pages
        .iter()
        .filter(|p| matches!(p, PageInput::Scan { .. }))
        .count();
    let text_layer = match scanned {
        0 => "native",
        n if n == pages.len() => "ocr",
        _ => "mixed",
    };
    let layouts = layout_pages(pages, opts.jobs).map_err(|source| Error::Ocr {
        path: path.into(),
        source,
    })?;
    let doc = layout::Document { pages: layouts };
    let source = Source {
        path: path.into(),
        sha256,
        media: if media == Media::Pdf { "pdf" } else { "image" }.into(),
        pages: total,
        text_layer: text_layer.into(),
    };
    let mut report = report::build(&doc, source).map_err(|reason| Error::NotAReport {
        path: path.into(),
        reason,
    })?;
    page_issues.append(&mut report.issues);
    report.issues = page_issues;
    let checks = check::run(&report.values);
    report.issues.extend(checks);
    Ok(report)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

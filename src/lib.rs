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
pub mod output;
pub mod page;
pub mod pdf;
pub mod report;
pub mod template;

use input::Media;
use page::Page;
use pdf::{PdfError, TextLayer};
use report::{Issue, Report, Source};
use sha2::{Digest, Sha256};

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
    #[error("{path}: {what} input needs OCR, which this build does not do yet")]
    NeedsOcr { path: String, what: String },
    #[error("{path}: no page has a usable text layer ({detail}); the pages need OCR")]
    NoText { path: String, detail: String },
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
            Error::NotAReport { .. } => "not_a_report",
        }
    }
}

/// Settings of one extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: pdf::Limits,
}

/// Step 1: the pages of a PDF with usable text, and issues for the others.
pub fn pdf_pages(
    path: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(Vec<Page>, Vec<Issue>, usize), Error> {
    let read = pdf::read_pages(bytes, &opts.limits).map_err(|source| Error::Pdf {
        path: path.into(),
        source,
    })?;
    let total = read.len();
    let mut pages = Vec::new();
    let mut issues = Vec::new();
    let mut problems = Vec::new();
    for p in read {
        match &p.text_layer {
            TextLayer::Usable => pages.push(p.page),
            TextLayer::Empty => problems.push(format!("page {}: no text", p.page.number)),
            TextLayer::Undecodable { sample } => problems.push(format!(
                "page {}: text does not decode to Chinese ({sample:?})",
                p.page.number
            )),
        }
    }
    if pages.is_empty() {
        return Err(Error::NoText {
            path: path.into(),
            detail: problems.join("; "),
        });
    }
    for p in problems {
        issues.push(Issue::warning(
            "page_unreadable",
            "",
            format!("{p}; the page was skipped"),
        ));
    }
    Ok((pages, issues, total))
}

/// The whole flow for one input held in memory; `path` is only for messages
/// and the `source` block.
pub fn extract(path: &str, bytes: &[u8], opts: &Options) -> Result<Report, Error> {
    let (pages, mut page_issues, total) = match input::sniff(bytes) {
        Media::Pdf => pdf_pages(path, bytes, opts)?,
        Media::Png | Media::Jpeg | Media::Tiff => {
            return Err(Error::NeedsOcr {
                path: path.into(),
                what: "image".into(),
            });
        }
        Media::Unknown => return Err(Error::UnknownMedia { path: path.into() }),
    };
    let doc = layout::analyze_document(&pages);
    let source = Source {
        path: path.into(),
        sha256: hex(&Sha256::digest(bytes)),
        media: "pdf".into(),
        pages: total,
        text_layer: "native".into(),
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

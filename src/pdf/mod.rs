//! PDF → `Page`: a small content-stream interpreter over `lopdf` that places
//! every glyph of the text layer and collects ruling lines.

mod cmap;
mod content;
mod encoding;
mod font;
mod interp;
mod obj;
mod scan;
mod unicode;

#[cfg(test)]
mod codec_tests;
#[cfg(test)]
mod tests;

pub use scan::{CcittParams, Scan, ScanData};

use crate::page::{Glyph, Page, TextSource};
use interp::{FontCache, Interp, Matrix};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::collections::HashSet;

/// Limits against hostile or absurd files.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest decompressed size of one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Most pages read from one file.
    pub max_pages: usize,
    /// Most glyphs kept on one page.
    pub max_glyphs_per_page: usize,
    /// Largest page side, in points.
    pub max_page_side: f32,
    /// When reading must stop (a per-file time limit).
    pub deadline: Option<std::time::Instant>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 64 << 20,
            max_pages: 5000,
            max_glyphs_per_page: 200_000,
            max_page_side: 14_400.0,
            deadline: None,
        }
    }
}

/// Whether a page's text layer can be used as text.
#[derive(Debug, Clone, PartialEq)]
pub enum TextLayer {
    /// Decodes to CJK text.
    Usable,
    /// No glyphs at all (a scan, or an empty page).
    Empty,
    /// Glyphs that do not decode to CJK text; `sample` shows the first few.
    Undecodable { sample: String },
}

#[derive(Debug, Clone)]
pub struct PdfPage {
    pub page: Page,
    pub text_layer: TextLayer,
    /// The page's scan, looked for only when the text layer is not usable.
    pub scan: Option<Scan>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF file (no %PDF- header)")]
    NotPdf,
    #[error("the PDF is encrypted and cannot be opened without a password")]
    Encrypted,
    #[error("the PDF is damaged or truncated: {0}")]
    Malformed(String),
    #[error("the PDF has no pages")]
    NoPages,
    #[error("the PDF has {pages} pages, more than the limit of {limit}")]
    TooManyPages { pages: usize, limit: usize },
    #[error("a stream of the PDF inflates beyond the limit of {limit} bytes")]
    StreamTooLarge { limit: usize },
    #[error("page {page}: {reason}")]
    Page { page: usize, reason: String },
    #[error("page {page}: the time limit ran out")]
    TimedOut { page: usize },
}

/// Whether a deadline has passed.
pub fn past(deadline: Option<std::time::Instant>) -> bool {
    deadline.is_some_and(|d| std::time::Instant::now() >= d)
}

/// Reads every page of a PDF held in memory.
pub fn read_pages(bytes: &[u8], limits: &Limits) -> Result<Vec<PdfPage>, PdfError> {
    let doc = open(bytes, limits)?;
    let page_ids = page_ids(&doc, limits)?;
    let mut fonts = FontCache::new();
    page_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            if past(limits.deadline) {
                return Err(PdfError::TimedOut { page: i + 1 });
            }
            read_page(&doc, id, i + 1, limits, &mut fonts)
        })
        .collect()
}

/// How far into the file the `%PDF-` header may start.
const HEADER_SEARCH: usize = 1024;
/// Deepest page tree walked up for inherited attributes.
const MAX_TREE_DEPTH: usize = 64;

fn open(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let head = bytes.get(..HEADER_SEARCH + 5).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    let options = LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..LoadOptions::default()
    };
    // lopdf parses hostile bytes; a panic in it must not take the batch down.
    let loaded = std::panic::catch_unwind(|| Document::load_mem_with_options(bytes, options))
        .map_err(|_| PdfError::Malformed("the parser failed on this file".into()))?;
    let doc = loaded.map_err(|e| match e {
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::UnsupportedSecurityHandler(_)
        | lopdf::Error::AlreadyEncrypted => PdfError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            PdfError::StreamTooLarge { limit }
        }
        other => PdfError::Malformed(other.to_string()),
    })?;
    // lopdf opens files whose user password is empty (permission-only
    // encryption, which every viewer opens) and leaves /Encrypt in the
    // trailer of those that need a real password.
    if doc.trailer.has(b"Encrypt") {
        return Err(PdfError::Encrypted);
    }
    Ok(doc)
}

fn page_ids(doc: &Document, limits: &Limits) -> Result<Vec<ObjectId>, PdfError> {
    let mut ids = Vec::new();
    let mut count = 0;
    for id in doc.page_iter() {
        count += 1;
        if ids.len() < limits.max_pages {
            ids.push(id);
        }
    }
    if count == 0 {
        return Err(PdfError::NoPages);
    }
    if count > limits.max_pages {
        return Err(PdfError::TooManyPages {
            pages: count,
            limit: limits.max_pages,
        });
    }
    Ok(ids)
}

/// An attribute of a page or, failing that, of its nearest ancestor.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    let mut seen = HashSet::new();
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(v) = obj::get(doc, node, key) {
            return Some(v);
        }
        let parent = obj::ref_id(node, b"Parent")?;
        if !seen.insert(parent) {
            return None;
        }
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A rectangle `[x0 y0 x1 y1]`, normalised; `None` unless finite with area.
fn rect(doc: &Document, o: Option<&Object>) -> Option<[f64; 4]> {
    let Object::Array(items) = o? else {
        return None;
    };
    let v = obj::numbers(doc, items)?;
    let [a, b, c, d] = v.as_slice() else {
        return None;
    };
    let r = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
    (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0).then_some(r)
}

/// The displayed size of a page, the matrix from default user space to
/// its top-left display space (CropBox origin, /Rotate applied clockwise)
/// and the quarter turns of that /Rotate.
fn page_geometry(doc: &Document, page: Option<&Dictionary>) -> ((f64, f64), Matrix, u8) {
    // US Letter when a page gives no usable MediaBox, as readers assume.
    let default = [0.0, 0.0, 612.0, 792.0];
    let Some(page) = page else {
        return (
            (612.0, 792.0),
            Matrix::new(1.0, 0.0, 0.0, -1.0, 0.0, 792.0),
            0,
        );
    };
    let media = rect(doc, inherited(doc, page, b"MediaBox")).unwrap_or(default);
    let crop = rect(doc, inherited(doc, page, b"CropBox"))
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[2] > c[0] && c[3] > c[1])
        .unwrap_or(media);
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(|o| obj::num(doc, o))
        .map_or(0, |r| ((r / 90.0).round() as i64).rem_euclid(4));
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    let (size, base) = match rotate {
        1 => ((h, w), Matrix::new(0.0, 1.0, 1.0, 0.0, -y0, -x0)),
        2 => ((w, h), Matrix::new(-1.0, 0.0, 0.0, 1.0, x1, -y0)),
        3 => ((h, w), Matrix::new(0.0, -1.0, -1.0, 0.0, y1, x1)),
        _ => ((w, h), Matrix::new(1.0, 0.0, 0.0, -1.0, -x0, y1)),
    };
    (size, base, rotate as u8)
}

/// The page's content streams, decoded and joined.
fn page_content(doc: &Document, page: &Dictionary, limits: &Limits) -> Result<Vec<u8>, usize> {
    let streams: Vec<&lopdf::Stream> = match obj::get(doc, page, b"Contents") {
        Some(Object::Stream(s)) => vec![s],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|o| match obj::resolve(doc, o) {
                Some(Object::Stream(s)) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for s in streams {
        match obj::stream_data(s, limits.max_stream_bytes.saturating_sub(out.len())) {
            Ok(data) => out.extend_from_slice(&data),
            Err(obj::StreamError::TooLarge) => return Err(limits.max_stream_bytes),
            // A broken stream is skipped; the rest of the page still reads.
            Err(obj::StreamError::Unreadable) => {}
        }
        out.push(b'\n');
    }
    Ok(out)
}

fn read_page(
    doc: &Document,
    id: ObjectId,
    number: usize,
    limits: &Limits,
    fonts: &mut FontCache,
) -> Result<PdfPage, PdfError> {
    let page_error = |reason: String| PdfError::Page {
        page: number,
        reason,
    };
    let dict = doc.get_dictionary(id).ok();
    let ((width, height), base, quarter_turns) = page_geometry(doc, dict);
    let max_side = f64::from(limits.max_page_side);
    if width > max_side || height > max_side {
        return Err(page_error(format!(
            "the page is {width:.0} × {height:.0} pt, larger than the limit of {max_side:.0} pt"
        )));
    }
    let mut interp = Interp::new(doc, limits, fonts, base, (width, height));
    let resources = dict.and_then(|d| inherited(doc, d, b"Resources").and_then(obj::as_dict));
    if let Some(dict) = dict {
        let content = page_content(doc, dict, limits).map_err(|limit| {
            page_error(format!(
                "a content stream inflates beyond the limit of {limit} bytes"
            ))
        })?;
        interp.run(&content, resources).map_err(|e| match e {
            interp::Abort::TimedOut => PdfError::TimedOut { page: number },
            other => page_error(other.to_string()),
        })?;
    }
    let (glyphs, rules) = interp.finish();
    let text_layer = classify(&glyphs);
    let scan = match text_layer {
        TextLayer::Usable => None,
        _ => scan::page_scan(doc, resources, limits.max_stream_bytes).map(|scan| Scan {
            quarter_turns,
            ..scan
        }),
    };
    Ok(PdfPage {
        page: Page {
            number,
            width: width as f32,
            height: height as f32,
            glyphs,
            rules,
            source: TextSource::Native,
        },
        text_layer,
        scan,
    })
}

/// Glyphs sampled for an undecodable page.
const SAMPLE_LEN: usize = 20;

/// Whether the glyphs read as CJK text: a page is undecodable when more
/// than a tenth of its glyphs did not decode, or when a page of more than
/// 20 glyphs is less than a tenth CJK (codes read as Latin garbage).
fn classify(glyphs: &[Glyph]) -> TextLayer {
    let visible: Vec<char> = glyphs
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    if visible.is_empty() {
        return TextLayer::Empty;
    }
    let n = visible.len();
    let garbage = visible.iter().filter(|&&c| unicode::is_garbage(c)).count();
    let cjk = visible.iter().filter(|&&c| unicode::is_cjk(c)).count();
    if garbage * 10 > n || (n > 20 && cjk * 10 < n) {
        TextLayer::Undecodable {
            sample: visible.iter().take(SAMPLE_LEN).collect(),
        }
    } else {
        TextLayer::Usable
    }
}

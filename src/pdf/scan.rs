//! The scan inside an image-only page: the largest image XObject of the page,
//! taken as stored (JPEG bytes or raw samples) rather than rendered.

use super::obj::{self, get, get_dict, get_name, get_num};
use lopdf::{Dictionary, Document, Object};

/// How a page's scan is stored in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanData {
    /// DCTDecode: a JPEG file as is.
    Jpeg(Vec<u8>),
    /// Decoded samples, row by row, `components` per pixel.
    Samples {
        bits: u8,
        components: u8,
        /// /Decode [1 0] or an image mask: 0 is white.
        inverted: bool,
        data: Vec<u8>,
    },
    /// A filter this build cannot decode (JBIG2, JPEG 2000, CCITT fax).
    Unsupported(String),
}

/// The image that fills a scanned page.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub width: u32,
    pub height: u32,
    pub data: ScanData,
}

/// The largest image drawn from the page's resources (directly or one
/// Form XObject deep), or `None` when the page holds no image.
pub fn page_scan(doc: &Document, resources: Option<&Dictionary>, limit: usize) -> Option<Scan> {
    let mut best: Option<(&lopdf::Stream, u64)> = None;
    let xobjects = resources.and_then(|r| get_dict(doc, r, b"XObject"))?;
    largest_image(doc, xobjects, &mut best);
    for (_, o) in xobjects.iter() {
        if let Some(Object::Stream(form)) = obj::resolve(doc, o)
            && get_name(doc, &form.dict, b"Subtype") == Some(b"Form")
            && let Some(inner) =
                get_dict(doc, &form.dict, b"Resources").and_then(|r| get_dict(doc, r, b"XObject"))
        {
            largest_image(doc, inner, &mut best);
        }
    }
    let (stream, area) = best?;
    if area == 0 {
        return None;
    }
    let dict = &stream.dict;
    let width = get_num(doc, dict, b"Width")? as u32;
    let height = get_num(doc, dict, b"Height")? as u32;
    let filters: Vec<Vec<u8>> = match get(doc, dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|o| match obj::resolve(doc, o) {
                Some(Object::Name(n)) => Some(n.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let last = filters
        .last()
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let data = match last.as_deref() {
        Some("DCTDecode" | "DCT") if filters.len() == 1 => ScanData::Jpeg(stream.content.clone()),
        Some(
            f @ ("JBIG2Decode" | "JPXDecode" | "CCITTFaxDecode" | "CCF" | "DCTDecode" | "DCT"),
        ) => ScanData::Unsupported(f.to_string()),
        _ => {
            let is_mask = matches!(get(doc, dict, b"ImageMask"), Some(Object::Boolean(true)));
            let bits = if is_mask {
                1
            } else {
                get_num(doc, dict, b"BitsPerComponent").unwrap_or(8.0) as u8
            };
            let components = if is_mask { 1 } else { components(doc, dict)? };
            let decode_inverted = obj::get_array(doc, dict, b"Decode")
                .and_then(|a| obj::numbers(doc, a))
                .is_some_and(|d| d.first() == Some(&1.0));
            match obj::stream_data(stream, limit) {
                Ok(data) => ScanData::Samples {
                    bits,
                    components,
                    // An image mask paints where the sample is 0 (black on white).
                    inverted: decode_inverted,
                    data,
                },
                Err(_) => ScanData::Unsupported(last.unwrap_or_else(|| "unreadable".into())),
            }
        }
    };
    Some(Scan {
        width,
        height,
        data,
    })
}

fn largest_image<'a>(
    doc: &'a Document,
    xobjects: &'a Dictionary,
    best: &mut Option<(&'a lopdf::Stream, u64)>,
) {
    for (_, o) in xobjects.iter() {
        let Some(Object::Stream(s)) = obj::resolve(doc, o) else {
            continue;
        };
        if get_name(doc, &s.dict, b"Subtype") != Some(b"Image") {
            continue;
        }
        let w = get_num(doc, &s.dict, b"Width").unwrap_or(0.0).max(0.0) as u64;
        let h = get_num(doc, &s.dict, b"Height").unwrap_or(0.0).max(0.0) as u64;
        if best.is_none_or(|(_, area)| w * h > area) {
            *best = Some((s, w * h));
        }
    }
}

/// Colour components of an image's colour space; `None` for the ones a scan
/// is never stored in (Indexed, Separation, patterns).
fn components(doc: &Document, dict: &Dictionary) -> Option<u8> {
    match get(doc, dict, b"ColorSpace")? {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"CalGray" | b"G" => Some(1),
            b"DeviceRGB" | b"CalRGB" | b"RGB" => Some(3),
            b"DeviceCMYK" | b"CMYK" => Some(4),
            _ => None,
        },
        Object::Array(items) => {
            let family = items.first().and_then(|o| match obj::resolve(doc, o) {
                Some(Object::Name(n)) => Some(n.as_slice()),
                _ => None,
            })?;
            match family {
                b"ICCBased" => {
                    let stream = items.get(1).and_then(|o| match obj::resolve(doc, o) {
                        Some(Object::Stream(s)) => Some(s),
                        _ => None,
                    })?;
                    get_num(doc, &stream.dict, b"N").map(|n| n as u8)
                }
                b"CalGray" => Some(1),
                b"CalRGB" => Some(3),
                _ => None,
            }
        }
        _ => None,
    }
}

//! The scan inside an image-only page: the largest image XObject of the page,
//! taken as stored (JPEG, CCITT fax, JBIG2 or JPEG 2000 data, or raw
//! samples) rather than rendered.

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
    /// CCITTFaxDecode: Group 3 or 4 fax data and its parameters.
    Ccitt {
        params: CcittParams,
        /// /Decode [1 0]: the samples the filter gives are taken the other way.
        inverted: bool,
        data: Vec<u8>,
    },
    /// JBIG2Decode: an embedded JBIG2 page and the /JBIG2Globals it refers to.
    Jbig2 {
        globals: Option<Vec<u8>>,
        /// /Decode [1 0].
        inverted: bool,
        data: Vec<u8>,
    },
    /// JPXDecode: a JPEG 2000 file or codestream as is.
    Jpx(Vec<u8>),
    /// A filter this build cannot decode.
    Unsupported(String),
    /// A codec's data that cannot be taken out of its stream: why.
    Unreadable(String),
}

/// The /DecodeParms of CCITTFaxDecode, with the defaults of the PDF reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CcittParams {
    /// /K: negative for Group 4, 0 for Group 3 one-dimensional, positive
    /// for Group 3 mixed one- and two-dimensional.
    pub k: i64,
    pub columns: u32,
    /// 0 when not given: rows run to the end of the data.
    pub rows: u32,
    pub black_is_1: bool,
    pub encoded_byte_align: bool,
    pub end_of_line: bool,
    pub end_of_block: bool,
}

impl Default for CcittParams {
    fn default() -> Self {
        CcittParams {
            k: 0,
            columns: 1728,
            rows: 0,
            black_is_1: false,
            encoded_byte_align: false,
            end_of_line: false,
            end_of_block: true,
        }
    }
}

/// The image that fills a scanned page.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub width: u32,
    pub height: u32,
    /// Quarter turns clockwise that show the image upright: the page's
    /// /Rotate, which viewers apply to the scan as to the rest of the page.
    pub quarter_turns: u8,
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
    image_scan(doc, stream, limit)
}

/// One image XObject as a scan, its data kept as stored when a codec of
/// its own decodes it later (so a deferred page holds the small stored form).
pub fn image_scan(doc: &Document, stream: &lopdf::Stream, limit: usize) -> Option<Scan> {
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
    let is_mask = matches!(get(doc, dict, b"ImageMask"), Some(Object::Boolean(true)));
    // An image mask paints where the sample is 0 (black on white), as
    // DeviceGray shows a 0 sample: only /Decode [1 0] turns either around.
    let inverted = obj::get_array(doc, dict, b"Decode")
        .and_then(|a| obj::numbers(doc, a))
        .is_some_and(|d| d.first() == Some(&1.0));
    let unreadable = |f: &str| {
        ScanData::Unreadable(format!(
            "the {f} data does not come out of its stream (broken, or over {limit} bytes)"
        ))
    };
    let data = match last.as_deref() {
        Some("DCTDecode" | "DCT") if filters.len() == 1 => ScanData::Jpeg(stream.content.clone()),
        Some(f @ ("CCITTFaxDecode" | "CCF")) => match coded_data(doc, stream, &filters, limit) {
            Some(data) => ScanData::Ccitt {
                params: ccitt_params(doc, last_parms(doc, dict, filters.len())),
                inverted,
                data,
            },
            None => unreadable(f),
        },
        Some(f @ "JBIG2Decode") => {
            let globals = last_parms(doc, dict, filters.len())
                .and_then(|p| obj::get_stream(doc, p, b"JBIG2Globals"))
                .map(|g| obj::stream_data(g, limit));
            match (coded_data(doc, stream, &filters, limit), globals) {
                (Some(data), None) => ScanData::Jbig2 {
                    globals: None,
                    inverted,
                    data,
                },
                (Some(data), Some(Ok(g))) => ScanData::Jbig2 {
                    globals: Some(g),
                    inverted,
                    data,
                },
                _ => unreadable(f),
            }
        }
        Some(f @ "JPXDecode") => match coded_data(doc, stream, &filters, limit) {
            Some(data) => ScanData::Jpx(data),
            None => unreadable(f),
        },
        Some(f @ ("DCTDecode" | "DCT")) => {
            ScanData::Unsupported(format!("{f} after other filters"))
        }
        _ => {
            let bits = if is_mask {
                1
            } else {
                get_num(doc, dict, b"BitsPerComponent").unwrap_or(8.0) as u8
            };
            let components = if is_mask { 1 } else { components(doc, dict)? };
            match obj::stream_data(stream, limit) {
                Ok(data) => ScanData::Samples {
                    bits,
                    components,
                    inverted,
                    data,
                },
                Err(_) => ScanData::Unsupported(last.unwrap_or_else(|| "unreadable".into())),
            }
        }
    };
    Some(Scan {
        width,
        height,
        quarter_turns: 0,
        data,
    })
}

/// The input of an image codec, the last filter of the chain: the stream's
/// bytes with the filters before it (Flate, ASCII85…) undone. `None` when
/// those do not decode or the data passes `limit`.
fn coded_data(
    doc: &Document,
    stream: &lopdf::Stream,
    filters: &[Vec<u8>],
    limit: usize,
) -> Option<Vec<u8>> {
    let before = filters.len().saturating_sub(1);
    if before == 0 {
        return (stream.content.len() <= limit).then(|| stream.content.clone());
    }
    let mut dict = Dictionary::new();
    let names = filters[..before]
        .iter()
        .map(|f| Object::Name(f.clone()))
        .collect();
    dict.set("Filter", Object::Array(names));
    if let Some(parms) = obj::get_array(doc, &stream.dict, b"DecodeParms") {
        let resolved = parms[..before.min(parms.len())]
            .iter()
            .map(|p| obj::resolve(doc, p).cloned().unwrap_or(Object::Null))
            .collect();
        dict.set("DecodeParms", Object::Array(resolved));
    }
    let inner = lopdf::Stream::new(dict, stream.content.clone());
    obj::stream_data(&inner, limit).ok()
}

/// The /DecodeParms of the last filter: the last entry of an array, or the
/// dictionary itself.
fn last_parms<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    filters: usize,
) -> Option<&'a Dictionary> {
    match get(doc, dict, b"DecodeParms")? {
        Object::Array(items) => {
            obj::resolve(doc, items.get(filters.checked_sub(1)?)?).and_then(obj::as_dict)
        }
        other => obj::as_dict(other),
    }
}

fn ccitt_params(doc: &Document, parms: Option<&Dictionary>) -> CcittParams {
    let mut p = CcittParams::default();
    let Some(d) = parms else {
        return p;
    };
    let flag = |key: &[u8], default: bool| match get(doc, d, key) {
        Some(Object::Boolean(b)) => *b,
        _ => default,
    };
    let count = |key: &[u8], default: u32| {
        get_num(doc, d, key)
            .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
            .map_or(default, |n| n as u32)
    };
    p.k = get_num(doc, d, b"K").map_or(0, |k| k as i64);
    p.columns = count(b"Columns", p.columns);
    p.rows = count(b"Rows", p.rows);
    p.black_is_1 = flag(b"BlackIs1", p.black_is_1);
    p.encoded_byte_align = flag(b"EncodedByteAlign", p.encoded_byte_align);
    p.end_of_line = flag(b"EndOfLine", p.end_of_line);
    p.end_of_block = flag(b"EndOfBlock", p.end_of_block);
    p
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

//! Lenient accessors over lopdf objects: every lookup follows references and
//! answers `None` rather than an error, so a damaged file degrades to
//! missing values instead of failing.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

pub fn resolve<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, d.get(key).ok()?)
}

pub fn num(doc: &Document, o: &Object) -> Option<f64> {
    match resolve(doc, o)? {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) if r.is_finite() => Some(f64::from(*r)),
        _ => None,
    }
}

pub fn get_num(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f64> {
    num(doc, d.get(key).ok()?)
}

pub fn get_name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn as_dict(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, d, key)?)
}

pub fn get_array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

pub fn get_stream<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
    match get(doc, d, key)? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// The numbers of an array, resolving references; `None` if any is not one.
pub fn numbers(doc: &Document, items: &[Object]) -> Option<Vec<f64>> {
    items.iter().map(|o| num(doc, o)).collect()
}

/// The id an entry refers to, when it is a reference.
pub fn ref_id(d: &Dictionary, key: &[u8]) -> Option<ObjectId> {
    d.get(key).ok()?.as_reference().ok()
}

/// Why a stream could not be decoded.
pub enum StreamError {
    /// It inflates beyond the size limit.
    TooLarge,
    /// Broken or unsupported data.
    Unreadable,
}

pub fn stream_data(s: &Stream, limit: usize) -> Result<Vec<u8>, StreamError> {
    match s.decompressed_content_with_limit(limit) {
        Ok(data) => Ok(data),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(StreamError::TooLarge)
        }
        Err(_) => Err(StreamError::Unreadable),
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, or
/// PDFDocEncoding (Latin-1 is close enough for the text we need).
pub fn text_string(bytes: &[u8]) -> Vec<char> {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units = rest
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).chars().collect();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

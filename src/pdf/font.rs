//! Fonts as the interpreter needs them: how a string splits into codes, each
//! code's advance (and vertical metrics), and its Unicode text.

use super::cmap::{CidCMap, CodeSpace, UnicodeMap};
use super::encoding::{Base, StandardFamily, glyph_name_to_unicode, standard_width};
use super::obj::{self, get, get_array, get_dict, get_name, get_num, get_stream, num, numbers};
use lopdf::{Dictionary, Document, Object};

/// Ascent and descent, in ems, when a font gives none that is believable.
const DEFAULT_ASCENT: f64 = 0.88;
const DEFAULT_DESCENT: f64 = -0.12;

/// One code of a shown string, with its metrics in text space per unit of
/// font size.
#[derive(Debug, Clone, Copy)]
pub struct Code {
    /// Bytes the code takes in the string.
    pub len: usize,
    /// Horizontal advance.
    pub w0: f64,
    /// Vertical advance (negative: downwards), vertical fonts only.
    pub w1: f64,
    /// Position vector from the vertical origin to the horizontal one.
    pub vx: f64,
    pub vy: f64,
    /// A single-byte code 32, which word spacing applies to.
    pub word_space: bool,
}

pub struct Font {
    kind: Kind,
    to_unicode: Option<UnicodeMap>,
    pub vertical: bool,
    /// Glyph extent below and above the baseline, text space per unit size.
    pub descent: f64,
    pub ascent: f64,
    /// Scale from the font size to the size of an em (1 except for Type3
    /// fonts that draw 1000 units per em under a matrix other than 1/1000).
    pub size_scale: f64,
}

enum Kind {
    Simple(Box<Simple>),
    Type0(Box<Type0>),
}

struct Simple {
    widths: [f64; 256],
    text: CodeText,
}

/// The text of each code of a simple font from its encoding: one character
/// per code (NUL when unknown), the rare ligature names aside.
struct CodeText {
    single: [char; 256],
    multi: Vec<(u8, Vec<char>)>,
}

impl CodeText {
    fn first(&self, code: u8) -> Option<char> {
        let c = self.single[usize::from(code)];
        (c != '\0').then_some(c)
    }

    fn push(&self, code: u8, out: &mut Vec<char>) -> bool {
        if let Some(c) = self.first(code) {
            out.push(c);
            return true;
        }
        match self.multi.iter().find(|(c, _)| *c == code) {
            Some((_, text)) => {
                out.extend_from_slice(text);
                true
            }
            None => false,
        }
    }
}

struct Type0 {
    codespace: CodeSpace,
    cids: CidSource,
    widths: CidTable<f64>,
    default_width: f64,
    /// Vertical metrics per CID: (w1, vx, vy).
    vmetrics: CidTable<[f64; 3]>,
    default_vy: f64,
    default_w1: f64,
}

/// How codes of a Type0 font become CIDs, and what text they carry when
/// the font has no ToUnicode map.
enum CidSource {
    Identity,
    Embedded {
        map: CidCMap,
        identity_parent: bool,
    },
    /// UCS-2 / UTF-16 CMaps: the code is the text.
    Unicode,
    /// Legacy multi-byte CMaps (GBK-EUC-H…): the code is text in a charset.
    Charset(&'static encoding_rs::Encoding),
    Unknown,
}

/// Widths by CID, from `/W` or `/W2`: ranges sorted by first CID.
struct CidTable<T> {
    ranges: Vec<(u32, u32, Width<T>)>,
    values: Vec<T>,
}

#[derive(Clone, Copy)]
enum Width<T> {
    Same(T),
    /// Index of the first CID's value in `values`.
    From(usize),
}

impl<T: Copy> CidTable<T> {
    /// Parses the two forms `c [v v …]` and `cfirst clast v`, where each v
    /// is `per` numbers turned into one value by `make`.
    fn parse(doc: &Document, items: &[Object], per: usize, make: fn(&[f64]) -> T) -> Self {
        let mut table = CidTable {
            ranges: Vec::new(),
            values: Vec::new(),
        };
        let mut i = 0;
        while let Some(first) = items.get(i).and_then(|o| num(doc, o)) {
            let Some(next) = items.get(i + 1).and_then(|o| obj::resolve(doc, o)) else {
                break;
            };
            if first < 0.0 || first > f64::from(u32::MAX) {
                break;
            }
            let first = first as u32;
            if let Object::Array(list) = next {
                let vals: Vec<f64> = list.iter().filter_map(|o| num(doc, o)).collect();
                let n = vals.len() / per;
                if n > 0 {
                    let start = table.values.len();
                    table.values.extend(vals.chunks_exact(per).map(make));
                    let last = first.saturating_add(n as u32 - 1);
                    table.ranges.push((first, last, Width::From(start)));
                }
                i += 2;
            } else {
                let Some(last) = num(doc, next) else { break };
                let Some(vals) = items.get(i + 2..i + 2 + per).and_then(|v| numbers(doc, v)) else {
                    break;
                };
                if last >= f64::from(first) && last <= f64::from(u32::MAX) {
                    table
                        .ranges
                        .push((first, last as u32, Width::Same(make(&vals))));
                }
                i += 2 + per;
            }
        }
        table.ranges.sort_by_key(|r| r.0);
        table
    }

    fn empty() -> Self {
        CidTable {
            ranges: Vec::new(),
            values: Vec::new(),
        }
    }

    fn get(&self, cid: u32) -> Option<T> {
        let end = self.ranges.partition_point(|r| r.0 <= cid);
        // Ranges rarely overlap; look back a few in case they do.
        let &(first, _, w) = self.ranges[..end]
            .iter()
            .rev()
            .take(8)
            .find(|r| cid <= r.1)?;
        match w {
            Width::Same(v) => Some(v),
            Width::From(start) => self.values.get(start + (cid - first) as usize).copied(),
        }
    }
}

impl Font {
    /// Reads a font dictionary; `None` when it is not one we can measure.
    pub fn load(doc: &Document, dict: &Dictionary, limit: usize) -> Option<Font> {
        let to_unicode = get_stream(doc, dict, b"ToUnicode")
            .and_then(|s| obj::stream_data(s, limit).ok())
            .map(|data| UnicodeMap::parse(&data))
            .filter(|m| !m.is_empty());
        match get_name(doc, dict, b"Subtype") {
            Some(b"Type0") => Self::load_type0(doc, dict, to_unicode, limit),
            Some(b"Type3") => Some(Self::load_simple(doc, dict, to_unicode, true)),
            _ => Some(Self::load_simple(doc, dict, to_unicode, false)),
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<UnicodeMap>,
        type3: bool,
    ) -> Font {
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let base_font = get_name(doc, dict, b"BaseFont").unwrap_or_default();
        let base_font = base_font
            .split(|&b| b == b'+')
            .next_back()
            .unwrap_or(base_font);

        // FontMatrix maps glyph space to text space: 1/1000 except in Type3.
        let matrix = if type3 {
            get_array(doc, dict, b"FontMatrix")
                .and_then(|a| numbers(doc, a))
                .filter(|m| m.len() == 6 && m[0] != 0.0 && m[3] != 0.0)
                .unwrap_or_else(|| vec![0.001, 0.0, 0.0, 0.001, 0.0, 0.0])
        } else {
            vec![0.001, 0.0, 0.0, 0.001, 0.0, 0.0]
        };
        let (xscale, yscale, yshift) = (matrix[0], matrix[3], matrix[5]);
        // Glyph extent in text space, from a Type3 font's FontBBox.
        let bbox = if type3 {
            get_array(doc, dict, b"FontBBox")
                .and_then(|a| numbers(doc, a))
                .filter(|b| b.len() == 4)
                .map(|b| {
                    let (y0, y1) = (b[1] * yscale + yshift, b[3] * yscale + yshift);
                    (y0.min(y1), y0.max(y1))
                })
                .filter(|(lo, hi)| hi > lo)
        } else {
            None
        };
        // An em is 1000 glyph units by convention, but producers that draw
        // Type3 glyphs in their own units (FontMatrix 1/100, 1/2048…) make it
        // one text-space unit; the FontBBox height tells the two apart.
        let thousand = (yscale * 1000.0).abs();
        let off_by = |em: f64, (lo, hi): (f64, f64)| ((hi - lo) / em).ln().abs();
        let size_scale = match bbox {
            Some(b) if off_by(1.0, b) < off_by(thousand, b) => 1.0,
            _ => thousand,
        };

        let text = simple_encoding(doc, dict, base_font, type3);

        let mut widths = [f64::NAN; 256];
        let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0);
        if let Some(list) = get_array(doc, dict, b"Widths")
            && (0.0..256.0).contains(&first)
        {
            for (code, w) in (first as usize..256).zip(list.iter()) {
                if let Some(w) = num(doc, w) {
                    widths[code] = w * xscale;
                }
            }
        }
        let missing = descriptor.and_then(|d| get_num(doc, d, b"MissingWidth"));
        let has_widths = widths.iter().any(|w| !w.is_nan());
        let family = standard_family(base_font);
        for (code, w) in widths.iter_mut().enumerate() {
            if !w.is_nan() {
                continue;
            }
            *w = match (missing, has_widths) {
                (Some(m), _) => m * xscale,
                (None, true) => 0.0,
                // A standard-14 font (or a broken one) without /Widths.
                (None, false) => {
                    let c = u8::try_from(code)
                        .ok()
                        .and_then(|c| text.first(c))
                        .unwrap_or('x');
                    standard_width(family, c) / 1000.0
                }
            };
        }

        let (descent, ascent) = if type3 {
            bbox.filter(|(lo, hi)| hi - lo > 0.2 * size_scale && hi - lo < 5.0 * size_scale)
                .unwrap_or((DEFAULT_DESCENT * size_scale, DEFAULT_ASCENT * size_scale))
        } else {
            metrics(doc, descriptor)
        };

        Font {
            kind: Kind::Simple(Box::new(Simple { widths, text })),
            to_unicode,
            vertical: false,
            descent,
            ascent,
            size_scale: if size_scale > 0.0 { size_scale } else { 1.0 },
        }
    }

    fn load_type0(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<UnicodeMap>,
        limit: usize,
    ) -> Option<Font> {
        let descendant = get_array(doc, dict, b"DescendantFonts")
            .and_then(|a| a.first())
            .and_then(|o| obj::resolve(doc, o))
            .and_then(obj::as_dict)
            .or_else(|| get_dict(doc, dict, b"DescendantFonts"))?;

        let (cids, codespace, vertical) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => predefined(name),
            Some(Object::Stream(s)) => {
                let data = obj::stream_data(s, limit).unwrap_or_default();
                let map = CidCMap::parse(&data);
                let parent = map
                    .parent
                    .clone()
                    .or_else(|| get_name(doc, &s.dict, b"UseCMap").map(<[u8]>::to_vec));
                let (_, parent_space, parent_vertical) = parent
                    .as_deref()
                    .map(predefined)
                    .unwrap_or((CidSource::Unknown, CodeSpace::default(), false));
                let identity_parent = parent
                    .as_deref()
                    .is_some_and(|p| p.starts_with(b"Identity"));
                let vertical =
                    map.vertical || parent_vertical || get_num(doc, &s.dict, b"WMode") == Some(1.0);
                let space = if !map.codespace.is_empty() {
                    map.codespace.clone()
                } else if !parent_space.is_empty() {
                    parent_space
                } else {
                    CodeSpace::fixed(2)
                };
                (
                    CidSource::Embedded {
                        map,
                        identity_parent,
                    },
                    space,
                    vertical,
                )
            }
            _ => (CidSource::Identity, CodeSpace::fixed(2), false),
        };
        // An unknown CMap: trust the ToUnicode map's idea of code lengths.
        let codespace = match (&cids, &to_unicode) {
            (CidSource::Unknown, Some(tu)) if !tu.codespace.is_empty() => tu.codespace.clone(),
            _ => codespace,
        };

        let widths = get_array(doc, descendant, b"W")
            .map(|w| CidTable::parse(doc, w, 1, |v| v[0] / 1000.0))
            .unwrap_or_else(CidTable::empty);
        let default_width = get_num(doc, descendant, b"DW").unwrap_or(1000.0) / 1000.0;
        let vmetrics = get_array(doc, descendant, b"W2")
            .map(|w| CidTable::parse(doc, w, 3, |v| [v[0] / 1000.0, v[1] / 1000.0, v[2] / 1000.0]))
            .unwrap_or_else(CidTable::empty);
        let dw2 = get_array(doc, descendant, b"DW2")
            .and_then(|a| numbers(doc, a))
            .filter(|v| v.len() == 2)
            .unwrap_or_else(|| vec![880.0, -1000.0]);

        let (descent, ascent) = metrics(doc, get_dict(doc, descendant, b"FontDescriptor"));
        Some(Font {
            kind: Kind::Type0(Box::new(Type0 {
                codespace,
                cids,
                widths,
                default_width,
                vmetrics,
                default_vy: dw2[0] / 1000.0,
                default_w1: dw2[1] / 1000.0,
            })),
            to_unicode,
            vertical,
            descent,
            ascent,
            size_scale: 1.0,
        })
    }

    /// Decodes the first code of `bytes` (never empty), appending its text to
    /// `text`; the flag is false when the code has no known text.
    pub fn next_code(&self, bytes: &[u8], text: &mut Vec<char>) -> (Code, bool) {
        match &self.kind {
            Kind::Simple(s) => {
                let byte = bytes.first().copied().unwrap_or(0);
                let code = Code {
                    len: 1,
                    w0: s.widths[usize::from(byte)],
                    w1: 0.0,
                    vx: 0.0,
                    vy: 0.0,
                    word_space: byte == 32,
                };
                let known = self.unicode(u32::from(byte), text) || s.text.push(byte, text);
                (code, known)
            }
            Kind::Type0(t) => {
                let (value, len) = t.codespace.next_code(bytes);
                let raw = bytes.get(..len).unwrap_or(bytes);
                let start = text.len();
                let mut known = self.unicode(value, text);
                let cid = match &t.cids {
                    CidSource::Identity => Some(value),
                    CidSource::Embedded {
                        map,
                        identity_parent,
                    } => map.cid(value).or(identity_parent.then_some(value)),
                    CidSource::Unicode | CidSource::Charset(_) | CidSource::Unknown => None,
                };
                if !known {
                    known = match t.cids {
                        CidSource::Unicode => push_utf16(raw, text),
                        CidSource::Charset(enc) => push_charset(enc, raw, text),
                        _ => false,
                    };
                }
                let w0 = match cid {
                    Some(cid) => t.widths.get(cid).unwrap_or(t.default_width),
                    None => guess_width(t, text.get(start).copied()),
                };
                let (w1, vx, vy) = match cid.and_then(|c| t.vmetrics.get(c)) {
                    Some([w1, vx, vy]) => (w1, vx, vy),
                    None => (t.default_w1, w0 / 2.0, t.default_vy),
                };
                let code = Code {
                    len,
                    w0,
                    w1,
                    vx,
                    vy,
                    word_space: len == 1 && value == 32,
                };
                (code, known)
            }
        }
    }

    fn unicode(&self, code: u32, text: &mut Vec<char>) -> bool {
        self.to_unicode
            .as_ref()
            .is_some_and(|m| m.lookup(code, text))
    }
}

/// A width for a code whose CID is unknown (legacy and Unicode CMaps):
/// printable ASCII sits at CIDs 1–95 in the Adobe CJK collections and is
/// half width when the font does not say.
fn guess_width(t: &Type0, c: Option<char>) -> f64 {
    match c {
        Some(c @ ' '..='~') => t.widths.get(c as u32 - 0x1f).unwrap_or(0.5),
        _ => t.default_width,
    }
}

fn push_utf16(raw: &[u8], text: &mut Vec<char>) -> bool {
    let units = raw
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    let before = text.len();
    text.extend(char::decode_utf16(units).filter_map(Result::ok));
    text.len() > before
}

fn push_charset(enc: &'static encoding_rs::Encoding, raw: &[u8], text: &mut Vec<char>) -> bool {
    match raw {
        [b] if *b < 0x80 => {
            text.push(char::from(*b));
            true
        }
        _ => match enc.decode_without_bom_handling_and_without_replacement(raw) {
            Some(s) if !s.is_empty() => {
                text.extend(s.chars());
                true
            }
            _ => false,
        },
    }
}

/// Predefined CMaps by name: how codes map and how long they are.
fn predefined(name: &[u8]) -> (CidSource, CodeSpace, bool) {
    let vertical = name.ends_with(b"-V");
    let stem = name
        .strip_suffix(b"-H")
        .or_else(|| name.strip_suffix(b"-V"))
        .unwrap_or(name);
    let (source, space) = match stem {
        b"Identity" => (CidSource::Identity, CodeSpace::fixed(2)),
        b"UniGB-UCS2" | b"UniCNS-UCS2" | b"UniJIS-UCS2" | b"UniKS-UCS2" | b"UniJIS-UCS2-HW" => {
            (CidSource::Unicode, CodeSpace::fixed(2))
        }
        b"UniGB-UTF16" | b"UniCNS-UTF16" | b"UniJIS-UTF16" | b"UniKS-UTF16" => {
            (CidSource::Unicode, CodeSpace::utf16())
        }
        b"GB-EUC" | b"GBpc-EUC" | b"GBK-EUC" | b"GBKp-EUC" | b"GBT-EUC" | b"GBTpc-EUC" => (
            CidSource::Charset(encoding_rs::GBK),
            CodeSpace::mixed(0x80, [0x81, 0x40], [0xfe, 0xfe]),
        ),
        b"GBK2K" => (
            CidSource::Charset(encoding_rs::GB18030),
            CodeSpace::mixed(0x80, [0x81, 0x40], [0xfe, 0xfe]),
        ),
        b"B5pc" | b"ETen-B5" | b"HKscs-B5" | b"ETenms-B5" => (
            CidSource::Charset(encoding_rs::BIG5),
            CodeSpace::mixed(0x80, [0x81, 0x40], [0xfe, 0xfe]),
        ),
        _ => (CidSource::Unknown, CodeSpace::default()),
    };
    (source, space, vertical)
}

/// Ascent and descent from a font descriptor, when believable.
fn metrics(doc: &Document, descriptor: Option<&Dictionary>) -> (f64, f64) {
    let Some(d) = descriptor else {
        return (DEFAULT_DESCENT, DEFAULT_ASCENT);
    };
    let ascent = get_num(doc, d, b"Ascent").unwrap_or(0.0) / 1000.0;
    let descent = -(get_num(doc, d, b"Descent").unwrap_or(0.0) / 1000.0).abs();
    if (0.5..=1.3).contains(&ascent) && (-0.6..=0.0).contains(&descent) {
        (descent, ascent)
    } else {
        (DEFAULT_DESCENT, DEFAULT_ASCENT)
    }
}

fn standard_family(base_font: &[u8]) -> StandardFamily {
    if base_font.starts_with(b"Times") {
        StandardFamily::Times
    } else if base_font.starts_with(b"Courier") {
        StandardFamily::Courier
    } else {
        StandardFamily::Helvetica
    }
}

/// The text of each code of a simple font: a base encoding overlaid with
/// `/Differences`.
fn simple_encoding(doc: &Document, dict: &Dictionary, base_font: &[u8], type3: bool) -> CodeText {
    let symbolic_name = [&b"Symbol"[..], b"Dingbat", b"Wingding", b"Webding"]
        .iter()
        .any(|s| base_font.windows(s.len()).any(|w| w == *s));
    let truetype = get_name(doc, dict, b"Subtype") == Some(b"TrueType");
    let implicit = if type3 || symbolic_name {
        None
    } else if truetype {
        Some(Base::WinAnsi)
    } else {
        Some(Base::Standard)
    };
    let (base, differences) = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => (Base::from_name(n).or(implicit), None),
        Some(Object::Dictionary(e)) => (
            get_name(doc, e, b"BaseEncoding")
                .and_then(Base::from_name)
                .or(implicit),
            get_array(doc, e, b"Differences"),
        ),
        _ => (implicit, None),
    };
    let mut text = CodeText {
        single: ['\0'; 256],
        multi: Vec::new(),
    };
    if let Some(base) = base {
        for (code, slot) in (0..=255u8).zip(text.single.iter_mut()) {
            *slot = base.decode(code).unwrap_or('\0');
        }
    }
    if let Some(diffs) = differences {
        let mut code = 0usize;
        for item in diffs {
            match obj::resolve(doc, item) {
                Some(Object::Integer(i)) => code = usize::try_from(*i).unwrap_or(usize::MAX),
                Some(Object::Name(name)) => {
                    if let Ok(c) = u8::try_from(code) {
                        let chars = glyph_name_to_unicode(name).unwrap_or_default();
                        text.multi.retain(|(k, _)| *k != c);
                        text.single[usize::from(c)] = match chars.as_slice() {
                            [one] => *one,
                            [] => '\0',
                            _ => {
                                text.multi.push((c, chars));
                                '\0'
                            }
                        };
                    }
                    code = code.saturating_add(1);
                }
                _ => {}
            }
        }
    }
    text
}

//! CMaps: ToUnicode maps (code → text) and embedded encoding CMaps
//! (code → CID), with the codespace that says how long each code is.

use super::content::{Lexer, Operand};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiplicative hash for integer keys: codes are looked up once per glyph,
/// and SipHash would be most of that cost.
#[derive(Default)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type IntMap<V> = HashMap<u32, V, BuildHasherDefault<IntHasher>>;

/// One codespace range: codes of `len` bytes whose every byte lies between
/// the matching bytes of `lo` and `hi`.
#[derive(Debug, Clone, Copy)]
struct CodeRange {
    len: usize,
    lo: [u8; 4],
    hi: [u8; 4],
}

#[derive(Debug, Clone, Default)]
pub struct CodeSpace {
    ranges: Vec<CodeRange>,
}

impl CodeSpace {
    /// Every code is `len` bytes.
    pub fn fixed(len: usize) -> Self {
        CodeSpace {
            ranges: vec![CodeRange {
                len: len.clamp(1, 4),
                lo: [0; 4],
                hi: [0xff; 4],
            }],
        }
    }

    /// One-byte codes up to `one_byte_max`, two-byte codes from `lo` to `hi`
    /// (the shape of the GB and Big5 EUC CMaps).
    pub fn mixed(one_byte_max: u8, lo: [u8; 2], hi: [u8; 2]) -> Self {
        CodeSpace {
            ranges: vec![
                CodeRange {
                    len: 1,
                    lo: [0; 4],
                    hi: [one_byte_max, 0, 0, 0],
                },
                CodeRange {
                    len: 2,
                    lo: [lo[0], lo[1], 0, 0],
                    hi: [hi[0], hi[1], 0, 0],
                },
            ],
        }
    }

    /// UTF-16: two bytes, or four for a surrogate pair.
    pub fn utf16() -> Self {
        CodeSpace {
            ranges: vec![
                CodeRange {
                    len: 4,
                    lo: [0xd8, 0, 0xdc, 0],
                    hi: [0xdb, 0xff, 0xdf, 0xff],
                },
                CodeRange {
                    len: 2,
                    lo: [0; 4],
                    hi: [0xff; 4],
                },
            ],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The first code of `bytes`: its value and length. Bytes that match no
    /// range are taken as a code of the shortest length, as readers do.
    pub fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for len in 1..=4 {
            let Some(head) = bytes.get(..len) else { break };
            for r in self.ranges.iter().filter(|r| r.len == len) {
                if head
                    .iter()
                    .zip(r.lo.iter().zip(r.hi.iter()))
                    .all(|(b, (lo, hi))| (lo..=hi).contains(&b))
                {
                    return (code_of(head), len);
                }
            }
        }
        let shortest = self.ranges.iter().map(|r| r.len).min().unwrap_or(1);
        let len = shortest.min(bytes.len()).max(1);
        (code_of(bytes.get(..len).unwrap_or(bytes)), len)
    }
}

/// Big-endian value of up to four bytes.
pub fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

/// What a ToUnicode entry maps a code to.
#[derive(Debug, Clone)]
enum Mapped {
    One(char),
    Many(Box<[char]>),
}

#[derive(Debug, Clone)]
struct BfRange {
    lo: u32,
    hi: u32,
    /// UTF-16 units of the text of `lo`; the last one counts up along the range.
    dst: Vec<u16>,
}

/// A parsed ToUnicode CMap.
#[derive(Debug, Clone, Default)]
pub struct UnicodeMap {
    chars: IntMap<Mapped>,
    ranges: Vec<BfRange>,
    pub codespace: CodeSpace,
}

impl UnicodeMap {
    pub fn parse(data: &[u8]) -> UnicodeMap {
        let mut map = UnicodeMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            match op {
                b"endcodespacerange" => parse_codespace(&operands, &mut map.codespace),
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Some(src), Some(text)) = (pair[0].bytes(), dst_text(&pair[1])) {
                            map.insert(code_of(src), text);
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        map.add_range(&triple[0], &triple[1], &triple[2]);
                    }
                }
                _ => {}
            }
        }
        map.ranges.sort_by_key(|r| r.lo);
        map
    }

    fn insert(&mut self, code: u32, text: Vec<char>) {
        let mapped = match text.as_slice() {
            [c] => Mapped::One(*c),
            _ => Mapped::Many(text.into_boxed_slice()),
        };
        self.chars.insert(code, mapped);
    }

    fn add_range(&mut self, lo: &Operand, hi: &Operand, dst: &Operand) {
        let (Some(lo), Some(hi)) = (lo.bytes(), hi.bytes()) else {
            return;
        };
        let (lo, hi) = (code_of(lo), code_of(hi));
        if hi < lo {
            return;
        }
        match dst {
            Operand::Str(s) => {
                let dst = utf16_units(s);
                if !dst.is_empty() {
                    self.ranges.push(BfRange { lo, hi, dst });
                }
            }
            // The array form lists each code's text; never longer than the array.
            Operand::Array(items) => {
                for (code, item) in (lo..=hi).zip(items.iter()) {
                    if let Some(text) = dst_text(item) {
                        self.insert(code, text);
                    }
                }
            }
            _ => {}
        }
    }

    /// Appends the text of `code` to `out`; false when the map has no entry.
    pub fn lookup(&self, code: u32, out: &mut Vec<char>) -> bool {
        if let Some(m) = self.chars.get(&code) {
            match m {
                Mapped::One(c) => out.push(*c),
                Mapped::Many(cs) => out.extend_from_slice(cs),
            }
            return true;
        }
        let end = self.ranges.partition_point(|r| r.lo <= code);
        // Ranges rarely overlap; look back a few in case they do.
        for r in self.ranges[..end].iter().rev().take(8) {
            if code <= r.hi {
                let mut units = r.dst.clone();
                if let Some(last) = units.last_mut() {
                    let Ok(next) = u16::try_from(u32::from(*last) + (code - r.lo)) else {
                        return false;
                    };
                    *last = next;
                }
                out.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
                return true;
            }
        }
        false
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty() && self.ranges.is_empty()
    }
}

fn parse_codespace(operands: &[Operand], space: &mut CodeSpace) {
    for pair in operands.chunks_exact(2) {
        let (Some(lo), Some(hi)) = (pair[0].bytes(), pair[1].bytes()) else {
            continue;
        };
        if lo.len() != hi.len() || lo.is_empty() || lo.len() > 4 {
            continue;
        }
        let mut r = CodeRange {
            len: lo.len(),
            lo: [0; 4],
            hi: [0; 4],
        };
        r.lo[..lo.len()].copy_from_slice(lo);
        r.hi[..hi.len()].copy_from_slice(hi);
        space.ranges.push(r);
    }
}

/// A bfchar destination: UTF-16BE text, or (rarely) a glyph name.
fn dst_text(op: &Operand) -> Option<Vec<char>> {
    match op {
        Operand::Str(s) => Some(
            char::decode_utf16(utf16_units(s))
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
        ),
        Operand::Name(n) => super::encoding::glyph_name_to_unicode(n),
        _ => None,
    }
}

/// UTF-16BE units of a destination string; a lone byte is taken as one unit.
fn utf16_units(s: &[u8]) -> Vec<u16> {
    if s.len() == 1 {
        return vec![u16::from(s[0])];
    }
    s.chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect()
}

/// A parsed encoding CMap of a Type0 font: code → CID.
#[derive(Debug, Clone, Default)]
pub struct CidCMap {
    chars: IntMap<u32>,
    /// (first code, last code, CID of the first), sorted by first code.
    ranges: Vec<(u32, u32, u32)>,
    pub codespace: CodeSpace,
    pub vertical: bool,
    /// The CMap named by `usecmap`, whose mappings this one extends.
    pub parent: Option<Vec<u8>>,
}

impl CidCMap {
    pub fn parse(data: &[u8]) -> CidCMap {
        let mut map = CidCMap::default();
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            match op {
                b"endcodespacerange" => parse_codespace(&operands, &mut map.codespace),
                b"endcidchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Some(src), Some(cid)) = (pair[0].bytes(), pair[1].num()) {
                            map.chars.insert(code_of(src), cid.max(0.0) as u32);
                        }
                    }
                }
                b"endcidrange" => {
                    for t in operands.chunks_exact(3) {
                        if let (Some(lo), Some(hi), Some(cid)) =
                            (t[0].bytes(), t[1].bytes(), t[2].num())
                        {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            if lo <= hi {
                                map.ranges.push((lo, hi, cid.max(0.0) as u32));
                            }
                        }
                    }
                }
                b"usecmap" => {
                    map.parent = operands
                        .last()
                        .and_then(|o| o.name())
                        .map(|n| n.into_owned())
                }
                b"def" => {
                    if let [Operand::Name(b"WMode"), Operand::Num(v)] = operands.as_slice() {
                        map.vertical = *v == 1.0;
                    }
                }
                _ => {}
            }
        }
        map.ranges.sort_by_key(|r| r.0);
        map
    }

    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(&cid) = self.chars.get(&code) {
            return Some(cid);
        }
        let end = self.ranges.partition_point(|r| r.0 <= code);
        self.ranges[..end]
            .iter()
            .rev()
            .take(8)
            .find(|r| code <= r.1)
            .map(|r| r.2 + (code - r.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
        3 beginbfchar <41> <0041> <8001> <D840DC0B> <8002> <00660069> endbfchar
        2 beginbfrange <8010> <8012> <4E00> <8020> <8021> [<4E8C> <4E09>] endbfrange
        endcmap";

    fn text(map: &UnicodeMap, code: u32) -> Option<String> {
        let mut out = Vec::new();
        map.lookup(code, &mut out)
            .then(|| out.into_iter().collect())
    }

    #[test]
    fn tounicode_forms() {
        let map = UnicodeMap::parse(CMAP);
        assert_eq!(text(&map, 0x41).as_deref(), Some("A"));
        assert_eq!(text(&map, 0x8001).as_deref(), Some("𠀋"));
        assert_eq!(text(&map, 0x8002).as_deref(), Some("fi"));
        assert_eq!(text(&map, 0x8010).as_deref(), Some("一"));
        assert_eq!(text(&map, 0x8012).as_deref(), Some("丂"));
        assert_eq!(text(&map, 0x8021).as_deref(), Some("三"));
        assert_eq!(text(&map, 0x8013), None);
        assert_eq!(map.codespace.next_code(&[0x41, 0x80]), (0x41, 1));
        assert_eq!(map.codespace.next_code(&[0x80, 0x10, 0x41]), (0x8010, 2));
    }

    #[test]
    fn cid_cmap() {
        let map = CidCMap::parse(
            b"/WMode 1 def 1 begincodespacerange <0000> <FFFF> endcodespacerange
              1 begincidrange <0100> <01FF> 500 endcidrange 1 begincidchar <0005> 7 endcidchar
              /Identity-H usecmap",
        );
        assert!(map.vertical);
        assert_eq!(map.cid(0x0105), Some(505));
        assert_eq!(map.cid(0x0005), Some(7));
        assert_eq!(map.cid(0x0300), None);
        assert_eq!(map.parent.as_deref(), Some(&b"Identity-H"[..]));
    }
}

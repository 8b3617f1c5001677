//! Simple-font encodings (WinAnsi, MacRoman, Standard) and Adobe glyph names
//! → Unicode, for fonts without a ToUnicode map.

/// A base encoding named in a font's `/Encoding`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Base {
    Standard,
    WinAnsi,
    MacRoman,
}

impl Base {
    pub fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            _ => None,
        }
    }

    /// The character a code stands for in this encoding.
    pub fn decode(self, code: u8) -> Option<char> {
        match self {
            Base::WinAnsi => match code {
                // Undefined in WinAnsi, and bullets in PDF readers.
                0x81 | 0x8d | 0x8f | 0x90 | 0x9d => None,
                0x27 => Some('\''),
                0x60 => Some('`'),
                _ => single(encoding_rs::WINDOWS_1252, code),
            },
            Base::MacRoman => single(encoding_rs::MACINTOSH, code),
            Base::Standard => standard(code),
        }
    }
}

fn single(enc: &'static encoding_rs::Encoding, code: u8) -> Option<char> {
    if code < 0x20 {
        return None;
    }
    let bytes = [code];
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    text.chars()
        .next()
        .filter(|c| !c.is_control() && *c != '\u{FFFD}')
}

fn standard(code: u8) -> Option<char> {
    let c = match code {
        0x27 => '\u{2019}',
        0x60 => '\u{2018}',
        0x20..=0x7e => char::from(code),
        0xa1 => '¡',
        0xa2 => '¢',
        0xa3 => '£',
        0xa4 => '\u{2044}',
        0xa5 => '¥',
        0xa6 => 'ƒ',
        0xa7 => '§',
        0xa8 => '¤',
        0xa9 => '\'',
        0xaa => '\u{201C}',
        0xab => '«',
        0xac => '\u{2039}',
        0xad => '\u{203A}',
        0xae => '\u{FB01}',
        0xaf => '\u{FB02}',
        0xb1 => '\u{2013}',
        0xb2 => '\u{2020}',
        0xb3 => '\u{2021}',
        0xb4 => '·',
        0xb6 => '¶',
        0xb7 => '\u{2022}',
        0xb8 => '\u{201A}',
        0xb9 => '\u{201E}',
        0xba => '\u{201D}',
        0xbb => '»',
        0xbc => '\u{2026}',
        0xbd => '\u{2030}',
        0xbf => '¿',
        0xc1 => '`',
        0xc2 => '´',
        0xc3 => '\u{02C6}',
        0xc4 => '\u{02DC}',
        0xc5 => '¯',
        0xc6 => '\u{02D8}',
        0xc7 => '\u{02D9}',
        0xc8 => '¨',
        0xca => '\u{02DA}',
        0xcb => '¸',
        0xcd => '\u{02DD}',
        0xce => '\u{02DB}',
        0xcf => '\u{02C7}',
        0xd0 => '\u{2014}',
        0xe1 => 'Æ',
        0xe3 => 'ª',
        0xe8 => 'Ł',
        0xe9 => 'Ø',
        0xea => 'Œ',
        0xeb => 'º',
        0xf1 => 'æ',
        0xf5 => 'ı',
        0xf8 => 'ł',
        0xf9 => 'ø',
        0xfa => 'œ',
        0xfb => 'ß',
        _ => return None,
    };
    Some(c)
}

/// Latin-1 glyph names for U+00A1..=U+00FF (U+00AD has none of its own).
const LATIN1: [&str; 95] = [
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// ASCII punctuation glyph names, U+0020..=U+007E minus letters and digits.
const ASCII: [(&str, char); 33] = [
    ("space", ' '),
    ("exclam", '!'),
    ("quotedbl", '"'),
    ("numbersign", '#'),
    ("dollar", '$'),
    ("percent", '%'),
    ("ampersand", '&'),
    ("quotesingle", '\''),
    ("parenleft", '('),
    ("parenright", ')'),
    ("asterisk", '*'),
    ("plus", '+'),
    ("comma", ','),
    ("hyphen", '-'),
    ("period", '.'),
    ("slash", '/'),
    ("colon", ':'),
    ("semicolon", ';'),
    ("less", '<'),
    ("equal", '='),
    ("greater", '>'),
    ("question", '?'),
    ("at", '@'),
    ("bracketleft", '['),
    ("backslash", '\\'),
    ("bracketright", ']'),
    ("asciicircum", '^'),
    ("underscore", '_'),
    ("grave", '`'),
    ("braceleft", '{'),
    ("bar", '|'),
    ("braceright", '}'),
    ("asciitilde", '~'),
];

const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

const OTHER: [(&str, char); 46] = [
    ("quoteleft", '\u{2018}'),
    ("quoteright", '\u{2019}'),
    ("quotedblleft", '\u{201C}'),
    ("quotedblright", '\u{201D}'),
    ("quotesinglbase", '\u{201A}'),
    ("quotedblbase", '\u{201E}'),
    ("endash", '\u{2013}'),
    ("emdash", '\u{2014}'),
    ("bullet", '\u{2022}'),
    ("ellipsis", '\u{2026}'),
    ("dagger", '\u{2020}'),
    ("daggerdbl", '\u{2021}'),
    ("perthousand", '\u{2030}'),
    ("guilsinglleft", '\u{2039}'),
    ("guilsinglright", '\u{203A}'),
    ("trademark", '\u{2122}'),
    ("fi", '\u{FB01}'),
    ("fl", '\u{FB02}'),
    ("Euro", '\u{20AC}'),
    ("florin", '\u{0192}'),
    ("circumflex", '\u{02C6}'),
    ("tilde", '\u{02DC}'),
    ("OE", '\u{0152}'),
    ("oe", '\u{0153}'),
    ("Scaron", '\u{0160}'),
    ("scaron", '\u{0161}'),
    ("Zcaron", '\u{017D}'),
    ("zcaron", '\u{017E}'),
    ("Ydieresis", '\u{0178}'),
    ("Lslash", '\u{0141}'),
    ("lslash", '\u{0142}'),
    ("dotlessi", '\u{0131}'),
    ("breve", '\u{02D8}'),
    ("dotaccent", '\u{02D9}'),
    ("ring", '\u{02DA}'),
    ("ogonek", '\u{02DB}'),
    ("caron", '\u{02C7}'),
    ("hungarumlaut", '\u{02DD}'),
    ("fraction", '\u{2044}'),
    ("minus", '\u{2212}'),
    ("nbspace", '\u{00A0}'),
    ("nonbreakingspace", '\u{00A0}'),
    ("sfthyphen", '\u{00AD}'),
    ("middot", '\u{00B7}'),
    ("periodcentered", '\u{00B7}'),
    ("yen", '\u{00A5}'),
];

/// The Unicode text of a glyph name: the Adobe names for Latin, digits and
/// punctuation, `uniXXXX…` and `uXXXX[XX]`. Names such as `g51D2`, `cid123`
/// or `glyph7` only number a glyph and give `None`.
pub fn glyph_name_to_unicode(name: &[u8]) -> Option<Vec<char>> {
    let name = std::str::from_utf8(name).ok()?;
    // `a.sc`, `one.oldstyle`: the part before the first period.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        // Ligatures such as `f_f_i` name their components.
        let mut out = Vec::new();
        for part in base.split('_') {
            out.extend(single_name(part)?);
        }
        return Some(out);
    }
    single_name(base)
}

fn single_name(name: &str) -> Option<Vec<char>> {
    let bytes = name.as_bytes();
    if bytes.len() == 1 && bytes[0].is_ascii_alphabetic() {
        return Some(vec![char::from(bytes[0])]);
    }
    if is_glyph_number(name) {
        return None;
    }
    if let Some(i) = DIGITS.iter().position(|d| *d == name) {
        return char::from_digit(i as u32, 10).map(|c| vec![c]);
    }
    if let Some((_, c)) = ASCII.iter().chain(OTHER.iter()).find(|(n, _)| *n == name) {
        return Some(vec![*c]);
    }
    if let Some(i) = LATIN1.iter().position(|n| !n.is_empty() && *n == name) {
        return char::from_u32(0xa1 + i as u32).map(|c| vec![c]);
    }
    if let Some(hex) = name.strip_prefix("uni") {
        // One or more groups of four hex digits (UTF-16 units).
        if hex.is_empty() || hex.len() % 4 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .filter_map(|c| u16::from_str_radix(c, 16).ok())
            .collect();
        let chars: Vec<char> = char::decode_utf16(units).filter_map(Result::ok).collect();
        return (!chars.is_empty()).then_some(chars);
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(|c| vec![c]);
    }
    None
}

/// Names that only number a glyph (`g0`, `g51D2`, `cid123`, `glyph7`,
/// `index12`); Chromium writes hundreds per font, so they are cut short.
fn is_glyph_number(name: &str) -> bool {
    ["g", "G", "cid", "glyph", "index"].iter().any(|prefix| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// Approximate advance, in thousandths of an em, of a character in a
/// standard-14 font that comes without `/Widths`.
pub fn standard_width(family: StandardFamily, c: char) -> f64 {
    let code = c as u32;
    if let StandardFamily::Courier = family {
        return 600.0;
    }
    if (0x20..=0x7e).contains(&code) {
        let table = match family {
            StandardFamily::Times => &TIMES,
            _ => &HELVETICA,
        };
        return f64::from(table[(code - 0x20) as usize]);
    }
    if super::unicode::is_cjk(c) {
        1000.0
    } else {
        500.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum StandardFamily {
    Helvetica,
    Times,
    Courier,
}

/// Helvetica advances for U+0020..=U+007E.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// Times-Roman advances for U+0020..=U+007E.
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500,
    500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611,
    556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722,
    722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
    278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(glyph_name_to_unicode(b"A"), Some(vec!['A']));
        assert_eq!(glyph_name_to_unicode(b"seven"), Some(vec!['7']));
        assert_eq!(glyph_name_to_unicode(b"parenleft"), Some(vec!['(']));
        assert_eq!(glyph_name_to_unicode(b"eacute"), Some(vec!['é']));
        assert_eq!(glyph_name_to_unicode(b"ydieresis"), Some(vec!['ÿ']));
        assert_eq!(glyph_name_to_unicode(b"uni4E00"), Some(vec!['一']));
        assert_eq!(
            glyph_name_to_unicode(b"uni4E004E8C"),
            Some(vec!['一', '二'])
        );
        assert_eq!(glyph_name_to_unicode(b"u20BB7"), Some(vec!['𠮷']));
        assert_eq!(glyph_name_to_unicode(b"f_i"), Some(vec!['f', 'i']));
        assert_eq!(glyph_name_to_unicode(b"a.sc"), Some(vec!['a']));
        assert_eq!(glyph_name_to_unicode(b"g51D2"), None);
        assert_eq!(glyph_name_to_unicode(b"cid123"), None);
        assert_eq!(glyph_name_to_unicode(b"glyph7"), None);
    }

    #[test]
    fn bases() {
        assert_eq!(Base::WinAnsi.decode(0x93), Some('\u{201C}'));
        assert_eq!(Base::WinAnsi.decode(b'A'), Some('A'));
        assert_eq!(Base::WinAnsi.decode(0xe9), Some('é'));
        assert_eq!(Base::MacRoman.decode(0x8e), Some('é'));
        assert_eq!(Base::Standard.decode(0x27), Some('\u{2019}'));
        assert_eq!(Base::Standard.decode(0xd0), Some('\u{2014}'));
        assert_eq!(Base::WinAnsi.decode(0x05), None);
    }
}

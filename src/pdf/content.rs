//! Tokenizer for content streams and CMaps: yields each operator with its
//! operands. Lenient by design: stray delimiters are skipped, inline image
//! data is stepped over, and nothing here can fail or panic on bad input.

use std::borrow::Cow;

/// Most operands kept before an operator; the rest are dropped, so memory
/// stays bounded whatever the stream holds.
const MAX_OPERANDS: usize = 100_000;
/// Deepest nesting of arrays and dictionaries followed.
const MAX_NESTING: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Operand<'a> {
    Num(f64),
    /// Raw name bytes without the slash, `#xx` escapes not yet decoded.
    Name(&'a [u8]),
    Str(Cow<'a, [u8]>),
    Array(Vec<Operand<'a>>),
    Dict(Vec<(&'a [u8], Operand<'a>)>),
    /// `true`, `false` and `null`: never used by the interpreter.
    Other,
}

impl<'a> Operand<'a> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
    pub fn name(&self) -> Option<Cow<'a, [u8]>> {
        match self {
            Operand::Name(n) => Some(decode_name(n)),
            _ => None,
        }
    }
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Operand::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn dict_get(&self, key: &[u8]) -> Option<&Operand<'a>> {
        match self {
            Operand::Dict(entries) => entries
                .iter()
                .find(|(k, _)| decode_name(k).as_ref() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Decodes the `#xx` escapes of a name; borrows when there are none.
pub fn decode_name(raw: &[u8]) -> Cow<'_, [u8]> {
    if !raw.contains(&b'#') {
        return Cow::Borrowed(raw);
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let b = raw[i];
        if b == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).and_then(|&c| hex_val(c)),
                raw.get(i + 2).and_then(|&c| hex_val(c)),
            )
        {
            out.push(h << 4 | l);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    Cow::Owned(out)
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_white(c) && !is_delim(c)
}

enum Token<'a> {
    Operand(Operand<'a>),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// A stray delimiter such as `)` or `}`: skipped.
    Junk,
}

pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0 }
    }

    /// The next operator, with its operands left in `operands` (cleared
    /// first); `None` at the end of the data. Inline images (`BI … ID … EI`)
    /// are skipped and reported as the operator `BI` with no operands.
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            let token = self.token()?;
            match token {
                Token::Keyword(k) => match k {
                    b"true" | b"false" | b"null" => push(operands, Operand::Other),
                    b"BI" => {
                        self.skip_inline_image();
                        operands.clear();
                        return Some(k);
                    }
                    _ => return Some(k),
                },
                Token::Operand(op) => push(operands, op),
                Token::ArrayStart => {
                    let array = self.array(0);
                    push(operands, array);
                }
                Token::DictStart => {
                    let dict = self.dict(0);
                    push(operands, dict);
                }
                Token::ArrayEnd | Token::DictEnd | Token::Junk => {}
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        while let Some(token) = self.token() {
            let item = match token {
                Token::ArrayEnd => break,
                Token::Operand(op) => op,
                Token::ArrayStart if depth < MAX_NESTING => self.array(depth + 1),
                Token::DictStart if depth < MAX_NESTING => self.dict(depth + 1),
                Token::Keyword(b"true" | b"false" | b"null") => Operand::Other,
                // An operator inside an array means the array was never
                // closed: step back so the operator is seen by the caller.
                Token::Keyword(k) => {
                    self.pos -= k.len();
                    break;
                }
                _ => continue,
            };
            push(&mut items, item);
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut entries = Vec::new();
        let mut key: Option<&'a [u8]> = None;
        while let Some(token) = self.token() {
            let value = match token {
                Token::DictEnd => break,
                Token::Operand(Operand::Name(n)) if key.is_none() => {
                    key = Some(n);
                    continue;
                }
                Token::Operand(op) => op,
                Token::ArrayStart if depth < MAX_NESTING => self.array(depth + 1),
                Token::DictStart if depth < MAX_NESTING => self.dict(depth + 1),
                Token::Keyword(b"true" | b"false" | b"null") => Operand::Other,
                Token::Keyword(k) => {
                    self.pos -= k.len();
                    break;
                }
                _ => continue,
            };
            if let Some(k) = key.take()
                && entries.len() < MAX_OPERANDS
            {
                entries.push((k, value));
            }
        }
        Operand::Dict(entries)
    }

    fn skip_white(&mut self) {
        while let Some(&c) = self.data.get(self.pos) {
            if is_white(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn token(&mut self) -> Option<Token<'a>> {
        self.skip_white();
        let c = *self.data.get(self.pos)?;
        let token = match c {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                self.skip_regular();
                Token::Operand(Operand::Name(&self.data[start..self.pos]))
            }
            b'(' => {
                self.pos += 1;
                Token::Operand(Operand::Str(self.literal_string()))
            }
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    Token::DictStart
                } else {
                    self.pos += 1;
                    Token::Operand(Operand::Str(Cow::Owned(self.hex_string())))
                }
            }
            b'>' => {
                self.pos += 1;
                if self.data.get(self.pos) == Some(&b'>') {
                    self.pos += 1;
                    Token::DictEnd
                } else {
                    Token::Junk
                }
            }
            b'[' => {
                self.pos += 1;
                Token::ArrayStart
            }
            b']' => {
                self.pos += 1;
                Token::ArrayEnd
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let start = self.pos;
                self.skip_regular();
                match parse_number(&self.data[start..self.pos]) {
                    Some(n) => Token::Operand(Operand::Num(n)),
                    None => Token::Junk,
                }
            }
            _ if is_regular(c) => {
                let start = self.pos;
                self.skip_regular();
                Token::Keyword(&self.data[start..self.pos])
            }
            _ => {
                self.pos += 1;
                Token::Junk
            }
        };
        Some(token)
    }

    fn skip_regular(&mut self) {
        while let Some(&c) = self.data.get(self.pos) {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
        }
    }

    /// After the opening parenthesis; borrows when there are no escapes.
    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        let start = self.pos;
        let mut depth = 0usize;
        let mut simple = true;
        while let Some(&c) = self.data.get(self.pos) {
            match c {
                b'\\' => {
                    simple = false;
                    self.pos += 1;
                }
                b'\r' => simple = false,
                b'(' => depth += 1,
                b')' if depth == 0 => {
                    let raw = &self.data[start..self.pos];
                    self.pos += 1;
                    return if simple {
                        Cow::Borrowed(raw)
                    } else {
                        Cow::Owned(unescape(raw))
                    };
                }
                b')' => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
        // Unterminated: everything to the end.
        self.pos = self.data.len();
        let raw = self.data.get(start..).unwrap_or_default();
        Cow::Owned(unescape(raw))
    }

    /// After the opening `<`.
    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.data.get(self.pos) {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Steps over an inline image: its dictionary up to `ID`, then the data
    /// up to an `EI` that stands alone and is followed by plausible content.
    fn skip_inline_image(&mut self) {
        let mut length: Option<usize> = None;
        let mut last_name: Option<&[u8]> = None;
        loop {
            match self.token() {
                None => return,
                Some(Token::Keyword(b"ID")) => break,
                Some(Token::Keyword(b"EI")) => return,
                Some(Token::Operand(Operand::Name(n))) => last_name = Some(n),
                Some(Token::Operand(Operand::Num(v))) => {
                    if matches!(last_name, Some(b"L" | b"Length")) && v >= 0.0 {
                        length = Some(v as usize);
                    }
                    last_name = None;
                }
                Some(_) => last_name = None,
            }
        }
        // One whitespace byte separates ID from the data.
        self.pos += 1;
        if let Some(len) = length {
            let end = self.pos.saturating_add(len);
            if end <= self.data.len() {
                self.pos = end;
                self.skip_white();
                if self.data[self.pos..].starts_with(b"EI") {
                    self.pos += 2;
                    return;
                }
            }
        }
        let data = self.data;
        let mut i = self.pos.min(data.len());
        while let Some(off) = find(&data[i..], b"EI") {
            let at = i + off;
            let before_ok = at == 0 || data.get(at - 1).is_some_and(|&c| is_white(c));
            let after = data.get(at + 2).copied();
            let after_ok = after.is_none_or(|c| is_white(c) || is_delim(c));
            if before_ok && after_ok && plausible_content(&data[at + 2..]) {
                self.pos = at + 2;
                return;
            }
            i = at + 2;
        }
        self.pos = data.len();
    }
}

fn push<'a>(v: &mut Vec<Operand<'a>>, op: Operand<'a>) {
    if v.len() < MAX_OPERANDS {
        v.push(op);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the bytes after a candidate `EI` look like content-stream text
/// rather than more binary image data.
fn plausible_content(rest: &[u8]) -> bool {
    rest.iter()
        .take(32)
        .all(|&c| is_white(c) || (0x20..0x7f).contains(&c))
}

fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        i += 1;
        match c {
            b'\\' => {
                let Some(&e) = raw.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match raw.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xff) as u8);
                    }
                    // A backslash before an end of line continues the string.
                    b'\r' => {
                        if raw.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'\r' => {
                if raw.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push(b'\n');
            }
            _ => out.push(c),
        }
    }
    out
}

/// PDF numbers: optional sign, digits, optional point and digits. Tolerates
/// a doubled sign and trailing junk after the digits, as readers do.
fn parse_number(s: &[u8]) -> Option<f64> {
    let mut i = 0;
    let mut neg = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'-' => neg = !neg,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut value = 0f64;
    let mut digits = 0;
    while let Some(&c @ b'0'..=b'9') = s.get(i) {
        value = value * 10.0 + f64::from(c - b'0');
        digits += 1;
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 0.1;
        while let Some(&c @ b'0'..=b'9') = s.get(i) {
            value += f64::from(c - b'0') * scale;
            scale *= 0.1;
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 || !value.is_finite() {
        return None;
    }
    Some(if neg { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lexer = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lexer.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn numbers_strings_arrays() {
        let got = ops(b"1 -2.5 .5 -.25 3. Td (a\\(b\\)c\\101) Tj [<00 4>-120(x)] TJ");
        assert_eq!(got[0].0, "Td");
        assert_eq!(
            got[0].1,
            vec![
                Operand::Num(1.0),
                Operand::Num(-2.5),
                Operand::Num(0.5),
                Operand::Num(-0.25),
                Operand::Num(3.0)
            ]
        );
        assert_eq!(got[1].1[0].bytes(), Some(&b"a(b)cA"[..]));
        match &got[2].1[0] {
            Operand::Array(items) => {
                assert_eq!(items[0].bytes(), Some(&[0x00, 0x40][..]));
                assert_eq!(items[1], Operand::Num(-120.0));
            }
            other => panic!("not an array: {other:?}"),
        }
    }

    #[test]
    fn inline_image_and_dicts() {
        let got = ops(
            b"/Span<</ActualText <FEFF4EBA> >> BDC BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff\n EI Q % c\n/F#31 12 Tf",
        );
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "Q", "Tf"]);
        assert_eq!(
            got[0].1[1].dict_get(b"ActualText").and_then(|o| o.bytes()),
            Some(&[0xFE, 0xFF, 0x4E, 0xBA][..])
        );
        assert_eq!(got[3].1[0].name().as_deref(), Some(&b"F1"[..]));
    }

    #[test]
    fn garbage_never_panics() {
        let alphabet = b"()<>[]{}/%\\ 0123.-+BIDEITjq\n";
        let mut seed = 0x1234_5678u32;
        for _ in 0..200 {
            let data: Vec<u8> = (0..300)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    alphabet[seed as usize % alphabet.len()]
                })
                .collect();
            let _ = ops(&data);
        }
    }
}

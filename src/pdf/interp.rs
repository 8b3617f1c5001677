//! The content-stream interpreter: graphics and text state, glyph placement,
//! and ruling lines from stroked paths and thin filled rectangles.

use super::Limits;
use super::content::{Lexer, Operand};
use super::font::{Code, Font};
use super::obj::{self, StreamError, get, get_dict, get_name, get_num, get_stream, ref_id};
use super::unicode::clean;
use crate::page::{BBox, Glyph, Rule};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Deepest nesting of Form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// Operators and glyphs interpreted per page before giving up: bounds the
/// work of forms that invoke each other many times over.
const MAX_OPS_PER_PAGE: usize = 50_000_000;
/// Rules kept per page; past this a page is a drawing, not a table.
const MAX_RULES_PER_PAGE: usize = 200_000;
/// A filled rectangle thinner than this (in points) and at least twice as
/// long is a ruling line; Chromium draws every table border this way.
const RULE_MAX_THICKNESS: f64 = 3.0;

/// An affine matrix `[a b c d e f]`, applied to row vectors as PDF does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix::new(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    pub const fn new(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix {
        Matrix { a, b, c, d, e, f }
    }

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix::new(1.0, 0.0, 0.0, 1.0, x, y)
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        match ops {
            [a, b, c, d, e, f] => Some(Matrix::new(
                a.num()?,
                b.num()?,
                c.num()?,
                d.num()?,
                e.num()?,
                f.num()?,
            )),
            _ => None,
        }
    }

    /// `self` then `o`.
    pub fn mul(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    /// How much the matrix scales lengths, on average.
    fn scale(&self) -> f64 {
        (self.a * self.d - self.b * self.c).abs().sqrt()
    }
}

/// Fonts by object id, shared by all pages of a document.
pub type FontCache = HashMap<ObjectId, Option<Rc<Font>>>;

/// Why a page could not be read.
#[derive(Debug)]
pub enum Abort {
    TooManyGlyphs(usize),
    TooManyOps,
    StreamTooLarge(usize),
    TimedOut,
}

impl std::fmt::Display for Abort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Abort::TooManyGlyphs(n) => write!(f, "more than {n} glyphs on the page"),
            Abort::TooManyOps => write!(f, "more than {MAX_OPS_PER_PAGE} content operations"),
            Abort::StreamTooLarge(n) => {
                write!(f, "a content stream inflates beyond the limit of {n} bytes")
            }
            Abort::TimedOut => write!(f, "the time limit ran out"),
        }
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    line_width: f64,
    font: Option<Rc<Font>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    fill_white: bool,
    stroke_white: bool,
}

type Point = (f64, f64);

/// A subpath in page space; `curved[i]` marks the segment ending at
/// `points[i + 1]` as a curve.
#[derive(Default)]
struct SubPath {
    points: Vec<Point>,
    curved: Vec<bool>,
    closed: bool,
}

/// A marked-content span and the text that replaces its glyphs.
struct ActualText {
    text: Vec<char>,
    first_glyph: usize,
}

pub struct Interp<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    fonts: &'a mut FontCache,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    ops: usize,
    forms: Vec<ObjectId>,
    marked: Vec<Option<ActualText>>,
    text: Vec<char>,
    page_width: f64,
    page_height: f64,
}

impl<'a> Interp<'a> {
    /// `base` maps default user space to the page's top-left display space.
    pub fn new(
        doc: &'a Document,
        limits: &'a Limits,
        fonts: &'a mut FontCache,
        base: Matrix,
        size: (f64, f64),
    ) -> Self {
        Interp {
            doc,
            limits,
            fonts,
            gs: GState {
                ctm: base,
                line_width: 1.0,
                font: None,
                font_size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                hscale: 1.0,
                leading: 0.0,
                rise: 0.0,
                fill_white: false,
                stroke_white: false,
            },
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            glyphs: Vec::new(),
            rules: Vec::new(),
            ops: 0,
            forms: Vec::new(),
            marked: Vec::new(),
            text: Vec::new(),
            page_width: size.0,
            page_height: size.1,
        }
    }

    pub fn finish(self) -> (Vec<Glyph>, Vec<Rule>) {
        (self.glyphs, self.rules)
    }

    /// Interprets one content stream with its resources.
    pub fn run(&mut self, data: &[u8], res: Option<&'a Dictionary>) -> Result<(), Abort> {
        let mut lexer = Lexer::new(data);
        let mut ops: Vec<Operand> = Vec::new();
        while let Some(op) = lexer.next_op(&mut ops) {
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                return Err(Abort::TooManyOps);
            }
            // Reading the clock on every operation would cost more than it saves.
            if self.ops.is_multiple_of(65_536) && super::past(self.limits.deadline) {
                return Err(Abort::TimedOut);
            }
            self.op(op, &ops, res)?;
        }
        Ok(())
    }

    fn op(
        &mut self,
        op: &[u8],
        args: &[Operand],
        res: Option<&'a Dictionary>,
    ) -> Result<(), Abort> {
        let n = |i: usize| args.get(i).and_then(Operand::num);
        match op {
            // Graphics state.
            // Deeper nesting than this is only seen in hostile files; extra q's are ignored.
            b"q" if self.stack.len() < 4096 => self.stack.push(self.gs.clone()),
            b"Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.gs.ctm = m.mul(&self.gs.ctm);
                }
            }
            b"w" => {
                if let Some(w) = n(0) {
                    self.gs.line_width = w.abs();
                }
            }
            b"gs" => self.ext_gstate(args, res),
            // Colours, only to know whether a rule would be invisible.
            b"g" | b"rg" | b"k" | b"sc" | b"scn" => self.gs.fill_white = is_white(args),
            b"G" | b"RG" | b"K" | b"SC" | b"SCN" => self.gs.stroke_white = is_white(args),
            b"cs" => self.gs.fill_white = false,
            b"CS" => self.gs.stroke_white = false,

            // Paths.
            b"m" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    let p = self.gs.ctm.apply(x, y);
                    if self
                        .path
                        .last()
                        .is_some_and(|s| s.points.len() == 1 && !s.closed)
                    {
                        self.path.pop();
                    }
                    self.path.push(SubPath {
                        points: vec![p],
                        ..SubPath::default()
                    });
                }
            }
            b"l" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    let p = self.gs.ctm.apply(x, y);
                    self.line_to(p, false);
                }
            }
            b"c" | b"v" | b"y" => {
                let end = if op == b"c" {
                    (n(4), n(5))
                } else {
                    (n(2), n(3))
                };
                if let (Some(x), Some(y)) = end {
                    let p = self.gs.ctm.apply(x, y);
                    self.line_to(p, true);
                }
            }
            b"h" => {
                if let Some(s) = self.path.last_mut() {
                    s.closed = true;
                }
            }
            b"re" => {
                if let (Some(x), Some(y), Some(w), Some(h)) = (n(0), n(1), n(2), n(3)) {
                    let m = self.gs.ctm;
                    self.path.push(SubPath {
                        points: vec![
                            m.apply(x, y),
                            m.apply(x + w, y),
                            m.apply(x + w, y + h),
                            m.apply(x, y + h),
                        ],
                        curved: vec![false; 3],
                        closed: true,
                    });
                }
            }
            b"S" | b"s" => self.paint(op == b"s", false, true),
            b"f" | b"F" | b"f*" => self.paint(true, true, false),
            b"B" | b"B*" => self.paint(false, true, true),
            b"b" | b"b*" => self.paint(true, true, true),
            b"n" => self.path.clear(),

            // Text objects and state.
            b"BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            b"Tc" => self.gs.char_spacing = n(0).unwrap_or(self.gs.char_spacing),
            b"Tw" => self.gs.word_spacing = n(0).unwrap_or(self.gs.word_spacing),
            b"Tz" => self.gs.hscale = n(0).map_or(self.gs.hscale, |v| v / 100.0),
            b"TL" => self.gs.leading = n(0).unwrap_or(self.gs.leading),
            b"Ts" => self.gs.rise = n(0).unwrap_or(self.gs.rise),
            b"Tf" => {
                if let (Some(name), Some(size)) = (args.first().and_then(Operand::name), n(1)) {
                    self.gs.font = self.font(res, &name);
                    self.gs.font_size = size;
                }
            }
            b"Td" | b"TD" => {
                if let (Some(x), Some(y)) = (n(0), n(1)) {
                    if op == b"TD" {
                        self.gs.leading = -y;
                    }
                    self.next_line(x, y);
                }
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            b"T*" => self.next_line(0.0, -self.gs.leading),
            b"Tj" => {
                if let Some(s) = args.first().and_then(Operand::bytes) {
                    self.show(s)?;
                }
            }
            b"'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(s) = args.first().and_then(Operand::bytes) {
                    self.show(s)?;
                }
            }
            b"\"" => {
                if let [aw, ac, s] = args {
                    self.gs.word_spacing = aw.num().unwrap_or(self.gs.word_spacing);
                    self.gs.char_spacing = ac.num().unwrap_or(self.gs.char_spacing);
                    self.next_line(0.0, -self.gs.leading);
                    if let Some(s) = s.bytes() {
                        self.show(s)?;
                    }
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s)?,
                            Operand::Num(adj) => self.adjust(*adj),
                            _ => {}
                        }
                    }
                }
            }

            // Marked content, for /ActualText.
            b"BMC" => self.marked.push(None),
            b"BDC" => {
                let text = self.actual_text(args.get(1), res);
                self.marked.push(text.map(|text| ActualText {
                    text,
                    first_glyph: self.glyphs.len(),
                }));
            }
            b"EMC" => {
                if let Some(Some(span)) = self.marked.pop() {
                    self.apply_actual_text(span);
                }
            }

            b"Do" => {
                if let Some(name) = args.first().and_then(Operand::name) {
                    self.xobject(res, &name)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn line_to(&mut self, p: Point, curved: bool) {
        let start = match self.path.last() {
            Some(s) if !s.closed => None,
            // After `h` (or `re`) a new subpath starts where the last began.
            Some(s) => s.points.first().copied(),
            None => return,
        };
        if let Some(start) = start {
            self.path.push(SubPath {
                points: vec![start],
                ..SubPath::default()
            });
        }
        if let Some(s) = self.path.last_mut()
            && s.points.len() < 1_000_000
        {
            s.points.push(p);
            s.curved.push(curved);
        }
    }

    fn paint(&mut self, close: bool, fill: bool, stroke: bool) {
        let path = std::mem::take(&mut self.path);
        if stroke && !self.gs.stroke_white {
            let width = self.gs.line_width * self.gs.ctm.scale();
            for s in &path {
                for (i, pair) in s.points.windows(2).enumerate() {
                    if !s.curved.get(i).copied().unwrap_or(true) {
                        self.line_rule(pair[0], pair[1], width);
                    }
                }
                if (s.closed || close)
                    && s.points.len() > 2
                    && let (Some(&first), Some(&last)) = (s.points.first(), s.points.last())
                {
                    self.line_rule(last, first, width);
                }
            }
        }
        if fill && !self.gs.fill_white {
            for s in &path {
                if let Some(r) = axis_rect(s) {
                    self.rect_rule(r);
                }
            }
        }
    }

    fn push_rule(&mut self, from: Point, to: Point, width: f64) {
        let values = [from.0, from.1, to.0, to.1, width];
        if self.rules.len() >= MAX_RULES_PER_PAGE || values.iter().any(|v| !v.is_finite()) {
            return;
        }
        let (w, h) = (self.page_width, self.page_height);
        let outside = from.0.max(to.0) < 0.0
            || from.0.min(to.0) > w
            || from.1.max(to.1) < 0.0
            || from.1.min(to.1) > h;
        if !outside {
            self.rules.push(Rule {
                from: (from.0 as f32, from.1 as f32),
                to: (to.0 as f32, to.1 as f32),
                width: width as f32,
            });
        }
    }

    /// A straight stroked segment: a rule when horizontal or vertical.
    fn line_rule(&mut self, p: Point, q: Point, width: f64) {
        let (dx, dy) = ((q.0 - p.0).abs(), (q.1 - p.1).abs());
        if dx.max(dy) < 0.01 {
            return;
        }
        if dy <= 0.1 + 0.005 * dx {
            let y = (p.1 + q.1) / 2.0;
            self.push_rule((p.0.min(q.0), y), (p.0.max(q.0), y), width);
        } else if dx <= 0.1 + 0.005 * dy {
            let x = (p.0 + q.0) / 2.0;
            self.push_rule((x, p.1.min(q.1)), (x, p.1.max(q.1)), width);
        }
    }

    /// A filled axis-aligned rectangle: a rule along its long axis when thin.
    fn rect_rule(&mut self, (x0, y0, x1, y1): (f64, f64, f64, f64)) {
        let (w, h) = (x1 - x0, y1 - y0);
        let (thin, long) = (w.min(h), w.max(h));
        if thin <= 0.01 || thin > RULE_MAX_THICKNESS || long < 2.0 * thin {
            return;
        }
        if w >= h {
            let y = (y0 + y1) / 2.0;
            self.push_rule((x0, y), (x1, y), h);
        } else {
            let x = (x0 + x1) / 2.0;
            self.push_rule((x, y0), (x, y1), w);
        }
    }

    fn next_line(&mut self, x: f64, y: f64) {
        self.tlm = Matrix::translate(x, y).mul(&self.tlm);
        self.tm = self.tlm;
    }

    /// A TJ number: moves the next glyph back by thousandths of an em.
    fn adjust(&mut self, adj: f64) {
        let shift = -adj / 1000.0 * self.gs.font_size;
        let vertical = self.gs.font.as_ref().is_some_and(|f| f.vertical);
        let t = if vertical {
            Matrix::translate(0.0, shift)
        } else {
            Matrix::translate(shift * self.gs.hscale, 0.0)
        };
        self.tm = t.mul(&self.tm);
    }

    fn show(&mut self, bytes: &[u8]) -> Result<(), Abort> {
        let Some(font) = self.gs.font.clone() else {
            return Ok(());
        };
        let mut rest = bytes;
        while !rest.is_empty() {
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                return Err(Abort::TooManyOps);
            }
            let mut text = std::mem::take(&mut self.text);
            text.clear();
            let (code, known) = font.next_code(rest, &mut text);
            rest = rest.get(code.len..).unwrap_or_default();
            if !known {
                text.clear();
                text.push('\u{FFFD}');
            }
            let result = self.place(&font, &code, &text);
            self.text = text;
            result?;
            let spacing = self.gs.char_spacing
                + if code.word_space {
                    self.gs.word_spacing
                } else {
                    0.0
                };
            let t = if font.vertical {
                Matrix::translate(0.0, code.w1 * self.gs.font_size + spacing)
            } else {
                Matrix::translate(
                    (code.w0 * self.gs.font_size + spacing) * self.gs.hscale,
                    0.0,
                )
            };
            self.tm = t.mul(&self.tm);
        }
        Ok(())
    }

    /// Emits the glyphs of one code: its box in text space, split evenly
    /// along the advance when the code stands for several characters.
    fn place(&mut self, font: &Font, code: &Code, text: &[char]) -> Result<(), Abort> {
        if text.is_empty() {
            return Ok(());
        }
        let size = self.gs.font_size;
        let m = self.tm.mul(&self.gs.ctm);
        let trm = Matrix::new(size * self.gs.hscale, 0.0, 0.0, size, 0.0, self.gs.rise).mul(&m);
        let eff_size = (size * font.size_scale * m.c.hypot(m.d)).abs();
        let n = text.len() as f64;
        for (i, &c) in text.iter().enumerate() {
            let i = i as f64;
            let (x0, x1, y0, y1) = if font.vertical {
                let top = font.ascent - code.vy;
                let step = (font.ascent - font.descent) / n;
                (
                    -code.vx,
                    code.w0 - code.vx,
                    top - step * (i + 1.0),
                    top - step * i,
                )
            } else {
                let step = code.w0 / n;
                (step * i, step * (i + 1.0), font.descent, font.ascent)
            };
            let corners = [
                trm.apply(x0, y0),
                trm.apply(x1, y0),
                trm.apply(x0, y1),
                trm.apply(x1, y1),
            ];
            let (mut bx0, mut by0, mut bx1, mut by1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for (x, y) in corners {
                bx0 = bx0.min(x);
                by0 = by0.min(y);
                bx1 = bx1.max(x);
                by1 = by1.max(y);
            }
            if ![bx0, by0, bx1, by1, eff_size].iter().all(|v| v.is_finite()) {
                continue;
            }
            // Glyphs outside the page are not shown.
            let (cx, cy) = ((bx0 + bx1) / 2.0, (by0 + by1) / 2.0);
            if cx < 0.0 || cy < 0.0 || cx > self.page_width || cy > self.page_height {
                continue;
            }
            let ch = if c.is_control() && !c.is_whitespace() {
                '\u{FFFD}'
            } else {
                clean(c)
            };
            self.glyphs.push(Glyph {
                ch,
                bbox: BBox::new(bx0 as f32, by0 as f32, bx1 as f32, by1 as f32),
                size: eff_size as f32,
                confidence: 1.0,
            });
            if self.glyphs.len() > self.limits.max_glyphs_per_page {
                return Err(Abort::TooManyGlyphs(self.limits.max_glyphs_per_page));
            }
        }
        Ok(())
    }

    fn font(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = get_dict(self.doc, res?, b"Font")?;
        let entry = fonts.get(name).ok()?;
        self.load_font(entry)
    }

    fn load_font(&mut self, entry: &'a Object) -> Option<Rc<Font>> {
        let id = entry.as_reference().ok();
        if let Some(cached) = id.and_then(|id| self.fonts.get(&id)) {
            return cached.clone();
        }
        let font = obj::resolve(self.doc, entry)
            .and_then(obj::as_dict)
            .and_then(|d| Font::load(self.doc, d, self.limits.max_stream_bytes))
            .map(Rc::new);
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        font
    }

    fn ext_gstate(&mut self, args: &[Operand], res: Option<&'a Dictionary>) {
        let Some(name) = args.first().and_then(Operand::name) else {
            return;
        };
        let Some(gs) = res
            .and_then(|r| get_dict(self.doc, r, b"ExtGState"))
            .and_then(|d| get_dict(self.doc, d, &name))
        else {
            return;
        };
        if let Some(w) = get_num(self.doc, gs, b"LW") {
            self.gs.line_width = w.abs();
        }
        if let Some(Object::Array(f)) = get(self.doc, gs, b"Font")
            && let [font, size] = f.as_slice()
        {
            self.gs.font = self.load_font(font);
            self.gs.font_size = obj::num(self.doc, size).unwrap_or(self.gs.font_size);
        }
    }

    fn actual_text(
        &self,
        props: Option<&Operand>,
        res: Option<&'a Dictionary>,
    ) -> Option<Vec<char>> {
        match props? {
            Operand::Dict(_) => props?
                .dict_get(b"ActualText")?
                .bytes()
                .map(obj::text_string),
            Operand::Name(_) => {
                let name = props?.name()?;
                let dict = get_dict(self.doc, get_dict(self.doc, res?, b"Properties")?, &name)?;
                match get(self.doc, dict, b"ActualText")? {
                    Object::String(s, _) => Some(obj::text_string(s)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Puts the span's ActualText in place of its glyphs' decoded text,
    /// when the two can be matched glyph for glyph.
    fn apply_actual_text(&mut self, span: ActualText) {
        let text: Vec<char> = span
            .text
            .into_iter()
            .filter(|c| !c.is_control())
            .map(clean)
            .collect();
        let Some(glyphs) = self.glyphs.get_mut(span.first_glyph..) else {
            return;
        };
        if text.is_empty() || glyphs.is_empty() {
            return;
        }
        if glyphs.len() == text.len() {
            for (g, c) in glyphs.iter_mut().zip(text) {
                g.ch = c;
            }
        } else if let [one] = glyphs {
            // One glyph for several characters: split its box along its length.
            let g = one.clone();
            let n = text.len() as f32;
            let b = g.bbox;
            self.glyphs.pop();
            for (i, c) in text.into_iter().enumerate() {
                let i = i as f32;
                let bbox = if b.width() >= b.height() {
                    let w = b.width() / n;
                    BBox::new(b.x0 + w * i, b.y0, b.x0 + w * (i + 1.0), b.y1)
                } else {
                    let h = b.height() / n;
                    BBox::new(b.x0, b.y0 + h * i, b.x1, b.y0 + h * (i + 1.0))
                };
                self.glyphs.push(Glyph {
                    ch: c,
                    bbox,
                    ..g.clone()
                });
            }
        } else {
            let mut visible: Vec<&mut Glyph> = glyphs
                .iter_mut()
                .filter(|g| !g.ch.is_whitespace())
                .collect();
            let chars: Vec<char> = text.into_iter().filter(|c| !c.is_whitespace()).collect();
            if visible.len() == chars.len() {
                for (g, c) in visible.iter_mut().zip(chars) {
                    g.ch = c;
                }
            }
        }
    }

    fn xobject(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Result<(), Abort> {
        let Some(xobjects) = res.and_then(|r| get_dict(self.doc, r, b"XObject")) else {
            return Ok(());
        };
        let id = ref_id(xobjects, name);
        let Some(stream) = get_stream(self.doc, xobjects, name) else {
            return Ok(());
        };
        if get_name(self.doc, &stream.dict, b"Subtype") != Some(b"Form")
            || self.forms.len() >= MAX_FORM_DEPTH
            || id.is_some_and(|id| self.forms.contains(&id))
        {
            return Ok(());
        }
        let data = match obj::stream_data(stream, self.limits.max_stream_bytes) {
            Ok(d) => d,
            Err(StreamError::TooLarge) => {
                return Err(Abort::StreamTooLarge(self.limits.max_stream_bytes));
            }
            Err(StreamError::Unreadable) => return Ok(()),
        };
        let matrix = obj::get_array(self.doc, &stream.dict, b"Matrix")
            .and_then(|a| obj::numbers(self.doc, a))
            .and_then(|v| match v.as_slice() {
                &[a, b, c, d, e, f] => Some(Matrix::new(a, b, c, d, e, f)),
                _ => None,
            })
            .unwrap_or(Matrix::IDENTITY);
        let form_res = get_dict(self.doc, &stream.dict, b"Resources").or(res);

        let saved = self.gs.clone();
        let depth = self.stack.len();
        let (tm, tlm) = (self.tm, self.tlm);
        let path = std::mem::take(&mut self.path);
        self.gs.ctm = matrix.mul(&self.gs.ctm);
        // A form without an id cannot be told apart; count it by depth only.
        self.forms.push(id.unwrap_or((0, 0)));
        let result = self.run(&data, form_res);
        self.forms.pop();
        self.stack.truncate(depth);
        self.gs = saved;
        (self.tm, self.tlm) = (tm, tlm);
        self.path = path;
        result
    }
}

/// Whether colour operands name white (gray 1, RGB 1 1 1, CMYK 0 0 0 0).
fn is_white(args: &[Operand]) -> bool {
    let v: Vec<f64> = args.iter().filter_map(Operand::num).collect();
    if v.len() != args.len() {
        return false;
    }
    match v.as_slice() {
        [g] => *g >= 0.99,
        [r, g, b] => r.min(*g).min(*b) >= 0.99,
        [c, m, y, k] => c.max(*m).max(*y).max(*k) <= 0.01,
        _ => false,
    }
}

/// The box of a subpath that is an axis-aligned rectangle of straight edges.
fn axis_rect(s: &SubPath) -> Option<(f64, f64, f64, f64)> {
    if s.curved.iter().any(|&c| c) {
        return None;
    }
    let mut pts: &[Point] = &s.points;
    if pts.len() == 5
        && pts
            .first()
            .zip(pts.last())
            .is_some_and(|(a, b)| near(*a, *b))
    {
        pts = &pts[..4];
    }
    if pts.len() != 4 {
        return None;
    }
    let axis = |p: Point, q: Point| (p.0 - q.0).abs() < 0.01 || (p.1 - q.1).abs() < 0.01;
    let closed = pts
        .iter()
        .zip(pts.iter().cycle().skip(1))
        .all(|(p, q)| axis(*p, *q));
    if !closed {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in pts {
        x0 = x0.min(p.0);
        y0 = y0.min(p.1);
        x1 = x1.max(p.0);
        y1 = y1.max(p.1);
    }
    Some((x0, y0, x1, y1))
}

fn near(a: Point, b: Point) -> bool {
    (a.0 - b.0).abs() < 0.01 && (a.1 - b.1).abs() < 0.01
}

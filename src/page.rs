//! The page model shared by the PDF and OCR paths: everything after this
//! point never knows whether a glyph came from a font or from OCR.

use serde::Serialize;

/// Axis-aligned box in PDF points, origin at the top-left of the page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        BBox {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }
    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
    pub fn to_array(self) -> [f32; 4] {
        [self.x0, self.y0, self.x1, self.y1]
    }
}

/// One character with its box; `size` is the font size in points (the box
/// height for OCR glyphs); `confidence` is 1.0 for a native text layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub ch: char,
    pub bbox: BBox,
    pub size: f32,
    pub confidence: f32,
}

/// A horizontal or vertical ruling segment, in page points (top-left origin).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub width: f32,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.to.1 - self.from.1).abs() <= (self.to.0 - self.from.0).abs()
    }
}

/// How the glyphs of a page were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TextSource {
    Native,
    Ocr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number in the input.
    pub number: usize,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub source: TextSource,
}

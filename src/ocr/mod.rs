//! Scanned pages into the page model: clean-up ([`prep`]), a full-page
//! tesseract pass for prose, headings and labels, then — once the layout
//! knows the table grid — every number read again from its own cell crop.

pub mod prep;
mod tess;

use crate::layout::{Cell, PageLayout};
use crate::page::{BBox, Glyph, Page, Rule, TextSource};
use crate::report::number::looks_numeric;
use image::GrayImage;
pub use prep::Prepared;
pub use tess::{Symbol, Tess};

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("tesseract could not start with its {0} model (is tesseract-ocr-{0} installed?)")]
    Init(String),
}

/// Page segmentation "fully automatic": finds the columns and tables of a
/// whole page (single-block mode misses half the words of a table page).
const PSM_AUTO: u32 = 3;
/// One text line: what a table cell holds.
const PSM_SINGLE_LINE: u32 = 7;
/// What a value cell may hold, besides blanks: digits, decimals, signs and
/// the dash and slash printed for zero ("无" is read by the text pass).
const DIGIT_WHITELIST: &str = "0123456789.-+/";
/// Ink under this many square points is specks, not a printed character.
const MIN_INK_PT2: f32 = 1.0;
/// A dash is flatter than this, in points (a digit is 7 pt tall at 10.5 pt).
const DASH_MAX_HEIGHT_PT: f32 = 1.6;
/// ... and wider than this, in points (a decimal point is a dot).
const DASH_MIN_WIDTH_PT: f32 = 2.5;
/// Words read from a crop below this confidence are noise.
const MIN_WORD_CONFIDENCE: f32 = 0.6;
/// Margin kept clear of a cell's borders when cropping it, in points.
const CELL_INSET_PT: f32 = 1.5;

/// The two engines one worker needs: Chinese text and digits.
pub struct Engines {
    text: Tess,
    digits: Tess,
}

impl Engines {
    pub fn new() -> Result<Engines, OcrError> {
        let mut text = Tess::new("chi_sim")?;
        text.set_page_seg_mode(PSM_AUTO);
        let mut digits = Tess::new("eng")?;
        digits.set_page_seg_mode(PSM_SINGLE_LINE);
        digits.set_variable("tessedit_char_whitelist", DIGIT_WHITELIST);
        Ok(Engines { text, digits })
    }
}

/// A recognised page and the cleaned image its glyphs were read from.
#[derive(Debug, Clone)]
pub struct OcrPage {
    pub page: Page,
    pub prepared: Prepared,
}

/// Step 1: clean the image, find its borders, read its text.
pub fn recognize(
    number: usize,
    image: &GrayImage,
    px_per_pt: f32,
    engines: &mut Engines,
) -> OcrPage {
    let prepared = prep::prepare(image, px_per_pt);
    let rules = prep::rules(&prepared.ink, px_per_pt);
    engines
        .text
        .set_image(&prepared.gray, (px_per_pt * 72.0).round() as u32);
    let glyphs = engines
        .text
        .symbols()
        .iter()
        .flat_map(|s| glyphs_of(s, px_per_pt))
        .filter(|g| !on_a_rule(g, &rules))
        .collect();
    let (w, h) = prepared.gray.dimensions();
    OcrPage {
        page: Page {
            number,
            width: w as f32 / px_per_pt,
            height: h as f32 / px_per_pt,
            glyphs,
            rules,
            source: TextSource::Ocr,
        },
        prepared,
    }
}

/// Distance from a border within which a thin "character" is the border
/// itself read as "|", "一" or a quote, in points.
const RULE_SLACK_PT: f32 = 2.0;
/// Thickness under which such a character can be a border, in points.
const RULE_LIKE_PT: f32 = 3.0;

/// Whether a glyph is a piece of a table border read as a character.
fn on_a_rule(g: &Glyph, rules: &[Rule]) -> bool {
    let b = &g.bbox;
    rules.iter().any(|r| {
        if r.is_horizontal() {
            b.height() <= RULE_LIKE_PT
                && (b.cy() - r.from.1).abs() <= RULE_SLACK_PT
                && b.cx() >= r.from.0.min(r.to.0)
                && b.cx() <= r.from.0.max(r.to.0)
        } else {
            b.width() <= RULE_LIKE_PT
                && (b.cx() - r.from.0).abs() <= RULE_SLACK_PT
                && b.cy() >= r.from.1.min(r.to.1)
                && b.cy() <= r.from.1.max(r.to.1)
        }
    })
}

/// A symbol's characters as glyphs in points; a symbol of several
/// characters shares its box out evenly.
fn glyphs_of(s: &Symbol, px_per_pt: f32) -> Vec<Glyph> {
    let chars: Vec<char> = s.text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = chars.len().max(1) as f32;
    let step = (s.right - s.left) as f32 / n;
    let line_size = (s.line_height.max(s.bottom - s.top) as f32 / px_per_pt).max(1.0);
    // A Chinese character fills its em square, so its box gives the font
    // size; a line's height depends on what else the line holds.
    let cjk_size = (step.max((s.bottom - s.top) as f32) / px_per_pt).max(1.0);
    chars
        .into_iter()
        .enumerate()
        .map(|(i, ch)| {
            let size = if crate::layout::is_cjk(ch) {
                cjk_size
            } else {
                line_size
            };
            let x0 = s.left as f32 + step * i as f32;
            Glyph {
                ch,
                bbox: BBox::new(
                    x0 / px_per_pt,
                    s.top as f32 / px_per_pt,
                    (x0 + step) / px_per_pt,
                    s.bottom as f32 / px_per_pt,
                ),
                size,
                confidence: s.confidence,
            }
        })
        .collect()
}

/// A block of text: how a label cell is read from its own crop.
const PSM_SINGLE_BLOCK: u32 = 6;

/// Step 2, after the layout: every table cell is read again from its own
/// crop — numbers with the digit engine, labels as one block of Chinese, so
/// that neither picks up its neighbours' text — or found blank.
pub fn reread_cells(layout: &mut PageLayout, prepared: &Prepared, engines: &mut Engines) {
    let ppt = prepared.px_per_pt;
    engines
        .digits
        .set_image(&prepared.gray, (ppt * 72.0).round() as u32);
    engines
        .text
        .set_image(&prepared.gray, (ppt * 72.0).round() as u32);
    engines.text.set_page_seg_mode(PSM_SINGLE_BLOCK);
    let min_ink = (MIN_INK_PT2 * ppt * ppt).ceil() as usize;
    for table in &mut layout.tables {
        for cell in &mut table.cells {
            let words = !holds_no_words(cell);
            let inset = CELL_INSET_PT;
            let b = &cell.bbox;
            if b.width() <= 2.0 * inset || b.height() <= 2.0 * inset {
                continue;
            }
            let x0 = ((b.x0 + inset) * ppt).max(0.0) as u32;
            let y0 = ((b.y0 + inset) * ppt).max(0.0) as u32;
            let x1 = ((b.x1 - inset) * ppt) as u32;
            let y1 = ((b.y1 - inset) * ppt) as u32;
            if x1 <= x0 || y1 <= y0 {
                continue;
            }
            if prepared.ink.count(x0, y0, x1, y1) < min_ink {
                cell.text.clear();
                cell.confidence = 1.0;
                continue;
            }
            if words {
                let (text, confidence) = engines.text.read_rect(x0, y0, x1 - x0, y1 - y0);
                let text = join_label_lines(&text);
                // A crop read far shorter than the page pass lost the label.
                if 2 * cjk(&text) >= cjk(&cell.text) {
                    cell.text = text;
                    cell.confidence = confidence;
                }
                continue;
            }
            let extent = prepared.ink.extent(x0, y0, x1, y1);
            if let Some((ex0, ey0, ex1, ey1)) = extent
                && ((ey1 - ey0 + 1) as f32) <= DASH_MAX_HEIGHT_PT * ppt
                && ((ex1 - ex0 + 1) as f32) >= DASH_MIN_WIDTH_PT * ppt
            {
                // One flat stroke: the dash printed for zero, which the digit
                // model has no character for.
                cell.text = "—".into();
                cell.confidence = 0.9;
                continue;
            }
            // An amount printed with its unit ("251000元") keeps the page
            // pass's reading: the digit model would take 元 for a digit.
            if cell.text.contains('元') && looks_numeric(&cell.text) {
                continue;
            }
            let (text, confidence) = engines.digits.read_rect(x0, y0, x1 - x0, y1 - y0);
            if looks_numeric(&text) {
                cell.text = text;
                cell.confidence = confidence;
                continue;
            }
            // Tesseract sometimes misses a lone digit in a roomy box: try
            // again cropped to the ink, with a margin of a third of its height.
            if let Some((a, b, c, d)) = extent {
                let m = ((d - b + 1) / 3).max(ppt as u32);
                let (rx0, ry0) = (a.saturating_sub(m).max(x0), b.saturating_sub(m).max(y0));
                let (rx1, ry1) = ((c + m).min(x1), (d + m).min(y1));
                let (text, confidence) = engines.digits.read_rect(rx0, ry0, rx1 - rx0, ry1 - ry0);
                if looks_numeric(&text) {
                    cell.text = text;
                    cell.confidence = confidence;
                    continue;
                }
            }
            if looks_numeric(&cell.text) {
                continue;
            }
            // Neither a number nor, by the page pass, words: read it as words.
            let (text, confidence) = engines.text.read_rect(x0, y0, x1 - x0, y1 - y0);
            let text = join_label_lines(&text);
            if confidence >= MIN_WORD_CONFIDENCE && cjk(&text) > cjk(&cell.text) {
                cell.text = text;
                cell.confidence = confidence;
            }
        }
    }
    engines.text.set_page_seg_mode(PSM_AUTO);
}

fn cjk(text: &str) -> usize {
    text.chars().filter(|&c| crate::layout::is_cjk(c)).count()
}

/// A label read from its crop: lines joined, and the spaces tesseract puts
/// between Chinese characters dropped.
fn join_label_lines(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(prev.as_ref()) && latin(next) && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A cell whose text pass found no Chinese word: a number, a dash, a slash,
/// blank, or a misread of one of those. "无" is a printed zero and stays.
fn holds_no_words(cell: &Cell) -> bool {
    let text = cell.text.trim();
    if text == "无" {
        return false;
    }
    cjk(text) <= 1
}

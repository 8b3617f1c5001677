//! Scanned pages into the page model: clean-up ([`prep`]), a full-page
//! tesseract pass for prose, headings and labels, then — once the layout
//! knows the table grid — every number read again from its own cell crop.

pub mod cell;
mod date;
mod lines;
pub mod prep;
mod tess;

use crate::layout::PageLayout;
use crate::page::{BBox, Glyph, Page, Rule, TextSource};
use crate::report::number::{Parsed, looks_numeric, parse};
use crate::template::Kind;
pub use date::{UNSURE_DATE, reread_dates};
use image::GrayImage;
pub use lines::{
    drop_pale_lines, read_missed_lines, read_missed_title, reread_large_lines, reread_short_lines,
};
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
/// ... and wider than this, in points, and than this many times its height
/// (a decimal point is a dot; a hyphen in 8-pt print is 2 pt wide).
const DASH_MIN_WIDTH_PT: f32 = 1.5;
const DASH_MIN_ELONGATION: f32 = 2.5;
/// How surely a mark for zero told by its shape is one.
const MARK_CONFIDENCE: f32 = 0.9;
/// A dash blurred thick is at least this many times as wide as high, and
/// fills this share of its box; it is flagged for a person to check.
const SHORT_DASH_ELONGATION: f32 = 1.6;
const DASH_FILL: f32 = 0.6;
const SHORT_DASH_CONFIDENCE: f32 = 0.6;
/// Words read from a crop below this confidence are noise.
const MIN_WORD_CONFIDENCE: f32 = 0.6;
/// Margin kept clear of a cell's borders when cropping it, in points.
const CELL_INSET_PT: f32 = 1.5;
/// The margin on a side of a cell whose ink reaches the crop's edge there,
/// in points: negative, the crop reaches past the grid line to the paper
/// beyond the rule, keeping the tops of print set against it.
const NEAR_INSET_PT: f32 = -0.5;
/// The confidence left to a number read with a leading zero: under the 0.7
/// a value is flagged at.
const DISPUTED: f32 = 0.5;
/// A label read at least this surely is not read again from a wider crop.
const SURE_WORDS: f32 = 0.9;
/// A number whose ink the crop cut is read a second time, from a crop out
/// to the rules, unless read at least this surely.
const SURE_CUT: f32 = 0.95;
/// Height of ink at the crop's edge, in points, from which it is print the
/// inset may have cut (a digit is 5 pt or more), not a border's blur.
const CUT_PRINT_PT: f32 = 3.0;

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

/// One line read with the Chinese model, restricted to `whitelist` unless
/// it is empty.
fn read_line(
    engines: &mut Engines,
    image: &image::GrayImage,
    dpi: u32,
    whitelist: &str,
) -> Vec<Symbol> {
    let tess = &mut engines.text;
    tess.set_page_seg_mode(PSM_SINGLE_LINE);
    tess.set_variable("tessedit_char_whitelist", whitelist);
    tess.set_image(image, dpi);
    let symbols = tess.symbols();
    // The engine goes on to read whole pages: unrestricted, automatic layout.
    tess.set_variable("tessedit_char_whitelist", "");
    tess.set_page_seg_mode(PSM_AUTO);
    symbols
}

/// Step 1: clean the image, find its borders, read its text.
pub fn recognize(
    number: usize,
    image: &GrayImage,
    px_per_pt: f32,
    engines: &mut Engines,
) -> OcrPage {
    let prepared = prep::prepare(image, px_per_pt);
    let rules = prep::rules(&prepared);
    let masked = without_cells(&prepared.gray, &rules, px_per_pt);
    engines.text.set_image(&masked, dpi(px_per_pt));
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

/// Cells taller than this are a frame around text, not a table cell, in points.
const MAX_CELL_HEIGHT_PT: f32 = 200.0;

/// The page with its table cells blanked: the cells are read one by one
/// after the layout, and a page pass over them costs time and adds nothing.
fn without_cells(gray: &GrayImage, rules: &[Rule], ppt: f32) -> GrayImage {
    let mut out = gray.clone();
    let (w, h) = out.dimensions();
    // The cells hold no text yet: every thin strip is a gap.
    for grid in
        crate::layout::table::grids_from_rules(rules, crate::layout::table::Rules::Scanned, &[])
    {
        if grid.rows() < 2 || grid.cols() < 2 {
            continue;
        }
        for c in grid
            .cells
            .iter()
            .filter(|c| c.bbox.height() <= MAX_CELL_HEIGHT_PT)
        {
            let x0 = ((c.bbox.x0 * ppt).max(0.0) as u32).min(w);
            let x1 = ((c.bbox.x1 * ppt).max(0.0) as u32).min(w);
            let y0 = ((c.bbox.y0 * ppt).max(0.0) as u32).min(h);
            let y1 = ((c.bbox.y1 * ppt).max(0.0) as u32).min(h);
            let pixels: &mut [u8] = &mut out;
            for y in y0..y1 {
                let row = (y * w) as usize;
                pixels[row + x0 as usize..row + x1.max(x0) as usize].fill(255);
            }
        }
    }
    out
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
/// A digit reading at or above this confidence, consistent with the ink, is
/// taken without a second opinion.
const SURE_DIGITS: f32 = 0.8;
/// Height a number's tallest piece is scaled to for the third reading, in
/// pixels: small print from a low-resolution scan is read better enlarged.
const RENDER_DIGIT_PX: f32 = 24.0;
/// A cell whose ink is taller than this many of its tallest pieces holds
/// more than one line: words, not a number.
const MULTI_LINE: f32 = 1.6;
/// The resolution cells are read at: smaller scans are enlarged to it.
const READ_DPI: f32 = 300.0;
/// Width of a typical character, in heights, at or above which the ink is
/// Chinese (square characters) rather than digits (about half as wide as tall).
const SQUARE: f32 = 0.8;
/// Width of one glyph, in heights, at or above which it is a Chinese
/// character whatever it was read as: the widest digits come to about 0.8.
const FULL_WIDTH: f32 = 0.9;
/// Pieces per character at or above which the ink is Chinese characters
/// (most have several strokes apart) rather than digits (one piece each).
const WORD_PIECES: f32 = 2.0;

/// A number cell's part of the cleaned scan, kept after its page is read so
/// that the cell can be read again, every way, when the table's sums
/// disagree.
#[derive(Debug, Clone)]
pub struct CellScan {
    pub page: usize,
    pub bbox: BBox,
    scan: Prepared,
}

/// Step 2, after the layout: every table cell is read from its own crop —
/// the page pass never saw the cells — numbers with the digit engine, labels
/// as one block of Chinese, so that neither picks up its neighbours' text.
/// The cells read as numbers come back with their part of the scan.
pub fn reread_cells(
    layout: &mut PageLayout,
    prepared: &Prepared,
    engines: &mut Engines,
) -> Vec<CellScan> {
    let ppt = prepared.px_per_pt;
    let mut numbers = Vec::new();
    let mut lone = Vec::new();
    let mut marks = Vec::new();
    for (t, table) in layout.tables.iter_mut().enumerate() {
        for (c, cell) in table.cells.iter_mut().enumerate() {
            let Some(rect) = cell_rect(&cell.bbox, CELL_INSET_PT, ppt) else {
                continue;
            };
            let mut ink = ink_in(prepared, rect);
            let (mut text, mut confidence) = read_cell(&ink, prepared, engines);
            // Print set against a rule is cut by the inset ("0" read "U"):
            // a cell that gave no number, whose ink reaches the crop's edge,
            // is cropped again up to the rules on those sides (the crop
            // clears their rows), and that reading kept if it is a number.
            let number = |t: &str| matches!(parse(t, Kind::Amount), Parsed::Value { .. });
            let has_digits = |t: &str| t.chars().any(|c| c.is_ascii_digit());
            // A mark for zero cut from a digit ("/" left of a 7) is suspect too.
            let digits = has_digits(&text);
            // A dash or slash told by its shape is a zero already; one the
            // digit model read may be a 7 whose bar the crop cut.
            let failed = cjk(&text) == 0
                && (!digits || confidence < MIN_WORD_CONFIDENCE)
                && zero_mark(&ink, ppt).is_none();
            // A label whose tops the inset cut reads as other characters
            // (行政处罚 as 行政处区), or as no characters at all.
            let unsure_words = han(&text) > 0 && confidence < SURE_WORDS;
            let sides = ink.touched_sides((CUT_PRINT_PT * ppt) as u32);
            // A number read unsurely from digits the crop cut (5926074 read
            // 9926074 at 0.90, its 5 against the border) gets a second reading.
            let cut_number = !failed && digits && number(&text) && confidence < SURE_CUT;
            if (failed || unsure_words || cut_number)
                && sides.iter().any(|&s| s)
                && let Some(near) = cell_rect(&cell.bbox, NEAR_INSET_PT, ppt)
            {
                let again = ink_in(prepared, grown(rect, near, sides));
                let (t, c) = read_cell(&again, prepared, engines);
                let better_number = number(&t) && has_digits(&t) && (!digits || c > confidence);
                let better_words = !unsure_words || han(&t) >= han(&text);
                let better_label =
                    han(&t) > 0 && c >= MIN_WORD_CONFIDENCE && c > confidence && better_words;
                if (failed && better_number) || ((failed || unsure_words) && better_label) {
                    (text, confidence, ink) = (t, c, again);
                } else if cut_number && number(&t) && has_digits(&t) && t != text {
                    // Two readings of one number that differ: the surer is
                    // kept, flagged for a person to check.
                    if c > confidence {
                        (text, ink) = (t, again);
                    }
                    confidence = confidence.min(DISPUTED);
                }
            }
            // No number is printed with a leading zero: one read so is a
            // digit whose top the inset or the rule cut (642 read 042 at
            // 0.94, 534 read 034 at 0.90), and is flagged.
            if leading_zero(&text) {
                confidence = confidence.min(DISPUTED);
            }
            if number(&text) {
                numbers.push(CellScan {
                    page: layout.number,
                    bbox: cell.bbox,
                    scan: prepared.part(ink.rect),
                });
            }
            if let Some(mark) = ink.small_mark((DASH_MAX_HEIGHT_PT * ppt) as u32) {
                marks.push(Mark::new((t, c), &mark, text.is_empty()));
            }
            if one_square_glyph(&ink) {
                lone.push(Lone {
                    at: (t, c),
                    shape: ink.shape(SHAPE_GRID),
                    text: text.clone(),
                    confidence,
                });
            }
            cell.text = text;
            cell.confidence = confidence;
        }
    }
    for at in faint_dashes(&marks) {
        if let Some(cell) = layout
            .tables
            .get_mut(at.0)
            .and_then(|t| t.cells.get_mut(at.1))
        {
            cell.text = "—".into();
            cell.confidence = FAINT_DASH_CONFIDENCE;
        }
    }
    for (at, text, confidence) in by_likeness(&lone) {
        if let Some(cell) = layout
            .tables
            .get_mut(at.0)
            .and_then(|t| t.cells.get_mut(at.1))
        {
            cell.text = text;
            cell.confidence = confidence;
        }
    }
    numbers
}

/// How many other marks of a page must be the same size as a lone speck
/// for it to be one of them.
const FAINT_ALIKE: usize = 3;
/// How surely such a speck is the dash printed for zero: flagged.
const FAINT_DASH_CONFIDENCE: f32 = 0.6;

/// A cell's one mark too low for a digit, and whether it was left unread.
struct Mark {
    at: (usize, usize),
    width: u32,
    height: u32,
    faint: bool,
}

impl Mark {
    fn new(at: (usize, usize), piece: &cell::Piece, faint: bool) -> Self {
        let (width, height) = (piece.width(), piece.height());
        Mark {
            at,
            width,
            height,
            faint,
        }
    }
}

/// The cells whose unread mark is a dash too small or faint to tell by its
/// shape: one no taller than wide, the same size (to a pixel) as several
/// other marks on the page. A hyphen printed small and grey is a few
/// pixels at 150 dpi; dust does not come in rows of equal specks.
fn faint_dashes(marks: &[Mark]) -> Vec<(usize, usize)> {
    let alike =
        |a: &Mark, b: &Mark| a.width.abs_diff(b.width) <= 1 && a.height.abs_diff(b.height) <= 1;
    marks
        .iter()
        .filter(|m| m.faint && m.width >= m.height)
        .filter(|m| marks.iter().filter(|o| o.at != m.at && alike(m, o)).count() >= FAINT_ALIKE)
        .map(|m| m.at)
        .collect()
}

/// Side of the grid two lone glyphs are compared on.
const SHAPE_GRID: usize = 12;
/// A lone glyph read at least this surely shows how its character looks
/// on the page.
const SURE_GLYPH: f32 = 0.9;
/// Likeness at or above which two glyphs of a page are one character.
const SAME_GLYPH: f32 = 0.8;
/// How much likelier the nearest character must be than any other.
const GLYPH_MARGIN: f32 = 0.1;
/// Width of ink, in heights, up to which a square glyph is one character
/// (two Chinese characters come to 2).
const ONE_GLYPH: f32 = 1.3;

/// One glyph alone in its cell and how it was read.
struct Lone {
    at: (usize, usize),
    shape: Vec<f32>,
    text: String,
    confidence: f32,
}

/// Whether a cell's ink is one square glyph on one line: a Chinese
/// character alone (无 printed for zero), whose strokes may stand apart.
fn one_square_glyph(ink: &cell::CellInk) -> bool {
    let Some((ex0, ey0, ex1, ey1)) = ink.extent() else {
        return false;
    };
    let (ew, eh) = ((ex1 - ex0 + 1) as f32, (ey1 - ey0 + 1) as f32);
    let one_line = eh <= MULTI_LINE * ink.tallest().max(1) as f32;
    one_line && ew >= FULL_WIDTH * eh && ew <= ONE_GLYPH * eh
}

/// How alike two glyph shapes are: 1 − the ink they differ by over all
/// their ink.
fn likeness(a: &[f32], b: &[f32]) -> f32 {
    let differ: f32 = a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum();
    let all: f32 = a.iter().zip(b).map(|(x, y)| x + y).sum();
    if all > 0.0 { 1.0 - differ / all } else { 0.0 }
}

/// Lone glyphs the models were unsure of, given the reading of a glyph on
/// the same page read surely and printed alike (无 printed for zero in
/// every empty cell, read 无 in most and 天, 克 or nothing in a few):
/// where, the character, and the likeness times that reading's confidence.
/// Only a character clearly nearer than any other read surely is given.
fn by_likeness(lone: &[Lone]) -> Vec<((usize, usize), String, f32)> {
    let sure: Vec<&Lone> = lone
        .iter()
        .filter(|l| l.confidence >= SURE_GLYPH && l.text.chars().count() == 1 && cjk(&l.text) == 1)
        .collect();
    let mut out = Vec::new();
    // A number its readings agree on stays a number.
    let unsure = lone.iter().filter(|l| {
        l.confidence < SURE_GLYPH
            && !(looks_numeric(&l.text) && l.confidence >= MIN_WORD_CONFIDENCE)
    });
    for l in unsure {
        let mut best: Option<(&Lone, f32)> = None;
        for s in &sure {
            let like = likeness(&l.shape, &s.shape);
            if best.is_none_or(|(_, b)| like > b) {
                best = Some((s, like));
            }
        }
        let Some((proto, like)) = best else {
            continue;
        };
        let rival = sure
            .iter()
            .filter(|s| s.text != proto.text)
            .map(|s| likeness(&l.shape, &s.shape))
            .fold(0.0, f32::max);
        let confidence = like * proto.confidence;
        if like >= SAME_GLYPH && like - rival >= GLYPH_MARGIN && confidence > l.confidence {
            out.push((l.at, proto.text.clone(), confidence));
        }
    }
    out
}

/// Every reading of a kept number cell that gives a number — the digit
/// engine on the roomy crop, the tight crop and the clean ink, the text
/// engine, the lines of a wrapped number — pooled by value, the value with
/// the most confidence behind it first, each with its surest reading.
pub fn every_reading(cell: &CellScan, engines: &mut Engines) -> Vec<(String, f32)> {
    let prepared = &cell.scan;
    let ppt = prepared.px_per_pt;
    let ink = ink_in(prepared, (0, 0, prepared.ink.width, prepared.ink.height));
    let scale = read_scale(ppt);
    let margin = ink.tallest() / 2;
    let Some(roomy) = ink.crop(&prepared.gray, margin, scale) else {
        return Vec::new();
    };
    let mut votes = Votes::new(ink.columns().len().max(1), ink.has_decimal_point());
    digit_readings(
        &ink,
        &roomy,
        prepared,
        engines,
        scale,
        &mut votes,
        Opinions::Every,
    );
    let (text, confidence) = read_words(&roomy, dpi(ppt * scale), engines);
    votes.add(&text, confidence);
    for (text, confidence) in wrapped_readings(&ink, prepared, engines, scale) {
        votes.add(&text, confidence);
    }
    votes.ranked()
}

/// The ink of the crop `rect` of a page, with specks and border residue
/// measured at the page's resolution.
fn ink_in(prepared: &Prepared, rect: (u32, u32, u32, u32)) -> cell::CellInk {
    let ppt = prepared.px_per_pt;
    let min_ink = (MIN_INK_PT2 * ppt * ppt).ceil() as usize;
    let rule_px = (RULE_LIKE_PT * ppt).ceil() as u32;
    cell::cell_ink(&prepared.ink, rect, min_ink, rule_px)
}

/// How much a crop of a page at `px_per_pt` is enlarged to be read:
/// tesseract reads best at 300 dpi.
fn read_scale(px_per_pt: f32) -> f32 {
    (READ_DPI / (px_per_pt * 72.0)).max(1.0)
}

/// The crop `rect` with the sides chosen (left, top, right, bottom) taken
/// out to those of `near`.
fn grown(
    rect: (u32, u32, u32, u32),
    near: (u32, u32, u32, u32),
    sides: [bool; 4],
) -> (u32, u32, u32, u32) {
    let pick = |grow: bool, a: u32, b: u32| if grow { b } else { a };
    let left = pick(sides[0], rect.0, near.0);
    let top = pick(sides[1], rect.1, near.1);
    let right = pick(sides[2], rect.0 + rect.2, near.0 + near.2);
    let bottom = pick(sides[3], rect.1 + rect.3, near.1 + near.3);
    (left, top, right - left, bottom - top)
}

/// A cell's crop in pixels (left, top, width, height), `inset` points clear
/// of its grid lines.
fn cell_rect(b: &BBox, inset: f32, ppt: f32) -> Option<(u32, u32, u32, u32)> {
    let x0 = ((b.x0 + inset) * ppt).max(0.0) as u32;
    let y0 = ((b.y0 + inset) * ppt).max(0.0) as u32;
    let x1 = ((b.x1 - inset) * ppt).max(0.0) as u32;
    let y1 = ((b.y1 - inset) * ppt).max(0.0) as u32;
    (x1 > x0 && y1 > y0).then(|| (x0, y0, x1 - x0, y1 - y0))
}

/// The mark printed for zero that a cell's ink is by its shape alone: one
/// flat stroke (a dash, which the digit model has no character for) or one
/// stroke aslant (a slash, which it reads as 1).
fn zero_mark(ink: &cell::CellInk, ppt: f32) -> Option<(&'static str, f32)> {
    let (ex0, ey0, ex1, ey1) = ink.extent()?;
    let (ew, eh) = ((ex1 - ex0 + 1) as f32, (ey1 - ey0 + 1) as f32);
    let flat =
        ink.pieces.len() == 1 && eh <= DASH_MAX_HEIGHT_PT * ppt && ew >= DASH_MIN_WIDTH_PT * ppt;
    if flat && ew >= DASH_MIN_ELONGATION * eh {
        return Some(("—", MARK_CONFIDENCE));
    }
    // At 150 dpi the blur makes a short hyphen three pixels thick: filled
    // and flat it is still the dash, but flagged.
    let filled = ink.pieces.iter().map(|p| p.area).sum::<usize>() as f32 >= DASH_FILL * ew * eh;
    if flat && filled && ew >= SHORT_DASH_ELONGATION * eh {
        return Some(("—", SHORT_DASH_CONFIDENCE));
    }
    ink.is_slash().then_some(("/", MARK_CONFIDENCE))
}

/// The text of one cell and its confidence: blank, a dash, a number agreed
/// on by the digit readings, or words.
fn read_cell(ink: &cell::CellInk, prepared: &Prepared, engines: &mut Engines) -> (String, f32) {
    let ppt = prepared.px_per_pt;
    let Some((ex0, ey0, ex1, ey1)) = ink.extent() else {
        return (String::new(), 1.0);
    };
    let (ew, eh) = ((ex1 - ex0 + 1) as f32, (ey1 - ey0 + 1) as f32);
    if let Some((mark, confidence)) = zero_mark(ink, ppt) {
        return (mark.into(), confidence);
    }
    let spans = ink.columns();
    let columns = spans.len().max(1);
    let tallest = ink.tallest().max(1) as f32;
    let multi_line = eh > MULTI_LINE * tallest;
    let square = median_width(&spans).is_some_and(|w| w >= SQUARE * tallest);
    let wide = ew >= FULL_WIDTH * eh;
    let wordy = square || (columns >= 2 && ink.pieces.len() as f32 >= WORD_PIECES * columns as f32);
    let scale = read_scale(ppt);
    let read_dpi = dpi(ppt * scale);
    let margin = (tallest / 2.0) as u32;
    let Some(roomy) = ink.crop(&prepared.gray, margin, scale) else {
        return (String::new(), 1.0);
    };
    if multi_line && let Some(read) = read_wrapped_number(ink, prepared, engines, scale) {
        return read;
    }
    let mut votes = Votes::new(columns, ink.has_decimal_point());
    let mut words = None;
    if multi_line || wordy {
        let (text, confidence) = read_words(&roomy, read_dpi, engines);
        // One character alone may be a digit the text model took for a
        // character ("2" as "人"): the digit readings get their say.
        let alone = columns == 1 && !multi_line;
        // Several square characters read as about as many Chinese ones are
        // a label, however unsure the model is of each: no number looks so.
        let a_label = square && columns >= 3 && 2 * cjk(&text) >= columns;
        if !looks_numeric(&text) && (confidence >= MIN_WORD_CONFIDENCE || a_label) && !alone {
            return (text, confidence);
        }
        // One glyph as wide as high read as Chinese (无 printed for zero)
        // is no digit: digits are narrower.
        if alone && wide && cjk(&text) > 0 {
            return (text, confidence);
        }
        votes.add(&text, confidence);
        words = Some((text, confidence));
    }
    digit_readings(
        ink,
        &roomy,
        prepared,
        engines,
        scale,
        &mut votes,
        Opinions::Until(SURE_DIGITS),
    );
    let best = votes.best();
    // One digit read from a glyph as wide as high is a character no model
    // knew (two digits run together are as wide, and read as two).
    if columns == 1 && wide && best.as_ref().is_some_and(|b| b.0.chars().count() == 1) {
        return (String::new(), 0.0);
    }
    if let Some(best) = best
        && best.1 >= MIN_WORD_CONFIDENCE
    {
        return best;
    }
    // No number the readings agree on: words (a label, 无), or a number the
    // text model reads better.
    let (text, confidence) = match words {
        Some(read) => read,
        None => {
            let (text, confidence) = read_words(&roomy, read_dpi, engines);
            votes.add(&text, confidence);
            (text, confidence)
        }
    };
    match votes.best() {
        Some(best) if looks_numeric(&text) || best.1 >= MIN_WORD_CONFIDENCE => best,
        _ if confidence >= MIN_WORD_CONFIDENCE && cjk(&text) > 0 => (text, confidence),
        Some(best) => best,
        None => (text, confidence),
    }
}

/// How many readings of a number are taken.
#[derive(Debug, Clone, Copy)]
enum Opinions {
    /// Stop after the first when it alone is read at least this surely.
    Until(f32),
    /// Every one, at every size.
    Every,
}

/// Adds the digit engine's readings of `ink` (whose roomy crop, scaled by
/// `scale`, is `roomy`) to `votes`: the roomy crop, and, unless that reading
/// is as sure as `opinions` asks, a second and third opinion — cropped tight
/// to the ink, and the clean ink enlarged; with every opinion, the roomy
/// crop at smaller sizes too.
fn digit_readings(
    ink: &cell::CellInk,
    roomy: &GrayImage,
    prepared: &Prepared,
    engines: &mut Engines,
    scale: f32,
    votes: &mut Votes,
    opinions: Opinions,
) {
    let ppt = prepared.px_per_pt;
    let read_dpi = dpi(ppt * scale);
    let tallest = ink.tallest().max(1) as f32;
    let (text, confidence) = engines.digits.read_image(roomy, read_dpi);
    votes.add(&text, confidence);
    if let Opinions::Until(sure) = opinions
        && votes.sure(sure)
    {
        return;
    }
    let tight_margin = ((tallest / 4.0) as u32).max(ppt as u32);
    if let Some(tight) = ink.crop(&prepared.gray, tight_margin, scale) {
        let (text, confidence) = engines.digits.read_image(&tight, read_dpi);
        votes.add(&text, confidence);
    }
    let enlarge = RENDER_DIGIT_PX / tallest;
    if let Some(clean) = ink.render(enlarge, (RENDER_DIGIT_PX / 2.0) as u32) {
        let (text, confidence) = engines.digits.read_image(&clean, dpi(ppt * enlarge));
        votes.add(&text, confidence);
    }
    if let Opinions::Until(_) = opinions {
        return;
    }
    // The digit model misreads some serif faces at one size and not at
    // another (the first 5 of 55258 as 9 at 40 px, right at 20 to 30).
    let margin = (tallest / 2.0) as u32;
    for smaller in SMALLER_READINGS {
        if let Some(crop) = ink.crop(&prepared.gray, margin, scale * smaller) {
            let (text, confidence) = engines.digits.read_image(&crop, dpi(ppt * scale * smaller));
            votes.add(&text, confidence);
        }
    }
}

/// Sizes, against the usual, a cell is read at too when every reading is
/// asked for.
const SMALLER_READINGS: [f32; 1] = [0.6];

/// Lines of digits of about one height whose heights differ by at most this share.
const SAME_HEIGHT: f32 = 0.3;

/// A number wrapped over lines in a narrow cell ("11" over "3" for 113):
/// when every line of the ink is digits of one height, each line is read on
/// its own and the readings joined. `None` when the ink is not that, or a
/// line gives no number the readings agree on.
fn read_wrapped_number(
    ink: &cell::CellInk,
    prepared: &Prepared,
    engines: &mut Engines,
    scale: f32,
) -> Option<(String, f32)> {
    let mut text = String::new();
    let mut confidence = 1.0f32;
    for line in &wrapped_lines(ink)? {
        let opinions = Opinions::Until(SURE_WRAPPED_LINE);
        let votes = line_votes(line, prepared, engines, scale, opinions)?;
        let (read, c) = votes.best()?;
        if c < MIN_WORD_CONFIDENCE || !read.chars().all(|ch| ch.is_ascii_digit()) {
            return None;
        }
        text.push_str(&read);
        // A line read two ways is a slip that the other lines cannot show.
        confidence = confidence.min(if votes.disputed() { DISPUTED } else { c });
    }
    Some((text, confidence))
}

/// A line of a wrapped number is read once when that reading is at least
/// this sure: each line's slip goes into the whole number, and the digit
/// model reads a serif 5 as 9 at 0.87 (5926074 as 9926074).
const SURE_WRAPPED_LINE: f32 = 0.95;

/// Readings of a line of a wrapped number kept to join with the others'.
const WRAPPED_LINE_READINGS: usize = 3;

/// Every way a number wrapped over lines reads: the readings in digits of
/// each line, read every way, joined with the other lines', each as sure as
/// its least sure line. Empty when the ink is not that.
fn wrapped_readings(
    ink: &cell::CellInk,
    prepared: &Prepared,
    engines: &mut Engines,
    scale: f32,
) -> Vec<(String, f32)> {
    let Some(lines) = wrapped_lines(ink) else {
        return Vec::new();
    };
    let mut joined = vec![(String::new(), 1.0f32)];
    for line in &lines {
        let Some(votes) = line_votes(line, prepared, engines, scale, Opinions::Every) else {
            return Vec::new();
        };
        let readings: Vec<(String, f32)> = votes
            .ranked()
            .into_iter()
            .filter(|(t, _)| t.chars().all(|c| c.is_ascii_digit()))
            .take(WRAPPED_LINE_READINGS)
            .collect();
        joined = joined
            .iter()
            .flat_map(|(head, c)| {
                readings
                    .iter()
                    .map(move |(t, d)| (format!("{head}{t}"), c.min(*d)))
            })
            .collect();
    }
    joined
}

/// The lines of `ink` when each is digits of about one height (a number
/// wrapped in a narrow cell); None for one line or anything else.
fn wrapped_lines(ink: &cell::CellInk) -> Option<Vec<cell::CellInk>> {
    let lines = ink.lines();
    let tallest = ink.tallest().max(1) as f32;
    let digit_like = |l: &cell::CellInk| {
        let spans = l.columns();
        let h = l.tallest() as f32;
        let narrow = median_width(&spans).is_some_and(|w| w < SQUARE * h);
        narrow && h >= (1.0 - SAME_HEIGHT) * tallest && l.pieces.len() < 2 * spans.len().max(1)
    };
    (lines.len() >= 2 && lines.iter().all(digit_like)).then_some(lines)
}

/// The digit readings of one line of ink (see [`digit_readings`]).
fn line_votes(
    line: &cell::CellInk,
    prepared: &Prepared,
    engines: &mut Engines,
    scale: f32,
    opinions: Opinions,
) -> Option<Votes> {
    let margin = line.tallest() / 2;
    let roomy = line.crop(&prepared.gray, margin, scale)?;
    let mut votes = Votes::new(line.columns().len(), line.has_decimal_point());
    digit_readings(line, &roomy, prepared, engines, scale, &mut votes, opinions);
    Some(votes)
}

/// Whether a reading is a number of several digits starting with 0 ("042",
/// not "0" or "0.5").
fn leading_zero(text: &str) -> bool {
    let digits: Vec<char> = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.first() == Some(&'0') && digits.get(1).is_some_and(char::is_ascii_digit)
}

/// The median width of characters side by side (as [`cell::CellInk::columns`]
/// gives them), in pixels: square for Chinese, about half the height for digits.
fn median_width(spans: &[(u32, u32)]) -> Option<f32> {
    let mut widths: Vec<u32> = spans.iter().map(|(a, b)| b - a + 1).collect();
    widths.sort_unstable();
    widths.get(widths.len() / 2).map(|&w| w as f32)
}

fn dpi(px_per_pt: f32) -> u32 {
    (px_per_pt * 72.0).round() as u32
}

fn read_words(image: &GrayImage, dpi: u32, engines: &mut Engines) -> (String, f32) {
    engines.text.set_page_seg_mode(PSM_SINGLE_BLOCK);
    let (text, confidence) = engines.text.read_image(image, dpi);
    engines.text.set_page_seg_mode(PSM_AUTO);
    (join_label_lines(&text), confidence)
}

/// Readings of one number cell, pooled by value: the value with the most
/// confidence behind it wins. A reading with fewer characters than the ink
/// has side by side dropped one ("44" read "4") and counts for little, and
/// so does one without the decimal point the ink shows ("12.5" read "125").
struct Votes {
    columns: usize,
    /// The ink shows a decimal point: a reading without one dropped it.
    point: bool,
    readings: Vec<(String, f64, f32)>,
}

/// Weight of a reading shorter than the ink it came from.
const SHORT_READING: f32 = 0.25;

impl Votes {
    fn new(columns: usize, point: bool) -> Votes {
        Votes {
            columns,
            point,
            readings: Vec::new(),
        }
    }

    fn add(&mut self, text: &str, confidence: f32) {
        let Parsed::Value { value, .. } = parse(text, Kind::Amount) else {
            return;
        };
        let chars = visible_chars(text);
        let weight = if chars < self.columns || (self.point && !text.contains('.')) {
            confidence * SHORT_READING
        } else {
            confidence
        };
        self.readings.push((text.trim().to_string(), value, weight));
    }

    /// One reading, consistent with the ink and at least `at` sure.
    fn sure(&self, at: f32) -> bool {
        self.readings.len() == 1 && self.readings[0].2 >= at
    }

    /// Whether the readings give more than one value.
    fn disputed(&self) -> bool {
        self.pooled().len() > 1
    }

    /// The value with the most weight behind it: its most confident
    /// reading's text and weight.
    fn best(&self) -> Option<(String, f32)> {
        let pooled = self.pooled();
        let best = pooled.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some(self.reading(best))
    }

    /// Every value read, the most weight behind it first.
    fn ranked(&self) -> Vec<(String, f32)> {
        let mut pooled = self.pooled();
        pooled.sort_by(|a, b| b.1.total_cmp(&a.1));
        pooled.iter().map(|p| self.reading(p)).collect()
    }

    /// The readings grouped by value: the value, the weight behind it, and
    /// its most confident reading.
    fn pooled(&self) -> Vec<(f64, f32, usize)> {
        let mut pooled: Vec<(f64, f32, usize)> = Vec::new();
        for (i, r) in self.readings.iter().enumerate() {
            match pooled.iter_mut().find(|p| p.0 == r.1) {
                Some(p) => {
                    p.1 += r.2;
                    if r.2 > self.readings[p.2].2 {
                        p.2 = i;
                    }
                }
                None => pooled.push((r.1, r.2, i)),
            }
        }
        pooled
    }

    /// A pooled value's most confident reading: its text and weight.
    fn reading(&self, pooled: &(f64, f32, usize)) -> (String, f32) {
        let r = &self.readings[pooled.2];
        (r.0.clone(), r.2)
    }
}

/// Characters of a text other than spaces.
fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

fn cjk(text: &str) -> usize {
    text.chars().filter(|&c| crate::layout::is_cjk(c)).count()
}

/// The Chinese characters in `text`, without the full-width punctuation and
/// quotes [`cjk`] counts: what a label has and a border's residue has not.
fn han(text: &str) -> usize {
    text.chars()
        .filter(|&c| crate::layout::is_ideograph(c))
        .count()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lone(at: usize, shape: &[f32], text: &str, confidence: f32) -> Lone {
        Lone {
            at: (0, at),
            shape: shape.to_vec(),
            text: text.into(),
            confidence,
        }
    }

    fn mark(at: usize, width: u32, height: u32, faint: bool) -> Mark {
        Mark {
            at: (0, at),
            width,
            height,
            faint,
        }
    }

    #[test]
    fn unread_marks_the_size_of_several_others_are_dashes() {
        let marks = [
            mark(0, 3, 2, true),
            mark(1, 4, 2, true),
            mark(2, 3, 3, false),
            mark(3, 3, 2, true),
            // Taller than wide: no dash.
            mark(4, 2, 3, true),
            // A speck of another size: dust.
            mark(5, 7, 2, true),
        ];
        assert_eq!(faint_dashes(&marks), vec![(0, 0), (0, 1), (0, 3)]);
        assert!(faint_dashes(&marks[..3]).is_empty(), "too few alike");
    }

    #[test]
    fn an_unsure_glyph_printed_like_a_sure_one_is_that_character() {
        let wu = [1.0, 1.0, 0.0, 1.0, 0.5, 1.0, 1.0, 0.0, 1.0];
        let wu_again = [1.0, 1.0, 0.0, 1.0, 0.4, 1.0, 1.0, 0.0, 1.0];
        let other = [0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0];
        let cells = [
            lone(0, &wu, "无", 0.96),
            lone(1, &wu_again, "天", 0.2),
            lone(2, &other, "", 0.0),
            // Two digits read surely enough stay as read.
            lone(3, &wu_again, "10", 0.7),
        ];
        let given = by_likeness(&cells);
        assert_eq!(given.len(), 1, "{given:?}");
        assert_eq!(given[0].0, (0, 1));
        assert_eq!(given[0].1, "无");
        assert!(given[0].2 < 0.96 && given[0].2 > 0.8);
    }

    #[test]
    fn a_glyph_between_two_sure_characters_is_left_as_read() {
        let a = [1.0, 1.0, 0.0, 0.0];
        let b = [1.0, 1.0, 1.0, 0.0];
        let between = [1.0, 1.0, 0.5, 0.0];
        let cells = [
            lone(0, &a, "无", 0.95),
            lone(1, &b, "元", 0.95),
            lone(2, &between, "天", 0.1),
        ];
        assert!(by_likeness(&cells).is_empty());
    }

    #[test]
    fn a_number_read_with_a_leading_zero_is_a_cut_digit() {
        assert!(leading_zero("042"));
        assert!(leading_zero("0 34"));
        assert!(!leading_zero("0"));
        assert!(!leading_zero("0.5"));
        assert!(!leading_zero("102"));
        assert!(!leading_zero("—"));
    }

    #[test]
    fn likeness_is_one_for_the_same_shape_and_zero_for_disjoint_ink() {
        assert_eq!(likeness(&[1.0, 0.0], &[1.0, 0.0]), 1.0);
        assert_eq!(likeness(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
        assert_eq!(likeness(&[0.0, 0.0], &[0.0, 0.0]), 0.0);
    }
}

//! The publication date read again from its own line: the page pass reads
//! dates in Chinese numerals (二〇二四年一月十七日) as noise and drops digits of
//! numeric ones, so the few lines that may be a date — under the signature at
//! the end of the text, or after 发布日期 / 成文日期 near the title — are read
//! once restricted to Chinese numerals and once to digits.

use super::cell::CellInk;
use super::lines::{black_level, ink_bands, ink_columns};
use super::prep::{pixel_at, pixel_bound};
use super::{Engines, Prepared, dpi, ink_in, read_line, visible_chars};
use crate::layout::{Line, PageLayout, band, is_page_number};
use crate::page::{BBox, Glyph};
use crate::report::text::{DATE_LABELS, date_shaped, labelled_date, parse_date};

/// What a date in Chinese numerals is written with: 〇 and the two other
/// zeros (零, and ○ that many documents put for 〇).
const CHINESE_DATE: &str = "〇一二三四五六七八九十年月日零○";
/// What a date in Chinese numerals is read with: tesseract takes 〇 for a
/// Latin O unless it may, and drops it otherwise.
const CHINESE_DATE_READ: &str = "〇一二三四五六七八九十年月日零○O";
/// What a numeric date is written with.
const NUMERIC_DATE: &str = "0123456789年月日";
/// The confidence a date line is given when its date is not sure: the
/// report leaves it out, since a wrong date is worse than none.
pub const UNSURE_DATE: f32 = 0.0;
/// A reading whose least sure character is below this may have any digit.
const SURE_DATE: f32 = 0.5;
/// A whole reading at least this sure, with another whole reading of the
/// same date, is the date however unsure the other readings are.
const AGREED_DATE: f32 = 0.85;
/// Lines at the end of a page's text that may hold the date under the signature.
const END_LINES: usize = 3;
/// A date line holds at most this many characters ("二〇二四年十二月三十一日"
/// is 12), as read by the page pass, which may split or add a few.
const MAX_DATE_CHARS: usize = 16;
/// A line the page pass read below this confidence, right under a
/// signature, may be a date it could not read.
const UNSURE_LINE: f32 = 0.8;
/// Gap between a signature and the date under it, at most, in line heights.
const UNDER_SIGNATURE: f32 = 2.5;
/// Characters a reading shaped like a date may lack against the ink and
/// still show that the line is the date line.
const MISSING_IN_SHAPE: usize = 3;
/// Margin of the crop around the line, in line heights: tesseract reads a
/// line of Chinese numerals far better with white around it.
const CROP_MARGIN: f32 = 0.25;
/// Heights a line's tallest character is scaled to for its two readings, in
/// pixels: tesseract misses 〇 and runs of 1 in larger print.
const CHARACTER_PX: [f32; 2] = [20.0, 28.0];

/// A line that may be a date, and the box of the date on it (in points):
/// after the label, on a line such as "发布日期：…", and up to its 日.
struct Candidate {
    line: usize,
    date: BBox,
    /// The label kept before the date: bytes of the line's text.
    label: usize,
}

/// Step 3, after the layout of a scanned page: each line that may be a date
/// is read again from its crop; its text is replaced by a reading that is a
/// valid date, with that reading's least confidence or [`UNSURE_DATE`], so
/// that an unsure date is known as the date line but not taken.
pub fn reread_dates(
    layout: &mut PageLayout,
    glyphs: &[Glyph],
    prepared: &Prepared,
    engines: &mut Engines,
) {
    for mut c in candidates(layout, glyphs) {
        let Some(line) = layout.lines.get(c.line) else {
            continue;
        };
        if !line.text.contains('日') {
            c.date.x1 = dark_ink_end(prepared, &c.date, layout.width);
        }
        if c.label == 0 {
            c.date.x0 = dark_ink_start(prepared, &c.date, layout.width);
        }
        let page_date = line.text.get(c.label..).and_then(parse_date);
        let page_reading = page_reading(&c.date, glyphs);
        let Some((text, confidence)) =
            read_date(&c.date, page_date, page_reading, false, prepared, engines)
        else {
            continue;
        };
        let Some(line) = layout.lines.get_mut(c.line) else {
            continue;
        };
        let label = line.text.get(..c.label).unwrap_or_default();
        line.text = format!("{label}{text}");
        line.confidence = confidence;
    }
    let mut tail = layout.lines.iter().rev().take(END_LINES);
    if tail.any(|l| parse_date(&l.text).is_some() || date_shaped(&l.text)) {
        return;
    }
    // The first sure date, else the first line read as a date with a slip:
    // the date line is there though its date is not known.
    let mut found: Option<(BBox, String, f32)> = None;
    for date in unread_lines(layout, prepared) {
        let Some((text, confidence)) =
            read_date(&date, None, (String::new(), 0.0), true, prepared, engines)
        else {
            continue;
        };
        let sure = confidence > UNSURE_DATE;
        if sure || found.is_none() {
            found = Some((date, text, confidence));
        }
        if sure {
            break;
        }
    }
    let Some((date, text, confidence)) = found else {
        return;
    };
    // What the page pass made of the same line (2025年-02月26日 read with a
    // slip, or a seal over it read as noise) gives way to it.
    let across = |l: &Line| l.bbox.y1.min(date.y1) - l.bbox.y0.max(date.y0);
    layout
        .lines
        .retain(|l| !(short(l) && across(l) >= 0.5 * date.height()));
    let at = layout
        .lines
        .iter()
        .position(|l| l.bbox.y0 > date.y0)
        .unwrap_or(layout.lines.len());
    layout.lines.insert(
        at,
        Line {
            text,
            bbox: date,
            size: date.height(),
            confidence,
        },
    );
}

/// Where the ink darker than half the threshold that carries on a line
/// from the right end of `date` ends, in points: the rest of a date the page
/// pass stopped reading where a grey seal's ring crosses it. Gaps of up to
/// two line heights are crossed.
fn dark_ink_end(prepared: &Prepared, date: &BBox, page_width: f32) -> f32 {
    let ppt = prepared.px_per_pt;
    let limit = 0.95 * page_width * ppt;
    let end = dark_ink_reach(prepared, date, date.x1 * ppt, limit, 2.0);
    (end / ppt).max(date.x1)
}

/// Where the ink darker than half the threshold that carries on a line
/// from the left end of `date` starts, in points: a date's first digit that
/// a grey seal's ring touches is left out of the page pass's line. Only a
/// gap as wide as a character is crossed, so the signature's ink stays out.
fn dark_ink_start(prepared: &Prepared, date: &BBox, page_width: f32) -> f32 {
    let ppt = prepared.px_per_pt;
    let limit = 0.5 * page_width * ppt;
    let start = dark_ink_reach(prepared, date, date.x0 * ppt, limit, 1.0);
    (start / ppt).min(date.x0)
}

/// The last column, going from pixel column `from` towards `limit`, with
/// ink darker than half the threshold in `date`'s rows, crossing gaps of up
/// to `max_gap` line heights. A column counts when a tenth of the line's
/// height is dark, which leaves out the page's grain.
fn dark_ink_reach(prepared: &Prepared, date: &BBox, from: f32, limit: f32, max_gap: f32) -> f32 {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |v: f32, max: u32| pixel_at(v, 1.0, max);
    let (y0, y1) = (px(date.y0 * ppt, h), px(date.y1 * ppt, h));
    let (from, limit) = (px(from, w), px(limit, w));
    let max_gap = (max_gap * date.height() * ppt) as u32;
    let min_dark = ((0.1 * date.height() * ppt) as usize).max(2);
    let dark = under_seal(prepared);
    let gray = prepared.gray.as_raw();
    let columns: Box<dyn Iterator<Item = u32>> = if limit >= from {
        Box::new(from..limit)
    } else {
        Box::new((limit..from).rev())
    };
    let mut reach = from;
    for x in columns {
        if x.abs_diff(reach) > max_gap {
            break;
        }
        let inked = (y0..y1).filter(|y| gray[(y * w + x) as usize] <= dark);
        if inked.count() >= min_dark {
            reach = x;
        }
    }
    reach as f32
}

/// The grey level at and below which ink is black print, not a grey seal's
/// ring over it: half the page's threshold.
fn under_seal(prepared: &Prepared) -> u8 {
    prepared.level / 2
}

/// How far under a page's last line of text a date line the page pass
/// missed is looked for, in line heights.
const UNDER_LAST_LINE: f32 = 6.0;

/// The boxes of the lines of ink under the page's last line of text that
/// may be a date the page pass did not read at all (with the signature over
/// it): a grey seal stamped over them makes the layout analysis take them
/// for part of a picture, and a page holding only the end matter may read
/// as no text at all. Only ink darker than half the threshold counts,
/// which leaves the seal's ring out; a line must be as tall as the text and
/// as wide as a date.
fn unread_lines(layout: &PageLayout, prepared: &Prepared) -> Vec<BBox> {
    let Some((x0, x1, y0, y1, size)) = under_last_line(layout, prepared) else {
        return Vec::new();
    };
    let ppt = prepared.px_per_pt;
    let dark = under_seal(prepared);
    // Any dark pixel marks a row; a blank row ends a line.
    ink_bands(prepared, (x0, x1), (y0, y1), dark, 1, 1)
        .into_iter()
        .filter_map(|(top, last)| {
            let bottom = last + 1;
            let height = (bottom - top) as f32 / ppt;
            let size = match size {
                Some(size) if (0.5 * size..=1.8 * size).contains(&height) => size,
                None if (MIN_DATE_PT..=MAX_DATE_PT).contains(&height) => height,
                _ => return None,
            };
            let (first, end) = ink_columns(prepared, (x0, x1), (top, last), dark)?;
            let width = (end + 1 - first) as f32 / ppt;
            (4.0 * size..=MAX_DATE_CHARS as f32 * size)
                .contains(&width)
                .then(|| {
                    BBox::new(
                        first as f32 / ppt,
                        top as f32 / ppt,
                        (end + 1) as f32 / ppt,
                        bottom as f32 / ppt,
                    )
                })
        })
        .take(END_LINES)
        .collect()
}

/// A line starting further right than this from the text's left edge, in
/// text sizes, is set off to the right (a paragraph's indent is 2).
const SET_OFF_RIGHT: f32 = 2.5;
/// The heights of a line of ink that may be a date on a page with no text
/// read, in points.
const MIN_DATE_PT: f32 = 7.0;
const MAX_DATE_PT: f32 = 24.0;
/// Share of the page's height and width left out as its margins, on a page
/// with no text read.
const PAGE_MARGIN: f32 = 0.08;

/// The pixels under a page's last line of prose where a date line the page
/// pass missed may be (left, right, top, bottom), and the text's size in
/// points; the whole page inside its margins, and no size, when the page
/// pass read no prose there; None when a table lies there.
fn under_last_line(
    layout: &PageLayout,
    prepared: &Prepared,
) -> Option<(u32, u32, u32, u32, Option<f32>)> {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| pixel_bound(pt, ppt, max);
    let body = layout.body_lines();
    let left = body.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let right = body.iter().map(|l| l.bbox.x1).fold(0.0, f32::max);
    let size = layout.text_size();
    // Lines set off to the right are the end matter — a signature, or what
    // the page pass made of a seal and the date under it — not prose.
    let last = size.and_then(|size| {
        body.iter()
            .rev()
            .find(|l| l.bbox.x0 <= left + SET_OFF_RIGHT * size)
    });
    let (Some(last), Some(size)) = (last, size) else {
        if !layout.tables.is_empty() {
            return None;
        }
        let (width, height) = (layout.width, layout.height);
        return Some((
            px(PAGE_MARGIN * width, w),
            px((1.0 - PAGE_MARGIN) * width, w),
            px(PAGE_MARGIN * height, h),
            px(0.85 * height, h),
            None,
        ));
    };
    if layout.tables.iter().any(|t| t.bbox.y0 > last.bbox.y1) {
        return None;
    }
    let (x0, x1) = (px(left, w), px(right, w));
    let y0 = px(last.bbox.y1 + 0.2 * size, h);
    let y1 = px(
        (last.bbox.y1 + UNDER_LAST_LINE * size).min(0.85 * layout.height),
        h,
    );
    Some((x0, x1, y0, y1, Some(size)))
}

/// The lines worth a second reading: at most [`END_LINES`] at the end of the
/// page and the labelled date lines, never a table cell.
fn candidates(layout: &PageLayout, glyphs: &[Glyph]) -> Vec<Candidate> {
    let below_tables = layout
        .tables
        .iter()
        .map(|t| t.bbox.y1)
        .fold(f32::NEG_INFINITY, f32::max);
    let lines = &layout.lines;
    let mut out: Vec<Candidate> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.bbox.y0 > below_tables && !is_page_number(&l.text) && label_end(&l.text).is_none()
        })
        .rev()
        .take(END_LINES)
        .filter(|&(i, l)| {
            short(l)
                && (date_like(&l.text)
                    || (l.confidence < UNSURE_LINE && under_signature(i, lines, layout.width)))
        })
        .map(|(i, l)| Candidate {
            line: i,
            date: date_box(l, glyphs, l.bbox.x0),
            label: 0,
        })
        .collect();
    for (i, l) in lines.iter().enumerate() {
        let Some(end) = label_end(&l.text) else {
            continue;
        };
        let rest = &l.text[end..];
        // A numeric date with dashes ("2024-03-08 15:34") is read well as it is.
        if labelled_date(&l.text).is_some() && !rest.contains('年') {
            continue;
        }
        if let Some(from_x) = after_label(l, glyphs) {
            out.push(Candidate {
                line: i,
                date: date_box(l, glyphs, from_x),
                label: end,
            });
        }
    }
    out
}

fn short(l: &Line) -> bool {
    visible_chars(&l.text) <= MAX_DATE_CHARS
        && l.bbox.width() <= MAX_DATE_CHARS as f32 * l.size.max(1.0)
}

/// Text with 年 and 月 or 日, or mostly of the characters a date is written with.
fn date_like(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let of_dates = chars
        .iter()
        .filter(|&&c| CHINESE_DATE.contains(c) || c.is_ascii_digit())
        .count();
    (chars.contains(&'年') && (chars.contains(&'月') || chars.contains(&'日')))
        || (!chars.is_empty() && 2 * of_dates >= chars.len())
}

/// Whether line `i` sits right under a short line in the right half of the
/// page: a date under the signature.
fn under_signature(i: usize, lines: &[Line], page_width: f32) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let Some(above) = i.checked_sub(1).and_then(|j| lines.get(j)) else {
        return false;
    };
    let gap = line.bbox.y0 - above.bbox.y1;
    let size = line.size.max(above.size).max(1.0);
    line.bbox.x1 > page_width / 2.0
        && above.bbox.x1 > page_width / 2.0
        && gap < UNDER_SIGNATURE * size
        && above.text.chars().count() <= 30
}

/// Byte offset in `text` where the date after a label such as 发布日期 starts.
fn label_end(text: &str) -> Option<usize> {
    let at = DATE_LABELS
        .iter()
        .find_map(|l| text.find(l).map(|i| i + l.len()))?;
    let rest = &text[at..];
    let skipped = rest.len() - rest.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
    Some(at + skipped)
}

/// The glyphs whose centres lie in a box (a line's, a date's), left to right.
fn glyphs_in<'g>(b: &BBox, glyphs: &'g [Glyph]) -> Vec<&'g Glyph> {
    let mut inside: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| {
            let (x, y) = (g.bbox.cx(), g.bbox.cy());
            x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
        })
        .collect();
    inside.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    inside
}

/// The box of the date on a line from `from_x` on. It ends at the line's
/// last 日 when the page pass read one: what follows is a seal's ring or a
/// stain, whose ink would count as characters the reading dropped. Its top
/// and bottom are those of most of its glyphs, not of all: a piece of a
/// seal boxed with a character makes the line twice as tall.
fn date_box(line: &Line, glyphs: &[Glyph], from_x: f32) -> BBox {
    let on_line = glyphs_in(&line.bbox, glyphs);
    let to_x = on_line
        .iter()
        .rev()
        .find(|g| g.ch == '日')
        .map_or(line.bbox.x1, |g| g.bbox.x1);
    let inside: Vec<&Glyph> = on_line
        .into_iter()
        .filter(|g| g.bbox.cx() >= from_x && g.bbox.cx() <= to_x)
        .collect();
    if inside.is_empty() {
        return BBox::new(from_x, line.bbox.y0, to_x, line.bbox.y1);
    }
    let (y0, y1) = band(&inside);
    BBox::new(from_x, y0, to_x, y1)
}

/// What the page pass read inside a date's box, and its least confidence.
fn page_reading(date: &BBox, glyphs: &[Glyph]) -> (String, f32) {
    let inside = glyphs_in(date, glyphs);
    let text = inside
        .iter()
        .map(|g| g.ch)
        .filter(|c| !c.is_whitespace())
        .collect();
    let least = inside.iter().map(|g| g.confidence).fold(1.0, f32::min);
    (text, least)
}

/// Where the date starts on a labelled line, in points: right of the
/// glyphs of the label and its colon.
fn after_label(line: &Line, glyphs: &[Glyph]) -> Option<f32> {
    let on_line = glyphs_in(&line.bbox, glyphs);
    let text: String = on_line.iter().map(|g| g.ch).collect();
    let end = label_end(&text)?;
    let before = text[..end].chars().count();
    let last = on_line.get(before.checked_sub(1)?)?;
    (last.bbox.x1 < line.bbox.x1).then_some(last.bbox.x1)
}

/// The date in `date` (a box on its line), read at two sizes in
/// Chinese numerals and in digits, with what the page pass read in the box
/// (`page`) as one more reading: the surest reading that is a valid date
/// and the least confidence of all such readings; [`UNSURE_DATE`] when the
/// whole readings disagree, every reading dropped a character, or that
/// confidence is low and the page pass read another date on the line
/// (`page_date`). A line under the text that the page pass did not read
/// (`unread`) is the date line when any reading is shaped like a date,
/// however much ink is left over: its seal adds ink but no prose.
fn read_date(
    date: &BBox,
    page_date: Option<(u32, u32, u32)>,
    page: (String, f32),
    unread: bool,
    prepared: &Prepared,
    engines: &mut Engines,
) -> Option<(String, f32)> {
    let ppt = prepared.px_per_pt;
    let margin = CROP_MARGIN * date.height();
    let x0 = ((date.x0 - margin) * ppt).max(0.0) as u32;
    let y0 = ((date.y0 - margin) * ppt).max(0.0) as u32;
    let x1 = ((date.x1 + margin) * ppt).max(0.0) as u32;
    let y1 = ((date.y1 + margin) * ppt).max(0.0) as u32;
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let rect = (x0, y0, x1 - x0, y1 - y0);
    let ink = ink_in(prepared, rect);
    let columns = ink.columns().len();
    ink.extent()?;
    let mut readings = read_crop(&ink, ppt, engines);
    // Black print under a grey seal's ring: at the page's threshold the
    // ring is ink too. The print anchored on its ink darker than half of it
    // keeps the thin strokes of serif digits that half alone breaks, and
    // loses the ring; half, and a little more at low resolution, come after.
    let part = prepared.part(rect);
    let seal = under_seal(prepared);
    let reach = (ANCHOR_PT * ppt).round().max(1.0) as u32;
    let alternatives: [&dyn Fn() -> Prepared; 3] = [
        &|| part.anchored(seal, reach),
        &|| part.darker(seal),
        &|| part.darker(black_level(prepared)),
    ];
    for alternative in alternatives {
        // One whole reading alone may be a misread digit (1 read 7 where a
        // seal's ring crosses it, at 0.90): the other inks are read until a
        // second one gives a date, which must be the same.
        if whole_dates(&readings) >= 2 {
            break;
        }
        let (_, _, w, h) = rect;
        readings.extend(read_crop(
            &ink_in(&alternative(), (0, 0, w, h)),
            ppt,
            engines,
        ));
    }
    // A seal or a stain over one character may spoil every reading of the
    // crop while the page pass, reading the page whole, got the line right.
    let (text, least) = page;
    let read = text.chars().map(ink_columns_of).sum::<usize>();
    if let Some(date) = parse_date(&text)
        && read + 1 >= columns
        && least >= SURE_DATE
    {
        readings.push(Reading {
            whole: read >= columns,
            text,
            date: Some(date),
            least,
            shaped: true,
        });
    }
    let Some(surest) = readings.iter().filter(|r| r.date.is_some()).max_by(|a, b| {
        (a.whole, a.least)
            .partial_cmp(&(b.whole, b.least))
            .unwrap_or(std::cmp::Ordering::Equal)
    }) else {
        // A date line whose date no reading gives: known as the date line,
        // its date left out (the page pass's own reading stays when it has one).
        if page_date.is_some() {
            return None;
        }
        let longest = readings
            .iter()
            .filter(|r| r.shaped || unread)
            .max_by_key(|r| r.text.chars().count())?;
        return Some((longest.text.clone(), UNSURE_DATE));
    };
    let sure = surest.whole
        && readings
            .iter()
            .filter(|r| r.whole && r.date.is_some())
            .all(|r| r.date == surest.date);
    let least = readings
        .iter()
        .filter(|r| r.date.is_some())
        .map(|r| r.least)
        .fold(1.0, f32::min);
    // The page pass reading the same date is a second opinion; so are
    // whole readings at other sizes or inks, behind one read surely.
    let confirmed = least >= SURE_DATE
        || page_date == surest.date
        || (whole_dates(&readings) >= 2 && surest.least >= AGREED_DATE);
    let confidence = if sure && confirmed {
        least
    } else {
        UNSURE_DATE
    };
    Some((surest.text.clone(), confidence))
}

/// How many readings give a date with no character dropped.
fn whole_dates(readings: &[Reading]) -> usize {
    readings
        .iter()
        .filter(|r| r.whole && r.date.is_some())
        .count()
}

/// The readings of a date line's ink that are valid dates or shaped like
/// one: at two sizes, in Chinese numerals and in digits.
fn read_crop(ink: &CellInk, ppt: f32, engines: &mut Engines) -> Vec<Reading> {
    let Some((left, ..)) = ink.extent() else {
        return Vec::new();
    };
    let tallest = ink.tallest().max(1) as f32;
    let rings = rings(ink);
    let mut readings = Vec::new();
    for height in CHARACTER_PX {
        let scale = height / tallest;
        let Some(image) = ink.render(scale, height as u32) else {
            continue;
        };
        let at = |x: u32| (x - left) as f32 * scale + height;
        let spans: Vec<(f32, f32)> = ink
            .columns()
            .iter()
            .map(|&(a, b)| (at(a), at(b + 1)))
            .collect();
        for whitelist in [CHINESE_DATE_READ, NUMERIC_DATE] {
            let symbols = read_line(engines, &image, dpi(ppt * scale), whitelist);
            let mut text: String = symbols
                .iter()
                .flat_map(|s| s.text.trim().chars())
                .map(|c| if c == 'O' { '〇' } else { c })
                .collect();
            let least = symbols.iter().map(|s| s.confidence).fold(1.0, f32::min);
            // A box far wider than a character is the engine's guess.
            let wide: Vec<(f32, f32)> = symbols
                .iter()
                .filter(|s| s.text.chars().any(|c| "年月日".contains(c)))
                .filter(|s| (s.right - s.left) as f32 <= WIDE_BOX * height)
                .map(|s| (s.left as f32, s.right as f32))
                .collect();
            let mut strokes_agree = true;
            if whitelist == CHINESE_DATE_READ {
                let characters = character_spans(&spans, &wide, None);
                let rings: Vec<usize> = rings
                    .iter()
                    .map(|&(a, _)| characters.iter().filter(|c| c.1 <= at(a)).count())
                    .collect();
                text = with_rings(&text, &rings, characters.len());
                let pieces: Vec<(f32, f32)> = ink
                    .pieces
                    .iter()
                    .map(|p| ((at(p.x0) + at(p.x1 + 1)) / 2.0, p.height() as f32 / tallest))
                    .collect();
                strokes_agree = level_numerals_agree(&text, &characters, &pieces);
            }
            let read = text.chars().map(ink_columns_of).sum::<usize>();
            let digit = if whitelist == NUMERIC_DATE {
                digit_width(&spans, height)
            } else {
                None
            };
            let columns = character_spans(&spans, &wide, digit).len();
            let missing = columns.saturating_sub(read);
            // More ink than one dropped character: the line holds more than
            // a date, or a date with characters lost under a seal, which
            // only tells that this is the date line.
            let date = parse_date(&text).filter(|_| missing <= 1);
            let shaped = parse_date(&text).is_some() || date_shaped(&text);
            if shaped {
                readings.push(Reading {
                    whole: missing == 0 && strokes_agree,
                    shaped: date.is_some() || missing <= MISSING_IN_SHAPE,
                    text,
                    date,
                    least,
                });
            }
        }
    }
    readings
}

/// The x-ranges (page pixels) of the rings on a date line: pieces alone in
/// their column, round, hollow and smaller than the line's characters, as
/// ○ for 〇 is printed in many fonts.
fn rings(ink: &CellInk) -> Vec<(u32, u32)> {
    let tallest = ink.tallest() as f32;
    ink.pieces
        .iter()
        .filter(|p| {
            let (w, h) = (p.width() as f32, p.height() as f32);
            let alone = ink
                .pieces
                .iter()
                .filter(|q| q.x0 <= p.x1 && q.x1 >= p.x0)
                .count()
                == 1;
            alone
                && (RING_HEIGHT[0] * tallest..=RING_HEIGHT[1] * tallest).contains(&h)
                && (RING_ASPECT[0] * h..=RING_ASPECT[1] * h).contains(&w)
                && (p.area as f32) <= RING_FILL * w * h
        })
        .map(|p| (p.x0, p.x1))
        .collect()
}

/// Columns of ink a character read stands on: 八's two strokes stand apart.
fn ink_columns_of(c: char) -> usize {
    if c == '八' { 2 } else { 1 }
}

/// A reading in Chinese numerals with a 〇 put back at each ring the engine
/// dropped: `rings` are the rings' places among the `columns` characters of
/// the ink. Only when no 〇 was read and exactly the rings are missing.
fn with_rings(text: &str, rings: &[usize], columns: usize) -> String {
    let read: usize = text.chars().map(ink_columns_of).sum();
    if rings.is_empty() || text.contains('〇') || read + rings.len() != columns {
        return text.to_string();
    }
    let mut out = String::new();
    let mut column = 0;
    let mut chars = text.chars();
    loop {
        if rings.contains(&column) {
            out.push('〇');
            column += 1;
            continue;
        }
        let Some(c) = chars.next() else {
            break;
        };
        out.push(c);
        column += ink_columns_of(c);
    }
    out
}

/// Heights of a ring printed for 〇, in the line's tallest character's.
const RING_HEIGHT: [f32; 2] = [0.3, 0.85];
/// Widths of a ring, in its height.
const RING_ASPECT: [f32; 2] = [0.75, 1.33];
/// Most of its box a ring's ink fills: the rest is its hole.
const RING_FILL: f32 = 0.6;

/// The characters that ink columns (`spans`, left to right) are, each as
/// the span it covers, where the columns inside one of the boxes of 年, 月
/// or 日 (`wide`) are one: at half the threshold their strokes come apart,
/// while two digits side by side stay two whatever box one of them was read
/// in. In digits, so are two columns no wider together than a `digit`: the
/// stems of a serif 0 or 6 whose hairlines the threshold lost (two digits
/// are twice as wide; the strokes of 八 are no digit's).
fn character_spans(
    spans: &[(f32, f32)],
    wide: &[(f32, f32)],
    digit: Option<f32>,
) -> Vec<(f32, f32)> {
    let mut out: Vec<(f32, f32)> = Vec::new();
    let mut last_wide = None;
    let mut start = f32::NEG_INFINITY;
    for &(a, b) in spans {
        let centre = (a + b) / 2.0;
        let inside = wide.iter().position(|&(l, r)| (l..=r).contains(&centre));
        let one_digit = inside.is_none() && digit.is_some_and(|d| b - start <= DIGIT_SLACK * d);
        match out.last_mut() {
            Some(last) if (inside.is_some() && inside == last_wide) || one_digit => last.1 = b,
            _ => {
                out.push((a, b));
                start = a;
            }
        }
        last_wide = inside;
    }
    out
}

/// Whether each 一, 二 and 三 of a reading in Chinese numerals stands on
/// ink of as many level strokes or more (a stroke broken in two counts
/// twice), and nothing taller: 六 blurred at 150 dpi reads 二. `characters`
/// are the ink's characters, left to right; `pieces` the centre and the
/// height (in the line's tallest character's) of each piece of ink. True
/// when the reading and the ink do not pair up character for character.
fn level_numerals_agree(text: &str, characters: &[(f32, f32)], pieces: &[(f32, f32)]) -> bool {
    if text.chars().map(ink_columns_of).sum::<usize>() != characters.len() {
        return true;
    }
    let mut at = 0;
    text.chars().all(|c| {
        let (l, r) = characters[at];
        at += ink_columns_of(c);
        let strokes = match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            _ => return true,
        };
        let here: Vec<f32> = pieces
            .iter()
            .filter(|p| (l..=r).contains(&p.0))
            .map(|p| p.1)
            .collect();
        here.len() >= strokes && here.iter().all(|&h| h <= LEVEL_STROKE)
    })
}

/// Tallest a piece of a level stroke stands, in the line's tallest
/// character's height: 一, 二 and 三 have no other strokes.
const LEVEL_STROKE: f32 = 0.3;

/// The median width of the columns as wide as a digit is (a share of the
/// line's `height` in pixels), if any.
fn digit_width(spans: &[(f32, f32)], height: f32) -> Option<f32> {
    let mut widths: Vec<f32> = spans
        .iter()
        .map(|(a, b)| b - a)
        .filter(|w| (DIGIT_WIDTH[0] * height..=DIGIT_WIDTH[1] * height).contains(w))
        .collect();
    widths.sort_by(f32::total_cmp);
    widths.get(widths.len() / 2).copied()
}

/// Widths of a digit's ink, in line heights: a 1 is narrower, a Chinese
/// character wider.
const DIGIT_WIDTH: [f32; 2] = [0.4, 0.8];
/// How much wider than a digit two columns of one digit may span.
const DIGIT_SLACK: f32 = 1.1;

/// How far ink lighter than half the threshold may lie from darker ink
/// and still be print, in points: a serif digit's hairline between its stems.
const ANCHOR_PT: f32 = 1.0;

/// The widest a box of 年, 月 or 日 whose strokes are one character may be,
/// in character heights.
const WIDE_BOX: f32 = 1.3;

/// One reading of a date line: a valid date, or a date read with a slip.
struct Reading {
    text: String,
    date: Option<(u32, u32, u32)>,
    /// Confidence of its least sure character.
    least: f32,
    /// As many characters as the ink has side by side: none was dropped
    /// (tesseract reads "11" as "1"). 八 is two strokes apart.
    whole: bool,
    /// Shaped like a date with at most [`MISSING_IN_SHAPE`] characters
    /// lost: on a line the page pass read, more ink than that is prose.
    shaped: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_may_be_dates() {
        assert!(date_like("内年二月让巧卓"));
        assert!(date_like("二〇二四年一月十七日"));
        assert!(date_like("2024 1 1l"));
        assert!(!date_like("攀枝花市仁和区行政审批局"));
        assert!(!date_like("项。"));
    }

    #[test]
    fn the_date_starts_after_its_label_and_colon() {
        let t = "成文日期：二〇二四年一月十九日";
        assert_eq!(label_end(t).map(|i| &t[i..]), Some("二〇二四年一月十九日"));
        let t = "来源：区政府办公室\u{3000}发布日期: 2024年1月1日";
        assert_eq!(label_end(t).map(|i| &t[i..]), Some("2024年1月1日"));
        assert_eq!(label_end("二〇二四年一月十九日"), None);
    }

    #[test]
    fn a_level_numeral_read_from_a_taller_stroke_disagrees_with_the_ink() {
        // 三月二日 over four characters: 三 on three level strokes, 二 on two.
        let characters = [(0.0, 10.0), (12.0, 22.0), (24.0, 34.0), (36.0, 46.0)];
        let level = [(5.0, 0.1), (5.0, 0.1), (5.0, 0.1), (17.0, 0.9)];
        let two = [(29.0, 0.1), (29.0, 0.12)];
        let day = [(41.0, 1.0)];
        let pieces: Vec<(f32, f32)> = [&level[..], &two, &day].concat();
        assert!(level_numerals_agree("三月二日", &characters, &pieces));
        // 六 (a dot, a stroke and two legs) read as 二.
        let six = [(29.0, 0.1), (29.0, 0.15), (27.0, 0.45), (31.0, 0.45)];
        let pieces: Vec<(f32, f32)> = [&level[..], &six, &day].concat();
        assert!(!level_numerals_agree("三月二日", &characters, &pieces));
        // A reading that does not pair up with the ink is left to the count.
        assert!(level_numerals_agree("三月二", &characters, &pieces));
    }

    #[test]
    fn rings_the_engine_dropped_are_put_back_where_they_stand() {
        // 二〇二〇年一月一日 read without its two rings, at columns 1 and 3.
        assert_eq!(
            with_rings("二二年一月一日", &[1, 3], 9),
            "二〇二〇年一月一日"
        );
        // 八 is two columns of ink.
        assert_eq!(with_rings("二二八年", &[1], 6), "二〇二八年");
        // Nothing is put back when a 〇 was read, or more than the rings is missing.
        assert_eq!(with_rings("二〇二年", &[3], 5), "二〇二年");
        assert_eq!(with_rings("二二年", &[1], 5), "二二年");
    }

    #[test]
    fn the_strokes_of_a_wide_character_are_one_character() {
        // 2 0 年 (in two strokes) 1 1: five characters.
        let spans = [
            (0.0, 10.0),
            (12.0, 22.0),
            (25.0, 38.0),
            (39.0, 44.0),
            (50.0, 55.0),
            (58.0, 63.0),
        ];
        assert_eq!(character_spans(&spans, &[(24.0, 45.0)], None).len(), 5);
        // A 1 read inside the box of 日 still counts apart from 日's strokes.
        let spans = [(0.0, 5.0), (8.0, 20.0), (21.0, 26.0)];
        assert_eq!(character_spans(&spans, &[(7.0, 27.0)], None).len(), 2);
        assert_eq!(character_spans(&spans, &[], None).len(), 3);
    }

    #[test]
    fn the_stems_of_a_digit_whose_hairlines_broke_are_one_digit() {
        // 2 0(in two stems) 2 5, 16 pixels high; then 1 1 in serifs.
        let spans = [
            (0.0, 9.0),
            (11.0, 14.0),
            (18.0, 20.0),
            (23.0, 32.0),
            (35.0, 44.0),
            (50.0, 55.0),
            (60.0, 65.0),
        ];
        let digit = digit_width(&spans, 16.0);
        assert_eq!(digit, Some(9.0));
        assert_eq!(character_spans(&spans, &[], digit).len(), 6);
        // No digit of its width to go by: every column counts.
        assert_eq!(digit_width(&spans[1..3], 16.0), None);
        assert_eq!(character_spans(&spans, &[], None).len(), 7);
    }
}

//! The publication date read again from its own line: the page pass reads
//! dates in Chinese numerals (二〇二四年一月十七日) as noise and drops digits of
//! numeric ones, so the few lines that may be a date — under the signature at
//! the end of the text, or after 发布日期 / 成文日期 near the title — are read
//! once restricted to Chinese numerals and once to digits.

use super::cell::CellInk;
use super::lines::{black_level, ink_bands, ink_columns};
use super::{Engines, Prepared, dpi, ink_in, read_line};
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
        let page_date = line.text.get(c.label..).and_then(parse_date);
        let page_reading = page_reading(&c.date, glyphs);
        let Some((text, confidence)) =
            read_date(&c.date, page_date, page_reading, prepared, engines)
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
            read_date(&date, None, (String::new(), 0.0), prepared, engines)
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
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| ((pt * ppt).max(0.0) as u32).min(max);
    let (y0, y1) = (px(date.y0, h), px(date.y1, h));
    let (from, limit) = (px(date.x1, w), px(0.95 * page_width, w));
    let max_gap = (2.0 * date.height() * ppt) as u32;
    let dark = under_seal(prepared);
    let gray = prepared.gray.as_raw();
    let mut end = from;
    for x in from..limit {
        if x - end > max_gap {
            break;
        }
        if (y0..y1).any(|y| gray[(y * w + x) as usize] <= dark) {
            end = x;
        }
    }
    (end as f32 / ppt).max(date.x1)
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
/// for part of a picture. Only ink darker than half the threshold counts,
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
            if !(0.5 * size..=1.8 * size).contains(&height) {
                return None;
            }
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

/// The pixels under a page's last line of text where a date line the page
/// pass missed may be (left, right, top, bottom), and the text's size in
/// points; None when a table or nothing lies there.
fn under_last_line(layout: &PageLayout, prepared: &Prepared) -> Option<(u32, u32, u32, u32, f32)> {
    let body = layout.body_lines();
    let last = body.last()?;
    if layout.tables.iter().any(|t| t.bbox.y0 > last.bbox.y1) {
        return None;
    }
    let size = layout.text_size()?;
    let left = body.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let right = body.iter().map(|l| l.bbox.x1).fold(0.0, f32::max);
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| ((pt * ppt).max(0.0) as u32).min(max);
    let (x0, x1) = (px(left, w), px(right, w));
    let y0 = px(last.bbox.y1 + 0.2 * size, h);
    let y1 = px(
        (last.bbox.y1 + UNDER_LAST_LINE * size).min(0.85 * layout.height),
        h,
    );
    Some((x0, x1, y0, y1, size))
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
    l.text.chars().filter(|c| !c.is_whitespace()).count() <= MAX_DATE_CHARS
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
/// (`page_date`).
fn read_date(
    date: &BBox,
    page_date: Option<(u32, u32, u32)>,
    page: (String, f32),
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
    // ring is ink too, at half of it only the print is; at low resolution
    // half breaks thin strokes, so a little more is tried too.
    for level in [under_seal(prepared), black_level(prepared)] {
        if readings.iter().any(|r| r.whole && r.date.is_some()) {
            break;
        }
        let dark = prepared.part(rect).darker(level);
        let (_, _, w, h) = rect;
        readings.extend(read_crop(&ink_in(&dark, (0, 0, w, h)), ppt, engines));
    }
    // A seal or a stain over one character may spoil every reading of the
    // crop while the page pass, reading the page whole, got the line right.
    let (text, least) = page;
    let read = text.chars().count() + text.matches('八').count();
    if let Some(date) = parse_date(&text)
        && read + 1 >= columns
        && least >= SURE_DATE
    {
        readings.push(Reading {
            whole: read >= columns,
            text,
            date: Some(date),
            least,
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
        let longest = readings.iter().max_by_key(|r| r.text.chars().count())?;
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
    // The page pass reading the same date is a second opinion.
    let confirmed = least >= SURE_DATE || page_date == surest.date;
    let confidence = if sure && confirmed {
        least
    } else {
        UNSURE_DATE
    };
    Some((surest.text.clone(), confidence))
}

/// The readings of a date line's ink that are valid dates or shaped like
/// one: at two sizes, in Chinese numerals and in digits.
fn read_crop(ink: &CellInk, ppt: f32, engines: &mut Engines) -> Vec<Reading> {
    let columns = ink.columns().len();
    let tallest = ink.tallest().max(1) as f32;
    let mut readings = Vec::new();
    for height in CHARACTER_PX {
        let scale = height / tallest;
        let Some(image) = ink.render(scale, height as u32) else {
            continue;
        };
        for whitelist in [CHINESE_DATE_READ, NUMERIC_DATE] {
            let symbols = read_line(engines, &image, dpi(ppt * scale), whitelist);
            let text: String = symbols
                .iter()
                .flat_map(|s| s.text.trim().chars())
                .map(|c| if c == 'O' { '〇' } else { c })
                .collect();
            let least = symbols.iter().map(|s| s.confidence).fold(1.0, f32::min);
            let read = text.chars().count() + text.matches('八').count();
            let missing = columns.saturating_sub(read);
            // More ink than one dropped character: the line holds more than
            // a date, or a date with characters lost under a seal, which
            // only tells that this is the date line.
            let date = parse_date(&text).filter(|_| missing <= 1);
            if date.is_some() || (date_shaped(&text) && missing <= MISSING_IN_SHAPE) {
                readings.push(Reading {
                    whole: missing == 0,
                    text,
                    date,
                    least,
                });
            }
        }
    }
    readings
}

/// One reading of a date line: a valid date, or a date read with a slip.
struct Reading {
    text: String,
    date: Option<(u32, u32, u32)>,
    /// Confidence of its least sure character.
    least: f32,
    /// As many characters as the ink has side by side: none was dropped
    /// (tesseract reads "11" as "1"). 八 is two strokes apart.
    whole: bool,
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
}

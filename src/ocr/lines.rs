//! Text lines read on their own, from their crop, after the page pass.
//!
//! Lines it missed: tesseract's layout analysis takes the text beside a grey
//! seal for part of a picture and leaves whole lines out (a heading and its
//! paragraph lost). Each band of black ink in the text column that no line
//! covers is read on its own, from the ink darker than the seal.
//!
//! Lines of large print it garbled: a title in 22-pt spaced print is far
//! larger than the recogniser reads well (息公开工作年 read 居、下下作军, a
//! first character lost); each is read again at the size it reads best.

use super::prep::{pixel_at, pixel_bound};
use super::{Engines, Prepared, Symbol, dpi, glyphs_of, ink_in, read_line, visible_chars};
use crate::layout::{
    Line, PageLayout, Spaces, build_lines, in_margin, is_cjk, is_misread_page_footer,
    is_page_number,
};
use crate::page::BBox;

/// Share of the page's threshold at and below which ink is black print, not
/// a grey seal's ring: half breaks thin strokes at 150 dpi, more takes in
/// the seal.
const BLACK_SHARE: (u16, u16) = (5, 8);
/// Height, in pixels, a missed line's characters are scaled to for reading.
const CHARACTER_PX: f32 = 40.0;
/// A band of ink is a line of text when its height is within these shares
/// of the text's size.
const LINE_HEIGHT: (f32, f32) = (0.6, 1.6);
/// A line read from a band is kept when its characters are this sure on
/// average and it holds this many Chinese characters; a line of one (无。
/// under a heading) when they are surer.
const MIN_CONFIDENCE: f32 = 0.6;
const MIN_CJK: usize = 2;
const SURE_ONE_CJK: f32 = 0.85;
/// How far below the last line read a missed line is looked for, in the
/// text's size: a short last line of the page (无。) is what goes missing.
const BELOW_LAST: f32 = 2.5;
/// Share of the page's height above which a line may be text.
const LOWEST_TEXT: f32 = 0.92;
/// The narrowest band of ink read as a line, in the text's size.
const MIN_LINE_WIDTH: f32 = 1.2;

/// Step 3, after the layout of a scanned page: drops the few characters
/// read from ink with next to no black print in it — a grey seal's ring
/// read as noise ("区-"). Longer lines stay: grey print (发布时间 on a
/// portal's page) is text.
pub fn drop_pale_lines(layout: &mut PageLayout, prepared: &Prepared) {
    let black = black_level(prepared);
    layout.lines.retain(|l| {
        visible_chars(&l.text) > PALE_CHARS || black_share(l, prepared, black) >= PALE_SHARE
    });
}

/// A line of at most this many characters ...
const PALE_CHARS: usize = 4;
/// ... with less than this share of its ink black is no print.
const PALE_SHARE: f32 = 0.1;

/// The share of a line's ink (at or below the page's threshold) that is
/// black print.
fn black_share(line: &Line, prepared: &Prepared, black: u8) -> f32 {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| pixel_bound(pt, ppt, max);
    let (x0, x1) = (px(line.bbox.x0, w), px(line.bbox.x1, w));
    let (y0, y1) = (px(line.bbox.y0, h), px(line.bbox.y1, h));
    let (mut ink, mut dark) = (0usize, 0usize);
    for y in y0..y1 {
        for x in x0..x1 {
            let g = prepared.gray.get_pixel(x, y).0[0];
            ink += usize::from(g <= prepared.level);
            dark += usize::from(g <= black);
        }
    }
    if ink == 0 {
        1.0
    } else {
        dark as f32 / ink as f32
    }
}

/// Step 3, after the layout of a scanned page: reads the lines of text in
/// the text column that the page pass missed and puts them in their place.
pub fn read_missed_lines(layout: &mut PageLayout, prepared: &Prepared, engines: &mut Engines) {
    let found: Vec<Line> = missed_bands(layout, prepared)
        .into_iter()
        .filter_map(|band| read_band(band, prepared, engines))
        .filter(|(line, mean)| {
            let n = cjk(&line.text);
            (n >= MIN_CJK && *mean >= MIN_CONFIDENCE) || (n == 1 && *mean >= SURE_ONE_CJK)
        })
        .map(|(line, _)| line)
        .collect();
    for line in found {
        // A speck of it the page pass read on its own ("o" for its 。) goes.
        let within = |l: &Line| {
            let (x, y) = (l.bbox.cx(), l.bbox.cy());
            (line.bbox.x0..=line.bbox.x1).contains(&x) && (line.bbox.y0..=line.bbox.y1).contains(&y)
        };
        layout
            .lines
            .retain(|l| !(within(l) && l.text.chars().count() <= SHORT_LINE));
        insert_in_place(layout, line);
    }
}

/// Step 3, after the layout of a report's first scanned page: reads the
/// lines of large print above its text that the page pass left out — it may
/// leave out a bold title whole — and puts them in their place.
pub fn read_missed_title(layout: &mut PageLayout, prepared: &Prepared, engines: &mut Engines) {
    if layout.number != 1 {
        return;
    }
    let Some(size) = layout.text_size() else {
        return;
    };
    let body = layout.body_lines();
    let Some(first) = body.iter().find(|l| l.size < LARGE_PRINT * size) else {
        return;
    };
    let y1 = pixel_bound(first.bbox.y0, prepared.px_per_pt, prepared.gray.height());
    let bands = uncovered_bands(
        prepared,
        size,
        (text_column(&body, prepared), (0, y1)),
        TITLE_HEIGHT,
        |t, b| layout.lines.iter().any(|l| most_of(&l.bbox, t, b)),
        0.0,
    );
    for band in bands {
        let Some((line, mean)) = read_band(band, prepared, engines) else {
            continue;
        };
        let n = cjk(&line.text);
        if (n >= MIN_CJK && mean >= SURE_LARGE) || (n == 1 && mean >= SURE_ONE_CJK) {
            insert_in_place(layout, line);
        }
    }
}

/// Puts a line read from the ink among the page's lines, top to bottom.
fn insert_in_place(layout: &mut PageLayout, line: Line) {
    let at = layout
        .lines
        .iter()
        .position(|l| l.bbox.y0 > line.bbox.y0)
        .unwrap_or(layout.lines.len());
    layout.lines.insert(at, line);
}

/// A band of ink above a page's text is a line of a title when its height
/// is within these shares of the text's size: large print.
const TITLE_HEIGHT: (f32, f32) = (1.2, 3.5);

/// Step 3, after the layout of a scanned page: reads again from its own
/// crop each line of a few characters with no Chinese in it, or read
/// unsurely — 无。 alone under a heading, which the page pass may read "9" —
/// and keeps a sure reading with Chinese in it. A line with another just
/// over or under it is part of a character the page pass cut in two, and
/// is left alone.
pub fn reread_short_lines(layout: &mut PageLayout, prepared: &Prepared, engines: &mut Engines) {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| pixel_at(pt, ppt, max);
    for i in 0..layout.lines.len() {
        let line = &layout.lines[i];
        let unsure = cjk(&line.text) == 0 || line.confidence < SURE_ONE_CJK;
        if visible_chars(&line.text) > SHORT_LINE || !unsure || in_margin(line, layout.height) {
            continue;
        }
        let near = 0.3 * line.size;
        let split = layout.lines.iter().enumerate().any(|(j, o)| {
            j != i
                && o.bbox.x0 < line.bbox.x1
                && o.bbox.x1 > line.bbox.x0
                && o.bbox.y0 < line.bbox.y1 + near
                && o.bbox.y1 > line.bbox.y0 - near
        });
        if split {
            continue;
        }
        let band = Band {
            left: px(line.bbox.x0, w),
            top: px(line.bbox.y0, h),
            right: px(line.bbox.x1, w),
            bottom: px(line.bbox.y1, h),
            room: near,
        };
        let Some((read, mean)) = read_band(band, prepared, engines) else {
            continue;
        };
        // As many characters as the box holds: "ws" was a whole line.
        let fits = visible_chars(&read.text) as f32
            <= (line.bbox.width() / line.size.max(1.0)).max(1.0) + 1.0;
        if cjk(&read.text) > 0 && fits && mean >= SURE_SHORT {
            let line = &mut layout.lines[i];
            line.text = read.text;
            line.confidence = read.confidence;
        }
    }
}

/// A line of at most this many characters is short; its new reading is
/// kept when its characters are this sure on average.
const SHORT_LINE: usize = 3;
const SURE_SHORT: f32 = 0.9;

/// A band of black ink no line covers, in page pixels, and the text's size
/// in points.
#[derive(Debug, Clone, Copy)]
struct Band {
    left: u32,
    top: u32,
    right: u32,
    bottom: u32,
    /// White kept around the band's ink when it is cut out, in points.
    room: f32,
}

/// The bands of black ink between the first and the last line of the text
/// column, outside tables, that no line read covers.
fn missed_bands(layout: &PageLayout, prepared: &Prepared) -> Vec<Band> {
    let body = layout.body_lines();
    if body.len() < 3 {
        return Vec::new();
    }
    let Some(size) = layout.text_size() else {
        return Vec::new();
    };
    let (ppt, h) = (prepared.px_per_pt, prepared.gray.height());
    let y0 = pixel_bound(
        body.iter().map(|l| l.bbox.y0).fold(f32::INFINITY, f32::min),
        ppt,
        h,
    );
    // Text runs into the bottom margin at times (section 六's heading, with
    // 无。 under it): the last line that is no page number counts.
    let last = layout
        .lines
        .iter()
        .filter(|l| l.bbox.y0 < LOWEST_TEXT * layout.height)
        .filter(|l| !is_page_number(&l.text) && !is_misread_page_footer(&l.text))
        .map(|l| l.bbox.y1)
        .fold(0.0, f32::max);
    let y1 = pixel_bound(last + BELOW_LAST * size, ppt, h);
    let covered = |t: f32, b: f32| {
        layout.lines.iter().any(|l| most_of(&l.bbox, t, b))
            || layout.tables.iter().any(|tb| most_of(&tb.bbox, t, b))
    };
    uncovered_bands(
        prepared,
        size,
        (text_column(&body, prepared), (y0, y1)),
        LINE_HEIGHT,
        covered,
        0.3 * size,
    )
}

/// The pixel columns of the text column the lines `body` span.
fn text_column(body: &[&Line], prepared: &Prepared) -> (u32, u32) {
    let (ppt, w) = (prepared.px_per_pt, prepared.gray.width());
    let left = body.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
    let right = body.iter().map(|l| l.bbox.x1).fold(0.0, f32::max);
    (pixel_bound(left, ppt, w), pixel_bound(right, ppt, w))
}

/// Whether `b` spans most of the rows `top..bottom` (points): a line read
/// there.
fn most_of(b: &BBox, top: f32, bottom: f32) -> bool {
    b.y1.min(bottom) - b.y0.max(top) >= 0.4 * (bottom - top)
}

/// The bands of black ink in the pixel `columns` and `rows` of a page whose
/// height is within `heights` shares of the text's `size`, that `covered`
/// (rows in points) does not say are read, and that are wide enough for a
/// line; each cut out with `room` points of white.
fn uncovered_bands(
    prepared: &Prepared,
    size: f32,
    (columns, rows): ((u32, u32), (u32, u32)),
    heights: (f32, f32),
    covered: impl Fn(f32, f32) -> bool,
    room: f32,
) -> Vec<Band> {
    let ppt = prepared.px_per_pt;
    let black = black_level(prepared);
    // A line of text, even of one character (无。), puts a stroke or two in
    // most rows it spans; a speck or a seal's dark dot fewer pixels.
    let min_ink = ((size * ppt) / 10.0).max(2.0) as usize;
    let reach = (0.15 * size * ppt).ceil() as u32;
    ink_bands(prepared, columns, rows, black, min_ink, reach)
        .into_iter()
        .filter(|&(top, bottom)| {
            let (t, b) = (top as f32 / ppt, (bottom + 1) as f32 / ppt);
            (heights.0 * size..=heights.1 * size).contains(&(b - t)) && !covered(t, b)
        })
        .filter_map(|(top, bottom)| {
            let (left, right) = ink_columns(prepared, columns, (top, bottom), black)?;
            ((right - left) as f32 / ppt >= MIN_LINE_WIDTH * size).then_some(Band {
                left,
                top,
                right,
                bottom,
                room,
            })
        })
        .collect()
}

/// Rows `y0..y1` of a page grouped into bands of ink at or below `level`
/// between columns `x0..x1`: a row holds ink when at least `min_ink` of its
/// pixels do, and a band ends at the first row `reach` or more rows past its
/// last inked one that holds none. Each band is its first and last inked row.
pub(super) fn ink_bands(
    prepared: &Prepared,
    (x0, x1): (u32, u32),
    (y0, y1): (u32, u32),
    level: u8,
    min_ink: usize,
    reach: u32,
) -> Vec<(u32, u32)> {
    let w = prepared.gray.width();
    let gray = prepared.gray.as_raw();
    let inked = |y: u32| {
        let row = &gray[(y * w + x0) as usize..(y * w + x1) as usize];
        row.iter().filter(|&&g| g <= level).count() >= min_ink
    };
    let mut out = Vec::new();
    let mut y = y0;
    while y < y1 {
        if !inked(y) {
            y += 1;
            continue;
        }
        let top = y;
        let mut bottom = y;
        while y < y1 && y - bottom <= reach {
            if inked(y) {
                bottom = y;
            }
            y += 1;
        }
        out.push((top, bottom));
    }
    out
}

/// The first and last of columns `x0..x1` with ink at or below `level` in
/// rows `top..=bottom`.
pub(super) fn ink_columns(
    prepared: &Prepared,
    (x0, x1): (u32, u32),
    (top, bottom): (u32, u32),
    level: u8,
) -> Option<(u32, u32)> {
    let w = prepared.gray.width();
    let gray = prepared.gray.as_raw();
    let inked = |x: u32| (top..=bottom).any(|y| gray[(y * w + x) as usize] <= level);
    Some((
        (x0..x1).find(|&x| inked(x))?,
        (x0..x1).rev().find(|&x| inked(x))?,
    ))
}

/// The grey level at and below which a pixel is black print.
pub(super) fn black_level(prepared: &Prepared) -> u8 {
    (u16::from(prepared.level) * BLACK_SHARE.0 / BLACK_SHARE.1) as u8
}

/// One band read as a line of text from its black ink, and how sure its
/// characters are on average; None when it reads as nothing or as more
/// than one line.
fn read_band(band: Band, prepared: &Prepared, engines: &mut Engines) -> Option<(Line, f32)> {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let room = (band.room * ppt) as u32;
    let left = band.left.saturating_sub(room);
    let top = band.top.saturating_sub(room);
    let right = (band.right + room).min(w);
    let bottom = (band.bottom + room).min(h);
    let rect = (
        left,
        top,
        right.checked_sub(left)?,
        bottom.checked_sub(top)?,
    );
    let dark = prepared.part(rect).darker(black_level(prepared));
    let ink = ink_in(&dark, (0, 0, rect.2, rect.3));
    let (ex0, ey0, _, _) = ink.extent()?;
    let scale = CHARACTER_PX / ink.tallest().max(1) as f32;
    let src_margin = ink.tallest() / 2;
    let grey = ink.crop(&dark.gray, src_margin, scale)?;
    let margin = (src_margin as f32 * scale) as u32;
    // Read as scanned, and with what is paler than the print made paper: a
    // grey seal's ring across the line goes, and so do the print's soft
    // edges. The surer reading is kept.
    let black = black_level(prepared);
    let mut bare = grey.clone();
    bare.pixels_mut()
        .filter(|p| p.0[0] > black)
        .for_each(|p| p.0[0] = 255);
    let (symbols, mean) = [grey, bare]
        .iter()
        .map(|image| {
            let symbols = read_line(engines, image, dpi(ppt * scale), "");
            let mean =
                symbols.iter().map(|s| s.confidence).sum::<f32>() / symbols.len().max(1) as f32;
            (symbols, mean)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?;
    if symbols.is_empty() {
        return None;
    }
    // From the rendered image back to page pixels.
    let page_x = |x: i32| (left + ex0) as f32 + (x - margin as i32) as f32 / scale;
    let page_y = |y: i32| (top + ey0) as f32 + (y - margin as i32) as f32 / scale;
    let glyphs: Vec<_> = symbols
        .iter()
        .flat_map(|s| {
            let placed = Symbol {
                left: page_x(s.left) as i32,
                top: page_y(s.top) as i32,
                right: page_x(s.right) as i32,
                bottom: page_y(s.bottom) as i32,
                line_height: (s.line_height as f32 / scale) as i32,
                ..s.clone()
            };
            glyphs_of(&placed, ppt)
        })
        .collect();
    let refs: Vec<_> = glyphs.iter().collect();
    let mut lines = build_lines(&refs, Spaces::Gaps);
    (lines.len() == 1).then(|| (lines.remove(0), mean))
}

/// Chinese characters of a text (not its punctuation).
fn cjk(text: &str) -> usize {
    text.chars()
        .filter(|&c| is_cjk(c) && c.is_alphanumeric())
        .count()
}

/// Print at least this many times the text's size is large (a title).
const LARGE_PRINT: f32 = 1.5;
/// A large line's new reading replaces the page pass's when its characters
/// are this sure on average, its least sure surer than the page pass's, and
/// it holds as many characters.
const SURE_LARGE: f32 = 0.85;
/// A large line's box at least this many times its size high may hold
/// two lines of print.
const STACKED: f32 = 1.8;
/// Gap in a large line's ink, in its size, that ends it: spaced print
/// leaves up to about one character between characters.
const LARGE_GAP: f32 = 1.2;

/// Step 3, after the layout of a scanned page: reads each line of a title in
/// large print at the top of the page again from its crop, taken out over
/// the ink on either side of it (a character the page pass lost), and keeps
/// the surer reading.
pub fn reread_large_lines(layout: &mut PageLayout, prepared: &Prepared, engines: &mut Engines) {
    let Some(size) = layout.text_size() else {
        return;
    };
    // A title's lines, above the first line of text: large print further
    // down is a line whose box a seal or a stain stretched. A running
    // header in the top margin is small print; a title may start there.
    let large = |l: &Line| l.size >= LARGE_PRINT * size;
    let title: Vec<usize> = (0..layout.lines.len())
        .filter(|&i| !in_margin(&layout.lines[i], layout.height) || large(&layout.lines[i]))
        .take_while(|&i| large(&layout.lines[i]))
        .collect();
    // From the last, so that a line read as two leaves the others' places.
    for i in title.into_iter().rev() {
        let line = &layout.lines[i];
        if let Some(lines) = read_stacked(line, prepared, engines) {
            layout.lines.splice(i..=i, lines);
            continue;
        }
        let band = widened(line, prepared);
        let Some((read, mean)) = read_band(band, prepared, engines) else {
            continue;
        };
        let surer = read.confidence > line.confidence
            && cjk(&read.text) >= cjk(&line.text)
            && visible_chars(&read.text) >= visible_chars(&line.text);
        // The page pass may lose a title line's first characters whole
        // (建设局2023年 for 中宁县住房和城乡建设局2023年): a sure reading that
        // holds its text and more is the line, though a little less sure.
        let compact = |t: &str| t.split_whitespace().collect::<String>();
        let longer = read.confidence >= SURE_LARGE
            && visible_chars(&read.text) > visible_chars(&line.text)
            && compact(&read.text).contains(&compact(&line.text));
        if mean >= SURE_LARGE && (surer || longer) {
            // The line keeps its place and size: only its text and reach
            // along the line change.
            let bbox = BBox::new(
                read.bbox.x0.min(line.bbox.x0),
                line.bbox.y0,
                read.bbox.x1.max(line.bbox.x1),
                line.bbox.y1,
            );
            layout.lines[i] = Line {
                bbox,
                size: line.size,
                ..read
            };
        }
    }
}

/// A large line whose box holds two or more lines of ink (the page pass
/// boxed two lines of a title as one and read only one of them), read as
/// those lines: each band of ink at least half the line's size high, read
/// surely. None when the box holds one line, or a band reads badly.
fn read_stacked(line: &Line, prepared: &Prepared, engines: &mut Engines) -> Option<Vec<Line>> {
    if line.bbox.height() < STACKED * line.size {
        return None;
    }
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| pixel_at(pt, ppt, max);
    let (x0, x1) = (px(line.bbox.x0, w), px(line.bbox.x1, w));
    let (y0, y1) = (px(line.bbox.y0, h), px(line.bbox.y1, h));
    let min_ink = ((line.size * ppt) / 10.0).max(2.0) as usize;
    let reach = (0.15 * line.size * ppt).ceil() as u32;
    let bands: Vec<(u32, u32)> = ink_bands(
        prepared,
        (x0, x1),
        (y0, y1),
        black_level(prepared),
        min_ink,
        reach,
    )
    .into_iter()
    .filter(|&(top, bottom)| (bottom + 1 - top) as f32 >= 0.5 * line.size * ppt)
    .collect();
    if bands.len() < 2 {
        return None;
    }
    bands
        .into_iter()
        .map(|(top, bottom)| {
            let part = Line {
                bbox: BBox::new(
                    line.bbox.x0,
                    top as f32 / ppt,
                    line.bbox.x1,
                    (bottom + 1) as f32 / ppt,
                ),
                ..line.clone()
            };
            let (read, mean) = read_band(widened(&part, prepared), prepared, engines)?;
            (mean >= SURE_LARGE && cjk(&read.text) >= 1).then_some(read)
        })
        .collect()
}

/// A line's box in pixels taken out, left and right, over the black ink in
/// its rows that runs on from it.
fn widened(line: &Line, prepared: &Prepared) -> Band {
    let ppt = prepared.px_per_pt;
    let (w, h) = prepared.gray.dimensions();
    let px = |pt: f32, max: u32| pixel_at(pt, ppt, max);
    let (top, bottom) = (px(line.bbox.y0, h), px(line.bbox.y1, h));
    let black = black_level(prepared);
    let gray = prepared.gray.as_raw();
    let inked = |x: u32| (top..=bottom).any(|y| gray[(y * w + x) as usize] <= black);
    let gap = (LARGE_GAP * line.size * ppt) as u32;
    let (mut left, mut right) = (px(line.bbox.x0, w), px(line.bbox.x1, w));
    let mut x = left;
    while x > 0 && left - x <= gap {
        x -= 1;
        if inked(x) {
            left = x;
        }
    }
    let mut x = right;
    while x + 1 < w && x - right <= gap {
        x += 1;
        if inked(x) {
            right = x;
        }
    }
    Band {
        left,
        top,
        right,
        bottom,
        // Lines of large print stand close: none of the next one's ink.
        room: 0.0,
    }
}

//! One table cell's ink, ready to be read on its own: the pieces of its
//! characters without the border residue a skewed scan leaves at the crop's
//! edges, and a clean rendering of them at a size tesseract reads well.

use super::prep::Ink;
use image::imageops::FilterType;
use image::{GrayImage, Luma};

/// A connected piece of ink, in page pixels (inclusive box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    pub area: usize,
}

impl Piece {
    pub fn width(&self) -> u32 {
        self.x1 - self.x0 + 1
    }
    pub fn height(&self) -> u32 {
        self.y1 - self.y0 + 1
    }
}

/// The ink of one cell crop.
#[derive(Debug, Clone)]
pub struct CellInk {
    /// The crop, in page pixels: left, top, width, height.
    pub rect: (u32, u32, u32, u32),
    /// Character pieces, left to right.
    pub pieces: Vec<Piece>,
    /// For each crop pixel, whether it belongs to a kept piece.
    kept: Vec<bool>,
    /// For each crop pixel, whether it is border residue. Specks are left
    /// alone: a small one may be the dot of a character.
    dropped: Vec<bool>,
    /// For one line of a cell: the rows (page pixels, inclusive) it holds;
    /// the other lines' ink is whitened in its crop.
    band: Option<(u32, u32)>,
    /// Specks too small for a character, in page pixels: a decimal point
    /// among them.
    specks: Vec<Piece>,
}

/// Finds the character pieces inside `rect` (left, top, width, height):
/// specks under `min_area` pixels go, and so do thin line-like pieces that
/// touch the crop's edge — a border that the crop's inset did not clear.
pub fn cell_ink(ink: &Ink, rect: (u32, u32, u32, u32), min_area: usize, rule_px: u32) -> CellInk {
    let (left, top, w, h) = rect;
    let (w, h) = (
        w.min(ink.width.saturating_sub(left)),
        h.min(ink.height.saturating_sub(top)),
    );
    let (wu, hu) = (w as usize, h as usize);
    let mut seen = vec![false; wu * hu];
    let mut kept = vec![false; wu * hu];
    let mut dropped = vec![false; wu * hu];
    let (rows, cols) = border_lines(ink, (left, top, w, h), rule_px);
    let at = |x: u32, y: u32| ink.at(left + x, top + y) && !rows[y as usize] && !cols[x as usize];
    for (i, d) in dropped.iter_mut().enumerate() {
        let (x, y) = (i % wu, i / wu);
        *d = (rows[y] || cols[x]) && ink.at(left + x as u32, top + y as u32);
    }
    let mut pieces = Vec::new();
    let mut specks = Vec::new();
    let mut stack = Vec::new();
    let mut members = Vec::new();
    for start in 0..wu * hu {
        let (sx, sy) = ((start % wu) as u32, (start / wu) as u32);
        if seen[start] || !at(sx, sy) {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        members.clear();
        let mut p = Piece {
            x0: sx,
            y0: sy,
            x1: sx,
            y1: sy,
            area: 0,
        };
        while let Some(i) = stack.pop() {
            members.push(i);
            let (x, y) = ((i % wu) as i64, (i / wu) as i64);
            p.x0 = p.x0.min(x as u32);
            p.x1 = p.x1.max(x as u32);
            p.y0 = p.y0.min(y as u32);
            p.y1 = p.y1.max(y as u32);
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (nx, ny) = (x + dx, y + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let j = ny as usize * wu + nx as usize;
                    if !seen[j] && at(nx as u32, ny as u32) {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        p.area = members.len();
        let at_side = p.x0 == 0 || p.x1 + 1 == w;
        let at_end = p.y0 == 0 || p.y1 + 1 == h;
        let (pw, ph) = (p.width(), p.height());
        let line_like = pw.min(ph) <= rule_px && pw.max(ph) >= 3 * pw.min(ph);
        // A border's residue runs along the edge it touches. A flat stroke at
        // the top is a border only if longer than the cell is high (the top
        // stroke of 章 touches a tight crop too); an upright stroke at the top
        // or bottom is a digit's, cut by a row printed tight.
        let flat_border = pw > ph && at_end && (at_side || pw >= h);
        // A border's residue fills its box; the slash printed for zero,
        // right-aligned against the border, crosses its box aslant.
        let filled = p.area as f32 >= RESIDUE_FILL * (pw * ph) as f32;
        let upright_border = ph >= pw && at_side && filled;
        let residue = line_like && (flat_border || upright_border);
        let keep = p.area >= min_area && !residue;
        for &i in &members {
            kept[i] = keep;
            dropped[i] |= residue;
        }
        let on_page = Piece {
            x0: p.x0 + left,
            y0: p.y0 + top,
            x1: p.x1 + left,
            y1: p.y1 + top,
            area: p.area,
        };
        if keep {
            pieces.push(on_page);
        } else if !residue {
            specks.push(on_page);
        }
    }
    for p in pieces.iter_mut() {
        close_against_rule(p, ink, (left, top, w, h), &rows, &mut kept, &mut dropped);
    }
    pieces.sort_by_key(|p| (p.x0, p.y0));
    CellInk {
        rect: (left, top, w, h),
        pieces,
        kept,
        dropped,
        specks,
        band: None,
    }
}

/// A digit printed against a rule loses its top (or foot) with the rule's
/// rows: a 0 cut so is a U, and is read as one. A narrow piece that meets
/// the rule's rows in two places gets back the ink between them there, as
/// deep as its strokes are wide.
fn close_against_rule(
    p: &mut Piece,
    ink: &Ink,
    rect: (u32, u32, u32, u32),
    rows: &[bool],
    kept: &mut [bool],
    dropped: &mut [bool],
) {
    let (left, top, w, h) = rect;
    if p.width() as f32 > CUT_DIGIT_WIDTH * p.height() as f32 {
        return;
    }
    for upward in [true, false] {
        let edge = if upward { p.y0 - top } else { p.y1 - top };
        let beyond = |d: u32| {
            if upward {
                edge.checked_sub(d)
            } else {
                Some(edge + d).filter(|&y| y < h)
            }
        };
        let Some(rule_row) = beyond(1).filter(|&y| rows[y as usize]) else {
            continue;
        };
        let meets = |x: u32| kept[(edge * w + x) as usize] && ink.at(left + x, top + rule_row);
        let contact: Vec<u32> = (p.x0 - left..=p.x1 - left).filter(|&x| meets(x)).collect();
        let runs: Vec<&[u32]> = contact.chunk_by(|a, b| b - a == 1).collect();
        let (Some(&first), Some(&last)) = (contact.first(), contact.last()) else {
            continue;
        };
        if runs.len() < 2 {
            continue;
        }
        let stroke = runs.iter().map(|r| r.len() as u32).max().unwrap_or(1);
        for d in 1..=stroke {
            let Some(y) = beyond(d).filter(|&y| rows[y as usize]) else {
                break;
            };
            for x in first..=last {
                let i = (y * w + x) as usize;
                if ink.at(left + x, top + y) && !kept[i] {
                    kept[i] = true;
                    dropped[i] = false;
                    p.area += 1;
                }
            }
            if upward {
                p.y0 -= 1;
            } else {
                p.y1 += 1;
            }
        }
    }
}

/// A piece wider than this share of its height is no digit: a 0 whose top
/// the rule took is about square at 150 dpi.
const CUT_DIGIT_WIDTH: f32 = 1.0;

/// Pixels a speck needs to be a mark rather than noise the clean-up left.
const MIN_MARK_AREA: usize = 3;

/// A slash is at least this many times as high as wide, and each third of
/// it spans at most this share of its width.
const SLASH_ELONGATION: u32 = 2;
const SLASH_PART: f32 = 0.85;

/// Share of its box that a border's upright residue fills at least.
const RESIDUE_FILL: f32 = 0.5;

/// Share of a pixel row (or column) that is ink where a border runs along it.
const BORDER_FILL: f32 = 0.6;
/// A border's ink reaches this share of the crop from each end.
const BORDER_ENDS: f32 = 0.15;

/// The rows and columns of a crop, within `rule_px` of its edges, that are
/// a border's residue: mostly ink, in a run from the edge. A thick border
/// reaches past the crop's inset on every side and would frame the text as
/// one piece.
fn border_lines(ink: &Ink, rect: (u32, u32, u32, u32), rule_px: u32) -> (Vec<bool>, Vec<bool>) {
    let (left, top, w, h) = rect;
    // A border crosses the whole crop; a digit's stroke as tall as most of
    // a tight crop has paper above and below it.
    let full = |len: u32, inked: &dyn Fn(u32) -> bool| {
        let at: Vec<u32> = (0..len).filter(|&i| inked(i)).collect();
        let (Some(&first), Some(&last)) = (at.first(), at.last()) else {
            return false;
        };
        let ends = (BORDER_ENDS * len as f32).ceil() as u32;
        at.len() as f32 >= BORDER_FILL * len as f32 && first < ends && last + ends >= len
    };
    let row_full = |y: u32| full(w, &|x| ink.at(left + x, top + y));
    let col_full = |x: u32| full(h, &|y| ink.at(left + x, top + y));
    let row_empty = |y: u32| (0..w).all(|x| !ink.at(left + x, top + y));
    let col_empty = |x: u32| (0..h).all(|y| !ink.at(left + x, top + y));
    // A crop taken out across its grid line starts on paper beyond the rule.
    let from_edges = |len: u32, full: &dyn Fn(u32) -> bool, empty: &dyn Fn(u32) -> bool| {
        let mut out = vec![false; len as usize];
        let reach = rule_px.min(len / 3);
        let mut mark = |from_end: bool| {
            let at = |i: u32| if from_end { len - 1 - i } else { i };
            let rule = (0..reach).skip_while(|&i| empty(at(i)));
            for i in rule.take_while(|&i| full(at(i))) {
                out[at(i) as usize] = true;
            }
        };
        mark(false);
        mark(true);
        out
    };
    (
        from_edges(h, &row_full, &row_empty),
        from_edges(w, &col_full, &col_empty),
    )
}

impl CellInk {
    pub fn is_blank(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The cell's one mark lower than `max_height` pixels, when it holds
    /// nothing else: a dash, or dust. In a crop with no character, it is
    /// its one speck bigger than a pixel of noise (a faint dash is smaller
    /// than a character's least ink).
    pub fn small_mark(&self, max_height: u32) -> Option<Piece> {
        let mark = match self.pieces.as_slice() {
            [] => {
                let mut marks = self.specks.iter().filter(|s| s.area >= MIN_MARK_AREA);
                let speck = marks.next()?;
                marks.next().is_none().then_some(*speck)?
            }
            [one] => *one,
            _ => return None,
        };
        (mark.height() <= max_height).then_some(mark)
    }

    /// The box around every piece, in page pixels (inclusive).
    pub fn extent(&self) -> Option<(u32, u32, u32, u32)> {
        let first = self.pieces.first()?;
        Some(self.pieces.iter().fold(
            (first.x0, first.y0, first.x1, first.y1),
            |(a, b, c, d), p| (a.min(p.x0), b.min(p.y0), c.max(p.x1), d.max(p.y1)),
        ))
    }

    /// Whether the cell holds one stroke aslant from top right to bottom
    /// left and nothing else: the slash printed for zero, which the digit
    /// model reads as 1 or 7. Each third of its height holds a narrow part
    /// of it (a 7's bar spans the top), each further left than the one above.
    pub fn is_slash(&self) -> bool {
        // A thin stroke may come apart in a few pieces.
        let Some((x0, y0, x1, y1)) = self.extent().filter(|_| self.pieces.len() <= 3) else {
            return false;
        };
        let (w, h) = (x1 - x0 + 1, y1 - y0 + 1);
        if h < SLASH_ELONGATION * w || h < 6 {
            return false;
        }
        // A 7 whose bar the crop or a rule cut is as aslant: a slash stands
        // clear of the crop's top and bottom and of any border above it.
        let (left, top, cw, ch) = self.rect;
        if y0 <= top || y1 + 1 >= top + ch {
            return false;
        }
        let at = |x: u32, y: u32| ((y - top) * cw + (x - left)) as usize;
        let ruled = (y0.saturating_sub(2).max(top)..y0)
            .flat_map(|y| (x0..=x1).map(move |x| (x, y)))
            .any(|(x, y)| self.dropped[at(x, y)]);
        if ruled {
            return false;
        }
        let thirds: Vec<Option<(u32, u32)>> = (0..3)
            .map(|k| {
                let rows = (y0 + k * h / 3)..(y0 + (k + 1) * h / 3);
                rows.flat_map(|y| (x0..=x1).map(move |x| (x, y)))
                    .filter(|&(x, y)| self.kept[at(x, y)])
                    .fold(None, |span, (x, _)| match span {
                        None => Some((x, x)),
                        Some((a, b)) => Some((a.min(x), b.max(x))),
                    })
            })
            .collect();
        let narrow = |s: &(u32, u32)| (s.1 - s.0 + 1) as f32 <= SLASH_PART * w as f32;
        let middle = |s: &(u32, u32)| s.0 + s.1;
        match thirds.as_slice() {
            [Some(a), Some(b), Some(c)] => {
                [a, b, c].into_iter().all(narrow) && middle(a) > middle(b) && middle(b) > middle(c)
            }
            _ => false,
        }
    }

    /// Characters side by side: the x-ranges of pieces grouped where they
    /// overlap, so a character of several strokes (or a broken digit)
    /// counts once.
    pub fn columns(&self) -> Vec<(u32, u32)> {
        let mut spans: Vec<(u32, u32)> = self.pieces.iter().map(|p| (p.x0, p.x1)).collect();
        spans.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::new();
        for (a, b) in spans {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        out
    }

    /// The lines of text in the cell, top to bottom: pieces grouped where
    /// they overlap vertically by half the smaller height (a number wrapped
    /// in a narrow cell is two lines of digits).
    pub fn lines(&self) -> Vec<CellInk> {
        let mut order: Vec<Piece> = self.pieces.clone();
        order.sort_by_key(|p| p.y0);
        let mut bands: Vec<(u32, u32, Vec<Piece>)> = Vec::new();
        for p in order {
            let fits = bands.last().is_some_and(|(b0, b1, _)| {
                let overlap = i64::from(p.y1.min(*b1)) - i64::from(p.y0.max(*b0)) + 1;
                2 * overlap >= i64::from(p.height().min(b1 - b0 + 1))
            });
            match bands.last_mut() {
                Some((b0, b1, members)) if fits => {
                    *b0 = (*b0).min(p.y0);
                    *b1 = (*b1).max(p.y1);
                    members.push(p);
                }
                _ => bands.push((p.y0, p.y1, vec![p])),
            }
        }
        bands
            .into_iter()
            .map(|(b0, b1, mut pieces)| {
                pieces.sort_by_key(|p| (p.x0, p.y0));
                CellInk {
                    pieces,
                    band: Some((b0, b1)),
                    ..self.clone()
                }
            })
            .collect()
    }

    /// Whether a speck sits on the baseline in the gap between two
    /// characters, about as wide as high and a fraction of their height:
    /// the decimal point of a number ("12.5"), too small to be kept.
    pub fn has_decimal_point(&self) -> bool {
        let tallest = self.tallest();
        let Some(baseline) = self.pieces.iter().map(|p| p.y1).max() else {
            return false;
        };
        let columns = self.columns();
        self.specks.iter().any(|s| {
            let small = 3 * s.width().max(s.height()) <= tallest;
            let on_baseline = s.y1 + tallest / 5 >= baseline && s.y1 <= baseline + tallest / 10;
            let between = columns.windows(2).any(|w| s.x0 > w[0].1 && s.x1 < w[1].0);
            small && on_baseline && between
        })
    }

    /// Which sides of the crop (left, top, right, bottom) a kept piece at
    /// least `min_height` pixels high reaches: print the crop may have cut
    /// (the specks a border's blur leaves do not count).
    pub fn touched_sides(&self, min_height: u32) -> [bool; 4] {
        let (left, top, w, h) = self.rect;
        let (right, bottom) = ((left + w).saturating_sub(1), (top + h).saturating_sub(1));
        let mut sides = [false; 4];
        for p in self.pieces.iter().filter(|p| p.height() >= min_height) {
            sides[0] |= p.x0 == left;
            sides[1] |= p.y0 == top;
            sides[2] |= p.x1 == right;
            sides[3] |= p.y1 == bottom;
        }
        sides
    }

    /// The kept ink scaled to an `n` × `n` grid over its extent: the share
    /// of each grid square that is ink, row by row. Two prints of one
    /// character in one font come out alike whatever their size.
    pub fn shape(&self, n: usize) -> Vec<f32> {
        let mut out = vec![0.0f32; n * n];
        let Some((ex0, ey0, ex1, ey1)) = self.extent() else {
            return out;
        };
        let (left, top, w, _) = self.rect;
        let (ew, eh) = ((ex1 - ex0 + 1) as usize, (ey1 - ey0 + 1) as usize);
        let mut area = vec![0usize; n * n];
        for y in ey0..=ey1 {
            for x in ex0..=ex1 {
                let bin = ((y - ey0) as usize * n / eh) * n + (x - ex0) as usize * n / ew;
                area[bin] += 1;
                if self.kept[((y - top) * w + (x - left)) as usize] {
                    out[bin] += 1.0;
                }
            }
        }
        for (v, a) in out.iter_mut().zip(area) {
            *v /= a.max(1) as f32;
        }
        out
    }

    /// The tallest piece, in pixels: a digit's or a character's height.
    pub fn tallest(&self) -> u32 {
        self.pieces.iter().map(Piece::height).max().unwrap_or(0)
    }

    /// The grey page around the kept ink with `margin` pixels of room on
    /// every side, scaled by `scale`. The cell's surroundings and its
    /// set-aside ink are white: tesseract misreads text that touches the
    /// image's edge, and print often fills a cell to its borders.
    pub fn crop(&self, gray: &GrayImage, margin: u32, scale: f32) -> Option<GrayImage> {
        let (ex0, ey0, ex1, ey1) = self.extent()?;
        let (left, top, w, h) = self.rect;
        let (cw, ch) = (ex1 - ex0 + 1 + 2 * margin, ey1 - ey0 + 1 + 2 * margin);
        let out = GrayImage::from_fn(cw, ch, |x, y| {
            let (px, py) = (
                i64::from(ex0 + x) - i64::from(margin),
                i64::from(ey0 + y) - i64::from(margin),
            );
            let inside = px >= i64::from(left)
                && py >= i64::from(top)
                && px < i64::from(left + w)
                && py < i64::from(top + h);
            if !inside {
                return Luma([255]);
            }
            let (px, py) = (px as u32, py as u32);
            let i = ((py - top) * w + (px - left)) as usize;
            let other_line = self
                .band
                .is_some_and(|(b0, b1)| (py < b0 || py > b1) && self.kept[i]);
            if self.dropped[i] || other_line {
                Luma([255])
            } else {
                *gray.get_pixel(px, py)
            }
        });
        Some(scaled(out, scale, FilterType::CatmullRom))
    }

    /// The kept ink, black on white, scaled by `scale` with a white margin of
    /// `margin` (in output pixels) on every side.
    pub fn render(&self, scale: f32, margin: u32) -> Option<GrayImage> {
        let (ex0, ey0, ex1, ey1) = self.extent()?;
        let (left, top, w, _) = self.rect;
        let (cw, ch) = (ex1 - ex0 + 1, ey1 - ey0 + 1);
        let clean = GrayImage::from_fn(cw, ch, |x, y| {
            let (px, py) = (ex0 - left + x, ey0 - top + y);
            let on = self.kept[(py * w + px) as usize];
            Luma([if on { 0 } else { 255 }])
        });
        let ink = scaled(clean, scale, FilterType::Triangle);
        let (sw, sh) = ink.dimensions();
        let mut out = GrayImage::from_pixel(sw + 2 * margin, sh + 2 * margin, Luma([255]));
        image::imageops::replace(&mut out, &ink, i64::from(margin), i64::from(margin));
        Some(out)
    }
}

/// An image resized by `scale` (left as it is when the scale is about 1).
fn scaled(image: GrayImage, scale: f32, filter: FilterType) -> GrayImage {
    if (scale - 1.0).abs() < 0.05 {
        return image;
    }
    let (w, h) = (
        ((image.width() as f32 * scale).round() as u32).max(1),
        ((image.height() as f32 * scale).round() as u32).max(1),
    );
    image::imageops::resize(&image, w, h, filter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(rows: &[&str]) -> Ink {
        Ink {
            width: rows[0].len() as u32,
            height: rows.len() as u32,
            bits: rows
                .iter()
                .flat_map(|r| r.bytes().map(|b| b == b'#'))
                .collect(),
        }
    }

    #[test]
    fn a_slash_against_the_border_is_kept_and_told_from_a_seven_and_a_one() {
        // Right-aligned against the cell's right border, cut by the crop:
        // as narrow as a border's residue and touching the side.
        let slash = ink(&[
            "............",
            "..........##",
            "..........##",
            "..........##",
            "..........##",
            ".........##.",
            ".........##.",
            ".........##.",
            ".........##.",
            "........##..",
            "........##..",
            "........##..",
            "........##..",
            ".......##...",
            ".......##...",
            ".......##...",
            ".......##...",
            "............",
        ]);
        let cell = cell_ink(&slash, (0, 0, 12, 18), 2, 5);
        assert_eq!(cell.pieces.len(), 1, "a slash is no border residue");
        assert!(cell.is_slash());
        // The same stroke reaching the crop's top is a 7 whose bar was cut.
        assert!(!cell_ink(&slash, (0, 1, 12, 17), 2, 5).is_slash());
        let seven = ink(&[
            "....######..",
            "........##..",
            ".......##...",
            ".......##...",
            "......##....",
            "......##....",
            ".....##.....",
            ".....##.....",
            "....##......",
        ]);
        assert!(!cell_ink(&seven, (0, 0, 12, 9), 2, 5).is_slash());
        let one = ink(&[
            "......##....",
            ".....###....",
            "......##....",
            "......##....",
            "......##....",
            "......##....",
            "......##....",
            "......##....",
            "......##....",
        ]);
        assert!(!cell_ink(&one, (0, 0, 12, 9), 2, 5).is_slash());
    }

    #[test]
    fn border_residue_and_specks_are_not_characters() {
        let page = ink(&[
            "#...........",
            "#...##..##..",
            "#...##..##..",
            "#...##..##..",
            "#...........",
            "#.....#.....",
        ]);
        let cell = cell_ink(&page, (0, 0, 12, 6), 2, 1);
        assert_eq!(cell.pieces.len(), 2);
        assert_eq!(cell.columns(), vec![(4, 5), (8, 9)]);
        assert_eq!(cell.extent(), Some((4, 1, 9, 3)));
    }

    #[test]
    fn a_small_mark_is_the_cells_one_low_piece_or_its_one_speck() {
        let speck = ink(&["..........", "...###....", "...###....", "#........."]);
        // Too small for a character (under 8 pixels): the speck, not the
        // pixel of noise at the corner.
        let cell = cell_ink(&speck, (0, 0, 10, 4), 8, 1);
        assert!(cell.is_blank());
        let mark = cell.small_mark(2).expect("the speck");
        assert_eq!(
            (mark.x0, mark.y0, mark.width(), mark.height()),
            (3, 1, 3, 2)
        );
        assert_eq!(cell.small_mark(1), None, "higher than asked");
        let two = ink(&["..........", ".##...##..", ".##...##..", ".........."]);
        assert_eq!(cell_ink(&two, (0, 0, 10, 4), 8, 1).small_mark(2), None);
        assert!(cell_ink(&two, (0, 0, 10, 4), 2, 1).small_mark(2).is_none());
        let kept = ink(&["..........", "...####...", "...####...", ".........."]);
        assert!(cell_ink(&kept, (0, 0, 10, 4), 2, 1).small_mark(2).is_some());
    }

    #[test]
    fn a_zero_whose_top_lies_in_the_rule_is_closed_and_a_seven_is_not() {
        // The rule's row holds the 0's top; clearing it leaves a U. The 7's
        // bar lies in the rule too, but its stem meets the rule only once.
        let page = ink(&[
            "##################",
            "##################",
            "..#..#......#.....",
            "..#..#.....#......",
            "..#..#.....#......",
            "..#..#....#.......",
            "...##.....#.......",
            "..................",
        ]);
        let cell = cell_ink(&page, (0, 0, 18, 8), 2, 2);
        assert_eq!(cell.pieces.len(), 2);
        let (zero, seven) = (cell.pieces[0], cell.pieces[1]);
        assert_eq!((zero.y0, zero.x0, zero.x1), (1, 2, 5));
        assert_eq!(zero.area, 14);
        assert_eq!(seven.y0, 2);
        let clean = cell.render(1.0, 0).expect("ink");
        assert_eq!(
            clean.get_pixel(1, 0).0[0],
            0,
            "the 0's top between its sides"
        );
    }

    #[test]
    fn a_stroke_at_the_crop_top_stays_unless_it_is_as_long_as_a_border() {
        // The top stroke of a character touching a tight crop, and beside it
        // a border reaching in from the corner.
        let page = ink(&[
            "..####.....#######..",
            "....................",
            "...##...............",
            "...##...............",
            "....................",
        ]);
        let cell = cell_ink(&page, (0, 0, 20, 5), 2, 1);
        assert_eq!(cell.pieces.len(), 2);
        assert_eq!(cell.extent(), Some((2, 0, 5, 3)));
    }

    #[test]
    fn a_thick_border_framing_the_crop_is_not_a_character() {
        let page = ink(&[
            "##########",
            "#........#",
            "#...##...#",
            "#...##...#",
            "#........#",
            "##########",
        ]);
        let cell = cell_ink(&page, (0, 0, 10, 6), 2, 1);
        assert_eq!(cell.pieces.len(), 1);
        assert_eq!(cell.extent(), Some((4, 2, 5, 3)));
    }

    #[test]
    fn a_rule_beyond_paper_at_the_crop_top_is_a_border_and_the_print_under_it_stays() {
        // A crop taken out across its grid line, to keep the tops of print
        // set against the rule: paper, the rule, then the characters.
        let page = ink(&[
            "....................",
            "####################",
            "..##..##..##.....##.",
            "..##..######.....##.",
            "..##..##..##.....##.",
            "....................",
        ]);
        let cell = cell_ink(&page, (0, 0, 20, 6), 2, 2);
        assert_eq!(cell.extent(), Some((2, 2, 18, 4)));
        assert_eq!(cell.pieces.len(), 3);
    }

    #[test]
    fn a_crop_has_white_room_around_ink_that_fills_its_cell() {
        let page = ink(&["####", "#..#", "####"]);
        let cell = cell_ink(&page, (0, 0, 4, 3), 1, 0);
        let gray = GrayImage::from_fn(4, 3, |x, y| Luma([if page.at(x, y) { 0 } else { 255 }]));
        let img = cell.crop(&gray, 2, 1.0).expect("ink");
        assert_eq!(img.dimensions(), (8, 7));
        assert_eq!(img.get_pixel(0, 0)[0], 255);
        assert_eq!(img.get_pixel(2, 2)[0], 0);
    }

    #[test]
    fn stacked_strokes_are_one_column() {
        let page = ink(&["........", ".#####..", "........", ".#####..", "........"]);
        let cell = cell_ink(&page, (0, 0, 8, 5), 2, 1);
        assert_eq!(cell.pieces.len(), 2);
        assert_eq!(cell.columns().len(), 1);
    }

    #[test]
    fn a_number_wrapped_in_its_cell_is_two_lines() {
        let page = ink(&[
            "..........",
            ".#.##.....",
            ".#.##.....",
            "..........",
            ".##.......",
            ".##.......",
            "..........",
        ]);
        let cell = cell_ink(&page, (0, 0, 10, 7), 1, 1);
        let lines = cell.lines();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces.len(), 2);
        assert_eq!(lines[0].extent(), Some((1, 1, 4, 2)));
        assert_eq!(lines[1].extent(), Some((1, 4, 2, 5)));
        // Each line's crop shows its own ink only.
        let gray = GrayImage::from_fn(10, 7, |x, y| Luma([if page.at(x, y) { 0 } else { 255 }]));
        let top = lines[0].crop(&gray, 3, 1.0).expect("ink");
        let dark = top.pixels().filter(|p| p[0] < 128).count();
        assert_eq!(dark, 6);
    }

    #[test]
    fn the_sides_a_character_reaches_are_the_ones_the_crop_may_have_cut() {
        let page = ink(&["..##..", "..##..", "......", "....##"]);
        let cell = cell_ink(&page, (0, 0, 6, 4), 1, 0);
        assert_eq!(cell.touched_sides(2), [false, true, false, false]);
        assert_eq!(cell.touched_sides(1), [false, true, true, true]);
    }

    #[test]
    fn a_speck_on_the_baseline_between_digits_is_a_decimal_point() {
        let number = ink(&[
            "..............",
            ".##..##...##..",
            ".##..##...##..",
            ".##..##...##..",
            ".##..##...##..",
            ".##..##.#.##..",
            "..............",
        ]);
        let cell = cell_ink(&number, (0, 0, 14, 7), 3, 1);
        assert_eq!(cell.columns().len(), 3);
        assert!(cell.has_decimal_point());
        // The same speck up at mid-height is noise.
        let noise = ink(&[
            "..............",
            ".##..##...##..",
            ".##..##...##..",
            ".##..##.#.##..",
            ".##..##...##..",
            ".##..##...##..",
            "..............",
        ]);
        assert!(!cell_ink(&noise, (0, 0, 14, 7), 3, 1).has_decimal_point());
    }

    #[test]
    fn a_glyph_has_one_shape_at_any_size() {
        let small = ink(&["......", ".##...", ".#....", "......"]);
        let large = ink(&[
            "..........",
            ".####.....",
            ".####.....",
            ".##.......",
            ".##.......",
            "..........",
        ]);
        let a = cell_ink(&small, (0, 0, 6, 4), 1, 0).shape(2);
        let b = cell_ink(&large, (0, 0, 10, 6), 1, 0).shape(2);
        assert_eq!(a, vec![1.0, 1.0, 1.0, 0.0]);
        assert_eq!(a, b);
    }

    #[test]
    fn rendering_scales_and_pads() {
        let page = ink(&["......", ".##...", ".##...", "......"]);
        let cell = cell_ink(&page, (0, 0, 6, 4), 1, 1);
        let img = cell.render(2.0, 3).expect("ink");
        assert_eq!(img.dimensions(), (4 + 6, 4 + 6));
        assert_eq!(img.get_pixel(0, 0)[0], 255);
        assert!(img.get_pixel(4, 4)[0] < 128);
    }
}

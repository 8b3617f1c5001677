//! Scan clean-up before recognition: flatten the paper to white, straighten
//! the page, binarise, and find the table borders as long dark runs.

use crate::page::Rule;
use image::GrayImage;

/// Side of the blocks over which the paper's brightness is estimated, in points.
const BACKGROUND_BLOCK_PT: f32 = 24.0;
/// Largest skew looked for, in degrees.
const MAX_SKEW_DEG: f32 = 5.0;
/// Shortest horizontal border standing alone, in points: longer than an em
/// dash pair "——" in a cell, shorter than the narrowest column of table 四.
const MIN_HRULE_PT: f32 = 24.0;
/// Shortest horizontal border between two upright ones, in points: double
/// borders box each cell apart, so a narrow column's rules are its width.
const MIN_BOXED_HRULE_PT: f32 = 12.0;
/// Shortest vertical border, in points: taller than the strokes of 10.5 pt text.
const MIN_VRULE_PT: f32 = 12.0;
/// Shortest vertical border of a double one, in points: where each cell is
/// boxed apart in a row of small print, its two strokes are shorter than
/// one border would be (8.9 pt in a 14-pt row); a pair of parallel runs
/// this near is not a stroke of print.
const MIN_PAIRED_VRULE_PT: f32 = 8.0;
/// Farthest apart the two strokes of a double border stand, in points.
const DOUBLE_GAP_PT: f32 = 2.0;
/// Upright runs at least this long are borders wherever they stand, in
/// points; shorter ones must meet a horizontal border at both ends.
const SURE_VRULE_PT: f32 = 16.0;
/// How near a horizontal border an upright one's end must come to meet it, in points.
const RULE_END_SLACK_PT: f32 = 2.5;
/// Thickest run still taken as a border, in points (thicker is a filled area).
const MAX_RULE_THICKNESS_PT: f32 = 4.5;

/// A page ready for recognition.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Straightened grey image with white paper.
    pub gray: GrayImage,
    /// The same, black (true) and white.
    pub ink: Ink,
    pub px_per_pt: f32,
    /// The skew that was removed, in degrees.
    pub skew_deg: f32,
    /// The grey level at and below which a pixel is ink.
    pub level: u8,
}

/// A binary image: `true` is ink.
#[derive(Debug, Clone)]
pub struct Ink {
    pub width: u32,
    pub height: u32,
    pub bits: Vec<bool>,
}

impl Ink {
    pub fn at(&self, x: u32, y: u32) -> bool {
        self.bits[(y * self.width + x) as usize]
    }
}

impl Prepared {
    /// The part of the page inside `rect` (left, top, width, height, in
    /// pixels, clipped to the page), as a page of its own.
    pub fn part(&self, rect: (u32, u32, u32, u32)) -> Prepared {
        let (left, top, w, h) = rect;
        let left = left.min(self.ink.width);
        let top = top.min(self.ink.height);
        let w = w.min(self.ink.width - left);
        let h = h.min(self.ink.height - top);
        let bits = (top..top + h)
            .flat_map(|y| (left..left + w).map(move |x| (x, y)))
            .map(|(x, y)| self.ink.at(x, y))
            .collect();
        Prepared {
            gray: image::imageops::crop_imm(&self.gray, left, top, w, h).to_image(),
            ink: Ink {
                width: w,
                height: h,
                bits,
            },
            px_per_pt: self.px_per_pt,
            skew_deg: self.skew_deg,
            level: self.level,
        }
    }
}

impl Prepared {
    /// The same page with only what is darker than `level` as ink: black
    /// print under a grey seal's ring, without the ring.
    pub fn darker(&self, level: u8) -> Prepared {
        Prepared {
            ink: threshold(&self.gray, level),
            level,
            ..self.clone()
        }
    }

    /// The ink at the page's threshold within `reach` pixels of ink at
    /// `dark` or below: the thin strokes of serif digits, lighter than their
    /// stems, stay with them, while a grey seal's ring, nowhere that dark,
    /// goes but for a stub where it crosses the print.
    pub fn anchored(&self, dark: u8, reach: u32) -> Prepared {
        let near = dilated(&threshold(&self.gray, dark), reach);
        let bits = self
            .ink
            .bits
            .iter()
            .zip(&near.bits)
            .map(|(&ink, &near)| ink && near)
            .collect();
        Prepared {
            ink: Ink { bits, ..near },
            ..self.clone()
        }
    }
}

/// Ink grown by `reach` pixels in every direction (a square).
fn dilated(ink: &Ink, reach: u32) -> Ink {
    let (w, h, r) = (ink.width as usize, ink.height as usize, reach as usize);
    let mut across = vec![false; w * h];
    for y in 0..h {
        let row = &ink.bits[y * w..(y + 1) * w];
        for x in 0..w {
            across[y * w + x] = row[x.saturating_sub(r)..(x + r + 1).min(w)].contains(&true);
        }
    }
    let mut bits = vec![false; w * h];
    for x in 0..w {
        for y in 0..h {
            bits[y * w + x] = (y.saturating_sub(r)..(y + r + 1).min(h)).any(|k| across[k * w + x]);
        }
    }
    Ink {
        width: ink.width,
        height: ink.height,
        bits,
    }
}

/// The pixel at `pt` points on an axis `len` pixels long, at `ppt` pixels a
/// point, kept on the axis.
pub fn pixel_at(pt: f32, ppt: f32, len: u32) -> u32 {
    ((pt * ppt).max(0.0) as u32).min(len.saturating_sub(1))
}

/// The pixel bound (one past the last pixel) at `pt` points, kept within an
/// axis `len` pixels long.
pub fn pixel_bound(pt: f32, ppt: f32, len: u32) -> u32 {
    ((pt * ppt).max(0.0) as u32).min(len)
}

/// Flattens, straightens and binarises one page image.
pub fn prepare(image: &GrayImage, px_per_pt: f32) -> Prepared {
    let flat = flatten_background(image, (BACKGROUND_BLOCK_PT * px_per_pt).max(8.0) as u32);
    let skew_deg = skew_angle(&binarize(&flat));
    let straight = if skew_deg.abs() >= 0.05 {
        rotate(&flat, skew_deg)
    } else {
        flat
    };
    let mut gray = flatten_creases(straight, px_per_pt);
    let (level, grainy) = ink_level(&gray);
    if grainy {
        // The page pass thresholds by itself and would read the grain.
        let pale = halfway_to_white(level);
        gray.pixels_mut()
            .filter(|p| p[0] > pale)
            .for_each(|p| p[0] = 255);
    }
    let ink = despeckle(&threshold(&gray, level));
    Prepared {
        gray,
        ink,
        px_per_pt,
        skew_deg,
        level,
    }
}

/// How far a pixel line's paper level is taken from its neighbours, in
/// points: a rule or a bar of print as thick as twice this fills its lines.
const CREASE_REACH_PT: f32 = 1.5;
/// The darkest paper a crease's shadow is taken to leave: darker lines are
/// print (a picture, a filled bar), not shadow.
const CREASE_FLOOR: f32 = 150.0;
/// How much darker than most a line's paper must be to be a crease's.
const CREASE_MIN_DEPTH: f32 = 8.0;

/// Divides every pixel by its line's paper level, row and column, after
/// straightening: a fold's shadow runs level or upright across the sheet
/// and is a few points wide, far narrower than the blocks that
/// [`flatten_background`] evens, and darkens the print in it into its
/// paper. The paper level of a whole pixel line is its 90th percentile, as
/// tables leave the margins white; each line takes the brightest of its
/// neighbours within [`CREASE_REACH_PT`], so that a rule is not paper.
pub fn flatten_creases(mut image: GrayImage, px_per_pt: f32) -> GrayImage {
    let (w, h) = (image.width() as usize, image.height() as usize);
    if w == 0 || h == 0 {
        return image;
    }
    let reach = (CREASE_REACH_PT * px_per_pt).round().max(1.0) as usize;
    // Histograms of every row and column, filled in one pass over the pixels.
    let mut row_hist = vec![[0u32; 256]; h];
    let mut col_hist = vec![[0u32; 256]; w];
    for (i, &v) in image.as_raw().iter().enumerate() {
        row_hist[i / w][v as usize] += 1;
        col_hist[i % w][v as usize] += 1;
    }
    let rows = brightest_near(&row_hist.iter().map(paper_level).collect::<Vec<_>>(), reach);
    let cols = brightest_near(&col_hist.iter().map(paper_level).collect::<Vec<_>>(), reach);
    // Lines as bright as most are left as they are.
    let mut sorted = rows.clone();
    sorted.sort_by(f32::total_cmp);
    let page = sorted[sorted.len() / 2];
    let shaded = |level: f32| level < page - CREASE_MIN_DEPTH;
    if !rows.iter().chain(&cols).any(|&l| shaded(l)) {
        return image;
    }
    for (i, v) in image.iter_mut().enumerate() {
        let level = rows[i / w].min(cols[i % w]).max(CREASE_FLOOR);
        if shaded(level) {
            *v = (f32::from(*v) * page / level).min(255.0) as u8;
        }
    }
    image
}

/// The paper level of a pixel line from its histogram: its 90th percentile.
fn paper_level(hist: &[u32; 256]) -> f32 {
    let n: u32 = hist.iter().sum();
    let target = n - n / 10;
    let mut seen = 0;
    for (v, &c) in hist.iter().enumerate() {
        seen += c;
        if seen >= target {
            return v as f32;
        }
    }
    255.0
}

/// Each value replaced by the largest within `reach` places of it.
fn brightest_near(values: &[f32], reach: usize) -> Vec<f32> {
    (0..values.len())
        .map(|i| {
            values[i.saturating_sub(reach)..(i + reach + 1).min(values.len())]
                .iter()
                .fold(0.0, |a: f32, &b| a.max(b))
        })
        .collect()
}

/// Divides every pixel by the paper's local brightness (a high percentile
/// per block, interpolated), so grey or unevenly lit paper becomes white.
pub fn flatten_background(image: &GrayImage, block: u32) -> GrayImage {
    let (w, h) = image.dimensions();
    if w == 0 || h == 0 {
        return image.clone();
    }
    let (bw, bh) = (w.div_ceil(block), h.div_ceil(block));
    let mut paper = vec![255f32; (bw * bh) as usize];
    for by in 0..bh {
        for bx in 0..bw {
            let mut hist = [0u32; 256];
            let mut n = 0u32;
            let (x0, x1) = ((bx * block) as usize, ((bx + 1) * block).min(w) as usize);
            for y in (by * block)..((by + 1) * block).min(h) {
                let row = y as usize * w as usize;
                for &v in &image.as_raw()[row + x0..row + x1] {
                    hist[v as usize] += 1;
                }
                n += (x1 - x0) as u32;
            }
            // The 90th percentile: paper even where text covers much of the block.
            let mut seen = 0;
            let target = n - n / 10;
            for (v, &c) in hist.iter().enumerate() {
                seen += c;
                if seen >= target {
                    paper[(by * bw + bx) as usize] = (v as f32).max(64.0);
                    break;
                }
            }
        }
    }
    // Block centres are the interpolation nodes; per row, interpolate the
    // block rows first, then along the row (a whole page is ~9 M pixels).
    let half = block as f32 / 2.0;
    let node = |v: u32| {
        let f = ((v as f32 - half) / block as f32).max(0.0);
        let i = f.floor() as usize;
        (i, f - i as f32)
    };
    let cols: Vec<(usize, f32)> = (0..w)
        .map(|x| {
            let (i, t) = node(x);
            (i.min(bw as usize - 1), t)
        })
        .collect();
    let src = image.as_raw();
    let mut out = vec![0u8; src.len()];
    let mut row_bg = vec![0f32; bw as usize + 1];
    for y in 0..h as usize {
        let (by, ty) = node(y as u32);
        let b0 = by.min(bh as usize - 1);
        let b1 = (by + 1).min(bh as usize - 1);
        for (bx, bg) in row_bg.iter_mut().enumerate() {
            let c = bx.min(bw as usize - 1);
            let top = paper[b0 * bw as usize + c];
            let bottom = paper[b1 * bw as usize + c];
            *bg = top + (bottom - top) * ty;
        }
        let row = &src[y * w as usize..(y + 1) * w as usize];
        let dst = &mut out[y * w as usize..(y + 1) * w as usize];
        for ((d, &v), &(bx, tx)) in dst.iter_mut().zip(row).zip(&cols) {
            let next = if bx + 1 < bw as usize {
                row_bg[bx + 1]
            } else {
                row_bg[bx]
            };
            let bg = row_bg[bx] + (next - row_bg[bx]) * tx;
            *d = (f32::from(v) * 255.0 / bg).min(255.0) as u8;
        }
    }
    GrayImage::from_raw(w, h, out).unwrap_or_else(|| image.clone())
}

/// Turns an image clockwise by `deg` degrees about its centre (bilinear,
/// white where the turned page has no source): the page's skew removed.
pub fn rotate(image: &GrayImage, deg: f32) -> GrayImage {
    let (w, h) = image.dimensions();
    let (sin, cos) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let src = image.as_raw();
    let (wi, hi) = (w as i64, h as i64);
    // Fixed point with 16 fractional bits: the source position of each
    // output pixel is a step from its left neighbour's.
    const ONE: f32 = 65536.0;
    let at = |x: i64, y: i64| -> i64 {
        if x < 0 || y < 0 || x >= wi || y >= hi {
            255
        } else {
            i64::from(src[(y * wi + x) as usize])
        }
    };
    let mut out = vec![255u8; src.len()];
    for y in 0..h {
        let dy = y as f32 - cy;
        let mut sx = ((-cx * cos + dy * sin + cx) * ONE) as i64;
        let mut sy = ((cx * sin + dy * cos + cy) * ONE) as i64;
        let (step_x, step_y) = ((cos * ONE) as i64, (-sin * ONE) as i64);
        let dst = &mut out[(y * w) as usize..((y + 1) * w) as usize];
        for d in dst.iter_mut() {
            let (x0, y0) = (sx >> 16, sy >> 16);
            if x0 >= 0 && y0 >= 0 && x0 + 1 < wi && y0 + 1 < hi {
                let i = (y0 * wi + x0) as usize;
                let (fx, fy) = (sx & 0xffff, sy & 0xffff);
                let p = |j: usize| i64::from(src[j]);
                let top = p(i) * (65536 - fx) + p(i + 1) * fx;
                let bottom = p(i + w as usize) * (65536 - fx) + p(i + w as usize + 1) * fx;
                *d = ((top * (65536 - fy) + bottom * fy) >> 32) as u8;
            } else if x0 >= -1 && y0 >= -1 && x0 < wi && y0 < hi {
                let (fx, fy) = (sx & 0xffff, sy & 0xffff);
                let top = at(x0, y0) * (65536 - fx) + at(x0 + 1, y0) * fx;
                let bottom = at(x0, y0 + 1) * (65536 - fx) + at(x0 + 1, y0 + 1) * fx;
                *d = ((top * (65536 - fy) + bottom * fy) >> 32) as u8;
            }
            sx += step_x;
            sy += step_y;
        }
    }
    GrayImage::from_raw(w, h, out).unwrap_or_else(|| image.clone())
}

/// Drops ink pixels with fewer than two inked neighbours: scanner noise, not
/// strokes (a one-pixel border keeps its two neighbours along the line).
pub fn despeckle(ink: &Ink) -> Ink {
    let (w, h) = (ink.width as i64, ink.height as i64);
    let at = |x: i64, y: i64| x >= 0 && y >= 0 && x < w && y < h && ink.bits[(y * w + x) as usize];
    let mut bits = vec![false; ink.bits.len()];
    for y in 0..h {
        for x in 0..w {
            if !at(x, y) {
                continue;
            }
            let mut n = 0;
            for (dx, dy) in [
                (-1, -1),
                (0, -1),
                (1, -1),
                (-1, 0),
                (1, 0),
                (-1, 1),
                (0, 1),
                (1, 1),
            ] {
                n += usize::from(at(x + dx, y + dy));
            }
            bits[(y * w + x) as usize] = n >= 2;
        }
    }
    Ink {
        width: ink.width,
        height: ink.height,
        bits,
    }
}

/// The grey level half-way from the ink threshold to white: a pixel paler
/// than that is paper, whatever ink lies near it.
fn halfway_to_white(level: u8) -> u8 {
    level / 2 + 128
}

/// The ink threshold of a flattened image.
pub fn binarize(image: &GrayImage) -> Ink {
    threshold(image, ink_level(image).0)
}

/// Print is at least this many grey levels darker, on average, than paper,
/// and covers at most this share of a page.
const MIN_INK_CONTRAST: f64 = 90.0;
const MAX_INK_SHARE: f64 = 0.25;

/// Otsu's level, found again among the darker pixels while the two classes
/// it parts are too alike to be ink and paper: on a page with a line or two
/// of print, Otsu parts the paper's own grain and a third of it became ink.
/// Also tells whether it did so, the page being grainy.
pub fn ink_level(image: &GrayImage) -> (u8, bool) {
    let mut hist = [0u64; 256];
    for &v in image.as_raw() {
        hist[usize::from(v)] += 1;
    }
    let total: u64 = hist.iter().sum();
    let class = |range: std::ops::Range<usize>| {
        let (n, sum) = range.fold((0u64, 0u64), |(n, sum), v| {
            (n + hist[v], sum + hist[v] * v as u64)
        });
        (n > 0).then(|| (sum as f64 / n as f64, n as f64 / total as f64))
    };
    let first = otsu(&hist);
    let mut level = first;
    // Faint print is as little darker than paper, but covers a few per cent
    // of the page, never a quarter: only a class that large is grain.
    for _ in 0..4 {
        match (class(0..level + 1), class(level + 1..256)) {
            (Some((dark, share)), Some((light, _)))
                if light - dark < MIN_INK_CONTRAST && share > MAX_INK_SHARE =>
            {
                level = otsu(&hist[..level + 1]);
            }
            _ => break,
        }
    }
    (level as u8, level != first)
}

/// Otsu's level over the histogram `hist` (grey levels from 0).
fn otsu(hist: &[u64]) -> usize {
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(v, &n)| v as f64 * n as f64)
        .sum();
    let (mut seen, mut seen_sum) = (0u64, 0f64);
    let (mut best, mut best_score) = (0, -1f64);
    for (v, &n) in hist.iter().enumerate() {
        seen += n;
        seen_sum += v as f64 * n as f64;
        if seen == 0 || seen == total {
            continue;
        }
        let (w0, w1) = (seen as f64, (total - seen) as f64);
        let between = w0 * w1 * (seen_sum / w0 - (sum - seen_sum) / w1).powi(2);
        if between > best_score {
            (best, best_score) = (v, between);
        }
    }
    best
}

fn threshold(image: &GrayImage, level: u8) -> Ink {
    Ink {
        width: image.width(),
        height: image.height(),
        bits: image.as_raw().iter().map(|&v| v <= level).collect(),
    }
}

/// The rotation (degrees, as [`rotate`] takes it) that makes text
/// lines horizontal: the angle whose projection of ink onto the vertical
/// axis is sharpest.
pub fn skew_angle(ink: &Ink) -> f32 {
    // A sample of ink pixels is enough to score an angle.
    let step = (ink.width / 800).max(1);
    let mut points: Vec<(f32, f32)> = Vec::new();
    for y in (0..ink.height).step_by(step as usize) {
        for x in (0..ink.width).step_by(step as usize) {
            if ink.at(x, y) {
                points.push((x as f32, y as f32));
            }
        }
    }
    if points.len() < 100 {
        return 0.0;
    }
    let bins = (ink.height / step + 1) as usize;
    let cx = ink.width as f32 / 2.0;
    let score = |deg: f32| {
        let t = deg.to_radians().tan();
        let mut hist = vec![0u32; bins * 2 + 2];
        for &(x, y) in &points {
            let yy = y + (x - cx) * t;
            let b = (yy / step as f32 + bins as f32 / 2.0) as i64;
            if b >= 0 && (b as usize) < hist.len() {
                hist[b as usize] += 1;
            }
        }
        hist.iter()
            .map(|&c| u64::from(c) * u64::from(c))
            .sum::<u64>()
    };
    let search = |from: f32, to: f32, by: f32| {
        let mut best = (0u64, 0.0f32);
        let mut a = from;
        while a <= to + 1e-6 {
            let s = score(a);
            if s > best.0 {
                best = (s, a);
            }
            a += by;
        }
        best.1
    };
    let coarse = search(-MAX_SKEW_DEG, MAX_SKEW_DEG, 0.25);
    let fine = search(coarse - 0.25, coarse + 0.25, 0.05);
    // Shearing rows by the angle levels them; turning the image by it does too.
    fine
}

/// Horizontal and vertical borders: runs of ink at least a border's length,
/// merged across the few pixel rows (or columns) a border is thick.
pub fn rules(page: &Prepared) -> Vec<Rule> {
    let (w, h, px_per_pt) = (page.ink.width, page.ink.height, page.px_per_pt);
    let across = border_mask(page, true);
    // The strokes of a line of print whose feet are level (结果纠正 in a
    // narrow cell) make as long a run.
    let mut out: Vec<Rule> =
        runs_to_rules(h, w, &across, MIN_HRULE_PT * px_per_pt, px_per_pt, true)
            .into_iter()
            .filter(|r| r.to.0 - r.from.0 >= PRINT_STROKE_PT || !between_print(page, r, true))
            .collect();
    // Found apart, so that a short stroke of print against a border does
    // not thicken the border's band. A box's rule may join its neighbour's
    // a pixel row off into one longer than either; only what the long
    // borders do not already hold is new.
    let short: Vec<Rule> = runs_to_rules(
        h,
        w,
        &across,
        MIN_BOXED_HRULE_PT * px_per_pt,
        px_per_pt,
        true,
    )
    .into_iter()
    .filter(|r| !between_print(page, r, true))
    .filter(|r| {
        !out.iter().any(|l| {
            (l.from.1 - r.from.1).abs() <= RULE_END_SLACK_PT
                && l.from.0 <= r.from.0 + RULE_END_SLACK_PT
                && l.to.0 >= r.to.0 - RULE_END_SLACK_PT
        })
    })
    .collect();
    let upright = border_mask(page, false);
    let mut verticals = runs_to_rules(w, h, &upright, MIN_VRULE_PT * px_per_pt, px_per_pt, false);
    // Found apart, as the short horizontal ones are: shorter runs would
    // widen the long borders' bands and chain slanted strokes into uprights.
    let paired = runs_to_rules(
        w,
        h,
        &upright,
        MIN_PAIRED_VRULE_PT * px_per_pt,
        px_per_pt,
        false,
    );
    let doubles: Vec<Rule> = paired
        .iter()
        .filter(|v| v.to.1 - v.from.1 < MIN_VRULE_PT)
        .filter(|v| match twins(v, &paired)[..] {
            [twin] => stands_clear(page, v, twin),
            _ => false,
        })
        .filter(|v| {
            !verticals
                .iter()
                .any(|l| same_stretch(v, l, RULE_END_SLACK_PT))
        })
        .copied()
        .collect();
    verticals.extend(doubles);
    // A short upright run is a border only where it meets horizontal ones
    // at both ends: the strokes of large print (十, 申) are as long.
    let verticals: Vec<Rule> = verticals
        .into_iter()
        .filter(|v| v.to.1 - v.from.1 >= PRINT_STROKE_PT || !between_print(page, v, false))
        .filter_map(|v| {
            if v.to.1 - v.from.1 >= SURE_VRULE_PT {
                Some(v)
            } else {
                boxed(v, &out, false)
            }
        })
        .collect();
    out.extend(short.into_iter().filter_map(|r| boxed(r, &verticals, true)));
    // Where a double border's inner strokes merge across the gaps between
    // boxes (at 150 dpi), the box rules still stop short of the outer one.
    let mut out: Vec<Rule> = out
        .into_iter()
        .map(|r| reach(r, &verticals, true))
        .collect();
    out.extend(verticals);
    out
}

/// The upright runs beside `v`, at most a double border's gap off, from
/// about where it starts to about where it ends: one for a stroke of a
/// double border, whose twin runs with it end to end.
fn twins<'a>(v: &Rule, uprights: &'a [Rule]) -> Vec<&'a Rule> {
    uprights
        .iter()
        .filter(|u| {
            let gap = (u.from.0 - v.from.0).abs();
            gap > 0.0 && gap <= DOUBLE_GAP_PT && same_stretch(u, v, TWIN_END_PT)
        })
        .collect()
}

/// Share of a double border's length along which stray ink is allowed
/// between its strokes and in the padding beside them.
const STRAY_SHARE: f32 = 0.1;

/// Whether two twin strokes stand in paper, as a double border between
/// boxed cells does: nothing between them, and the cells' padding clear
/// beside them. Two strokes of a character (贝 at 8 pt) are joined or
/// crossed by its other strokes.
fn stands_clear(page: &Prepared, a: &Rule, b: &Rule) -> bool {
    let ppt = page.px_per_pt;
    let (w, h) = (page.ink.width, page.ink.height);
    let px = |pt: f32, max: u32| pixel_at(pt, ppt, max);
    let (left, right) = if a.from.0 < b.from.0 { (a, b) } else { (b, a) };
    let inner = (
        left.from.0 + left.width / 2.0,
        right.from.0 - right.width / 2.0,
    );
    let outer = (
        left.from.0 - left.width / 2.0,
        right.from.0 + right.width / 2.0,
    );
    let stretches = [
        (px(inner.0, w) + 1, px(inner.1, w).saturating_sub(1)),
        (px(outer.0 - PADDING_PT.1, w), px(outer.0 - PADDING_PT.0, w)),
        (px(outer.1 + PADDING_PT.0, w), px(outer.1 + PADDING_PT.1, w)),
    ];
    // The ends meet the horizontal borders, which have ink on both sides.
    let top = left.from.1.max(right.from.1) + 1.0;
    let bottom = left.to.1.min(right.to.1) - 1.0;
    let (y0, y1) = (px(top, h), px(bottom, h));
    if y1 <= y0 {
        return false;
    }
    stretches.iter().all(|&(x0, x1)| {
        let inked = (y0..y1)
            .filter(|&y| (x0..=x1).any(|x| page.ink.at(x, y)))
            .count();
        inked as f32 <= STRAY_SHARE * (y1 - y0) as f32
    })
}

/// Whether two upright runs start and end within `slack` points of each
/// other, wherever they stand across.
fn same_stretch(a: &Rule, b: &Rule, slack: f32) -> bool {
    (a.from.1 - b.from.1).abs() <= slack && (a.to.1 - b.to.1).abs() <= slack
}

/// How far apart the ends of a double border's two strokes may be, in points.
const TWIN_END_PT: f32 = 1.0;

/// Runs shorter than this, in points, may be strokes of print: upright
/// ones chained through the rules of a tight table's rows, level ones
/// along a line of print.
const PRINT_STROKE_PT: f32 = 36.0;
/// A border stands in its cell's padding: ink this near on both sides, in
/// points, over this share of its length, is the print it is a stroke of.
const PADDING_PT: (f32, f32) = (0.4, 1.5);
const PRINT_ALONG_SHARE: f32 = 0.3;

/// Whether a run has ink right beside it on both sides along much of its
/// length: a character's stroke, whose other strokes cross it or stand
/// close (or the strokes of a line of print, level along its foot), and
/// not a border, which a cell's padding keeps clear.
fn between_print(page: &Prepared, rule: &Rule, horizontal: bool) -> bool {
    let ppt = page.px_per_pt;
    let (along, across) = axes(horizontal);
    let (len_along, len_across) = if horizontal {
        (page.ink.width, page.ink.height)
    } else {
        (page.ink.height, page.ink.width)
    };
    let px = |pt: f32, max: u32| pixel_at(pt, ppt, max);
    let half = rule.width / 2.0;
    let at = across(rule.from);
    let before = (
        px(at - half - PADDING_PT.1, len_across),
        px(at - half - PADDING_PT.0, len_across),
    );
    let after = (
        px(at + half + PADDING_PT.0, len_across),
        px(at + half + PADDING_PT.1, len_across),
    );
    // The ends meet the crossing borders, which have ink on both sides.
    let (a, z) = (
        px(along(rule.from) + 1.5, len_along),
        px(along(rule.to) - 1.5, len_along),
    );
    if z <= a {
        return false;
    }
    let ink = |i: u32, j: u32| {
        if horizontal {
            page.ink.at(i, j)
        } else {
            page.ink.at(j, i)
        }
    };
    let inked = |i: u32, (p, q): (u32, u32)| (p..=q).any(|j| ink(i, j));
    // The other stroke of a double border beside it is no print.
    let twin = |(p, q): (u32, u32)| {
        (p..=q).any(|j| (a..z).filter(|&i| ink(i, j)).count() as f32 >= TWIN_ALONG * (z - a) as f32)
    };
    if twin(before) || twin(after) {
        return false;
    }
    let both = (a..z)
        .filter(|&i| inked(i, before) && inked(i, after))
        .count();
    both as f32 >= PRINT_ALONG_SHARE * (z - a) as f32
}

/// Share of a run's length that a line of pixels beside it must be ink
/// along to be a parallel rule: the other stroke of a double border.
const TWIN_ALONG: f32 = 0.8;

/// One coordinate of a point.
type Coordinate = fn((f32, f32)) -> f32;

/// The along-the-rule and across-it coordinates of a rule's points, for
/// either direction.
fn axes(horizontal: bool) -> (Coordinate, Coordinate) {
    if horizontal {
        (|p| p.0, |p| p.1)
    } else {
        (|p| p.1, |p| p.0)
    }
}

/// The crossing border nearest the end of a rule at `end` (along it), the
/// rule lying at `at` (across it): where the border stands, how far off the
/// end is, and how far the rule lies from the border's own nearest end
/// (near nought at a corner).
fn nearest_crossing(
    at: f32,
    end: f32,
    crossing: &[Rule],
    horizontal: bool,
) -> Option<(f32, f32, f32)> {
    let (along, across) = axes(horizontal);
    crossing
        .iter()
        .filter(|k| {
            at >= across(k.from) - RULE_END_SLACK_PT && at <= across(k.to) + RULE_END_SLACK_PT
        })
        .map(|k| {
            let corner = (across(k.from) - at).abs().min((across(k.to) - at).abs());
            (along(k.from), (along(k.from) - end).abs(), corner)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// A rule meeting a crossing border at one end and stopping short of
/// another at its other end, by more than the slack but at most twice it,
/// drawn on to that border. A run of print's tops meets neither.
fn reach(rule: Rule, crossing: &[Rule], horizontal: bool) -> Rule {
    let (along, across) = axes(horizontal);
    let at = across(rule.from);
    let (a, z) = (along(rule.from), along(rule.to));
    let near = |end: f32| nearest_crossing(at, end, crossing, horizontal);
    let (Some((ka, off_a, _)), Some((kz, off_z, _))) = (near(a), near(z)) else {
        return rule;
    };
    let short = |off: f32| off > RULE_END_SLACK_PT && off <= 2.0 * RULE_END_SLACK_PT;
    let a = if short(off_a) && off_z <= RULE_END_SLACK_PT && ka < a {
        ka
    } else {
        a
    };
    let z = if short(off_z) && off_a <= RULE_END_SLACK_PT && kz > z {
        kz
    } else {
        z
    };
    along_from_to(rule, horizontal, a, z)
}

/// A short rule that meets a crossing border at each end, drawn on to
/// them; `None` if it does not. One end may stop up to twice the slack
/// short: a box's rules stop short of the table's outer double border, and
/// the uprights of a last row short of its bottom. A short horizontal rule,
/// and one that stops short, must make a corner with one of them: the
/// strokes of a number filling a narrow box run from side to side between
/// its corners (the other side may be a border joined across rows).
fn boxed(rule: Rule, crossing: &[Rule], horizontal: bool) -> Option<Rule> {
    let (along, across) = axes(horizontal);
    let at = across(rule.from);
    let meets = |end: f32| nearest_crossing(at, end, crossing, horizontal);
    let (a, off_a, corner_a) = meets(along(rule.from))?;
    let (z, off_z, corner_z) = meets(along(rule.to))?;
    let loose = off_a.max(off_z) > RULE_END_SLACK_PT;
    if off_a.max(off_z) > 2.0 * RULE_END_SLACK_PT || off_a.min(off_z) > RULE_END_SLACK_PT {
        return None;
    }
    if (horizontal || loose) && corner_a.min(corner_z) > 2.0 * RULE_END_SLACK_PT {
        return None;
    }
    let (a, z) = (along(rule.from).min(a), along(rule.to).max(z));
    Some(along_from_to(rule, horizontal, a, z))
}

/// The rule running from `a` to `z` along its direction.
fn along_from_to(mut rule: Rule, horizontal: bool, a: f32, z: f32) -> Rule {
    if horizontal {
        (rule.from.0, rule.to.0) = (a, z);
    } else {
        (rule.from.1, rule.to.1) = (a, z);
    }
    rule
}

/// The pixels that may carry a border running along rows (`horizontal`)
/// or columns, laid out line by line in that direction. Each also holds the
/// pixel one line on, since a one-pixel border not quite level steps
/// between two pixel lines.
fn border_mask(page: &Prepared, horizontal: bool) -> Vec<bool> {
    let (w, h) = (page.ink.width as usize, page.ink.height as usize);
    let gray = page.gray.as_raw();
    // Straightening spreads a one-pixel border over two pixel rows, each
    // paler than the threshold; such a pixel is still border where it is
    // darker than half-way to white and than what lies two pixels either
    // side (a tinted cell is as pale but no darker than its surroundings).
    // Print set against a row's rule (the tops of characters, rarely their
    // sides) has ink on one side of it instead.
    let (level, pale) = (page.level, halfway_to_white(page.level));
    let step = (255 - level) / 4;
    let thin = |here: u8, before: u8, after: u8| {
        let lighter = here.saturating_add(step);
        let (open_before, open_after) = (before >= lighter, after >= lighter);
        let against = |side: u8| horizontal && side <= level && here > level;
        (here <= pale)
            & ((open_before & open_after)
                | (open_before & against(after))
                | (against(before) & open_after))
    };
    let paper = vec![255u8; w];
    let mut mask = vec![false; w * h];
    for (y, out) in mask.chunks_mut(w.max(1)).enumerate() {
        let row = &gray[y * w..(y + 1) * w];
        let ink = &page.ink.bits[y * w..(y + 1) * w];
        if horizontal {
            // Off the page counts as paper.
            let above = if y >= 2 {
                &gray[(y - 2) * w..(y - 1) * w]
            } else {
                &paper[..]
            };
            let below = if y + 2 < h {
                &gray[(y + 2) * w..(y + 3) * w]
            } else {
                &paper[..]
            };
            for x in 0..w {
                out[x] = ink[x] | thin(row[x], above[x], below[x]);
            }
        } else {
            for x in 0..w {
                let before = if x >= 2 { row[x - 2] } else { 255 };
                let after = if x + 2 < w { row[x + 2] } else { 255 };
                out[x] = ink[x] | thin(row[x], before, after);
            }
        }
    }
    if horizontal {
        for y in 0..h.saturating_sub(1) {
            let (this, next) = mask[y * w..].split_at_mut(w);
            this.iter_mut().zip(&next[..w]).for_each(|(a, b)| *a |= *b);
        }
        return mask;
    }
    for row in mask.chunks_mut(w.max(1)) {
        for x in 0..w.saturating_sub(1) {
            row[x] |= row[x + 1];
        }
    }
    transpose(&mask, w, h)
}

/// A `w` × `h` grid laid out row by row, laid out column by column; in
/// blocks, so that neither side is read a whole row apart.
fn transpose(cells: &[bool], w: usize, h: usize) -> Vec<bool> {
    const BLOCK: usize = 64;
    let mut out = vec![false; w * h];
    for y0 in (0..h).step_by(BLOCK) {
        for x0 in (0..w).step_by(BLOCK) {
            for y in y0..(y0 + BLOCK).min(h) {
                for x in x0..(x0 + BLOCK).min(w) {
                    out[x * h + y] = cells[y * w + x];
                }
            }
        }
    }
    out
}

/// A band of runs in consecutive lines: a border being followed.
struct Band {
    first: u32,
    last: u32,
    from: u32,
    to: u32,
    /// Each line's run (line, from, to): where print touches a border the
    /// band follows the print's strokes on, and only the long runs are the
    /// border.
    runs: Vec<(u32, u32, u32)>,
}

/// Share of a band's longest run from which a run is the border's own
/// rather than the strokes of print set against it.
const BORDER_RUN_SHARE: f32 = 0.6;

impl Band {
    /// The band cut down to its long runs, when print set against a border
    /// made it thicker than a border: the lines from the first long run to
    /// the last, and their extent.
    fn border(self) -> Band {
        let longest = self.runs.iter().map(|r| r.2 - r.1).max().unwrap_or(0);
        let long: Vec<&(u32, u32, u32)> = self
            .runs
            .iter()
            .filter(|r| (r.2 - r.1) as f32 >= BORDER_RUN_SHARE * longest as f32)
            .collect();
        let (Some(first), Some(last)) = (long.first(), long.last()) else {
            return self;
        };
        Band {
            first: first.0,
            last: last.0,
            from: long.iter().map(|r| r.1).min().unwrap_or(self.from),
            to: long.iter().map(|r| r.2).max().unwrap_or(self.to),
            runs: Vec::new(),
        }
    }
}

fn runs_to_rules(
    lines: u32,
    len: u32,
    mask: &[bool],
    min_len: f32,
    px_per_pt: f32,
    horizontal: bool,
) -> Vec<Rule> {
    // Gaps this short inside a border are noise or a faint scan, not its end.
    let max_gap = (px_per_pt * 1.0).ceil() as u32;
    let ink = |line: u32, i: u32| mask[(line * len + i) as usize];
    let mut open: Vec<Band> = Vec::new();
    let mut done: Vec<Band> = Vec::new();
    for line in 0..lines {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < len {
            if !ink(line, i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            let mut gap = 0;
            while i < len && gap <= max_gap {
                if ink(line, i) {
                    end = i;
                    gap = 0;
                } else {
                    gap += 1;
                }
                i += 1;
            }
            if (end - start + 1) as f32 >= min_len {
                runs.push((start, end));
            }
        }
        let mut next = Vec::new();
        for (from, to) in runs {
            // A run that overlaps the band, or carries it on end to end, is
            // the same border: a page straightened to within a twentieth of
            // a degree still lets a long border step down a pixel row.
            let joined = open.iter().position(|b| {
                let overlap = to.min(b.to) as i64 - from.max(b.from) as i64;
                overlap >= -i64::from(max_gap)
            });
            match joined {
                Some(k) => {
                    let mut b = open.swap_remove(k);
                    b.last = line;
                    b.from = b.from.min(from);
                    b.to = b.to.max(to);
                    b.runs.push((line, from, to));
                    next.push(b);
                }
                None => next.push(Band {
                    first: line,
                    last: line,
                    from,
                    to,
                    runs: vec![(line, from, to)],
                }),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    let max_thickness = MAX_RULE_THICKNESS_PT * px_per_pt;
    let thick = |b: &Band| (b.last - b.first) as f32 > max_thickness;
    done.into_iter()
        .map(|b| if thick(&b) { b.border() } else { b })
        .filter(|b| !thick(b))
        .map(|b| {
            // Looking one line ahead started each band a line early.
            let first = (b.first + 1).min(b.last);
            let mid = (first + b.last + 1) as f32 / 2.0 / px_per_pt;
            let (a, z) = (b.from as f32 / px_per_pt, (b.to + 1) as f32 / px_per_pt);
            let width = (b.last - first + 1) as f32 / px_per_pt;
            if horizontal {
                Rule {
                    from: (a, mid),
                    to: (z, mid),
                    width,
                }
            } else {
                Rule {
                    from: (mid, a),
                    to: (mid, z),
                    width,
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;
    use imageproc::drawing::draw_filled_rect_mut;
    use imageproc::rect::Rect;

    #[test]
    fn points_off_the_page_become_its_first_or_last_pixel() {
        assert_eq!(pixel_at(-3.0, 2.0, 100), 0);
        assert_eq!(pixel_at(10.2, 2.0, 100), 20);
        assert_eq!(pixel_at(80.0, 2.0, 100), 99);
        assert_eq!(pixel_bound(80.0, 2.0, 100), 100);
        assert_eq!(pixel_at(1.0, 2.0, 0), 0);
    }

    #[test]
    fn a_fold_shadow_becomes_paper_and_the_print_in_it_stays_ink() {
        // 4 px per point: a level crease 12 pt wide, 70 levels deep at its
        // middle, across a grid whose rules and "text" must survive.
        let mut page = grid_page(800, 400, 250);
        for (y, row) in page.rows_mut().enumerate() {
            let depth = 70.0 * (-((y as f32 - 146.0) / 24.0).powi(2)).exp();
            for p in row {
                p[0] = (f32::from(p[0]) * (1.0 - depth / 255.0)) as u8;
            }
        }
        let flat = flatten_creases(page, 4.0);
        let at = |x: u32, y: u32| flat.get_pixel(x, y)[0];
        // Paper in the crease's middle, beside the text and in the margin.
        assert!(at(500, 146) >= 240, "paper {}", at(500, 146));
        assert!(at(20, 146) >= 240, "margin {}", at(20, 146));
        // The text in the crease and the rules stay dark.
        assert!(at(125, 146) <= 60, "text {}", at(125, 146));
        assert!(at(300, 100) <= 40, "rule {}", at(300, 100));
        assert!(at(100, 250) <= 40, "upright {}", at(100, 250));
        // Paper far from the crease is left as it was.
        assert_eq!(at(500, 380), 250);
    }

    /// A page with a 3×2 grid (lines 2 px thick) and a line of "text" blocks.
    fn grid_page(w: u32, h: u32, paper: u8) -> GrayImage {
        let mut img = GrayImage::from_pixel(w, h, Luma([paper]));
        for y in [100, 200, 300] {
            draw_filled_rect_mut(&mut img, Rect::at(100, y).of_size(600, 2), Luma([20]));
        }
        for x in [100, 400, 699] {
            draw_filled_rect_mut(&mut img, Rect::at(x, 100).of_size(2, 202), Luma([20]));
        }
        for i in 0..20 {
            draw_filled_rect_mut(
                &mut img,
                Rect::at(120 + i * 14, 140).of_size(10, 12),
                Luma([30]),
            );
        }
        img
    }

    #[test]
    fn rotation_matches_imageproc() {
        use imageproc::geometric_transformations::{Border, Interpolation, rotate_about_center};
        let page = grid_page(800, 400, 255);
        for deg in [-2.0f32, 0.7, 4.5] {
            let ours = rotate(&page, deg);
            let theirs = rotate_about_center(
                &page,
                deg.to_radians(),
                Interpolation::Bilinear,
                Border::Constant(Luma([255])),
            );
            let differ = ours
                .pixels()
                .zip(theirs.pixels())
                .filter(|(a, b)| a[0].abs_diff(b[0]) > 40)
                .count();
            assert!(differ < 200, "{deg}°: {differ} pixels differ");
        }
    }

    #[test]
    fn a_page_of_grain_and_one_line_keeps_its_grain_out_of_the_ink() {
        // Paper grain between 195 and 255, most of it near 225 (a scanned
        // near-blank page), and one line of print.
        let mut seed = 12345u32;
        let mut grain = || {
            // xorshift32
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            (seed % 21) as u8
        };
        let mut img =
            GrayImage::from_fn(800, 600, |_, _| Luma([195 + grain() + grain() + grain()]));
        for i in 0..4 {
            draw_filled_rect_mut(
                &mut img,
                Rect::at(120 + i * 14, 140).of_size(10, 12),
                Luma([40]),
            );
        }
        let (level, grainy) = ink_level(&img);
        assert!(grainy);
        let inked = img.as_raw().iter().filter(|&&v| v <= level).count();
        assert!(level < 195, "level {level}");
        assert_eq!(inked, 4 * 10 * 12);
    }

    #[test]
    fn a_page_with_print_keeps_otsus_level() {
        let img = grid_page(800, 400, 230);
        assert_eq!(
            ink_level(&img),
            (imageproc::contrast::otsu_level(&img), false)
        );
        // Faint print, 80 levels under the paper: still all of it ink.
        let mut faint = GrayImage::from_pixel(800, 400, Luma([255]));
        for i in 0..40 {
            let at = Rect::at(20 + (i % 20) * 38, 100 + (i / 20) * 100).of_size(30, 30);
            draw_filled_rect_mut(&mut faint, at, Luma([175]));
        }
        let (level, grainy) = ink_level(&faint);
        assert!(!grainy && level >= 175, "level {level}");
    }

    #[test]
    fn grey_paper_becomes_white_and_ink_stays_dark() {
        let flat = flatten_background(&grid_page(800, 400, 200), 32);
        assert!(flat.get_pixel(50, 50)[0] >= 250);
        assert!(flat.get_pixel(101, 150)[0] <= 40);
    }

    #[test]
    fn borders_become_rules_and_text_does_not() {
        let img = grid_page(800, 400, 230);
        // 2 px per point: horizontals need 48 px, verticals 24 px.
        let rules = rules(&prepare(&img, 2.0));
        let h: Vec<_> = rules.iter().filter(|r| r.is_horizontal()).collect();
        let v: Vec<_> = rules.iter().filter(|r| !r.is_horizontal()).collect();
        assert_eq!(h.len(), 3, "{rules:?}");
        assert_eq!(v.len(), 3, "{rules:?}");
        assert!((h[0].from.1 - 50.5).abs() < 0.6, "{:?}", h[0]);
        assert!((h[0].from.0 - 50.0).abs() < 0.6 && (h[0].to.0 - 350.0).abs() < 0.6);
    }

    #[test]
    fn a_short_upright_stroke_is_a_border_only_between_two_borders() {
        let mut img = grid_page(800, 400, 230);
        // A 13-pt stroke of large print in the middle of a cell, and a 13-pt
        // divider from the top border to a rule below it.
        draw_filled_rect_mut(&mut img, Rect::at(550, 150).of_size(2, 26), Luma([20]));
        draw_filled_rect_mut(&mut img, Rect::at(120, 226).of_size(560, 2), Luma([20]));
        draw_filled_rect_mut(&mut img, Rect::at(600, 200).of_size(2, 27), Luma([20]));
        let rules = rules(&prepare(&img, 2.0));
        let short: Vec<_> = rules
            .iter()
            .filter(|r| !r.is_horizontal() && r.to.1 - r.from.1 < 16.0)
            .collect();
        assert_eq!(short.len(), 1, "{rules:?}");
        assert!((short[0].from.0 - 300.5).abs() < 0.6, "{:?}", short[0]);
    }

    #[test]
    fn transposing_puts_each_cell_at_its_column_and_row() {
        // 70 × 3 crosses a block's edge.
        let (w, h) = (70, 3);
        let cells: Vec<bool> = (0..w * h).map(|i| i % 7 == 0 || i % 11 == 0).collect();
        let out = transpose(&cells, w, h);
        for y in 0..h {
            for x in 0..w {
                assert_eq!(out[x * h + y], cells[y * w + x], "x {x} y {y}");
            }
        }
    }

    #[test]
    fn skew_is_measured_within_a_tenth_of_a_degree() {
        let img = grid_page(800, 400, 255);
        for deg in [-2.0f32, -0.3, 1.2] {
            let turned = rotate(&img, deg);
            let found = skew_angle(&binarize(&turned));
            assert!((found + deg).abs() <= 0.1, "turned {deg}, found {found}");
        }
    }

    #[test]
    fn a_pale_border_with_print_set_against_it_stays_one_rule() {
        // A hairline paler than the threshold, the tops of a row of print
        // touching it along half its length: the print's side of the line
        // is ink, not paper, and the band followed down the print is far
        // thicker than a border.
        let mut img = GrayImage::from_pixel(1600, 600, Luma([253]));
        draw_filled_rect_mut(&mut img, Rect::at(200, 300).of_size(1200, 1), Luma([175]));
        for i in 0..40 {
            // Each top blurred into a pale row between the line and the ink.
            draw_filled_rect_mut(
                &mut img,
                Rect::at(220 + i * 16, 301).of_size(14, 1),
                Luma([200]),
            );
            draw_filled_rect_mut(
                &mut img,
                Rect::at(220 + i * 16, 302).of_size(14, 15),
                Luma([30]),
            );
        }
        // As straightened, binarised at a level darker than the line.
        let level = 128;
        let page = Prepared {
            ink: threshold(&img, level),
            gray: img,
            px_per_pt: 2.0,
            skew_deg: 0.0,
            level,
        };
        let rules = rules(&page);
        let at_line: Vec<_> = rules
            .iter()
            .filter(|r| r.is_horizontal() && (r.from.1 - 150.25).abs() < 1.0)
            .collect();
        assert_eq!(at_line.len(), 1, "level {}: {rules:?}", page.level);
        let (a, z) = (at_line[0].from.0, at_line[0].to.0);
        assert!(a < 101.0 && z > 699.0, "{:?}", at_line[0]);
    }

    /// Borders one pixel thick in mid grey, as a 200-dpi scanner prints
    /// hairlines, under a band of tint and over a line of text.
    fn hairline_page(tint: u8) -> GrayImage {
        let mut img = GrayImage::from_pixel(1600, 900, Luma([253]));
        draw_filled_rect_mut(&mut img, Rect::at(200, 301).of_size(1200, 60), Luma([tint]));
        for y in [300, 362, 600] {
            draw_filled_rect_mut(&mut img, Rect::at(200, y).of_size(1200, 1), Luma([120]));
        }
        for x in [200, 700, 1399] {
            draw_filled_rect_mut(&mut img, Rect::at(x, 300).of_size(1, 301), Luma([120]));
        }
        for i in 0..60 {
            draw_filled_rect_mut(
                &mut img,
                Rect::at(220 + i * 19, 420).of_size(14, 16),
                Luma([30]),
            );
        }
        img
    }

    #[test]
    fn hairlines_stay_whole_when_the_page_is_straightened() {
        for (tint, deg) in [(253, -2.9f32), (229, 1.7), (217, 0.0), (217, -2.9)] {
            let page = prepare(&rotate(&hairline_page(tint), deg), 2.0);
            let rules = rules(&page);
            let whole = |r: &&Rule| r.is_horizontal() && r.to.0 - r.from.0 > 580.0;
            let across: Vec<_> = rules.iter().filter(whole).collect();
            assert_eq!(
                across.len(),
                3,
                "tint {tint}, turned {deg}°, level {}: {rules:?}",
                page.level
            );
            let upright = rules
                .iter()
                .filter(|r| !r.is_horizontal() && r.to.1 - r.from.1 > 140.0)
                .count();
            assert_eq!(upright, 3, "tint {tint}, turned {deg}°: {rules:?}");
        }
    }

    fn rule(from: (f32, f32), to: (f32, f32)) -> Rule {
        Rule {
            from,
            to,
            width: 0.7,
        }
    }

    #[test]
    fn a_short_rule_is_a_border_where_it_makes_a_box_corner() {
        // One box, 20 pt by 20 pt, its sides from its top to its bottom.
        let sides = [
            rule((100.0, 50.0), (100.0, 70.0)),
            rule((120.0, 50.0), (120.0, 70.0)),
        ];
        // Its top rule stops 4 pt short of the right side: drawn on to it.
        let top = boxed(rule((100.5, 50.0), (116.0, 50.0)), &sides, true);
        assert_eq!(top.map(|r| r.to.0), Some(120.0));
        // A number's strokes run from side to side half-way down: no corner.
        assert!(boxed(rule((100.5, 60.0), (119.5, 60.0)), &sides, true).is_none());
        // Nor does a stroke that comes near neither side.
        assert!(boxed(rule((106.0, 50.0), (114.0, 50.0)), &sides, true).is_none());

        // An upright stopping 3.5 pt short of the bottom of its box.
        let box_rules = [
            rule((100.0, 50.0), (120.0, 50.0)),
            rule((100.0, 70.0), (120.0, 70.0)),
        ];
        let side = boxed(rule((100.0, 50.5), (100.0, 66.5)), &box_rules, false);
        assert_eq!(side.map(|r| r.to.1), Some(70.0));
        // The same under rules running on through it (no corner): a stroke.
        let through = [
            rule((60.0, 50.0), (140.0, 50.0)),
            rule((60.0, 70.0), (140.0, 70.0)),
        ];
        assert!(boxed(rule((100.0, 50.5), (100.0, 66.5)), &through, false).is_none());
        // Meeting both within the slack, it is a border as before.
        assert!(boxed(rule((100.0, 50.5), (100.0, 69.0)), &through, false).is_some());
    }

    #[test]
    fn a_rule_stopping_short_of_a_border_at_one_end_is_drawn_on_to_it() {
        let sides = [
            rule((100.0, 40.0), (100.0, 80.0)),
            rule((160.0, 40.0), (160.0, 80.0)),
        ];
        // Meets the left side; stops 3.6 pt short of the right one.
        let box_rule = reach(rule((100.5, 60.0), (156.4, 60.0)), &sides, true);
        assert_eq!(box_rule.to.0, 160.0);
        assert_eq!(box_rule.from.0, 100.5);
        // A run of print's tops, clear of both sides by as much, stays as it is.
        let tops = reach(rule((103.6, 60.0), (156.4, 60.0)), &sides, true);
        assert_eq!((tops.from.0, tops.to.0), (103.6, 156.4));
    }
}

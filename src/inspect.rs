//! Page → picture: glyph boxes, ruling lines, table cells and the boxes the
//! values were read from, drawn over the page so a person can see why a
//! value landed where it did. Pure: no files, no fonts, no OCR.

use crate::layout::PageLayout;
use crate::page::{BBox, Page};
use image::{GrayImage, Rgb, RgbImage};

/// What to draw on one page.
pub struct Overlay<'a> {
    /// Width/height in points, tables with cells.
    pub layout: &'a PageLayout,
    /// Typed page: glyph boxes and ruling lines to draw.
    pub page: Option<&'a Page>,
    /// Scanned page: the cleaned image and its pixels per point.
    pub scan: Option<(&'a GrayImage, f32)>,
    /// Template key (e.g. "new/total") and the box of the number it was read from.
    pub values: &'a [(String, BBox)],
}

/// Pixels per point of a typed page.
pub const TYPED_SCALE: f32 = 2.0;
/// Longest side of a typed page's picture; a larger page is drawn at a
/// smaller scale so a bogus MediaBox cannot ask for gigabytes.
pub const MAX_SIDE: u32 = 10_000;

pub const GREY: Rgb<u8> = Rgb([200, 200, 200]);
pub const BLUE: Rgb<u8> = Rgb([0, 80, 255]);
pub const GREEN: Rgb<u8> = Rgb([0, 170, 0]);
pub const RED: Rgb<u8> = Rgb([220, 0, 0]);
const WHITE: Rgb<u8> = Rgb([255, 255, 255]);

/// Draws the overlay: the scan (or white for a typed page), then glyph
/// boxes, ruling lines, table cells and value boxes with their keys, each
/// later layer on top of the earlier ones.
pub fn draw(o: &Overlay) -> RgbImage {
    let (mut img, scale) = match o.scan {
        Some((scan, px_per_pt)) => background(scan, px_per_pt, o.layout.width),
        None => blank(o.layout.width, o.layout.height),
    };
    // One "unit" keeps lines and text about as thick on a 300 dpi scan as
    // at 2 px/pt.
    let unit = ((scale / TYPED_SCALE).round() as i64).clamp(1, 8);
    if let Some(page) = o.page {
        for g in &page.glyphs {
            if let Some(r) = PxRect::of(&g.bbox, scale) {
                outline(&mut img, r, unit, GREY);
            }
        }
        for rule in &page.rules {
            // Thick rules (filled bars) would hide the text under them.
            let th = if rule.width.is_finite() {
                ((rule.width * scale).round() as i64).clamp(unit, 4 * unit)
            } else {
                unit
            };
            let at = |p: (f32, f32)| (p.0 * scale, p.1 * scale);
            line(&mut img, at(rule.from), at(rule.to), th, BLUE);
        }
    }
    for table in &o.layout.tables {
        for cell in &table.cells {
            if let Some(r) = PxRect::of(&cell.bbox, scale) {
                outline(&mut img, r, unit, GREEN);
            }
        }
    }
    for (key, bbox) in o.values {
        if let Some(r) = PxRect::of(bbox, scale) {
            outline(&mut img, r, 2 * unit, RED);
            let inset = 3 * unit;
            // Clipped to the box: a long key would run over its neighbours' keys.
            let right = r.x1 - unit;
            text(&mut img, r.x0 + inset, r.y0 + inset, right, key, unit, RED);
        }
    }
    img
}

/// The scan in colour, at its own resolution.
fn background(scan: &GrayImage, px_per_pt: f32, width_pt: f32) -> (RgbImage, f32) {
    let (w, h) = scan.dimensions();
    let img = if w == 0 || h == 0 {
        RgbImage::from_pixel(1, 1, WHITE)
    } else {
        RgbImage::from_fn(w, h, |x, y| {
            let v = scan.get_pixel(x, y)[0];
            Rgb([v, v, v])
        })
    };
    // A bad resolution is recovered from the page width, so boxes still
    // land on the scan.
    let scale = if px_per_pt.is_finite() && px_per_pt > 0.0 {
        px_per_pt
    } else if width_pt.is_finite() && width_pt > 0.0 && w > 0 {
        w as f32 / width_pt
    } else {
        1.0
    };
    (img, scale)
}

/// A white picture of a typed page.
fn blank(width_pt: f32, height_pt: f32) -> (RgbImage, f32) {
    let (w, h, scale) = typed_size(width_pt, height_pt);
    (RgbImage::from_pixel(w, h, WHITE), scale)
}

/// Pixel size and scale of a typed page: 2 px/pt, less for a huge page,
/// at least 1×1 for an empty or nonsensical one.
fn typed_size(width_pt: f32, height_pt: f32) -> (u32, u32, f32) {
    let sane = |v: f32| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let (w, h) = (sane(width_pt), sane(height_pt));
    let longest = w.max(h);
    let scale = if longest * TYPED_SCALE > MAX_SIDE as f32 {
        MAX_SIDE as f32 / longest
    } else {
        TYPED_SCALE
    };
    let side = |v: f32| ((v * scale).ceil() as u32).clamp(1, MAX_SIDE);
    (side(w), side(h), scale)
}

/// A box in pixels, both ends inclusive; may lie partly or wholly outside
/// the image, everything that draws it clips.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PxRect {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

impl PxRect {
    /// None when any coordinate is NaN; infinities are pinned far outside.
    fn of(b: &BBox, scale: f32) -> Option<PxRect> {
        let c = [b.x0, b.y0, b.x1, b.y1];
        if c.iter().any(|v| v.is_nan()) {
            return None;
        }
        // Fields are public, so the box may come unordered.
        let (lx, hx) = (b.x0.min(b.x1), b.x0.max(b.x1));
        let (ly, hy) = (b.y0.min(b.y1), b.y0.max(b.y1));
        let (x0, y0) = (pin((lx * scale).floor()), pin((ly * scale).floor()));
        let (x1, y1) = (pin((hx * scale).ceil()) - 1, pin((hy * scale).ceil()) - 1);
        Some(PxRect {
            x0,
            y0,
            x1: x1.max(x0),
            y1: y1.max(y0),
        })
    }
}

/// f32 pixels → i64 far enough out that arithmetic on it cannot overflow.
fn pin(v: f32) -> i64 {
    if v.is_nan() {
        0
    } else {
        v.clamp(-1e9, 1e9) as i64
    }
}

/// Fills the inclusive rectangle, clipped to the image.
fn fill(img: &mut RgbImage, x0: i64, y0: i64, x1: i64, y1: i64, color: Rgb<u8>) {
    let (w, h) = (i64::from(img.width()), i64::from(img.height()));
    let (x0, x1) = (x0.max(0), x1.min(w - 1));
    let (y0, y1) = (y0.max(0), y1.min(h - 1));
    for y in y0..=y1 {
        for x in x0..=x1 {
            // In range after clipping, so the casts are exact.
            img.put_pixel(x as u32, y as u32, color);
        }
    }
}

/// The border of `r`, `th` pixels thick, inside the box.
fn outline(img: &mut RgbImage, r: PxRect, th: i64, color: Rgb<u8>) {
    let th = th.max(1) - 1;
    fill(img, r.x0, r.y0, r.x1, r.y0 + th, color);
    fill(img, r.x0, r.y1 - th, r.x1, r.y1, color);
    fill(img, r.x0, r.y0, r.x0 + th, r.y1, color);
    fill(img, r.x1 - th, r.y0, r.x1, r.y1, color);
}

/// A segment `th` pixels thick between two pixel positions.
fn line(img: &mut RgbImage, a: (f32, f32), b: (f32, f32), th: i64, color: Rgb<u8>) {
    if [a.0, a.1, b.0, b.1].iter().any(|v| v.is_nan()) {
        return;
    }
    let pin_pt = |p: (f32, f32)| (p.0.clamp(-1e7, 1e7), p.1.clamp(-1e7, 1e7));
    let margin = th as f32 + 1.0;
    let hi = (img.width() as f32 + margin, img.height() as f32 + margin);
    // Clipping first bounds the steps below by the image's size.
    let Some((a, b)) = clip(pin_pt(a), pin_pt(b), (-margin, -margin), hi) else {
        return;
    };
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let steps = dx.abs().max(dy.abs()).ceil().max(1.0) as i64;
    let half = (th - 1) / 2;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let x = pin((a.0 + dx * t).floor()) - half;
        let y = pin((a.1 + dy * t).floor()) - half;
        fill(img, x, y, x + th - 1, y + th - 1, color);
    }
}

/// Liang–Barsky: the part of segment a–b inside the box lo–hi.
fn clip(
    a: (f32, f32),
    b: (f32, f32),
    lo: (f32, f32),
    hi: (f32, f32),
) -> Option<((f32, f32), (f32, f32))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (p, q) in [
        (-dx, a.0 - lo.0),
        (dx, hi.0 - a.0),
        (-dy, a.1 - lo.1),
        (dy, hi.1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else if p < 0.0 {
            t0 = t0.max(q / p);
        } else {
            t1 = t1.min(q / p);
        }
    }
    if t0 > t1 {
        return None;
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// Glyph cell of the built-in font, in font pixels.
const FONT_W: i64 = 5;
const FONT_H: i64 = 9;

/// 5×9 bitmap font: rows top-down separated by spaces, '#' ink, '.' paper;
/// rows left off at the end are blank. Rows 0–6 sit above the baseline,
/// 7–8 hold descenders.
const FONT: &[(char, &str)] = &[
    ('0', ".###. #...# #..## #.#.# ##..# #...# .###."),
    ('1', "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###."),
    ('2', ".###. #...# ....# ...#. ..#.. .#... #####"),
    ('3', "##### ...#. ..#.. ...#. ....# #...# .###."),
    ('4', "...#. ..##. .#.#. #..#. ##### ...#. ...#."),
    ('5', "##### #.... ####. ....# ....# #...# .###."),
    ('6', "..##. .#... #.... ####. #...# #...# .###."),
    ('7', "##### ....# ...#. ..#.. .#... .#... .#..."),
    ('8', ".###. #...# #...# .###. #...# #...# .###."),
    ('9', ".###. #...# #...# .#### ....# ...#. .##.."),
    ('a', "..... ..... .###. ....# .#### #...# .####"),
    ('b', "#.... #.... ####. #...# #...# #...# ####."),
    ('c', "..... ..... .###. #...# #.... #...# .###."),
    ('d', "....# ....# .#### #...# #...# #...# .####"),
    ('e', "..... ..... .###. #...# ##### #.... .###."),
    ('f', "..##. .#..# .#... ###.. .#... .#... .#..."),
    ('g', "..... ..... .#### #...# #...# #...# .#### ....# .###."),
    ('h', "#.... #.... #.##. ##..# #...# #...# #...#"),
    ('i', "..#.. ..... .##.. ..#.. ..#.. ..#.. .###."),
    ('j', "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##.."),
    ('k', "#.... #.... #..#. #.#.. ##... #.#.. #..#."),
    ('l', ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###."),
    ('m', "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#"),
    ('n', "..... ..... #.##. ##..# #...# #...# #...#"),
    ('o', "..... ..... .###. #...# #...# #...# .###."),
    ('p', "..... ..... ####. #...# #...# #...# ####. #.... #...."),
    ('q', "..... ..... .#### #...# #...# #...# .#### ....# ....#"),
    ('r', "..... ..... #.##. ##..# #.... #.... #...."),
    ('s', "..... ..... .#### #.... .###. ....# ####."),
    ('t', ".#... .#... ###.. .#... .#... .#..# ..##."),
    ('u', "..... ..... #...# #...# #...# #..## .##.#"),
    ('v', "..... ..... #...# #...# #...# .#.#. ..#.."),
    ('w', "..... ..... #...# #...# #.#.# #.#.# .#.#."),
    ('x', "..... ..... #...# .#.#. ..#.. .#.#. #...#"),
    ('y', "..... ..... #...# #...# #...# #...# .#### ....# .###."),
    ('z', "..... ..... ##### ...#. ..#.. .#... #####"),
    ('/', "....# ...#. ...#. ..#.. .#... .#... #...."),
    ('_', "..... ..... ..... ..... ..... ..... ..... #####"),
    ('.', "..... ..... ..... ..... ..... .##.. .##.."),
    ('-', "..... ..... ..... ..... #####"),
    (' ', ""),
];

/// Stands in for characters the font lacks, so they still take a place.
const MISSING: &str = "..... ..... ##### #...# #...# #...# #####";

/// The rows of `ch`; capitals share the small letters' shapes.
fn glyph(ch: char) -> &'static str {
    let ch = ch.to_ascii_lowercase();
    FONT.iter()
        .find(|(c, _)| *c == ch)
        .map_or(MISSING, |(_, rows)| rows)
}

/// Writes `s` with its top-left at (x, y), each font pixel `px` × `px`
/// image pixels, in whole characters that end before `right`, clipped to
/// the image.
fn text(img: &mut RgbImage, x: i64, y: i64, right: i64, s: &str, px: i64, color: Rgb<u8>) {
    let advance = (FONT_W + 1) * px;
    for (i, ch) in s.chars().enumerate() {
        let left = x.saturating_add((i as i64).saturating_mul(advance));
        // Nothing further right can land on the image or inside the limit.
        if left >= i64::from(img.width()) || left.saturating_add(FONT_W * px) > right {
            break;
        }
        for (row, bits) in glyph(ch).split(' ').enumerate().take(FONT_H as usize) {
            for (col, bit) in bits.bytes().enumerate().take(FONT_W as usize) {
                if bit == b'#' {
                    let gx = left + col as i64 * px;
                    let gy = y + row as i64 * px;
                    fill(img, gx, gy, gx + px - 1, gy + px - 1, color);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Cell, Table};
    use crate::page::{Glyph, Rule, TextSource};

    fn layout(width: f32, height: f32, cells: &[BBox]) -> PageLayout {
        let tables = if cells.is_empty() {
            Vec::new()
        } else {
            vec![Table {
                page: 1,
                bbox: cells.iter().fold(cells[0], |a, b| a.union(b)),
                xs: Vec::new(),
                ys: Vec::new(),
                cells: cells
                    .iter()
                    .enumerate()
                    .map(|(i, &bbox)| Cell {
                        row: i,
                        col: 0,
                        rowspan: 1,
                        colspan: 1,
                        bbox,
                        text: "1".into(),
                        confidence: 1.0,
                        spills: false,
                    })
                    .collect(),
                owner: Vec::new(),
            }]
        };
        PageLayout {
            number: 1,
            width,
            height,
            lines: Vec::new(),
            tables,
        }
    }

    fn page(width: f32, height: f32, glyphs: &[BBox], rules: &[Rule]) -> Page {
        Page {
            number: 1,
            width,
            height,
            glyphs: glyphs
                .iter()
                .map(|&bbox| Glyph {
                    ch: '1',
                    bbox,
                    size: bbox.height(),
                    confidence: 1.0,
                })
                .collect(),
            rules: rules.to_vec(),
            source: TextSource::Native,
        }
    }

    fn typed<'a>(l: &'a PageLayout, values: &'a [(String, BBox)]) -> Overlay<'a> {
        Overlay {
            layout: l,
            page: None,
            scan: None,
            values,
        }
    }

    fn count(img: &RgbImage, color: Rgb<u8>, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y) == &color)
            .count()
    }

    #[test]
    fn typed_page_is_two_pixels_per_point_on_white() {
        let l = layout(100.0, 50.0, &[]);
        let img = draw(&typed(&l, &[]));
        assert_eq!(img.dimensions(), (200, 100));
        assert!(img.pixels().all(|p| *p == WHITE));
        let l = layout(100.3, 50.2, &[]);
        assert_eq!(draw(&typed(&l, &[])).dimensions(), (201, 101));
    }

    #[test]
    fn scan_keeps_its_resolution_and_pixels() {
        let l = layout(100.0, 50.0, &[]);
        let scan = GrayImage::from_pixel(417, 208, image::Luma([90]));
        let o = Overlay {
            scan: Some((&scan, 4.17)),
            ..typed(&l, &[])
        };
        let img = draw(&o);
        assert_eq!(img.dimensions(), (417, 208));
        assert_eq!(img.get_pixel(5, 5), &Rgb([90, 90, 90]));
    }

    #[test]
    fn scan_boxes_use_the_scan_scale() {
        let l = layout(100.0, 50.0, &[BBox::new(10.0, 10.0, 20.0, 20.0)]);
        let scan = GrayImage::from_pixel(400, 200, image::Luma([255]));
        let o = Overlay {
            scan: Some((&scan, 4.0)),
            ..typed(&l, &[])
        };
        let img = draw(&o);
        // 4 px/pt is two units: two-pixel green lines from x = 40.
        assert_eq!(img.get_pixel(40, 60), &GREEN);
        assert_eq!(img.get_pixel(41, 60), &GREEN);
        assert_eq!(img.get_pixel(79, 60), &GREEN);
        assert_ne!(img.get_pixel(39, 60), &GREEN);
    }

    #[test]
    fn glyph_boxes_are_grey_and_rules_blue() {
        let l = layout(100.0, 50.0, &[]);
        let p = page(
            100.0,
            50.0,
            &[BBox::new(10.0, 10.0, 15.0, 20.0)],
            &[Rule {
                from: (0.0, 40.0),
                to: (100.0, 40.0),
                width: 0.5,
            }],
        );
        let o = Overlay {
            page: Some(&p),
            ..typed(&l, &[])
        };
        let img = draw(&o);
        assert_eq!(img.get_pixel(20, 30), &GREY);
        assert_eq!(img.get_pixel(29, 30), &GREY);
        assert_eq!(img.get_pixel(25, 30), &WHITE);
        assert_eq!(img.get_pixel(100, 80), &BLUE);
        assert_eq!(img.get_pixel(100, 70), &WHITE);
    }

    #[test]
    fn value_box_is_outlined_in_red() {
        let l = layout(100.0, 50.0, &[]);
        let values = [(String::new(), BBox::new(10.0, 10.0, 40.0, 20.0))];
        let img = draw(&typed(&l, &values));
        // Box spans pixels 20..=79 × 20..=39, two pixels thick.
        for (x, y) in [(20, 30), (21, 30), (79, 30), (78, 30), (50, 20), (50, 39)] {
            assert_eq!(img.get_pixel(x, y), &RED, "({x}, {y})");
        }
        assert_eq!(img.get_pixel(19, 30), &WHITE);
        assert_eq!(img.get_pixel(80, 30), &WHITE);
        // Without a key, the inside stays empty.
        assert_eq!(count(&img, RED, 22, 22, 78, 38), 0);
    }

    #[test]
    fn cell_is_outlined_in_green() {
        let l = layout(100.0, 50.0, &[BBox::new(50.0, 5.0, 90.0, 45.0)]);
        let img = draw(&typed(&l, &[]));
        assert_eq!(img.get_pixel(100, 50), &GREEN);
        assert_eq!(img.get_pixel(179, 50), &GREEN);
        assert_eq!(img.get_pixel(140, 10), &GREEN);
        assert_eq!(img.get_pixel(140, 50), &WHITE);
    }

    #[test]
    fn key_is_written_inside_the_box() {
        let l = layout(100.0, 50.0, &[]);
        let values = [("new/total".to_string(), BBox::new(10.0, 10.0, 60.0, 20.0))];
        let img = draw(&typed(&l, &values));
        // Label starts 3 px in: (23, 23), 9 rows of font.
        let inside = count(&img, RED, 22, 22, 118, 38);
        assert!(inside > 30, "{inside} red pixels in the label area");
        // 'n' has no ink on its first two rows.
        assert_eq!(count(&img, RED, 23, 23, 28, 25), 0);
        // ...and ink in its first column lower down.
        assert_eq!(img.get_pixel(23, 26), &RED);
    }

    #[test]
    fn unknown_characters_draw_a_box_and_capitals_read_as_small() {
        let mut a = RgbImage::from_pixel(20, 20, WHITE);
        text(&mut a, 0, 0, i64::MAX, "新", 1, RED);
        assert_eq!(a.get_pixel(0, 2), &RED);
        assert_eq!(a.get_pixel(2, 4), &WHITE);
        let mut upper = RgbImage::from_pixel(20, 20, WHITE);
        let mut lower = RgbImage::from_pixel(20, 20, WHITE);
        text(&mut upper, 0, 0, i64::MAX, "A", 1, RED);
        text(&mut lower, 0, 0, i64::MAX, "a", 1, RED);
        assert_eq!(upper, lower);
    }

    #[test]
    fn font_table_is_well_formed() {
        for (ch, rows) in FONT.iter().map(|(c, r)| (*c, *r)).chain([('?', MISSING)]) {
            if rows.is_empty() {
                continue;
            }
            let rows: Vec<&str> = rows.split(' ').collect();
            assert!(rows.len() <= FONT_H as usize, "{ch:?} has too many rows");
            for r in rows {
                assert_eq!(r.len(), FONT_W as usize, "{ch:?} row {r:?}");
                assert!(r.bytes().all(|b| b == b'#' || b == b'.'), "{ch:?}");
            }
        }
        let set: String = FONT.iter().map(|(c, _)| *c).collect();
        for c in ('a'..='z').chain('0'..='9').chain("/_.-".chars()) {
            assert!(set.contains(c), "font lacks {c:?}");
        }
    }

    #[test]
    fn odd_boxes_and_pages_do_not_panic() {
        let nan = f32::NAN;
        let inf = f32::INFINITY;
        let odd = [
            BBox::new(-100.0, -100.0, -50.0, -50.0),
            BBox::new(500.0, 500.0, 600.0, 600.0),
            BBox::new(nan, 0.0, 10.0, 10.0),
            BBox::new(-inf, -inf, inf, inf),
            BBox::new(1e30, -1e30, 2e30, 3e30),
            BBox {
                x0: 30.0,
                y0: 30.0,
                x1: 10.0,
                y1: 10.0,
            },
        ];
        let rules = [
            Rule {
                from: (nan, 0.0),
                to: (10.0, 10.0),
                width: nan,
            },
            Rule {
                from: (-inf, 5.0),
                to: (inf, 5.0),
                width: inf,
            },
            Rule {
                from: (-1e30, -1e30),
                to: (1e30, 1e30),
                width: -3.0,
            },
        ];
        let values: Vec<(String, BBox)> =
            odd.iter().map(|b| ("x/新/_.-".to_string(), *b)).collect();
        let empty = GrayImage::new(0, 0);
        let small = GrayImage::new(30, 20);
        for (w, h) in [
            (100.0, 50.0),
            (0.0, 0.0),
            (nan, nan),
            (-5.0, 10.0),
            (1e30, inf),
        ] {
            let l = layout(w, h, &odd);
            let p = page(w, h, &odd, &rules);
            for scan in [
                None,
                Some((&empty, 2.0)),
                Some((&small, nan)),
                Some((&small, 0.0)),
            ] {
                let img = draw(&Overlay {
                    layout: &l,
                    page: Some(&p),
                    scan,
                    values: &values,
                });
                assert!(img.width() >= 1 && img.height() >= 1);
                assert!(img.width() <= MAX_SIDE && img.height() <= MAX_SIDE);
            }
        }
        let img = draw(&typed(&layout(nan, 0.0, &[]), &[]));
        assert_eq!(img.dimensions(), (1, 1));
    }

    #[test]
    fn box_partly_outside_keeps_its_inside_edges() {
        let l = layout(100.0, 50.0, &[]);
        let values = [(String::new(), BBox::new(-10.0, -10.0, 20.0, 20.0))];
        let img = draw(&typed(&l, &values));
        assert_eq!(img.get_pixel(39, 10), &RED);
        assert_eq!(img.get_pixel(10, 39), &RED);
        // The left and top edges are off the page, not pinned to its border.
        assert_eq!(img.get_pixel(0, 10), &WHITE);
        assert_eq!(img.get_pixel(10, 0), &WHITE);
    }

    #[test]
    fn huge_page_is_scaled_down() {
        assert_eq!(
            typed_size(20_000.0, 10_000.0),
            (MAX_SIDE, MAX_SIDE / 2, 0.5)
        );
        assert_eq!(typed_size(595.0, 842.0), (1190, 1684, 2.0));
        assert_eq!(typed_size(f32::NAN, -1.0), (1, 1, 2.0));
    }

    #[test]
    fn diagonal_rule_is_clipped_and_drawn() {
        let l = layout(50.0, 50.0, &[]);
        let p = page(
            50.0,
            50.0,
            &[],
            &[Rule {
                from: (-100.0, -100.0),
                to: (100.0, 100.0),
                width: 0.0,
            }],
        );
        let o = Overlay {
            page: Some(&p),
            ..typed(&l, &[])
        };
        let img = draw(&o);
        assert_eq!(img.get_pixel(0, 0), &BLUE);
        assert_eq!(img.get_pixel(50, 50), &BLUE);
        assert_eq!(img.get_pixel(99, 99), &BLUE);
        assert_eq!(img.get_pixel(99, 0), &WHITE);
    }
}

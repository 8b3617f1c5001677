//! Ruling lines → table grids (lattice): snap rules, find connected groups,
//! build the grid of distinct x / y positions and merge the grid cells whose
//! separating segment is not drawn.

use crate::page::{BBox, Rule};

/// Where a page's rules come from, which decides how loosely they join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Drawn by the producer: exact. A double border, or the boxes a page
    /// draws apart around neighbouring cells (HTML's border-spacing, a
    /// table's cellspacing), make one grid line; a row cut by a page break
    /// and left open above or below is still a row.
    Drawn,
    /// Found in a scan's pixels, where the tall strokes of characters near
    /// a border are caught too: only near-exact contact joins them, and a
    /// grid needs two rules each way.
    Scanned,
}

impl Rules {
    /// Rules closer than this (points) are the same line.
    fn snap(self) -> f32 {
        match self {
            Rules::Drawn => 5.0,
            Rules::Scanned => 2.0,
        }
    }

    /// Whether one horizontal rule across three verticals or more makes a
    /// grid (a row fragment left open above or below).
    fn open_rows(self) -> bool {
        self == Rules::Drawn
    }

    /// The narrowest grid taken for a table, in points. The report's tables
    /// fill most of the text width, while in a scan the strokes of a bold
    /// heading's large print cross into grids a few characters wide.
    fn min_width(self) -> f32 {
        match self {
            Rules::Drawn => 0.0,
            Rules::Scanned => 120.0,
        }
    }

    /// Whether rules are whole, as drawn: the end of one rule alone marks an
    /// open side, and every piece of a grid line touches the grid. A scanned
    /// rule is broken wherever the scan is faint, in the middle of a cell,
    /// into pieces that may touch no crossing rule; there an open side ends
    /// two rules or more.
    fn whole(self) -> bool {
        self == Rules::Drawn
    }
}

/// Grid lines closer than this (points) with no text between them are the
/// two sides of the gap a page leaves between cell boxes drawn apart (their
/// offsets add up where boxes nest), not a row or column of their own: text
/// needs more room than this.
const STRIP: f32 = 8.0;
/// Share of a grid edge that must be drawn for it to separate two cells.
const DRAWN: f32 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Seg {
    /// The constant coordinate (y of a horizontal, x of a vertical).
    at: f32,
    from: f32,
    to: f32,
    /// The band across the line its joined pieces occupy (both strokes of
    /// a double border): `at` lies within it.
    lo: f32,
    hi: f32,
}

impl Seg {
    fn new(at: f32, a: f32, b: f32) -> Seg {
        Seg {
            at,
            from: a.min(b),
            to: a.max(b),
            lo: at,
            hi: at,
        }
    }
}

/// A table's grid and its cells; text is filled in by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    pub cells: Vec<GridCell>,
    /// For each grid position (row * cols + col), the index of its cell.
    pub owner: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub bbox: BBox,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    pub fn bbox(&self) -> BBox {
        let (x0, x1) = (self.xs[0], self.xs[self.xs.len() - 1]);
        let (y0, y1) = (self.ys[0], self.ys[self.ys.len() - 1]);
        BBox::new(x0, y0, x1, y1)
    }
    /// The cell containing a point, if the point is inside the grid.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let c = interval_index(&self.xs, x)?;
        let r = interval_index(&self.ys, y)?;
        self.owner.get(r * self.cols() + c).copied()
    }
}

fn interval_index(edges: &[f32], v: f32) -> Option<usize> {
    if edges.len() < 2 || v < edges[0] || v > edges[edges.len() - 1] {
        return None;
    }
    let i = edges.partition_point(|&e| e <= v);
    Some(i.saturating_sub(1).min(edges.len() - 2))
}

/// Builds every table grid found among a page's rules.
/// `text` holds the centres of the page's characters, which keep a narrow
/// row or column that holds text from being taken for a gap.
pub fn grids_from_rules(rules: &[Rule], source: Rules, text: &[(f32, f32)]) -> Vec<Grid> {
    let snap = source.snap();
    let (hs, vs) = split_and_merge(rules, snap);
    components(&hs, &vs, snap)
        .into_iter()
        .filter(|(h, v)| {
            (h.len() >= 2 && v.len() >= 2) || (source.open_rows() && !h.is_empty() && v.len() >= 3)
        })
        .filter_map(|(h, v)| build_grid((&h, &v), (&hs, &vs), source, text))
        .filter(|g| {
            g.xs.last()
                .zip(g.xs.first())
                .is_some_and(|(r, l)| r - l >= source.min_width())
        })
        .collect()
}

fn split_and_merge(rules: &[Rule], snap: f32) -> (Vec<Seg>, Vec<Seg>) {
    let mut hs = Vec::new();
    let mut vs = Vec::new();
    for r in rules {
        let (dx, dy) = ((r.to.0 - r.from.0).abs(), (r.to.1 - r.from.1).abs());
        if dx.max(dy) < snap {
            continue;
        }
        if dy <= 1.0 && dx > dy {
            hs.push(Seg::new((r.from.1 + r.to.1) / 2.0, r.from.0, r.to.0));
        } else if dx <= 1.0 && dy > dx {
            vs.push(Seg::new((r.from.0 + r.to.0) / 2.0, r.from.1, r.to.1));
        }
    }
    (merge(hs, snap), merge(vs, snap))
}

/// The root of `i`'s set in a union-find forest.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    parent[ra] = rb;
}

/// Pieces of a joined line shorter than this share of its longest piece
/// are strokes of print caught beside a scanned rule: they neither move
/// the line nor widen its band.
const DOMINANT: f32 = 0.5;

/// Joins segments of one direction that lie within `snap` of each other
/// across and overlap or touch along: the pieces of one drawn line, or the
/// two strokes of a double border. Each joined line sits at the
/// length-weighted mean position of its long pieces: the strokes of a row
/// of characters printed against a rule (a run of 上年结转's tops, 3 pt
/// under it) must not draw the rule into the text.
fn merge(mut segs: Vec<Seg>, snap: f32) -> Vec<Seg> {
    segs.sort_by(|a, b| a.at.total_cmp(&b.at));
    let mut parent: Vec<usize> = (0..segs.len()).collect();
    for i in 0..segs.len() {
        for j in i + 1..segs.len() {
            if segs[j].at - segs[i].at > snap {
                break;
            }
            if segs[j].from <= segs[i].to + snap && segs[i].from <= segs[j].to + snap {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: Vec<Vec<Seg>> = Vec::new();
    let mut group_of_root: Vec<Option<usize>> = vec![None; segs.len()];
    for (i, s) in segs.iter().enumerate() {
        let root = find(&mut parent, i);
        let k = *group_of_root[root].get_or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[k].push(*s);
    }
    groups.iter().filter_map(|pieces| joined(pieces)).collect()
}

/// One line from its pieces: their extent along, and across it the
/// position and band of the pieces at least [`DOMINANT`] of the longest.
fn joined(pieces: &[Seg]) -> Option<Seg> {
    let length = |s: &Seg| s.to - s.from;
    let longest = pieces.iter().map(length).fold(0.0, f32::max);
    let long: Vec<&Seg> = pieces
        .iter()
        .filter(|s| length(s) >= DOMINANT * longest)
        .collect();
    let first = long.first()?;
    let weight: f32 = long.iter().map(|s| length(s).max(f32::EPSILON)).sum();
    let at = long
        .iter()
        .map(|s| s.at * length(s).max(f32::EPSILON))
        .sum::<f32>()
        / weight;
    Some(Seg {
        at,
        from: pieces.iter().map(|s| s.from).fold(first.from, f32::min),
        to: pieces.iter().map(|s| s.to).fold(first.to, f32::max),
        lo: long.iter().map(|s| s.lo).fold(first.lo, f32::min),
        hi: long.iter().map(|s| s.hi).fold(first.hi, f32::max),
    })
}

/// Whether a horizontal and a vertical meet, within `snap` of each other's
/// band: the inner stroke of a double border ends short of the outer one.
fn touches(h: &Seg, v: &Seg, snap: f32) -> bool {
    v.hi >= h.from - snap && v.lo <= h.to + snap && h.hi >= v.from - snap && h.lo <= v.to + snap
}

/// Groups horizontal and vertical segments into connected sets.
fn components(hs: &[Seg], vs: &[Seg], snap: f32) -> Vec<(Vec<Seg>, Vec<Seg>)> {
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if touches(h, v, snap) {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Seg>, Vec<Seg>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let idx = match groups.iter().position(|g| g.0 == root) {
            Some(k) => k,
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if i < hs.len() {
            groups[idx].1.push(hs[i]);
        } else {
            groups[idx].2.push(vs[i - hs.len()]);
        }
    }
    groups.into_iter().map(|g| (g.1, g.2)).collect()
}

/// Distinct positions, averaged within the snap tolerance.
fn cluster(mut vals: Vec<f32>, snap: f32) -> Vec<f32> {
    vals.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for v in vals {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f32 <= snap => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Whether the segments along grid line `line` cover enough of [a, b] to
/// separate two cells. The ends of [a, b] lie in the crossing lines, where
/// the inner strokes of a double border stop short: on a wide enough edge
/// they do not count.
fn drawn(segs: &[Seg], line: Band, a: f32, b: f32, snap: f32) -> bool {
    let (a, b) = if b - a > 4.0 * snap {
        (a + snap, b - snap)
    } else {
        (a, b)
    };
    let covered: f32 = segs
        .iter()
        .filter(|s| s.at >= line.lo - snap && s.at <= line.hi + snap)
        .map(|s| (s.to.min(b) - s.from.max(a)).max(0.0))
        .sum();
    covered >= DRAWN * (b - a)
}

/// The grid lines across one direction: where the rules that cross it are
/// drawn, and where the rules along it end when no crossing rule is near
/// (an open side). A rule stopping short of a crossing rule (the inner line
/// of a double border, a corner mitre) makes no line of its own.
fn grid_lines(crossing: &[Seg], along: &[Seg], source: Rules) -> Vec<Band> {
    let snap = source.snap();
    let drawn = cluster(crossing.iter().map(|s| s.at).collect(), snap);
    let open: Vec<f32> = along
        .iter()
        .flat_map(|s| [s.from, s.to])
        .filter(|&e| crossing.iter().all(|c| e < c.lo - snap || e > c.hi + snap))
        .collect();
    let shared = |e: f32| open.iter().filter(|&&o| (o - e).abs() <= snap).count() >= 2;
    let ends = open
        .iter()
        .copied()
        .filter(|&e| source.whole() || shared(e));
    cluster(drawn.iter().copied().chain(ends).collect(), snap)
        .into_iter()
        .map(|at| Band {
            at,
            lo: at,
            hi: at,
            length: crossing
                .iter()
                .filter(|s| (s.at - at).abs() <= snap)
                .map(|s| s.to - s.from)
                .sum(),
        })
        .collect()
}

/// A grid line, the positions it stands for (the two strokes of a double
/// border joined into one line are both its rules) and how much of it is
/// drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Band {
    at: f32,
    lo: f32,
    hi: f32,
    length: f32,
}

/// Joins each pair of neighbouring lines closer than [`STRIP`] with no text
/// between them into one line: midway between two drawn alike, on the one
/// drawn over twice the length of the other otherwise (a box ending a few
/// points off the rule under the rest of the row must not move that rule
/// into the next row's text).
fn close_strips(lines: Vec<Band>, has_text: impl Fn(f32, f32) -> bool) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some(prev) if l.at - prev.at < STRIP && !has_text(prev.at, l.at) => {
                prev.at = if prev.length >= 2.0 * l.length {
                    prev.at
                } else if l.length >= 2.0 * prev.length {
                    l.at
                } else {
                    (prev.at + l.at) / 2.0
                };
                prev.hi = l.hi;
                prev.length += l.length;
            }
            _ => out.push(l),
        }
    }
    out
}

/// The grid of one connected set of rules, `(hs, vs)`. Whether an edge of
/// a scanned grid is drawn is judged on all the page's rules, `every`: the
/// pieces of a broken rule may touch no crossing rule.
fn build_grid(
    (hs, vs): (&[Seg], &[Seg]),
    every: (&[Seg], &[Seg]),
    source: Rules,
    text: &[(f32, f32)],
) -> Option<Grid> {
    let snap = source.snap();
    let edges = if source.whole() { (hs, vs) } else { every };
    let xs = grid_lines(vs, hs, source);
    let ys = grid_lines(hs, vs, source);
    let (x_span, y_span) = (
        (xs.first()?.at, xs.last()?.at),
        (ys.first()?.at, ys.last()?.at),
    );
    let y_bands = close_strips(ys, |a, b| {
        text.iter()
            .any(|&(x, y)| a < y && y < b && x_span.0 < x && x < x_span.1)
    });
    let x_bands = close_strips(xs, |a, b| {
        text.iter()
            .any(|&(x, y)| a < x && x < b && y_span.0 < y && y < y_span.1)
    });
    let xs: Vec<f32> = x_bands.iter().map(|b| b.at).collect();
    let ys: Vec<f32> = y_bands.iter().map(|b| b.at).collect();
    if xs.len() < 2 || ys.len() < 2 {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            let id = r * cols + c;
            if c + 1 < cols && !drawn(edges.1, x_bands[c + 1], ys[r], ys[r + 1], snap) {
                union(&mut parent, id, id + 1);
            }
            if r + 1 < rows && !drawn(edges.0, y_bands[r + 1], xs[c], xs[c + 1], snap) {
                union(&mut parent, id, id + cols);
            }
        }
    }
    // Each merged group becomes the rectangle that bounds it.
    let mut spans: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut root_of = vec![0usize; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            root_of[r * cols + c] = find(&mut parent, r * cols + c);
        }
    }
    let mut owner = vec![usize::MAX; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            let id = r * cols + c;
            if owner[id] != usize::MAX {
                continue;
            }
            let root = root_of[id];
            let (mut r0, mut c0, mut r1, mut c1) = (r, c, r, c);
            for (k, &rt) in root_of.iter().enumerate() {
                if rt == root {
                    r0 = r0.min(k / cols);
                    r1 = r1.max(k / cols);
                    c0 = c0.min(k % cols);
                    c1 = c1.max(k % cols);
                }
            }
            let idx = spans.len();
            spans.push((root, r0, c0, r1, c1));
            for rr in r0..=r1 {
                for cc in c0..=c1 {
                    if owner[rr * cols + cc] == usize::MAX {
                        owner[rr * cols + cc] = idx;
                    }
                }
            }
        }
    }
    let cells = spans
        .iter()
        .map(|&(_, r0, c0, r1, c1)| GridCell {
            row: r0,
            col: c0,
            rowspan: r1 - r0 + 1,
            colspan: c1 - c0 + 1,
            bbox: BBox::new(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
        })
        .collect();
    Some(Grid {
        xs,
        ys,
        cells,
        owner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            from: (x0, y),
            to: (x1, y),
            width: 0.5,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            from: (x, y0),
            to: (x, y1),
            width: 0.5,
        }
    }

    #[test]
    fn full_grid_gives_one_cell_per_position() {
        let mut rules = Vec::new();
        for y in [0.0, 10.0, 20.0] {
            rules.push(h(y, 0.0, 30.0));
        }
        for x in [0.0, 10.0, 20.0, 30.0] {
            rules.push(v(x, 0.0, 20.0));
        }
        let grids = grids_from_rules(&rules, Rules::Drawn, &[]);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].rows(), grids[0].cols()), (2, 3));
        assert_eq!(grids[0].cells.len(), 6);
    }

    #[test]
    fn missing_segments_become_rowspan_and_colspan() {
        // Column 0 spans both rows (no horizontal at y=10 for x 0..10);
        // the top row's columns 1-2 are one cell (no vertical at x=20 for y 0..10).
        let rules = vec![
            h(0.0, 0.0, 30.0),
            h(10.0, 10.0, 30.0),
            h(20.0, 0.0, 30.0),
            v(0.0, 0.0, 20.0),
            v(10.0, 0.0, 20.0),
            v(20.0, 10.0, 20.0),
            v(30.0, 0.0, 20.0),
        ];
        let g = &grids_from_rules(&rules, Rules::Drawn, &[])[0];
        let left = &g.cells[g.cell_at(5.0, 15.0).unwrap()];
        assert_eq!(
            (left.row, left.col, left.rowspan, left.colspan),
            (0, 0, 2, 1)
        );
        let top = &g.cells[g.cell_at(25.0, 5.0).unwrap()];
        assert_eq!((top.row, top.col, top.rowspan, top.colspan), (0, 1, 1, 2));
        assert_eq!(g.cells.len(), 4);
    }

    #[test]
    fn borders_drawn_as_many_short_pieces_are_merged() {
        // Browsers draw each cell's border on its own: the pieces must join.
        let mut rules = Vec::new();
        for y in [0.0, 10.0] {
            for x in [0.0, 10.0, 20.0] {
                rules.push(h(y + 0.3, x, x + 10.2));
            }
        }
        for x in [0.0, 10.0, 20.0, 30.0] {
            rules.push(v(x - 0.2, 0.0, 10.0));
        }
        let g = &grids_from_rules(&rules, Rules::Drawn, &[])[0];
        assert_eq!((g.rows(), g.cols()), (1, 3));
    }

    #[test]
    fn cell_boxes_drawn_apart_make_one_grid() {
        // border-spacing: each cell its own box, 3.6 pt from its neighbours.
        let mut rules = Vec::new();
        for (x0, x1) in [(0.0, 140.0), (143.6, 280.0)] {
            for (y0, y1) in [(0.0, 20.0), (23.6, 40.0)] {
                rules.extend([h(y0, x0, x1), h(y1, x0, x1), v(x0, y0, y1), v(x1, y0, y1)]);
            }
        }
        let grids = grids_from_rules(&rules, Rules::Drawn, &[]);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].rows(), grids[0].cols()), (2, 2));
        assert!(grids_from_rules(&rules, Rules::Scanned, &[]).len() > 1);
    }

    #[test]
    fn a_thin_strip_is_a_gap_between_boxes_unless_it_holds_text() {
        // A header box, then boxes starting 5.2 pt lower (nested offsets).
        let mut rules = vec![h(0.0, 0.0, 100.0), h(20.0, 0.0, 100.0)];
        rules.extend([v(0.0, 0.0, 20.0), v(100.0, 0.0, 20.0)]);
        rules.extend([h(25.2, 0.0, 100.0), h(45.0, 0.0, 100.0)]);
        rules.extend([
            v(0.0, 25.2, 45.0),
            v(50.0, 25.2, 45.0),
            v(100.0, 25.2, 45.0),
        ]);
        // The two tables touch through a side rule, as nested boxes do.
        rules.push(v(0.0, 0.0, 45.0));
        let g = &grids_from_rules(&rules, Rules::Drawn, &[])[0];
        assert_eq!(g.rows(), 2, "{:?}", g.ys);
        let g = &grids_from_rules(&rules, Rules::Drawn, &[(30.0, 22.0)])[0];
        assert_eq!(g.rows(), 3, "{:?}", g.ys);
    }

    #[test]
    fn a_line_of_one_table_does_not_move_a_nearby_line_of_another() {
        // Two tables, one above the other, their middle rules 4.6 pt apart.
        let mut rules = Vec::new();
        for (y0, y1, mid) in [(0.0, 20.0, 100.0), (60.0, 80.0, 104.6)] {
            rules.extend([h(y0, 0.0, 200.0), h(y1, 0.0, 200.0)]);
            rules.extend([v(0.0, y0, y1), v(mid, y0, y1), v(200.0, y0, y1)]);
        }
        let grids = grids_from_rules(&rules, Rules::Drawn, &[]);
        assert_eq!(grids.len(), 2);
        let below = grids
            .iter()
            .find(|g| g.ys[0] > 50.0)
            .expect("the lower table");
        assert_eq!(below.xs.len(), 3);
        assert!((below.xs[1] - 104.6).abs() < 0.01, "{:?}", below.xs);
    }

    #[test]
    fn a_last_row_left_open_by_a_page_break_is_a_row() {
        // The verticals run 9.5 pt past the last drawn horizontal.
        let mut rules = vec![h(0.0, 0.0, 60.0), h(20.0, 0.0, 60.0)];
        for x in [0.0, 30.0, 60.0] {
            rules.push(v(x, 0.0, 29.5));
        }
        let g = &grids_from_rules(&rules, Rules::Drawn, &[(15.0, 25.0)])[0];
        assert_eq!(g.rows(), 2, "{:?}", g.ys);
    }

    #[test]
    fn a_table_framed_by_a_double_border_keeps_its_inner_lines() {
        // Outer frame stroked twice, 3 pt apart; the inner rules end short
        // of the inner stroke, 3.75 pt away, 5.25 pt from the frame's middle.
        let mut rules = Vec::new();
        for d in [0.0, 3.0] {
            rules.extend([h(d, d, 200.0 - d), h(60.0 - d, d, 200.0 - d)]);
            rules.extend([v(d, d, 60.0 - d), v(200.0 - d, d, 60.0 - d)]);
        }
        rules.extend([h(30.0, 6.75, 193.25), v(100.0, 6.75, 53.25)]);
        let grids = grids_from_rules(&rules, Rules::Drawn, &[]);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].rows(), grids[0].cols()), (2, 2));
    }

    #[test]
    fn a_row_rule_drawn_apart_from_its_neighbour_still_separates_the_rows() {
        // Scanned boxes drawn apart: the rule under the first column lies
        // 4.1 pt above the one under the others; the two become one line.
        let mut rules = vec![
            h(0.0, 0.0, 180.0),
            h(25.6, 0.0, 60.0),
            h(29.7, 60.0, 180.0),
            h(50.0, 0.0, 180.0),
        ];
        for x in [0.0, 60.0, 120.0, 180.0] {
            rules.push(v(x, 0.0, 50.0));
        }
        let text = [(90.0, 12.0), (90.0, 40.0)];
        let g = &grids_from_rules(&rules, Rules::Scanned, &text)[0];
        assert_eq!(g.rows(), 2, "{:?}", g.ys);
        let above = g.cell_at(90.0, 12.0);
        assert!(above.is_some());
        assert_ne!(above, g.cell_at(90.0, 40.0));
        assert_eq!(g.cells.len(), 6);
    }

    #[test]
    fn a_short_box_edge_near_a_long_rule_does_not_move_the_rule() {
        // The rule under a row runs across all but the first column, whose
        // box ends 7.2 pt lower, inside the next row.
        let mut rules = vec![
            h(0.0, 0.0, 180.0),
            h(20.0, 60.0, 180.0),
            h(27.2, 0.0, 60.0),
            h(40.0, 0.0, 180.0),
        ];
        for x in [0.0, 60.0, 120.0, 180.0] {
            rules.push(v(x, 0.0, 40.0));
        }
        let g = &grids_from_rules(&rules, Rules::Scanned, &[])[0];
        assert_eq!(g.ys.len(), 3, "{:?}", g.ys);
        assert!((g.ys[1] - 20.0).abs() < 0.01, "{:?}", g.ys);
    }

    #[test]
    fn strokes_of_print_under_a_scanned_rule_do_not_move_it() {
        // The tops of a row of characters set against the rule at 25 are
        // found as short rules 2 pt apart down into the text.
        let mut rules = vec![h(0.0, 0.0, 180.0), h(25.0, 0.0, 180.0), h(50.0, 0.0, 180.0)];
        rules.extend([
            h(27.0, 30.0, 80.0),
            h(28.9, 40.0, 70.0),
            h(30.6, 35.0, 75.0),
        ]);
        for x in [0.0, 60.0, 120.0, 180.0] {
            rules.push(v(x, 0.0, 50.0));
        }
        let g = &grids_from_rules(&rules, Rules::Scanned, &[])[0];
        assert_eq!(g.ys.len(), 3, "{:?}", g.ys);
        assert!((g.ys[1] - 25.0).abs() < 0.1, "{:?}", g.ys);
    }

    #[test]
    fn a_scanned_rule_broken_inside_a_cell_still_separates_its_rows() {
        // Faint in two places, the rule under the first row is three pieces;
        // the middle one touches no upright rule.
        let mut rules = vec![
            h(0.0, 0.0, 180.0),
            h(25.0, 0.0, 40.0),
            h(25.0, 46.0, 100.0),
            h(25.0, 105.0, 180.0),
            h(50.0, 0.0, 180.0),
        ];
        for x in [0.0, 120.0, 180.0] {
            rules.push(v(x, 0.0, 50.0));
        }
        let text = [(60.0, 12.0), (60.0, 37.0)];
        let g = &grids_from_rules(&rules, Rules::Scanned, &text)[0];
        assert_eq!(g.xs.len(), 3, "a piece's end made a column: {:?}", g.xs);
        let above = g.cell_at(60.0, 12.0);
        assert!(above.is_some());
        assert_ne!(above, g.cell_at(60.0, 37.0));
    }

    #[test]
    fn a_row_fragment_open_above_is_a_grid_of_drawn_rules_only() {
        // The rest of a row a page break cut: verticals down to one rule.
        let mut rules = vec![h(20.0, 0.0, 60.0)];
        for x in [0.0, 20.0, 40.0, 60.0] {
            rules.push(v(x, 0.0, 20.0));
        }
        let g = &grids_from_rules(&rules, Rules::Drawn, &[(10.0, 10.0)])[0];
        assert_eq!((g.rows(), g.cols()), (1, 3));
        assert!(grids_from_rules(&rules, Rules::Scanned, &[]).is_empty());
    }

    #[test]
    fn a_scanned_grid_a_few_characters_wide_is_no_table() {
        // The strokes of three 22-pt bold characters crossing each other.
        let mut rules = vec![h(0.0, 0.0, 66.0), h(20.0, 0.0, 66.0)];
        for x in [0.0, 22.0, 44.0, 66.0] {
            rules.push(v(x, 0.0, 20.0));
        }
        assert!(grids_from_rules(&rules, Rules::Scanned, &[]).is_empty());
        assert_eq!(grids_from_rules(&rules, Rules::Drawn, &[]).len(), 1);
    }

    #[test]
    fn a_lone_underline_is_not_a_table() {
        assert!(grids_from_rules(&[h(5.0, 0.0, 100.0)], Rules::Drawn, &[]).is_empty());
    }

    #[test]
    fn points_outside_the_grid_have_no_cell() {
        let rules = vec![
            h(0.0, 0.0, 10.0),
            h(10.0, 0.0, 10.0),
            v(0.0, 0.0, 10.0),
            v(10.0, 0.0, 10.0),
        ];
        let g = &grids_from_rules(&rules, Rules::Drawn, &[])[0];
        assert!(g.cell_at(15.0, 5.0).is_none());
        assert_eq!(g.cell_at(5.0, 5.0), Some(0));
    }
}

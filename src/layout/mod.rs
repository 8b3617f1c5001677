//! Page → lines and tables. The layout never knows whether a glyph came from
//! a font or from OCR.

pub mod lines;
pub mod table;

use crate::page::{BBox, Glyph, Page, TextSource};
use lines::is_decorated_page_number;
pub use lines::{
    Line, Spaces, band, build_lines, in_margin, is_cjk, is_ideograph, is_misread_page_footer,
    is_page_number, join_block,
};
use serde::Serialize;
use table::grids_from_rules;

/// One table cell with its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    #[serde(serialize_with = "ser_bbox")]
    pub bbox: BBox,
    pub text: String,
    /// Lowest glyph confidence in the cell (1.0 when empty).
    pub confidence: f32,
    /// Text runs across the cell's left or right side (a number too long for
    /// a narrow column, set over the rule): which cell it belongs to cannot
    /// be told.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub spills: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub page: usize,
    #[serde(serialize_with = "ser_bbox")]
    pub bbox: BBox,
    /// Column boundaries (cols + 1 values).
    pub xs: Vec<f32>,
    /// Row boundaries (rows + 1 values).
    pub ys: Vec<f32>,
    pub cells: Vec<Cell>,
    /// For each grid position (row * cols + col), the index of its cell.
    #[serde(skip)]
    pub owner: Vec<usize>,
}

impl Table {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    /// The cell covering grid position (row, col).
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        if row >= self.rows() || col >= self.cols() {
            return None;
        }
        self.owner
            .get(row * self.cols() + col)
            .and_then(|&i| self.cells.get(i))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineOut {
    pub text: String,
    #[serde(serialize_with = "ser_bbox")]
    pub bbox: BBox,
    pub size: f32,
}

/// What the layout reconstructor makes of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageLayout {
    pub number: usize,
    pub width: f32,
    pub height: f32,
    /// Text lines outside tables, top to bottom.
    pub lines: Vec<Line>,
    /// Tables, top to bottom.
    pub tables: Vec<Table>,
}

/// Lines and tables of every page of a document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub pages: Vec<PageLayout>,
}

fn ser_bbox<S: serde::Serializer>(b: &BBox, s: S) -> Result<S::Ok, S::Error> {
    let r = |v: f32| (v * 100.0).round() / 100.0;
    [r(b.x0), r(b.y0), r(b.x1), r(b.y1)].serialize(s)
}

/// How far (points) a typed glyph may reach past its cell's side: a cell's
/// padding keeps its text off the rule, so a glyph across it runs over.
const SPILL: f32 = 0.25;

/// The cells a digit set over a side of its cell `ci` runs across: that cell
/// and its neighbour on the other side. A number that runs over a rule
/// cannot be told apart from the neighbour's. (A label's punctuation hanging
/// over its side corrupts no number: a value cell drops it.)
fn spilled_cells(grid: &table::Grid, ci: usize, glyph: &Glyph) -> Vec<usize> {
    let (cell, y) = (&grid.cells[ci].bbox, glyph.bbox.cy());
    let mut out = Vec::new();
    if !crate::template::label::to_half_width(glyph.ch).is_ascii_digit() {
        return out;
    }
    for (past, x) in [
        (glyph.bbox.x0 < cell.x0 - SPILL, cell.x0 - 1.0),
        (glyph.bbox.x1 > cell.x1 + SPILL, cell.x1 + 1.0),
    ] {
        if past {
            out.push(ci);
            out.extend(grid.cell_at(x, y).filter(|&n| n != ci));
        }
    }
    out
}

/// Reconstructs the lines and tables of one page.
pub fn analyze(page: &Page) -> PageLayout {
    let (spaces, rules) = if page.source == TextSource::Ocr {
        (Spaces::Gaps, table::Rules::Scanned)
    } else {
        (Spaces::Printed, table::Rules::Drawn)
    };
    let centres: Vec<(f32, f32)> = page
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace())
        .map(|g| (g.bbox.cx(), g.bbox.cy()))
        .collect();
    let grids = grids_from_rules(&page.rules, rules, &centres);
    let mut in_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut spilled: Vec<Vec<bool>> = grids.iter().map(|g| vec![false; g.cells.len()]).collect();
    let mut free: Vec<&Glyph> = Vec::new();
    'glyphs: for gl in &page.glyphs {
        let (x, y) = (gl.bbox.cx(), gl.bbox.cy());
        for (gi, grid) in grids.iter().enumerate() {
            if let Some(ci) = grid.cell_at(x, y) {
                in_cell[gi][ci].push(gl);
                // A scan's glyph boxes are the page pass's; its cells are read again from their crops.
                if page.source == TextSource::Native {
                    for n in spilled_cells(grid, ci, gl) {
                        spilled[gi][n] = true;
                    }
                }
                continue 'glyphs;
            }
        }
        free.push(gl);
    }
    // A page number caught inside a table whose rules run into the page's
    // margin (a browser draws a row cut by a page break down to the sheet's
    // foot) is page furniture, not a cell's text.
    let mut furniture: Vec<Line> = Vec::new();
    let mut tables: Vec<Table> = grids
        .into_iter()
        .zip(in_cell)
        .zip(spilled)
        .map(|((grid, cell_glyphs), spilled)| {
            let bbox = grid.bbox();
            let cells = grid
                .cells
                .iter()
                .zip(cell_glyphs)
                .zip(spilled)
                .map(|((gc, gs), spills)| {
                    let (pages, lines): (Vec<Line>, Vec<Line>) =
                        build_lines(&gs, spaces).into_iter().partition(|l| {
                            in_margin(l, page.height) && is_decorated_page_number(&l.text)
                        });
                    furniture.extend(pages);
                    Cell {
                        row: gc.row,
                        col: gc.col,
                        rowspan: gc.rowspan,
                        colspan: gc.colspan,
                        bbox: gc.bbox,
                        text: join_block(&lines),
                        confidence: lines.iter().map(|l| l.confidence).fold(1.0, f32::min),
                        spills,
                    }
                })
                .collect();
            Table {
                page: page.number,
                bbox,
                xs: grid.xs,
                ys: grid.ys,
                cells,
                owner: grid.owner,
            }
        })
        .collect();
    tables.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    let mut lines = build_lines(&free, spaces);
    lines.append(&mut furniture);
    lines.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    let mut layout = PageLayout {
        number: page.number,
        width: page.width,
        height: page.height,
        lines,
        tables,
    };
    // OCR reads the cells after the layout; until then they are all empty.
    if page.source != TextSource::Ocr {
        layout.drop_empty_tables();
    }
    layout
}

impl PageLayout {
    /// The lines of the page's text: running heads, footers and page numbers left out.
    pub fn body_lines(&self) -> Vec<&Line> {
        self.lines
            .iter()
            .filter(|l| !in_margin(l, self.height) && !is_page_number(&l.text))
            .collect()
    }

    /// The median size of the page's text, in points (at least 1).
    pub fn text_size(&self) -> Option<f32> {
        let mut sizes: Vec<f32> = self.body_lines().iter().map(|l| l.size).collect();
        sizes.sort_by(f32::total_cmp);
        sizes.get(sizes.len() / 2).map(|s| s.max(1.0))
    }

    /// A bordered box holding no text (a frame, a signature box) is not a table.
    pub fn drop_empty_tables(&mut self) {
        self.tables
            .retain(|t| t.cells.iter().any(|c| !c.text.is_empty()));
    }
}

/// Runs the layout over every page.
pub fn analyze_document(pages: &[Page]) -> Document {
    Document {
        pages: pages.iter().map(analyze).collect(),
    }
}

/// A debug view of a page layout: lines and table cells as JSON.
pub fn debug_json(layout: &PageLayout) -> serde_json::Value {
    let lines: Vec<LineOut> = layout
        .lines
        .iter()
        .map(|l| LineOut {
            text: l.text.clone(),
            bbox: l.bbox,
            size: l.size,
        })
        .collect();
    serde_json::json!({
        "page": layout.number,
        "width": layout.width,
        "height": layout.height,
        "lines": lines,
        "tables": layout.tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Rule;

    fn rule(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
        Rule {
            from: (x0, y0),
            to: (x1, y1),
            width: 0.5,
        }
    }

    fn digit(ch: char, x: f32) -> Glyph {
        Glyph {
            ch,
            bbox: BBox::new(x, 4.0, x + 5.0, 14.0),
            size: 10.0,
            confidence: 1.0,
        }
    }

    #[test]
    fn a_number_set_over_a_cell_side_spills_into_both_cells() {
        // Two 30 pt cells; "1234567" starts in the first and runs 6 pt into the second.
        let rules = vec![
            rule(0.0, 0.0, 60.0, 0.0),
            rule(0.0, 18.0, 60.0, 18.0),
            rule(0.0, 0.0, 0.0, 18.0),
            rule(30.0, 0.0, 30.0, 18.0),
            rule(60.0, 0.0, 60.0, 18.0),
        ];
        let glyphs: Vec<Glyph> = "1234567"
            .chars()
            .enumerate()
            .map(|(i, ch)| digit(ch, 1.0 + 5.0 * i as f32))
            .collect();
        let page = Page {
            number: 1,
            width: 100.0,
            height: 100.0,
            glyphs,
            rules,
            source: TextSource::Native,
        };
        let layout = analyze(&page);
        let cells = &layout.tables[0].cells;
        assert_eq!(cells.len(), 2);
        assert!(cells.iter().all(|c| c.spills), "{cells:?}");
        let tidy = Page {
            glyphs: "12"
                .chars()
                .enumerate()
                .map(|(i, ch)| digit(ch, 10.0 + 5.0 * i as f32))
                .collect(),
            ..page
        };
        assert!(!analyze(&tidy).tables[0].cells.iter().any(|c| c.spills));
    }
}

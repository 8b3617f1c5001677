//! Tables → template values: find which table is which, map columns by their
//! header labels and rows by aligning printed labels to the template's row
//! sequence. Every fallback leaves an issue.

use super::number::{Parsed, looks_numeric, parse};
use super::values::{Issue, Prov, Values};
use crate::layout::{Cell, Document, Table, is_ideograph};
use crate::template::label::{
    compact_label, matches, normalize, similarity, similarity_at_end, similarity_within,
};
use crate::template::{
    ApplicationRow, Column, Format, Kind, TEMPLATE_2019, TEMPLATE_2021, Template,
};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Disclosure,
    Applications,
    Reviews,
}

/// Similarity from which a printed label counts as the template's label.
const LABEL_MATCH: f32 = 0.85;
/// Table 四's three group headers differ enough to be told apart from a
/// partial read ("议直接起诉").
const GROUP_MATCH: f32 = 0.7;
/// Similarity from which a table 二 label counts as one of the rows of the
/// item (第二十条第（N）项) it is printed under: the one or two rows of an
/// item differ far more than a slip in six characters (政府全中采购).
const ITEM_ROW_MATCH: f32 = 0.7;
/// Similarity from which a row label may be aligned to a template row.
const ROW_MATCH: f32 = 0.5;
/// Score of placing a row of numbers by its position alone.
const WEAK_MATCH: f32 = 0.05;

/// Tables of the document grouped by what they hold, each group in page order.
#[derive(Debug, Default)]
pub struct Located<'a> {
    pub disclosure: Vec<&'a Table>,
    pub applications: Vec<&'a Table>,
    pub reviews: Vec<&'a Table>,
}

fn kind_labels(kind: TableKind) -> Vec<&'static str> {
    match kind {
        TableKind::Disclosure => {
            let mut v = vec!["信息内容"];
            for t in [&TEMPLATE_2021, &TEMPLATE_2019] {
                for r in t.disclosure {
                    v.extend(r.labels);
                    v.extend(r.columns.iter().flat_map(|c| c.labels.iter()));
                }
            }
            v
        }
        TableKind::Applications => {
            let mut v = vec!["申请人情况", "法人或其他组织", "本年度办理结果"];
            v.extend(
                TEMPLATE_2021
                    .applications
                    .iter()
                    .flat_map(|r| r.labels.iter()),
            );
            v.extend(
                TEMPLATE_2021
                    .applicant_columns
                    .iter()
                    .flat_map(|c| c.labels.iter()),
            );
            v.retain(|l| !["其他", "总计"].contains(l));
            v
        }
        TableKind::Reviews => {
            let mut v = vec!["行政诉讼"];
            v.extend(
                TEMPLATE_2021
                    .review_groups
                    .iter()
                    .flat_map(|g| g.labels.iter()),
            );
            v.extend(
                TEMPLATE_2021
                    .outcome_columns
                    .iter()
                    .flat_map(|c| c.labels.iter()),
            );
            v.retain(|l| *l != "总计");
            v
        }
    }
}

/// How many cells of the table carry one of the (normalised) labels.
fn score(cells: &[String], labels: &[String]) -> usize {
    cells
        .iter()
        .filter(|n| !n.is_empty() && labels.iter().any(|l| matches(n, l, LABEL_MATCH)))
        .count()
}

/// Sorts the document's tables into the three national tables. A table with
/// no known label that opens a page continues the table that closed the
/// previous page.
pub fn locate(doc: &Document) -> Located<'_> {
    let kinds = [
        TableKind::Disclosure,
        TableKind::Applications,
        TableKind::Reviews,
    ];
    let labels: Vec<Vec<String>> = kinds
        .iter()
        .map(|&k| kind_labels(k).iter().map(|l| normalize(l)).collect())
        .collect();
    let mut out = Located::default();
    let mut last: Option<(TableKind, usize)> = None;
    for page in &doc.pages {
        for (i, table) in page.tables.iter().enumerate() {
            let cells: Vec<String> = table.cells.iter().map(|c| normalize(&c.text)).collect();
            let scores: Vec<usize> = labels.iter().map(|l| score(&cells, l)).collect();
            let best = (0..kinds.len()).max_by_key(|&k| scores[k]).unwrap_or(0);
            let kind = if scores[best] > 0 {
                Some(kinds[best])
            } else {
                match last {
                    Some((k, p)) if i == 0 && p + 1 == page.number => Some(k),
                    _ => None,
                }
            };
            if let Some(k) = kind {
                last = Some((k, page.number));
                match k {
                    TableKind::Disclosure => out.disclosure.push(table),
                    TableKind::Applications => out.applications.push(table),
                    TableKind::Reviews => out.reviews.push(table),
                }
            }
        }
    }
    out
}

/// Which format table 二 is printed in, if its headers tell.
pub fn detect_format(disclosure: &[&Table]) -> Option<Format> {
    let count = |t: &Template| {
        let labels: Vec<String> = t
            .distinctive_labels()
            .iter()
            .map(|l| normalize(l))
            .collect();
        disclosure
            .iter()
            .flat_map(|tb| tb.cells.iter())
            .filter(|c| labels.contains(&normalize(&c.text)))
            .count()
    };
    let (a, b) = (count(&TEMPLATE_2021), count(&TEMPLATE_2019));
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Format::F2021),
        std::cmp::Ordering::Less => Some(Format::F2019),
        std::cmp::Ordering::Equal => None,
    }
}

/// Reads one cell as a value of a kind, recording provenance and issues.
/// Below this OCR confidence a value is kept but flagged for a person to check.
const LOW_CONFIDENCE: f32 = 0.7;

fn read_cell(
    values: &mut Values,
    issues: &mut Vec<Issue>,
    pointer: String,
    kind: Kind,
    cell: Option<Placed>,
    unit: Unit,
) {
    let Some((cell, page)) = cell else {
        issues.push(Issue::warning(
            "missing_value",
            pointer.clone(),
            "no cell found for this value",
        ));
        values.push(pointer, kind, None, None);
        return;
    };
    let prov = Some(Prov {
        page,
        bbox: cell.bbox.to_array(),
        raw: cell.text.clone(),
        confidence: cell.confidence,
    });
    if cell.spills {
        issues.push(Issue::warning(
            "unreadable_value",
            pointer.clone(),
            format!(
                "page {page}: the text {:?} runs across the cell's side, so which cell it belongs to cannot be told",
                cell.text
            ),
        ));
        values.push(pointer, kind, None, prov);
        return;
    }
    if unit == Unit::Unreadable && kind == Kind::Amount {
        issues.push(Issue::warning(
            "unreadable_value",
            pointer.clone(),
            format!(
                "page {page}: the unit in the column's header cannot be read, so whether {:?} is in 元 or 万元 cannot be told",
                cell.text
            ),
        ));
        values.push(pointer, kind, None, prov);
        return;
    }
    let value = match parse(&cell.text, kind) {
        Parsed::Value { value, converted } => {
            if cell.confidence < LOW_CONFIDENCE {
                issues.push(Issue::warning(
                    "low_confidence",
                    pointer.clone(),
                    format!(
                        "page {page}: read as {:?} with confidence {:.2}; check it against the page",
                        cell.text, cell.confidence
                    ),
                ));
            }
            if unit == Unit::Yuan && kind == Kind::Amount && !converted {
                issues.push(Issue::warning(
                    "unit_converted",
                    pointer.clone(),
                    "amount printed in 元, converted to 万元",
                ));
                Some(value / 10_000.0)
            } else {
                if converted {
                    issues.push(Issue::warning(
                        "unit_converted",
                        pointer.clone(),
                        "amount printed in 元, converted to 万元",
                    ));
                }
                Some(value)
            }
        }
        // OCR gives a cell with ink it cannot read as empty with no confidence.
        Parsed::Blank if cell.confidence == 0.0 => {
            issues.push(Issue::warning(
                "unreadable_value",
                pointer.clone(),
                format!("page {page}: the cell holds ink OCR could not read"),
            ));
            None
        }
        Parsed::Blank => {
            issues.push(Issue::warning(
                "missing_value",
                pointer.clone(),
                "the cell is blank",
            ));
            None
        }
        Parsed::Unreadable => {
            issues.push(Issue::warning(
                "unreadable_value",
                pointer.clone(),
                format!("the cell reads {:?}, which is not a number", cell.text),
            ));
            None
        }
    };
    values.push(pointer, kind, value, prov);
}

/// The most a value placed by its order, not by a header or label, is
/// trusted however clearly it was read: a misread header leaves a page whose
/// cells may be misread as well.
const BY_ORDER_CONFIDENCE: f32 = 0.85;

/// The cell as trusted where it was placed: capped when `by_order`.
fn placed(cell: Cow<'_, Cell>, by_order: bool) -> Cow<'_, Cell> {
    if !by_order || cell.confidence <= BY_ORDER_CONFIDENCE {
        return cell;
    }
    let mut capped = cell.into_owned();
    capped.confidence = BY_ORDER_CONFIDENCE;
    Cow::Owned(capped)
}

/// A cell and the page it is on.
type Placed<'a> = (&'a Cell, usize);
/// A cell, joined with its rest where a page break cut it, and its page.
type Joined<'a> = (Cow<'a, Cell>, usize);
/// A header cell's text and x-range.
type Header = (String, f32, f32);

/// Column key → the x-range of its header cell.
type ColumnMap = Vec<(&'static str, f32, f32)>;

/// The first row holding a value-like cell: rows above it are the header.
fn first_data_row(t: &Table) -> usize {
    t.cells
        .iter()
        .filter(|c| !c.text.is_empty() && looks_numeric(&c.text))
        .map(|c| c.row)
        .min()
        .unwrap_or(t.rows())
}

/// A cell of a table's first row of values and the header printed over it:
/// the words of every header cell above it, top to bottom, joined; over a
/// page break too, when the header stands alone at the foot of a page.
struct Stack<'t> {
    cell: &'t Cell,
    text: String,
    /// Which header cells are over it (their places among the cells above).
    heads: Vec<usize>,
}

/// The header stacks over the cells of row `row` of part `pi`: the header
/// cells are the rows above it in its part, and every row of the parts just
/// before it that hold no values.
fn stacks<'t>(parts: &[&'t Table], pi: usize, row: usize) -> Vec<Stack<'t>> {
    let mut first = pi;
    while first > 0 && first_data_row(parts[first - 1]) >= parts[first - 1].rows() {
        first -= 1;
    }
    let above: Vec<&Cell> = parts[first..pi]
        .iter()
        .flat_map(|p| p.cells.iter())
        .chain(parts[pi].cells.iter().filter(|c| c.row < row))
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    let mut cells = row_cells(parts[pi], row);
    cells.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    cells
        .into_iter()
        .map(|cell| {
            let cx = cell.bbox.cx();
            let heads: Vec<usize> = (0..above.len())
                .filter(|&i| above[i].bbox.x0 <= cx && cx <= above[i].bbox.x1)
                .collect();
            let text = heads
                .iter()
                .map(|&i| compact_label(&above[i].text))
                .collect();
            Stack { cell, text, heads }
        })
        .collect()
}

/// Whether a header stack ends with one of a column's labels; short labels
/// ("其他", "总计") only exactly.
fn ends_with_label(stack: &str, labels: &[&str]) -> bool {
    labels.iter().any(|l| {
        let l = compact_label(l);
        stack.ends_with(&l)
            || (l.chars().count() > 2 && similarity_at_end(stack, &l) >= LABEL_MATCH)
    })
}

/// Maps columns to the cells of part `pi`'s first row of values by the
/// header printed over them.
fn header_columns(parts: &[&Table], pi: usize, columns: &[Column]) -> ColumnMap {
    let row = first_data_row(parts[pi]);
    if row >= parts[pi].rows() {
        return ColumnMap::new();
    }
    let stacks = stacks(parts, pi, row);
    let mut used = vec![false; stacks.len()];
    let mut out = ColumnMap::new();
    for col in columns {
        let hit =
            (0..stacks.len()).find(|&i| !used[i] && ends_with_label(&stacks[i].text, col.labels));
        if let Some(i) = hit {
            used[i] = true;
            let b = stacks[i].cell.bbox;
            out.push((col.key, b.x0, b.x1));
        }
    }
    out
}

/// Whether a row's filled cells are mostly words, by majority: OCR can read
/// a stacked header character as "-", or a value as a character.
fn mostly_words(cells: &[&Cell]) -> bool {
    let filled = cells.iter().filter(|c| !c.text.trim().is_empty());
    let numeric = filled.clone().filter(|c| looks_numeric(&c.text)).count();
    filled.count() - numeric > numeric
}

/// Whether a row of table 二 is a header: words over its value columns and
/// no number (信息内容 itself may be misread: 信息内;).
fn names_columns(cells: &[&Cell]) -> bool {
    let words = |c: &&Cell| c.text.chars().filter(|&ch| is_ideograph(ch)).count() >= 2;
    cells.iter().any(words) && !cells.iter().any(|c| looks_numeric(&c.text))
}

fn row_cells(t: &Table, row: usize) -> Vec<&Cell> {
    (0..t.cols())
        .filter_map(|c| t.cell(row, c))
        .filter(|c| c.row == row)
        .collect()
}

fn col_at(t: &Table, x: f32) -> Option<usize> {
    (0..t.cols()).find(|&c| t.xs[c] <= x && x <= t.xs[c + 1])
}

/// Carries a column map over to a table part printed without its header,
/// when its columns line up with it.
fn carry_columns(prev: &ColumnMap, t: &Table) -> Option<ColumnMap> {
    let mut out = ColumnMap::new();
    for &(key, x0, x1) in prev {
        let c = col_at(t, (x0 + x1) / 2.0)?;
        let (c0, c1) = (t.xs[c], t.xs[c + 1]);
        if (c0 - x0).abs() > 6.0 || (c1 - x1).abs() > 6.0 {
            return None;
        }
        out.push((key, c0, c1));
    }
    Some(out)
}

/// The last `n` columns, in order, when no header tells: as the rows of
/// numbers print them, whose cells span the grid columns a stray rule above
/// them split (a stroke of a header character, a fold); else the last grid
/// columns.
fn columns_by_order(t: &Table, columns: &[Column]) -> Option<ColumnMap> {
    let n = columns.len();
    if t.cols() < n {
        return None;
    }
    let mut layouts: Vec<(Vec<(usize, usize)>, usize)> = Vec::new();
    for r in 0..t.rows() {
        let mut cells: Vec<&Cell> = t
            .cells
            .iter()
            .filter(|c| c.row <= r && r < c.row + c.rowspan)
            .collect();
        cells.sort_by_key(|c| c.col);
        let numbers = cells.iter().filter(|c| looks_numeric(&c.text)).count();
        if cells.len() <= n || 2 * numbers < n {
            continue;
        }
        let spans: Vec<(usize, usize)> = cells[cells.len() - n..]
            .iter()
            .map(|c| (c.col, c.col + c.colspan))
            .collect();
        match layouts.iter_mut().find(|l| l.0 == spans) {
            Some(l) => l.1 += 1,
            None => layouts.push((spans, 1)),
        }
    }
    let spans = layouts
        .into_iter()
        .max_by_key(|l| l.1)
        .map(|l| l.0)
        .unwrap_or_else(|| (t.cols() - n..t.cols()).map(|c| (c, c + 1)).collect());
    Some(
        columns
            .iter()
            .zip(spans)
            .map(|(c, (a, z))| (c.key, t.xs[a], t.xs[z]))
            .collect(),
    )
}

/// One printed row of table 三, before alignment.
#[derive(Debug, Clone)]
struct Observed<'a> {
    label: String,
    norm: String,
    /// Each column's cell; a row cut by a page break holds cells joined
    /// from its two pieces.
    cells: Vec<(&'static str, Option<Cow<'a, Cell>>)>,
    page: usize,
    has_values: bool,
    first_of_part: bool,
}

fn cell_in_row(t: &Table, row: usize, x0: f32, x1: f32) -> Option<&Cell> {
    let c = col_at(t, (x0 + x1) / 2.0)?;
    t.cell(row, c)
        .filter(|cell| cell.row == row || cell.rowspan > 1)
}

/// Best similarity of a normalised label to any row of a sequence.
fn best_row_match(norm: &str, rows: &[ApplicationRow]) -> f32 {
    rows.iter()
        .flat_map(|r| r.labels.iter())
        .map(|l| similarity(norm, &normalize(l)))
        .fold(0.0, f32::max)
}

fn observe_applications<'a>(
    parts: &[&'a Table],
    template: &Template,
    issues: &mut Vec<Issue>,
) -> Vec<Observed<'a>> {
    let mut observed: Vec<Observed<'a>> = Vec::new();
    // The last part's columns, and whether they were taken by order.
    let mut prev_map: Option<(ColumnMap, bool)> = None;
    let mut unfit = Vec::new();
    for (pi, t) in parts.iter().enumerate() {
        if first_data_row(t) >= t.rows() {
            // A header alone at the foot of a page: the next part reads it.
            continue;
        }
        let header = header_columns(parts, pi, template.applicant_columns);
        let carried = prev_map
            .as_ref()
            .and_then(|(p, by_order)| Some((carry_columns(p, t)?, *by_order)));
        let (map, by_order) = if header.len() == template.applicant_columns.len() {
            (header, false)
        } else if let Some(m) = carried {
            m
        } else if let Some(m) = columns_by_order(t, template.applicant_columns) {
            issues.push(Issue::warning(
                "columns_by_order",
                "/applications",
                format!("page {}: table 三 column headers not recognised; columns taken in printed order", t.page),
            ));
            (m, true)
        } else {
            unfit.push(format!("page {}: {} columns", t.page, t.cols()));
            continue;
        };
        // A column's left edge, not its middle: a header over two grid
        // columns (a stray rule below it) puts its middle in the second.
        let first_value_col = map
            .iter()
            .filter_map(|&(_, x0, x1)| col_at(t, x0 + (0.5 * (x1 - x0)).min(1.0)))
            .min()
            .unwrap_or(0);
        let mut first = pi > 0;
        for r in 0..t.rows() {
            let label_cell = if first_value_col > 0 {
                t.cell(r, first_value_col - 1)
            } else {
                None
            };
            let label = match label_cell {
                Some(c) if c.row == r => c.text.clone(),
                Some(_) => continue,
                None => String::new(),
            };
            let cells: Vec<(&'static str, Option<Cow<Cell>>)> = map
                .iter()
                .map(|&(k, x0, x1)| {
                    let cell = cell_in_row(t, r, x0, x1).filter(|c| c.row == r);
                    (k, cell.map(|c| placed(Cow::Borrowed(c), by_order)))
                })
                .collect();
            let filled: Vec<&Cell> = cells.iter().filter_map(|(_, c)| c.as_deref()).collect();
            // A header row, the part's own or one repeated after a page break,
            // holds words where the values go.
            if mostly_words(&filled) {
                continue;
            }
            let has_values = filled.iter().any(|c| !c.text.trim().is_empty());
            let norm = normalize(&label);
            if norm.is_empty() && !has_values {
                continue;
            }
            observed.push(Observed {
                label,
                norm,
                cells,
                page: t.page,
                has_values,
                first_of_part: first,
            });
            first = false;
        }
        prev_map = Some((map, by_order));
    }
    if observed.is_empty() && !parts.is_empty() {
        let why = if unfit.is_empty() {
            "no row of values was found under its header".to_string()
        } else {
            format!(
                "its grid does not fit the template's {} value columns ({})",
                template.applicant_columns.len(),
                unfit.join("; ")
            )
        };
        issues.push(Issue::error(
            "table_not_found",
            "/applications",
            format!("page {}: table 三 was found, but {why}", parts[0].page),
        ));
    }
    join_split_rows(observed, template)
}

/// A row cut in two by a page break ("7.属于行政执法案" / "卷", a number
/// wrapped as "160" / "1"): the two pieces become one row when the joined
/// label fits the template better than either piece, or when the second
/// piece has values and no label at all. Its cells' texts are joined too.
fn join_split_rows<'a>(rows: Vec<Observed<'a>>, template: &Template) -> Vec<Observed<'a>> {
    let all = [template.applications, template.applications_single_other].concat();
    let mut out: Vec<Observed<'a>> = Vec::new();
    for row in rows {
        if row.first_of_part
            && let Some(prev) = out.last_mut()
            && (continues_row(
                &prev.norm,
                prev.has_values,
                &row.norm,
                row.has_values,
                |l| best_row_match(l, &all),
            ) || finishes_note(&prev.label, &row.label))
            && cells_can_join(
                prev.cells.iter().map(|(_, c)| c.as_deref()),
                row.cells.iter().map(|(_, c)| c.as_deref()),
            )
        {
            prev.label.push_str(&row.label);
            prev.norm.push_str(&row.norm);
            for ((_, a), (_, b)) in prev.cells.iter_mut().zip(row.cells) {
                *a = join_cells(a.take(), b);
            }
            if !prev.has_values {
                prev.page = row.page;
            }
            prev.has_values |= row.has_values;
            continue;
        }
        out.push(row);
    }
    out
}

/// The two pieces of a cell cut by a page break as one: the text of both,
/// where the first piece was printed (or the second, if the first is blank).
fn join_cell<'a>(a: Cow<'a, Cell>, b: Cow<'a, Cell>) -> Cow<'a, Cell> {
    if b.text.trim().is_empty() {
        return a;
    }
    if a.text.trim().is_empty() {
        return b;
    }
    let mut joined = a.into_owned();
    joined.text.push_str(&b.text);
    joined.confidence = joined.confidence.min(b.confidence);
    joined.spills |= b.spills;
    Cow::Owned(joined)
}

fn join_cells<'a>(a: Option<Cow<'a, Cell>>, b: Option<Cow<'a, Cell>>) -> Option<Cow<'a, Cell>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(join_cell(a, b)),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Whether the cells of a row's two pieces can be one number each: no piece
/// that is a whole zero ("0", "—", "无") or starts with 0 goes on in the
/// other, since no number is printed so. A row of values under a lost label
/// after a page break is then a row of its own, not the wrapped digits of
/// the row before (2 and 0 joined as 20).
fn cells_can_join<'c>(
    a: impl Iterator<Item = Option<&'c Cell>>,
    b: impl Iterator<Item = Option<&'c Cell>>,
) -> bool {
    a.zip(b).all(|(a, b)| {
        let (a, b) = (
            a.map_or("", |c| c.text.trim()),
            b.map_or("", |c| c.text.trim()),
        );
        let whole_zero = a.starts_with('0') || ["—", "-", "－", "无", "/"].contains(&a);
        a.is_empty() || b.is_empty() || !whole_zero
    })
}

/// Whether `label` closes the note `prev_label` left open: the rest of a
/// label cut by a page break inside its note (部分公开（区分处理的，只计
/// 这一情形，不计 / 其他情形）), which adds nothing to the label's words.
fn finishes_note(prev_label: &str, label: &str) -> bool {
    let depth = |s: &str| {
        s.chars().fold(0i32, |d, c| match c {
            '(' | '（' | '[' | '【' | '〈' | '<' => d + 1,
            ')' | '）' | ']' | '】' | '〉' | '>' => d - 1,
            _ => d,
        })
    };
    depth(prev_label) > 0 && depth(label) < 0
}

/// Whether the first row of a table's next part continues the last row of
/// the part before (a row cut by a page break): its label joined to the
/// other fits the template better than either, or it has values and no
/// label at all. `fit` scores a normalised label against the template.
fn continues_row(
    prev_norm: &str,
    prev_has_values: bool,
    norm: &str,
    has_values: bool,
    fit: impl Fn(&str) -> f32,
) -> bool {
    if norm.is_empty() {
        return has_values && prev_has_values;
    }
    fit(&format!("{prev_norm}{norm}")) > fit(prev_norm).max(fit(norm))
}

/// Aligns observed rows to a template row sequence (both in printed order),
/// allowing skipped observed rows (headers, notes) and missing template rows.
/// Returns the score and, for each template row, the observed row index.
fn align(observed: &[Observed<'_>], rows: &[ApplicationRow]) -> (f32, Vec<Option<usize>>) {
    const MISSING: f32 = -0.2;
    let (n, m) = (observed.len(), rows.len());
    let sims: Vec<Vec<f32>> = observed
        .iter()
        .map(|o| {
            rows.iter()
                .map(|r| {
                    r.labels
                        .iter()
                        .map(|l| similarity(&o.norm, &normalize(l)))
                        .fold(0.0, f32::max)
                })
                .collect()
        })
        .collect();
    // best[i][j]: score aligning the first i observed rows with the first j template rows.
    let mut best = vec![vec![f32::NEG_INFINITY; m + 1]; n + 1];
    let mut step = vec![vec![0u8; m + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i][j];
            if here == f32::NEG_INFINITY {
                continue;
            }
            if i < n && best[i + 1][j] < here {
                best[i + 1][j] = here;
                step[i + 1][j] = 1;
            }
            if j < m && best[i][j + 1] < here + MISSING {
                best[i][j + 1] = here + MISSING;
                step[i][j + 1] = 2;
            }
            if i < n && j < m {
                let gain = if sims[i][j] >= ROW_MATCH {
                    sims[i][j]
                } else if observed[i].has_values {
                    // A row of numbers whose label was misread still takes
                    // its place in the sequence, but scores below any real
                    // match and below skipping a template row twice.
                    WEAK_MATCH + 0.2 * sims[i][j]
                } else {
                    f32::NEG_INFINITY
                };
                if best[i + 1][j + 1] < here + gain {
                    best[i + 1][j + 1] = here + gain;
                    step[i + 1][j + 1] = 3;
                }
            }
        }
    }
    let mut assign = vec![None; m];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match step[i][j] {
            1 => i -= 1,
            2 => j -= 1,
            _ => {
                i -= 1;
                j -= 1;
                assign[j] = Some(i);
            }
        }
    }
    let strong: Vec<Option<usize>> = assign
        .iter()
        .enumerate()
        .map(|(j, a)| a.filter(|&i| sims[i][j] >= ROW_MATCH))
        .collect();
    let with_values: Vec<bool> = observed.iter().map(|o| o.has_values).collect();
    (best[n][m], anchored(&strong, &with_values))
}

/// The rows matched by their labels, and between them the rows of numbers
/// whose labels were misread, placed by position — only where as many rows
/// were printed as the template has there. Elsewhere a lost or extra row
/// would put every number after it one row off, so those rows stay unread.
fn anchored(strong: &[Option<usize>], with_values: &[bool]) -> Vec<Option<usize>> {
    let mut assign = strong.to_vec();
    let anchors: Vec<(usize, usize)> = strong
        .iter()
        .enumerate()
        .filter_map(|(j, a)| a.map(|i| (j, i)))
        .collect();
    // Gaps as (first template row, first observed row, template rows, observed rows).
    let mut gaps = Vec::new();
    let mut from = (0, 0);
    for &(j, i) in &anchors {
        gaps.push((from.0, from.1, j - from.0, i.saturating_sub(from.1)));
        from = (j + 1, i + 1);
    }
    gaps.push((
        from.0,
        from.1,
        strong.len() - from.0,
        with_values.len().saturating_sub(from.1),
    ));
    for (j0, i0, rows, printed) in gaps {
        if rows != printed {
            continue;
        }
        for k in 0..rows {
            if with_values[i0 + k] {
                assign[j0 + k] = Some(i0 + k);
            }
        }
    }
    assign
}

/// Table 三 → values under /applications.
pub fn map_applications(
    parts: &[&Table],
    template: &Template,
    values: &mut Values,
    issues: &mut Vec<Issue>,
) {
    let observed = observe_applications(parts, template, issues);
    let (split_score, split) = align(&observed, template.applications);
    let (single_score, single) = align(&observed, template.applications_single_other);
    let (rows, assign) = if template.single_other_row || single_score > split_score {
        (template.applications_single_other, single)
    } else {
        (template.applications, split)
    };
    if rows.iter().any(|r| r.pointer == "/other") {
        issues.push(Issue::warning(
            "other_single_row",
            "/applications/other",
            "（六）其他处理 is printed as one row; it has no sub-rows",
        ));
    }
    for (row, hit) in rows.iter().zip(assign) {
        let base = format!("/applications{}", row.pointer);
        match hit.and_then(|i| observed.get(i)) {
            Some(o) => {
                for (key, cell) in &o.cells {
                    read_cell(
                        values,
                        issues,
                        format!("{base}/{key}"),
                        Kind::Count,
                        cell.as_deref().map(|c| (c, o.page)),
                        Unit::Wan,
                    );
                }
            }
            None => {
                if !observed.is_empty() {
                    issues.push(Issue::warning(
                        "row_missing",
                        base.clone(),
                        format!("row {:?} not found in table 三", row.labels[0]),
                    ));
                }
                for col in template.applicant_columns {
                    values.push(format!("{base}/{}", col.key), Kind::Count, None, None);
                }
            }
        }
    }
}

/// Table 四's row of `n` values: the first row after its header rows that is
/// not mostly words, as (part, row). Rows that only continue the cells above
/// them (a tall header cell) and blank strips of a few cells (the gap a
/// page leaves between cell boxes drawn apart) are passed over.
fn review_value_row(parts: &[&Table], n: usize) -> Option<(usize, usize)> {
    let mut header_seen = false;
    for (pi, t) in parts.iter().enumerate() {
        for row in 0..t.rows() {
            let cells = row_cells(t, row);
            let blank = cells.iter().all(|c| c.text.trim().is_empty());
            if cells.is_empty() || (blank && cells.len() < n / 2) {
                continue;
            }
            if mostly_words(&cells) {
                header_seen = true;
            } else if header_seen {
                return Some((pi, row));
            }
        }
    }
    None
}

/// The rest of table 四's row of values when a page break cut it (a number
/// wrapped over two lines in a narrow cell, the break between them): the
/// first row of values of the next part, when the row was its part's last
/// and every cell of the rest lines up under one of the row's cells. Gives,
/// for each of the row's cells, the cell that continues it.
fn review_row_rest<'t>(parts: &[&'t Table], pi: usize, stacks: &[&Stack]) -> Vec<Option<&'t Cell>> {
    let none = vec![None; stacks.len()];
    let t = parts[pi];
    let last = stacks
        .iter()
        .all(|s| s.cell.row + s.cell.rowspan >= t.rows());
    let Some(next) = parts.get(pi + 1).filter(|_| last) else {
        return none;
    };
    let Some(cells) = (0..next.rows())
        .map(|r| row_cells(next, r))
        .find(|cells| !cells.is_empty() && !mostly_words(cells))
    else {
        return none;
    };
    let under = |c: &Cell| {
        stacks
            .iter()
            .position(|s| s.cell.bbox.x0 - 3.0 <= c.bbox.x0 && c.bbox.x1 <= s.cell.bbox.x1 + 3.0)
    };
    let filled: Vec<&Cell> = cells
        .into_iter()
        .filter(|c| !c.text.trim().is_empty())
        .collect();
    if filled
        .iter()
        .any(|c| !looks_numeric(&c.text) || under(c).is_none())
    {
        return none;
    }
    let mut out = none;
    for c in filled {
        if let Some(i) = under(c) {
            out[i] = Some(c);
        }
    }
    out
}

/// Which group of table 四 a header stack names. The longer labels are
/// tried first: "行政复议" can be read out of "未经复议直接起诉"'s neighbourhood.
fn review_group(stack: &str, template: &Template) -> Option<usize> {
    let mut order: Vec<usize> = (0..template.review_groups.len()).collect();
    order.sort_by_key(|&g| {
        std::cmp::Reverse(
            template.review_groups[g]
                .labels
                .iter()
                .map(|l| l.chars().count())
                .max(),
        )
    });
    order.into_iter().find(|&g| {
        template.review_groups[g]
            .labels
            .iter()
            .any(|l| similarity_within(stack, &compact_label(l)) >= GROUP_MATCH)
    })
}

/// A value cell a ruling-line artefact made: blank and much narrower than
/// the row's cells.
fn sliver(cell: &Cell, stacks: &[Stack]) -> bool {
    let mut widths: Vec<f32> = stacks.iter().map(|s| s.cell.bbox.width()).collect();
    widths.sort_by(f32::total_cmp);
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0.0);
    cell.text.trim().is_empty() && cell.bbox.width() < 0.5 * median
}

/// Neighbouring value cells under the very same header cells are one
/// column that a stray rule split: the one that holds something stands for it.
fn one_per_header<'s, 't>(stacks: Vec<&'s Stack<'t>>) -> Vec<&'s Stack<'t>> {
    let mut out: Vec<&Stack> = Vec::new();
    for s in stacks {
        match out.last_mut() {
            Some(last) if last.heads == s.heads && !s.heads.is_empty() => {
                if last.cell.text.trim().is_empty() {
                    *last = s;
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// How table 四's value cells were placed.
enum ReviewSlots {
    /// Every slot (group × outcome) from the headers.
    Headers(Vec<usize>),
    /// The groups from the headers, some outcomes by their order in the group.
    InGroupOrder(Vec<usize>),
}

/// The template slot (group × outcome) of each value cell from the headers
/// over it: every group must name exactly its five cells; an outcome the
/// header does not tell is taken from the cell's place in its group.
fn review_slots_by_header(stacks: &[&Stack], template: &Template) -> Option<ReviewSlots> {
    let outcomes = template.outcome_columns;
    let n_out = outcomes.len();
    let groups: Vec<usize> = stacks
        .iter()
        .map(|s| review_group(&s.text, template))
        .collect::<Option<_>>()?;
    let mut slots = vec![0; stacks.len()];
    let mut guessed = false;
    for g in 0..template.review_groups.len() {
        let members: Vec<usize> = (0..stacks.len()).filter(|&i| groups[i] == g).collect();
        if members.len() != n_out {
            return None;
        }
        let named: Vec<Option<usize>> = members
            .iter()
            .map(|&i| {
                outcomes
                    .iter()
                    .position(|c| ends_with_label(&stacks[i].text, c.labels))
            })
            .collect();
        let mut distinct: Vec<usize> = named.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let all_named = distinct.len() == n_out && named.iter().all(Option::is_some);
        for (k, &i) in members.iter().enumerate() {
            let o = if all_named { named[k].unwrap_or(k) } else { k };
            slots[i] = g * n_out + o;
        }
        guessed |= !all_named;
    }
    Some(if guessed {
        ReviewSlots::InGroupOrder(slots)
    } else {
        ReviewSlots::Headers(slots)
    })
}

/// Table 四 → values under /reviews. Each of the 15 values is placed by the
/// header printed over it; when the headers do not tell but the row holds
/// the template's 15 cells, they are taken in printed order, with an issue.
pub fn map_reviews(
    parts: &[&Table],
    template: &Template,
    values: &mut Values,
    issues: &mut Vec<Issue>,
) {
    let n = template.review_groups.len() * template.outcome_columns.len();
    let pointer = |slot: usize| {
        let (g, o) = (
            slot / template.outcome_columns.len(),
            slot % template.outcome_columns.len(),
        );
        (
            format!(
                "/reviews/{}/{}",
                template.review_groups[g].key, template.outcome_columns[o].key
            ),
            template.outcome_columns[o].kind,
        )
    };
    let placed: Result<Vec<Option<Joined>>, String> = match review_value_row(parts, n) {
        None => Err("no row of values was found under its headers".into()),
        Some((pi, row)) => {
            let all = stacks(parts, pi, row);
            let stacks = one_per_header(all.iter().filter(|s| !sliver(s.cell, &all)).collect());
            let page = parts[pi].page;
            // Each value cell, with the rest of its text when a page break cut the row.
            let rest = review_row_rest(parts, pi, &stacks);
            let cells: Vec<Joined> = stacks
                .iter()
                .zip(rest)
                .map(|(s, r)| {
                    let cell = Cow::Borrowed(s.cell);
                    (
                        r.map_or(cell.clone(), |r| join_cell(cell, Cow::Borrowed(r))),
                        page,
                    )
                })
                .collect();
            let by_order = |what: &str| {
                Issue::warning(
                    "columns_by_order",
                    "/reviews",
                    format!(
                        "page {page}: {what} of table 四 were not all recognised; values taken in printed order"
                    ),
                )
            };
            let mut slots: Vec<Option<Joined>> = vec![None; n];
            match review_slots_by_header(&stacks, template) {
                Some(found) => {
                    let (by, guessed) = match found {
                        ReviewSlots::Headers(by) => (by, false),
                        ReviewSlots::InGroupOrder(by) => {
                            issues.push(by_order("the outcome headers"));
                            (by, true)
                        }
                    };
                    for ((cell, page), slot) in cells.into_iter().zip(by) {
                        slots[slot] = Some((placed(cell, guessed), page));
                    }
                    Ok(slots)
                }
                None if stacks.len() == n => {
                    issues.push(by_order("the headers"));
                    Ok(cells
                        .into_iter()
                        .map(|(cell, page)| Some((placed(cell, true), page)))
                        .collect())
                }
                None => {
                    let heads: Vec<&str> = stacks.iter().map(|s| s.text.as_str()).collect();
                    Err(format!(
                        "its row of values on page {page} has {} cells where the template has {n} (headers read {heads:?})",
                        stacks.len()
                    ))
                }
            }
        }
    };
    match placed {
        Ok(slots) => {
            for (slot, cell) in slots.iter().enumerate() {
                let (p, kind) = pointer(slot);
                let placed = cell.as_ref().map(|(c, page)| (c.as_ref(), *page));
                read_cell(values, issues, p, kind, placed, Unit::Wan);
            }
        }
        Err(why) => {
            if !parts.is_empty() {
                issues.push(Issue::error(
                    "table_not_found",
                    "/reviews",
                    format!("page {}: table 四 was found, but {why}", parts[0].page),
                ));
            }
            for slot in 0..n {
                let (p, kind) = pointer(slot);
                values.push(p, kind, None, None);
            }
        }
    }
}

/// The item number N of a "第二十条第（N）项" cell.
fn item_number(text: &str) -> Option<u8> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    // 第 … 条 before the item: 第二十条 itself is often misread (第三干条).
    let article = t
        .find('第')
        .and_then(|i| t[i..].find('条').map(|j| i + j + '条'.len_utf8()))?;
    let rest = &t[article..];
    // The item's number ends at its closing bracket, or at 项 when that was
    // lost; its opening bracket is read as anything (〈, “, 《).
    let close = rest.find([')', '）', '项'])?;
    let numerals: Vec<char> = rest[..close]
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .collect();
    let number: String = numerals.into_iter().rev().collect();
    let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    digits
        .iter()
        .position(|d| *d == number)
        .map(|p| p as u8 + 1)
        .or_else(|| number.parse().ok())
}

/// The cells that start in row `row`, each once, left to right.
fn cells_left_to_right(t: &Table, row: usize) -> Vec<&Cell> {
    let mut cells: Vec<&Cell> = t.cells.iter().filter(|c| c.row == row).collect();
    cells.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    cells
}

/// The grid column where table 二's values start: where most rows' first
/// number stands.
fn first_value_column(t: &Table) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for r in 0..t.rows() {
        let Some(col) = cells_left_to_right(t, r)
            .iter()
            .find(|c| looks_numeric(&c.text))
            .map(|c| c.col)
        else {
            continue;
        };
        match counts.iter_mut().find(|(c, _)| *c == col) {
            Some((_, n)) => *n += 1,
            None => counts.push((col, 1)),
        }
    }
    counts.into_iter().max_by_key(|&(_, n)| n).map(|(c, _)| c)
}

/// How many cells at the start of a row of table 二 make its label: those
/// left of the value columns that hold words (a blank one is a value). A
/// stroke read as an upright rule parts a label into cells (行政 | 许可), and
/// the second part, taken for a value, pushed the values placed in order
/// one column on.
fn label_width(row: &[&Cell], values_from: Option<usize>) -> usize {
    let Some(from) = values_from else {
        return 1;
    };
    let leading = row
        .iter()
        .take_while(|c| {
            c.col + c.colspan <= from && !c.text.trim().is_empty() && !looks_numeric(&c.text)
        })
        .count();
    leading.max(1).min(row.len())
}

/// A row of table 二 that holds values: its printed label, its value cells
/// and the header row it sits under.
struct SeenRow<'a> {
    label: String,
    item: Option<u8>,
    page: usize,
    cells: Vec<Cow<'a, Cell>>,
    headers: Vec<Header>,
}

/// The template row a printed table 二 label names, if any: the most similar
/// label, the item (第二十条第（N）项) the row sits under breaking ties; and
/// whether it is that item's row by likeness only, under [`LABEL_MATCH`].
fn disclosure_row(label: &str, item: Option<u8>, template: &Template) -> Option<(usize, bool)> {
    let norm = normalize(label);
    // The best so far: score, row, and whether it passed under its item only.
    let mut best: Option<(f32, usize, bool)> = None;
    for (i, d) in template.disclosure.iter().enumerate() {
        let own_item = Some(d.item) == item;
        let labels: Vec<String> = d.labels.iter().map(|l| normalize(l)).collect();
        let exact = labels.iter().any(|l| matches(&norm, l, LABEL_MATCH));
        let loose = own_item && labels.iter().any(|l| matches(&norm, l, ITEM_ROW_MATCH));
        if !exact && !loose {
            continue;
        }
        let likeness = labels
            .iter()
            .map(|l| similarity(&norm, l))
            .fold(0.0, f32::max);
        let score = likeness + if own_item { 0.5 } else { 0.0 };
        // Of equal scores, the later row wins.
        if best.is_none_or(|(b, _, _)| score >= b) {
            best = Some((score, i, !exact));
        }
    }
    best.map(|(_, i, loose)| (i, loose))
}

/// Table 二 → values under /active_disclosure. Rows are found by their
/// labels; when some are not recognised but the table holds exactly the
/// template's rows, in the order the recognised ones confirm, the others are
/// taken by their place, with an issue.
pub fn map_disclosure(
    parts: &[&Table],
    template: &Template,
    values: &mut Values,
    issues: &mut Vec<Issue>,
) {
    let mut seen: Vec<SeenRow> = Vec::new();
    let mut item: Option<u8> = None;
    let mut headers: Vec<Header> = Vec::new();
    let fit = |norm: &str| {
        template
            .disclosure
            .iter()
            .flat_map(|d| d.labels.iter())
            .map(|l| similarity(norm, &normalize(l)))
            .fold(0.0, f32::max)
    };
    // Whether the last row read was a row of values, which a page break may have cut.
    let mut after_values = false;
    for (pi, t) in parts.iter().enumerate() {
        let mut opens_part = pi > 0;
        let values_from = first_value_column(t);
        for r in 0..t.rows() {
            let row = cells_left_to_right(t, r);
            if row.is_empty() {
                continue;
            }
            let continuation = std::mem::take(&mut opens_part) && after_values;
            after_values = false;
            if let Some(n) = row.iter().find_map(|c| item_number(&c.text)) {
                item = Some(n);
                continue;
            }
            let (label_cells, rest) = row.split_at(label_width(&row, values_from));
            let label: String = label_cells.iter().map(|c| c.text.as_str()).collect();
            if normalize(&label) == "信息内容" || names_columns(rest) {
                headers = rest
                    .iter()
                    .map(|c| (c.text.clone(), c.bbox.x0, c.bbox.x1))
                    .collect();
                continue;
            }
            if rest.is_empty() {
                continue;
            }
            after_values = true;
            let cells: Vec<Cow<Cell>> = rest.iter().map(|c| Cow::Borrowed(*c)).collect();
            let has_values = cells.iter().any(|c| looks_numeric(&c.text));
            if continuation && let Some(prev) = seen.last_mut() {
                let prev_norm = normalize(&prev.label);
                let prev_has_values = prev.cells.iter().any(|c| looks_numeric(&c.text));
                let norm = normalize(&label);
                if continues_row(&prev_norm, prev_has_values, &norm, has_values, fit)
                    && cells_can_join(
                        prev.cells.iter().map(|c| Some(&**c)),
                        cells.iter().map(|c| Some(&**c)),
                    )
                {
                    prev.label.push_str(&label);
                    let old = std::mem::take(&mut prev.cells);
                    let mut rest = cells.into_iter();
                    prev.cells = old
                        .into_iter()
                        .map(|a| match rest.next() {
                            Some(b) => join_cell(a, b),
                            None => a,
                        })
                        .collect();
                    continue;
                }
            }
            seen.push(SeenRow {
                label,
                item,
                page: t.page,
                cells,
                headers: headers.clone(),
            });
        }
    }
    let n = template.disclosure.len();
    let mut rows: Vec<Option<usize>> = vec![None; n];
    let mut by_item = vec![false; n];
    for (si, row) in seen.iter().enumerate() {
        if let Some((i, loose)) = disclosure_row(&row.label, row.item, template)
            && rows[i].is_none()
        {
            rows[i] = Some(si);
            by_item[i] = loose;
        }
    }
    let mut by_place = vec![false; n];
    if seen.len() == n
        && rows
            .iter()
            .enumerate()
            .all(|(i, r)| r.is_none_or(|si| si == i))
    {
        for (i, r) in rows.iter_mut().enumerate() {
            if r.is_none() {
                *r = Some(i);
                by_place[i] = true;
            }
        }
    }
    let found: Vec<Option<&SeenRow>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let row = &seen[(*r)?];
            let def = &template.disclosure[i];
            let taken = |code: &str, why: String| {
                Issue::warning(code, format!("/active_disclosure/{}", def.key), why)
            };
            if by_item[i] {
                issues.push(taken(
                    "row_by_item",
                    format!(
                        "row label {:?} is not the template's; taken as {}, the row of its item (第二十条 item {}) it is most like",
                        row.label, def.labels[0], def.item
                    ),
                ));
            }
            if by_place[i] {
                issues.push(taken(
                    "columns_by_order",
                    format!(
                        "row label {:?} not recognised; taken as {} by its place in table 二",
                        row.label, def.labels[0]
                    ),
                ));
            }
            Some(row)
        })
        .collect();
    for ((def, hit), row_by_place) in template.disclosure.iter().zip(found).zip(by_place) {
        let base = format!("/active_disclosure/{}", def.key);
        let Some(SeenRow {
            cells,
            headers,
            page,
            ..
        }) = hit
        else {
            if !parts.is_empty() {
                issues.push(Issue::warning(
                    "row_missing",
                    base.clone(),
                    format!("row {:?} not found in table 二", def.labels[0]),
                ));
            }
            for col in def.columns {
                values.push(format!("{base}/{}", col.key), col.kind, None, None);
            }
            continue;
        };
        let mut by_order = false;
        // How alike each header is to each column's labels.
        let fit: Vec<Vec<f32>> = headers
            .iter()
            .map(|h| {
                let h = normalize(&h.0);
                def.columns
                    .iter()
                    .map(|col| {
                        col.labels
                            .iter()
                            .map(|l| similarity(&h, &normalize(l)))
                            .fold(0.0, f32::max)
                    })
                    .collect()
            })
            .collect();
        for (ci, col) in def.columns.iter().enumerate() {
            // A header names the column it is most like: 本年新制发件数 is
            // like 本年废止件数 too, and must not take its place when that
            // header was misread.
            let head = headers
                .iter()
                .zip(&fit)
                .filter(|(_, f)| f[ci] >= 0.6 && f.iter().all(|&o| o <= f[ci]))
                .max_by(|a, b| a.1[ci].total_cmp(&b.1[ci]))
                .map(|(h, _)| h);
            let cell = match head {
                Some((_, x0, x1)) => cells
                    .iter()
                    .find(|c| c.bbox.cx() >= *x0 && c.bbox.cx() <= *x1),
                None => {
                    by_order = true;
                    cells.get(ci)
                }
            }
            .map(|c| placed(Cow::Borrowed(c.as_ref()), head.is_none() || row_by_place));
            let cell = cell.as_ref().map(|c| (c.as_ref(), *page));
            let unit = head.map_or(Unit::Wan, |(h, _, _)| amount_unit(h));
            read_cell(
                values,
                issues,
                format!("{base}/{}", col.key),
                col.kind,
                cell,
                unit,
            );
        }
        if by_order {
            issues.push(Issue::warning(
                "columns_by_order",
                base,
                "column headers not recognised; values taken in printed order",
            ));
        }
    }
}

/// The unit an amount's header gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// 万元, or no unit: the template's.
    Wan,
    Yuan,
    /// A unit is printed (in brackets) but reads as neither.
    Unreadable,
}

/// The unit of an amount's header: 元 as [`in_yuan`] finds it, else
/// unreadable when the header ends in brackets holding no 元 (采购总金额（元）
/// read 采购总金额〈7C)), else 万元.
fn amount_unit(header: &str) -> Unit {
    if in_yuan(header) {
        return Unit::Yuan;
    }
    let opening = |c: char| "(（〈<《[【〔{｛「".contains(c);
    let inside: String = header
        .rfind(opening)
        .map(|i| &header[i..])
        .unwrap_or_default()
        .chars()
        .skip(1)
        .filter(|c| !c.is_whitespace() && !")）〉>》]】〕}｝」".contains(*c))
        .collect();
    if !inside.is_empty() && !inside.contains('元') {
        Unit::Unreadable
    } else {
        Unit::Wan
    }
}

/// What OCR reads the bracket or colon before a unit as.
const BEFORE_UNIT: &str = "(（:：〈<《[【〔{｛「";

/// Whether an amount's header gives its unit as 元: the 元 stands after a
/// bracket or a colon (（元）, 单位：元, （元） read 《元)), or right after 金额
/// when OCR lost the bracket. 万 read as 力 or 方 in a scan leaves 万元
/// looking like another word before 元, which is no unit of its own.
fn in_yuan(header: &str) -> bool {
    let chars: Vec<char> = header.chars().filter(|c| !c.is_whitespace()).collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '元' && (i == 0 || BEFORE_UNIT.contains(chars[i - 1]) || chars[i - 1] == '额')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::BBox;

    #[test]
    fn a_unit_in_brackets_that_reads_as_neither_is_unreadable() {
        assert_eq!(amount_unit("采购总金额（元）"), Unit::Yuan);
        assert_eq!(amount_unit("采购总金额（万元）"), Unit::Wan);
        assert_eq!(amount_unit("采购总金额"), Unit::Wan);
        assert_eq!(amount_unit("玉购总金桥〈7C)"), Unit::Unreadable);
        assert_eq!(amount_unit("采购总金额（）"), Unit::Wan);
    }

    #[test]
    fn an_amount_is_in_yuan_only_where_the_header_gives_yuan_as_its_unit() {
        assert!(in_yuan("采购总金额（元）"));
        assert!(in_yuan("米购总金骆《元)"));
        assert!(in_yuan("采购总金额元)"));
        assert!(in_yuan("金额（单位：元）"));
        assert!(!in_yuan("采购总金额（万元）"));
        // 万 read as 力 in a scan.
        assert!(!in_yuan("米购总金黎〈力元)"));
        assert!(!in_yuan("采购总金额"));
    }

    #[test]
    fn a_label_read_with_a_slip_is_its_items_row_only_under_that_item() {
        // The 2019 template's table 二 has 政府集中采购 under item 九.
        let template = Template::for_format(crate::template::Format::F2019);
        let row = |label: &str, item: Option<u8>| {
            disclosure_row(label, item, template)
                .map(|(i, loose)| (template.disclosure[i].key, loose))
        };
        // 集 read as 全: 0.83 alike, too little for a label anywhere.
        assert_eq!(row("政府全中采购", Some(9)), Some(("procurement", true)));
        assert_eq!(row("政府全中采购", None), None);
        assert_eq!(row("政府全中采购", Some(1)), None);
        assert_eq!(row("政府集中采购", None), Some(("procurement", false)));
    }

    #[test]
    fn item_numbers_in_both_bracket_widths() {
        assert_eq!(item_number("第二十条第（一）项"), Some(1));
        assert_eq!(item_number("第二十条 第(八)项"), Some(8));
        assert_eq!(item_number("第二十条第（九）项[1]"), Some(9));
        assert_eq!(item_number("信息内容"), None);
    }

    #[test]
    fn a_label_parted_into_cells_is_one_label_and_a_blank_value_is_no_part_of_it() {
        let t = grid(
            1,
            &[
                &["行政", "许可", "3", "5365", "0"],
                &["其他对外管理服务事项", "", "0", "0", "0"],
                &["行政处罚", "", "", "无", "无"],
            ],
        );
        let from = first_value_column(&t);
        assert_eq!(from, Some(2));
        let width = |r: usize| label_width(&cells_left_to_right(&t, r), from);
        assert_eq!(width(0), 2);
        assert_eq!(width(1), 1);
        assert_eq!(width(2), 1);
    }

    #[test]
    fn item_numbers_read_with_slips() {
        assert_eq!(item_number("第二十条第〈一)1"), Some(1));
        assert_eq!(item_number("第三干条第“五)项"), Some(5));
        assert_eq!(item_number("第二十条第〈(八)了"), Some(8));
        assert_eq!(item_number("第二十条第（六项"), Some(6));
        assert_eq!(item_number("（五）行政许可"), None);
        assert_eq!(item_number("第二十条"), None);
    }

    #[test]
    fn the_rest_of_a_note_cut_by_a_page_break_finishes_its_label() {
        let cut = "（二）部分公开（区分处理的，只计这一情形，不计";
        assert!(finishes_note(cut, "其他情形）"));
        assert!(finishes_note(cut, "其他情形)"));
        assert!(!finishes_note(cut, "（三）不予公开"));
        assert!(!finishes_note("（一）予以公开", "其他情形）"));
    }

    #[test]
    fn a_zero_never_goes_on_across_a_page_break() {
        // The last row of one page and a row of values under a lost label
        // on the next: joined, 2 over 0 became 20.
        let t = grid(2, &[&["0", "2", "2"], &["0", "0", "0"], &["", "16", ""]]);
        let row = |r: usize| -> Vec<Option<&Cell>> { (0..3).map(|c| t.cell(r, c)).collect() };
        assert!(!cells_can_join(row(0).into_iter(), row(1).into_iter()));
        assert!(cells_can_join(row(0).into_iter(), row(2).into_iter()));
        let w = grid(2, &[&["11", "—"], &["3", ""]]);
        let row = |r: usize| -> Vec<Option<&Cell>> { (0..2).map(|c| w.cell(r, c)).collect() };
        assert!(cells_can_join(row(0).into_iter(), row(1).into_iter()));
    }

    /// A table of equal 20 × 10 pt cells holding the given texts.
    fn grid(page: usize, rows: &[&[&str]]) -> Table {
        let cols = rows[0].len();
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (x, y) = (20.0 * c as f32, 10.0 * r as f32);
                cells.push(Cell {
                    row: r,
                    col: c,
                    rowspan: 1,
                    colspan: 1,
                    bbox: BBox::new(x, y, x + 20.0, y + 10.0),
                    text: text.to_string(),
                    confidence: 1.0,
                    spills: false,
                });
            }
        }
        Table {
            page,
            bbox: BBox::new(0.0, 0.0, 20.0 * cols as f32, 10.0 * rows.len() as f32),
            xs: (0..=cols).map(|c| 20.0 * c as f32).collect(),
            ys: (0..=rows.len()).map(|r| 10.0 * r as f32).collect(),
            owner: (0..cells.len()).collect(),
            cells,
        }
    }

    /// [`grid`] over rows of owned strings.
    fn owned_grid(page: usize, rows: &[Vec<String>]) -> Table {
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        grid(page, &slices)
    }

    #[test]
    fn a_header_tail_with_one_misread_dash_is_still_a_header() {
        let head = grid(
            3,
            &[&["行政复议", "", "行政诉讼"], &["结果", "结果", "结果"]],
        );
        let next = grid(4, &[&["维持", "纠正", "-"], &["5", "1", "0"]]);
        let parts = [&head, &next];
        assert_eq!(review_value_row(&parts, 3), Some((1, 1)));
        let texts: Vec<String> = stacks(&parts, 1, 1).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, ["行政复议结果维持", "结果纠正", "行政诉讼结果"]);
    }

    #[test]
    fn table_4_headers_of_every_structure_place_all_15_values() {
        let outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
        let values: Vec<String> = (1..=15).map(|v| v.to_string()).collect();
        let row = |texts: Vec<String>| texts;
        let groups_flat: Vec<String> = [
            "行政复议",
            "行政诉讼（未经复议直接起\n诉）",
            "行政诉讼（复议后起诉）",
        ]
        .iter()
        .flat_map(|g| std::iter::repeat_n(g.to_string(), 5))
        .collect();
        let outs: Vec<String> = outcomes
            .iter()
            .cycle()
            .take(15)
            .map(|s| s.to_string())
            .collect();
        let mut top: Vec<String> = std::iter::repeat_n("行政复议".to_string(), 5).collect();
        top.extend(std::iter::repeat_n("行政诉讼".to_string(), 10));
        let mut mid: Vec<String> = std::iter::repeat_n(String::new(), 5).collect();
        mid.extend(std::iter::repeat_n("未经复议直接起诉".to_string(), 5));
        mid.extend(std::iter::repeat_n("复议后起诉".to_string(), 5));
        for header in [
            vec![row(groups_flat.clone()), outs.clone()],
            vec![top, mid, outs],
        ] {
            let mut rows: Vec<Vec<String>> = header;
            rows.push(values.clone());
            let t = owned_grid(5, &rows);
            let (mut v, mut issues) = (Values::default(), Vec::new());
            map_reviews(&[&t], &TEMPLATE_2021, &mut v, &mut issues);
            assert!(issues.is_empty(), "{issues:?}");
            assert_eq!(v.get("/reviews/review/upheld"), Some(1.0));
            assert_eq!(v.get("/reviews/litigation_direct/upheld"), Some(6.0));
            assert_eq!(v.get("/reviews/litigation_after_review/total"), Some(15.0));
        }
    }

    #[test]
    fn table_2_rows_of_unknown_labels_are_taken_by_their_place() {
        let t = grid(
            2,
            &[
                &["第二十条第（一）项", "", "", ""],
                &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                &["规章", "1", "2", "3"],
                &["行政规范性文件", "4", "5", "6"],
                &["第二十条第（五）项", "", "", ""],
                &["信息内容", "本年处理决定数量", "", ""],
                &["许可类事项", "7", "", ""],
                &["第二十条第（六）项", "", "", ""],
                &["信息内容", "本年处理决定数量", "", ""],
                &["行政处罚", "8", "", ""],
                &["行政强制", "9", "", ""],
                &["第二十条第（八）项", "", "", ""],
                &["信息内容", "本年收费金额（单位：万元）", "", ""],
                &["行政事业性收费", "10.5", "", ""],
            ],
        );
        let (mut v, mut issues) = (Values::default(), Vec::new());
        map_disclosure(&[&t], &TEMPLATE_2021, &mut v, &mut issues);
        assert_eq!(v.get("/active_disclosure/licensing/decisions"), Some(7.0));
        assert_eq!(v.get("/active_disclosure/fees/amount"), Some(10.5));
        let codes: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.code.as_str(), i.pointer.as_str()))
            .collect();
        assert_eq!(
            codes,
            [("columns_by_order", "/active_disclosure/licensing")]
        );
    }

    #[test]
    fn a_misread_header_row_of_table_2_is_no_row_of_values() {
        // 信息内容 read 信息内; in a scan: its row of words, counted as a row
        // of values, left 7 rows for the template's 6 and none was placed.
        let t = grid(
            2,
            &[
                &["第二十条第（一）项", "", "", ""],
                &["信息内;", "不年新制发件殖", "本年废止件数", "现行有效件数"],
                &["规草", "1", "2", "3"],
                &["规范性文件", "4", "5", "6"],
                &["第二十条第（五）项", "", "", ""],
                &["信息内容", "本年处理决定数量", "", ""],
                &["行政许可", "7", "", ""],
                &["第二十条第（六）项", "", "", ""],
                &["信和轧内容", "本年处理决定数量", "", ""],
                &["行收处珂", "8", "", ""],
                &["行政室番", "9", "", ""],
                &["第二十条第（八）项", "", "", ""],
                &["信息内容", "本年收费金额（单位：万元）", "", ""],
                &["行政事业性收费", "10.5", "", ""],
            ],
        );
        let (mut v, mut issues) = (Values::default(), Vec::new());
        map_disclosure(&[&t], &TEMPLATE_2021, &mut v, &mut issues);
        assert_eq!(v.get("/active_disclosure/regulations/repealed"), Some(2.0));
        assert_eq!(v.get("/active_disclosure/penalty/decisions"), Some(8.0));
        assert_eq!(v.get("/active_disclosure/coercion/decisions"), Some(9.0));
        assert!(
            !issues.iter().any(|i| i.code == "row_missing"),
            "{issues:?}"
        );
    }

    #[test]
    fn a_table_3_grid_that_cannot_hold_the_template_is_reported_not_guessed() {
        let t = grid(
            3,
            &[&["申请人情况", "自然人", "合计"], &["本年新收", "1", "1"]],
        );
        let (mut v, mut issues) = (Values::default(), Vec::new());
        map_applications(&[&t], &TEMPLATE_2021, &mut v, &mut issues);
        assert_eq!(issues[0].code, "table_not_found");
        assert!(
            issues[0].message.contains("3 columns"),
            "{}",
            issues[0].message
        );
        assert_eq!(v.get("/applications/new/natural_person"), None);
        assert!(v.has("/applications/new/natural_person"));
    }

    #[test]
    fn rows_of_misread_labels_are_placed_only_where_the_count_fits() {
        // Template rows 0..5; rows 0, 2 and 5 matched by label.
        let strong = [Some(0), None, Some(2), None, None, Some(6)];
        // Between 0 and 2 one row was printed for one template row: placed.
        // Between 2 and 6 three rows were printed for two: left unread.
        let placed = anchored(&strong, &[true; 7]);
        assert_eq!(placed, vec![Some(0), Some(1), Some(2), None, None, Some(6)]);
        // A printed row without values is never placed by position.
        let mut with_values = [true; 7];
        with_values[1] = false;
        assert_eq!(anchored(&strong, &with_values)[1], None);
        // No label matched, but exactly the template's rows printed: by position.
        assert_eq!(
            anchored(&[None, None], &[true, true]),
            vec![Some(0), Some(1)]
        );
    }

    #[test]
    fn columns_whose_headers_read_alike_stay_apart() {
        // Outcome headers cut by a page break read "结果" over two columns.
        let t = grid(
            4,
            &[&["行政复议", "行政复议"], &["结果", "结果"], &["1", "2"]],
        );
        let all = stacks(&[&t], 0, 2);
        let kept = one_per_header(all.iter().collect());
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn table_4_of_15_values_under_unknown_headers_is_read_in_order() {
        let mut rows: Vec<Vec<String>> = vec![(0..15).map(|i| format!("甲乙{i}")).collect()];
        rows.push((1..=15).map(|v| v.to_string()).collect());
        let t = owned_grid(5, &rows);
        let (mut v, mut issues) = (Values::default(), Vec::new());
        map_reviews(&[&t], &TEMPLATE_2021, &mut v, &mut issues);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, "columns_by_order");
        assert_eq!(v.get("/reviews/litigation_direct/other"), Some(8.0));
    }
}

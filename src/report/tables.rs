//! Tables → template values: find which table is which, map columns by their
//! header labels and rows by aligning printed labels to the template's row
//! sequence. Every fallback leaves an issue.

use super::number::{Parsed, looks_numeric, parse};
use super::values::{Issue, Prov, Values};
use crate::layout::{Cell, Document, Table};
use crate::template::label::{matches, normalize, similarity};
use crate::template::{
    ApplicationRow, Column, Format, Kind, TEMPLATE_2019, TEMPLATE_2021, Template,
};

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
    yuan_header: bool,
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
            if yuan_header && kind == Kind::Amount && !converted {
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

/// A cell and the page it is on.
type Placed<'a> = (&'a Cell, usize);
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

/// Maps columns to header cells above the first data row.
fn header_columns(t: &Table, columns: &[Column]) -> ColumnMap {
    let top = first_data_row(t);
    let mut out = ColumnMap::new();
    for col in columns {
        let labels: Vec<String> = col.labels.iter().map(|l| normalize(l)).collect();
        let hit = t
            .cells
            .iter()
            .filter(|c| c.row < top)
            .filter(|c| {
                let n = normalize(&c.text);
                // Short labels ("其他", "总计") must match exactly.
                labels.iter().any(|l| {
                    if l.chars().count() <= 2 {
                        n == *l
                    } else {
                        matches(&n, l, LABEL_MATCH)
                    }
                })
            })
            .max_by(|a, b| a.row.cmp(&b.row));
        if let Some(c) = hit {
            out.push((col.key, c.bbox.x0, c.bbox.x1));
        }
    }
    out
}

/// The grid column whose span holds x.
/// Finds the row of values under a header ending at `row` of part `pi`:
/// rows holding mostly words are the rest of a header cut by a page break and
/// are returned as well, so their text can complete the header cells.
fn value_row<'t>(
    parts: &[&'t Table],
    pi: usize,
    row: usize,
) -> Option<(&'t Table, usize, Vec<&'t Cell>)> {
    let mut tail = Vec::new();
    let (mut pi, mut row) = (pi, row);
    loop {
        let t = *parts.get(pi)?;
        if row >= t.rows() {
            pi += 1;
            row = 0;
            continue;
        }
        let cells = row_cells(t, row);
        if !mostly_words(&cells) {
            return Some((t, row, tail));
        }
        tail.extend(cells);
        row += 1;
    }
}

/// Whether a row's filled cells are mostly words, by majority: OCR can read
/// a stacked header character as "-", or a value as a character.
fn mostly_words(cells: &[&Cell]) -> bool {
    let filled = cells.iter().filter(|c| !c.text.trim().is_empty());
    let numeric = filled.clone().filter(|c| looks_numeric(&c.text)).count();
    filled.count() - numeric > numeric
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

/// The last `n` grid columns, in order, when no header tells.
fn columns_by_order(t: &Table, columns: &[Column]) -> Option<ColumnMap> {
    let n = columns.len();
    if t.cols() < n {
        return None;
    }
    let start = t.cols() - n;
    Some(
        columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key, t.xs[start + i], t.xs[start + i + 1]))
            .collect(),
    )
}

/// One printed row of table 三, before alignment.
#[derive(Debug, Clone)]
struct Observed<'a> {
    label: String,
    norm: String,
    cells: Vec<(&'static str, Option<&'a Cell>)>,
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
    let mut prev_map: Option<ColumnMap> = None;
    for (pi, t) in parts.iter().enumerate() {
        let header = header_columns(t, template.applicant_columns);
        let map = if header.len() == template.applicant_columns.len() {
            header
        } else if let Some(m) = prev_map.as_ref().and_then(|p| carry_columns(p, t)) {
            m
        } else if let Some(m) = columns_by_order(t, template.applicant_columns) {
            issues.push(Issue::warning(
                "columns_by_order",
                "/applications",
                format!("page {}: table 三 column headers not recognised; columns taken in printed order", t.page),
            ));
            m
        } else {
            continue;
        };
        let first_value_col = map
            .iter()
            .filter_map(|&(_, x0, x1)| col_at(t, (x0 + x1) / 2.0))
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
            let cells: Vec<(&'static str, Option<&Cell>)> = map
                .iter()
                .map(|&(k, x0, x1)| (k, cell_in_row(t, r, x0, x1).filter(|c| c.row == r)))
                .collect();
            let has_values = cells
                .iter()
                .any(|(_, c)| c.is_some_and(|c| !c.text.trim().is_empty()));
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
        prev_map = Some(map);
    }
    join_split_rows(observed, template)
}

/// A row cut in two by a page break ("7.属于行政执法案" / "卷"): the two
/// pieces become one row when the joined label fits the template better.
fn join_split_rows<'a>(rows: Vec<Observed<'a>>, template: &Template) -> Vec<Observed<'a>> {
    let mut out: Vec<Observed<'a>> = Vec::new();
    for row in rows {
        if row.first_of_part
            && let Some(prev) = out.last_mut()
            && prev.has_values != row.has_values
        {
            let joined = format!("{}{}", prev.norm, row.norm);
            let all = [template.applications, template.applications_single_other].concat();
            let (a, b, j) = (
                best_row_match(&prev.norm, &all),
                best_row_match(&row.norm, &all),
                best_row_match(&joined, &all),
            );
            if j > a.max(b) {
                prev.label.push_str(&row.label);
                prev.norm = joined;
                if row.has_values {
                    prev.cells = row.cells;
                    prev.page = row.page;
                    prev.has_values = true;
                }
                continue;
            }
        }
        out.push(row);
    }
    out
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
    (best[n][m], assign)
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
                        cell.map(|c| (c, o.page)),
                        false,
                    );
                }
            }
            None => {
                if !parts.is_empty() {
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

/// Table 四 → values under /reviews.
pub fn map_reviews(
    parts: &[&Table],
    template: &Template,
    values: &mut Values,
    issues: &mut Vec<Issue>,
) {
    // Group header x-ranges, then each outcome header inside its group.
    let mut slots: Vec<(String, Kind, Option<Placed>)> = Vec::new();
    let mut found = false;
    for (pi, t) in parts.iter().enumerate() {
        let groups: Vec<(&str, &Cell)> = template
            .review_groups
            .iter()
            .filter_map(|g| {
                let labels: Vec<String> = g.labels.iter().map(|l| normalize(l)).collect();
                let sim = |c: &Cell| {
                    labels
                        .iter()
                        .map(|l| similarity(&normalize(&c.text), l))
                        .fold(0.0, f32::max)
                };
                t.cells
                    .iter()
                    .map(|c| (c, sim(c)))
                    .filter(|(_, s)| *s >= GROUP_MATCH)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(c, _)| (g.key, c))
            })
            .collect();
        if groups.len() != template.review_groups.len() {
            continue;
        }
        let header_bottom = t
            .cells
            .iter()
            .filter(|c| !looks_numeric(&c.text) && !c.text.is_empty())
            .filter(|c| mostly_words(&row_cells(t, c.row)))
            .map(|c| c.row + c.rowspan)
            .max()
            .unwrap_or(0);
        // The value row: the first row under the headers, here or on the next
        // part, past header rows that a page break cut in two.
        let Some((vt, vrow, header_tail)) = value_row(parts, pi, header_bottom) else {
            continue;
        };
        let mut by_order = false;
        for (gkey, gcell) in &groups {
            let outcome_cells: Vec<&Cell> = t
                .cells
                .iter()
                .filter(|c| {
                    c.bbox.cx() >= gcell.bbox.x0
                        && c.bbox.cx() <= gcell.bbox.x1
                        && c.row > gcell.row
                        && c.row < header_bottom
                })
                .collect();
            for (oi, col) in template.outcome_columns.iter().enumerate() {
                let labels: Vec<String> = col.labels.iter().map(|l| normalize(l)).collect();
                let head = outcome_cells.iter().find(|c| {
                    let mut text = c.text.clone();
                    for tail in header_tail
                        .iter()
                        .filter(|t| t.bbox.cx() >= c.bbox.x0 && t.bbox.cx() <= c.bbox.x1)
                    {
                        text.push_str(&tail.text);
                    }
                    labels.contains(&normalize(&text))
                });
                let x = match head {
                    Some(h) => h.bbox.cx(),
                    None => {
                        by_order = true;
                        let w = gcell.bbox.width() / template.outcome_columns.len() as f32;
                        gcell.bbox.x0 + w * (oi as f32 + 0.5)
                    }
                };
                let cell = col_at(vt, x).and_then(|c| vt.cell(vrow, c));
                slots.push((
                    format!("/reviews/{gkey}/{}", col.key),
                    col.kind,
                    cell.map(|c| (c, vt.page)),
                ));
            }
        }
        if by_order {
            issues.push(Issue::warning(
                "columns_by_order",
                "/reviews",
                format!("page {}: table 四 outcome headers not all recognised; columns taken in printed order", t.page),
            ));
        }
        found = true;
        break;
    }
    if !found {
        if !parts.is_empty() {
            issues.push(Issue::error(
                "table_not_found",
                "/reviews",
                format!(
                    "page {}: table 四 was found but its group headers (行政复议, 行政诉讼) were not recognised",
                    parts[0].page
                ),
            ));
        }
        for g in template.review_groups {
            for col in template.outcome_columns {
                values.push(
                    format!("/reviews/{}/{}", g.key, col.key),
                    col.kind,
                    None,
                    None,
                );
            }
        }
        return;
    }
    for (pointer, kind, cell) in slots {
        read_cell(values, issues, pointer, kind, cell, false);
    }
}

/// The item number N of a "第二十条第（N）项" cell.
fn item_number(text: &str) -> Option<u8> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = &t[t.find("第二十条")? + "第二十条".len()..];
    let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let inner: String = rest
        .chars()
        .skip_while(|c| !matches!(c, '(' | '（'))
        .skip(1)
        .take_while(|c| !matches!(c, ')' | '）'))
        .collect();
    let inner = inner.trim();
    digits
        .iter()
        .position(|d| *d == inner)
        .map(|p| p as u8 + 1)
        .or_else(|| inner.parse().ok())
}

/// Table 二 → values under /active_disclosure.
pub fn map_disclosure(
    parts: &[&Table],
    template: &Template,
    values: &mut Values,
    issues: &mut Vec<Issue>,
) {
    let mut found: Vec<Option<(Vec<Placed>, Vec<Header>)>> = vec![None; template.disclosure.len()];
    let mut item: Option<u8> = None;
    let mut headers: Vec<Header> = Vec::new();
    for t in parts {
        for r in 0..t.rows() {
            let mut row: Vec<&Cell> = t.cells.iter().filter(|c| c.row == r).collect();
            row.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            let Some(first) = row.first() else { continue };
            if let Some(n) = row.iter().find_map(|c| item_number(&c.text)) {
                item = Some(n);
                continue;
            }
            let norm = normalize(&first.text);
            if norm == "信息内容" {
                headers = row[1..]
                    .iter()
                    .map(|c| (c.text.clone(), c.bbox.x0, c.bbox.x1))
                    .collect();
                continue;
            }
            let candidates = template.disclosure.iter().enumerate().filter(|(_, d)| {
                d.labels
                    .iter()
                    .any(|l| matches(&norm, &normalize(l), LABEL_MATCH))
            });
            let pick = candidates
                .max_by(|a, b| {
                    let sa =
                        a.1.labels
                            .iter()
                            .map(|l| similarity(&norm, &normalize(l)))
                            .fold(0.0, f32::max)
                            + if Some(a.1.item) == item { 0.5 } else { 0.0 };
                    let sb =
                        b.1.labels
                            .iter()
                            .map(|l| similarity(&norm, &normalize(l)))
                            .fold(0.0, f32::max)
                            + if Some(b.1.item) == item { 0.5 } else { 0.0 };
                    sa.total_cmp(&sb)
                })
                .map(|(i, _)| i);
            if let Some(i) = pick
                && found[i].is_none()
            {
                found[i] = Some((
                    row[1..].iter().map(|c| (*c, t.page)).collect(),
                    headers.clone(),
                ));
            }
        }
    }
    for (def, hit) in template.disclosure.iter().zip(found) {
        let base = format!("/active_disclosure/{}", def.key);
        let Some((cells, headers)) = hit else {
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
        for (ci, col) in def.columns.iter().enumerate() {
            let labels: Vec<String> = col.labels.iter().map(|l| normalize(l)).collect();
            let head = headers
                .iter()
                .map(|h| {
                    (
                        h,
                        labels
                            .iter()
                            .map(|l| similarity(&normalize(&h.0), l))
                            .fold(0.0, f32::max),
                    )
                })
                .filter(|(_, s)| *s >= 0.6)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(h, _)| h);
            let cell = match head {
                Some((_, x0, x1)) => cells
                    .iter()
                    .find(|(c, _)| c.bbox.cx() >= *x0 && c.bbox.cx() <= *x1)
                    .copied(),
                None => {
                    by_order = true;
                    cells.get(ci).copied()
                }
            };
            let yuan = head.is_some_and(|(h, _, _)| h.contains('元') && !h.contains("万元"));
            read_cell(
                values,
                issues,
                format!("{base}/{}", col.key),
                col.kind,
                cell,
                yuan,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::BBox;

    #[test]
    fn item_numbers_in_both_bracket_widths() {
        assert_eq!(item_number("第二十条第（一）项"), Some(1));
        assert_eq!(item_number("第二十条 第(八)项"), Some(8));
        assert_eq!(item_number("第二十条第（九）项[1]"), Some(9));
        assert_eq!(item_number("信息内容"), None);
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

    #[test]
    fn a_header_tail_with_one_misread_dash_is_still_a_header() {
        let head = grid(
            3,
            &[&["行政复议", "", "行政诉讼"], &["结果", "结果", "结果"]],
        );
        let next = grid(4, &[&["维持", "纠正", "-"], &["5", "1", "0"]]);
        let parts = [&head, &next];
        let (t, row, tail) = value_row(&parts, 0, 2).expect("a value row");
        assert_eq!((t.page, row), (4, 1));
        assert_eq!(tail.len(), 3);
    }
}

//! Layout → the typed report: metadata, prose, the three tables as template
//! values, with provenance and issues.

pub mod number;
pub mod tables;
pub mod text;
pub mod values;

use crate::layout::Document;
use crate::template::{Format, Template};
use serde::Serialize;
use text::{Item, heading_positions, items, paragraphs, parse_date, year_in};
pub use values::{Field, Issue, Prov, Severity, Values};

pub const SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub media: String,
    pub pages: usize,
    pub text_layer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Meta {
    pub title: Option<String>,
    pub organization: Option<String>,
    pub year: Option<u32>,
    pub published: Option<String>,
    pub format: Format,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Sections {
    pub overview: Option<String>,
    pub problems: Option<String>,
    pub other: Option<String>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub source: Source,
    pub meta: Meta,
    pub sections: Sections,
    pub values: Values,
    pub issues: Vec<Issue>,
}

/// What the text outside the tables says about the document.
struct TextFacts {
    title: Option<String>,
    organization: Option<String>,
    year: Option<u32>,
    published: Option<String>,
    sections: Sections,
    headings_found: usize,
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The title: the line naming the 年度报告 near the top of the first page,
/// with the line above it when the title is set over two lines.
/// How every report's title ends.
const TITLE_END: &str = "工作年度报告";

/// Whether a line ends in the title's fixed wording read with one slip.
fn ends_like_title(text: &str) -> bool {
    let n = TITLE_END.chars().count();
    let len = text.chars().count();
    len >= n && {
        let tail: String = text.chars().skip(len - n).collect();
        tail.chars()
            .zip(TITLE_END.chars())
            .filter(|(a, b)| a != b)
            .count()
            <= 1
    }
}

fn find_title(items: &[Item], first_heading: Option<usize>) -> Option<String> {
    let limit = first_heading.unwrap_or(items.len().min(12));
    let all: Vec<&crate::layout::Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line { line, .. } => Some(*line),
            Item::Table { .. } => None,
        })
        .collect();
    let before_headings = items[..limit]
        .iter()
        .filter(|i| matches!(i, Item::Line { .. }))
        .count();
    let lines = &all[..before_headings];
    let at = lines
        .iter()
        // The preamble also names the 年度报告格式: a title is short, without a full stop.
        .position(|l| {
            let t = compact(&l.text);
            (t.contains("年度报告") || ends_like_title(&t))
                && t.chars().count() <= 45
                && !t.contains('。')
        })?;
    let mut title = compact(&lines[at].text);
    if !title.contains("年度报告") && ends_like_title(&title) {
        // The fixed wording of every title, with an OCR slip in it.
        let keep = title.chars().count() - TITLE_END.chars().count();
        title = title.chars().take(keep).collect::<String>() + TITLE_END;
    }
    if at > 0 {
        let above = lines[at - 1];
        let close = lines[at].bbox.y0 - above.bbox.y1 < 2.0 * lines[at].size;
        // Printed in the title's size, or (OCR sizes vary by line) clearly
        // larger than the body text that follows.
        // The body runs on past the first heading.
        let mut body: Vec<f32> = all[at + 1..].iter().take(20).map(|l| l.size).collect();
        body.sort_by(f32::total_cmp);
        let body = body.get(body.len() / 2).copied().unwrap_or(f32::INFINITY);
        let big = above.size >= 0.9 * lines[at].size || above.size >= 1.25 * body;
        if close && big && !compact(&above.text).ends_with('。') {
            title = compact(&above.text) + &title;
        }
    }
    Some(title)
}

fn text_facts(doc: &Document, issues: &mut Vec<Issue>) -> TextFacts {
    let items = items(doc);
    let pos = heading_positions(&items);
    let first_heading = pos.iter().flatten().min().copied();
    let title = find_title(&items, first_heading);
    let year = title.as_deref().and_then(year_in).map(|(y, _)| y);

    // The end matter: after the last heading, the date line and the
    // signature line(s) above it.
    let tail_start = pos[5].map_or(items.len(), |p| p + 1);
    let mut tail_end = items.len();
    let mut published = None;
    let mut signature = None;
    let last_lines: Vec<(usize, &crate::layout::Line, f32)> = items[tail_start.min(items.len())..]
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i {
            Item::Line {
                line, page_width, ..
            } => Some((tail_start + k, *line, *page_width)),
            Item::Table { .. } => None,
        })
        .collect();
    if let Some(&(k, line, _)) = last_lines
        .iter()
        .rev()
        .take(3)
        .find(|(_, l, _)| parse_date(&l.text).is_some())
    {
        if let Some((y, m, d)) = parse_date(&line.text) {
            published = Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        tail_end = k;
    }
    if let Some(&(k, line, width)) = last_lines.iter().rev().find(|(k, _, _)| *k < tail_end) {
        let t = compact(&line.text);
        let right_side = line.bbox.x0 > width * 0.4;
        if right_side && t.chars().count() <= 30 && !t.ends_with(['。', '；', '：']) {
            signature = Some(t);
            tail_end = k;
        }
    }

    let section = |h: usize, end: Option<usize>| -> Option<String> {
        let start = pos[h]? + 1;
        let end = end.unwrap_or(items.len()).max(start);
        let text = paragraphs(&items[start..end]);
        (!text.is_empty()).then_some(text)
    };
    let next_after = |h: usize| pos[h + 1..].iter().flatten().min().copied();
    let sections = Sections {
        overview: section(0, next_after(0)),
        problems: section(4, next_after(4)),
        other: section(5, Some(tail_end)),
    };
    for (h, key) in [(0, "overview"), (4, "problems"), (5, "other")] {
        if pos[h].is_none() {
            issues.push(Issue::warning(
                "section_missing",
                format!("/sections/{key}"),
                format!("heading {:?} not found", text::HEADINGS[h]),
            ));
        }
    }

    let prefix = title.as_deref().and_then(|t| {
        let (_, at) = year_in(t)?;
        let p = t[..at].trim_end_matches(['关', '于']).to_string();
        (!p.is_empty()).then_some(p)
    });
    let organization = prefix.or(signature);
    TextFacts {
        title,
        organization,
        year,
        published,
        sections,
        headings_found: pos.iter().flatten().count(),
    }
}

/// Builds the report from the layout. `source` describes the input.
pub fn build(doc: &Document, source: Source) -> Result<Report, String> {
    let mut issues = Vec::new();
    let facts = text_facts(doc, &mut issues);
    let located = tables::locate(doc);
    let tables_found = [
        !located.disclosure.is_empty(),
        !located.applications.is_empty(),
        !located.reviews.is_empty(),
    ];
    let says_report = facts
        .title
        .as_deref()
        .is_some_and(|t| t.contains("政府信息公开"));
    if !tables_found.iter().any(|&f| f) && facts.headings_found < 3 && !says_report {
        return Err("none of the report's tables, section headings or title were found".into());
    }
    let format = match tables::detect_format(&located.disclosure) {
        Some(f) => f,
        None => {
            let f = if facts.year.is_some_and(|y| y <= 2020) {
                Format::F2019
            } else {
                Format::F2021
            };
            issues.push(Issue::warning(
                "format_guessed",
                "/report/format",
                format!(
                    "table 二 does not tell the format; {} assumed from the year",
                    f.as_str()
                ),
            ));
            f
        }
    };
    let template = Template::for_format(format);
    let mut values = Values::default();
    for (found, name, pointer) in [
        (tables_found[0], "二", "/active_disclosure"),
        (tables_found[1], "三", "/applications"),
        (tables_found[2], "四", "/reviews"),
    ] {
        if !found {
            issues.push(Issue::error(
                "table_not_found",
                pointer,
                format!("table {name} was not found"),
            ));
        }
    }
    tables::map_disclosure(&located.disclosure, template, &mut values, &mut issues);
    tables::map_applications(&located.applications, template, &mut values, &mut issues);
    tables::map_reviews(&located.reviews, template, &mut values, &mut issues);
    for (v, key) in [
        (&facts.title, "title"),
        (&facts.organization, "organization"),
    ] {
        if v.is_none() {
            issues.push(Issue::warning(
                "metadata_missing",
                format!("/report/{key}"),
                format!("{key} not found"),
            ));
        }
    }
    if facts.year.is_none() {
        issues.push(Issue::warning(
            "metadata_missing",
            "/report/year",
            "year not found in the title",
        ));
    }
    Ok(Report {
        source,
        meta: Meta {
            title: facts.title,
            organization: facts.organization,
            year: facts.year,
            published: facts.published,
            format,
        },
        sections: facts.sections,
        values,
        issues,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_end_with_one_ocr_slip_is_still_a_title() {
        assert!(ends_like_title("工作年度报千"));
        assert!(ends_like_title("政府信息公开工作年度报告"));
        assert!(!ends_like_title("工作年度总结"));
        assert!(!ends_like_title("报告"));
    }
}

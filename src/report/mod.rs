//! Layout → the typed report: metadata, prose, the three tables as template
//! values, with provenance and issues.

pub mod number;
pub mod tables;
pub mod text;
pub mod values;

use crate::gazetteer;
use crate::layout::Document;
use crate::ocr::UNSURE_DATE;
use crate::template::label::slips;
use crate::template::{Format, Template};
use serde::Serialize;
use std::ops::Range;
use text::{
    Item, date_shaped, heading_positions, items, labelled_date, paragraphs, parse_date, year_in,
};
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

/// The left and right edges of the text lines of a page, or of the whole
/// document when the page holds too few lines to tell.
fn text_edges(items: &[Item], page: usize) -> (f32, f32) {
    let boxes = |only: Option<usize>| {
        items.iter().filter_map(move |it| match it {
            Item::Line { line, page: p, .. } if only.is_none_or(|o| o == *p) => Some(line.bbox),
            _ => None,
        })
    };
    let scope = (boxes(Some(page)).count() >= 4).then_some(page);
    boxes(scope).fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), b| {
        (l.min(b.x0), r.max(b.x1))
    })
}

/// Print this many times the body text's size is a title's.
const LARGE_TITLE: f32 = 1.5;

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

/// A line of the title block and where it is among the items.
type TitleLine<'a> = (usize, &'a crate::layout::Line);

/// Whether a line can be part of a title: no sentence end, no quoted work
/// (the preamble names the 年度报告格式 and the report itself in 《》).
fn title_like(text: &str) -> bool {
    !text.contains(['。', '《', '》', '〈', '〉', '；']) && text.chars().count() <= 45
}

/// Whether `next` continues the block of `prev`: close below it, in a size
/// near its own, or both clearly larger than the body text, or set at the
/// same pitch (OCR measures sizes from glyph heights, which vary from line
/// to line: the five characters of a title wrapped inside 工作 measured
/// 21.8 pt under a line of 15.1).
fn continues(prev: &crate::layout::Line, next: &crate::layout::Line, body: f32) -> bool {
    let size = prev.size.max(next.size).max(1.0);
    let near = |a: f32, b: f32| (0.75..=1.33).contains(&(b / a.max(0.1)));
    let both_big = prev.size.min(next.size) >= 1.2 * body;
    next.bbox.y0 - prev.bbox.y1 < 1.5 * size
        && (near(prev.size, next.size) || both_big || near(pitch(prev), pitch(next)))
}

/// The advance of a line's print: its width over its characters, a Latin
/// one counting half a Chinese one.
fn pitch(line: &crate::layout::Line) -> f32 {
    let ems: f32 = line
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if crate::layout::is_cjk(c) { 1.0 } else { 0.5 })
        .sum();
    line.bbox.width() / ems.max(1.0)
}

/// The size of the body text: the median size of the document's lines.
fn body_size(items: &[Item]) -> f32 {
    let mut sizes: Vec<f32> = items
        .iter()
        .filter_map(|it| match it {
            Item::Line { line, .. } => Some(line.size),
            Item::Table { .. } => None,
        })
        .take(300)
        .collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(f32::INFINITY)
}

/// The title and the index of its last line: the block of consecutive lines
/// near the top that reads "…工作年度报告" (with one OCR slip at most), however
/// it is wrapped, in the largest size that says so; with the line or two
/// above it that name the issuing body, when they are printed in its size.
fn find_title<'a>(items: &[Item<'a>], first_heading: Option<usize>) -> Option<(String, usize)> {
    let limit = first_heading.unwrap_or(items.len().min(15));
    let lines: Vec<TitleLine> = items[..limit]
        .iter()
        .enumerate()
        .filter_map(|(i, it)| match it {
            Item::Line { line, .. } => Some((i, *line)),
            Item::Table { .. } => None,
        })
        .collect();
    let body = body_size(items);
    // Windows of one to four lines whose text ends the title's fixed wording.
    let mut found: Vec<(usize, usize, f32)> = Vec::new();
    for start in 0..lines.len() {
        let mut text = String::new();
        // Where the title ends: at the line that ends its wording, or else
        // where the wording lacks one character only (its 告 wrapped onto a
        // line of its own and lost there).
        let mut title_end = None;
        for end in start..lines.len().min(start + 4) {
            let line = lines[end].1;
            if end > start && !continues(lines[end - 1].1, line, body) {
                break;
            }
            let t = compact(&line.text);
            if !title_like(&t) {
                break;
            }
            text.push_str(&t);
            let slip = wording_slip(&text);
            // A window that stops short of the 报告 on the next line is no title.
            let slipped = slip.is_some() && text.ends_with("报告");
            if text.ends_with("年度报告") || ends_like_title(&text) || slipped {
                title_end = Some(end);
                break;
            }
            // Large print is a title's: its wording may have one more slip
            // (府信息人公开工作年度报, a 人 read in and the 告 lost).
            let large = lines[start..=end]
                .iter()
                .all(|l| l.1.size >= LARGE_TITLE * body);
            let most = if large { 2 } else { 1 };
            if title_end.is_none()
                && (slip.is_some_and(|(slips, _)| slips <= most) || wording_cut(&text).is_some())
            {
                title_end = Some(end);
            }
        }
        if let Some(end) = title_end {
            let sizes: f32 = lines[start..=end].iter().map(|l| l.1.size).sum();
            found.push((start, end, sizes / (end - start + 1) as f32));
        }
    }
    let largest = found.iter().map(|f| f.2).fold(0.0, f32::max);
    let &(_, end, size) = found.iter().find(|f| f.2 >= 0.95 * largest)?;
    // The longest window that ends there: OCR may size its lines apart.
    let mut start = found.iter().filter(|f| f.1 == end).map(|f| f.0).min()?;
    // The issuing body set on its own line(s) above, in the title's size.
    while start > 0 && found.iter().all(|f| f.1 != start - 1) {
        let (above, below) = (lines[start - 1].1, lines[start].1);
        let t = compact(&above.text);
        let big = above.size >= 0.85 * size || above.size >= 1.25 * body;
        let close = below.bbox.y0 - above.bbox.y1 < 1.5 * size.max(1.0);
        if !(big && close && title_like(&t)) || end - start >= 4 {
            break;
        }
        start -= 1;
    }
    let mut title: String = lines[start..=end]
        .iter()
        .map(|l| compact(&l.1.text))
        .collect();
    if !title.contains("年度报告") && ends_like_title(&title) {
        // The fixed wording of every title, with an OCR slip in it.
        let keep = title.chars().count() - TITLE_END.chars().count();
        title = title.chars().take(keep).collect::<String>() + TITLE_END;
    }
    Some((title, lines[end].0))
}

/// Where a title names the issuing body: before the year ("XX局2023年…"),
/// or, in a title that starts with the year, between 年 and 政府信息公开
/// ("2020年上海市政府信息公开工作年度报告").
fn organization_span(title: &str) -> Option<Range<usize>> {
    let (_, at) = year_in(title)?;
    let before = title[..at].trim_end_matches(['关', '于']);
    if !before.is_empty() {
        return Some(0..before.len());
    }
    let start = at + title[at..].find('年')? + '年'.len_utf8();
    let end = start + title[start..].find("政府信息公开")?;
    (end > start).then_some(start..end)
}

/// The issuing body named by a title.
fn organization_in(title: &str) -> Option<String> {
    organization_span(title).map(|r| title[r].to_string())
}

/// A title read by OCR with the division names of its issuing body
/// ("攀枚花市西区…") checked against the gazetteer: each name corrected is
/// an issue that keeps what was read.
fn corrected_title(title: String, issues: &mut Vec<Issue>) -> String {
    let title = with_fixed_wording(title, issues);
    let Some(span) = organization_span(&title) else {
        return title;
    };
    let body = corrected_names(&title[span.clone()], "/report/title", issues);
    format!("{}{body}{}", &title[..span.start], &title[span.end..])
}

/// The division names a text starts with checked against the gazetteer;
/// each name corrected is an issue at `pointer` that keeps what was read.
fn corrected_names(text: &str, pointer: &str, issues: &mut Vec<Issue>) -> String {
    let corrections = gazetteer::correct(text);
    for c in &corrections {
        issues.push(Issue::warning(
            "name_corrected",
            pointer,
            format!("\"{}\" read as \"{}\" (gazetteer)", c.read, c.name),
        ));
    }
    gazetteer::apply(text, &corrections)
}

/// The wording every title ends with, after its year.
const TITLE_WORDING: &str = "政府信息公开工作年度报告";

/// Slips the fixed wording of a title may be read with: OCR drops or
/// merges characters of a large heading ("政府信息公开工人报告" for
/// "…工作年度报告"), and the title must still end in 报告 as read.
const WORDING_SLIPS: usize = 3;

/// The end of a text that is the title's fixed wording read with one to
/// [`WORDING_SLIPS`] slips, and how many; None when it is printed right or
/// is not the wording.
fn wording_slip(text: &str) -> Option<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let n = TITLE_WORDING.chars().count();
    let (found, tail) = (n.saturating_sub(WORDING_SLIPS)..=n + WORDING_SLIPS)
        .filter(|&len| len < chars.len())
        .map(|len| {
            let tail: String = chars[chars.len() - len..].iter().collect();
            (slips(&tail, TITLE_WORDING, 0), tail)
        })
        .filter(|(_, tail)| !tail.chars().any(|c| c.is_ascii_digit()))
        .min_by_key(|(slips, tail)| (*slips, tail.chars().count()))?;
    let allowed = if text.ends_with("报告") {
        WORDING_SLIPS
    } else {
        2
    };
    (1..=allowed).contains(&found).then_some((found, tail))
}

/// How much of the fixed wording must be read right before its lost tail
/// is given back: 政府信息公开工作.
const WORDING_READ: usize = 8;

/// The end of the fixed wording a title lacks when it stops inside it,
/// read right up to there ("…政府信息公开工作年"): its tail wrapped onto a
/// line of its own, which OCR lost or read as noise (度报告 as 上度报各).
fn wording_cut(text: &str) -> Option<String> {
    let wording: Vec<char> = TITLE_WORDING.chars().collect();
    (WORDING_READ..wording.len()).rev().find_map(|k| {
        let head: String = wording[..k].iter().collect();
        text.ends_with(&head).then(|| wording[k..].iter().collect())
    })
}

/// A title whose fixed wording OCR read with a slip or more ("政府信息公工作
/// 年度报告") given that wording back, with an issue that keeps what was read.
fn with_fixed_wording(title: String, issues: &mut Vec<Issue>) -> String {
    if let Some(rest) = wording_cut(&title) {
        issues.push(Issue::warning(
            "name_corrected",
            "/report/title",
            format!("the title read ends before \"{rest}\", which every title's wording ends with"),
        ));
        return title + &rest;
    }
    let chars: Vec<char> = title.chars().collect();
    match wording_slip(&title) {
        Some((_, tail)) => {
            issues.push(Issue::warning(
                "name_corrected",
                "/report/title",
                format!("\"{tail}\" read as \"{TITLE_WORDING}\" (every title's wording)"),
            ));
            let head: String = chars[..chars.len() - tail.chars().count()].iter().collect();
            head + TITLE_WORDING
        }
        _ => title,
    }
}

/// Whether an ISO date read by OCR falls in the year reported on or the
/// next, when reports are published: any other year is a misread digit.
fn plausible_year(published: &str, year: u32) -> bool {
    published
        .get(..4)
        .and_then(|y| y.parse::<u32>().ok())
        .is_some_and(|p| p == year || p == year + 1)
}

/// The publication date printed near the title ("发布时间：2024-03-08 15:34",
/// "发布日期：…", "成文日期：…"), from the line above the title to the first
/// heading.
fn date_near_title(
    items: &[Item],
    title_end: usize,
    first_heading: Option<usize>,
) -> Option<String> {
    let stop = first_heading.unwrap_or(title_end + 6).min(items.len());
    items[title_end.saturating_sub(6)..stop]
        .iter()
        .filter_map(|it| match it {
            Item::Line { line, .. } if line.confidence > UNSURE_DATE => labelled_date(&line.text),
            _ => None,
        })
        .next()
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// What the text says; `ocr` when it was read from scans, whose place names
/// are checked against the gazetteer (typed text is taken as printed).
fn text_facts(doc: &Document, ocr: bool, issues: &mut Vec<Issue>) -> TextFacts {
    let items = items(doc);
    let pos = heading_positions(&items, ocr);
    let first_heading = pos.iter().flatten().map(|h| h.at).min();
    let found = find_title(&items, first_heading);
    let title_end = found.as_ref().map(|f| f.1);
    let title = found.map(|f| {
        if ocr {
            corrected_title(f.0, issues)
        } else {
            f.0
        }
    });
    let year = title.as_deref().and_then(year_in).map(|(y, _)| y);

    // The end matter: after the last heading, the date line and the
    // signature line(s) above it.
    // Without section 六's heading (OCR lost it), after the last heading found.
    let last_body = pos.iter().flatten().map(|h| h.body).max();
    let tail_start = pos[5].map(|h| h.body).or(last_body).unwrap_or(items.len());
    let mut tail_end = items.len();
    let mut published = None;
    let mut signature = None;
    let last_lines: Vec<(usize, &crate::layout::Line, usize)> = items
        [tail_start.min(items.len())..]
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i {
            Item::Line { line, page, .. } => Some((tail_start + k, *line, *page)),
            Item::Table { .. } => None,
        })
        .collect();
    let mut date_line = None;
    if let Some(&(k, line, _)) = last_lines
        .iter()
        .rev()
        .take(3)
        .find(|(_, l, _)| parse_date(&l.text).is_some() || date_shaped(&l.text))
    {
        match parse_date(&line.text) {
            Some((y, m, d)) if line.confidence > UNSURE_DATE => {
                published = Some(format!("{y:04}-{m:02}-{d:02}"));
            }
            _ => issues.push(Issue::warning(
                "unreadable_value",
                "/report/published",
                format!(
                    "the date under the signature reads \"{}\", which is not sure",
                    line.text.trim()
                ),
            )),
        }
        tail_end = k;
        date_line = Some(line);
    }
    if let Some(&(k, line, page)) = last_lines.iter().rev().find(|(k, _, _)| *k < tail_end) {
        let t = compact(&line.text);
        // Set off to the right: it starts past a paragraph's indent and
        // reaches into the right half (a long name on a narrow page starts left of centre).
        let (left, right) = text_edges(&items, page);
        // A long name may fill the line: then it ends where the date under it ends.
        let with_date =
            date_line.is_some_and(|d| (d.bbox.x1 - line.bbox.x1).abs() < 0.5 * line.size);
        let right_side = (line.bbox.x0 > left + 2.5 * line.size || with_date)
            && line.bbox.x1 > (left + right) / 2.0 + line.size;
        if right_side && t.chars().count() <= 30 && !t.ends_with(['。', '；', '：']) {
            signature = Some(t);
            tail_end = k;
        }
    }

    let section = |h: usize, end: Option<usize>| -> Option<String> {
        let start = pos[h]?.body;
        let end = end.unwrap_or(items.len()).max(start);
        let text = paragraphs(&items[start..end]);
        (!text.is_empty()).then_some(text)
    };
    let next_after = |h: usize| pos[h + 1..].iter().flatten().map(|h| h.at).min();
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
                format!(
                    "heading {:?} not found",
                    crate::template::SECTIONS[h].headings[0]
                ),
            ));
        }
    }

    let signature = signature.map(|s| {
        if ocr {
            corrected_names(&s, "/report/organization", issues)
        } else {
            s
        }
    });
    let organization = title.as_deref().and_then(organization_in).or(signature);
    // The date under the signature wins; a web page or an office system
    // prints the date it was published near the title. One under the
    // signature that could not be read is not replaced by another.
    let published = published
        .or_else(|| {
            title_end
                .filter(|_| date_line.is_none())
                .and_then(|end| date_near_title(&items, end, first_heading))
        })
        .filter(|p| !ocr || year.is_none_or(|y| plausible_year(p, y)));
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
    let facts = text_facts(doc, source.text_layer == "ocr", &mut issues);
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
    use crate::layout::Line;
    use crate::page::BBox;

    /// The title found among lines printed in 18 pt down a page, 24 pt apart,
    /// above lines of 12-pt body text.
    fn find_title_in(texts: &[&str]) -> Option<String> {
        let lines: Vec<Line> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let size = if t.contains('《') { 12.0 } else { 18.0 };
                let y = 60.0 + 24.0 * i as f32;
                Line {
                    text: t.to_string(),
                    bbox: BBox::new(100.0, y, 100.0 + size * t.chars().count() as f32, y + size),
                    size,
                    confidence: 0.9,
                }
            })
            .collect();
        let mut items: Vec<Item> = lines
            .iter()
            .map(|line| Item::Line { page: 1, line })
            .collect();
        let body = lines.last().map(|l| l.size).unwrap_or(12.0);
        for _ in 0..5 {
            items.push(Item::Line {
                page: 1,
                line: lines.last().filter(|l| l.size == body)?,
            });
        }
        find_title(&items, None).map(|(t, _)| t)
    }

    #[test]
    fn a_scanned_date_is_of_the_report_year_or_the_next() {
        assert!(plausible_year("2024-01-17", 2023));
        assert!(plausible_year("2023-12-28", 2023));
        assert!(!plausible_year("2034-01-17", 2023));
        assert!(!plausible_year("2022-01-17", 2023));
    }

    #[test]
    fn a_title_line_measured_taller_by_ocr_continues_at_the_same_pitch() {
        let line = |text: &str, x0: f32, y0: f32, x1: f32, size: f32| Line {
            text: text.to_string(),
            bbox: BBox::new(x0, y0, x1, y0 + 22.0),
            size,
            confidence: 0.9,
        };
        let first = line(
            "泸州市江阳区文化广播电视和旅游局2024年政府信息公开工",
            81.0,
            96.0,
            500.0,
            15.1,
        );
        let second = line("作年度报告", 251.0, 119.0, 330.0, 21.8);
        assert!(continues(&first, &second, 15.1));
        // A line in print half as large does not continue it.
        let small = line("来源：办公室", 251.0, 119.0, 300.0, 9.0);
        assert!(!continues(&first, &small, 15.1));
    }

    #[test]
    fn a_title_end_with_one_ocr_slip_is_still_a_title() {
        assert!(ends_like_title("工作年度报千"));
        assert!(ends_like_title("政府信息公开工作年度报告"));
        assert!(!ends_like_title("工作年度总结"));
        assert!(!ends_like_title("报告"));
    }

    #[test]
    fn a_title_wording_with_characters_dropped_is_given_back() {
        // 作年度 of a 22-pt title read as one character.
        let read = "2023年攀枝花市西区财政局政府信息公开工人报告";
        assert!(wording_slip(read).is_some());
        let mut issues = Vec::new();
        assert_eq!(
            with_fixed_wording(read.to_string(), &mut issues),
            "2023年攀枝花市西区财政局政府信息公开工作年度报告"
        );
        assert_eq!(issues.len(), 1);
        assert!(wording_slip("2023年政府信息公开工作年度报告").is_none());
        assert!(wording_slip("2023年政务公开工作要点的通知").is_none());
        // 告 wrapped onto a line of its own and misread there.
        // Wrapped before its 告 and read right, the title takes the 告's line.
        assert_eq!(
            find_title_in(&["2023年政府信息公开工作年度报", "告", "本报告根据《条例》"]).as_deref(),
            Some("2023年政府信息公开工作年度报告")
        );
        let found = find_title_in(&["2023年政府信息公开工作年度报", "AL", "本报告根据《条例》"]);
        assert_eq!(found.as_deref(), Some("2023年政府信息公开工作年度报"));
        assert_eq!(
            with_fixed_wording(found.unwrap_or_default(), &mut issues),
            "2023年政府信息公开工作年度报告"
        );
    }

    #[test]
    fn a_title_whose_tail_was_lost_on_its_own_line_is_given_its_wording_back() {
        let mut issues = Vec::new();
        for (lines, title) in [
            (
                &["中卫市沙坡头区平地镇人民政府2021", "年政府信息公开工作年度"][..],
                "中卫市沙坡头区平地镇人民政府2021年政府信息公开工作年度报告",
            ),
            (
                &["石嘴山市大武口区生态环境局2020年政", "府信息公开工作年"][..],
                "石嘴山市大武口区生态环境局2020年政府信息公开工作年度报告",
            ),
            (
                &["2023年政府信息公开工作年", "上度报各"][..],
                "2023年政府信息公开工作年度报告",
            ),
        ] {
            let mut texts = lines.to_vec();
            texts.push("本报告根据《条例》");
            let found = find_title_in(&texts).unwrap_or_default();
            assert_eq!(with_fixed_wording(found, &mut issues), title);
        }
        assert_eq!(issues.len(), 3);
        assert_eq!(wording_cut("2023年政务公开工作要点"), None);
        assert_eq!(wording_cut("2023年政府信息公开"), None);
    }

    #[test]
    fn a_large_title_whose_wording_stops_short_with_a_slip_is_a_title() {
        // A 人 read into the wording and its 告 lost: two slips, in large print.
        let lines = [
            "攀枝花市西区卫生健康委员会2022年政",
            "府信息人公开工作年度报",
            "本报告根据《条例》",
        ];
        let found = find_title_in(&lines).unwrap_or_default();
        let mut issues = Vec::new();
        assert_eq!(
            with_fixed_wording(found, &mut issues),
            "攀枝花市西区卫生健康委员会2022年政府信息公开工作年度报告"
        );
    }

    #[test]
    fn the_body_is_found_before_the_year_or_after_it() {
        let t = "攀枝花市西区人民政府办公室2023年政府信息公开工作年度报告";
        assert_eq!(
            organization_in(t).as_deref(),
            Some("攀枝花市西区人民政府办公室")
        );
        let t = "2020年上海市政府信息公开工作年度报告";
        assert_eq!(organization_in(t).as_deref(), Some("上海市"));
        assert_eq!(organization_in("2020年政府信息公开工作年度报告"), None);
    }

    #[test]
    fn place_names_of_a_title_are_corrected_with_an_issue() {
        let mut issues = Vec::new();
        let t = corrected_title(
            "攀枚花市西区人民政府办公室2023年政府信息公开工作年度报告".into(),
            &mut issues,
        );
        assert_eq!(
            t,
            "攀枝花市西区人民政府办公室2023年政府信息公开工作年度报告"
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code, "name_corrected");
        assert_eq!(issues[0].pointer, "/report/title");
        assert_eq!(
            issues[0].message,
            r#""攀枚花市" read as "攀枝花市" (gazetteer)"#
        );
    }

    #[test]
    fn a_year_first_title_is_corrected_between_year_and_wording() {
        let mut issues = Vec::new();
        let t = corrected_title(
            "2023年四川省上支伦市东区政府信息公开工作年度报告".into(),
            &mut issues,
        );
        assert_eq!(t, "2023年四川省攀枝花市东区政府信息公开工作年度报告");
        assert_eq!(organization_in(&t).as_deref(), Some("四川省攀枝花市东区"));
        assert_eq!(
            issues[0].message,
            r#""上支伦市" read as "攀枝花市" (gazetteer)"#
        );
        // The year and the fixed wording are never touched, nor a known name.
        let t = "2020年上海市政府信息公开工作年度报告";
        assert_eq!(corrected_title(t.into(), &mut issues), t);
        assert_eq!(issues.len(), 1);
    }

    #[test]
    fn the_fixed_wording_of_a_scanned_title_is_given_back() {
        let mut issues = Vec::new();
        let t = corrected_title(
            "会理市文化广播电视和旅游局2024年政府信息公工作年度报告".into(),
            &mut issues,
        );
        assert_eq!(
            t,
            "会理市文化广播电视和旅游局2024年政府信息公开工作年度报告"
        );
        assert_eq!(
            issues[0].message,
            r#""政府信息公工作年度报告" read as "政府信息公开工作年度报告" (every title's wording)"#
        );
        let t = corrected_title("会理市2024年政府信恩公开工作年度极告".into(), &mut issues);
        assert_eq!(t, "会理市2024年政府信息公开工作年度报告");
        // Three slips are another wording, left as read.
        let t = "会理市2024年政府信恩公关工作年废极告";
        assert_eq!(corrected_title(t.into(), &mut issues), t);
    }

    /// Lines of 16 pt text, 24 pt apart.
    pub(super) fn lines(texts: &[&str]) -> Vec<crate::layout::Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| crate::layout::Line {
                text: text.to_string(),
                bbox: crate::page::BBox {
                    x0: 100.0,
                    y0: 80.0 + 24.0 * i as f32,
                    x1: 480.0,
                    y1: 96.0 + 24.0 * i as f32,
                },
                size: 16.0,
                confidence: 0.9,
            })
            .collect()
    }

    /// A document of one page holding only these lines, 24 pt apart.
    fn document(texts: &[&str]) -> Document {
        let lines = lines(texts);
        Document {
            pages: vec![crate::layout::PageLayout {
                number: 1,
                width: 595.0,
                height: 842.0,
                lines,
                tables: Vec::new(),
            }],
        }
    }

    fn source(text_layer: &str) -> Source {
        Source {
            path: "t.pdf".into(),
            sha256: String::new(),
            media: "pdf".into(),
            pages: 1,
            text_layer: text_layer.into(),
        }
    }

    #[test]
    fn only_text_read_by_ocr_is_corrected() {
        let doc = document(&["攀枚花市东区人民政府", "2023年政府信息公开工作年度报告"]);
        let scanned = build(&doc, source("ocr")).expect("a report");
        assert_eq!(
            scanned.meta.title.as_deref(),
            Some("攀枝花市东区人民政府2023年政府信息公开工作年度报告")
        );
        assert_eq!(
            scanned.meta.organization.as_deref(),
            Some("攀枝花市东区人民政府")
        );
        assert!(scanned.issues.iter().any(|i| i.code == "name_corrected"));
        let typed = build(&doc, source("native")).expect("a report");
        assert_eq!(
            typed.meta.organization.as_deref(),
            Some("攀枚花市东区人民政府")
        );
        assert!(typed.issues.iter().all(|i| i.code != "name_corrected"));
    }

    #[test]
    fn a_scanned_signature_naming_the_body_is_corrected_too() {
        let mut doc = document(&[
            "2021年政府信息公开工作年度报告",
            "六、其他要需报告的事项。",
            "本年度无其他需要报告的事项，特此报告，请各位审阅。",
            "攀梳花市仁和区",
            "2022年03月20日",
        ]);
        // Heading 六 read with two characters swapped; the signature set off to the right.
        let lines = &mut doc.pages[0].lines;
        for (line, x0) in lines[3..].iter_mut().zip([380.0, 360.0]) {
            line.bbox.x0 = x0;
            line.size = 10.5;
        }
        let report = build(&doc, source("ocr")).expect("a report");
        assert_eq!(report.meta.organization.as_deref(), Some("攀枝花市仁和区"));
        assert_eq!(report.meta.published.as_deref(), Some("2022-03-20"));
        assert!(report.issues.iter().any(|i| i.code == "name_corrected"
            && i.pointer == "/report/organization"
            && i.message == r#""攀梳花市" read as "攀枝花市" (gazetteer)"#));
    }
}

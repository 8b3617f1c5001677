//! Text outside the tables: section headings, prose paragraphs, the title,
//! the signature and the publication date.

use crate::layout::{Document, Line, in_margin, is_cjk, is_misread_page_footer, is_page_number};
use crate::template::label::{compact_label, normalize, slips, slips_allowed, to_half_width};
use crate::template::{
    NOT_AFTER_SECTION_NUMBER, SECTION_NUMBER_PREFIX, SECTION_NUMBER_SEPARATORS,
    SECTION_NUMBER_SUFFIXES, SECTIONS,
};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A line outside the tables, or the place of a table, in reading order.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Line { page: usize, line: &'a Line },
    Table { page: usize },
}

/// What a browser prints around a page: the address (with the page count
/// beside it), the print date and time (with the page title beside it). A
/// line of the report that starts with an address goes on in Chinese.
fn is_browser_line(text: &str) -> bool {
    static DATE_TIME: OnceLock<Regex> = OnceLock::new();
    let t = text.trim_start();
    (["file://", "http://", "https://", "www."]
        .iter()
        .any(|p| t.starts_with(p))
        && !t.chars().any(is_cjk))
        || DATE_TIME
            .get_or_init(|| {
                Regex::new(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s*\d{1,2}:\d{2}")
                    .expect("a valid pattern")
            })
            .is_match(t)
}

/// A line's text with its digits masked, so that "第 2 页" and "第 3 页", or
/// a running header with the page number in it, compare equal.
fn running_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// What makes two margin lines the same running header or footer: the band
/// they are in, their size and their text. A title and the signature under
/// the last page's text may say the same, but never in the same place and size.
fn running_id(line: &Line, page_height: f32) -> (bool, i32, String) {
    (
        line.bbox.y0 > page_height * 0.5,
        line.size.round() as i32,
        running_key(&line.text),
    )
}

/// Whether a line stands apart from the page's other lines, as a page number
/// does: a number set right above or below a line is part of its block ("20"
/// over "24年…", a title wrapped inside its year).
fn apart(line: &Line, lines: &[Line]) -> bool {
    lines.iter().filter(|o| !std::ptr::eq(*o, line)).all(|o| {
        let gap = (o.bbox.y0 - line.bbox.y1).max(line.bbox.y0 - o.bbox.y1);
        gap > 0.8 * line.size.max(o.size)
    })
}

/// Lines and tables of the whole document in reading order, without what is
/// printed in the page margins around the report: page numbers, browser
/// lines, and running headers or footers (the same text on several pages).
pub fn items(doc: &Document) -> Vec<Item<'_>> {
    let mut pages_with: HashMap<(bool, i32, String), HashSet<usize>> = HashMap::new();
    for p in &doc.pages {
        for l in p.lines.iter().filter(|l| in_margin(l, p.height)) {
            pages_with
                .entry(running_id(l, p.height))
                .or_default()
                .insert(p.number);
        }
    }
    let running = |l: &Line, page: &crate::layout::PageLayout| {
        (is_page_number(&l.text) && apart(l, &page.lines))
            || is_browser_line(&l.text)
            || pages_with
                .get(&running_id(l, page.height))
                .is_some_and(|pages| pages.len() >= 2)
    };
    let mut out = Vec::new();
    for p in &doc.pages {
        let mut here: Vec<(f32, Item)> = Vec::new();
        for l in &p.lines {
            // A line with no height in the margin is the scan's edge read as
            // characters, cut off by the page.
            if in_margin(l, p.height)
                && (running(l, p) || l.bbox.height() < 1.0 || is_misread_page_footer(&l.text))
            {
                continue;
            }
            here.push((
                l.bbox.y0,
                Item::Line {
                    page: p.number,
                    line: l,
                },
            ));
        }
        for t in &p.tables {
            here.push((t.bbox.y0, Item::Table { page: p.number }));
        }
        here.sort_by(|a, b| a.0.total_cmp(&b.0));
        out.extend(here.into_iter().map(|(_, i)| i));
    }
    out
}

/// The sections a line's leading number may stand for, as printed or as
/// OCR reads it ("一、", "一．", "一 ", "-、", "=，", "第一部分：", "第一章"),
/// and the text after it.
fn section_number(text: &str) -> Option<(Vec<usize>, String)> {
    let t: String = text.chars().map(to_half_width).collect();
    let t = t.trim_start();
    let framed = t.strip_prefix(SECTION_NUMBER_PREFIX).map(str::trim_start);
    let t = framed.unwrap_or(t);
    // The longest reading wins: "一一" is one numeral read twice.
    let form = SECTIONS
        .iter()
        .flat_map(|s| s.numbers)
        .filter(|f| t.starts_with(**f))
        .max_by_key(|f| f.len());
    let (sections, rest) = match form {
        Some(form) => {
            let rest = t[form.len()..].trim_start();
            if NOT_AFTER_SECTION_NUMBER.iter().any(|w| rest.starts_with(w)) {
                return None;
            }
            let sections = SECTIONS
                .iter()
                .enumerate()
                .filter(|(_, s)| s.numbers.contains(form))
                .map(|(i, _)| i)
                .collect();
            (sections, rest)
        }
        // "第部分": OCR lost the numeral, the frame says one was there.
        None if framed.is_some() && SECTION_NUMBER_SUFFIXES.iter().any(|s| t.starts_with(s)) => {
            ((0..SECTIONS.len()).collect(), t)
        }
        None => return None,
    };
    let rest = SECTION_NUMBER_SUFFIXES
        .iter()
        .find_map(|s| rest.strip_prefix(s))
        .unwrap_or(rest);
    let rest = rest
        .trim_start_matches(|c: char| c.is_whitespace() || SECTION_NUMBER_SEPARATORS.contains(&c));
    Some((sections, rest.to_string()))
}

/// Extra characters a heading line may end with past its wording ("情况。",
/// "情况说明").
const HEADING_TAIL: usize = 2;

/// Most characters the second line of a heading broken in two may have: the
/// end of a wording, never a line of prose.
const HEADING_WRAP_MAX: usize = 12;

/// A line read as a section heading: which section (0-based, as in
/// [`SECTIONS`]), and how many characters of its wording were misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeadingMatch {
    section: usize,
    slips: usize,
}

/// A section number followed by one of the section's wordings, read with
/// at most a few slips under its own number (二主动公开政府人本E息情况).
fn heading_match(text: &str) -> Option<HeadingMatch> {
    if text.chars().filter(|c| !c.is_whitespace()).count() > 40 {
        return None;
    }
    // "（一）…" opens a subsection and "三是…" is prose: neither passes.
    let (numbered, rest) = section_number(text)?;
    let n = normalize(&rest);
    if n.is_empty() {
        return None;
    }
    SECTIONS
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.headings.iter().map(move |h| (i, normalize(h))))
        .filter_map(|(section, h)| {
            let slips = slips(&n, &h, HEADING_TAIL);
            let len = h.chars().count();
            let allowed = (NUMBERED_SLIPS.0 * len / NUMBERED_SLIPS.1).max(slips_allowed(len));
            // A report may number its sections its own way, but a misread
            // wording is taken only under its own number.
            (slips == 0 || (slips <= allowed && numbered.contains(&section)))
                .then_some(HeadingMatch { section, slips })
        })
        .min_by_key(|m| m.slips)
}

/// Share of its wording (numerator, denominator) a heading may be misread
/// in under its own number: the number and the order of headings back it.
const NUMBERED_SLIPS: (usize, usize) = (2, 5);

/// Which section heading (0-based, as in [`SECTIONS`]) a line is, if any.
pub fn heading_of(text: &str) -> Option<usize> {
    heading_match(text).map(|m| m.section)
}

/// The section whose wording a line is, as printed and unnumbered: a
/// heading whose number OCR lost ("总体情况", ". 收到和处理政府信息公开申请情况").
/// Its words are compared numbering and all, so "（一）…" stays a subsection.
/// On a scan, the number may be misread as another character ("太其他需要报
/// 质的事项") and the wording with a slip; a sentence (ending in 。) is never one.
fn unnumbered_heading(text: &str, ocr: bool) -> Option<usize> {
    let n = compact_label(text);
    let exact = SECTIONS
        .iter()
        .position(|s| s.headings.iter().any(|h| compact_label(h) == n));
    if exact.is_some() || !ocr || text.trim_end().ends_with(SENTENCE_ENDS) {
        return exact;
    }
    let without_number: String = n.chars().skip(1).collect();
    // "第六部分" with its numeral misread ("太部分"): what follows the frame.
    let unframed = SECTION_NUMBER_SUFFIXES.iter().find_map(|s| {
        let at = n.find(s)?;
        (n[..at].chars().count() <= 2).then(|| n[at + s.len()..].to_string())
    });
    // "第六部分" read out of order ("第部六分"): what follows its characters.
    let scrambled = n.strip_prefix(SECTION_NUMBER_PREFIX).and_then(|r| {
        let frame: String = SECTION_NUMBER_SUFFIXES.concat();
        let k = r
            .chars()
            .take_while(|c| CN_DIGITS.contains(c) || frame.contains(*c))
            .count();
        (2..=SCRAMBLED_FRAME_MAX)
            .contains(&k)
            .then(|| r.chars().skip(k).collect::<String>())
    });
    SECTIONS.iter().position(|s| {
        s.headings.iter().any(|h| {
            let h = compact_label(h);
            let allowed = slips_allowed(h.chars().count());
            slips(&n, &h, 0) <= allowed
                || slips(&without_number, &h, 0) <= allowed
                || [&unframed, &scrambled]
                    .iter()
                    .any(|u| u.as_ref().is_some_and(|u| slips(u, &h, 0) <= allowed))
        })
    })
}

/// Most characters between 第 and a heading's wording when they are read
/// out of order: a numeral of two (十一) and the frame's 部分.
const SCRAMBLED_FRAME_MAX: usize = 4;

/// Whether a scanned line is section `h`'s number and a wording as long as
/// one of its own, every character of which may be misread ("一、羡体作史"
/// for 一、总体情况): taken only where that heading is missing, between its
/// neighbours. A sentence is no heading.
fn numbered_only(text: &str, h: usize) -> bool {
    let Some((sections, rest)) = section_number(text) else {
        return false;
    };
    let len = compact_label(&rest).chars().count();
    sections.contains(&h)
        && !text.trim_end().ends_with(SENTENCE_ENDS)
        && SECTIONS.get(h).is_some_and(|s| {
            s.headings
                .iter()
                .any(|w| len.abs_diff(compact_label(w).chars().count()) <= 1)
        })
}

/// Whether a scanned line, its number lost, begins with the first half of
/// one of section `h`'s wordings and is about as long, the rest misread
/// ("总体上月训" for 一.总体情况): taken only where that heading is missing,
/// between its neighbours. A sentence is no heading.
fn heading_begun(text: &str, h: usize) -> bool {
    let n: Vec<char> = compact_label(text).chars().collect();
    !text.trim_end().ends_with(SENTENCE_ENDS)
        && SECTIONS.get(h).is_some_and(|s| {
            s.headings.iter().any(|w| {
                let w: Vec<char> = compact_label(w).chars().collect();
                let half = w.len().div_ceil(2).max(HEADING_HALF_MIN);
                n.len().abs_diff(w.len()) <= HEADING_HALF_SLACK
                    && w.get(..half).is_some_and(|head| n.starts_with(head))
            })
        })
}

/// The fewest characters of a wording a line must begin with to be taken
/// for its heading by its first half, and how much longer or shorter than
/// the wording the line may be.
const HEADING_HALF_MIN: usize = 2;
const HEADING_HALF_SLACK: usize = 2;

/// Where a section heading is in the items: its line, and where the
/// section's text starts (past a second line when OCR broke the heading).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub at: usize,
    pub body: usize,
}

/// Each section heading in `items`, in order; `ocr` when they were read
/// from scans.
pub fn heading_positions(items: &[Item], ocr: bool) -> [Option<Heading>; 6] {
    let line_text = |i: usize| match items.get(i) {
        Some(Item::Line { line, .. }) => Some(line.text.as_str()),
        _ => None,
    };
    let mut pos = [None; 6];
    let mut next = 0;
    let mut body = 0;
    for i in 0..items.len() {
        let Some(text) = line_text(i).filter(|_| i >= body) else {
            continue;
        };
        let alone = heading_match(text).filter(|m| m.section >= next);
        let broken = line_text(i + 1)
            .filter(|t| {
                t.chars().filter(|c| !c.is_whitespace()).count() <= HEADING_WRAP_MAX
                    && heading_match(t).is_none()
            })
            .and_then(|t| heading_match(&format!("{text}{t}")))
            .filter(|m| m.section >= next && alone.is_none_or(|a| m.slips < a.slips));
        if let Some((m, end)) = broken.map(|m| (m, i + 2)).or(alone.map(|m| (m, i + 1))) {
            pos[m.section] = Some(Heading { at: i, body: end });
            next = m.section + 1;
            body = end;
        }
    }
    // A heading whose number was lost is taken only where its numbered
    // heading is missing, between its neighbours.
    for h in 0..SECTIONS.len() {
        if pos[h].is_some() {
            continue;
        }
        let from = pos[..h].iter().flatten().map(|p| p.body).max().unwrap_or(0);
        let to = pos[h + 1..]
            .iter()
            .flatten()
            .map(|p| p.at)
            .min()
            .unwrap_or(items.len());
        let found = (from..to)
            .find(|&i| line_text(i).and_then(|t| unnumbered_heading(t, ocr)) == Some(h))
            .or_else(|| {
                (from..to).find(|&i| ocr && line_text(i).is_some_and(|t| numbered_only(t, h)))
            })
            .or_else(|| {
                (from..to).find(|&i| ocr && line_text(i).is_some_and(|t| heading_begun(t, h)))
            });
        if let Some(at) = found {
            pos[h] = Some(Heading { at, body: at + 1 });
        }
    }
    pos
}

/// What a sentence, and so a paragraph, ends with.
const SENTENCE_ENDS: &[char] = &[
    '。', '！', '？', '；', '：', ';', ':', '!', '?', '.', '”', '）', ')',
];

/// Joins lines into paragraphs: a new paragraph starts at an indented line,
/// after a line that stops short of the right margin, or after a table.
pub fn paragraphs(items: &[Item]) -> String {
    let lines: Vec<(usize, &Line, bool)> = {
        let mut v = Vec::new();
        let mut after_table = false;
        for it in items {
            match it {
                Item::Line { page, line, .. } => {
                    v.push((*page, *line, after_table));
                    after_table = false;
                }
                Item::Table { .. } => after_table = true,
            }
        }
        v
    };
    let margins = |page: usize| {
        let on_page: Vec<&Line> = lines.iter().filter(|l| l.0 == page).map(|l| l.1).collect();
        let all: Vec<&Line> = if on_page.len() >= 3 {
            on_page
        } else {
            lines.iter().map(|l| l.1).collect()
        };
        let left = all.iter().map(|l| l.bbox.x0).fold(f32::INFINITY, f32::min);
        let right = all
            .iter()
            .map(|l| l.bbox.x1)
            .fold(f32::NEG_INFINITY, f32::max);
        (left, right)
    };
    let mut paras: Vec<String> = Vec::new();
    let mut prev: Option<(usize, &Line)> = None;
    for &(page, line, after_table) in &lines {
        let (left, _) = margins(page);
        let em = line.size.max(1.0);
        let indented = line.bbox.x0 > left + 0.8 * em;
        let new_para = match prev {
            None => true,
            Some((pp, pl)) => {
                let (_, pright) = margins(pp);
                // A line stopping short ends a paragraph only after a sentence
                // ends: a typesetter leaves a line short now and then (TeX
                // before an unbreakable run).
                let short = pl.bbox.x1 < pright - 1.5 * pl.size.max(1.0)
                    && pl.text.trim_end().ends_with(SENTENCE_ENDS);
                let gap = pp == page && line.bbox.y0 - pl.bbox.y1 > 1.2 * em;
                after_table || indented || short || gap
            }
        };
        let text = line.text.trim();
        if new_para || paras.is_empty() {
            paras.push(text.to_string());
        } else if let Some(last) = paras.last_mut() {
            let a = last.chars().last();
            let b = text.chars().next();
            if let (Some(a), Some(b)) = (a, b)
                && !is_cjk(a)
                && !is_cjk(b)
                && a.is_alphanumeric()
                && b.is_alphanumeric()
            {
                last.push(' ');
            }
            last.push_str(text);
        }
        prev = Some((page, line));
    }
    paras
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Other ways zero is written in a Chinese-numeral year: 零, and the white
/// circle ○ (U+25CB) many documents put for 〇.
fn is_cn_zero(c: char) -> bool {
    c == '零' || c == '○'
}

/// A number written in Chinese numerals: "十七" 17, "二十" 20, "二〇二四" 2024.
fn cn_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        if is_cn_zero(c) {
            Some(0)
        } else {
            CN_DIGITS.iter().position(|&d| d == c).map(|p| p as u32)
        }
    };
    if let Some(pos) = s.chars().position(|c| c == '十') {
        let chars: Vec<char> = s.chars().collect();
        let tens = if pos == 0 { 1 } else { digit(*chars.first()?)? };
        let ones = match chars.get(pos + 1) {
            Some(&c) => digit(c)?,
            None => 0,
        };
        return (chars.len() <= pos + 2).then_some(tens * 10 + ones);
    }
    s.chars()
        .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?))
}

fn number(s: &str) -> Option<u32> {
    let t: String = s.chars().map(to_half_width).collect();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok()
    } else {
        cn_number(&t)
    }
}

/// Latin letters OCR puts for digits inside a date ("1l日", "2O24年").
fn undo_digit_slip(c: char) -> char {
    match c {
        'l' | 'I' | '|' | 'i' => '1',
        'O' | 'o' => '0',
        _ => c,
    }
}

/// "2024年1月19日", "2024 年 1 月 11 日", "二〇二四年一月十七日" → (y, m, d),
/// only when the text is that date and nothing else.
pub fn parse_date(text: &str) -> Option<(u32, u32, u32)> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(undo_digit_slip)
        .collect();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest
        .strip_suffix('日')
        .or_else(|| rest.strip_suffix('号'))?;
    // A speck read as a character between the year and 年 ("2024人年").
    let y = number(y).or_else(|| {
        let mut cs = y.chars();
        cs.next_back();
        let digits = cs.as_str();
        (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| number(digits))
            .flatten()
    })?;
    valid_date(y, number(m)?, number(d)?)
}

/// What a date is written with, besides its digits; 号 ends one too.
const DATE_CHARS: &str = "〇一二三四五六七八九十年月日零○号";

/// A line that is a date read with a slip ("2021年月22日", "2O2年3月2日"):
/// short, a year before 年, a day's 日 or 号 at its end, and nothing but the
/// characters dates are written with. Such a line under the signature is the
/// date line though its date is not known.
pub fn date_shaped(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(undo_digit_slip)
        .collect();
    let year_first = t.split_once('年').is_some_and(|(y, _)| !y.is_empty());
    year_first
        && t.ends_with(['日', '号'])
        && t.chars().count() <= 16
        && t.chars()
            .all(|c| c.is_ascii_digit() || DATE_CHARS.contains(c))
}

fn valid_date(y: u32, m: u32, d: u32) -> Option<(u32, u32, u32)> {
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

/// What a date near the title is printed after.
pub const DATE_LABELS: [&str; 5] = ["发布时间", "发布日期", "成文日期", "印发日期", "日期"];

/// The date after a label such as 发布时间, 发布日期 or 成文日期 on a line
/// ("发布时间：2024-03-08 15:34", "发布日期：2021/3/30", "成文日期：二〇二四年一月十九日").
pub fn labelled_date(text: &str) -> Option<(u32, u32, u32)> {
    static NUMERIC: OnceLock<Regex> = OnceLock::new();
    let t: String = text
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let at = DATE_LABELS
        .iter()
        .find_map(|l| t.find(l).map(|i| i + l.len()))?;
    let rest = t[at..].trim_start_matches(':');
    let numeric = NUMERIC.get_or_init(|| {
        Regex::new(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})").expect("a valid pattern")
    });
    if let Some(c) = numeric.captures(rest) {
        let part = |i: usize| c.get(i).and_then(|m| m.as_str().parse().ok());
        return valid_date(part(1)?, part(2)?, part(3)?);
    }
    let end = rest.find('日')? + '日'.len_utf8();
    parse_date(&rest[..end])
}

/// The year a title reports on: the first "NNNN年" or "二〇二三年".
pub fn year_in(text: &str) -> Option<(u32, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, _)) in chars.iter().enumerate() {
        let run: String = chars[k..]
            .iter()
            .map(|x| x.1)
            .take_while(|c| c.is_ascii_digit() || CN_DIGITS.contains(c) || is_cn_zero(*c))
            .collect();
        if run.chars().count() == 4
            && text[i + run.len()..].starts_with('年')
            && (k == 0 || !chars[k - 1].1.is_ascii_digit())
            && let Some(y) = number(&run).filter(|y| (1990..=2100).contains(y))
        {
            return Some((y, i));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::lines;

    #[test]
    fn characters_read_off_the_page_edge_are_no_line() {
        let mut page_lines = lines(&["本年度无其他事项。", "2021年3月22日"]);
        let mut edge = page_lines[0].clone();
        edge.text = "冯".into();
        edge.bbox = crate::page::BBox::new(489.0, 842.0, 498.0, 842.0);
        page_lines.push(edge);
        let doc = Document {
            pages: vec![crate::layout::PageLayout {
                number: 1,
                width: 595.0,
                height: 842.0,
                lines: page_lines,
                tables: Vec::new(),
            }],
        };
        let texts: Vec<&str> = items(&doc)
            .iter()
            .filter_map(|i| match i {
                Item::Line { line, .. } => Some(line.text.as_str()),
                Item::Table { .. } => None,
            })
            .collect();
        assert_eq!(texts, ["本年度无其他事项。", "2021年3月22日"]);
    }

    #[test]
    fn a_speck_between_year_and_nian_is_ignored() {
        assert_eq!(parse_date("2024人年1月15 日"), Some((2024, 1, 15)));
        assert_eq!(parse_date("20245年1月15日"), None);
    }

    #[test]
    fn dates_after_a_label_near_the_title() {
        assert_eq!(
            labelled_date("发布时间：2024-03-08 15:34"),
            Some((2024, 3, 8))
        );
        assert_eq!(
            labelled_date("来源：区政府办公室　发布日期：2021/3/30"),
            Some((2021, 3, 30))
        );
        assert_eq!(
            labelled_date("成文日期：2024年1月19日"),
            Some((2024, 1, 19))
        );
        assert_eq!(
            labelled_date("发布日期：二〇二五年一月五日"),
            Some((2025, 1, 5))
        );
        assert_eq!(labelled_date("2024-03-08"), None);
        assert_eq!(labelled_date("发布时间：2024-13-08"), None);
    }

    #[test]
    fn running_lines_are_told_by_place_and_repetition() {
        assert!(is_browser_line(
            "11/29/26, 8:56 PM 某局2023年政府信息公开工作年度报告"
        ));
        assert!(is_browser_line("file:///tmp/r.html"));
        assert!(!is_browser_line("发布时间：2024-03-08 15:34"));
        assert!(is_browser_line("file:///tmp/report.html 1/5"));
        assert!(!is_browser_line("www.spt.gov.cn/）查阅或下载。"));
        assert_eq!(running_key("第 2 页 共 5 页"), running_key("第3页 共5页"));
    }

    #[test]
    fn page_numbers_in_common_forms() {
        for t in ["— 2 —", "-3-", "第 2 页", "2 / 5", "12"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2023年", "一、总体情况", "", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn headings_in_both_formats_and_every_numbering() {
        for (text, want) in [
            ("一．总体情况", 0),
            ("一 总体情况", 0),
            ("第一部分：总体情况", 0),
            ("第二部分 主动公开政府信息情况", 1),
            ("五、政府信息公开工作存在的主要问题及改进情况", 4),
            ("五.存在的主要问题和改进情况。", 4),
            ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 3),
        ] {
            assert_eq!(heading_of(text), Some(want), "{text}");
        }
        assert_eq!(heading_of("二是加强主动公开政府信息情况的审核"), None);
    }

    #[test]
    fn headings_are_numbered_and_short() {
        assert_eq!(heading_of("一、总体情况"), Some(0));
        assert_eq!(
            heading_of("四、政府信息公开行政复议、行政诉讼情况"),
            Some(3)
        );
        assert_eq!(heading_of("五、存在的主要问题及改进情况"), Some(4));
        assert_eq!(heading_of("六、其他需要报告的事项"), Some(5));
        assert_eq!(heading_of("入、其他需要报告的事项"), Some(5));
        assert_eq!(heading_of("六、其他要需报告的事项。"), Some(5));
        assert_eq!(heading_of("三是加大互动交流力度。"), None);
        assert_eq!(heading_of("总体情况"), None);
        assert_eq!(heading_of("（一）主动公开政府信息情况。"), None);
    }

    /// Each section: its number as printed and as OCR reads it, and its
    /// wording as printed and with OCR slips (misread, dropped, doubled).
    const SLIPPED: [(usize, &[&str], &[&str]); 6] = [
        (
            0,
            &[
                "一、",
                "-、",
                "—、",
                "_",
                "一一、",
                "一，",
                "一,",
                "一.",
                "一`",
                "一",
                "一 、",
                "一．",
                "第一部分：",
                "第一部分 ",
                "第部分：",
                "第一部分”",
            ],
            &[
                "总体情况",
                "总休情况",
                "总体惰况",
                "总休惰况",
                "总情况",
                "总体体情况",
                "总体情祝",
            ],
        ),
        (
            1,
            &[
                "二、",
                "=、",
                "二二、",
                "二.",
                "二，",
                "第二部分：",
                "二部分“",
            ],
            &[
                "主动公开政府信息情况",
                "主动公开政府信息惰况",
                "主动公开政信息情况",
                "主动公开政府府信息情况",
                "主动公开玫府信息惰况",
            ],
        ),
        (
            2,
            &["三、", "彡、", "=、", "三三、", "三．", "第三部分：", ". "],
            &[
                "收到和处理政府信息公开申请情况",
                "收到和处埋政府信息公开申请惰况",
                "收到和政府信息公开申请情况",
                "收到和处理政府信息公开申请情况况",
            ],
        ),
        (
            3,
            &["四、", "四.", "四", "第四部分："],
            &[
                "政府信息公开行政复议、行政诉讼情况",
                "政府信息公开行政复议、行政拆讼情况",
                "府政信息公开行政复议和行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼惰况",
            ],
        ),
        (
            4,
            &["五、", "五.", "五，", "第五部分："],
            &[
                "存在的主要问题及改进情况",
                "存在的主要间题及改进情况",
                "存在的主要问题及改进惰况",
                "政府信息公开工作存在的主要间题及改进情况",
                "存在的主要问题和改进措施",
            ],
        ),
        (
            5,
            &["六、", "六.", "六`", "第六部分："],
            &[
                "其他需要报告的事项",
                "其他需要报告的事顶",
                "其他需要报吿的事项",
                "其他需要报告的事项。",
            ],
        ),
    ];

    #[test]
    fn headings_hold_against_ocr_slips() {
        for (section, numbers, wordings) in SLIPPED {
            for number in numbers {
                for wording in wordings {
                    let line = format!("{number}{wording}");
                    // A line with its number lost is a heading only in context.
                    let want = (*number != ". ").then_some(section);
                    assert_eq!(heading_of(&line), want, "{line}");
                }
            }
        }
    }

    #[test]
    fn a_numbered_heading_may_have_a_few_slips_under_its_own_number() {
        // 信 read as 人本E: three slips in ten characters.
        assert_eq!(heading_of("二主动公开政府人本E息情况。"), Some(1));
        assert_eq!(heading_of("三主动公开政府人本E息情况。"), None);
        assert_eq!(heading_of("二主动公开人本E息"), None);
    }

    #[test]
    fn prose_and_subsections_are_never_headings() {
        for line in [
            "一是主动公开政府信息情况良好，全年公开信息243条。",
            "一是主动公开政府信息情况",
            "二是加强主动公开政府信息情况的审核",
            "（一）主动公开情况",
            "（一）主动公开政府信息情况。",
            "(-)总体情况",
            "一）主动公开政府信息情况",
            "（五）存在的主要问题及改进情况",
            "主动公开政府信息情况统计表",
            "表二 主动公开政府信息情况",
            "一、总体情况。2023年，区政府办公室坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实",
            "一、工作情况",
            "一、总体要求",
            "三、具体情况",
            "一般情况下，总体情况良好",
            "—总体上看，情况良好",
            "第二十条第（一）项",
            "总体情况",
        ] {
            assert_eq!(heading_of(line), None, "{line}");
        }
    }

    fn positions(texts: &[&str]) -> [Option<(usize, usize)>; 6] {
        let lines = lines(texts);
        let items: Vec<Item> = lines
            .iter()
            .map(|line| Item::Line { page: 1, line })
            .collect();
        heading_positions(&items, false).map(|h| h.map(|h| (h.at, h.body)))
    }

    #[test]
    fn a_heading_broken_over_two_lines_is_one_heading() {
        let pos = positions(&[
            "一、总体情况",
            "全年主动公开信息243条。",
            "四、因政府信息公开工作被申请行政复议、提起",
            "行政诉讼情况",
            "本年度无行政复议。",
            "五、政府信息公开工作存在的主要问题及",
            "改进情况",
            "一是公开内容不够丰富。",
            "六、其他需要报告的事项",
            "无。",
        ]);
        assert_eq!(pos[0], Some((0, 1)));
        assert_eq!(pos[3], Some((2, 4)));
        assert_eq!(pos[4], Some((5, 7)));
        assert_eq!(pos[5], Some((8, 9)));
    }

    #[test]
    fn a_heading_whose_number_was_lost_fills_its_place_only() {
        let pos = positions(&[
            "2023年政府信息公开工作年度报告",
            "总体情况",
            "（一）主动公开政府信息情况。",
            "全年主动公开信息243条。",
            "三、收到和处理政府信息公开申请情况",
            "存在的主要问题及改进情况",
            "五、存在的主要问题及改进情况",
        ]);
        assert_eq!(pos[0], Some((1, 2)));
        // "（一）…" is a subsection, not section 二 with its number lost.
        assert_eq!(pos[1], None);
        assert_eq!(pos[2], Some((4, 5)));
        assert_eq!(pos[4], Some((6, 7)));
    }

    #[test]
    fn dates_in_digits_and_chinese_numerals() {
        assert_eq!(parse_date("2024年1月19日"), Some((2024, 1, 19)));
        assert_eq!(parse_date("2024 年 1 月 11 日"), Some((2024, 1, 11)));
        assert_eq!(parse_date("二〇二四年一月十七日"), Some((2024, 1, 17)));
        assert_eq!(parse_date("二〇二〇年十二月三十一日"), Some((2020, 12, 31)));
        assert_eq!(parse_date("二○二四年三月二日"), Some((2024, 3, 2)));
        assert_eq!(parse_date("2024年1月1l日"), Some((2024, 1, 11)));
        assert_eq!(parse_date("统计期限为2023年1月1日到2023年12月31日"), None);
    }

    #[test]
    fn a_scanned_heading_with_its_number_misread_is_still_its_section() {
        assert_eq!(unnumbered_heading("其他需要报告的事项", false), Some(5));
        assert_eq!(unnumbered_heading("太其他需要报质的事项", false), None);
        assert_eq!(unnumbered_heading("太其他需要报质的事项", true), Some(5));
        assert_eq!(unnumbered_heading("无其他需要报告的事项。", true), None);
        assert_eq!(unnumbered_heading("太其他需要报和瘟的事项", true), None);
        assert_eq!(
            unnumbered_heading("第部六分”其他需要报告的事项", true),
            Some(5)
        );
        assert_eq!(unnumbered_heading("第部六分”其他需要报告的", true), None);
        assert!(heading_begun("总体上月训", 0));
        assert!(!heading_begun("总体上月训", 1));
        assert!(!heading_begun(
            "总体情况、主动公开政府信息情况、收到和处理",
            0
        ));
        assert!(!heading_begun("总体上情况良好。", 0));
        assert!(numbered_only("一、羡体作史", 0));
        assert!(!numbered_only("一、羡体作史", 1));
        assert!(!numbered_only("一、全年公开信息二百四十三条。", 0));
        assert!(!numbered_only("一是加强领导", 0));
        // 第六部分 with its numeral misread.
        assert_eq!(
            unnumbered_heading("太部分:其他需要报告的事项", true),
            Some(5)
        );
        assert_eq!(unnumbered_heading("太部分:其他需要报告的事项", false), None);
    }

    #[test]
    fn dates_read_with_a_slip_are_still_date_lines() {
        assert!(date_shaped("2021年月22日"));
        assert!(date_shaped("2O21 年 3 月 2 日"));
        assert!(date_shaped("二〇二四年一月十日"));
        assert!(!date_shaped("年月日"));
        assert!(!date_shaped("2023年度报告"));
        assert!(!date_shaped("截至2023年12月31日"));
        assert!(!date_shaped("银川市金凤区司法局"));
    }

    #[test]
    fn chinese_numerals_of_every_form() {
        assert_eq!(parse_date("二零二四年一月十日"), Some((2024, 1, 10)));
        assert_eq!(parse_date("二○二三年十一月十一日"), Some((2023, 11, 11)));
        assert_eq!(parse_date("二〇二五年二月二十日"), Some((2025, 2, 20)));
        assert_eq!(parse_date("二〇二四年三月二十三日"), Some((2024, 3, 23)));
        assert_eq!(parse_date("二〇二四年十二月三十一日"), Some((2024, 12, 31)));
        assert_eq!(parse_date("二〇二四年1月17日"), Some((2024, 1, 17)));
        assert_eq!(parse_date("2024年一月十七日"), Some((2024, 1, 17)));
        assert_eq!(parse_date("二二四年一月十七日"), None);
        assert_eq!(parse_date("二〇二四年十三月一日"), None);
        assert_eq!(parse_date("二〇二四年一月三十二日"), None);
        assert_eq!(parse_date("二〇二四年一月十十日"), None);
    }

    #[test]
    fn year_of_a_title() {
        assert_eq!(
            year_in("攀枝花市西区人民政府办公室2023年政府信息公开工作年度报告").map(|y| y.0),
            Some(2023)
        );
        assert_eq!(
            year_in("某局二〇二〇年政府信息公开工作年度报告").map(|y| y.0),
            Some(2020)
        );
        assert_eq!(year_in("政府信息公开工作年度报告"), None);
    }
}

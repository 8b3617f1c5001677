//! Text outside the tables: section headings, prose paragraphs, the title,
//! the signature and the publication date.

use crate::layout::{Document, Line, is_cjk};
use crate::template::label::{normalize, strip_numbering, to_half_width};

/// A line outside the tables, or the place of a table, in reading order.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Line {
        page: usize,
        line: &'a Line,
        page_width: f32,
    },
    Table {
        page: usize,
    },
}

/// "— 2 —", "-3-", "第 2 页", "2 / 5": page numbers, not text.
pub fn is_page_number(text: &str) -> bool {
    let core: String = text
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace() && !"-—–‒―−_·•第页共/".contains(*c))
        .collect();
    !core.is_empty() && core.len() <= 4 && core.chars().all(|c| c.is_ascii_digit())
}

/// Lines and tables of the whole document in reading order, without page
/// numbers in the page margins.
pub fn items(doc: &Document) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    for p in &doc.pages {
        let mut here: Vec<(f32, Item)> = Vec::new();
        for l in &p.lines {
            let in_margin = l.bbox.y0 > p.height * 0.85 || l.bbox.y1 < p.height * 0.12;
            if in_margin && is_page_number(&l.text) {
                continue;
            }
            here.push((
                l.bbox.y0,
                Item::Line {
                    page: p.number,
                    line: l,
                    page_width: p.width,
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

/// The six section headings of the national format.
pub const HEADINGS: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// Which section heading (0-based) a line is, if any.
pub fn heading_of(text: &str) -> Option<usize> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().count() > 32 {
        return None;
    }
    // A section heading is numbered "一、" … "六、"; "（一）…" opens a
    // subsection and "三是…" is prose.
    let numbered = compact.starts_with(['一', '二', '三', '四', '五', '六'])
        && strip_numbering(&compact).len() < compact.len();
    let n = normalize(&compact);
    HEADINGS.iter().enumerate().find_map(|(i, h)| {
        let h = normalize(h);
        let close = crate::template::label::matches(&n, &h, 0.8)
            || (n.starts_with(&h) && n.len() <= h.len() + 6);
        (numbered && close).then_some(i)
    })
}

/// Index in `items` of each section heading, in order.
pub fn heading_positions(items: &[Item]) -> [Option<usize>; 6] {
    let mut pos = [None; 6];
    let mut next = 0;
    for (i, it) in items.iter().enumerate() {
        if let Item::Line { line, .. } = it
            && let Some(h) = heading_of(&line.text)
            && h >= next
        {
            pos[h] = Some(i);
            next = h + 1;
        }
    }
    pos
}

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
                let short = pl.bbox.x1 < pright - 1.5 * pl.size.max(1.0);
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

/// A number written in Chinese numerals: "十七" 17, "二十" 20, "二〇二四" 2024.
fn cn_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        if c == '零' {
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

/// "2024年1月19日", "2024 年 1 月 11 日", "二〇二四年一月十七日" → (y, m, d),
/// only when the text is that date and nothing else.
/// Latin letters OCR puts for digits inside a date ("1l日", "2O24年").
fn undo_digit_slip(c: char) -> char {
    match c {
        'l' | 'I' | '|' | 'i' => '1',
        'O' | 'o' => '0',
        _ => c,
    }
}

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
    let (m, d) = (number(m)?, number(d)?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d))
}

/// The year a title reports on: the first "NNNN年" or "二〇二三年".
pub fn year_in(text: &str) -> Option<(u32, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, _)) in chars.iter().enumerate() {
        let run: String = chars[k..]
            .iter()
            .map(|x| x.1)
            .take_while(|c| c.is_ascii_digit() || CN_DIGITS.contains(c) || *c == '零')
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

    #[test]
    fn a_speck_between_year_and_nian_is_ignored() {
        assert_eq!(parse_date("2024人年1月15 日"), Some((2024, 1, 15)));
        assert_eq!(parse_date("20245年1月15日"), None);
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
    fn headings_are_numbered_and_short() {
        assert_eq!(heading_of("一、总体情况"), Some(0));
        assert_eq!(
            heading_of("四、政府信息公开行政复议、行政诉讼情况"),
            Some(3)
        );
        assert_eq!(heading_of("五、存在的主要问题及改进情况"), Some(4));
        assert_eq!(heading_of("六、其他需要报告的事项"), Some(5));
        assert_eq!(heading_of("三是加大互动交流力度。"), None);
        assert_eq!(heading_of("总体情况"), None);
        assert_eq!(heading_of("（一）主动公开政府信息情况。"), None);
    }

    #[test]
    fn dates_in_digits_and_chinese_numerals() {
        assert_eq!(parse_date("2024年1月19日"), Some((2024, 1, 19)));
        assert_eq!(parse_date("2024 年 1 月 11 日"), Some((2024, 1, 11)));
        assert_eq!(parse_date("二〇二四年一月十七日"), Some((2024, 1, 17)));
        assert_eq!(parse_date("二〇二〇年十二月三十一日"), Some((2020, 12, 31)));
        assert_eq!(parse_date("2024年1月1l日"), Some((2024, 1, 11)));
        assert_eq!(parse_date("统计期限为2023年1月1日到2023年12月31日"), None);
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

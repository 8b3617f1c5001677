//! Glyphs → text lines: cluster by vertical overlap, order by x, join with
//! the CJK spacing rules.

use crate::page::{BBox, Glyph};
use crate::template::label::to_half_width;

/// One line of text in reading order, with the glyphs it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub bbox: BBox,
    /// Median glyph size in points.
    pub size: f32,
    /// Lowest glyph confidence on the line.
    pub confidence: f32,
}

/// True for ideographs and the CJK punctuation / full-width forms that sit
/// between them without spaces.
pub fn is_cjk(ch: char) -> bool {
    is_ideograph(ch)
        || matches!(ch as u32,
            0x2E80..=0x2FDF      // radicals
            | 0x3000..=0x303F    // CJK symbols and punctuation
            | 0xFE30..=0xFE4F    // compatibility forms
            | 0xFF00..=0xFFEF    // full-width forms
            | 0x2018..=0x201F    // curly quotes, set full-width in CJK fonts
            | 0x2014..=0x2015    // em dash
            | 0x2026             // ellipsis
            | 0x00B7) // middle dot
}

/// True for Chinese characters themselves: what a label has and a border's
/// residue or punctuation has not.
pub fn is_ideograph(ch: char) -> bool {
    matches!(ch as u32,
        0x3400..=0x4DBF      // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FFFF) // extensions B–F
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

/// A page's footer "第 N 页 共 M 页" read with slips on a scan ("溃下页共,《页",
/// "第2由此,页"): a few characters with 页 and a digit, or 页 twice. Only to
/// be judged so in the page's margin.
pub fn is_misread_page_footer(text: &str) -> bool {
    let t: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let pages = t.iter().filter(|&&c| c == '页').count();
    t.len() <= FOOTER_CHARS && (pages >= 2 || (pages == 1 && t.iter().any(|c| c.is_ascii_digit())))
}

/// Characters a page's footer holds at most ("第 12 页 共 14 页" is 8).
const FOOTER_CHARS: usize = 10;

/// A page number set with its decoration ("— 2 —", "2 / 5", "第2页"): never
/// a table value (a signed change "-1" has a dash on one side only), even
/// where a table's rules run through the page's margin.
pub fn is_decorated_page_number(text: &str) -> bool {
    let t: String = text
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let dash = |c: Option<char>| c.is_some_and(|c| "-—–‒―−".contains(c));
    let framed = dash(t.chars().next()) && dash(t.chars().last());
    let counted = t
        .split_once('/')
        .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty());
    let worded = t.contains('第') && t.contains('页');
    is_page_number(&t) && (framed || counted || worded)
}

/// Whether a line sits in the band at the top or bottom of its page where
/// running headers, footers and page numbers are printed.
pub fn in_margin(line: &Line, page_height: f32) -> bool {
    line.bbox.y0 > page_height * BOTTOM_MARGIN || line.bbox.y1 < page_height * TOP_MARGIN
}

/// Where the page's margins begin, in shares of its height. Text may run
/// lower (to 0.87–0.91 in the GB/T 9704 block or Word's 2.54 cm margins),
/// but page numbers stand there too.
const TOP_MARGIN: f32 = 0.12;
const BOTTOM_MARGIN: f32 = 0.85;

/// Where the spaces between words come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spaces {
    /// A text layer, which carries the spaces its text has: a gap beside a
    /// CJK character is the typesetter's (TeX's xeCJK, Word's autospacing
    /// put about ¼ em there), not a space.
    Printed,
    /// A scan, where only the gaps tell.
    Gaps,
}

/// Whether two neighbouring characters on a line get a space between them.
/// CJK pairs never do; Latin pairs do at a printed space or a gap over ¼ em;
/// a CJK character and a Latin one do at a printed space, and on a scan
/// never: typesetters leave a gap there with no space in the text (Word's
/// autospacing, xeCJK), and the recogniser's boxes are too loose to tell it
/// from a space (2023年 measured 0.3 to 2 em apart).
pub fn needs_space(
    prev: char,
    next: char,
    gap: f32,
    em: f32,
    printed_space: bool,
    spaces: Spaces,
) -> bool {
    if is_cjk(prev) || is_cjk(next) {
        return spaces == Spaces::Printed && !(is_cjk(prev) && is_cjk(next)) && printed_space;
    }
    printed_space || gap > 0.25 * em
}

/// Clusters glyphs into lines, top to bottom. Space glyphs only mark gaps.
pub fn build_lines(glyphs: &[&Glyph], spaces: Spaces) -> Vec<Line> {
    // Each glyph keeps its place in the input, the order it was printed or
    // recognised in.
    let mut order: Vec<(usize, &Glyph)> = glyphs.iter().copied().enumerate().collect();
    order.sort_by(|a, b| a.1.bbox.cy().total_cmp(&b.1.bbox.cy()));
    // A glyph joins the cluster whose band it overlaps by at least half of
    // the smaller height. The band is the median top and bottom of the
    // cluster's glyphs, not their union: one glyph boxed two lines tall (a
    // seal or a shadow across it) must not join the line below to it.
    let mut clusters: Vec<Vec<(usize, &Glyph)>> = Vec::new();
    for (i, g) in order {
        let (y0, y1) = (g.bbox.y0, g.bbox.y1);
        let h = (y1 - y0).max(0.1);
        let hit = clusters.iter_mut().rev().take(4).find(|c| {
            let (c0, c1) = band_of(c.iter().map(|(_, g)| *g));
            let overlap = y1.min(c1) - y0.max(c0);
            overlap >= 0.5 * h.min((c1 - c0).max(0.1))
        });
        match hit {
            Some(c) => c.push((i, g)),
            None => clusters.push(vec![(i, g)]),
        }
    }
    let mut lines: Vec<Line> = clusters
        .into_iter()
        .filter_map(|gs| join_line(gs, spaces))
        .collect();
    lines.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    lines
}

/// The median top and bottom of a cluster's glyphs.
pub fn band(glyphs: &[&Glyph]) -> (f32, f32) {
    band_of(glyphs.iter().copied())
}

fn band_of<'g>(glyphs: impl Iterator<Item = &'g Glyph> + Clone) -> (f32, f32) {
    let median = |mut v: Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    (
        median(glyphs.clone().map(|g| g.bbox.y0).collect()),
        median(glyphs.map(|g| g.bbox.y1).collect()),
    )
}

/// Orders one line's glyphs by x and joins them into text. Glyphs starting
/// at the same x keep their input order: the recogniser boxes a full stop
/// and the digit after it from one x at times ("。2023" read "2。023").
fn join_line(mut indexed: Vec<(usize, &Glyph)>, spaces: Spaces) -> Option<Line> {
    indexed.sort_by(|a, b| a.1.bbox.x0.total_cmp(&b.1.bbox.x0).then(a.0.cmp(&b.0)));
    let gs: Vec<&Glyph> = indexed.into_iter().map(|(_, g)| g).collect();
    let mut sizes: Vec<f32> = gs
        .iter()
        .filter(|g| !g.ch.is_whitespace())
        .map(|g| g.size)
        .collect();
    if sizes.is_empty() {
        return None;
    }
    sizes.sort_by(f32::total_cmp);
    let em = sizes[sizes.len() / 2].max(1.0);
    let mut text = String::new();
    let mut bbox: Option<BBox> = None;
    let mut confidence = 1.0f32;
    let mut prev: Option<&Glyph> = None;
    let mut printed_space = false;
    let chars = match spaces {
        Spaces::Printed => gs.iter().map(|g| g.ch).collect(),
        Spaces::Gaps => full_width_punctuation(&gs),
    };
    let mut prev_ch = ' ';
    for (g, ch) in gs.into_iter().zip(chars) {
        if ch.is_whitespace() {
            printed_space = prev.is_some();
            continue;
        }
        if let Some(p) = prev {
            let gap = g.bbox.x0 - p.bbox.x1;
            // Overlapping duplicates are how some producers fake bold text.
            if p.ch == g.ch && (g.bbox.x0 - p.bbox.x0).abs() < 0.2 * em {
                printed_space = false;
                continue;
            }
            if needs_space(prev_ch, ch, gap, em, printed_space, spaces) {
                text.push(' ');
            }
        }
        text.push(ch);
        bbox = Some(bbox.map_or(g.bbox, |b| b.union(&g.bbox)));
        confidence = confidence.min(g.confidence);
        prev = Some(g);
        prev_ch = ch;
        printed_space = false;
    }
    Some(Line {
        text,
        bbox: bbox?,
        size: em,
        confidence,
    })
}

/// The characters of a recognised line, with the ASCII punctuation the
/// Chinese model reads for "（），：；？！“”" set back to full width where it
/// touches a Chinese character ("15:34" and "(1)" between Latin stay). A
/// straight quote closes the quote the line last opened, or opens one.
fn full_width_punctuation(gs: &[&Glyph]) -> Vec<char> {
    let at = |i: Option<usize>| i.and_then(|i| gs.get(i)).map(|g| g.ch);
    let mut out: Vec<char> = Vec::with_capacity(gs.len());
    for (i, g) in gs.iter().enumerate() {
        let open = out.iter().rev().find(|c| matches!(c, '“' | '”')) == Some(&'“');
        let full = match g.ch {
            '(' => '（',
            ')' => '）',
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '?' => '？',
            '!' => '！',
            '"' if open => '”',
            '"' => '“',
            _ => {
                out.push(g.ch);
                continue;
            }
        };
        let before = (0..i).rev().find(|&k| !gs[k].ch.is_whitespace());
        let after = (i + 1..gs.len()).find(|&k| !gs[k].ch.is_whitespace());
        let chinese = |c: Option<char>| c.is_some_and(|c| is_cjk(c) && c != '\u{3000}');
        out.push(if chinese(at(before)) || chinese(at(after)) {
            full
        } else {
            g.ch
        });
    }
    out
}

/// Joins the lines of one block (a cell, a wrapped label) into one string:
/// CJK boundaries get nothing, Latin–Latin boundaries a space.
pub fn join_block(lines: &[Line]) -> String {
    let mut out = String::new();
    for l in lines {
        if let (Some(a), Some(b)) = (out.chars().last(), l.text.chars().next())
            && !is_cjk(a)
            && !is_cjk(b)
            && a.is_alphanumeric()
            && b.is_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(&l.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideographs_are_cjk_and_cjk_punctuation_is_no_ideograph() {
        for ch in ['规', '㐀', '\u{20000}'] {
            assert!(is_ideograph(ch) && is_cjk(ch), "{ch}");
        }
        for ch in ['（', '，', '“', '—', '·'] {
            assert!(!is_ideograph(ch) && is_cjk(ch), "{ch}");
        }
        assert!(!is_ideograph('1') && !is_cjk('a'));
    }

    fn g(ch: char, x: f32, y: f32, w: f32) -> Glyph {
        Glyph {
            ch,
            bbox: BBox::new(x, y, x + w, y + 10.0),
            size: 10.0,
            confidence: 1.0,
        }
    }

    fn texts(gs: &[Glyph]) -> Vec<String> {
        let refs: Vec<&Glyph> = gs.iter().collect();
        build_lines(&refs, Spaces::Printed)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn glyphs_starting_at_one_x_keep_the_order_they_were_read_in() {
        // The full stop boxed from the 2's x, a little lower, as tesseract
        // boxes them at times: read "面。2023", never "面2。023".
        let mut stop = g('。', 20.0, 0.5, 1.5);
        stop.bbox.y1 = 10.0;
        let gs = [
            g('面', 8.0, 0.0, 10.0),
            stop,
            g('2', 20.0, 0.0, 5.0),
            g('0', 26.0, 0.0, 5.0),
        ];
        assert_eq!(texts(&gs), vec!["面。20"]);
    }

    #[test]
    fn page_numbers_with_their_decoration_are_told_from_signed_values() {
        for t in ["— 2 —", "-3-", "5 / 8", "第 2 页", "第2页 共5页"] {
            assert!(is_decorated_page_number(t), "{t}");
        }
        for t in ["-1", "+5", "12", "/", "—", "2024"] {
            assert!(!is_decorated_page_number(t), "{t}");
        }
        for t in ["第6页共?页", "溃下页共,《页", "第2由此,页", "多6由其,页"] {
            assert!(is_misread_page_footer(t), "{t}");
        }
        for t in ["本年度报告共分六页", "页面", "2024年"] {
            assert!(!is_misread_page_footer(t), "{t}");
        }
    }

    #[test]
    fn letter_spaced_cjk_joins_without_spaces() {
        let gs = [
            g('自', 0.0, 0.0, 10.0),
            g(' ', 10.0, 0.0, 3.0),
            g('然', 20.0, 0.0, 10.0),
            g(' ', 30.0, 0.0, 3.0),
            g('人', 40.0, 0.0, 10.0),
        ];
        assert_eq!(texts(&gs), ["自然人"]);
    }

    #[test]
    fn latin_runs_get_a_space_only_at_a_wide_gap() {
        let gs = [
            g('区', 0.0, 0.0, 10.0),
            g(' ', 10.0, 0.0, 3.0),
            g('A', 13.0, 0.0, 6.0),
            g('P', 19.0, 0.0, 6.0),
            g('P', 25.5, 0.0, 6.0),
            g('1', 40.0, 0.0, 5.0),
        ];
        assert_eq!(texts(&gs), ["区 APP 1"]);
    }

    #[test]
    fn beside_cjk_only_a_printed_space_is_a_space() {
        // A gap of 0.3 em, as Word's autospacing leaves, and a wider one.
        for at in [13.0, 25.0] {
            let gs = [
                g('2', 0.0, 0.0, 5.0),
                g('0', 5.0, 0.0, 5.0),
                g('年', at, 0.0, 10.0),
            ];
            let refs: Vec<&Glyph> = gs.iter().collect();
            assert_eq!(build_lines(&refs, Spaces::Printed)[0].text, "20年");
            assert_eq!(build_lines(&refs, Spaces::Gaps)[0].text, "20年");
        }
        let printed = [
            g('2', 0.0, 0.0, 5.0),
            g(' ', 5.0, 0.0, 3.0),
            g('年', 13.0, 0.0, 10.0),
        ];
        let refs: Vec<&Glyph> = printed.iter().collect();
        assert_eq!(build_lines(&refs, Spaces::Printed)[0].text, "2 年");
    }

    #[test]
    fn ascii_punctuation_read_beside_chinese_is_full_width_on_a_scan() {
        let gs = [
            g('(', 0.0, 0.0, 4.0),
            g('一', 8.0, 0.0, 10.0),
            g(')', 22.0, 0.0, 4.0),
            g('是', 30.0, 0.0, 10.0),
            g(':', 44.0, 0.0, 4.0),
            g('1', 48.5, 0.0, 5.0),
            g('5', 53.5, 0.0, 5.0),
            g(':', 58.5, 0.0, 2.0),
            g('3', 60.5, 0.0, 5.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(build_lines(&refs, Spaces::Gaps)[0].text, "（一）是：15:3");
        assert_eq!(build_lines(&refs, Spaces::Printed)[0].text, "(一)是:15:3");
        // 网站“主阵地"作用: the straight quote closes the one opened.
        let gs = [
            g('站', 0.0, 0.0, 10.0),
            g('“', 11.0, 0.0, 4.0),
            g('主', 16.0, 0.0, 10.0),
            g('"', 27.0, 0.0, 4.0),
            g('作', 32.0, 0.0, 10.0),
            g('"', 43.0, 0.0, 4.0),
            g('用', 48.0, 0.0, 10.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(build_lines(&refs, Spaces::Gaps)[0].text, "站“主”作“用");
    }

    #[test]
    fn digits_next_to_ideographs_join_when_tight() {
        let gs = [
            g('2', 0.0, 0.0, 5.0),
            g('0', 5.0, 0.0, 5.0),
            g('年', 10.5, 0.0, 10.0),
        ];
        assert_eq!(texts(&gs), ["20年"]);
    }

    #[test]
    fn lines_are_split_by_vertical_position_and_sorted() {
        let gs = [
            g('下', 0.0, 20.0, 10.0),
            g('上', 0.0, 0.0, 10.0),
            g('行', 10.0, 1.0, 10.0),
        ];
        assert_eq!(texts(&gs), ["上行", "下"]);
    }

    #[test]
    fn a_glyph_boxed_two_lines_tall_does_not_join_them() {
        // A seal's ring read as part of 山 gave it a box over the signature
        // and the date under it; the two lines became one.
        let mut tall = g('山', 10.0, 0.0, 10.0);
        tall.bbox = BBox::new(10.0, -8.0, 20.0, 20.0);
        let gs = [
            g('凉', 0.0, 0.0, 10.0),
            tall,
            g('州', 20.0, 0.0, 10.0),
            g('政', 30.0, 0.0, 10.0),
            g('2', 0.0, 12.0, 5.0),
            g('0', 5.0, 12.0, 5.0),
            g('年', 10.0, 12.0, 10.0),
        ];
        assert_eq!(texts(&gs), ["凉山州政", "20年"]);
    }

    #[test]
    fn one_character_per_line_labels_join_into_one_word() {
        let gs = [
            g('结', 0.0, 0.0, 10.0),
            g('果', 0.0, 12.0, 10.0),
            g('维', 0.0, 24.0, 10.0),
            g('持', 0.0, 36.0, 10.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(join_block(&build_lines(&refs, Spaces::Printed)), "结果维持");
    }

    #[test]
    fn overprinted_bold_duplicates_are_dropped() {
        let gs = [
            g('公', 0.0, 0.0, 10.0),
            g('公', 0.3, 0.0, 10.0),
            g('开', 10.0, 0.0, 10.0),
        ];
        assert_eq!(texts(&gs), ["公开"]);
    }
}

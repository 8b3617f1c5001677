//! Label normalisation and similarity, for matching printed labels to the
//! template whatever the spacing, numbering, width or OCR slips.

/// Common OCR and typesetting confusions, printed → meant; the last ones
/// are slips OCR makes in the section headings (总休情况, 存在的主要间题).
const CONFUSIONS: &[(char, char)] = &[
    ('废', '度'),
    ('己', '已'),
    ('末', '未'),
    ('曰', '日'),
    ('休', '体'),
    ('惰', '情'),
    ('间', '问'),
];

/// Maps full-width ASCII forms to ASCII and the ideographic space to a space.
pub fn to_half_width(ch: char) -> char {
    match ch as u32 {
        0xFF01..=0xFF5E => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        0x3000 => ' ',
        _ => ch,
    }
}

/// Strips a leading enumeration: "1.", "1、", "（一）", "(三)", "一、", "第二十条".
pub fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    let mut chars = t.char_indices().peekable();
    // (一) / （一） / (1)
    if let Some((_, '(' | '（')) = chars.peek().copied() {
        chars.next();
        let mut n = 0;
        while let Some(&(_, c)) = chars.peek() {
            if is_numeral(c) {
                n += 1;
                chars.next();
            } else {
                break;
            }
        }
        if n > 0
            && let Some(&(i, close @ (')' | '）'))) = chars.peek()
        {
            return t[i + close.len_utf8()..]
                .trim_start_matches([' ', '、', '.', '．'])
                .trim_start();
        }
        return t;
    }
    let mut n = 0;
    let mut end = 0;
    for (i, c) in t.char_indices() {
        if is_numeral(c) {
            n += 1;
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if n > 0 && n <= 3 {
        let rest = t[end..].trim_start();
        if let Some(r) = rest.strip_prefix(['.', '、', '．', ',', '，']) {
            return r.trim_start();
        }
    }
    t
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十０１２３４５６７８９".contains(c)
}

/// Whether a closing bracket follows before the text ends.
fn closes_later(rest: &[char]) -> bool {
    rest.iter()
        .any(|c| matches!(c, ')' | '）' | ']' | '】' | '〉' | '》' | '>'))
}

/// The comparable core of a label: half-width, no whitespace, no numbering,
/// no parenthesised notes, no punctuation, known confusions undone.
pub fn normalize(s: &str) -> String {
    let half: String = s
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    let core: Vec<char> = strip_numbering(&half).chars().collect();
    let mut out = String::new();
    let mut depth = 0usize;
    for (i, &ch) in core.iter().enumerate() {
        match ch {
            // A bracket never closed after a label's words is its note cut
            // by a page break (部分公开（区分处理的，只计这一); before them,
            // an OCR slip whose words follow (（三不予公开).
            // OCR reads a round bracket as an angle one now and then.
            '(' | '（' | '[' | '【' | '〈' | '《' | '<'
                if !closes_later(&core[i + 1..]) && out.chars().count() >= 2 =>
            {
                break;
            }
            '(' | '（' | '[' | '【' | '〈' | '《' | '<' if !closes_later(&core[i + 1..]) => {}
            '(' | '（' | '[' | '【' | '〈' | '《' | '<' => depth += 1,
            ')' | '）' | ']' | '】' | '〉' | '》' | '>' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if ch.is_alphanumeric() => {
                let fixed = CONFUSIONS
                    .iter()
                    .find(|(a, _)| *a == ch)
                    .map_or(ch, |&(_, b)| b);
                out.push(fixed);
            }
            _ => {}
        }
    }
    // A label that is only a note (the 勾稽 corner cell) keeps nothing.
    out
}

/// A header cell's words as one comparable string: half-width, no spaces or
/// punctuation, known confusions undone, and, unlike [`normalize`], the
/// words inside brackets kept ("行政诉讼（复议后起诉）" names its group there).
pub fn compact_label(s: &str) -> String {
    s.chars()
        .map(to_half_width)
        .filter(|c| c.is_alphanumeric())
        .map(|ch| {
            CONFUSIONS
                .iter()
                .find(|(a, _)| *a == ch)
                .map_or(ch, |&(_, b)| b)
        })
        .collect()
}

/// How well `label` reads somewhere inside `text`: the best similarity of
/// the label to a run of `text` of about its length.
pub fn similarity_within(text: &str, label: &str) -> f32 {
    let t: Vec<char> = text.chars().collect();
    let n = label.chars().count();
    if n == 0 || t.is_empty() {
        return 0.0;
    }
    let mut best: f32 = 0.0;
    for len in n.saturating_sub(1).max(1)..=n + 1 {
        for start in 0..=t.len().saturating_sub(len) {
            let run: String = t[start..(start + len).min(t.len())].iter().collect();
            best = best.max(similarity(&run, label));
        }
    }
    best
}

/// How well `text` ends with `label` (its last characters against the label).
pub fn similarity_at_end(text: &str, label: &str) -> f32 {
    let n = label.chars().count();
    let len = text.chars().count();
    if len < n {
        return similarity(text, label);
    }
    let tail: String = text.chars().skip(len - n).collect();
    similarity(&tail, label)
}

/// How many characters of `text` are misread, dropped or doubled against
/// `label` (the edit distance), up to `tail` extra characters at its end
/// not counted.
pub fn slips(text: &str, label: &str, tail: usize) -> usize {
    let t: Vec<char> = text.chars().collect();
    let l: Vec<char> = label.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=t.len()).collect();
    for i in 0..l.len() {
        let mut cur = vec![i + 1; t.len() + 1];
        for j in 0..t.len() {
            cur[j + 1] = (prev[j] + usize::from(l[i] != t[j]))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            // Two neighbours read in each other's place (要需 for 需要) are one slip.
            if i > 0 && j > 0 && l[i] == t[j - 1] && l[i - 1] == t[j] {
                cur[j + 1] = cur[j + 1].min(before[j - 1] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[t.len().saturating_sub(tail)..]
        .iter()
        .copied()
        .min()
        .unwrap_or(usize::MAX)
}

/// The slips a label of `len` characters may be read with and still be
/// itself: one in five, as the 0.8 similarity allows, and one in a short one.
pub fn slips_allowed(len: usize) -> usize {
    (len / 5).max(1)
}

/// Dice similarity over characters by longest common subsequence, 0..=1.
/// True when `similarity(a, b) >= min`; rejects by length first, since two
/// labels of very different lengths cannot be similar and most cells are numbers.
pub fn matches(a: &str, b: &str, min: f32) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if 2.0 * (la.min(lb) as f32) < min * (la + lb).max(1) as f32 {
        return false;
    }
    similarity(a, b) >= min
}

pub fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut prev = vec![0u16; b.len() + 1];
    let mut cur = vec![0u16; b.len() + 1];
    for &ca in &a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    2.0 * f32::from(prev[b.len()]) / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_keep_their_bracketed_part() {
        assert_eq!(
            compact_label("行政诉讼（未经复议直接起\n诉）"),
            "行政诉讼未经复议直接起诉"
        );
        assert_eq!(compact_label("结 果 维 持"), "结果维持");
    }

    #[test]
    fn a_label_is_found_inside_a_longer_header() {
        let direct = compact_label("行政诉讼（未经复议直接起诉）结果维持");
        assert!(similarity_within(&direct, "未经复议直接起诉") > 0.99);
        assert!(similarity_within(&direct, "复议后起诉") < 0.75);
        assert!(similarity_within(&compact_label("行政诉讼复议后起诉"), "行政复议") < 0.75);
        assert!(similarity_at_end(&direct, "结果维持") > 0.99);
        assert!(similarity_at_end("行政复议其他结果", "结果维持") < 0.75);
    }

    #[test]
    fn numbering_in_every_form_is_stripped() {
        assert_eq!(strip_numbering("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_numbering("1、属于国家秘密"), "属于国家秘密");
        assert_eq!(strip_numbering("（三）不予公开"), "不予公开");
        assert_eq!(strip_numbering("(五) 不予处理"), "不予处理");
        assert_eq!(strip_numbering("一、本年新收"), "本年新收");
        assert_eq!(strip_numbering("其他"), "其他");
        assert_eq!(strip_numbering("2023年"), "2023年");
    }

    #[test]
    fn normalize_removes_spaces_notes_and_width() {
        assert_eq!(normalize("自 然 人"), "自然人");
        assert_eq!(
            normalize("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "部分公开"
        );
        assert_eq!(normalize("3.危及“三安全一稳定”"), "危及三安全一稳定");
        // The note cut by a page break, and a slip before the words.
        assert_eq!(
            normalize("(二)部分公开(区分处理的，只计这一情形，不计其他"),
            "部分公开"
        );
        assert_eq!(normalize("(三不予公开"), "三不予公开");
        assert_eq!(
            normalize("（本列数据的勾稽关系为：第一项加第二项之和）"),
            ""
        );
        assert_eq!(normalize("本年收费金额（单位：万元）"), "本年收费金额");
        assert_eq!(normalize("第二十条第（一）项[1]"), "第二十条第项");
    }

    #[test]
    fn ocr_confusions_are_undone() {
        assert_eq!(normalize("本年废止件数"), "本年度止件数");
        assert_eq!(normalize("本年度止件数"), "本年度止件数");
    }

    #[test]
    fn similarity_tolerates_misprints() {
        assert!(
            similarity(
                &normalize("2.其他法律行政止公开"),
                &normalize("其他法律行政法规禁止公开")
            ) > 0.8
        );
        assert_eq!(similarity("其他", "其他"), 1.0);
        assert!(similarity("其他", "其他处理") < 0.7);
        assert_eq!(similarity("", "其他"), 0.0);
    }

    #[test]
    fn an_unclosed_bracket_keeps_the_label_around_it() {
        assert_eq!(normalize("( 予以公开"), "予以公开");
        assert_eq!(normalize("（二）部分公开（区分处理的"), "部分公开");
        assert_eq!(
            normalize("部分公开（区分处理的，只计这一情形）"),
            "部分公开"
        );
        assert_eq!(
            normalize("(二)部分公开《区分处理的，只计这一情形)"),
            "部分公开"
        );
    }

    #[test]
    fn slips_count_misread_dropped_and_doubled_characters() {
        for (text, tail, want) in [
            ("总体情况", 0, 0),
            ("总休情况", 0, 1),
            ("总情况", 0, 1),
            ("总体体情况", 0, 1),
            ("总体情况说明", 2, 0),
            ("总体情况说明", 0, 2),
            ("总体情况良好全年", 2, 2),
            ("总情体况", 0, 1),
            ("", 0, 4),
        ] {
            assert_eq!(slips(text, "总体情况", tail), want, "{text}");
        }
        assert_eq!(
            normalize("存在的主要间题及改进惰况"),
            normalize("存在的主要问题及改进情况")
        );
        assert_eq!(slips_allowed(4), 1);
        assert_eq!(slips_allowed(12), 2);
    }

    #[test]
    fn matches_agrees_with_similarity_and_rejects_numbers_early() {
        let label = normalize("其他法律行政法规禁止公开");
        for cell in [
            "其他法律行政止公开",
            "其他法律行政法规禁止公开",
            "0",
            "12854581",
            "其他",
        ] {
            let n = normalize(cell);
            assert_eq!(
                matches(&n, &label, 0.85),
                similarity(&n, &label) >= 0.85,
                "{cell}"
            );
        }
        assert!(!matches("0", &label, 0.85));
    }
}

//! Clean-up of decoded characters. Fonts share one glyph between a radical
//! and the ideograph it stands for, and producers (Chromium with Noto CJK
//! among them) then map the glyph to the radical: "⼀" for 一, "⺠" for 民.

use unicode_normalization::char::{decompose_canonical, decompose_compatible};

/// CJK Radicals Supplement entries that stand for a unified ideograph
/// (Unicode's EquivalentUnifiedIdeograph data; NFKC covers only ⺟ and ⻳).
const RADICALS_SUPPLEMENT: &[(u32, char)] = &[
    (0x2E81, '厂'),
    (0x2E82, '乛'),
    (0x2E83, '乚'),
    (0x2E85, '亻'),
    (0x2E86, '冂'),
    (0x2E89, '刂'),
    (0x2E8A, '卜'),
    (0x2E8B, '㔾'),
    (0x2E8C, '小'),
    (0x2E8E, '尢'),
    (0x2E8F, '尣'),
    (0x2E90, '尢'),
    (0x2E92, '巳'),
    (0x2E93, '幺'),
    (0x2E94, '彑'),
    (0x2E95, '彐'),
    (0x2E96, '忄'),
    (0x2E97, '心'),
    (0x2E98, '扌'),
    (0x2E99, '攵'),
    (0x2E9B, '旡'),
    (0x2E9C, '日'),
    (0x2E9D, '月'),
    (0x2E9E, '歺'),
    (0x2E9F, '母'),
    (0x2EA0, '民'),
    (0x2EA1, '氵'),
    (0x2EA2, '氺'),
    (0x2EA3, '灬'),
    (0x2EA4, '爫'),
    (0x2EA5, '爫'),
    (0x2EA6, '丬'),
    (0x2EA7, '牛'),
    (0x2EA8, '犭'),
    (0x2EA9, '王'),
    (0x2EAA, '𤴔'),
    (0x2EAB, '罒'),
    (0x2EAC, '示'),
    (0x2EAD, '礻'),
    (0x2EAE, '𥫗'),
    (0x2EAF, '糹'),
    (0x2EB0, '纟'),
    (0x2EB1, '罓'),
    (0x2EB2, '罒'),
    (0x2EB3, '㓁'),
    (0x2EB6, '羊'),
    (0x2EB9, '耂'),
    (0x2EBA, '肀'),
    (0x2EBB, '聿'),
    (0x2EBC, '月'),
    (0x2EBD, '臼'),
    (0x2EBE, '艹'),
    (0x2EBF, '艹'),
    (0x2EC0, '艹'),
    (0x2EC1, '虎'),
    (0x2EC2, '衤'),
    (0x2EC3, '覀'),
    (0x2EC4, '西'),
    (0x2EC5, '见'),
    (0x2EC6, '角'),
    (0x2EC8, '讠'),
    (0x2EC9, '贝'),
    (0x2ECA, '𧾷'),
    (0x2ECB, '车'),
    (0x2ECC, '辶'),
    (0x2ECD, '辶'),
    (0x2ECF, '阝'),
    (0x2ED0, '钅'),
    (0x2ED1, '長'),
    (0x2ED2, '镸'),
    (0x2ED3, '长'),
    (0x2ED4, '门'),
    (0x2ED6, '阝'),
    (0x2ED7, '雨'),
    (0x2ED8, '青'),
    (0x2ED9, '韦'),
    (0x2EDA, '页'),
    (0x2EDB, '风'),
    (0x2EDC, '飞'),
    (0x2EDD, '食'),
    (0x2EDE, '𩙿'),
    (0x2EDF, '飠'),
    (0x2EE0, '饣'),
    (0x2EE2, '马'),
    (0x2EE3, '骨'),
    (0x2EE4, '鬼'),
    (0x2EE5, '鱼'),
    (0x2EE6, '鸟'),
    (0x2EE7, '卤'),
    (0x2EE8, '麦'),
    (0x2EE9, '黄'),
    (0x2EEA, '黾'),
    (0x2EEB, '斉'),
    (0x2EEC, '齐'),
    (0x2EED, '歯'),
    (0x2EEE, '齿'),
    (0x2EEF, '竜'),
    (0x2EF0, '龙'),
    (0x2EF1, '龜'),
    (0x2EF2, '亀'),
    (0x2EF3, '龟'),
];

/// The unified ideograph a radical or compatibility ideograph stands for;
/// every other character unchanged (full-width punctuation stays as printed).
pub fn clean(c: char) -> char {
    let u = c as u32;
    match u {
        0x2E80..=0x2EFF => RADICALS_SUPPLEMENT
            .binary_search_by_key(&u, |&(k, _)| k)
            .ok()
            .and_then(|i| RADICALS_SUPPLEMENT.get(i))
            .map_or(c, |&(_, v)| v),
        0x2F00..=0x2FDF => only_decomposition(c, true),
        0xF900..=0xFAFF | 0x2F800..=0x2FA1F => only_decomposition(c, false),
        _ => c,
    }
}

/// The single character `c` decomposes to, if it decomposes to exactly one.
fn only_decomposition(c: char, compatible: bool) -> char {
    let mut out: Option<char> = None;
    let mut count = 0;
    let mut take = |d: char| {
        count += 1;
        out = Some(d);
    };
    if compatible {
        decompose_compatible(c, &mut take);
    } else {
        decompose_canonical(c, &mut take);
    }
    match (count, out) {
        (1, Some(d)) => d,
        _ => c,
    }
}

/// CJK ideographs, CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFE30..=0xFE4F // compatibility forms
        | 0xFF00..=0xFFEF // half- and full-width forms
        | 0x20000..=0x3134F)
}

/// Characters that show a glyph was not decoded: controls, U+FFFD and
/// private-use code points.
pub fn is_garbage(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c as u32, 0xFFFD | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_map_to_ideographs() {
        let got: String = "⼀⾏⺠⻔⻅⻋（⼀）予以公开⾏政⺟⻳"
            .chars()
            .map(clean)
            .collect();
        assert_eq!(got, "一行民门见车（一）予以公开行政母龟");
    }

    #[test]
    fn compatibility_ideographs_and_punctuation() {
        assert_eq!(clean('\u{F900}'), '豈');
        assert_eq!(clean('\u{FA0E}'), '\u{FA0E}');
        assert_eq!(clean('（'), '（');
        assert_eq!(clean('：'), '：');
        assert_eq!(clean('１'), '１');
    }

    #[test]
    fn table_is_sorted() {
        assert!(RADICALS_SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
    }
}

//! Place names read by OCR, checked against China's divisions
//! (`models/divisions.tsv`, built in). A title names its body by a chain of
//! divisions ("四川省攀枝花市东区人民政府…"): the chain is cut where division
//! names end, and a name the gazetteer does not know is replaced by the one it
//! was most likely printed as, only when that one is clearly the nearest.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// `code<TAB>name` lines; the code's length is the level (2 province,
/// 4 city, 6 county, 9 township) and it begins with its parents' codes.
const TABLE: &str = include_str!("../models/divisions.tsv");

/// What every name in the table ends in (scripts/make-gazetteer keeps no other).
const SUFFIXES: [&str; 11] = [
    "街道", "苏木", "省", "市", "区", "县", "旗", "州", "盟", "镇", "乡",
];

/// Characters OCR takes for one another, one group of look-alikes a line:
/// a shared component or outline (枝/支, 花/化/伦, 东/车).
const LOOK_ALIKES: &[&str] = &[
    "枝支技枚肢吱",
    "花化华伦",
    "东车朿",
    "西酉四",
    "南商",
    "北比此",
    "州川洲",
    "山出",
    "江汀红",
    "河何柯珂",
    "阳阴",
    "安按案",
    "宁守",
    "平干乎",
    "天夭夫无",
    "大太犬丈",
    "木本术禾米",
    "林材",
    "王玉主壬",
    "白自百日",
    "田由甲申电",
    "日曰目",
    "人入八",
    "土士工",
    "己已巳",
    "未末",
    "县具且",
    "区匹巨",
    "市巿币巾",
    "镇慎填",
    "乡多",
    "海梅悔",
    "湖糊瑚",
    "城域诚",
    "庄压",
    "屯电",
    "营菅",
    "清请情倩",
    "济挤",
    "广厂",
    "汉汊",
    "沪泸",
    "鄂萼",
    "瑞端",
    "福幅副",
    "祥样详",
    "峰锋蜂",
    "坪评苹",
    "塘糖搪",
    "桥侨娇",
    "沟构钩",
    "凉谅晾",
    "云去",
    "贵责",
    "吉古告",
    "昌冒",
    "晋普",
    "陵凌棱",
    "阜埠",
    "泽择",
    "源原塬",
    "滨槟",
    "辽过",
    "黑墨",
    "龙尤",
    "长张涨",
    "成戍戊戎",
    "都郡",
    "徐除",
    "乌鸟马",
    "石右",
    "新亲",
    "永水求",
    "治冶",
    "达这迭边",
    "沙抄纱砂",
    "杨扬汤场",
    "松讼",
    "榆愉渝",
    "桂挂娃",
    "湘相",
    "衡衙",
    "漳璋樟",
    "潍维",
    "渭谓",
    "泾经径",
    "襄囊",
    "鹤鸽",
    "钦饮",
    "凤风夙",
    "自目",
    "海每悔",
];

/// Costs of an alignment, in tenths of an edit: a look-alike read for the
/// printed character, any other character, a character missing or extra.
const LOOK_ALIKE_COST: u32 = 3;
const EDIT_COST: u32 = 10;
/// The most a correction may cost when nothing else in the chain backs it:
/// one missing or extra character and a look-alike ("支花市" → "攀枝花市").
const ALONE_MAX: u32 = 13;
/// ... and when a neighbouring name in the chain is its parent or child.
const SUPPORTED_MAX: u32 = 20;
/// Characters of a name's stem from which one slip alone is a misreading
/// (凉山本族自治州); under its parent or over its child, a shorter stem's
/// slip is one too (攀梳花市仁和区).
const LONG_STEM: usize = 4;
/// Characters of a name's stem from which one character read as another
/// and one as a look-alike, all the rest right, is a misreading even alone
/// (凉山酌族目治州).
const LONGER_STEM: usize = 5;
const BACKED_STEM: usize = 3;
/// How much nearer the best name must be than the next one.
const MARGIN: u32 = 5;
/// Codes of townships have nine digits: 40,000 names, many a look-alike apart,
/// so a township is corrected only under its county or city.
const TOWNSHIP_CODE_LEN: usize = 9;

/// One name of the gazetteer and every division that bears it.
struct Division {
    name: &'static str,
    stem: Vec<char>,
    codes: Vec<&'static str>,
}

struct Gazetteer {
    divisions: Vec<Division>,
    by_name: HashMap<&'static str, usize>,
    /// Divisions by suffix and number of characters before it.
    by_shape: HashMap<(&'static str, usize), Vec<usize>>,
    look_alikes: HashSet<(char, char)>,
    longest: usize,
}

fn suffix_of(name: &str) -> Option<&'static str> {
    SUFFIXES
        .into_iter()
        .find(|s| name.len() > s.len() && name.ends_with(s))
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut g = Gazetteer {
            divisions: Vec::new(),
            by_name: HashMap::new(),
            by_shape: HashMap::new(),
            look_alikes: HashSet::new(),
            longest: 0,
        };
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let Some((code, name)) = line.split_once('\t') else {
                continue;
            };
            let Some(suffix) = suffix_of(name) else {
                continue;
            };
            let i = *g.by_name.entry(name).or_insert_with(|| {
                let stem: Vec<char> = name[..name.len() - suffix.len()].chars().collect();
                g.by_shape
                    .entry((suffix, stem.len()))
                    .or_default()
                    .push(g.divisions.len());
                g.longest = g.longest.max(name.chars().count());
                g.divisions.push(Division {
                    name,
                    stem,
                    codes: Vec::new(),
                });
                g.divisions.len() - 1
            });
            g.divisions[i].codes.push(code);
        }
        for group in LOOK_ALIKES {
            for a in group.chars() {
                for b in group.chars().filter(|&b| b != a) {
                    g.look_alikes.insert((a, b));
                }
            }
        }
        g
    })
}

/// What an alignment of a name as read to a name of the gazetteer did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Edits {
    cost: u32,
    exact: u32,
    look_alike: u32,
    other: u32,
    missing_or_extra: u32,
    /// Two neighbouring characters read in each other's place.
    swapped: u32,
}

impl Edits {
    /// One character of a stem of `len` read as another and at most one
    /// dropped or added, with at least half of it, and two characters, read
    /// right: a misreading only where the hierarchy backs it.
    fn slip_and_gap(&self, len: usize) -> bool {
        self.other == 1
            && self.look_alike == 0
            && self.missing_or_extra <= 1
            && self.exact >= 2
            && 2 * self.exact as usize >= len
    }

    /// One character dropped, every other one right (银川 read 银 where a
    /// seal covered 川); never one added, which is another word (新华社区).
    fn one_gap(&self, len: usize) -> bool {
        self.other == 0
            && self.look_alike == 0
            && self.missing_or_extra == 1
            && self.exact >= 1
            && self.exact as usize + 1 == len
    }

    /// Two neighbouring characters read in each other's place, every
    /// other one right (利通 read 通利).
    fn one_swap(&self, len: usize) -> bool {
        self.swapped == 1
            && self.other == 0
            && self.look_alike == 0
            && self.missing_or_extra == 0
            && self.exact as usize + 2 == len
    }

    /// One character of a stem of `min` characters or more read as
    /// another, every other one right.
    fn one_slip(&self, len: usize, min: usize) -> bool {
        self.slip_with_alikes(0, len, min)
    }

    /// One character of a stem of `min` characters or more read as another
    /// and one as a look-alike, every other one right.
    fn slip_and_alike(&self, len: usize, min: usize) -> bool {
        self.slip_with_alikes(1, len, min)
    }

    /// One character of a stem of `min` characters or more read as another
    /// and exactly `alikes` as look-alikes, every other one right.
    fn slip_with_alikes(&self, alikes: u32, len: usize, min: usize) -> bool {
        self.other == 1
            && self.look_alike == alikes
            && self.missing_or_extra == 0
            && (self.exact + 1 + alikes) as usize >= len
            && len >= min
    }

    fn with(self, f: impl FnOnce(&mut Edits)) -> Edits {
        let mut e = self;
        f(&mut e);
        e
    }

    /// An alignment that looks like a misreading of `printed` (a stem of `len`
    /// characters): a look-alike shows that OCR slipped, at most one other
    /// character and one missing or extra, half the name read right or alike.
    /// A name that only lacks or adds a character is left alone: titles
    /// shorten and extend names (凉山州, 新华社区). A long name with one
    /// character read as another, all the rest right, is a slip too (凉山本族
    /// for 凉山彝族: 彝 is rare enough that no look-alike table holds it).
    fn misreading(&self, len: usize) -> bool {
        (self.look_alike >= 1 || self.one_slip(len, BACKED_STEM))
            && self.other <= 1
            && self.missing_or_extra <= 1
            && 2 * (self.exact + self.look_alike) as usize >= len
    }
}

impl Gazetteer {
    /// The cheapest alignment of `read` to `printed`; of equal cost, the one
    /// with the most characters read right.
    fn align(&self, read: &[char], printed: &[char]) -> Edits {
        let width = printed.len() + 1;
        let mut before: Option<Vec<Edits>> = None;
        let mut row: Vec<Edits> = (0..width)
            .map(|j| Edits {
                cost: EDIT_COST * j as u32,
                missing_or_extra: j as u32,
                ..Edits::default()
            })
            .collect();
        for (i, &r) in read.iter().enumerate() {
            let mut next = vec![row[0].with(|e| {
                e.cost += EDIT_COST;
                e.missing_or_extra += 1;
            })];
            for (j, &p) in printed.iter().enumerate() {
                let diagonal = row[j].with(|e| {
                    if r == p {
                        e.exact += 1;
                    } else if self.look_alikes.contains(&(r, p)) {
                        e.cost += LOOK_ALIKE_COST;
                        e.look_alike += 1;
                    } else {
                        e.cost += EDIT_COST;
                        e.other += 1;
                    }
                });
                let gap = |e: &mut Edits| {
                    e.cost += EDIT_COST;
                    e.missing_or_extra += 1;
                };
                let swap = before.as_ref().filter(|_| {
                    j >= 1 && i >= 1 && r == printed[j - 1] && read[i - 1] == p && r != p
                });
                let swap = swap.map(|b| {
                    b[j - 1].with(|e| {
                        e.cost += EDIT_COST;
                        e.swapped += 1;
                    })
                });
                let best = [
                    Some(diagonal),
                    Some(row[j + 1].with(gap)),
                    Some(next[j].with(gap)),
                    swap,
                ]
                .into_iter()
                .flatten()
                .min_by_key(|e| (e.cost, u32::MAX - e.exact))
                .unwrap_or(diagonal);
                next.push(best);
            }
            before = Some(std::mem::replace(&mut row, next));
        }
        row[printed.len()]
    }

    /// The one-character suffix that `c` is a look-alike of (县 for 具).
    fn suffix_alike(&self, c: char) -> Option<&'static str> {
        SUFFIXES.into_iter().find(|s| {
            let mut one = s.chars();
            matches!((one.next(), one.next()), (Some(x), None) if self.look_alikes.contains(&(c, x)))
        })
    }

    /// Every name with the suffix of `read` within reach of it, nearest first.
    fn near(&self, stem: &[char], suffix: &'static str) -> Vec<(usize, Edits)> {
        let reach = SUPPORTED_MAX + MARGIN;
        let lengths = stem.len().saturating_sub(2)..=stem.len() + 2;
        let mut out: Vec<(usize, Edits)> = lengths
            .filter_map(|n| self.by_shape.get(&(suffix, n)))
            .flatten()
            .map(|&d| (d, self.align(stem, &self.divisions[d].stem)))
            .filter(|(_, e)| e.cost <= reach)
            .collect();
        out.sort_by_key(|(d, e)| (e.cost, *d));
        out
    }
}

/// A name of the chain: where it is (characters), what it ends in, and
/// either the gazetteer's own name or the names it may be a misreading of.
struct Piece {
    chars: Range<usize>,
    exact: Option<usize>,
    near: Vec<(usize, Edits)>,
}

impl Piece {
    /// How much of the chain this piece explains, in tenths of a character;
    /// None when it is no division.
    fn score(&self, g: &Gazetteer) -> Option<u32> {
        let len = 10 * self.chars.len() as u32;
        if self.exact.is_some() {
            return Some(len);
        }
        self.near
            .iter()
            .find(|(d, e)| {
                let len = g.divisions[*d].stem.len();
                e.cost <= SUPPORTED_MAX
                    && (e.misreading(len)
                        || e.slip_and_gap(len)
                        || e.one_gap(len)
                        || e.one_swap(len))
            })
            .map(|(_, e)| len.saturating_sub(e.cost))
    }
}

/// The pieces a text starting with division names is made of: the chain
/// that explains the most of it, cut only where a division suffix ends.
fn chain(g: &Gazetteer, chars: &[char]) -> Vec<Piece> {
    let n = chars.len();
    // best[i]: the score of the best chain from character i, and its first piece.
    let mut best: Vec<(u32, Option<Piece>)> = (0..=n).map(|_| (0, None)).collect();
    for start in (0..n).rev() {
        for end in start + 2..=n.min(start + g.longest + 1) {
            let text: String = chars[start..end].iter().collect();
            let (exact, near) = if let Some(suffix) = suffix_of(&text) {
                let stem = &chars[start..end - suffix.chars().count()];
                match g.by_name.get(text.as_str()) {
                    Some(&d) => (Some(d), Vec::new()),
                    None => (None, g.near(stem, suffix)),
                }
            } else if let Some(suffix) = g.suffix_alike(chars[end - 1]) {
                // A one-character suffix read as a look-alike (县 as 具)
                // ends a name too, at a look-alike's cost.
                let slip = |e: &mut Edits| {
                    e.cost += LOOK_ALIKE_COST;
                    e.look_alike += 1;
                };
                let near = g.near(&chars[start..end - 1], suffix);
                (
                    None,
                    near.into_iter().map(|(d, e)| (d, e.with(slip))).collect(),
                )
            } else {
                continue;
            };
            let piece = Piece {
                chars: start..end,
                exact,
                near,
            };
            if let Some(s) = piece.score(g) {
                let total = s + best[end].0;
                if total > best[start].0 {
                    best[start] = (total, Some(piece));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(piece) = best.get_mut(at).and_then(|b| b.1.take()) {
        at = piece.chars.end;
        out.push(piece);
    }
    out
}

/// Whether `child` lies inside `parent`.
fn within(parent: &str, child: &str) -> bool {
    child.len() > parent.len() && child.starts_with(parent)
}

/// The codes of a division that fit between the resolved neighbours.
fn fitting(d: &Division, parent: Option<&[&str]>, child: Option<&[&str]>) -> Vec<&'static str> {
    d.codes
        .iter()
        .copied()
        .filter(|c| parent.is_none_or(|p| p.iter().any(|p| within(p, c))))
        .filter(|c| child.is_none_or(|k| k.iter().any(|k| within(c, k))))
        .collect()
}

/// The division a piece not in the gazetteer was printed as, if one is
/// clearly the nearest among those that fit its resolved neighbours; with
/// the codes it has there.
fn decide(
    g: &Gazetteer,
    piece: &Piece,
    parent: Option<&[&str]>,
    child: Option<&[&str]>,
) -> Option<(usize, Vec<&'static str>)> {
    let mut fits = piece.near.iter().filter_map(|&(d, e)| {
        let codes = fitting(&g.divisions[d], parent, child);
        (!codes.is_empty()).then_some((d, e, codes))
    });
    let (d, edits, codes) = fits.next()?;
    if fits
        .next()
        .is_some_and(|(_, e, _)| e.cost < edits.cost + MARGIN)
    {
        return None;
    }
    let division = &g.divisions[d];
    let supported = parent.is_some() || child.is_some();
    let township = codes.iter().all(|c| c.len() == TOWNSHIP_CODE_LEN);
    let slip = edits.one_slip(division.stem.len(), LONG_STEM)
        || edits.slip_and_alike(division.stem.len(), LONGER_STEM);
    let alone =
        edits.cost <= ALONE_MAX && (edits.other == 0 || slip) && edits.exact >= 1 && !township;
    let backed = supported && edits.cost <= SUPPORTED_MAX;
    // Under its parent or over its child, one character read as another
    // and one dropped or added is a misreading too (攀枢人花市 over 仁和区).
    let backed_slip = backed && edits.slip_and_gap(division.stem.len());
    // Under its parent or over its child, one character dropped is a
    // misreading too (银市 over 金凤区).
    let backed_gap = backed && edits.one_gap(division.stem.len());
    // ... and so are two neighbours read in each other's place (通利区
    // under 吴忠市).
    let backed_swap = backed && edits.one_swap(division.stem.len());
    ((edits.misreading(division.stem.len()) && (alone || backed))
        || backed_slip
        || backed_gap
        || backed_swap)
        .then_some((d, codes))
}

/// A name of the text replaced by the gazetteer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// Byte range of the name as read in the text given.
    pub range: Range<usize>,
    pub read: String,
    pub name: &'static str,
}

/// The corrections of the division names a text starts with ("四川省攀枚花市
/// 东区人民政府…"). A name the gazetteer holds is never changed, nor anything
/// after the last division name.
pub fn correct(text: &str) -> Vec<Correction> {
    let g = gazetteer();
    let chars: Vec<char> = text.chars().collect();
    let offsets: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let pieces = chain(g, &chars);
    let mut codes: Vec<Option<Vec<&str>>> = pieces
        .iter()
        .map(|p| p.exact.map(|d| g.divisions[d].codes.clone()))
        .collect();
    let mut chosen: Vec<Option<usize>> = vec![None; pieces.len()];
    // A correction backs its neighbours in turn: go on while one is made.
    let mut changed = true;
    while changed {
        changed = false;
        for (i, piece) in pieces.iter().enumerate() {
            if codes[i].is_some() {
                continue;
            }
            let parent = i.checked_sub(1).and_then(|p| codes[p].as_deref());
            let child = codes.get(i + 1).and_then(|c| c.as_deref());
            if let Some((d, fit)) = decide(g, piece, parent, child) {
                codes[i] = Some(fit);
                chosen[i] = Some(d);
                changed = true;
            }
        }
    }
    pieces
        .iter()
        .zip(chosen)
        .filter_map(|(p, d)| {
            let range = offsets[p.chars.start]..offsets[p.chars.end];
            Some(Correction {
                read: text[range.clone()].to_string(),
                range,
                name: g.divisions[d?].name,
            })
        })
        .collect()
}

/// The text with the corrections made.
pub fn apply(text: &str, corrections: &[Correction]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for c in corrections {
        out.push_str(&text[at..c.range.start]);
        out.push_str(c.name);
        at = c.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether the gazetteer holds this name.
pub fn is_known(name: &str) -> bool {
    gazetteer().by_name.contains_key(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_with_one_slip_of_a_rare_character_is_corrected() {
        assert_eq!(corrected("凉山本族自治州公安局"), "凉山彝族自治州公安局");
        // ... and one more read as a look-alike (目 for 自).
        assert_eq!(
            corrected("凉山酌族目治州医疗保障局"),
            "凉山彝族自治州医疗保障局"
        );
        assert_eq!(corrected("攀梳花市仁和区"), "攀枝花市仁和区");
        // 海 with its water radical lost.
        assert_eq!(corrected("每原县统计局"), "海原县统计局");
        // A short name with one character changed is another name.
        assert_eq!(corrected("东区"), "东区");
    }

    fn corrected(text: &str) -> String {
        apply(text, &correct(text))
    }

    #[test]
    fn a_suffix_read_as_a_look_alike_still_ends_a_name() {
        // 县 read as 有具: one extra character and a look-alike.
        assert_eq!(corrected("米易有具交通运输局"), "米易县交通运输局");
        assert_eq!(corrected("攀枝花巿东区人民政府"), "攀枝花市东区人民政府");
        // Names the gazetteer holds stay as they are.
        assert_eq!(corrected("四川省人民政府"), "四川省人民政府");
        assert_eq!(corrected("米易县具体工作"), "米易县具体工作");
    }

    #[test]
    fn a_character_dropped_is_given_back_only_where_a_neighbour_backs_the_name() {
        assert_eq!(corrected("银市金凤区民政局"), "银川市金凤区民政局");
        assert_eq!(corrected("忠市利通区人民政府"), "吴忠市利通区人民政府");
        assert_eq!(corrected("银市民政局"), "银市民政局");
    }

    #[test]
    fn two_characters_read_in_each_others_place_are_put_back_under_a_parent() {
        assert_eq!(
            corrected("吴忠市通利区卫生健康委员会"),
            "吴忠市利通区卫生健康委员会"
        );
        // Alone, a name read so may be another name.
        assert_eq!(corrected("通利区卫生健康委员会"), "通利区卫生健康委员会");
    }

    #[test]
    fn the_table_is_read_whole() {
        let lines = TABLE.lines().filter(|l| !l.starts_with('#')).count();
        let g = gazetteer();
        let codes: usize = g.divisions.iter().map(|d| d.codes.len()).sum();
        assert_eq!(codes, lines);
        assert!(lines > 40_000);
        assert!(is_known("攀枝花市") && is_known("东区") && is_known("凉山州"));
    }

    #[test]
    fn a_look_alike_is_corrected() {
        let c = correct("攀枚花市人民政府办公室");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].read.as_str(), c[0].name), ("攀枚花市", "攀枝花市"));
        assert_eq!(c[0].range, 0.."攀枚花市".len());
        assert_eq!(
            corrected("攀枚花市人民政府办公室"),
            "攀枝花市人民政府办公室"
        );
    }

    #[test]
    fn a_missing_character_with_a_look_alike_is_corrected_where_it_is_unique() {
        // Alone, 支花市 is as near to 通化市, 绥化市 … (化 for 花) as to 攀枝花市.
        assert!(correct("支花市人民政府").is_empty());
        // Under 四川省 or over 西区, only 攀枝花市 is that near.
        assert_eq!(corrected("四川省支花市人民政府"), "四川省攀枝花市人民政府");
        assert_eq!(corrected("支花市西区人民政府"), "攀枝花市西区人民政府");
    }

    #[test]
    fn a_name_far_off_is_corrected_only_under_the_hierarchy() {
        // 上 for 攀 is no look-alike: only 西区, which lies in 攀枝花市, backs it.
        assert_eq!(corrected("上支伦市人民政府"), "上支伦市人民政府");
        assert_eq!(corrected("上支伦市西区人民政府"), "攀枝花市西区人民政府");
        assert_eq!(corrected("四川省上支伦市东区"), "四川省攀枝花市东区");
    }

    #[test]
    fn a_slip_and_an_extra_character_are_corrected_only_under_the_hierarchy() {
        assert_eq!(
            corrected("攀枢人花市仁和区医疗保障局"),
            "攀枝花市仁和区医疗保障局"
        );
        assert_eq!(corrected("攀枢人花市医疗保障局"), "攀枢人花市医疗保障局");
    }

    #[test]
    fn a_short_name_is_corrected_under_its_parent() {
        assert_eq!(corrected("攀枝花市车区人民政府"), "攀枝花市东区人民政府");
        assert_eq!(corrected("银川市金风区司法局"), "银川市金凤区司法局");
        // Alone, one character is too little to go by.
        assert_eq!(corrected("车区人民政府"), "车区人民政府");
    }

    #[test]
    fn real_names_are_never_changed() {
        for t in [
            "攀枝花市西区人民政府办公室",
            "四川省攀枝花市东区",
            "北京市朝阳区",
            "凉山州西昌市",
            "上海市",
            "潮阳区",
        ] {
            assert!(correct(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn what_is_no_division_is_left_alone() {
        for t in [
            "攀枝花市住房和城乡建设局",
            "攀枝花市公安局东区分局",
            "石家庄市新华社区",
            "国家税务总局攀枝花市税务局",
            "襄樊市樊城区",
        ] {
            assert!(correct(t).is_empty(), "{t}: {:?}", correct(t));
        }
    }

    #[test]
    fn an_ambiguous_misreading_is_left_alone() {
        // 鸟 is a look-alike of both 乌 and 马: 义乌市 or 义马市; 汀 of 江 and
        // 红: 江安县 or 红安县.
        for t in ["义鸟市人民政府", "汀安县人民政府", "支花市人民政府"] {
            assert!(correct(t).is_empty(), "{t}: {:?}", correct(t));
        }
        // Under its city the county is clear.
        assert_eq!(corrected("宜宾市汀安县人民政府"), "宜宾市江安县人民政府");
    }

    #[test]
    fn a_long_name_with_a_slip_and_a_look_alike_is_never_misplaced() {
        let g = gazetteer();
        let mut right = 0;
        let long = g
            .divisions
            .iter()
            .filter(|d| d.stem.len() >= LONGER_STEM && d.codes.iter().any(|c| c.len() <= 6));
        for d in long {
            let suffix = suffix_of(d.name).unwrap_or_default();
            let Some((k, alike)) = d.stem.iter().enumerate().find_map(|(k, p)| {
                g.look_alikes
                    .iter()
                    .find(|(a, _)| a == p)
                    .map(|&(_, alike)| (k, alike))
            }) else {
                continue;
            };
            for m in (0..d.stem.len()).filter(|&m| m != k) {
                let mut stem = d.stem.clone();
                stem[k] = alike;
                stem[m] = '囗';
                let read: String = stem.into_iter().collect::<String>() + suffix;
                match correct(&format!("{read}人民政府")).as_slice() {
                    [] => {}
                    [c] if c.read == read && c.name == d.name => right += 1,
                    other => panic!("{read} (for {}) made {other:?}", d.name),
                }
            }
        }
        assert!(right > 100, "{right}");
    }

    #[test]
    fn one_look_alike_in_a_city_or_county_name_is_undone_and_never_misplaced() {
        let g = gazetteer();
        let (mut right, mut left_alone) = (0, 0);
        let sample = g
            .divisions
            .iter()
            .filter(|d| d.codes.iter().any(|c| c.len() <= 6))
            .step_by(7);
        for d in sample {
            let suffix = suffix_of(d.name).unwrap_or_default();
            for (k, printed) in d.stem.iter().enumerate() {
                for &(_, alike) in g.look_alikes.iter().filter(|(a, _)| a == printed) {
                    let mut stem = d.stem.clone();
                    stem[k] = alike;
                    let read: String = stem.into_iter().collect::<String>() + suffix;
                    if is_known(&read) {
                        continue;
                    }
                    match correct(&format!("{read}人民政府")).as_slice() {
                        [] => left_alone += 1,
                        [c] if c.read == read && c.name == d.name => right += 1,
                        other => panic!("{read} (for {}) made {other:?}", d.name),
                    }
                }
            }
        }
        assert!(
            right > 900 && left_alone * 20 < right,
            "{right} {left_alone}"
        );
    }
}

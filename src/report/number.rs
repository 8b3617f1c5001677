//! Printed table values → numbers: full-width digits, thousands separators,
//! the dash / slash / 无 family as 0, signs, units.

use crate::template::Kind;
use crate::template::label::to_half_width;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Parsed {
    /// Nothing printed.
    Blank,
    /// A number; `converted` when a value printed in 元 was turned into 万元.
    Value { value: f64, converted: bool },
    /// Something printed that is not a number of this kind.
    Unreadable,
}

/// Printed forms that mean zero.
const ZERO_MARKS: &[&str] = &["-", "—", "–", "―", "−", "/", "\\", "无", "——", "--", "一"];

/// Parses one printed cell as a value of the given kind.
pub fn parse(raw: &str, kind: Kind) -> Parsed {
    let s: String = raw
        .chars()
        .map(to_half_width)
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    // Punctuation of a neighbouring label that overhangs into the cell
    // ("2、" set in a cell too narrow for it, a closing bracket) is not part
    // of the value.
    let s = s.trim_matches(['、', '。', ';', ':', '(', ')']);
    if s.is_empty() {
        return Parsed::Blank;
    }
    if ZERO_MARKS.contains(&s) {
        return Parsed::Value {
            value: 0.0,
            converted: false,
        };
    }
    let (body, divisor) = if let Some(b) = s.strip_suffix("万元") {
        (b, 1.0)
    } else if let Some(b) = s.strip_suffix('元') {
        (b, 10_000.0)
    } else {
        (s.trim_end_matches(['件', '个', '项', '条']), 1.0)
    };
    // OCR reads the plus sign of a change as 十, its Chinese look-alike.
    let body = match body.strip_prefix('十') {
        Some(rest) if kind == Kind::Change && rest.starts_with(|c: char| c.is_ascii_digit()) => {
            rest
        }
        _ => body,
    };
    let unsigned = body.strip_prefix('+').unwrap_or(body);
    let well_formed = !unsigned.is_empty()
        && unsigned
            .trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && unsigned.chars().filter(|&c| c == '.').count() <= 1
        && unsigned.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Parsed::Unreadable;
    }
    let Ok(v) = unsigned.parse::<f64>() else {
        return Parsed::Unreadable;
    };
    match kind {
        Kind::Count if v < 0.0 || v.fract() != 0.0 => Parsed::Unreadable,
        Kind::Change if v.fract() != 0.0 => Parsed::Unreadable,
        Kind::Amount if divisor != 1.0 => Parsed::Value {
            value: v / divisor,
            converted: true,
        },
        _ => Parsed::Value {
            value: v,
            converted: false,
        },
    }
}

/// True when a cell's text reads as a value of some kind (used to tell
/// value cells from label cells).
pub fn looks_numeric(raw: &str) -> bool {
    matches!(parse(raw, Kind::Amount), Parsed::Value { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(raw: &str, kind: Kind) -> Option<f64> {
        match parse(raw, kind) {
            Parsed::Value { value, .. } => Some(value),
            _ => None,
        }
    }

    #[test]
    fn plain_and_full_width_digits() {
        assert_eq!(v("12854581", Kind::Count), Some(12854581.0));
        assert_eq!(v("１２", Kind::Count), Some(12.0));
        assert_eq!(v(" 7 ", Kind::Count), Some(7.0));
        assert_eq!(v("1,234", Kind::Count), Some(1234.0));
    }

    #[test]
    fn dash_slash_and_none_are_zero() {
        for raw in ["—", "-", "/", "无", "0.00", "－", "／"] {
            assert_eq!(v(raw, Kind::Count), Some(0.0), "{raw}");
        }
    }

    #[test]
    fn a_neighbours_punctuation_and_wrapped_digits_leave_the_number() {
        assert_eq!(v("0、", Kind::Count), Some(0.0));
        assert_eq!(v("、12", Kind::Count), Some(12.0));
        assert_eq!(v("，87）", Kind::Count), Some(87.0));
        assert_eq!(v("160 1", Kind::Count), Some(1601.0));
        assert_eq!(parse("、", Kind::Count), Parsed::Blank);
    }

    #[test]
    fn blank_is_not_zero() {
        assert_eq!(parse("", Kind::Count), Parsed::Blank);
        assert_eq!(parse("  ", Kind::Count), Parsed::Blank);
    }

    #[test]
    fn signed_changes() {
        assert_eq!(v("-183", Kind::Change), Some(-183.0));
        assert_eq!(v("+5174", Kind::Change), Some(5174.0));
        assert_eq!(parse("-183", Kind::Count), Parsed::Unreadable);
    }

    #[test]
    fn a_plus_read_as_its_chinese_look_alike_is_a_sign_of_a_change_only() {
        assert_eq!(v("十3480", Kind::Change), Some(3480.0));
        assert_eq!(parse("十3480", Kind::Count), Parsed::Unreadable);
        assert_eq!(parse("十", Kind::Change), Parsed::Unreadable);
    }

    #[test]
    fn amounts_keep_decimals_and_convert_yuan() {
        assert_eq!(v("5949.088667", Kind::Amount), Some(5949.088667));
        assert_eq!(
            parse("251000元", Kind::Amount),
            Parsed::Value {
                value: 25.1,
                converted: true
            }
        );
        assert_eq!(v("12.5万元", Kind::Amount), Some(12.5));
    }

    #[test]
    fn text_is_unreadable() {
        assert_eq!(parse("自然人", Kind::Count), Parsed::Unreadable);
        assert_eq!(parse("1.5", Kind::Count), Parsed::Unreadable);
        assert_eq!(parse("1.2.3", Kind::Amount), Parsed::Unreadable);
        assert!(!looks_numeric("总计"));
        assert!(looks_numeric("0"));
    }
}

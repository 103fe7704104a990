//! Money as printed → exact amounts in 元.
//!
//! Amounts are `rust_decimal::Decimal`, never floats. A blank, `-` or `—` cell is *no value*
//! (`None`), which is not the same as `0.00`.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The money unit a table or sentence declares (单位：万元 / 元 / 亿元 / 千元). A printed term, not
/// an identifier: frames, JSON and Python give it as printed (`万元`, [`MoneyUnit::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MoneyUnit {
    /// 元.
    #[serde(rename = "元")]
    Yuan,
    /// 千元 (1,000 元).
    #[serde(rename = "千元")]
    QianYuan,
    /// 万元 (10,000 元).
    #[serde(rename = "万元")]
    WanYuan,
    /// 亿元 (100,000,000 元).
    #[serde(rename = "亿元")]
    YiYuan,
}

impl MoneyUnit {
    /// How many 元 one unit is.
    pub fn yuan_factor(self) -> Decimal {
        match self {
            MoneyUnit::Yuan => Decimal::ONE,
            MoneyUnit::QianYuan => Decimal::from(1_000),
            MoneyUnit::WanYuan => Decimal::from(10_000),
            MoneyUnit::YiYuan => Decimal::from(100_000_000),
        }
    }

    /// The unit as printed: `元`, `千元`, `万元`, `亿元`.
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::QianYuan => "千元",
            MoneyUnit::WanYuan => "万元",
            MoneyUnit::YiYuan => "亿元",
        }
    }

    /// Parse a unit word (`元`, `万元`, …), ignoring surrounding whitespace.
    pub fn from_word(word: &str) -> Option<MoneyUnit> {
        match word.trim() {
            "元" => Some(MoneyUnit::Yuan),
            "千元" => Some(MoneyUnit::QianYuan),
            "万元" => Some(MoneyUnit::WanYuan),
            "亿元" => Some(MoneyUnit::YiYuan),
            _ => None,
        }
    }

    /// Find a declared unit such as `单位：万元`, `单位:元`, `金额单位：万元` or `(万元)` in a text.
    ///
    /// ```
    /// use budget_core::MoneyUnit;
    /// assert_eq!(MoneyUnit::declared_in("预算年度：2023  单位：万元"), Some(MoneyUnit::WanYuan));
    /// assert_eq!(MoneyUnit::declared_in("价值（金额单位：万元）"), Some(MoneyUnit::WanYuan));
    /// assert_eq!(MoneyUnit::declared_in("单位名称：长沙市公安局 单位：万元"), Some(MoneyUnit::WanYuan));
    /// assert_eq!(MoneyUnit::declared_in("收入总计"), None);
    /// ```
    pub fn declared_in(text: &str) -> Option<MoneyUnit> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        compact.match_indices("单位").find_map(|(i, _)| {
            let after = compact[i + "单位".len()..].trim_start_matches([':', '：', '为']);
            ["亿元", "千元", "万元", "元"]
                .iter()
                .find(|word| after.starts_with(*word))
                .and_then(|word| MoneyUnit::from_word(word))
        })
    }
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a cell that should hold an amount actually holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// Nothing printed, or a placeholder (`-`, `—`, `/`, `无`): no value, not zero.
    Blank,
    /// A number, exactly as printed (thousands separators removed).
    Number(Decimal),
    /// Text that is not a number.
    Text,
}

/// Read a printed amount: `4749.30`, `1,234.5`, `-12.00`, `（12.00）` (negative), full-width digits.
///
/// ```
/// use budget_core::money::{parse_amount, CellValue};
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// assert_eq!(parse_amount("4749.30"), CellValue::Number(Decimal::from_str("4749.30").unwrap()));
/// assert_eq!(parse_amount("1,234.50"), CellValue::Number(Decimal::from_str("1234.50").unwrap()));
/// assert_eq!(parse_amount("１２．５"), CellValue::Number(Decimal::from_str("12.5").unwrap()));
/// assert_eq!(parse_amount(" - "), CellValue::Blank);
/// assert_eq!(parse_amount(""), CellValue::Blank);
/// assert_eq!(parse_amount("合计"), CellValue::Text);
/// ```
pub fn parse_amount(printed: &str) -> CellValue {
    let text = crate::text::normalize_numeric(printed.trim());
    let text = text.trim();
    if text.is_empty() || matches!(text, "-" | "--" | "—" | "——" | "－" | "/" | "无" | "…" | "--.--") {
        return CellValue::Blank;
    }
    let (negative, body) = if let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        (true, inner)
    } else if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else {
        (false, text)
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return CellValue::Text;
    }
    if !body.as_bytes()[0].is_ascii_digit() || body.matches('.').count() > 1 || !valid_grouping(body) {
        return CellValue::Text;
    }
    let digits: String = body.chars().filter(|&c| c != ',').collect();
    match digits.parse::<Decimal>() {
        Ok(value) if negative => CellValue::Number(-value),
        Ok(value) => CellValue::Number(value),
        Err(_) => CellValue::Text,
    }
}

/// Thousands separators, if present, must group the integer part by three (`1,234,567.00`).
fn valid_grouping(body: &str) -> bool {
    let integer = body.split('.').next().unwrap_or("");
    if !integer.contains(',') {
        return !body.contains(',');
    }
    let groups: Vec<&str> = integer.split(',').collect();
    groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn num(s: &str) -> CellValue {
        CellValue::Number(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn amounts_as_printed() {
        assert_eq!(parse_amount("7414.81"), num("7414.81"));
        assert_eq!(parse_amount("5"), num("5"));
        assert_eq!(parse_amount("0.00"), num("0.00"));
        assert_eq!(parse_amount("174,900.64"), num("174900.64"));
        assert_eq!(parse_amount("(3.5)"), num("-3.5"));
        assert_eq!(parse_amount("-0.01"), num("-0.01"));
        assert_eq!(parse_amount("12,34"), CellValue::Text);
        assert_eq!(parse_amount("1.2.3"), CellValue::Text);
        assert_eq!(parse_amount("—"), CellValue::Blank);
        assert_eq!(parse_amount("≥98%"), CellValue::Text);
    }

    #[test]
    fn conversion_to_yuan_is_exact() {
        let amount = Decimal::from_str("4749.30").unwrap() * MoneyUnit::WanYuan.yuan_factor();
        assert_eq!(amount, Decimal::from_str("47493000.00").unwrap());
    }
}

//! Numbers as rules see them ([`Num`]) and the rounding tolerance (尾数误差) of a comparison.
//!
//! A value printed with `d` decimals in a unit worth `f` 元 may be off by half its last digit,
//! `0.5 × 10^-d × f` 元. A comparison of a total with `n` summed parts therefore allows the sum of
//! the half-units of all `n + 1` numbers: `(n + 1) × 0.005 万元` when everything is printed with two
//! decimals in 万元. A printed zero is taken as exact.

use rust_decimal::Decimal;

use super::finding::{Finding, FindingStatus, NumberRef};
use super::Rule;
use crate::model::{Fact, LineItem};
use crate::money::MoneyUnit;
use crate::provenance::Provenance;

/// A number used by a rule: its value (元 for money), its rounding half-unit and its origin.
#[derive(Debug, Clone)]
pub(crate) struct Num {
    pub label: String,
    pub amount: Option<Decimal>,
    pub printed: String,
    pub half_unit: Decimal,
    pub provenance: Provenance,
    pub table_index: Option<usize>,
    pub fact_index: Option<usize>,
}

impl Num {
    /// A table cell.
    pub fn from_item(item: &LineItem) -> Num {
        let factor =
            item.unit_printed.as_deref().and_then(MoneyUnit::from_word).map_or(Decimal::ONE, |u| u.yuan_factor());
        let factor = if item.is_money { factor } else { Decimal::ONE };
        let scale = printed_scale(&item.amount_printed);
        let exact = item.amount.is_none_or(|a| a.is_zero()) || !item.is_money;
        let unit = item.unit_printed.as_deref().unwrap_or("");
        Num {
            label: format!("{} | {}", item.name.trim(), item.measure),
            amount: item.amount,
            printed: if item.amount_printed.is_empty() {
                String::new()
            } else {
                format!("{}{unit}", item.amount_printed)
            },
            half_unit: if exact { Decimal::ZERO } else { half_unit(scale, factor) },
            provenance: item.provenance.clone(),
            table_index: Some(item.table_index),
            fact_index: None,
        }
    }

    /// A narrative number (its money value in 元 when it is money, else the value as printed).
    pub fn from_fact(index: usize, fact: &Fact) -> Num {
        let factor = fact.unit.as_deref().and_then(MoneyUnit::from_word).map_or(Decimal::ONE, |u| u.yuan_factor());
        let amount = fact.amount_yuan.unwrap_or(fact.value);
        let exact = amount.is_zero() || fact.amount_yuan.is_none();
        Num {
            label: fact.label.clone(),
            amount: Some(amount),
            printed: format!("{}{}", fact.value, fact.unit.as_deref().unwrap_or("")),
            half_unit: if exact { Decimal::ZERO } else { half_unit(fact.value.scale(), factor) },
            provenance: fact.provenance.clone(),
            table_index: None,
            fact_index: Some(index),
        }
    }

    /// The value, blank counted as zero.
    pub fn value(&self) -> Decimal {
        self.amount.unwrap_or(Decimal::ZERO)
    }

    pub fn reference(&self, role: &str) -> NumberRef {
        NumberRef {
            role: role.to_string(),
            label: self.label.clone(),
            amount: self.amount,
            amount_printed: self.printed.clone(),
            provenance: self.provenance.clone(),
            table_index: self.table_index,
            fact_index: self.fact_index,
        }
    }
}

/// Decimals printed after the point (`4749.30` → 2, `5` → 0).
pub(crate) fn printed_scale(printed: &str) -> u32 {
    // The digits right after the last point, full-width forms read as ASCII.
    let (mut decimals, mut after_point) = (0, false);
    for c in printed.chars().map(crate::text::numeric_char) {
        match c {
            '.' => (decimals, after_point) = (0, true),
            d if after_point && d.is_ascii_digit() => decimals += 1,
            _ => after_point = false,
        }
    }
    decimals
}

fn half_unit(scale: u32, factor: Decimal) -> Decimal {
    Decimal::new(5, scale.min(20) + 1) * factor
}

/// Whether two numbers state the same amount within the rounding of both (尾数误差); a blank is
/// no amount and agrees with nothing.
pub(crate) fn within_rounding(a: &Num, b: &Num) -> bool {
    match (a.amount, b.amount) {
        (Some(x), Some(y)) => x.checked_sub(y).is_some_and(|d| d.abs() <= a.half_unit + b.half_unit),
        _ => false,
    }
}

/// A finding from comparing `expected` with `actual` (each a sum of one or more numbers).
pub(crate) fn compare(rule: &Rule, expected: &[&Num], actual: &[&Num], what_zh: &str, what_en: &str) -> Finding {
    let numbers: Vec<NumberRef> = expected
        .iter()
        .map(|n| n.reference(if expected.len() == 1 { "expected" } else { "expected_part" }))
        .chain(actual.iter().map(|n| n.reference(if actual.len() == 1 { "actual" } else { "part" })))
        .collect();
    if expected.iter().all(|n| n.amount.is_none()) {
        let status = if actual.iter().all(|n| n.amount.is_none_or(|a| a.is_zero())) {
            FindingStatus::NotApplicable
        } else {
            FindingStatus::InsufficientData
        };
        return rule.finding(
            status,
            [None; 3],
            None,
            format!("{what_zh}：总数未填列"),
            format!("{what_en}: the total is blank"),
            numbers,
        );
    }
    let checked_sum = |nums: &[&Num], value: fn(&Num) -> Decimal| {
        nums.iter().try_fold(Decimal::ZERO, |sum, n| sum.checked_add(value(n)))
    };
    let sums = (checked_sum(expected, Num::value), checked_sum(actual, Num::value));
    let (Some(expected_sum), Some(actual_sum)) = sums else {
        return rule.finding(
            FindingStatus::InsufficientData,
            [None; 3],
            None,
            format!("{what_zh}：金额超出可计算范围"),
            format!("{what_en}: amounts out of the computable range"),
            numbers,
        );
    };
    let all: Vec<&Num> = expected.iter().chain(actual.iter()).copied().collect();
    let tolerance = checked_sum(&all, |n| n.half_unit).unwrap_or(Decimal::MAX);
    let difference = actual_sum.saturating_sub(expected_sum);
    let pass = difference.abs() <= tolerance;
    let status = if pass { FindingStatus::Pass } else { FindingStatus::Fail };
    let printed = |nums: &[&Num]| {
        let parts: Vec<&str> =
            nums.iter().map(|n| if n.printed.is_empty() { "(空)" } else { n.printed.as_str() }).collect();
        parts.join(" + ")
    };
    let verdict_zh = if pass { "一致" } else { "不一致" };
    let verdict_en = if pass { "agree" } else { "disagree" };
    let (expected_printed, actual_printed) = (printed(expected), printed(actual));
    // The message shows at most 4 decimals (a ratio's difference has up to 28); the fields keep all.
    let (shown_difference, shown_tolerance) = (difference.round_dp(4), tolerance.round_dp(4));
    rule.finding(
        status,
        [Some(expected_sum), Some(actual_sum), Some(difference)],
        Some(tolerance),
        format!(
            "{what_zh}：{expected_printed} 对 {actual_printed}，{verdict_zh}（差额 {shown_difference} 元，容差 {shown_tolerance} 元）"
        ),
        format!(
            "{what_en}: {expected_printed} vs {actual_printed}, {verdict_en} (difference {shown_difference} 元, tolerance {shown_tolerance} 元)"
        ),
        numbers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_and_half_units() {
        assert_eq!(printed_scale("4,749.30"), 2);
        assert_eq!(printed_scale("5"), 0);
        assert_eq!(printed_scale("242.3"), 1);
        assert_eq!(printed_scale("１２．３０"), 2);
        assert_eq!(half_unit(2, MoneyUnit::WanYuan.yuan_factor()), Decimal::new(50, 0));
        assert_eq!(half_unit(1, MoneyUnit::WanYuan.yuan_factor()), Decimal::new(500, 0));
    }
}

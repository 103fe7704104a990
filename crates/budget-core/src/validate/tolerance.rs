//! A comparison of numbers under the rounding tolerance (尾数误差, see [`crate::rounding`]).
//!
//! A value printed with `d` decimals in a unit worth `f` 元 may be off by half its last digit,
//! `0.5 × 10^-d × f` 元. A comparison of a total with `n` summed parts therefore allows the sum of
//! the half-units of all `n + 1` numbers: `(n + 1) × 0.005 万元` when everything is printed with two
//! decimals in 万元. A printed zero is taken as exact.

use rust_decimal::Decimal;

use super::finding::{Finding, FindingStatus, NumberRef};
use super::Rule;
pub(crate) use crate::rounding::{printed_scale, Num};

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

//! Numbers as they are printed ([`Num`]: value in 元, rounding half-unit, origin) and the rounding
//! tolerance (尾数误差) two of them are compared with. Shared by the recognizers (which match a
//! number in the text to a table cell) and the validation rules.
//!
//! A value printed with `d` decimals in a unit worth `f` 元 may be off by half its last digit,
//! `0.5 × 10^-d × f` 元. A printed zero is taken as exact.

use rust_decimal::Decimal;

use crate::model::{Fact, LineItem, NumberRef};
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

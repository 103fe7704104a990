//! What a rule says about a document: [`Finding`]s with the [`NumberRef`]s they used.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::provenance::Provenance;

/// The outcome of one rule on one set of numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    /// The numbers agree (within the rounding tolerance).
    Pass,
    /// The numbers disagree beyond the rounding tolerance.
    Fail,
    /// Something looks wrong but may be legitimate (a renamed code, a 元 amount among 万元).
    Warn,
    /// The rule applies but some of its inputs are missing: never a pass.
    InsufficientData,
    /// The rule does not apply to this document (the tables or facts it needs are absent).
    NotApplicable,
}

impl FindingStatus {
    /// The identifier used in frames: `pass`, `fail`, `warn`, `insufficient_data`, `not_applicable`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingStatus::Pass => "pass",
            FindingStatus::Fail => "fail",
            FindingStatus::Warn => "warn",
            FindingStatus::InsufficientData => "insufficient_data",
            FindingStatus::NotApplicable => "not_applicable",
        }
    }
}

/// One number a finding used, with where it is printed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NumberRef {
    /// `expected` (the total, the stated value), `part` (a summand) or `actual` (the compared value).
    pub role: String,
    /// The row/fact label as printed, with the measure for table cells (`合计 | 基本支出`).
    pub label: String,
    /// The value in 元 for money, as printed for counts; `None` for a blank cell.
    pub amount: Option<Decimal>,
    /// The number as printed, with its unit.
    pub amount_printed: String,
    /// Where the number is printed (the cell for table values, the sentence for facts).
    pub provenance: Provenance,
    /// The table, for table cells.
    pub table_index: Option<usize>,
    /// Index into [`crate::Document::facts`], for narrative numbers.
    pub fact_index: Option<usize>,
}

/// The result of evaluating one rule on one set of numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (one of `validate::RULES`).
    pub rule: String,
    /// The rule family: `within_table`, `across_tables`, `text_vs_table`, `catalog`, `plausibility`.
    pub family: String,
    /// The outcome.
    pub status: FindingStatus,
    /// The value the rule expects (a total, a stated amount), in 元 for money.
    pub expected: Option<Decimal>,
    /// The value found (a sum of parts, an amount elsewhere), in 元 for money.
    pub actual: Option<Decimal>,
    /// `actual - expected`.
    pub difference: Option<Decimal>,
    /// The rounding tolerance allowed for this comparison (尾数误差), in the same unit.
    pub tolerance: Option<Decimal>,
    /// What was checked and found, in Chinese.
    pub message_zh: String,
    /// What was checked and found, in English.
    pub message_en: String,
    /// Every number used, with its provenance.
    pub numbers: Vec<NumberRef>,
}

impl Finding {
    /// Whether any number of the finding is printed at `provenance` (same byte range start and end).
    pub fn names(&self, provenance: &Provenance) -> bool {
        self.numbers.iter().any(|n| {
            n.provenance.byte_start == provenance.byte_start
                && n.provenance.byte_end == provenance.byte_end
                && n.provenance.page == provenance.page
        })
    }
}

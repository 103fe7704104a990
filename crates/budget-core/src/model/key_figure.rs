//! Key figures: the headline figures of a document (GLOSSARY money keys), each with the table
//! cell and the narrative sentence that state it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{FactKey, TableKind};
use crate::provenance::Provenance;

/// Whose money a key figure counts (see `docs/GLOSSARY.md`): all funds (收支总表, 支出总表), fiscal
/// grants (财政拨款收支总表, 财政拨款“三公”经费), the general budget (一般公共预算 tables), …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funds {
    /// All funds of the agency (收支总表, 收入总表, 支出总表).
    All,
    /// 财政拨款: the grants of every budget (一般公共预算 + 政府性基金 + 国有资本经营).
    FiscalGrants,
    /// 一般公共预算 (财政拨款).
    GeneralBudget,
    /// 政府性基金预算.
    GovFund,
    /// 国有资本经营预算.
    StateCapital,
}

impl Funds {
    /// The identifier used in frames: `all`, `fiscal_grants`, `general_budget`, `gov_fund`, `state_capital`.
    pub fn as_str(self) -> &'static str {
        match self {
            Funds::All => "all",
            Funds::FiscalGrants => "fiscal_grants",
            Funds::GeneralBudget => "general_budget",
            Funds::GovFund => "gov_fund",
            Funds::StateCapital => "state_capital",
        }
    }
}

/// Which figure of a year a key figure is: the budget (预算数), the outturn (决算数) or the year
/// before (上年, printed for comparison). A printed term, not an identifier: frames, JSON and
/// Python give it as printed ([`Phase::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    /// 预算数 (in a 决算: 年初预算数).
    #[serde(rename = "预算数")]
    Budget,
    /// 全年预算数 / 调整预算数 (决算 only).
    #[serde(rename = "全年预算数")]
    AdjustedBudget,
    /// 决算数.
    #[serde(rename = "决算数")]
    Actual,
    /// 上年 (预算数 or 决算数 of the previous year).
    #[serde(rename = "上年")]
    PreviousYear,
}

impl Phase {
    /// As printed: `预算数`, `全年预算数`, `决算数`, `上年`.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Budget => "预算数",
            Phase::AdjustedBudget => "全年预算数",
            Phase::Actual => "决算数",
            Phase::PreviousYear => "上年",
        }
    }
}

/// Where a key figure was found: a table cell, a narrative sentence, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureSource {
    /// Only a table states it.
    Table,
    /// Only the narrative states it.
    Text,
    /// A table and the narrative both state it (see [`KeyFigure::agree`]).
    Both,
}

impl FigureSource {
    /// The identifier used in frames: `table`, `text`, `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureSource::Table => "table",
            FigureSource::Text => "text",
            FigureSource::Both => "both",
        }
    }
}

/// The table cell a key figure is read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureCell {
    /// Index of the line item in [`Document::line_items`](super::Document::line_items).
    pub line_item: usize,
    /// Index of the table in [`Document::tables`](super::Document::tables).
    pub table_index: usize,
    /// The table's kind.
    pub table_kind: TableKind,
    /// The row label as printed.
    pub row: String,
    /// The measure (flattened column header) as printed.
    pub measure: String,
    /// The amount in 元, exact.
    pub amount: Decimal,
    /// The cell as printed.
    pub amount_printed: String,
    /// The unit the cell was printed in (`万元`, `元`).
    pub unit_printed: Option<String>,
    /// Where the cell is (page, lines).
    pub provenance: Provenance,
}

/// The narrative sentence a key figure is stated in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureStatement {
    /// Index of the fact in [`Document::facts`](super::Document::facts).
    pub fact: usize,
    /// The fact's label as printed.
    pub label: String,
    /// The amount in 元, exact.
    pub amount: Decimal,
    /// The number and unit as printed (`213.25万元`).
    pub amount_printed: String,
    /// The whole sentence.
    pub sentence: String,
    /// Where the sentence is.
    pub provenance: Provenance,
}

/// A headline figure of the document (GLOSSARY money keys): one per (key, funds, phase), with the
/// table cell and the narrative sentence that state it, and whether they agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigure {
    /// The key (`income_total`, `basic_expenditure`, `three_public_total`, …; one of
    /// [`FactKey::KEY_FIGURES`]), serialised as its snake_case identifier.
    pub key: FactKey,
    /// The label as printed: the table row (and measure) or the narrative label.
    pub label: String,
    /// Whose money it counts.
    pub funds: Funds,
    /// 预算数 / 决算数 / 上年.
    pub phase: Phase,
    /// The amount in 元, exact: the table's when a table states it, else the narrative's.
    pub amount: Decimal,
    /// The amount as printed, with its unit (`4,749.30万元`).
    pub amount_printed: String,
    /// Table, text or both.
    pub source: FigureSource,
    /// The table cell, when a table states the figure.
    pub table: Option<FigureCell>,
    /// The narrative sentence, when the narrative states it.
    pub text: Option<FigureStatement>,
    /// When both state it: whether they agree within printed rounding (尾数误差).
    pub agree: Option<bool>,
}

/// A table cell that states a key figure: every such cell, not only the one a [`KeyFigure`] is read
/// from, so that validation can check that the tables printing the same figure agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFigureCell {
    /// The key the cell states.
    pub key: FactKey,
    /// Whose money.
    pub funds: Funds,
    /// 预算数 / 决算数 / 上年.
    pub phase: Phase,
    /// Index of the cell in [`Document::line_items`](super::Document::line_items).
    pub line_item: usize,
}

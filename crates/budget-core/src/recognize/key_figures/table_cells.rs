//! Table cells that state a key figure: the labelled rows of the two-sided summary tables
//! (收支总表, 财政拨款收支总表) and the total row of the column tables (收入总表, 支出总表,
//! 一般公共预算支出表, 基本支出表, “三公”经费表, 政府采购表), read by header path.

use std::collections::HashSet;

use crate::model::{DocumentKind, Funds, LineItem, Phase, RowRole, Table, TableKind};
use crate::text::compact;

use super::concepts::{clean, funds_named, phase, word, Side, Word};

/// A table cell that states a key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableFigure {
    /// The key (see [`super::KEY_FIGURE_KEYS`]).
    pub key: &'static str,
    /// Whose money.
    pub funds: Funds,
    /// 预算数 / 决算数 / 上年.
    pub phase: Phase,
    /// Index of the cell in [`crate::Document::line_items`].
    pub line_item: usize,
}

/// The order in which tables are believed for a figure: the summary tables first.
pub fn table_rank(kind: TableKind) -> usize {
    const ORDER: [TableKind; 11] = [
        TableKind::IncomeExpenditureSummary,
        TableKind::FiscalGrantSummary,
        TableKind::IncomeSummary,
        TableKind::ExpenditureSummary,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GeneralBudgetBasicExpenditure,
        TableKind::GovFundExpenditure,
        TableKind::StateCapitalExpenditure,
        TableKind::ThreePublicExpenditure,
        TableKind::Procurement,
        TableKind::ProjectExpenditure,
    ];
    ORDER.iter().position(|&k| k == kind).unwrap_or(ORDER.len())
}

/// Whose money a table counts: a fund its title names, else its kind's.
pub(super) fn table_funds(table: &Table) -> Funds {
    let title = table.title.as_deref().map(compact).unwrap_or_default();
    funds_named(&title).unwrap_or(match table.kind {
        TableKind::FiscalGrantSummary | TableKind::ThreePublicExpenditure => Funds::FiscalGrants,
        TableKind::GeneralBudgetExpenditure | TableKind::GeneralBudgetBasicExpenditure => Funds::GeneralBudget,
        TableKind::GovFundExpenditure => Funds::GovFund,
        TableKind::StateCapitalExpenditure => Funds::StateCapital,
        _ => Funds::All,
    })
}

/// Every table cell that states a key figure, in line item order.
pub fn table_figures(
    tables: &[Table],
    line_items: &[LineItem],
    kind: Option<DocumentKind>,
    year: Option<i32>,
) -> Vec<TableFigure> {
    let shape = Shape::of(line_items);
    let mut out = Vec::new();
    for (index, item) in line_items.iter().enumerate() {
        if !item.is_money || item.amount.is_none() {
            continue;
        }
        let Some(table) = tables.get(item.table_index) else { continue };
        let Some((key, measure_funds)) = cell_key(table, item, &shape) else { continue };
        out.push(TableFigure {
            key,
            funds: measure_funds.unwrap_or_else(|| table_funds(table)),
            phase: phase(&item.measure, kind, year),
            line_item: index,
        });
    }
    out
}

/// What a header path says: the last key it names, a fund, or `None` when it names something
/// that is no key figure.
fn measure_words(measure: &str, side: Side) -> Option<(Option<&'static str>, Option<Funds>)> {
    let mut key = None;
    let mut funds = None;
    let mut carried = false;
    for component in measure.split('/').map(str::trim).filter(|c| !c.is_empty()) {
        match word(component, side) {
            Word::Neutral => {}
            Word::Key("carryover_in") => {
                carried = true;
                key = Some("carryover_in");
            }
            Word::Key(found) => {
                // `上年结转结余 / 一般公共预算`: the carry-over of one fund.
                if carried {
                    funds = funds_named(&compact(component)).or(funds);
                } else {
                    key = Some(found);
                }
            }
            Word::Funds(found) => funds = Some(found),
            Word::Other => return None,
        }
    }
    Some((key, funds))
}

/// The key a cell states, with the fund its header names.
fn cell_key(table: &Table, item: &LineItem, shape: &Shape) -> Option<(&'static str, Option<Funds>)> {
    match table.kind {
        TableKind::IncomeExpenditureSummary | TableKind::FiscalGrantSummary => summary_key(item, shape),
        TableKind::IncomeSummary => {
            let (key, funds) = measure_words(&item.measure, Side::Income)?;
            let total = is_total_row(item);
            total.then(|| (key.unwrap_or("income_total"), funds))
        }
        TableKind::ExpenditureSummary
        | TableKind::GeneralBudgetExpenditure
        | TableKind::GovFundExpenditure
        | TableKind::StateCapitalExpenditure
        | TableKind::ProjectExpenditure => {
            let (key, funds) = measure_words(&item.measure, Side::Expenditure)?;
            let default = if table.kind == TableKind::ProjectExpenditure {
                "project_expenditure"
            } else {
                "expenditure_this_year"
            };
            is_total_row(item).then(|| (key.unwrap_or(default), funds))
        }
        TableKind::GeneralBudgetBasicExpenditure => {
            let (key, funds) = measure_words(&item.measure, Side::Expenditure)?;
            // Long layouts: `人员经费合计` / `公用经费` rows with the amount column.
            match (word(&item.name, Side::Expenditure), key) {
                (
                    Word::Key(row @ ("personnel_expenditure" | "public_expenditure")),
                    None | Some("basic_expenditure"),
                ) if item.code.is_none() => Some((row, funds)),
                _ => is_total_row(item).then(|| (key.unwrap_or("basic_expenditure"), funds)),
            }
        }
        TableKind::ThreePublicExpenditure => {
            let (key, funds) = measure_words(&item.measure, Side::Expenditure)?;
            if is_total_row(item) || (table.rows.len() == 1 && item.code.is_none()) {
                return Some((key.unwrap_or("three_public_total"), funds));
            }
            match (word(&item.name, Side::Expenditure), key) {
                (Word::Key(row), None) if three_public_key(row) => Some((row, funds)),
                _ => None,
            }
        }
        TableKind::Procurement => {
            let text = compact(&item.measure);
            let key = if text.contains("货物") {
                "procurement_goods"
            } else if text.contains("工程") {
                "procurement_works"
            } else if text.contains("服务") {
                "procurement_services"
            } else {
                let (key, funds) = measure_words(&item.measure, Side::Expenditure)?;
                return (is_total_row(item) && key.is_none()).then_some(("procurement_total", funds));
            };
            is_total_row(item).then_some((key, None))
        }
        _ => None,
    }
}

fn three_public_key(key: &str) -> bool {
    matches!(
        key,
        "three_public_total"
            | "overseas_travel"
            | "official_reception"
            | "official_vehicles"
            | "vehicle_purchase"
            | "vehicle_operation"
            | "operating_costs"
    )
}

/// A total row (合计 / 总计), by role or label.
fn is_total_row(item: &LineItem) -> bool {
    item.code.is_none()
        && (item.row_role == RowRole::Total || matches!(clean(&item.name).as_str(), "合计" | "总计" | "小计"))
}

/// A labelled row of a two-sided summary table, in the side's amount column.
fn summary_key(item: &LineItem, shape: &Shape) -> Option<(&'static str, Option<Funds>)> {
    if item.code.is_some() {
        return None;
    }
    let side_text = item.side.as_deref().map(compact).unwrap_or_default();
    let side = if side_text.contains("支出") {
        Side::Expenditure
    } else if side_text.contains("收入") {
        Side::Income
    } else if compact(&item.name).contains("支出") || compact(&item.name).contains("结转下年") {
        Side::Expenditure
    } else {
        Side::Income
    };
    let (measure_key, funds) = measure_words(&item.measure, side)?;
    let Word::Key(row) = word(&item.name, side) else { return None };
    let key = match (row, measure_key) {
        // `支出总计 × 基本支出 / 人员经费`: the column names the figure of the total row.
        ("expenditure_total" | "expenditure_this_year", Some(column)) => column,
        (_, Some(_)) => return None,
        // `收入合计` is the grand total where the side prints no 总计.
        ("income_this_year" | "expenditure_this_year", None) if bare_total(item) && !shape.grand_total(item) => {
            if row == "income_this_year" {
                "income_total"
            } else {
                "expenditure_total"
            }
        }
        (row, None) => row,
    };
    Some((key, funds))
}

fn bare_total(item: &LineItem) -> bool {
    matches!(clean(&item.name).as_str(), "收入合计" | "支出合计")
}

/// What the rules need to know of every table at once: which sides print a 总计 row.
struct Shape {
    grand_totals: HashSet<(usize, Option<String>)>,
}

impl Shape {
    fn of(items: &[LineItem]) -> Shape {
        let mut grand_totals = HashSet::new();
        for item in items.iter().filter(|i| i.code.is_none()) {
            if clean(&item.name).ends_with("总计") {
                grand_totals.insert((item.table_index, item.side.clone()));
            }
        }
        Shape { grand_totals }
    }

    /// Whether the item's table prints a 总计 row on the item's side.
    fn grand_total(&self, item: &LineItem) -> bool {
        self.grand_totals.contains(&(item.table_index, item.side.clone()))
    }
}

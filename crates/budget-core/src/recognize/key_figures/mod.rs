//! Key figures: the headline figures of a disclosure (收入总计, 基本支出, 人员经费, “三公”经费,
//! 机关运行经费, 政府采购, …) as one [`KeyFigure`] per (key, funds, phase), derived from the line
//! items and narrative facts once they are recognised.
//!
//! Each figure holds the table cell that states it (the summary tables are believed first, then
//! the detail tables in the standard order), the narrative sentence that states it, and whether the
//! two agree within printed rounding (尾数误差). The same figure in other tables is checked by the
//! validation rule `key_figures.tables_agree`, with [`table_figures`].
//!
//! ```
//! let text = "单位预算支出总表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t10.00\n\t4.00\n\t6.00\n";
//! let doc = budget_core::parse_bytes("demo.txt", text.as_bytes()).unwrap();
//! let basic = doc.key_figures.iter().find(|f| f.key == "basic_expenditure").unwrap();
//! assert_eq!(basic.amount.to_string(), "40000.00");
//! assert_eq!(basic.funds.as_str(), "all");
//! ```

mod concepts;
mod table_cells;
mod text;

use std::collections::BTreeMap;

pub use table_cells::{table_figures, table_rank, TableFigure};

use crate::model::{Document, FigureCell, FigureSource, KeyFigure, LineItem};

/// The keys of [`KeyFigure::key`], in report order (see `docs/GLOSSARY.md`).
pub const KEY_FIGURE_KEYS: &[&str] = &[
    "income_total",
    "income_this_year",
    "carryover_in",
    "fiscal_grant_total",
    "general_budget_grant",
    "gov_fund_grant",
    "state_capital_grant",
    "special_account_funds",
    "public_service_income",
    "business_income",
    "superior_subsidy",
    "subordinate_remittance",
    "other_income",
    "expenditure_total",
    "expenditure_this_year",
    "carryover_out",
    "basic_expenditure",
    "project_expenditure",
    "personnel_expenditure",
    "public_expenditure",
    "three_public_total",
    "overseas_travel",
    "official_reception",
    "official_vehicles",
    "vehicle_purchase",
    "vehicle_operation",
    "operating_costs",
    "procurement_total",
    "procurement_goods",
    "procurement_works",
    "procurement_services",
    "meeting_costs",
    "training_costs",
];

/// The position of a key in [`KEY_FIGURE_KEYS`] (unknown keys last).
pub fn key_rank(key: &str) -> usize {
    KEY_FIGURE_KEYS.iter().position(|k| *k == key).unwrap_or(KEY_FIGURE_KEYS.len())
}

/// The key figures of a recognised document (its tables, line items, facts and meta).
pub fn key_figures(doc: &Document) -> Vec<KeyFigure> {
    let cells = table_figures(&doc.tables, &doc.line_items, doc.meta.kind, doc.meta.year);
    // One figure per (key, funds, phase): the cell of the first table in rank order.
    let mut chosen: BTreeMap<(usize, crate::model::Funds, crate::model::Phase), TableFigure> = BTreeMap::new();
    for cell in cells {
        let rank = |c: &TableFigure| {
            let item = &doc.line_items[c.line_item];
            (table_rank(item.table_kind), item.table_index, c.line_item)
        };
        chosen
            .entry((key_rank(cell.key), cell.funds, cell.phase))
            .and_modify(|current| {
                if rank(&cell) < rank(current) {
                    *current = cell;
                }
            })
            .or_insert(cell);
    }
    let mut figures: Vec<KeyFigure> =
        chosen.into_values().map(|cell| from_cell(&cell, &doc.line_items[cell.line_item], cell.line_item)).collect();
    text::merge_facts(doc, &mut figures);
    figures.sort_by_key(|f| (key_rank(&f.key), f.funds, f.phase));
    figures
}

/// A figure stated by a table cell only (the narrative is merged later).
fn from_cell(cell: &TableFigure, item: &LineItem, index: usize) -> KeyFigure {
    let amount = item.amount.unwrap_or_default();
    let printed = format!("{}{}", item.amount_printed.trim(), item.unit_printed.as_deref().unwrap_or(""));
    KeyFigure {
        key: cell.key.to_string(),
        label: format!("{} | {}", item.name.trim(), item.measure),
        funds: cell.funds,
        phase: cell.phase,
        amount,
        amount_printed: printed,
        source: FigureSource::Table,
        table: Some(FigureCell {
            line_item: index,
            table_index: item.table_index,
            table_kind: item.table_kind,
            row: item.name.clone(),
            measure: item.measure.clone(),
            amount,
            amount_printed: item.amount_printed.clone(),
            unit_printed: item.unit_printed.clone(),
            provenance: item.provenance.clone(),
        }),
        text: None,
        agree: None,
    }
}

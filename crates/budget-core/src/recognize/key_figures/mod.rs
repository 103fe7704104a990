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
//! let basic = doc.key_figures.iter().find(|f| f.key == budget_core::model::FactKey::BasicExpenditure).unwrap();
//! assert_eq!(basic.amount.to_string(), "40000.00");
//! assert_eq!(basic.funds.as_str(), "all");
//! ```

mod concepts;
mod table_cells;
mod text;

use std::collections::BTreeMap;

pub(crate) use concepts::funds_named as funds_named_in;
pub(crate) use concepts::phase as measure_phase;
pub use table_cells::{table_figures, table_rank, TableFigure};
pub use text::fact_funds;
pub(crate) use text::fact_phase;

use crate::model::{Document, FactKey, FigureCell, FigureSource, Funds, KeyFigure, KeyFigureCell, LineItem, Phase};

/// The keys of [`KeyFigure::key`], in report order (see `docs/GLOSSARY.md`): the identifiers of
/// [`FactKey::KEY_FIGURES`].
pub const KEY_FIGURE_KEYS: &[&str] = FactKey::KEY_FIGURE_NAMES;

/// The position of a key in [`KEY_FIGURE_KEYS`] (unknown keys last).
pub fn key_rank(key: &str) -> usize {
    FactKey::from_name(key).filter(|k| k.is_key_figure()).map_or(KEY_FIGURE_KEYS.len(), FactKey::rank)
}

/// Every table cell of a recognised document that states a key figure, in line item order.
pub fn figure_cells(doc: &Document) -> Vec<KeyFigureCell> {
    table_figures(&doc.tables, &doc.line_items, doc.meta.kind, doc.meta.year)
        .into_iter()
        .filter_map(|cell| {
            let key = FactKey::from_name(cell.key)?;
            Some(KeyFigureCell { key, funds: cell.funds, phase: cell.phase, line_item: cell.line_item })
        })
        .collect()
}

/// The key figures of a recognised document (its key figure cells, line items, facts and meta):
/// [`Document::key_figure_cells`] must be filled first ([`figure_cells`]).
pub fn key_figures(doc: &Document) -> Vec<KeyFigure> {
    // One figure per (key, funds, phase): the cell of the first table in rank order.
    let mut chosen: BTreeMap<(usize, Funds, Phase), KeyFigureCell> = BTreeMap::new();
    let rank = |c: &KeyFigureCell| {
        let item = &doc.line_items[c.line_item];
        (table_rank(item.table_kind), item.table_index, c.line_item)
    };
    for &cell in &doc.key_figure_cells {
        chosen
            .entry((cell.key.rank(), cell.funds, cell.phase))
            .and_modify(|current| {
                if rank(&cell) < rank(current) {
                    *current = cell;
                }
            })
            .or_insert(cell);
    }
    let mut figures: Vec<KeyFigure> =
        chosen.into_values().map(|cell| from_cell(&cell, &doc.line_items[cell.line_item])).collect();
    text::merge_facts(doc, &mut figures);
    figures.sort_by_key(|f| (f.key.rank(), f.funds, f.phase));
    figures
}

/// A figure stated by a table cell only (the narrative is merged later).
fn from_cell(cell: &KeyFigureCell, item: &LineItem) -> KeyFigure {
    let index = cell.line_item;
    let amount = item.amount.unwrap_or_default();
    let printed = format!("{}{}", item.amount_printed.trim(), item.unit_printed.as_deref().unwrap_or(""));
    KeyFigure {
        key: cell.key,
        // A one-row table (the “三公” table) prints no row label: the measure says it all.
        label: if item.name.trim().is_empty() {
            item.measure.clone()
        } else {
            format!("{} | {}", item.name.trim(), item.measure)
        },
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

//! 表间一致 on key figures: a key figure (same key, funds and phase) printed in several tables has
//! the same amount in each. The first table in rank order (the one [`crate::KeyFigure`] reads) is
//! compared with the first table of every other kind that prints the figure for the same entity;
//! a disagreement is a warning (the tables may differ in scope in ways the words do not show).

use std::collections::{BTreeMap, HashMap};

use super::finding::{Finding, FindingStatus};
use super::rules;
use super::tables::DocumentView;
use super::tolerance::{compare, Num};
use crate::model::{Funds, Phase, TableKind};
use crate::recognize::key_figures::table_rank;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let cells = &doc.key_figure_cells;
    let mut groups: BTreeMap<(usize, Funds, Phase), Vec<usize>> = BTreeMap::new();
    for cell in cells {
        groups.entry((cell.key.rank(), cell.funds, cell.phase)).or_default().push(cell.line_item);
    }
    for ((_, funds, phase), items) in groups {
        // The first table of each kind, and its first cell for the figure.
        let mut per_kind: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut first_table: HashMap<TableKind, usize> = HashMap::new();
        for &i in &items {
            let item = &doc.line_items[i];
            let table = *first_table.entry(item.table_kind).or_insert(item.table_index);
            if table == item.table_index {
                let rank = table_rank(item.table_kind);
                per_kind.entry((rank, item.table_index)).or_insert(i);
            }
        }
        let mut chosen = per_kind.into_values();
        let Some(primary) = chosen.next() else { continue };
        let first = &doc.line_items[primary];
        let Some(first_table) = doc.tables.get(first.table_index) else { continue };
        for other in chosen {
            let item = &doc.line_items[other];
            let Some(table) = doc.tables.get(item.table_index) else { continue };
            if !view.comparable(first_table, table) {
                continue;
            }
            let key = cells.iter().find(|c| c.line_item == primary).map_or("", |c| c.key.as_str());
            let context = format!(
                "{key}（{}，{}）：表{} 与 表{}",
                funds.as_str(),
                phase.as_str(),
                first.table_index,
                item.table_index
            );
            let mut finding = compare(
                rules::KEY_FIGURES_TABLES,
                &[&Num::from_item(first)],
                &[&Num::from_item(item)],
                &context,
                &context,
            );
            // Two tables may print the same words for different scopes (a unit's table among the
            // department's): a disagreement is worth a look, not proof of an error.
            if finding.status == FindingStatus::Fail {
                finding.status = FindingStatus::Warn;
            }
            findings.push(finding);
        }
    }
}

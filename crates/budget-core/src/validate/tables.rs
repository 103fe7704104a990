//! A read-only view of a document for the rules: each table's line items regrouped into printed
//! rows, with lookups by side, measure and label.

use super::numbering::strip_numbering;
use crate::model::{Document, LineItem, RowRole, Scope, Table, TableKind};
use crate::text::compact;

/// The document with its tables' rows.
pub(crate) struct DocumentView<'a> {
    pub doc: &'a Document,
    pub tables: Vec<TableView<'a>>,
}

/// One table and its printed rows (line items of one row, in column order).
pub(crate) struct TableView<'a> {
    pub table: &'a Table,
    pub rows: Vec<Vec<&'a LineItem>>,
}

impl<'a> DocumentView<'a> {
    pub fn new(doc: &'a Document) -> DocumentView<'a> {
        let tables = doc
            .tables
            .iter()
            .map(|table| {
                let mut rows: Vec<Vec<&LineItem>> = Vec::new();
                for item in doc.line_items.iter().filter(|i| i.table_index == table.index) {
                    let repeated = rows
                        .last()
                        .is_some_and(|row| row.iter().any(|c| c.side == item.side && c.measure == item.measure));
                    match rows.last_mut() {
                        Some(row) if !repeated => row.push(item),
                        _ => rows.push(vec![item]),
                    }
                }
                TableView { table, rows }
            })
            .collect();
        DocumentView { doc, tables }
    }

    /// Tables of a kind that hold line items, in document order.
    pub fn of_kind(&self, kind: TableKind) -> impl Iterator<Item = &TableView<'a>> {
        self.tables.iter().filter(move |t| t.table.kind == kind && !t.rows.is_empty())
    }

    /// The scope of a table: the scope word of its title (本级 / 单位 / 部门), else the document's,
    /// with the 编制单位 caption (digits removed) when printed.
    pub fn scope_of(&self, table: &Table) -> (Option<Scope>, Option<String>) {
        let title = table.title.as_deref().map(compact).unwrap_or_default();
        let scope = if title.contains("本级") {
            Some(Scope::OwnOffice)
        } else if title.contains("单位预算") || title.contains("单位决算") {
            Some(Scope::Unit)
        } else if title.contains("部门预算") || title.contains("部门决算") {
            Some(Scope::Department)
        } else {
            self.doc.meta.scope
        };
        let unit = table
            .caption
            .iter()
            .find(|(label, _)| label.contains("编制单位") || label.contains("单位名称"))
            .map(|(_, value)| compact(value).chars().filter(|c| !c.is_ascii_digit()).collect::<String>());
        (scope, unit)
    }

    /// Whether two tables cover the same entity (same scope word, same 编制单位 when both print one).
    pub fn comparable(&self, a: &Table, b: &Table) -> bool {
        let (scope_a, unit_a) = self.scope_of(a);
        let (scope_b, unit_b) = self.scope_of(b);
        let scope_ok = scope_a == scope_b || (same_entity_scopes(scope_a, scope_b));
        let unit_ok = match (unit_a, unit_b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        scope_ok && unit_ok
    }
}

/// 单位 and 本级 tables of one document are the same entity when the captions agree.
fn same_entity_scopes(a: Option<Scope>, b: Option<Scope>) -> bool {
    matches!((a, b), (Some(Scope::Unit), Some(Scope::OwnOffice)) | (Some(Scope::OwnOffice), Some(Scope::Unit)))
}

impl<'a> TableView<'a> {
    /// The sides of the table (`None` for one-sided tables).
    pub fn sides(&self) -> Vec<Option<String>> {
        let mut sides: Vec<Option<String>> = Vec::new();
        for item in self.rows.iter().flatten() {
            if !sides.contains(&item.side) {
                sides.push(item.side.clone());
            }
        }
        sides
    }

    /// The money measures of one side, in column order.
    pub fn measures(&self, side: &Option<String>) -> Vec<&'a str> {
        let mut measures: Vec<&str> = Vec::new();
        for item in self.rows.iter().flatten().filter(|i| &i.side == side) {
            if !measures.contains(&item.measure.as_str()) {
                measures.push(item.measure.as_str());
            }
        }
        measures
    }

    /// The cell of a row for a side and measure.
    pub fn cell(row: &[&'a LineItem], side: &Option<String>, measure: &str) -> Option<&'a LineItem> {
        row.iter().copied().find(|c| &c.side == side && c.measure == measure)
    }

    /// The first total row's cell for a side and a measure chosen by `pick` (from the side's measures).
    pub fn total_cell(&self, side: &Option<String>, pick: impl Fn(&str) -> bool) -> Option<&'a LineItem> {
        let measure = self.measures(side).into_iter().find(|m| pick(m))?;
        self.rows
            .iter()
            .filter_map(|row| Self::cell(row, side, measure))
            .find(|c| c.row_role == RowRole::Total && c.code.is_none())
    }

    /// The first row (of a side) whose compacted label satisfies `pick`, for a measure chosen by `measure`.
    pub fn labelled_cell(
        &self,
        side: &Option<String>,
        label: impl Fn(&str) -> bool,
        measure: impl Fn(&str) -> bool,
    ) -> Option<&'a LineItem> {
        let measure = self.measures(side).into_iter().find(|m| measure(m))?;
        self.rows
            .iter()
            .filter_map(|row| Self::cell(row, side, measure))
            .find(|c| label(strip_numbering(&compact(&c.name))))
    }
}

/// The last segment of a measure path: `2022年预算数 / 小计` → `小计`.
pub(crate) fn last_segment(measure: &str) -> &str {
    measure.rsplit(" / ").next().unwrap_or(measure).trim()
}

/// Whether a measure is a total column (合计 / 小计 / 总计, or the only amount of a summary side).
pub(crate) fn is_total_measure(measure: &str) -> bool {
    matches!(compact(last_segment(measure)).as_str(), "合计" | "小计" | "总计")
}

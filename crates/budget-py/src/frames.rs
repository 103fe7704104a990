//! Document → Polars frames, built in Rust and handed to Python as `PyDataFrame` (Arrow C
//! interface, no serialisation). Pure conversion: every value comes from `budget-core` as is.
//!
//! Amounts become a `Decimal(38, 6)` column ([`AMOUNT_PRECISION`], [`AMOUNT_SCALE`]). Scale 6 is
//! chosen so that every amount seen in disclosures stays exact: 元 amounts have at most 2
//! decimals (分), 万元 printed with up to 6 decimals become 元 with at most 2, and quantities
//! (`is_money == false`) keep their printed digits. A value with more than 6 significant decimals
//! is never rounded: building the frame fails with [`FrameError::Inexact`].
//!
//! Line numbers are 1-based `UInt32`; `0` (no line, e.g. a PDF value) becomes null.

use std::collections::HashSet;
use std::fmt;

use budget_core::{Block, BlockKind, Document, Provenance, Table};
use polars::prelude::*;
use rust_decimal::Decimal;

use crate::rows::{frame_rows, Decimals, Strs, Vals};
pub use crate::rows::{AMOUNT_PRECISION, AMOUNT_SCALE};

/// The columns of [`line_items`], in order.
pub const LINE_ITEM_COLUMNS: &[&str] = LineItemRows::COLUMNS;

/// Why a frame could not be built.
#[derive(Debug)]
pub enum FrameError {
    /// An amount has more decimals than [`AMOUNT_SCALE`] even after removing trailing zeros.
    Inexact {
        /// The amount.
        value: Decimal,
        /// Where it is (source and line).
        location: String,
    },
    /// A number does not fit its column type.
    Overflow {
        /// Which column.
        column: &'static str,
        /// The value.
        value: u64,
    },
    /// Polars refused to build the frame.
    Polars(PolarsError),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Inexact { value, location } => write!(
                f,
                "{location}: amount {value} has more than {AMOUNT_SCALE} decimals and cannot be stored exactly \
                 in a Decimal({AMOUNT_PRECISION}, {AMOUNT_SCALE}) column"
            ),
            FrameError::Overflow { column, value } => write!(f, "column {column}: value {value} does not fit"),
            FrameError::Polars(err) => write!(f, "cannot build the frame: {err}"),
        }
    }
}

impl std::error::Error for FrameError {}

impl From<PolarsError> for FrameError {
    fn from(err: PolarsError) -> Self {
        FrameError::Polars(err)
    }
}

pub(crate) type FrameResult<T> = Result<T, FrameError>;

/// `value` as an integer count of 10^-[`AMOUNT_SCALE`], or an error if that would round.
pub(crate) fn fixed_point(value: Decimal, location: impl FnOnce() -> String) -> FrameResult<i128> {
    let value = if value.scale() > AMOUNT_SCALE { value.normalize() } else { value };
    let inexact = || FrameError::Inexact { value, location: location() };
    if value.scale() > AMOUNT_SCALE {
        return Err(inexact());
    }
    10i128.pow(AMOUNT_SCALE - value.scale()).checked_mul(value.mantissa()).ok_or_else(inexact)
}

fn line(column: &'static str, n: usize) -> FrameResult<Option<u32>> {
    match n {
        0 => Ok(None),
        n => u32::try_from(n).map(Some).map_err(|_| FrameError::Overflow { column, value: n as u64 }),
    }
}

pub(crate) fn str_col<'a>(name: &str, values: impl Iterator<Item = Option<&'a str>>) -> Column {
    Column::new(name.into(), values.collect::<Vec<_>>())
}

/// The `line_start`, `line_end`, `page` columns of a list of provenances.
pub(crate) fn provenance_cols<'a>(provenances: impl Iterator<Item = &'a Provenance>) -> FrameResult<[Column; 3]> {
    let (mut starts, mut ends, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    for p in provenances {
        let (start, end, page) = lines(p)?;
        starts.push(start);
        ends.push(end);
        pages.push(page);
    }
    Ok([
        Column::new("line_start".into(), starts),
        Column::new("line_end".into(), ends),
        Column::new("page".into(), pages),
    ])
}

/// The `line_start`, `line_end` and `page` values of a provenance.
pub(crate) fn lines(p: &Provenance) -> FrameResult<(Option<u32>, Option<u32>, Option<u32>)> {
    Ok((line("line_start", p.line_start)?, line("line_end", p.line_end)?, p.page))
}

frame_rows! {
    /// The rows of [`line_items`], for one document or many.
    pub(crate) struct LineItemRows {
        source: Strs,
        table_index: Vals<u32>,
        table_kind: Strs,
        table_title: Strs,
        code: Strs,
        code_scheme: Strs,
        level: Strs,
        parent_code: Strs,
        name: Strs,
        row_role: Strs,
        side: Strs,
        measure: Strs,
        amount: Decimals,
        amount_printed: Strs,
        unit_printed: Strs,
        is_money: Vals<bool>,
        line_start: Vals<Option<u32>>,
        line_end: Vals<Option<u32>>,
        page: Vals<Option<u32>>,
        x0: Vals<Option<f32>>,
        y0: Vals<Option<f32>>,
        x1: Vals<Option<f32>>,
        y1: Vals<Option<f32>>,
        page_width: Vals<Option<f32>>,
        page_height: Vals<Option<f32>>,
        sheet: Strs,
        cell: Strs,
        location: Strs,
    }
}

impl LineItemRows {
    /// Append the line items of `doc` (document id `id`): all of them, or none when a value does
    /// not fit its column.
    pub fn push(&mut self, doc: &Document, id: &str) -> FrameResult<()> {
        let items = &doc.line_items;
        let checked = items
            .iter()
            .map(|item| {
                let location = || format!("{}, line {}", doc.source, item.provenance.line_start);
                let amount = item.amount.map(|a| fixed_point(a, location)).transpose()?;
                let index = u32::try_from(item.table_index)
                    .map_err(|_| FrameError::Overflow { column: "table_index", value: item.table_index as u64 })?;
                Ok((amount, index, lines(&item.provenance)?))
            })
            .collect::<FrameResult<Vec<_>>>()?;
        for (item, (amount, index, (start, end, page))) in items.iter().zip(checked) {
            self.source.push_str(&doc.source);
            self.table_index.0.push(index);
            self.table_kind.push_str(item.table_kind.as_str());
            self.table_title.push(item.table_title.as_deref());
            self.code.push(item.code.as_deref());
            self.code_scheme.push(item.code_scheme.map(|s| s.as_str()));
            self.level.push(item.level.map(|l| l.as_str()));
            self.parent_code.push(item.parent_code.as_deref());
            self.name.push_str(&item.name);
            self.row_role.push_str(item.row_role.as_str());
            self.side.push(item.side.as_deref());
            self.measure.push_str(&item.measure);
            self.amount.0.push(amount);
            self.amount_printed.push_str(&item.amount_printed);
            self.unit_printed.push(item.unit_printed.as_deref());
            self.is_money.0.push(item.is_money);
            self.line_start.0.push(start);
            self.line_end.0.push(end);
            self.page.0.push(page);
            crate::positions::push_position!(self, &item.provenance);
        }
        self.rows_added(id, items.len());
        Ok(())
    }
}

/// One row per line item, with exactly [`LINE_ITEM_COLUMNS`] (the full schema even when empty).
pub fn line_items(doc: &Document) -> FrameResult<DataFrame> {
    let mut rows = LineItemRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

/// The text of a residual block: headings and paragraphs as is, table rows as tab-separated lines.
fn block_text(block: &Block) -> String {
    match &block.kind {
        BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text.clone(),
        BlockKind::Table(grid) => (0..grid.n_rows)
            .map(|r| grid.row(r).map(|c| c.text.as_str()).collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn block_kind(block: &Block) -> &'static str {
    match block.kind {
        BlockKind::Heading { .. } => "heading",
        BlockKind::Paragraph { .. } => "paragraph",
        BlockKind::Table(_) => "table",
    }
}

/// Blocks nothing consumed: `kind` (`heading`/`paragraph`/`table`), `text`, `line_start`,
/// `line_end`, `page`.
pub fn residual(doc: &Document) -> FrameResult<DataFrame> {
    let blocks = &doc.residual;
    let texts: Vec<String> = blocks.iter().map(block_text).collect();
    let [line_start, line_end, page] = provenance_cols(blocks.iter().map(|b| &b.provenance))?;
    let columns = vec![
        str_col("kind", blocks.iter().map(|b| Some(block_kind(b)))),
        str_col("text", texts.iter().map(|t| Some(t.as_str()))),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(blocks.len(), columns)?)
}

/// Parser warnings: `code`, `message`, `line_start`, `line_end`, `page`.
pub fn warnings(doc: &Document) -> FrameResult<DataFrame> {
    let warnings = &doc.warnings;
    let [line_start, line_end, page] = provenance_cols(warnings.iter().map(|w| &w.provenance))?;
    let columns = vec![
        str_col("code", warnings.iter().map(|w| Some(w.code.as_str()))),
        str_col("message", warnings.iter().map(|w| Some(w.message.as_str()))),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(warnings.len(), columns)?)
}

/// Unique, non-empty column names for `width` columns: header paths as printed, `column_{j}`
/// (1-based) for a blank or missing header, and `{name}_{k}` (k = 1, 2, …) for repeats.
pub fn column_names(headers: &[String], width: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut names = Vec::with_capacity(width);
    for j in 0..width {
        let header = headers.get(j).map(|h| h.trim()).filter(|h| !h.is_empty());
        let base = header.map_or_else(|| format!("column_{}", j + 1), str::to_string);
        let mut name = base.clone();
        let mut k = 1;
        while !seen.insert(name.clone()) {
            name = format!("{base}_{k}");
            k += 1;
        }
        names.push(name);
    }
    names
}

/// A table as printed: one String column per header path (see [`column_names`]), one row per
/// body row; a cell a short row does not have is null.
pub fn table(table: &Table) -> FrameResult<DataFrame> {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0).max(table.columns.len());
    let names = column_names(&table.columns, width);
    let columns = names
        .iter()
        .enumerate()
        .map(|(j, name)| str_col(name, table.rows.iter().map(|row| row.get(j).map(String::as_str))))
        .collect();
    Ok(DataFrame::new(table.rows.len(), columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_is_exact_or_fails() {
        let at = || "t".to_string();
        assert_eq!(fixed_point(Decimal::new(4749300000, 2), at).unwrap(), 47_493_000_000_000);
        assert_eq!(fixed_point(Decimal::new(-1, 2), at).unwrap(), -10_000);
        assert_eq!(fixed_point(Decimal::new(1_000_000_000, 9), at).unwrap(), 1_000_000);
        assert!(matches!(fixed_point(Decimal::new(1, 7), at), Err(FrameError::Inexact { .. })));
    }

    #[test]
    fn column_names_are_unique_and_named() {
        let headers = ["项目".to_string(), "预算数".into(), "项目".into(), " ".into(), "项目_1".into()];
        assert_eq!(column_names(&headers, 6), ["项目", "预算数", "项目_1", "column_4", "项目_1_1", "column_6"]);
    }
}

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

/// Precision of the `amount` column.
pub const AMOUNT_PRECISION: usize = 38;
/// Scale (decimal places) of the `amount` column.
pub const AMOUNT_SCALE: u32 = 6;

/// The columns of [`line_items`], in order.
pub const LINE_ITEM_COLUMNS: [&str; 19] = [
    "source",
    "table_index",
    "table_kind",
    "table_title",
    "code",
    "code_scheme",
    "level",
    "parent_code",
    "name",
    "row_role",
    "side",
    "measure",
    "amount",
    "amount_printed",
    "unit_printed",
    "is_money",
    "line_start",
    "line_end",
    "page",
];

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

/// An exact `Decimal(38, 6)` column; `location(i)` names row `i` in the error of an inexact value.
pub(crate) fn decimal_col(
    name: &str,
    values: impl Iterator<Item = Option<Decimal>>,
    location: impl Fn(usize) -> String,
) -> FrameResult<Column> {
    let fixed = values
        .enumerate()
        .map(|(i, value)| value.map(|v| fixed_point(v, || location(i))).transpose())
        .collect::<FrameResult<Vec<Option<i128>>>>()?;
    Ok(Int128Chunked::from_slice_options(name.into(), &fixed)
        .into_decimal(AMOUNT_PRECISION, AMOUNT_SCALE as usize)?
        .into_series()
        .into_column())
}

/// The `line_start`, `line_end`, `page` columns of a list of provenances.
pub(crate) fn provenance_cols<'a>(provenances: impl Iterator<Item = &'a Provenance>) -> FrameResult<[Column; 3]> {
    let (mut starts, mut ends, mut pages) = (Vec::new(), Vec::new(), Vec::new());
    for p in provenances {
        starts.push(line("line_start", p.line_start)?);
        ends.push(line("line_end", p.line_end)?);
        pages.push(p.page);
    }
    Ok([
        Column::new("line_start".into(), starts),
        Column::new("line_end".into(), ends),
        Column::new("page".into(), pages),
    ])
}

/// One row per line item, with exactly [`LINE_ITEM_COLUMNS`] (the full schema even when empty).
pub fn line_items(doc: &Document) -> FrameResult<DataFrame> {
    let items = &doc.line_items;
    let mut amounts = Vec::with_capacity(items.len());
    let mut table_index = Vec::with_capacity(items.len());
    for item in items {
        let location = || format!("{}, line {}", doc.source, item.provenance.line_start);
        amounts.push(item.amount.map(|a| fixed_point(a, location)).transpose()?);
        let index = u32::try_from(item.table_index)
            .map_err(|_| FrameError::Overflow { column: "table_index", value: item.table_index as u64 })?;
        table_index.push(index);
    }
    let amount = Int128Chunked::from_slice_options("amount".into(), &amounts)
        .into_decimal(AMOUNT_PRECISION, AMOUNT_SCALE as usize)?
        .into_series()
        .into_column();
    let [line_start, line_end, page] = provenance_cols(items.iter().map(|i| &i.provenance))?;
    let columns = vec![
        str_col("source", items.iter().map(|_| Some(doc.source.as_str()))),
        Column::new("table_index".into(), table_index),
        str_col("table_kind", items.iter().map(|i| Some(i.table_kind.as_str()))),
        str_col("table_title", items.iter().map(|i| i.table_title.as_deref())),
        str_col("code", items.iter().map(|i| i.code.as_deref())),
        str_col("code_scheme", items.iter().map(|i| i.code_scheme.map(|s| s.as_str()))),
        str_col("level", items.iter().map(|i| i.level.map(|l| l.as_str()))),
        str_col("parent_code", items.iter().map(|i| i.parent_code.as_deref())),
        str_col("name", items.iter().map(|i| Some(i.name.as_str()))),
        str_col("row_role", items.iter().map(|i| Some(i.row_role.as_str()))),
        str_col("side", items.iter().map(|i| i.side.as_deref())),
        str_col("measure", items.iter().map(|i| Some(i.measure.as_str()))),
        amount,
        str_col("amount_printed", items.iter().map(|i| Some(i.amount_printed.as_str()))),
        str_col("unit_printed", items.iter().map(|i| i.unit_printed.as_deref())),
        Column::new("is_money".into(), items.iter().map(|i| i.is_money).collect::<Vec<_>>()),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(items.len(), columns)?)
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

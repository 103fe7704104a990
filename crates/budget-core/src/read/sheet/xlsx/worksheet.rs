//! One sheet part of an XLSX, read in one streaming pass: the valued cells (position, style,
//! value), the merged areas, the hidden rows and columns.
//!
//! A cell's value is read from `<v>` by its type `t` (`s` shared string, `str` and `inlineStr`
//! text, `b` boolean, `e` error, `d` ISO date, `n` number, none: a number, else text), or from an
//! inline string `<is>`; a formula `<f>` by its cached `<v>`. A position comes from `r`, else it
//! follows the previous one along the row (rows likewise).

use std::borrow::Cow;
use std::collections::BTreeSet;

use quick_xml::events::Event;

use crate::error::Result;
use crate::read::sheet::grid::Area;
use crate::read::sheet::xlsx::part::{area, cell_reference, digits, Part};

/// The columns of a sheet.
const MAX_COLS: u32 = 16_384;

/// A cell value (empty cells are not kept).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Text.
    Text(String),
    /// Shared string `i`.
    Shared(usize),
    /// A number (a date serial in a date style).
    Number(f64),
    /// An ISO 8601 date (`t="d"`), as written.
    Iso(String),
    /// A boolean.
    Bool(bool),
    /// An error value, as printed (`#Div0`, `#NA`, …).
    Error(&'static str),
}

/// A cell with a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    /// (row, column), 0-based.
    pub pos: (u32, u32),
    /// Its cell style (`s`).
    pub style: usize,
    /// The value.
    pub value: Value,
}

/// What a sheet part holds.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    /// The valued cells, in document order.
    pub cells: Vec<RawCell>,
    /// The merged areas.
    pub merges: Vec<Area>,
    /// 0-based hidden rows.
    pub hidden_rows: BTreeSet<u32>,
    /// 0-based hidden columns.
    pub hidden_cols: BTreeSet<u32>,
}

/// Read a sheet part whose workbook has `strings` shared strings.
///
/// # Errors
/// Malformed XML, the depth limit, a malformed reference or value, a shared string out of range.
pub(crate) fn read(part: &mut Part<'_>, strings: usize) -> Result<Sheet> {
    let mut sheet = Sheet::default();
    let (mut row, mut next_row, mut next_col) = (0u32, 0u32, 0u32);
    loop {
        match part.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    let [r, hidden] = part.attrs(&e, ["r", "hidden"])?;
                    row = match r {
                        None => next_row,
                        Some(r) => digits(r.as_bytes())
                            .and_then(|r| u32::try_from(r).ok()?.checked_sub(1))
                            .ok_or_else(|| part.malformed(format!("row number {r:?}")))?,
                    };
                    (next_row, next_col) = (row.saturating_add(1), 0);
                    if on(hidden) {
                        sheet.hidden_rows.insert(row);
                    }
                }
                b"c" => {
                    let [r, t, s] = part.attrs(&e, ["r", "t", "s"])?;
                    let pos = match r {
                        None => (row, next_col),
                        Some(r) => cell_reference(r.as_bytes()).map_err(|m| part.malformed(format!("cell: {m}")))?,
                    };
                    next_col = pos.1.saturating_add(1);
                    let style = s.and_then(|s| digits(s.as_bytes())).unwrap_or(0);
                    if let Some(value) = read_cell(part, t.as_deref(), strings)? {
                        sheet.cells.push(RawCell { pos, style, value });
                    }
                }
                b"col" => {
                    let [min, max, hidden] = part.attrs(&e, ["min", "max", "hidden"])?;
                    if on(hidden) {
                        let min = min.and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
                        let max = max.and_then(|v| v.parse::<u32>().ok()).unwrap_or(min).min(MAX_COLS);
                        sheet.hidden_cols.extend(min - 1..max);
                    }
                }
                b"mergeCell" => {
                    if let [Some(range)] = part.attrs(&e, ["ref"])? {
                        let merge = area(range.as_bytes()).map_err(|m| part.malformed(format!("mergeCell: {m}")))?;
                        sheet.merges.push(merge);
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(sheet),
            _ => {}
        }
    }
}

/// A flag attribute that is set.
fn on(flag: Option<Cow<'_, str>>) -> bool {
    matches!(flag.as_deref(), Some("1" | "true"))
}

/// The value of the cell just started, of type `kind`: its `<v>` or `<is>` (`None` without).
fn read_cell(part: &mut Part<'_>, kind: Option<&str>, strings: usize) -> Result<Option<Value>> {
    let depth = part.depth();
    let mut value = None;
    loop {
        match part.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"v" => {
                    let v = part.text()?;
                    value = typed_value(v, kind, strings).map_err(|m| part.malformed(m))?;
                }
                b"is" => value = Some(Value::Text(part.rich_text()?)),
                b"f" => part.skip()?,
                _ => return Err(part.malformed("a cell holds an element other than <v>, <f> or <is>")),
            },
            Event::End(_) if part.depth() < depth => return Ok(value),
            _ => {}
        }
    }
}

/// A `<v>` read by the cell type (`None`: an empty number).
fn typed_value(v: Cow<'_, str>, kind: Option<&str>, strings: usize) -> Result<Option<Value>, String> {
    Ok(Some(match kind {
        None => match v.parse() {
            Ok(n) => Value::Number(n),
            Err(_) => Value::Text(v.into_owned()),
        },
        Some("n") if v.is_empty() => return Ok(None),
        Some("n") => Value::Number(v.parse().map_err(|_| format!("not a number: {v:?}"))?),
        Some("s") => match digits(v.as_bytes()) {
            Some(index) if index < strings => Value::Shared(index),
            _ => return Err(format!("shared string {v:?} of {strings}")),
        },
        Some("str" | "inlineStr") => Value::Text(v.into_owned()),
        Some("b") => Value::Bool(v != "0"),
        Some("d") => Value::Iso(v.into_owned()),
        Some("e") => Value::Error(match v.as_ref() {
            "#DIV/0!" => "#Div0",
            "#N/A" => "#NA",
            "#NAME?" => "#Name",
            "#NULL!" => "#Null",
            "#NUM!" => "#Num",
            "#REF!" => "#Ref",
            "#VALUE!" => "#Value",
            _ => return Err(format!("unknown error value {v:?}")),
        }),
        Some(other) => return Err(format!("unknown cell type {other:?}")),
    }))
}

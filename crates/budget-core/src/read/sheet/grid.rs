//! The grid of a sheet, shared by the XLSX reader and the calamine readers (XLS, ODS): the used
//! range as cells with spans, a merged title row as a paragraph, hidden rows and columns
//! flagged, and values printed as a spreadsheet displays them.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::provenance::Provenance;

/// A rectangle of cells: (top, left), (bottom, right), 0-based.
pub(crate) type Area = ((u32, u32), (u32, u32));

/// How a number is displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFormat {
    /// `General` or a format we print as general (dates, scientific, text).
    General,
    /// A fixed number of decimals (`0.00`, `#,##0.00`, `0.0%`).
    Fixed {
        /// Digits after the decimal point.
        decimals: u32,
        /// A percentage: the value × 100 with a `%` sign.
        percent: bool,
    },
}

/// 0 → `A`, 27 → `AB`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Push a sheet's grid, its first row as a title paragraph when it is one merged title cell.
pub(crate) fn push_table(blocks: &mut Blocks, grid: Grid, provenance: Provenance) {
    let (title, grid) = split_title_row(grid);
    if let Some(title) = title {
        blocks.blocks.push(title);
    }
    blocks.blocks.push(Block { kind: BlockKind::Table(grid), provenance });
}

/// A first row that is one merged cell across the sheet is the sheet's title: a paragraph
/// before the table, as the title line above a table in a text document.
fn split_title_row(mut grid: Grid) -> (Option<Block>, Grid) {
    let first_row: Vec<usize> = grid.cells.iter().enumerate().filter(|(_, c)| c.row == 0).map(|(i, _)| i).collect();
    let [only] = first_row[..] else { return (None, grid) };
    let cell = &grid.cells[only];
    if cell.row_span != 1 || cell.col_span < 2 || cell.col_span * 2 < grid.n_cols || cell.text.trim().is_empty() {
        return (None, grid);
    }
    let cell = grid.cells.remove(only);
    for c in &mut grid.cells {
        c.row -= 1;
    }
    grid.n_rows -= 1;
    let text = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
    (Some(Block { kind: BlockKind::Paragraph { text }, provenance: cell.provenance }), grid)
}

/// The grid of a sheet's used range (`start`, `size`): every position a cell (`text_at(row,
/// col)`, relative, asked in row-major order), merged areas as spans, the positions they cover
/// left out (areas over a million cells keep their covered positions).
pub(crate) fn build_grid(
    sheet: &str,
    start: (u32, u32),
    size: (usize, usize),
    merges: &[Area],
    mut text_at: impl FnMut(usize, usize) -> String,
) -> (Grid, Provenance) {
    let (rows, cols) = size;
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let mut grid = Grid { n_rows: rows, n_cols: cols, ..Grid::default() };
    // Top-left (relative) → (row span, col span); covered positions are skipped.
    let mut spans: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let (free, top_left, covered) = (0u8, 1u8, 2u8);
    let mut marks = vec![free; rows * cols];
    for &((top, left), (bottom, right)) in merges {
        let (top, left, bottom, right) = (top as usize, left as usize, bottom as usize, right as usize);
        if top < r0 || left < c0 || top >= r0 + rows || left >= c0 + cols || bottom < top || right < left {
            continue;
        }
        let (bottom, right) = (bottom.min(r0 + rows - 1), right.min(c0 + cols - 1));
        spans.insert((top - r0, left - c0), (bottom - top + 1, right - left + 1));
        if marks[(top - r0) * cols + (left - c0)] == free {
            marks[(top - r0) * cols + (left - c0)] = top_left;
        }
        if (bottom - top + 1).saturating_mul(right - left + 1) <= 1_000_000 {
            for r in top..=bottom {
                for c in left..=right {
                    if (r, c) != (top, left) {
                        marks[(r - r0) * cols + (c - c0)] = covered;
                    }
                }
            }
        }
    }
    // Every position gets a cell (blank ones empty), as a text layout prints every cell: the
    // recognizer aligns span-less rows by cell order.
    grid.cells.reserve(rows * cols);
    for r in 0..rows {
        for c in 0..cols {
            let mark = marks[r * cols + c];
            if mark == covered {
                continue;
            }
            let span = if mark == top_left { spans.get(&(r, c)).copied() } else { None };
            let (row_span, col_span) = span.unwrap_or((1, 1));
            let mut provenance = Provenance::lines(r + r0 + 1, r + r0 + row_span, c + c0, c + c0 + col_span);
            provenance.sheet = Some(sheet.to_string());
            provenance.cell = Some(crate::position::a1(r + r0, c + c0));
            let text = text_at(r, c);
            grid.cells.push(Cell { row: r, col: c, row_span, col_span, text, provenance });
        }
    }
    let mut provenance = Provenance::lines(r0 + 1, r0 + rows, c0, c0 + cols);
    provenance.sheet = Some(sheet.to_string());
    (grid, provenance)
}

/// Warn about the hidden rows and columns inside the used range.
pub(crate) fn flag_hidden(
    sheet: &str,
    hidden_rows: &BTreeSet<u32>,
    hidden_cols: &BTreeSet<u32>,
    start: (u32, u32),
    size: (usize, usize),
    warnings: &mut Vec<String>,
) {
    let rows: Vec<String> = hidden_rows
        .iter()
        .filter(|&&r| r >= start.0 && ((r - start.0) as usize) < size.0)
        .map(|r| (r + 1).to_string())
        .collect();
    if !rows.is_empty() {
        warnings.push(format!("sheet {sheet}: hidden rows {} (read like the others)", rows.join(", ")));
    }
    let cols: Vec<String> = hidden_cols
        .iter()
        .filter(|&&c| c >= start.1 && ((c - start.1) as usize) < size.1)
        .map(|&c| column_name(c))
        .collect();
    if !cols.is_empty() {
        warnings.push(format!("sheet {sheet}: hidden columns {} (read like the others)", cols.join(", ")));
    }
}

/// A string as displayed: trailing line breaks dropped, `\r\n` as `\n`.
pub(crate) fn string_text(s: &str) -> String {
    let s = s.trim_end_matches(['\r', '\n']);
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
    }
}

/// A date serial (1900 system) as `YYYY-MM-DD`, with `HH:MM:SS` when it has a time.
pub(crate) fn excel_date(serial: f64) -> String {
    if !(0.0..3_000_000.0).contains(&serial) {
        return float_decimal(serial).map(|d| number_text(d, None)).unwrap_or_default();
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    // Days from 1899-12-30 to 1970-01-01 are 25569; civil-from-days (H. Hinnant).
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let date = format!("{year:04}-{month:02}-{day:02}");
    if seconds == 0 {
        date
    } else {
        format!("{date} {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}

/// A float as the decimal a spreadsheet shows: rounded to 15 significant digits.
pub(crate) fn float_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // Whole numbers below 10^15 print exactly: the same decimal as through the 15 digits below.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return Some(Decimal::from(value as i64));
    }
    let text = format!("{value:.14e}");
    Decimal::from_scientific(&text).ok().or_else(|| Decimal::from_f64(value)).map(|d| d.normalize())
}

/// A number as displayed with `format` (general: as many digits as it has).
pub(crate) fn number_text(value: Decimal, format: Option<&NumberFormat>) -> String {
    match format {
        Some(NumberFormat::Fixed { decimals, percent }) => {
            let value = if *percent { value * Decimal::ONE_HUNDRED } else { value };
            let mut rounded = value.round_dp_with_strategy(*decimals, RoundingStrategy::MidpointAwayFromZero);
            rounded.rescale(*decimals);
            let text = if rounded.is_zero() { rounded.abs().to_string() } else { rounded.to_string() };
            if *percent {
                format!("{text}%")
            } else {
                text
            }
        }
        _ => value.normalize().to_string(),
    }
}

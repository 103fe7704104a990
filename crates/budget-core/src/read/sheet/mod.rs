//! Reader for spreadsheets (XLSX, XLS, ODS): each sheet one table grid. XLSX is read by our own
//! streaming reader (`xlsx_blocks.rs`); XLS and ODS through calamine.
//!
//! - Every row of the used range is kept, caption rows above the header included (the
//!   recognizer reads rows with 单位： / 编制单位 as captions, a lone title row as the title).
//! - Every position of the used range is a cell (blank ones with empty text), so a row keeps
//!   its width as in a text layout.
//! - Merged regions become row/column spans (from the sheet for XLSX, calamine's for XLS; for
//!   ODS, read from `content.xml` by [`ods_extras`]).
//! - Formulas are read from their cached values.
//! - Numbers are printed as displayed, exactly: for XLSX the cell's number format is read
//!   (`xl/styles.xml`) and the value printed with that many decimals (4749.3 formatted
//!   `#,##0.00` is `4749.30`; grouping commas are not printed, percentages are), through
//!   `rust_decimal`, never a float `Display`. Without a format (XLS, `General`) a number is
//!   printed with up to 15 significant digits, as a spreadsheet shows it. ODS cells carry their
//!   displayed text, which is used (grouping commas removed).
//! - Hidden sheets, rows and columns are read and flagged in the warnings.
//!
//! Provenance: `sheet` is the sheet name, `line_start`/`line_end` the 1-based spreadsheet rows,
//! `byte_start`/`byte_end` the 0-based columns covered (start inclusive, end exclusive).

pub mod ods_extras;
pub mod xls;
mod xlsx;

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, SheetVisible, Sheets};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::provenance::Provenance;
use crate::read::sheet::ods_extras::{self as ods, OdsSheet};
use crate::read::sheet::xls as ole2;
use crate::read::sheet::xlsx as xlsx_blocks;
use crate::read::sheet::xlsx::part::{Area, FORMAT};
use crate::read::sheet::xlsx::styles::{self as xlsx_styles, NumberFormat};
use crate::read::sheet::xlsx::workbook::RELS;
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;

/// Read a spreadsheet (XLSX, XLS or ODS; the kind is detected from the bytes). An XLSX is read
/// under the zip and XML limits as it is inflated; for XLS and ODS the container is checked
/// against the limits before calamine reads it.
///
/// # Errors
/// [`ErrorKind::Malformed`] when the workbook or a sheet cannot be read,
/// [`ErrorKind::LimitExceeded`] past [`ReadOptions::max_cells_per_sheet`] or the zip and XML
/// limits.
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    if data.starts_with(b"PK") {
        let mut zip = LimitedZip::open(source, data, FORMAT, options)?;
        if zip.find_part(RELS).is_some() {
            match xlsx_blocks::read(&mut zip, options) {
                Ok(blocks) => return Ok(blocks),
                // A workbook that is not a readable XLSX may still be an XLSB or an ODS, which
                // calamine reads.
                Err(err)
                    if zip.find_part("mimetype").is_none() && zip.find_part("xl/_rels/workbook.bin.rels").is_none() =>
                {
                    return Err(err)
                }
                Err(_) => {}
            }
        }
    }
    // calamine can panic on damaged files (e.g. an arithmetic overflow in a BIFF record): that
    // is a malformed file, not a crash of the caller's batch.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(source, data, options))).unwrap_or_else(
        |payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let kind = ErrorKind::Malformed {
                format: "spreadsheet".into(),
                message: format!("the spreadsheet reader failed on damaged data: {message}"),
            };
            Err(Error::new(kind, Location::source(source)))
        },
    )
}

/// XLS, ODS (and XLSB) through calamine, which also tells a zip behind other bytes.
fn read_workbook(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    // calamine trusts the container: check it first (sector chains of an OLE2 file; sizes and
    // ratios of a zip, inflated under the limits).
    if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let used = ole2::check(data).map_err(|kind| Error::new(kind, Location::source(source)))?;
        let too_large = [("an XLS sheet", used.largest_sheet), ("all sheets of an XLS workbook", used.workbook)]
            .into_iter()
            .find(|&(_, cells)| cells > options.max_cells_per_sheet);
        if let Some((whose, actual)) = too_large {
            let what = format!("cells of {whose} (used range)");
            let kind = ErrorKind::LimitExceeded { what, actual, limit: options.max_cells_per_sheet };
            return Err(Error::new(kind, Location::source(source)));
        }
    } else if data.starts_with(b"PK") {
        LimitedZip::open(source, data, "spreadsheet", options)?.check_all()?;
    }
    let malformed = |format: &str, message: String| {
        Error::new(ErrorKind::Malformed { format: format.into(), message }, Location::source(source))
    };
    let mut workbook =
        open_workbook_auto_from_rs(Cursor::new(data)).map_err(|e| malformed("spreadsheet", e.to_string()))?;
    let ods = match &workbook {
        Sheets::Ods(_) => ods::read(source, data, options)?,
        _ => HashMap::new(),
    };
    let format = match &workbook {
        Sheets::Xls(_) => "xls",
        Sheets::Ods(_) => "ods",
        Sheets::Xlsb(_) => "xlsb",
        // An XLSX that did not look like one at first (a zip behind other bytes): our reader.
        Sheets::Xlsx(_) => return xlsx_blocks::read(&mut LimitedZip::open(source, data, FORMAT, options)?, options),
    };
    let mut blocks = Blocks { format: format.into(), encoding: "UTF-8".into(), ..Blocks::default() };
    let sheets = workbook.sheets_metadata().to_vec();
    for sheet in sheets {
        let name = sheet.name.clone();
        let range = workbook.worksheet_range(&name).map_err(|e| malformed(format, format!("sheet {name}: {e}")))?;
        let (rows, cols) = range.get_size();
        if (rows as u64).saturating_mul(cols as u64) > options.max_cells_per_sheet {
            let what = format!("cells of sheet {name}");
            let kind = ErrorKind::LimitExceeded {
                what,
                actual: (rows as u64).saturating_mul(cols as u64),
                limit: options.max_cells_per_sheet,
            };
            return Err(Error::new(kind, Location::source(source)));
        }
        let Some(start) = range.start() else {
            blocks.warnings.push(format!("sheet {name}: empty, skipped"));
            continue;
        };
        if sheet.visible != SheetVisible::Visible {
            blocks.warnings.push(format!("sheet {name}: hidden sheet, read like the others"));
        }
        let merges: Vec<Dimensions> = match &mut workbook {
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => ods.get(&name).map_or_else(Vec::new, |o| {
                o.spans.iter().map(|(&(r, c), &(rs, cs))| Dimensions::new((r, c), (r + rs - 1, c + cs - 1))).collect()
            }),
        };
        let merges: Vec<Area> = merges.iter().map(|d| (d.start, d.end)).collect();
        let sheet_ods = ods.get(&name);
        let text_at = |r: usize, c: usize| match range.get((r, c)) {
            Some(value) if !matches!(value, Data::Empty) => {
                calamine_text(sheet_ods, ((r as u32) + start.0, (c as u32) + start.1), value)
            }
            _ => String::new(),
        };
        let (grid, provenance) = build_grid(&name, start, (rows, cols), &merges, text_at);
        if let Some(o) = sheet_ods {
            flag_hidden(&name, &o.hidden_rows, &BTreeSet::new(), start, (rows, cols), &mut blocks.warnings);
        }
        push_table(&mut blocks, grid, provenance);
    }
    Ok(blocks)
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

/// The text of a calamine value, or an ODS cell's displayed number when there is one.
fn calamine_text(ods: Option<&OdsSheet>, at: (u32, u32), value: &Data) -> String {
    if let (Some(ods), Data::Float(_) | Data::Int(_)) = (ods, value) {
        if let Some(shown) = ods.display.get(&at) {
            let plain = shown.trim().replace(',', "");
            if plain.trim_end_matches('%').parse::<Decimal>().is_ok() {
                return plain;
            }
        }
    }
    cell_text(value, None)
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
        .map(|&c| xlsx_styles::column_name(c))
        .collect();
    if !cols.is_empty() {
        warnings.push(format!("sheet {sheet}: hidden columns {} (read like the others)", cols.join(", ")));
    }
}

/// The text of a cell as displayed.
fn cell_text(value: &Data, format: Option<&NumberFormat>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => string_text(s),
        Data::Int(i) => number_text(Decimal::from(*i), format),
        Data::Float(f) => match float_decimal(*f) {
            Some(d) => number_text(d, format),
            None => String::new(),
        },
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::zip::zip_of;

    /// A workbook as Excel writes it, by hand: a merged title, a custom `#,##0.000` format, a
    /// formula with its cached value, a hidden row and a hidden column.
    fn workbook() -> Vec<u8> {
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
        let parts = [
            (
                "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string(),
            ),
            (
                "xl/workbook.xml",
                format!("<workbook {ns}><sheets><sheet name=\"收支总表\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string(),
            ),
            (
                "xl/styles.xml",
                format!("<styleSheet {ns}><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"#,##0.000_ \"/></numFmts>\
                 <cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>"),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!("<worksheet {ns}><cols><col min=\"3\" max=\"3\" hidden=\"1\"/></cols><sheetData>\
                 <row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>收支总表</t></is></c></row>\
                 <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"B2\" s=\"1\"><v>4749.3</v></c><c r=\"C2\" s=\"2\"><v>0.125</v></c></row>\
                 <row r=\"3\" hidden=\"1\"><c r=\"A3\" t=\"inlineStr\"><is><t>两倍</t></is></c><c r=\"B3\" s=\"1\"><f>B2*2</f><v>9498.6</v></c><c r=\"C3\"><v>2101202</v></c></row>\
                 </sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>"),
            ),
        ];
        zip_of(parts)
    }

    #[test]
    fn a_workbook_reads_with_formats_formulas_merges_and_hidden_flags() {
        let blocks = read("t.xlsx", &workbook(), &ReadOptions::default()).unwrap();
        assert_eq!(blocks.blocks[0].text(), Some("收支总表"));
        let BlockKind::Table(grid) = &blocks.blocks[1].kind else { panic!("{:?}", blocks.blocks) };
        let text = |r, c| grid.get(r, c).map(|c| c.text.as_str());
        assert_eq!((text(0, 1), text(0, 2)), (Some("4749.300"), Some("12.50%")));
        assert_eq!((text(1, 1), text(1, 2)), (Some("9498.600"), Some("2101202")));
        let cell = grid.get(1, 1).unwrap();
        assert_eq!((cell.provenance.sheet.as_deref(), cell.provenance.line_start), (Some("收支总表"), 3));
        assert_eq!(
            blocks.warnings,
            [
                "sheet 收支总表: hidden rows 3 (read like the others)",
                "sheet 收支总表: hidden columns C (read like the others)"
            ]
        );
    }

    #[test]
    fn numbers_print_with_the_decimals_of_their_format() {
        let two = NumberFormat::Fixed { decimals: 2, percent: false };
        assert_eq!(cell_text(&Data::Float(4749.3), Some(&two)), "4749.30");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2), Some(&two)), "0.30");
        assert_eq!(cell_text(&Data::Float(2.675), Some(&two)), "2.68");
        assert_eq!(cell_text(&Data::Float(-0.001), Some(&two)), "0.00");
        assert_eq!(cell_text(&Data::Int(7), Some(&two)), "7.00");
        let pct = NumberFormat::Fixed { decimals: 1, percent: true };
        assert_eq!(cell_text(&Data::Float(0.985), Some(&pct)), "98.5%");
        assert_eq!(cell_text(&Data::Float(4749.3), None), "4749.3");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2), None), "0.3");
        assert_eq!(cell_text(&Data::Float(2101202.0), None), "2101202");
        assert_eq!(cell_text(&Data::Float(f64::NAN), None), "");
        assert_eq!(excel_date(45291.0), "2023-12-31");
        assert_eq!(excel_date(45291.5), "2023-12-31 12:00:00");
    }
}

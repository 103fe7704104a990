//! Reader for spreadsheets (XLSX, XLS, ODS) through calamine: each sheet one table grid.
//!
//! - Every row of the used range is kept, caption rows above the header included (the
//!   recognizer reads rows with 单位： / 编制单位 as captions, a lone title row as the title).
//! - Every position of the used range is a cell (blank ones with empty text), so a row keeps
//!   its width as in a text layout.
//! - Merged regions become row/column spans (calamine's for XLSX and XLS; for ODS, read from
//!   `content.xml` by [`super::ods`]).
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

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, SheetVisible, Sheets};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::provenance::Provenance;
use crate::read::ods::{self, OdsSheet};
use crate::read::ole2;
use crate::read::xlsx_styles::{self, NumberFormat, SheetStyles};
use crate::read::zip_limits::LimitedZip;
use crate::read::ReadOptions;

/// Read a spreadsheet (XLSX, XLS or ODS; the kind is detected from the bytes). The container is
/// checked against the limits before calamine reads it.
///
/// # Errors
/// [`ErrorKind::Malformed`] when calamine cannot read the workbook or a sheet,
/// [`ErrorKind::LimitExceeded`] past [`ReadOptions::max_cells_per_sheet`].
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
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
    let (format, styles) = match &workbook {
        Sheets::Xlsx(_) => ("xlsx", Some(xlsx_styles::read(source, data, options)?)),
        Sheets::Xls(_) => ("xls", None),
        Sheets::Ods(_) => ("ods", None),
        Sheets::Xlsb(_) => ("xlsb", None),
    };
    if let Sheets::Xlsx(x) = &mut workbook {
        x.load_merged_regions().map_err(|e| malformed(format, format!("merged cells: {e}")))?;
    }
    let mut blocks = Blocks { format: format.into(), encoding: "UTF-8".into(), ..Blocks::default() };
    let sheets = workbook.sheets_metadata().to_vec();
    for sheet in sheets {
        let name = sheet.name.clone();
        let sheet_styles = styles.as_ref().and_then(|s| s.sheets.get(&name));
        if let Some(s) = sheet_styles {
            let cells = s.value_box_cells();
            if cells > options.max_cells_per_sheet {
                let what = format!("cells of sheet {name} (used range)");
                let kind = ErrorKind::LimitExceeded { what, actual: cells, limit: options.max_cells_per_sheet };
                return Err(Error::new(kind, Location::source(source)));
            }
        }
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
            Sheets::Xlsx(x) => x.merged_regions_by_sheet(&name).into_iter().map(|(_, _, d)| *d).collect(),
            Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
            _ => ods.get(&name).map_or_else(Vec::new, |o| {
                o.spans.iter().map(|(&(r, c), &(rs, cs))| Dimensions::new((r, c), (r + rs - 1, c + cs - 1))).collect()
            }),
        };
        let extras = Extras { styles: sheet_styles, workbook: styles.as_ref(), ods: ods.get(&name) };
        let (grid, provenance) = build_grid(&name, &range, start, &merges, &extras);
        if let Some(s) = sheet_styles {
            flag_hidden(&name, &s.hidden_rows, &s.hidden_cols, start, (rows, cols), &mut blocks.warnings);
        }
        if let Some(o) = ods.get(&name) {
            flag_hidden(&name, &o.hidden_rows, &BTreeSet::new(), start, (rows, cols), &mut blocks.warnings);
        }
        let (title, grid) = split_title_row(grid);
        if let Some(title) = title {
            blocks.blocks.push(title);
        }
        blocks.blocks.push(Block { kind: BlockKind::Table(grid), provenance });
    }
    Ok(blocks)
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

/// What the format-specific passes add to calamine's values.
struct Extras<'a> {
    styles: Option<&'a SheetStyles>,
    workbook: Option<&'a xlsx_styles::Styles>,
    ods: Option<&'a OdsSheet>,
}

impl Extras<'_> {
    fn text(&self, at: (u32, u32), value: &Data) -> String {
        if let (Some(ods), Data::Float(_) | Data::Int(_)) = (self.ods, value) {
            if let Some(shown) = ods.display.get(&at) {
                let plain = shown.trim().replace(',', "");
                if plain.trim_end_matches('%').parse::<Decimal>().is_ok() {
                    return plain;
                }
            }
        }
        let format = self
            .styles
            .and_then(|s| s.cell_styles.get(&at))
            .and_then(|&xf| self.workbook.and_then(|st| st.cell_formats.get(xf as usize)));
        cell_text(value, format)
    }
}

fn build_grid(
    sheet: &str,
    range: &calamine::Range<Data>,
    start: (u32, u32),
    merges: &[Dimensions],
    extras: &Extras<'_>,
) -> (Grid, Provenance) {
    let (rows, cols) = range.get_size();
    let (r0, c0) = (start.0 as usize, start.1 as usize);
    let mut grid = Grid { n_rows: rows, n_cols: cols, ..Grid::default() };
    // Top-left (relative) → (row span, col span); covered positions are skipped.
    let mut spans: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut covered: BTreeSet<(usize, usize)> = BTreeSet::new();
    for m in merges {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let (bottom, right) = (m.end.0 as usize, m.end.1 as usize);
        if top < r0 || left < c0 || top >= r0 + rows || left >= c0 + cols || bottom < top || right < left {
            continue;
        }
        let (bottom, right) = (bottom.min(r0 + rows - 1), right.min(c0 + cols - 1));
        spans.insert((top - r0, left - c0), (bottom - top + 1, right - left + 1));
        if (bottom - top + 1).saturating_mul(right - left + 1) <= 1_000_000 {
            for r in top..=bottom {
                for c in left..=right {
                    if (r, c) != (top, left) {
                        covered.insert((r - r0, c - c0));
                    }
                }
            }
        }
    }
    let mut values: HashMap<(usize, usize), String> = HashMap::new();
    for (r, c, value) in range.used_cells() {
        if covered.contains(&(r, c)) {
            continue;
        }
        let text = extras.text(((r + r0) as u32, (c + c0) as u32), value);
        if !text.is_empty() {
            values.insert((r, c), text);
        }
    }
    // Every position gets a cell (blank ones empty), as a text layout prints every cell: the
    // recognizer aligns span-less rows by cell order.
    let positions = (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))).filter(|p| !covered.contains(p));
    for (r, c) in positions {
        let (row_span, col_span) = spans.get(&(r, c)).copied().unwrap_or((1, 1));
        let mut provenance = Provenance::lines(r + r0 + 1, r + r0 + row_span, c + c0, c + c0 + col_span);
        provenance.sheet = Some(sheet.to_string());
        let text = values.remove(&(r, c)).unwrap_or_default();
        grid.cells.push(Cell { row: r, col: c, row_span, col_span, text, provenance });
    }
    let mut provenance = Provenance::lines(r0 + 1, r0 + rows, c0, c0 + cols);
    provenance.sheet = Some(sheet.to_string());
    (grid, provenance)
}

fn flag_hidden(
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
        Data::String(s) => s.trim_end_matches(['\r', '\n']).replace("\r\n", "\n"),
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

/// A date serial (1900 system) as `YYYY-MM-DD`, with `HH:MM:SS` when it has a time.
fn excel_date(serial: f64) -> String {
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
fn float_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let text = format!("{value:.14e}");
    Decimal::from_scientific(&text).ok().or_else(|| Decimal::from_f64(value)).map(|d| d.normalize())
}

fn number_text(value: Decimal, format: Option<&NumberFormat>) -> String {
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
    use std::io::Write;

    use super::*;

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
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, xml) in parts {
            writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            writer.write_all(xml.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
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

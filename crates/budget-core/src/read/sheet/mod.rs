//! Reader for spreadsheets (XLSX, XLS, ODS): each sheet one table grid (`grid.rs`). XLSX is read by
//! our own streaming reader (`xlsx/`); XLS (after the OLE2 check of [`xls`]) and ODS through calamine.
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

pub(crate) mod grid;
pub mod ods_extras;
pub mod xls;
mod xlsx;

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, SheetVisible, Sheets};
use rust_decimal::Decimal;

use crate::blocks::Blocks;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::sheet::ods_extras::OdsSheet;
use crate::read::sheet::xlsx::part::FORMAT;
use crate::read::sheet::xlsx::workbook::RELS;
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;
use grid::Area;
use grid::NumberFormat;
use grid::{build_grid, excel_date, flag_hidden, float_decimal, number_text, push_table, string_text};

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
            match xlsx::read(&mut zip, options) {
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
        let used = xls::check(data).map_err(|kind| Error::new(kind, Location::source(source)))?;
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
        Sheets::Ods(_) => ods_extras::read(source, data, options)?,
        _ => HashMap::new(),
    };
    let format = match &workbook {
        Sheets::Xls(_) => "xls",
        Sheets::Ods(_) => "ods",
        Sheets::Xlsb(_) => "xlsb",
        // An XLSX that did not look like one at first (a zip behind other bytes): our reader.
        Sheets::Xlsx(_) => return xlsx::read(&mut LimitedZip::open(source, data, FORMAT, options)?, options),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::BlockKind;
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

//! XLSX → blocks with our own reader: the workbook parts ([`workbook`]), then each
//! sheet part found, inflated and read once ([`worksheet`]), then each sheet's used
//! range as a grid (the bounding box of the cells with a value, empty strings included), held to
//! [`ReadOptions::max_cells_per_sheet`] before it is allocated.
//!
//! Sheet names are unique in a workbook: a sheet whose name an earlier sheet already has is
//! skipped, with a warning.

pub(crate) mod part;
pub mod styles;
pub(crate) mod workbook;
pub(crate) mod worksheet;

use std::collections::HashSet;

use crate::blocks::Blocks;
use crate::error::{Error, ErrorKind, Result};
use crate::read::sheet::grid::{
    build_grid, excel_date, flag_hidden, float_decimal, number_text, push_table, string_text,
};
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;
use part::{Part, FORMAT};
use workbook::{read_part, Workbook};
use worksheet::{RawCell, Value};

/// Read an XLSX workbook (a zip with `xl/_rels/workbook.xml.rels`).
///
/// # Errors
/// Zip and XML limits, [`ReadOptions::max_cells_per_sheet`], malformed parts (located at their
/// entry), a sheet without its part.
pub(crate) fn read(zip: &mut LimitedZip<'_>, options: &ReadOptions) -> Result<Blocks> {
    let book = workbook::read(zip, options)?;
    let mut blocks = Blocks { format: "xlsx".into(), encoding: "UTF-8".into(), ..Blocks::default() };
    let mut names = HashSet::new();
    for sheet in &book.sheets {
        let name = sheet.name.as_str();
        if !names.insert(name) {
            blocks.warnings.push(format!("sheet {name}: a second sheet of this name, skipped"));
            continue;
        }
        let Some((xml, at)) = read_part(zip, &sheet.path, options)? else {
            let kind = ErrorKind::Malformed { format: FORMAT.into(), message: format!("sheet {name}: no part") };
            return Err(Error::new(kind, zip.location(&sheet.path, None)));
        };
        let data = worksheet::read(&mut Part::new(&xml, options, at), book.strings.len())?;
        let Some((start, (rows, cols))) = used_range(&data.cells) else {
            blocks.warnings.push(format!("sheet {name}: empty, skipped"));
            continue;
        };
        let (cells, limit) = ((rows as u64).saturating_mul(cols as u64), options.max_cells_per_sheet);
        if cells > limit {
            let kind = ErrorKind::LimitExceeded { what: format!("cells of sheet {name}"), actual: cells, limit };
            return Err(Error::new(kind, zip.location(&sheet.path, None)));
        }
        if sheet.hidden {
            blocks.warnings.push(format!("sheet {name}: hidden sheet, read like the others"));
        }
        let text_at = texts(&data.cells, start, (rows, cols), &book);
        let (grid, provenance) = build_grid(name, start, (rows, cols), &data.merges, text_at);
        flag_hidden(name, &data.hidden_rows, &data.hidden_cols, start, (rows, cols), &mut blocks.warnings);
        push_table(&mut blocks, grid, provenance);
    }
    Ok(blocks)
}

/// The bounding box of the cells: (top-left, (rows, columns)); `None` without cells.
fn used_range(cells: &[RawCell]) -> Option<((u32, u32), (usize, usize))> {
    let first = cells.first()?.pos;
    let (mut top, mut left, mut bottom, mut right) = (first.0, first.1, first.0, first.1);
    for cell in cells {
        let (r, c) = cell.pos;
        (top, left, bottom, right) = (top.min(r), left.min(c), bottom.max(r), right.max(c));
    }
    Some(((top, left), ((bottom - top) as usize + 1, (right - left) as usize + 1)))
}

/// The text at each position of the used range: the last cell written there, as displayed.
fn texts<'c>(
    cells: &'c [RawCell],
    start: (u32, u32),
    (rows, cols): (usize, usize),
    book: &'c Workbook,
) -> impl FnMut(usize, usize) -> String + 'c {
    let mut slots = vec![0usize; rows * cols];
    for (i, cell) in cells.iter().enumerate() {
        let (r, c) = ((cell.pos.0 - start.0) as usize, (cell.pos.1 - start.1) as usize);
        slots[r * cols + c] = i + 1;
    }
    move |r, c| slots[r * cols + c].checked_sub(1).map_or_else(String::new, |i| cell_text(&cells[i], book))
}

/// A cell as displayed: a number with the decimals of its style, or as a date in a date style.
fn cell_text(cell: &RawCell, book: &Workbook) -> String {
    let style = book.styles.get(cell.style);
    match &cell.value {
        Value::Text(s) => string_text(s),
        Value::Shared(i) => book.strings.get(*i).map(|s| string_text(s)).unwrap_or_default(),
        Value::Number(n) if style.is_some_and(|s| s.date) => excel_date(*n),
        Value::Number(n) => float_decimal(*n).map(|d| number_text(d, style.map(|s| &s.format))).unwrap_or_default(),
        Value::Iso(s) => s.clone(),
        Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Value::Error(e) => (*e).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::blocks::{BlockKind, Blocks, Grid};
    use crate::error::ErrorKind;
    use crate::read::zip::zip_of;
    use crate::read::{sheet as xlsx, ReadOptions};

    const NS: &str = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                      xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

    /// A workbook of `sheets` (name, rels target, sheet data XML), with `extra` parts.
    fn workbook(sheets: &[(&str, &str, &str)], extra: &[(&str, String)]) -> Vec<u8> {
        let mut listed = String::new();
        let mut rels = String::new();
        let mut parts: Vec<(String, String)> = Vec::new();
        for (i, (name, target, data)) in sheets.iter().enumerate() {
            listed.push_str(&format!("<sheet name=\"{name}\" sheetId=\"{}\" r:id=\"rId{i}\"/>", i + 1));
            rels.push_str(&format!("<Relationship Id=\"rId{i}\" Type=\"worksheet\" Target=\"{target}\"/>"));
            let path = target.strip_prefix('/').map_or_else(|| format!("xl/{target}"), str::to_string);
            parts.push((path, format!("<worksheet {NS}>{data}</worksheet>")));
        }
        parts.push(("xl/workbook.xml".into(), format!("<workbook {NS}><sheets>{listed}</sheets></workbook>")));
        parts.push((
            "xl/_rels/workbook.xml.rels".into(),
            format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>"),
        ));
        parts.extend(extra.iter().map(|(name, xml)| (name.to_string(), xml.clone())));
        zip_of(parts)
    }

    fn read(data: &[u8]) -> Blocks {
        xlsx::read("t.xlsx", data, &ReadOptions::default()).unwrap()
    }

    fn grid(blocks: &Blocks, index: usize) -> &Grid {
        let BlockKind::Table(grid) = &blocks.blocks[index].kind else { panic!("{:?}", blocks.blocks) };
        grid
    }

    fn texts(grid: &Grid) -> Vec<&str> {
        grid.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn shared_strings_join_rich_runs_without_phonetic_runs() {
        let sst = format!(
            "<sst {NS}><si><t xml:space=\"preserve\"> plain &amp; &#x4E2D; </t></si>\
             <si><r><rPr><b/></rPr><t>rich </t></r><r><t>runs</t></r><rPh sb=\"0\" eb=\"1\"><t>ふり</t></rPh></si>\
             <si><rPh><t>only phonetic: not a string</t></rPh></si>\
             <si><t>a_x000D_b line\r\n</t></si></sst>"
        );
        let data = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>\
                    <c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row></sheetData>";
        let blocks = read(&workbook(&[("S", "worksheets/sheet1.xml", data)], &[("xl/sharedStrings.xml", sst)]));
        // Every <si> is one string (a phonetic-only one is empty); `_x000D_` stays as written and
        // a trailing line break is dropped.
        assert_eq!(texts(grid(&blocks, 0)), [" plain & 中 ", "rich runs", "", "a_x000D_b line"]);
    }

    #[test]
    fn dates_booleans_errors_and_typed_values_print_as_displayed() {
        let styles = format!(
            "<styleSheet {NS}><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>\
             <numFmt numFmtId=\"165\" formatCode=\"0.0%\"/></numFmts>\
             <cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>"
        );
        let data = "<sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>45291</v></c><c r=\"B1\" s=\"2\"><v>45291.5</v></c>\
                    <c r=\"C1\" s=\"3\"><v>0.985</v></c><c r=\"D1\" t=\"d\"><v>2023-12-31T00:00:00</v></c></row>\
                    <row r=\"2\"><c r=\"A2\" t=\"b\"><v>1</v></c><c r=\"B2\" t=\"b\"><v>0</v></c><c r=\"C2\" t=\"e\"><v>#DIV/0!</v></c>\
                    <c r=\"D2\" t=\"e\"><v>#N/A</v></c></row>\
                    <row r=\"3\"><c r=\"A3\" t=\"str\"><f>A1&amp;\"\"</f><v>公式</v></c><c r=\"B3\"><v>text</v></c>\
                    <c r=\"C3\" t=\"inlineStr\"><is><t>内联</t></is></c><c r=\"D3\" t=\"n\"><v></v></c></row></sheetData>";
        let blocks = read(&workbook(&[("S", "worksheets/sheet1.xml", data)], &[("xl/styles.xml", styles)]));
        assert_eq!(
            texts(grid(&blocks, 0)),
            [
                "2023-12-31",
                "2023-12-31 12:00:00",
                "98.5%",
                "2023-12-31T00:00:00",
                "TRUE",
                "FALSE",
                "#Div0",
                "#NA",
                "公式",
                "text",
                "内联",
                ""
            ]
        );
    }

    #[test]
    fn absolute_targets_hidden_and_empty_sheets() {
        let one = "<sheetData><row r=\"2\"><c r=\"B2\"><v>1</v></c></row></sheetData>";
        let empty = "<sheetData><row r=\"1\"><c r=\"A1\"/><c r=\"B1\" t=\"n\"><v></v></c><c r=\"C1\"><f>1</f></c></row></sheetData>";
        let mut data = workbook(&[("Abs", "/xl/worksheets/abs.xml", one), ("Empty", "worksheets/e.xml", empty)], &[]);
        let blocks = read(&data);
        assert_eq!((blocks.blocks.len(), texts(grid(&blocks, 0))), (1, vec!["1"]));
        let cell = &grid(&blocks, 0).cells[0];
        assert_eq!((cell.provenance.line_start, cell.provenance.byte_start), (2, 1));
        assert_eq!(blocks.warnings, ["sheet Empty: empty, skipped"]);
        // A part without <sheetData> (a chart sheet) is empty too.
        data = workbook(&[("Chart", "chartsheets/c.xml", ""), ("Abs", "/xl/worksheets/abs.xml", one)], &[]);
        assert_eq!(read(&data).warnings, ["sheet Chart: empty, skipped"]);
        let hidden = workbook(&[("H", "worksheets/h.xml", one)], &[]);
        let hidden = replace_in_zip(&hidden, "xl/workbook.xml", "r:id=", "state=\"veryHidden\" r:id=");
        assert_eq!(read(&hidden).warnings, ["sheet H: hidden sheet, read like the others"]);
    }

    /// Rewrite one part of a zip.
    fn replace_in_zip(data: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(data)).unwrap();
        let parts: Vec<(String, String)> = (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).unwrap();
                let mut text = String::new();
                std::io::Read::read_to_string(&mut file, &mut text).unwrap();
                let name = file.name().to_string();
                let text = if name == part { text.replace(from, to) } else { text };
                (name, text)
            })
            .collect();
        zip_of(parts)
    }

    #[test]
    fn parts_found_ignoring_case_and_a_repeated_sheet_name_skipped() {
        let one = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>";
        let two = "<sheetData><row r=\"1\"><c r=\"A1\"><v>2</v></c></row></sheetData>";
        let data = workbook(&[("S", "worksheets/a.xml", one), ("S", "worksheets/b.xml", two)], &[]);
        let data = replace_in_zip(&data, "xl/_rels/workbook.xml.rels", "worksheets/a.xml", "worksheets/A.XML");
        let blocks = read(&data);
        assert_eq!((blocks.blocks.len(), texts(grid(&blocks, 0))), (1, vec!["1"]));
        assert_eq!(blocks.warnings, ["sheet S: a second sheet of this name, skipped"]);
    }

    #[test]
    fn merged_cells_come_from_the_same_pass() {
        let data = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>标题</t></is></c></row>\
                    <row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>2</v></c><c r=\"C2\"><v>3</v></c></row>\
                    <row r=\"3\"><c r=\"A3\"><v>4</v></c></row></sheetData>\
                    <mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A3:C3\"/></mergeCells>";
        let blocks = read(&workbook(&[("S", "worksheets/sheet1.xml", data)], &[]));
        assert_eq!(blocks.blocks[0].text(), Some("标题"));
        let grid = grid(&blocks, 1);
        assert_eq!((grid.n_rows, texts(grid)), (2, vec!["1", "2", "3", "4"]));
        assert_eq!(grid.cells[3].col_span, 3);
    }

    #[test]
    fn damaged_sheets_give_typed_errors_at_their_entry() {
        let cases = [
            ("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>", "XML"),
            ("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></sheetData>", "XML"),
            ("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row></sheetData>", "shared string"),
            ("<sheetData><row r=\"1\"><c r=\"A1\" t=\"e\"><v>#BOGUS</v></c></row></sheetData>", "error value"),
            ("<sheetData><row r=\"1\"><c r=\"A1\"><x/></c></row></sheetData>", "other than"),
            ("<sheetData/><mergeCells><mergeCell ref=\"A1:B\"/></mergeCells>", "mergeCell"),
        ];
        for (sheet, message) in cases {
            let data = workbook(&[("S", "worksheets/sheet1.xml", sheet)], &[]);
            let err = xlsx::read("t.xlsx", &data, &ReadOptions::default()).unwrap_err();
            let ErrorKind::Malformed { message: got, .. } = err.kind() else { panic!("{err}") };
            assert!(got.contains(message), "{sheet}: {err}");
            assert_eq!(err.location().source, "t.xlsx [xl/worksheets/sheet1.xml]", "{sheet}");
        }
        let deep = format!("<sheetData>{}</sheetData>", "<row>".repeat(300));
        let data = workbook(&[("S", "worksheets/sheet1.xml", deep.as_str())], &[]);
        let err = xlsx::read("t.xlsx", &data, &ReadOptions::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }), "{err}");
    }

    #[test]
    fn the_cell_limit_is_checked_before_a_grid_is_built() {
        let data = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\
                    <row r=\"1000000\"><c r=\"XFD1000000\"><v>2</v></c></row></sheetData>";
        let err =
            xlsx::read("t.xlsx", &workbook(&[("S", "worksheets/sheet1.xml", data)], &[]), &ReadOptions::default())
                .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. }), "{err}");
    }
}

//! Native formats (DOCX, XLSX, XLS, HTML): fixtures built from seeds 001 and 002 give the same
//! line items as the seed text; hostile inputs give typed errors quickly.

use std::path::PathBuf;

use budget_core::{BlockKind, ErrorKind, ReadOptions};

#[path = "common/zip.rs"]
mod zip_util;
use zip_util::zip_of;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/seeds").join(name)
}

const SEEDS: [(&str, &str); 2] = [("001", "001_3de3a280caaff371.txt"), ("002", "002_b4e440192d61d51e.txt")];

type Key = (String, Option<String>, String, Option<String>, String, Option<String>);

/// The line items as a sorted multiset of (table kind, code, name, side, measure, amount in 元).
fn items(doc: &budget_core::Document) -> Vec<Key> {
    let mut keys: Vec<Key> = doc
        .line_items
        .iter()
        .map(|i| {
            (
                format!("{:?}", i.table_kind),
                i.code.clone(),
                i.name.clone(),
                i.side.clone(),
                i.measure.clone(),
                i.amount.map(|a| a.normalize().to_string()),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Items in `a` and not in `b` (multiset difference).
fn minus(a: &[Key], b: &[Key]) -> Vec<Key> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for k in a {
        match rest.iter().position(|x| x == k) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(k.clone()),
        }
    }
    out
}

fn assert_same_items(id: &str, file: &str, ext: &str) {
    let text = budget_core::parse_path(seed(file)).unwrap();
    let path = fixtures().join(format!("seed_{id}.{ext}"));
    let native = budget_core::parse_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (want, got) = (items(&text), items(&native));
    assert!(want.len() > 50, "seed {id} has {} line items", want.len());
    let missing = minus(&want, &got);
    let extra = minus(&got, &want);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "seed {id} as {ext}: {} items, text has {}\nmissing: {missing:#?}\nextra: {extra:#?}",
        got.len(),
        want.len()
    );
}

#[test]
fn docx_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "docx");
    }
}

#[test]
fn xlsx_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "xlsx");
    }
}

#[test]
fn ods_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "ods");
    }
}

#[test]
fn xls_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "xls");
    }
}

#[test]
fn html_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "html");
    }
}

#[test]
fn gb18030_html_and_utf16_text_read_like_the_utf8_originals() {
    let (_, file) = SEEDS[1];
    let html = budget_core::parse_path(fixtures().join("seed_002.html")).unwrap();
    let gb = budget_core::parse_path(fixtures().join("seed_002.gb18030.html")).unwrap();
    assert_eq!(gb.encoding, "gb18030");
    assert_eq!(items(&gb), items(&html));
    let text = budget_core::parse_path(seed(file)).unwrap();
    let utf16 = budget_core::parse_path(fixtures().join("seed_002.utf16.txt")).unwrap();
    assert_eq!(utf16.encoding, "UTF-16LE");
    assert_eq!(items(&utf16), items(&text));
    assert_eq!(utf16.meta.title, text.meta.title);
}

/// Read `data` and return the error. How long these hostile inputs take is measured by the
/// `hostile` group of `benches/readers.rs`, not here.
fn read_err(name: &str, data: &[u8], options: &ReadOptions) -> budget_core::Error {
    budget_core::read::read_blocks(name, data, options).expect_err(name)
}

#[test]
fn a_1kb_zip_bomb_stops_at_the_size_limit() {
    let zeros = vec![0u8; 1 << 20];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() <= 1300, "the bomb is {} bytes", bomb.len());
    let mut options = ReadOptions::default();
    options.max_uncompressed_bytes = 512 * 1024;
    let err = read_err("bomb.docx", &bomb, &options);
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { what, limit: 524_288, .. } if what.contains("total uncompressed")),
        "{err}"
    );
    assert!(err.location().source.contains("word/document.xml"), "{err}");
    // With the default limits the compression ratio stops a larger one (4 MiB from ~4 KB).
    let zeros = vec![0u8; 4 << 20];
    let bomb = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", &zeros)]);
    let err = read_err("bomb.xlsx", &bomb, &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { what, limit: 200, .. } if what.contains("ratio")), "{err}");
}

#[test]
fn deep_xml_and_html_give_typed_errors() {
    let deep = format!("<w:document>{}{}</w:document>", "<w:p>".repeat(10_000), "</w:p>".repeat(10_000));
    let docx = zip_of(&[("word/document.xml", deep.as_bytes())]);
    let err = read_err("deep.docx", &docx, &ReadOptions::default());
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { what, actual: 257, limit: 256 } if what == "XML nesting depth")
    );
    assert!(err.location().byte.is_some(), "{err:?}");
    let html = format!("<html><body>{}x", "<div>".repeat(10_000));
    let err = read_err("deep.html", html.as_bytes(), &ReadOptions::default());
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { what, actual: 257, limit: 256 } if what == "HTML nesting depth"),
        "{err}"
    );
    // A raised limit reads it.
    let mut options = ReadOptions::default();
    options.max_html_depth = 20_000;
    let blocks = budget_core::read::read_blocks("deep.html", html.as_bytes(), &options).unwrap();
    assert_eq!(blocks.blocks[0].text(), Some("x"));
}

#[test]
fn truncated_docx_and_binary_doc_give_typed_errors() {
    let docx = std::fs::read(fixtures().join("seed_001.docx")).unwrap();
    for cut in [docx.len() / 2, docx.len() - 30, 100] {
        let err = read_err("cut.docx", &docx[..cut], &ReadOptions::default());
        assert!(matches!(err.kind(), ErrorKind::Malformed { format, .. } if format == "zip"), "{cut}: {err}");
    }
    // The OLE2 header and a directory naming the WordDocument stream, as Word 97-2003 writes.
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(1024, 0);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    doc.resize(4096, 0);
    let err = read_err("old.doc", &doc, &ReadOptions::default());
    assert_eq!(err.kind(), &ErrorKind::UnsupportedFormat { format: "DOC (Word 97-2003 binary)".into() });
    // A zip that is no document.
    let err = read_err("photos.zip", &zip_of(&[("a.jpg", b"\xff\xd8")]), &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::UnsupportedFormat { .. }), "{err}");
    // Too many entries.
    let names: Vec<String> = (0..30).map(|i| format!("f{i}")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let mut options = ReadOptions::default();
    options.max_zip_entries = 20;
    let err = read_err("many.zip", &zip_of(&entries), &options);
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { actual: 30, limit: 20, .. }), "{err}");
}

/// Every fixture, truncated and with bits flipped, reads to blocks or a typed error: no panic.
#[test]
fn damaged_fixtures_give_blocks_or_typed_errors() {
    let names = ["docx", "xlsx", "xls", "ods", "html", "gb18030.html", "utf16.txt"];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut outcomes = std::collections::BTreeMap::<String, usize>::new();
    for id in ["001", "002"] {
        for ext in names {
            let path = fixtures().join(format!("seed_{id}.{ext}"));
            let Ok(data) = std::fs::read(&path) else { continue };
            let mut variants: Vec<Vec<u8>> = (1..=12).map(|k| data[..data.len() * k / 13].to_vec()).collect();
            for _ in 0..40 {
                let mut flipped = data.clone();
                for _ in 0..1 + next() % 4 {
                    let at = (next() % data.len() as u64) as usize;
                    flipped[at] ^= 1 << (next() % 8);
                }
                variants.push(flipped);
            }
            for variant in variants {
                let name = format!("seed_{id}.{ext}");
                let outcome = match budget_core::read::read_blocks(&name, &variant, &ReadOptions::default()) {
                    Ok(_) => "Ok".to_string(),
                    Err(e) => {
                        assert!(e.location().source.starts_with(&name), "{e}");
                        e.kind_name().to_string()
                    }
                };
                *outcomes.entry(outcome).or_default() += 1;
            }
        }
    }
    assert!(outcomes.get("Ok").is_some_and(|&n| n > 50), "{outcomes:?}");
    assert!(outcomes.get("malformed").is_some_and(|&n| n > 20), "{outcomes:?}");
}

/// Numbers in the XLSX are numeric cells formatted `#,##0.00`: printed with the format's
/// decimals they read exactly as the seed text prints them (130 → `130.00`, 4749.3 → `4749.30`).
#[test]
fn xlsx_numbers_print_as_their_number_format_shows_them() {
    for (id, file) in SEEDS {
        let text = budget_core::parse_path(seed(file)).unwrap();
        let xlsx = budget_core::parse_path(fixtures().join(format!("seed_{id}.xlsx"))).unwrap();
        let printed = |doc: &budget_core::Document| {
            let mut v: Vec<(Option<String>, String, String)> = doc
                .line_items
                .iter()
                .filter(|i| i.amount.is_some())
                .map(|i| (i.code.clone(), i.measure.clone(), i.amount_printed.clone()))
                .collect();
            v.sort();
            v
        };
        let (want, got) = (printed(&text), printed(&xlsx));
        assert!(want.iter().any(|(_, _, p)| p == "130.00" || p == "552.80"), "seed {id}");
        assert_eq!(got, want, "seed {id}");
    }
}

/// The merged header cells of the first table of seed 001 (序号 over two rows, 收入 and 支出
/// over two columns) are real spans in every native format.
#[test]
fn merged_header_cells_are_spans_in_every_format() {
    for ext in ["docx", "xlsx", "xls", "ods", "html"] {
        let data = std::fs::read(fixtures().join(format!("seed_001.{ext}"))).unwrap();
        let blocks = budget_core::read::read_blocks(ext, &data, &ReadOptions::default()).unwrap();
        let grid = blocks
            .blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Table(g) => Some(g),
                _ => None,
            })
            .unwrap();
        let span = |text: &str| grid.cells.iter().find(|c| c.text == text).map(|c| (c.row_span, c.col_span));
        assert_eq!(span("序号"), Some((2, 1)), "{ext}");
        assert_eq!(span("收入"), Some((1, 2)), "{ext}");
        assert_eq!(span("支出"), Some((1, 2)), "{ext}");
        assert_eq!(grid.n_cols, 5, "{ext}");
    }
}

/// Fuzzing regression: an XLS whose mini-stream chain points past the end of the file made
/// calamine reserve 2 TiB (an abort, not a panic) when `xlsx::read` was called directly.
#[test]
fn fuzz_regression_xls_with_a_wild_sector_chain() {
    let data = std::fs::read(fixtures().join("fuzz/xls_wild_sector_chain.bin")).unwrap();
    for err in [
        budget_core::read::sheet::read("crash.xls", &data, &ReadOptions::default()).unwrap_err(),
        budget_core::read::read_blocks("crash.xls", &data, &ReadOptions::default()).unwrap_err(),
    ] {
        assert!(matches!(err.kind(), ErrorKind::Malformed { format, .. } if format == "OLE2 (XLS)"), "{err}");
    }
}

/// Fuzzing regression: a bit flip in a cell record of an XLS set a row/column far out, and
/// calamine allocated the whole used range of each such sheet (16.7 M cells, 512 MiB apiece).
/// The used range is now measured from the BIFF records first and held to the cell limit.
#[test]
fn fuzz_regression_xls_with_a_huge_used_range() {
    let data = std::fs::read(fixtures().join("fuzz/xls_huge_used_range.bin")).unwrap();
    let err = read_err("huge.xls", &data, &ReadOptions::default());
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { what, limit: 2_000_000, .. } if what.contains("XLS sheet")),
        "{err}"
    );
    let intact = std::fs::read(fixtures().join("seed_001.xls")).unwrap();
    let used = budget_core::read::sheet::xls::check(&intact).unwrap();
    // Title row + 41 table rows, 8 columns: reserved from DIMENSIONS, then allocated as the range.
    assert_eq!(used.largest_sheet, 2 * 42 * 8);
}

/// Fuzzing regression: an XLS whose DIMENSIONS record declares a vast sheet made calamine reserve
/// rows × columns up front (a 350 GB allocation) before reading a cell. The OLE2 check now
/// measures DIMENSIONS the way calamine does and holds it to the cell limit.
#[test]
fn fuzz_regression_xls_with_huge_dimensions() {
    let data = std::fs::read(fixtures().join("fuzz/xls_huge_dimensions.bin")).unwrap();
    let err = read_err("dimensions.xls", &data, &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { .. } | ErrorKind::Malformed { .. }), "{err}");
}

/// Fuzzing regression: a directory chain ending in a sector cut by the end of the file made
/// calamine slice past it (a panic, caught, but a crash under the fuzzer's panic hook); the
/// OLE2 check now names it.
#[test]
fn fuzz_regression_xls_with_a_cut_directory_sector() {
    let data = std::fs::read(fixtures().join("fuzz/xls_cut_directory_sector.bin")).unwrap();
    let err = read_err("cut.xls", &data, &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::Malformed { message, .. } if message.contains("cut sector")), "{err}");
}

/// Fuzzing regression: a directory entry named `Workbook` whose type byte is not "stream" (and
/// whose name-length field is garbage) was skipped by the OLE2 check, but calamine finds streams by
/// name alone and followed its wild chain into a 45 GB buffer. Entries are now decoded and looked
/// up exactly as calamine does.
#[test]
fn fuzz_regression_xls_with_a_workbook_entry_that_is_not_a_stream() {
    let data = std::fs::read(fixtures().join("fuzz/xls_workbook_entry_not_a_stream.bin")).unwrap();
    let err = read_err("entry.xls", &data, &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::Malformed { message, .. } if message.contains("Workbook")), "{err}");
}

/// Fuzzing regression: the used range was measured by scanning the `Workbook` stream from its
/// start, but calamine reads each sheet from the offset its BOUNDSHEET record gives, so a sheet
/// whose records were out of step with that scan allocated 96 GB. Sheets are now measured from
/// their own offsets, and the cells of all sheets together are held to the limit too.
#[test]
fn fuzz_regression_xls_with_sheet_offsets_apart_from_the_records() {
    let data = std::fs::read(fixtures().join("fuzz/xls_sheet_offsets_apart_from_the_records.bin")).unwrap();
    let err = read_err("offsets.xls", &data, &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { what, .. } if what.contains("XLS")), "{err}");
}

/// XLSX is read by our own streaming reader. A sheet whose cells span a huge range in references
/// the former styles pass could not read (`a1`, `xfd999999`) made calamine allocate 16 G cells
/// (an abort); a zip bomb in a sheet stops at the ratio limit as it is inflated, at its entry.
#[test]
fn xlsx_huge_ranges_and_bombs_in_sheets_give_typed_errors() {
    let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let workbook = br#"<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>"#;
    let sheet = br#"<worksheet><sheetData><row r="1"><c r="a1"><v>1</v></c><c r="xfd999999"><v>2</v></c></row>
                    </sheetData></worksheet>"#;
    let parts = |sheet: &[u8]| {
        zip_of(&[
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/worksheets/sheet1.xml", sheet),
        ])
    };
    let err = read_err("huge.xlsx", &parts(sheet), &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { what, .. } if what == "cells of sheet S"), "{err}");
    let mut bomb = b"<worksheet><sheetData>".to_vec();
    bomb.resize(4 << 20, b' ');
    let err = read_err("bomb.xlsx", &parts(&bomb), &ReadOptions::default());
    assert!(matches!(err.kind(), ErrorKind::LimitExceeded { what, limit: 200, .. } if what.contains("ratio")), "{err}");
    assert!(err.location().source.contains("xl/worksheets/sheet1.xml"), "{err}");
}

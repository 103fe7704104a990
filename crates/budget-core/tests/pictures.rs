//! Positions and pictures on real documents: every line item and finding number has a position,
//! a PDF line item's box holds exactly the characters of its amount, a page picture holds a
//! known cell at its box, and the HTML report draws one picture per finding.
//! (`cargo run --example box_check -- tests/data/corpus/docs/*.pdf` measures the whole corpus.)

use std::path::{Path, PathBuf};

use budget_core::picture::{locate, PdfPages};
use budget_core::TableKind;

mod common;
use common::{compact, corpus_file, read};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

/// One PDF per producer and layout: ruled 决算 (Putuo), 报表 with 6 decimals (Beijing), wide
/// pages (Shenzhen), `/Rotate 90` (烟台信访), decimal fragments on their own baseline (重庆商务),
/// unruled tables (江苏 2017).
const PDFS: [&str; 6] = [
    "普陀区财政局",
    "北京市医疗保障局",
    "深圳市医疗保障局",
    "烟台市信访局",
    "重庆市商务委员会",
    "江苏省委办公厅2017年预算公开表格",
];

#[test]
fn every_pdf_line_item_box_holds_exactly_its_printed_amount() {
    for fragment in PDFS {
        let (doc, data) = read(&corpus_file(fragment));
        let pages = PdfPages::read(&data).expect("a readable PDF");
        assert!(doc.line_items.len() > 50, "{fragment}: {} line items", doc.line_items.len());
        for item in &doc.line_items {
            let p = &item.provenance;
            let (Some(page), Some(bbox), Some(size)) = (p.page, p.bbox, p.page_size) else {
                panic!("{fragment}: line item {} | {} has no page box: {p:?}", item.name, item.measure)
            };
            assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3] && bbox[2] <= size[0] + 1.0 && bbox[3] <= size[1] + 1.0);
            let held = locate::compact_text(&locate::chars_in_box(pages.page(page).expect("the page exists"), bbox));
            assert_eq!(
                held,
                compact(&item.amount_printed),
                "{fragment} p{page} {bbox:?}: {} | {}",
                item.name,
                item.measure
            );
        }
        for finding in &doc.findings {
            for number in &finding.numbers {
                assert!(
                    number.provenance.has_position(),
                    "{fragment}: {} {} has no position",
                    finding.rule,
                    number.label
                );
            }
        }
    }
}

#[test]
fn every_seed_line_item_and_finding_number_has_a_line_position() {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(Path::new(DATA).join("seeds"))
        .expect("the seeds folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    let mut numbers = 0;
    for path in seeds {
        let (doc, _) = read(&path);
        for item in &doc.line_items {
            assert!(item.provenance.line_start > 0, "{}: {} has no line", path.display(), item.name);
            // A printed value spans its bytes (a blank cell may be an empty range on its line).
            let spans = item.provenance.byte_end > item.provenance.byte_start;
            assert!(spans || item.amount_printed.is_empty(), "{}: {} {:?}", path.display(), item.name, item.provenance);
        }
        for number in doc.findings.iter().flat_map(|f| &f.numbers) {
            assert!(number.provenance.has_position(), "{}: {} has no position", path.display(), number.label);
            assert!(!number.provenance.location().contains("bytes 0..0"));
            numbers += 1;
        }
    }
    assert!(numbers > 1_000, "{numbers} finding numbers in the seeds");
}

#[test]
fn spreadsheet_cells_are_named_in_a1() {
    let (doc, _) = read(&corpus_file("department_budget_template.xlsx"));
    let item = doc.line_items.first().expect("line items");
    let cell = item.provenance.cell.as_deref().expect("an A1 reference");
    let column = (item.provenance.byte_start as u8 + b'A') as char;
    assert_eq!(cell, format!("{column}{}", item.provenance.line_start));
    assert!(item.provenance.location().starts_with("sheet "), "{}", item.provenance.location());
}

#[test]
fn a_page_picture_holds_a_known_cell_at_its_box() {
    // Putuo 财政局 2024 决算, 一般公共预算财政拨款基本支出决算表: 工资福利支出 2,082.85 (万元).
    let (doc, data) = read(&corpus_file("普陀区财政局"));
    let item = doc
        .line_items
        .iter()
        .find(|i| i.table_kind == TableKind::GeneralBudgetBasicExpenditure && i.amount_printed == "2,082.85")
        .expect("the 工资福利支出 cell");
    let (page, bbox) = (item.provenance.page.expect("a page"), item.provenance.bbox.expect("a box"));
    let svg = budget_core::picture::page_svg(&data, page, &[]).expect("a PDF").expect("the page exists");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    // The characters of the cell are drawn as text runs whose boxes lie inside the cell's box.
    let mut drawn = String::new();
    for run in svg.split("<text x=\"").skip(1) {
        let x: f32 = run.split('"').next().and_then(|v| v.parse().ok()).unwrap_or(-1.0);
        let y: f32 =
            run.split("y=\"").nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse().ok()).unwrap_or(-1.0);
        let text = run.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
        if x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3] {
            drawn.push_str(text);
        }
    }
    assert_eq!(drawn, "2,082.85");
    // Highlights are drawn over the page, and a crop shows only the part around them.
    let mark = budget_core::picture::Highlight::new(page, bbox, "工资福利支出", budget_core::picture::Role::Expected);
    let pages = PdfPages::read(&data).expect("a PDF");
    let crop = pages.crop_svg(&[mark], &["caption".to_string()]).expect("a crop");
    assert!(crop.contains("data-role=\"expected\"") && crop.contains(">工资福利支出<") && crop.contains(">caption<"));
    assert!(crop.len() < svg.len());
}

#[test]
fn the_report_draws_one_picture_per_finding_with_numbers() {
    let (doc, data) = read(&corpus_file("普陀区财政局"));
    let html = budget_core::report::document_html(&doc, Some(&data));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // Self-contained: no link, script or font is fetched.
    let outside = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!outside.contains("http://") && !outside.contains("https://") && !outside.contains("<script"));
    let sections: Vec<&str> =
        html.split("<section class=\"finding\"").skip(1).map(|s| s.split("</section>").next().unwrap_or("")).collect();
    assert_eq!(sections.len(), doc.findings.len());
    assert!(sections.iter().all(|s| s.matches("<svg xmlns").count() <= 1));
    let with_numbers = doc.findings.iter().filter(|f| f.numbers.iter().any(|n| n.provenance.page.is_some())).count();
    let drawn = sections.iter().filter(|s| s.contains("<svg xmlns")).count();
    assert!(with_numbers > 100, "{with_numbers} findings with numbers on pages");
    assert_eq!(drawn, with_numbers);
}

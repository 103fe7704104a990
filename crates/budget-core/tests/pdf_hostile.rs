//! Hostile PDFs (bombs, floods, cycles, lies, truncations, garbage): each ends in a typed error
//! or in pages with warnings naming what was cut; time and memory are measured by
//! `cargo run --release --example pdf_hostile_memory`, not here.

mod hostile_pdfs;

use budget_core::read::pdf::{read_blocks, read_pages, PdfOptions};

/// What each input must give: an error, or pages whose warnings contain the text (and, when
/// given, whose text contains `Total 12.50`).
enum Expect {
    Error,
    Warning(&'static str),
    WarningAndText(&'static str),
    Text,
}

fn expectation(name: &str) -> Expect {
    match name {
        "flate_bomb" => Expect::Warning("decoded-bytes limit"),
        "object_stream_bomb" => Expect::Error,
        "operand_flood" | "array_flood" => Expect::Warning("operand stack limit"),
        "operator_flood" => Expect::Warning("more than 100000 operators"),
        "deep_nesting_content" => Expect::WarningAndText("nesting limit"),
        "deep_nesting_object" | "deep_nesting_dictionary" => {
            Expect::Warning("page object is missing or not a dictionary")
        }
        "xref_prev_loop" | "xref_prev_out_of_range" => Expect::Text,
        "page_tree_cycle" | "page_tree_cycle_two_nodes" | "kids_flood" => Expect::Text,
        "count_lies_huge" | "count_lies_negative" => Expect::Text,
        "form_self_recursion" | "form_mutual_recursion" => Expect::Warning("draws itself"),
        "form_chain_1000_deep" => Expect::Warning("nested deeper than 12"),
        "form_fan_out" => Expect::Warning("operators"),
        "reference_chain" => Expect::Warning("font /F1 not found"),
        "stream_length_lies" | "object_stream_count_lies" => Expect::Text,
        "garbage_after_header" => Expect::Error,
        "garbage_before_objects" => Expect::Text,
        // A tenth of the file holds the catalog and page tree but no page object.
        "truncated_at_10_percent" => Expect::Error,
        name if name.starts_with("truncated_at_") => Expect::Warning("cut short"),
        other => panic!("no expectation for {other}"),
    }
}

/// The defaults, but with a fiftieth of the operators per page: the floods run in a debug build
/// too (the release benchmark uses the defaults).
fn options() -> PdfOptions {
    let mut options = PdfOptions::default();
    options.max_operations_per_page = 100_000;
    options
}

#[test]
fn every_hostile_input_gives_a_typed_error_or_pages_with_warnings() {
    let inputs = hostile_pdfs::hostile();
    assert!(inputs.len() >= 25, "{} inputs", inputs.len());
    let mut failures = Vec::new();
    for (name, data) in inputs {
        let started = std::time::Instant::now();
        let result = read_pages(&data, &options());
        eprintln!("{name}: {:?} (debug build)", started.elapsed());
        let text = |doc: &budget_core::read::pdf::PdfDocument| -> String {
            doc.pages.iter().flat_map(|page| page.chars.iter().map(|c| c.text.as_str())).collect()
        };
        let outcome = std::panic::catch_unwind(|| match (expectation(&name), result) {
            (Expect::Error, Err(err)) => assert_eq!(err.kind_name(), "malformed", "{name}: {err}"),
            (Expect::Error, Ok(doc)) => panic!("{name}: expected an error, got {} pages", doc.pages.len()),
            (_, Err(err)) => panic!("{name}: {err}"),
            (Expect::Warning(expected), Ok(doc)) => {
                assert!(doc.warnings.iter().any(|w| w.contains(expected)), "{name}: {expected:?} in {:?}", doc.warnings)
            }
            (Expect::WarningAndText(expected), Ok(doc)) => {
                assert!(
                    doc.warnings.iter().any(|w| w.contains(expected)),
                    "{name}: {expected:?} in {:?}",
                    doc.warnings
                );
                assert!(text(&doc).is_empty(), "{name}: the stream is skipped from the operator past the limit");
            }
            (Expect::Text, Ok(doc)) => {
                assert!(text(&doc).contains("Total 12.50") || text(&doc).contains("Page 3"), "{name}: {:?}", text(&doc))
            }
        });
        if let Err(panic) = outcome {
            failures.push(panic.downcast_ref::<String>().cloned().unwrap_or_else(|| name.clone()));
        }
        // The layout layer copes with whatever the low layer gave.
        let _ = read_blocks(&data, &options());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/docs");

#[test]
fn a_corpus_pdf_cut_in_half_gives_the_tables_of_its_intact_pages() {
    // 普陀 社会工作部 2024 决算: 9 of its 10 tables lie in the first half of the file (the
    // reader refused the half file whole before); they come out exactly as from the whole file.
    let path = std::path::Path::new(CORPUS).join("上海普陀_中共上海市普陀区委社会工作部2024年度部门决算.pdf");
    let data = std::fs::read(&path).expect("readable corpus file");
    let whole = budget_core::parse_bytes("swu.pdf", &data).expect("the whole file parses");
    let cut = budget_core::parse_bytes("swu.pdf", &data[..data.len() / 2]).expect("the first half parses");
    let warnings: Vec<&str> = cut.warnings.iter().map(|w| w.message.as_str()).collect();
    let warnings = warnings.join("\n");
    assert!(warnings.contains("cut short"), "{warnings}");
    let tables = |doc: &budget_core::Document| -> Vec<(Option<String>, Vec<Vec<String>>)> {
        doc.tables.iter().map(|table| (table.title.clone(), table.rows.clone())).collect()
    };
    let (whole_tables, cut_tables) = (tables(&whole), tables(&cut));
    let intact = cut_tables.iter().filter(|table| whole_tables.contains(table)).count();
    assert_eq!(intact, cut_tables.len(), "every table of the half file is as in the whole file");
    assert!(
        intact >= 9 && cut_tables.iter().any(|(title, _)| title.as_deref() == Some("收入支出决算总表")),
        "{intact} of {} tables: {:?}",
        whole_tables.len(),
        whole_tables.iter().map(|t| (t.0.clone(), t.1.len())).collect::<Vec<_>>()
    );
    assert!(cut_tables.len() < whole_tables.len(), "the tables past the cut are missing");
}

#[test]
fn a_glyph_at_a_huge_coordinate_is_read_without_overflow() {
    // Found by examples/pdf_mutate: a glyph at a coordinate past i32 overflowed the duplicate
    // check's grid cell (dedupe.rs) in a build with overflow checks; the per-page guard turned it
    // into an empty page. The cell arithmetic saturates now: every page is read, none fails.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/fuzz/pdf_glyph_at_huge_coordinates.pdf");
    let data = std::fs::read(path).expect("regression input");
    let doc = read_pages(&data, &PdfOptions::default()).expect("the document reads");
    assert!(doc.pages.len() > 1, "{} pages", doc.pages.len());
    assert!(doc.pages.iter().filter(|page| !page.chars.is_empty()).count() > 1, "the other pages are read");
    assert!(!doc.warnings.iter().any(|w| w.contains("internal error")), "{:?}", doc.warnings);
}

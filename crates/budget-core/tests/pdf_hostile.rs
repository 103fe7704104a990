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
            (Expect::Error, Err(err)) => assert_eq!(err.kind_name(), "Malformed", "{name}: {err}"),
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

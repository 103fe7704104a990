//! Write the HTML report of one document: `cargo run --example report -- FILE OUT.html`
//! (a directory instead of FILE writes one page per document and `OUT/index.html`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out] = &args[..] else {
        eprintln!("usage: report FILE|DIR OUT");
        return ExitCode::FAILURE;
    };
    let input = std::path::Path::new(input);
    if input.is_dir() {
        return match budget_core::report::write_corpus_report(input, std::path::Path::new(out)) {
            Ok(entries) => {
                println!("{} documents", entries.len());
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{err}");
                ExitCode::FAILURE
            }
        };
    }
    let data = std::fs::read(input).expect("readable file");
    let doc = match budget_core::parse_bytes(&input.to_string_lossy(), &data) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let html = budget_core::report::document_html(&doc, Some(&data));
    std::fs::write(out, &html).expect("writable output");
    println!("{} bytes, {} findings", html.len(), doc.findings.len());
    ExitCode::SUCCESS
}

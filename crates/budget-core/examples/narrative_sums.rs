//! Every finding of the rules that check the narrative's own sums (`text.sources_sum`,
//! `text.class_list_sum`, `text.total_eq_basic_plus_project`, `text.itemised_sum`,
//! `text.three_public_parts`, `text.share_eq_amount_ratio`, …), whatever its status, one a line:
//! `cargo run --release --example narrative_sums -- [DIR]` (default `tests/data/corpus/docs`).
//! For comparing what the rules pass and fail before and after a change.

mod common;

const RULES: [&str; 8] = [
    "text.sources_sum",
    "text.class_list_sum",
    "text.total_eq_basic_plus_project",
    "text.itemised_sum",
    "text.three_public_parts",
    "text.share_eq_amount_ratio",
    "text.basic_eq_personnel_plus_public",
    "text.procurement_parts",
];

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| common::CORPUS_DOCS.into());
    let files = common::files_in(&dir);
    for path in &files {
        let name = common::file_name(path);
        let Ok(doc) = budget_core::parse_path(path) else { continue };
        for finding in doc.findings.iter().filter(|f| RULES.contains(&f.rule.as_str())) {
            println!(
                "{name}\t{:?}\t{}\t{}",
                finding.status,
                finding.rule,
                finding.message_zh.replace(['\n', '\t'], " ")
            );
        }
    }
}

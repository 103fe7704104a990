//! The failed narrative findings (`text.*`) of a folder of documents with the sentences behind them:
//! `cargo run --release --example text_findings -- [DIR] [RULE-PREFIX]` (default
//! `tests/data/corpus/docs`, `text.`). For going through them one by one.

mod common;

use budget_core::FindingStatus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().cloned().unwrap_or_else(|| common::CORPUS_DOCS.into());
    let prefix = args.get(1).cloned().unwrap_or_else(|| "text.".into());
    let files = common::files_in(&dir);
    for path in &files {
        let name = common::file_name(path);
        let Ok(doc) = budget_core::parse_path(path) else { continue };
        for finding in doc.findings.iter().filter(|f| f.status == FindingStatus::Fail && f.rule.starts_with(&prefix)) {
            println!("== {name} | {} | {}", finding.rule, finding.message_zh);
            let mut shown = Vec::new();
            for number in &finding.numbers {
                match number.fact_index.and_then(|i| doc.facts.get(i).map(|f| (i, f))) {
                    Some((i, fact)) => {
                        println!(
                            "   {} fact {i} [{}] {} = {}{} ({})",
                            number.role,
                            fact.key,
                            fact.label,
                            fact.value,
                            fact.unit.as_deref().unwrap_or(""),
                            fact.period
                        );
                        if !shown.contains(&fact.sentence) {
                            println!("      «{}»", fact.sentence);
                            shown.push(fact.sentence.clone());
                        }
                    }
                    None => println!("   {} {} = {}", number.role, number.label, number.amount_printed),
                }
            }
        }
    }
}

//! The narrative facts of one document, one a line, for reading the narrative rules' inputs:
//! `cargo run --release --example narrative_facts -- FILE [WORD]` (`WORD`: only facts whose
//! sentence contains it).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: narrative_facts FILE [WORD]");
        return ExitCode::FAILURE;
    };
    let word = args.next().unwrap_or_default();
    let doc = match budget_core::parse_path(&path) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let mut last_segment = None;
    for (i, fact) in doc.facts.iter().enumerate().filter(|(_, f)| f.sentence.contains(&word)) {
        if last_segment != Some(&fact.provenance) {
            println!("-- segment {:?}", fact.provenance.page);
            last_segment = Some(&fact.provenance);
        }
        let sentence: String = fact.sentence.chars().take(50).collect();
        println!(
            "{i:4} [{}] {} = {} {} {} code={:?} | {sentence}",
            fact.key,
            fact.label,
            fact.value,
            fact.unit.as_deref().unwrap_or(""),
            fact.period,
            fact.code,
        );
    }
    ExitCode::SUCCESS
}

//! The mutation harness on whole directories: `cargo run --release --example mutations [-- PATH...]`
//! (default: the corpus documents and the seeds of `tests/data`). For each document it injects
//! every kind of reviewer error that applies (see `budget_core::mutate`) and prints, per kind,
//! in how many documents a new failed or warned finding appeared (caught / applicable) with the
//! rules that caught it; then the findings of the reviewer rules on the unmutated documents.
//! `VERBOSE=1` lists each miss.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use budget_core::mutate::{mutants, new_findings, MutationKind};
use budget_core::FindingStatus;

/// Rule ids of the reviewer checks (their findings on unmutated documents are listed).
const REVIEW_RULES: [&str; 12] = [
    "completeness.listed_in_contents",
    "completeness.standard_set",
    "completeness.blank_table",
    "consistency.year",
    "consistency.agency_name",
    "text.comparison_words",
    "text.change_rate",
    "typography.punctuation",
    "across.declared_empty",
    "completeness.contents_lists_printed",
    "text.change_parts",
    "completeness.parallel_series",
];

fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            entries.sort();
            out.extend(entries.into_iter().filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json")));
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let paths = if args.is_empty() { vec![root.join("corpus/docs"), root.join("seeds")] } else { args };
    let verbose = std::env::var("VERBOSE").is_ok();
    let mut caught: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    let mut alarms: Vec<String> = Vec::new();
    let mut documents = 0;
    for path in files(&paths) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Ok(data) = std::fs::read(&path) else { continue };
        let Ok(blocks) = budget_core::read::read_blocks(&name, &data, &Default::default()) else { continue };
        let base = budget_core::parse_blocks(blocks.clone());
        documents += 1;
        for finding in base.findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Warn)) {
            if REVIEW_RULES.contains(&finding.rule.as_str()) {
                alarms.push(format!("{name}: {} {:?} {}", finding.rule, finding.status, finding.message_zh));
            }
        }
        for mutant in mutants(&blocks, &base) {
            let kind = mutant.kind.as_str();
            let mutated = budget_core::parse_blocks(mutant.blocks);
            let new = new_findings(&base, &mutated);
            let entry = caught.entry(kind).or_default();
            entry.1 += 1;
            if new.is_empty() {
                if verbose {
                    println!("  missed {kind} in {name}: {}", mutant.description);
                }
            } else {
                entry.0 += 1;
                let rules = by_rule.entry(kind).or_default();
                let mut seen: Vec<&str> = new.iter().map(|f| f.rule.as_str()).collect();
                seen.dedup();
                for rule in seen {
                    *rules.entry(rule.to_string()).or_default() += 1;
                }
            }
        }
    }
    println!("mutation harness on {documents} documents: kind caught/applicable (rules that caught it)");
    for kind in MutationKind::ALL {
        let (hit, applicable) = caught.get(kind.as_str()).copied().unwrap_or_default();
        let rules: Vec<String> = by_rule
            .get(kind.as_str())
            .map(|r| r.iter().map(|(rule, n)| format!("{rule} {n}")).collect())
            .unwrap_or_default();
        let share = if applicable == 0 { 0.0 } else { 100.0 * hit as f64 / applicable as f64 };
        println!("  {:<16} {hit:>3}/{applicable:<3} {share:>5.1}%  {}", kind.as_str(), rules.join(", "));
    }
    println!("reviewer-rule findings (fail/warn) on the unmutated documents: {}", alarms.len());
    for alarm in &alarms {
        println!("  {alarm}");
    }
}

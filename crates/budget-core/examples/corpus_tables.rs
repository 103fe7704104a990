//! Table and finding figures for a folder of documents (default `tests/data/corpus/docs`):
//! `cargo run --release --example corpus_tables -- [DIR] [--list] [--untitled]`.
//!
//! Prints tables by kind, the share of untitled `Unknown` tables, failed findings by rule, and
//! how many documents that yield line items have no failed finding other than the true
//! inconsistencies listed in `tests/data/known_inconsistencies.csv` (`--list`: each remaining
//! failure, by document; `--untitled`: each untitled `Unknown` table with its first rows).

mod common;

use std::collections::BTreeMap;

use budget_core::{FindingStatus, TableKind};

/// One listed true inconsistency: document file name, rule, expected and actual value (元).
struct Known {
    document: String,
    rule: String,
    expected: String,
    actual: String,
}

fn known_inconsistencies(path: &str) -> Vec<Known> {
    let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.splitn(5, ',').collect();
            let [document, rule, expected, actual, ..] = fields[..] else { return None };
            Some(Known {
                document: document.to_string(),
                rule: rule.to_string(),
                expected: expected.to_string(),
                actual: actual.to_string(),
            })
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let untitled = args.iter().any(|a| a == "--untitled");
    let dir = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| common::CORPUS_DOCS.into());
    let known = known_inconsistencies("tests/data/known_inconsistencies.csv");
    let files = common::files_in(&dir);
    let mut by_kind: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut tables, mut untitled_unknown) = (0usize, 0usize);
    let mut fails_by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let (mut with_items, mut clean, mut true_fails) = (0usize, 0usize, 0usize);
    for path in &files {
        let name = common::file_name(path);
        let doc = match budget_core::parse_path(path) {
            Ok(doc) => doc,
            Err(err) => {
                println!("{name}: {err}");
                continue;
            }
        };
        for table in &doc.tables {
            tables += 1;
            *by_kind.entry(table.kind.as_str()).or_default() += 1;
            if table.kind == TableKind::Unknown && table.title.is_none() {
                untitled_unknown += 1;
                if untitled {
                    let first: Vec<String> = table.rows.iter().take(2).map(|r| r.join(" | ")).collect();
                    println!(
                        "UNTITLED {name} p{} #{} cols[{}] rows {}: {}",
                        table.provenance.page.unwrap_or(0),
                        table.index,
                        table.columns.join(" | "),
                        table.rows.len(),
                        first.join(" // ")
                    );
                }
            }
        }
        let mut false_fails = Vec::new();
        for finding in doc.findings.iter().filter(|f| f.status == FindingStatus::Fail) {
            *fails_by_rule.entry(finding.rule.clone()).or_default() += 1;
            let shown = |v: Option<rust_decimal::Decimal>| v.map(|d| d.normalize().to_string()).unwrap_or_default();
            let listed = known.iter().any(|k| {
                k.document == name
                    && k.rule == finding.rule
                    && k.expected == shown(finding.expected)
                    && k.actual == shown(finding.actual)
            });
            if listed {
                true_fails += 1;
            } else {
                false_fails.push(format!(
                    "{} [{}|{}] {}",
                    finding.rule,
                    shown(finding.expected),
                    shown(finding.actual),
                    finding.message_zh
                ));
            }
        }
        if doc.line_items.is_empty() {
            continue;
        }
        with_items += 1;
        if false_fails.is_empty() {
            clean += 1;
        } else if list {
            println!("{name}: {} failed", false_fails.len());
            for f in &false_fails {
                println!("    {f}");
            }
        }
    }
    println!("documents: {}; tables: {tables}", files.len());
    for (kind, n) in &by_kind {
        println!("  {kind:32} {n}");
    }
    let share = if tables == 0 { 0.0 } else { 100.0 * untitled_unknown as f64 / tables as f64 };
    println!("untitled Unknown: {untitled_unknown} of {tables} ({share:.1} %)");
    println!(
        "failed findings by rule ({} in all, {true_fails} listed as true):",
        fails_by_rule.values().sum::<usize>()
    );
    for (rule, n) in &fails_by_rule {
        println!("  {rule:40} {n}");
    }
    println!("documents with line items: {with_items}; without a false failure: {clean}");
}

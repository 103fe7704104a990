//! Print what cnbudget finds in a document: `cargo run --example dump -- FILE [--items] [--findings] [--rows]`
//! (`--findings`: the validation counts and every failed or warned finding; `--rows`: each
//! table's rows with their page).

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [--items] [--findings] [--rows]");
        return ExitCode::FAILURE;
    };
    let flags: Vec<String> = args.collect();
    let (show_items, show_findings) = (flags.iter().any(|a| a == "--items"), flags.iter().any(|a| a == "--findings"));
    let show_rows = flags.iter().any(|a| a == "--rows");
    let doc = match budget_core::parse_path(&path) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    println!("{} [{} / {}]", doc.source, doc.format, doc.encoding);
    println!("meta: {:?}", doc.meta);
    for table in &doc.tables {
        println!(
            "table {} {:?} {:?} unit={:?} empty={} rows={} caption={:?}",
            table.index,
            table.kind,
            table.title,
            table.unit,
            table.declared_empty,
            table.rows.len(),
            table.caption
        );
        println!("    columns: {:?}", table.columns);
        if show_rows {
            for (row, provenance) in table.rows.iter().zip(&table.row_provenance) {
                println!("    p{:?} {:?}", provenance.page, row);
            }
        }
    }
    println!(
        "line items: {}, residual blocks: {}, warnings: {}",
        doc.line_items.len(),
        doc.residual.len(),
        doc.warnings.len()
    );
    if show_items {
        for item in &doc.line_items {
            println!(
                "  t{} {:?} {:?} {:?} {} | {:?} | {} = {:?} ({} {:?})",
                item.table_index,
                item.code,
                item.level,
                item.row_role,
                item.name,
                item.side,
                item.measure,
                item.amount,
                item.amount_printed,
                item.unit_printed
            );
        }
        for warning in &doc.warnings {
            println!("  warning {}: {}", warning.code, warning.message);
        }
    }
    if show_findings {
        let count = |status| doc.findings.iter().filter(|f| f.status == status).count();
        println!(
            "findings: {} (pass {}, fail {}, warn {})",
            doc.findings.len(),
            count(budget_core::FindingStatus::Pass),
            count(budget_core::FindingStatus::Fail),
            count(budget_core::FindingStatus::Warn)
        );
        for finding in &doc.findings {
            if matches!(finding.status, budget_core::FindingStatus::Fail | budget_core::FindingStatus::Warn) {
                println!("  {:?} {}: {}", finding.status, finding.rule, finding.message_zh);
            }
        }
    }
    ExitCode::SUCCESS
}

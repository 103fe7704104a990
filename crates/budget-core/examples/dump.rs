//! Print what cnbudget finds in a document: `cargo run --example dump -- FILE [--items]`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [--items]");
        return ExitCode::FAILURE;
    };
    let show_items = args.any(|a| a == "--items");
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
    ExitCode::SUCCESS
}

//! Print the key figures of documents: `cargo run --example key_figures -- FILE…`
//! (one line per figure: key, funds, phase, amount in 元, source, agreement, table cell, sentence),
//! then the share of narrative facts keyed `other` over all documents.

fn main() {
    let (mut facts, mut other) = (0, 0);
    for path in std::env::args().skip(1) {
        let doc = match budget_core::parse_path(&path) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        facts += doc.facts.len();
        other += doc.facts.iter().filter(|f| f.key == budget_core::model::FactKey::Other).count();
        println!("{path} ({} key figures)", doc.key_figures.len());
        for f in &doc.key_figures {
            let cell = f.table.as_ref().map_or(String::new(), |c| {
                format!(
                    "t{} {} [{} | {}] {}",
                    c.table_index,
                    c.table_kind.as_str(),
                    c.row.trim(),
                    c.measure,
                    c.amount_printed
                )
            });
            let text = f.text.as_ref().map_or(String::new(), |t| format!("「{}」{}", t.label, t.amount_printed));
            let agree = f.agree.map_or("", |a| if a { "agree" } else { "DIFFER" });
            println!(
                "  {:<24} {:<14} {:<6} {:>18} {:<5} {:<6} {cell} {text}",
                f.key,
                f.funds.as_str(),
                f.phase.as_str(),
                f.amount.to_string(),
                f.source.as_str(),
                agree
            );
        }
    }
    println!("facts keyed other: {other}/{facts}");
}

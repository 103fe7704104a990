//! How many line items, facts and finding numbers carry a position:
//! `cargo run --example positions -- FILE...` (one line per file, then a sample of each kind).

fn main() {
    for path in std::env::args().skip(1) {
        let doc = match budget_core::parse_path(&path) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        let items: Vec<&budget_core::Provenance> = doc.line_items.iter().map(|i| &i.provenance).collect();
        let facts: Vec<&budget_core::Provenance> = doc.facts.iter().map(|f| &f.provenance).collect();
        let numbers: Vec<&budget_core::Provenance> =
            doc.findings.iter().flat_map(|f| f.numbers.iter().map(|n| &n.provenance)).collect();
        println!("{path} [{}]", doc.format);
        for (what, list) in [("line items", &items), ("facts", &facts), ("finding numbers", &numbers)] {
            println!("  {what}: {}", list.len());
            if let Some(p) = list.first() {
                println!("    first: {}", serde_json::to_string(p).unwrap_or_default());
            }
        }
    }
}

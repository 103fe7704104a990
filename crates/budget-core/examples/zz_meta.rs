fn main() {
    for path in std::env::args().skip(1) {
        let doc = match budget_core::parse_path(&path) {
            Ok(d) => d,
            Err(e) => {
                println!("{path}: {e}");
                continue;
            }
        };
        let m = &doc.meta;
        println!(
            "== {path}\n  disc={} {:?} agency={:?} year={:?} kind={:?} level={:?} region={:?} {:?} title={:?}",
            m.is_disclosure, m.not_disclosure_reason, m.agency, m.year, m.kind, m.level, m.region, m.adcode, m.title
        );
        println!(
            "  sources: {}",
            m.sources.iter().map(|(k, v)| format!("{k}={}", v.label())).collect::<Vec<_>>().join(", ")
        );
        if !m.sub_units.is_empty() {
            println!("  sub_units: {:?}", m.sub_units);
        }
        for w in doc.warnings.iter().filter(|w| w.code.ends_with("_conflict")) {
            println!("  WARN {}: {}", w.code, w.message);
        }
    }
}

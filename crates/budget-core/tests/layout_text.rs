//! Layout-preserving text (`pdftotext -layout`) of a real disclosure: the Shenzhen 医疗保障局 2026
//! budget, whose hand-checked values are in `tests/data/corpus/expected.json`.

use std::str::FromStr;

use rust_decimal::Decimal;

const DUMP: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/layout/shenzhen_medical_insurance_2026.layout.txt");

#[test]
fn shenzhen_layout_dump_gives_its_checked_values_as_line_items() {
    let doc = budget_core::parse_path(DUMP).expect("layout text parses");
    assert_eq!(doc.format, "layout_text");
    // Checked values (expected.json) found exactly as printed and converted to 元.
    for printed in ["15,480.26", "13,607.02", "15,332.65", "147.61", "11,012.04", "7,517.14", "66.04"] {
        let item = doc.line_items.iter().find(|i| i.amount_printed == printed);
        let item = item.unwrap_or_else(|| panic!("{printed} is not a line item"));
        let yuan = Decimal::from_str(&printed.replace(',', "")).unwrap() * Decimal::from(10_000);
        assert_eq!(item.amount, Some(yuan), "{printed}");
    }
    // Every line item points at the text line that prints it.
    let text = std::fs::read_to_string(DUMP).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for item in doc.line_items.iter().filter(|i| i.amount.is_some()) {
        let line = lines[item.provenance.line_start - 1];
        assert!(line.contains(&item.amount_printed), "line {}: {line:?} lacks {item:?}", item.provenance.line_start);
    }
}

#[test]
fn narrative_seeds_are_not_layout_text() {
    for seed in ["000_7ae52973a2e064fc.txt", "004_b509f5cd0a0148df.txt"] {
        let path = format!("{}/../../tests/data/seeds/{seed}", env!("CARGO_MANIFEST_DIR"));
        assert_ne!(budget_core::parse_path(path).unwrap().format, "layout_text", "{seed}");
    }
}

//! Check that each line item's box holds exactly its printed amount:
//! `cargo run --example box_check -- FILE.pdf...` prints counts and the first mismatches.

use budget_core::picture::{locate, PdfPages};

fn main() {
    let (mut total, mut bad_all) = (0usize, 0usize);
    for path in std::env::args().skip(1) {
        let data = std::fs::read(&path).expect("readable file");
        let doc = match budget_core::parse_bytes(&path, &data) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        let pages = PdfPages::read(&data).expect("a PDF");
        let (mut checked, mut bad, mut no_position) = (0, 0, 0);
        for item in &doc.line_items {
            let (Some(page), Some(bbox)) = (item.provenance.page, item.provenance.bbox) else {
                no_position += 1;
                continue;
            };
            let Some(page) = pages.page(page) else { continue };
            let found = locate::compact_text(&locate::chars_in_box(page, bbox));
            let wanted: String = budget_core::text::normalize_numeric(&item.amount_printed)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            checked += 1;
            if found != wanted {
                bad += 1;
                if bad <= 3 {
                    println!(
                        "   p{} {:?}: printed {:?} box holds {:?}",
                        item.provenance.page.unwrap_or(0),
                        bbox,
                        wanted,
                        found
                    );
                }
            }
        }
        let unpositioned: Vec<(&str, &str, &str)> = doc
            .findings
            .iter()
            .flat_map(|f| {
                f.numbers.iter().map(move |n| (f.rule.as_str(), n.label.as_str(), n.amount_printed.as_str(), n))
            })
            .filter(|(_, _, _, n)| !n.provenance.has_position())
            .map(|(rule, label, printed, _)| (rule, label, printed))
            .collect();
        let numbers = unpositioned.len();
        for (rule, label, printed) in unpositioned.iter().take(2) {
            println!("   unpositioned: {rule} {label} = {printed}");
        }
        println!("{path}: items {checked} mismatched {bad} unpositioned {no_position}; finding numbers unpositioned {numbers}");
        total += checked;
        bad_all += bad;
    }
    println!("total: {total} line items, {bad_all} boxes not holding exactly their amount");
}

//! Validation on the seeds: no false alarms on 001/002, the known errors of 003/004 found, the
//! 000 narrative sums, and mutated amounts caught by a rule that names the mutated cell.

use std::str::FromStr;

use budget_core::{Document, Finding, FindingStatus, LineItem};
use rust_decimal::Decimal;

mod common;
use common::seed_bytes as seed;

fn parse(prefix: &str) -> (Document, Vec<Finding>) {
    let (name, bytes) = seed(prefix);
    let doc = budget_core::parse_bytes(&name, &bytes).expect("seed parses");
    let findings = doc.validate();
    (doc, findings)
}

fn yuan(text: &str) -> Decimal {
    Decimal::from_str(text).expect("decimal")
}

fn of_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The finding of `rule` whose expected value and parts (as printed, in order) are the given ones.
fn find_sum<'a>(findings: &'a [Finding], rule: &str, expected: &str, parts: &[&str]) -> &'a Finding {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .find(|f| {
            let printed: Vec<&str> = f.numbers.iter().map(|n| n.amount_printed.as_str()).collect();
            printed.first().is_some_and(|p| p.starts_with(expected))
                && printed.len() == parts.len() + 1
                && printed[1..].iter().zip(parts).all(|(p, q)| p.starts_with(q))
        })
        .unwrap_or_else(|| panic!("no {rule} finding {expected} = {parts:?}\n{}", budget_core::summary(findings)))
}

#[test]
fn seeds_001_and_002_have_no_false_alarms_and_every_cross_table_rule_is_evaluated() {
    let cross_001 = [
        "across.income_total",
        "across.expenditure_total",
        "across.general_budget_total",
        "across.basic_total",
        "across.income_table_eq_expenditure_table",
        "across.class_amounts",
        "across.declared_empty",
    ];
    let cross_002 = &cross_001[2..];
    for (prefix, cross) in [("001", &cross_001[..]), ("002", cross_002)] {
        let (_, findings) = parse(prefix);
        let alarms: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.status == FindingStatus::Fail || (f.status == FindingStatus::Warn && f.family != "catalog"))
            .filter(|f| !(prefix == "002" && f.rule == "plausibility.region"))
            // Seed 002 prints seven of the standard tables: its 收支总表 is really missing.
            .filter(|f| !(prefix == "002" && f.rule == "completeness.standard_set"))
            .collect();
        assert!(alarms.is_empty(), "{prefix}: {alarms:#?}");
        let across_insufficient = findings
            .iter()
            .filter(|f| f.family == "across_tables" && f.status == FindingStatus::InsufficientData)
            .count();
        assert_eq!(across_insufficient, 0, "{prefix}");
        for rule in cross {
            assert!(
                of_rule(&findings, rule).iter().any(|f| f.status == FindingStatus::Pass),
                "{prefix}: {rule} not evaluated\n{}",
                budget_core::summary(&findings)
            );
        }
        for rule in ["columns.total_eq_basic_plus_project", "columns.basic_eq_personnel_plus_public"] {
            assert!(of_rule(&findings, rule).iter().any(|f| f.status == FindingStatus::Pass), "{prefix}: {rule}");
        }
    }
}

#[test]
fn seed_001_sums_name_their_cells() {
    let (doc, findings) = parse("001");
    // 卫生健康支出 7241.11 = 1900.00 + 4803.60 + 537.50 in the 支出总表.
    let class = find_sum(&findings, "rows.parent_code_eq_sum_children", "7241.11", &["1900.00", "4803.60", "537.50"]);
    assert_eq!(class.status, FindingStatus::Pass);
    assert_eq!(class.expected, Some(yuan("72411100.00")));
    let cell = doc.line_items.iter().find(|i| i.code.as_deref() == Some("21015") && i.table_index == 2).unwrap();
    assert!(of_rule(&findings, "rows.parent_code_eq_sum_children").iter().any(|f| f.names(&cell.provenance)));
    let balance = find_sum(&findings, "summary.income_eq_expenditure", "7414.81", &["7414.81"]);
    assert_eq!((balance.status, balance.difference), (FindingStatus::Pass, Some(Decimal::ZERO)));
    // 基本支出 393.69 = 人员经费 310.93 + 公用经费 82.76 in the 基本支出表's total row.
    let basic = find_sum(&findings, "columns.basic_eq_personnel_plus_public", "393.69", &["310.93", "82.76"]);
    assert_eq!(basic.status, FindingStatus::Pass);
    // 三公: 合计 5 = 0 (blank) + 5 + 0 and 公务用车 5 = 购置 (blank) + 运行 5.
    assert!(of_rule(&findings, "three_public.total_eq_parts").iter().all(|f| f.status == FindingStatus::Pass));
    assert!(!of_rule(&findings, "three_public.total_eq_parts").is_empty());
}

#[test]
fn seed_004_narrative_class_list_fails_on_the_788_32_sentence() {
    let (doc, findings) = parse("004");
    let failed = find_sum(&findings, "text.class_list_sum", "242.3", &["0", "39.86", "20.31", "788.32"]);
    assert_eq!(failed.status, FindingStatus::Fail);
    assert_eq!(failed.difference, Some(yuan("6061900.00")));
    let wrong = failed.numbers.iter().find(|n| n.amount_printed == "788.32万元").unwrap();
    let fact = &doc.facts[wrong.fact_index.unwrap()];
    assert!(fact.sentence.contains("医疗卫生与计划生育支出 788.32 万元"), "{}", fact.sentence);
    assert_eq!(wrong.provenance, fact.provenance);
    assert!(failed.message_zh.contains("242.3") && failed.message_zh.contains("788.32"));

    let passed = find_sum(&findings, "text.class_list_sum", "242.3", &["0", "39.86", "20.31", "182.14"]);
    assert_eq!(passed.status, FindingStatus::Pass);
    assert_eq!(passed.difference, Some(yuan("100.00")), "242.31 − 242.3 万元 = 100 元");
    assert!(passed.tolerance.unwrap() >= yuan("100"));

    let renamed = of_rule(&findings, "catalog.function_name")
        .into_iter()
        .find(|f| f.numbers.iter().any(|n| n.label == "医疗卫生与计划生育支出"))
        .unwrap();
    assert_eq!(renamed.status, FindingStatus::Warn);
    assert!(renamed.message_zh.contains("卫生健康支出"), "{}", renamed.message_zh);
}

#[test]
fn seed_003_unit_warning_and_asset_totals() {
    let (_, findings) = parse("003");
    let unit = of_rule(&findings, "plausibility.unit");
    let warned = unit.iter().find(|f| f.numbers.iter().any(|n| n.amount_printed == "1752.16元")).unwrap();
    assert_eq!(warned.status, FindingStatus::Warn);
    assert_eq!(warned.actual, Some(yuan("1752.16")));

    let values = find_sum(&findings, "assets.total_eq_sum_categories", "354.06", &["0", "98.64", "131.40", "124.02"]);
    assert_eq!((values.status, values.actual), (FindingStatus::Pass, Some(yuan("3540600.00"))));
    let counts = find_sum(&findings, "assets.total_eq_sum_categories", "191", &["0", "5", "4", "182"]);
    assert_eq!((counts.status, counts.difference), (FindingStatus::Pass, Some(Decimal::ZERO)));
}

#[test]
fn seed_000_narrative_sums() {
    let (_, findings) = parse("000");
    // 基本支出 213.25 and 项目支出 7595.00 are 一般公共预算财政拨款 figures; the 支出预算 7808.25
    // before them is all funds: the narrative pairs a total only with the parts of its own fund
    // scope, so the two are not summed (they agree here only because no other fund is spent).
    assert!(
        of_rule(&findings, "text.total_eq_basic_plus_project")
            .iter()
            .all(|f| f.numbers.first().is_none_or(|n| !n.amount_printed.starts_with("7808.25"))),
        "{}",
        budget_core::summary(&findings)
    );
    let basic = find_sum(&findings, "text.basic_eq_personnel_plus_public", "213.25", &["200.65", "12.60"]);
    assert_eq!((basic.status, basic.difference), (FindingStatus::Pass, Some(Decimal::ZERO)));
    let project = find_sum(&findings, "text.itemised_sum", "7595.00", &["83.00", "7382.00", "130.00"]);
    assert_eq!(project.status, FindingStatus::Pass);
    let itemised = of_rule(&findings, "text.itemised_sum");
    let personnel = itemised.iter().find(|f| f.numbers[0].amount_printed == "200.65万元").unwrap();
    assert_eq!((personnel.status, personnel.actual), (FindingStatus::Pass, Some(yuan("2006500.00"))));
    assert!(personnel.numbers.len() >= 8, "基本工资 … 购房补贴 are all parts");
    let public = itemised.iter().find(|f| f.numbers[0].amount_printed == "12.60万元").unwrap();
    assert_eq!((public.status, public.actual), (FindingStatus::Pass, Some(yuan("126000.00"))));
}

#[test]
fn seed_002_region_in_a_caption_is_warned() {
    let (_, findings) = parse("002");
    let warned: Vec<&Finding> =
        of_rule(&findings, "plausibility.region").into_iter().filter(|f| f.status == FindingStatus::Warn).collect();
    assert_eq!(warned.len(), 1, "{warned:#?}");
    assert!(warned[0].numbers[0].label.starts_with("天津市蓟江区"));
    assert_eq!(warned[0].numbers[0].table_index, Some(2));
    assert!(of_rule(&findings, "plausibility.region").iter().any(|f| f.status == FindingStatus::Pass));
}

/// Cells worth mutating: money amounts printed with two decimals, not zero, spread over the tables.
fn mutable_cells(doc: &Document, how_many: usize) -> Vec<LineItem> {
    let cells: Vec<&LineItem> = doc
        .line_items
        .iter()
        .filter(|i| i.is_money && i.amount.is_some_and(|a| !a.is_zero()))
        .filter(|i| i.amount_printed.split_once('.').is_some_and(|(_, d)| d.len() == 2))
        .collect();
    let step = (cells.len() / how_many).max(1);
    cells.into_iter().step_by(step).take(how_many).cloned().collect()
}

fn mutate(bytes: &[u8], cell: &LineItem) -> Option<Vec<u8>> {
    let range = cell.provenance.byte_start..cell.provenance.byte_end;
    let text = std::str::from_utf8(bytes.get(range.clone())?).ok()?;
    let offset = text.find(&cell.amount_printed)?;
    let printed = Decimal::from_str(&cell.amount_printed.replace(',', "")).ok()?;
    let changed = format!("{:.2}", printed + yuan("0.10"));
    let start = range.start + offset;
    let mut out = bytes[..start].to_vec();
    out.extend_from_slice(changed.as_bytes());
    out.extend_from_slice(&bytes[start + cell.amount_printed.len()..]);
    Some(out)
}

#[test]
fn a_changed_amount_fails_a_rule_that_names_the_cell() {
    for (prefix, how_many) in [("001", 8), ("002", 8), ("003", 3)] {
        let (name, bytes) = seed(prefix);
        let doc = budget_core::parse_bytes(&name, &bytes).unwrap();
        let cells = mutable_cells(&doc, how_many);
        assert!(cells.len() >= how_many.min(3), "{prefix}: {} cells", cells.len());
        for cell in cells {
            let mutated = mutate(&bytes, &cell).unwrap_or_else(|| panic!("{prefix}: cannot mutate {cell:?}"));
            let changed = budget_core::parse_bytes(&name, &mutated).unwrap();
            let moved = changed
                .line_items
                .iter()
                .find(|i| i.provenance.byte_start == cell.provenance.byte_start && i.measure == cell.measure)
                .unwrap_or_else(|| panic!("{prefix}: mutated cell not found"));
            assert_ne!(moved.amount, cell.amount);
            let findings = changed.validate();
            let named = findings.iter().any(|f| f.status == FindingStatus::Fail && f.names(&moved.provenance));
            assert!(
                named,
                "{prefix}: {} {} {} → {} not caught\n{}",
                cell.table_index,
                cell.name,
                cell.measure,
                moved.amount_printed,
                budget_core::summary(&findings)
            );
        }
    }
}

#[test]
fn coverage_of_printed_numbers() {
    let mut report = String::new();
    for prefix in ["000", "001", "002", "003", "004"] {
        let (doc, findings) = parse(prefix);
        let evaluated: Vec<&Finding> = findings
            .iter()
            .filter(|f| matches!(f.status, FindingStatus::Pass | FindingStatus::Fail | FindingStatus::Warn))
            .collect();
        let cells: Vec<&LineItem> = doc.line_items.iter().filter(|i| i.amount.is_some()).collect();
        let covered_cells = cells.iter().filter(|c| evaluated.iter().any(|f| f.names(&c.provenance))).count();
        let facts: Vec<usize> = (0..doc.facts.len()).filter(|&i| doc.facts[i].amount_yuan.is_some()).collect();
        let covered_facts = facts
            .iter()
            .filter(|&&i| evaluated.iter().any(|f| f.numbers.iter().any(|n| n.fact_index == Some(i))))
            .count();
        report.push_str(&format!(
            "{prefix}: table amounts {covered_cells}/{} covered, narrative money amounts {covered_facts}/{} covered\n",
            cells.len(),
            facts.len()
        ));
        if prefix == "001" || prefix == "002" {
            assert!(covered_cells * 10 >= cells.len() * 9, "{prefix}: {covered_cells}/{}", cells.len());
        }
    }
    println!("{report}");
}

#[test]
fn narrative_sources_and_shares() {
    let (_, findings) = parse("001");
    let income = find_sum(&findings, "text.sources_sum", "7414.81", &["7414.81", "0", "0", "0", "0"]);
    assert_eq!(income.status, FindingStatus::Pass);
    let (_, findings) = parse("000");
    let total = find_sum(&findings, "text.sources_sum", "7808.25", &["7808.25", "0.00"]);
    assert_eq!(total.status, FindingStatus::Pass);
    let (_, findings) = parse("004");
    let shares = of_rule(&findings, "text.share_eq_amount_ratio");
    let personnel = shares.iter().find(|f| f.numbers[0].amount_printed == "96.99%").unwrap();
    assert_eq!(personnel.status, FindingStatus::Pass);
    assert_eq!(personnel.numbers[1].amount_printed, "96.99%", "235 ÷ 242.30 = 96.99%");
    assert!(shares.iter().all(|f| f.status == FindingStatus::Pass), "{shares:#?}");
}

#[test]
fn validation_never_panics_on_cut_or_garbled_seeds() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let (name, bytes) = seed(prefix);
        for cut in (0..bytes.len()).step_by(bytes.len() / 23 + 1) {
            let mut garbled = bytes[..cut].to_vec();
            garbled.extend_from_slice("\n\t99999999999999999999999.99\n\t合计\n\t-0.001\n".as_bytes());
            if let Ok(doc) = budget_core::parse_bytes(&name, &garbled) {
                let findings = doc.validate();
                assert!(!findings.is_empty());
                assert!(!budget_core::summary(&findings).is_empty());
            }
        }
    }
}

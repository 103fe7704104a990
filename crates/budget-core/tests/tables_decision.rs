//! Tables of the 部门决算 set and the true inconsistencies of the corpus.
//!
//! The nine standard 决算 tables of `上海普陀_上海市普陀区财政局2024年度部门决算.pdf` are typed
//! and their continued pages merged; every failure listed in
//! `tests/data/known_inconsistencies.csv` (a document that is itself inconsistent) is found.

use std::path::Path;

use budget_core::{parse_path, FindingStatus, TableKind};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

#[test]
fn putuo_final_accounts_nine_tables_typed_and_continuations_merged() {
    let path = Path::new(DATA).join("corpus/docs/上海普陀_上海市普陀区财政局2024年度部门决算.pdf");
    let doc = parse_path(&path).expect("the Putuo 决算 parses");
    use TableKind::*;
    let expected = [
        (SubUnits, "", 3),
        (IncomeExpenditureSummary, "收入支出决算总表", 30),
        (IncomeSummary, "收入决算表", 20),
        (ExpenditureSummary, "支出决算表", 20),
        (FiscalGrantSummary, "财政拨款收入支出决算总表", 32),
        (GeneralBudgetExpenditure, "一般公共预算财政拨款支出决算表", 20),
        (GeneralBudgetBasicExpenditure, "一般公共预算财政拨款基本支出决算表", 39),
        (ThreePublicExpenditure, "财政拨款“三公”经费支出决算表", 1),
        (GovFundIncomeExpenditure, "政府性基金预算财政拨款收入支出决算表", 0),
        (StateCapitalIncomeExpenditure, "国有资本经营预算财政拨款收入支出决算表", 0),
    ];
    let found: Vec<(TableKind, &str, usize)> = doc
        .tables
        .iter()
        .filter(|t| t.kind != Unknown)
        .map(|t| (t.kind, t.title.as_deref().unwrap_or_default(), t.rows.len()))
        .collect();
    assert_eq!(found, expected);
    // The continued 收入决算表 ends with the rows of its second page.
    let income = &doc.tables.iter().find(|t| t.kind == IncomeSummary).expect("收入决算表").rows;
    assert_eq!(
        income.last().map(|r| &r[..6]),
        Some(&["221", "02", "03", "购房补贴", "258.50", "258.50"].map(String::from)[..])
    );
    // 人员经费 | 公用经费 halves: each code with its own name, so the catalog agrees.
    let economic_name =
        doc.findings.iter().filter(|f| f.rule == "catalog.economic_name" && f.status != FindingStatus::Pass);
    assert_eq!(economic_name.count(), 0);
    let untitled = doc.tables.iter().filter(|t| t.kind == Unknown && t.title.is_none()).count();
    assert_eq!(untitled, 0, "the 情况说明 is prose, not tables");
}

#[test]
fn listed_true_inconsistencies_fail() {
    let listed = std::fs::read_to_string(Path::new(DATA).join("known_inconsistencies.csv")).expect("the list exists");
    let mut checked = 0;
    for line in listed.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.splitn(5, ',').collect();
        let [document, rule, expected, actual, printed] = fields[..] else { panic!("5 fields: {line}") };
        assert!(!printed.trim().is_empty(), "the printed numbers are given: {line}");
        let doc = parse_path(Path::new(DATA).join("corpus/docs").join(document)).expect("listed document parses");
        let shown = |v: Option<rust_decimal::Decimal>| v.map(|d| d.normalize().to_string()).unwrap_or_default();
        let found = doc.findings.iter().any(|f| {
            f.status == FindingStatus::Fail
                && f.rule == rule
                && shown(f.expected) == expected
                && shown(f.actual) == actual
        });
        assert!(found, "{document}: no failed {rule} with {expected} | {actual}");
        checked += 1;
    }
    assert!(checked >= 2);
}

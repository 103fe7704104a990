//! 表文一致 on corpus documents: the narrative figure is compared with the table cell of the same
//! concept and fund.

use budget_core::FindingStatus;

fn corpus(name: &str) -> budget_core::Document {
    let path = format!("{}/../../tests/data/corpus/docs/{name}", env!("CARGO_MANIFEST_DIR"));
    budget_core::parse_path(&path).expect("corpus document")
}

/// The `text.fact_eq_table` findings whose message names `label`.
fn statuses(doc: &budget_core::Document, label: &str) -> Vec<FindingStatus> {
    let rule = |f: &&budget_core::Finding| f.rule == "text.fact_eq_table" && f.message_zh.contains(label);
    doc.findings.iter().filter(rule).map(|f| f.status).collect()
}

#[test]
fn three_public_fact_meets_the_three_public_row_not_the_administrative_costs_row() {
    // 财政拨款安排的行政经费及“三公”经费预算表: 行政经费 523.62, “三公”经费 26.11; the text says 26.11.
    let doc = corpus("005_广州_2026年广州市气象局部门预算.pdf");
    let found = statuses(&doc, "“三公”经费");
    assert!(!found.is_empty());
    assert!(found.iter().all(|s| *s == FindingStatus::Pass), "{found:?}");
}

#[test]
fn project_spending_of_the_general_budget_paragraph_meets_the_general_budget_table() {
    // 一般公共预算财政拨款支出128148.56万元 … 项目支出94823.35万元: the 一般公共预算 table's 项目支出,
    // not the 支出总表's all-funds 145,130.37.
    let doc = corpus("004_重庆_2026年重庆市水利局部门预算.pdf");
    let found = statuses(&doc, "「项目支出」");
    assert!(!found.is_empty());
    assert!(found.iter().all(|s| *s == FindingStatus::Pass), "{found:?}");
}

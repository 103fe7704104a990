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

/// The failed findings of a rule.
fn failed<'d>(doc: &'d budget_core::Document, rule: &str) -> Vec<&'d str> {
    doc.findings
        .iter()
        .filter(|f| f.rule == rule && f.status == FindingStatus::Fail)
        .map(|f| f.message_zh.as_str())
        .collect()
}

#[test]
fn three_public_fact_meets_this_years_column_of_a_table_with_last_years() {
    // 公开表7 prints 2025年预算数 合计 11.90 and 2026年预算数 合计 3.40; the text says
    // 2026年通过一般公共预算财政拨款安排的“三公”经费预算共3.4万元.
    let doc = corpus("025_烟台_2026年烟台市审计局部门预算.pdf");
    let found = statuses(&doc, "“三公”经费");
    assert_eq!(found, [FindingStatus::Pass]);
    // 杭州: the column `“三公”经费合计` 24.02, not `公务用车购置及运行费 / 小计` 18.00.
    let doc = corpus("008_杭州_2026年杭州市气象局部门预算.pdf");
    assert_eq!(statuses(&doc, "“三公”经费"), [FindingStatus::Pass]);
}

#[test]
fn classes_of_the_all_funds_statement_meet_the_expenditure_table_not_the_general_budget_one() {
    // （二）支出预算：2026年年初预算数186549.30万元。按支出功能分类，包括…教育支出33862.49万元
    // (支出总表 205 = 33,862.49; the 一般公共预算支出表's 23,168.99 is another scope).
    let doc = corpus("004_重庆_2026年重庆市水利局部门预算.pdf");
    assert_eq!(failed(&doc, "text.coded_fact_eq_table"), Vec::<&str>::new());
    assert_eq!(failed(&doc, "text.fact_eq_table"), Vec::<&str>::new());
    let passed =
        doc.findings.iter().filter(|f| f.rule == "text.coded_fact_eq_table" && f.status == FindingStatus::Pass);
    assert!(passed.count() >= 7);
}

#[test]
fn classes_of_a_project_statement_meet_the_project_column() {
    // 项目支出预算40233.95万元，…其中：一般公共服务支出3.00万元…。公共安全支出40230.95万元: the
    // 项目支出 column of 204 (40,230.95), not its total 68,629.12.
    let doc = corpus("015_长沙_2026年长沙市公安局2025年部门预算.pdf");
    assert_eq!(failed(&doc, "text.coded_fact_eq_table"), Vec::<&str>::new());
    // 武汉: the 财政拨款收支总表 spends the carry-over (18,728.94), the 一般公共预算支出表 this year's
    // grant (16,474.82): their class amounts are not compared.
    let doc = corpus("009_武汉_2026年武汉市信访局部门预算.pdf");
    assert_eq!(failed(&doc, "across.class_amounts"), Vec::<&str>::new());
    assert_eq!(failed(&doc, "text.coded_fact_eq_table"), Vec::<&str>::new());
}

#[test]
fn a_general_budget_basic_figure_that_disagrees_with_both_general_budget_tables_fails() {
    // 一般公共预算财政拨款基本支出 5377.64 万元, but the 一般公共预算财政拨款支出决算表 prints 基本支出
    // 5364.75 and the 基本支出决算表 4884.09 + 480.66 = 5364.75 (5377.64 is the 支出决算表's all funds).
    let doc = corpus("上海普陀_上海市普陀区规划和自然资源局2024年度部门决算.pdf");
    let found = failed(&doc, "text.fact_eq_table");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("5377.64") && found[0].contains("5364.75"), "{found:?}");
}

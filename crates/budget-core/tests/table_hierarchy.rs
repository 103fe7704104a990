//! Row hierarchies printed without codes or numbering in the names, and label columns split by
//! the drawing: each document here once gave false failures of the row or column sums; the
//! findings named must now pass on the printed numbers, and a printed disagreement still fails.

use std::path::Path;

use budget_core::{parse_path, Document, FindingStatus};

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/docs");

fn parse(file: &str) -> Document {
    parse_path(Path::new(DOCS).join(file)).expect("corpus document parses")
}

fn with_status(doc: &Document, status: FindingStatus, rule: &str, context: &str) -> Vec<String> {
    doc.findings
        .iter()
        .filter(|f| f.status == status && f.rule == rule && f.message_zh.contains(context))
        .map(|f| f.message_zh.clone())
        .collect()
}

fn failed_family(doc: &Document, family: &str) -> Vec<String> {
    doc.findings
        .iter()
        .filter(|f| f.status == FindingStatus::Fail && f.rule.starts_with(family))
        .map(|f| format!("{} {}", f.rule, f.message_zh))
        .collect()
}

#[test]
fn group_rows_over_projects_add_up_at_the_top_level() {
    // 项目支出情况表, 序号 in its own column: 一 6,000.00 over 1 5,000.00 + 2 1,000.00, …;
    // 合计 预算批复 13,237.00 = 6,000.00 + 3,750.00 + 3,087.00 + 400.00.
    let doc = parse("015_长沙_国有资产监督管理委员会_2026年部门预算.pdf");
    let approved = with_status(&doc, FindingStatus::Pass, "rows.total_eq_sum_parts", "合计 预算批复");
    assert_eq!(approved.len(), 1);
    assert!(approved[0].contains("6,000.00万元 + 3,750.00万元 + 3,087.00万元 + 400.00万元"));
    assert_eq!(with_status(&doc, FindingStatus::Pass, "rows.total_eq_sum_parts", "合计 实际执行").len(), 1);
    // 预算到位 prints 13,237.00 over groups of 13,027.00 (三 到位 2,877.00): a true failure.
    let allocated = with_status(&doc, FindingStatus::Fail, "rows.total_eq_sum_parts", "合计 预算到位");
    assert_eq!(allocated.len(), 1);
    assert!(allocated[0].contains("2,877.00万元"));
}

#[test]
fn units_over_project_kinds_over_projects() {
    // 专项业务经费支出表: 253001 西安市住房和城乡建设局 31,591,304.00 over 通用项目 518,000.00 (over
    // 专项购置 over 办公设备购置经费) and 专用项目 31,073,304.00 (over its projects); 合计 over the units.
    let doc = parse("020_西安_住房和建设局_2026年部门预算.pdf");
    assert_eq!(failed_family(&doc, "rows."), Vec::<String>::new());
    assert_eq!(with_status(&doc, FindingStatus::Pass, "rows.total_eq_sum_parts", "表11").len(), 1);
    // 财政拨款收支总表: 一、财政拨款 = 1、一般公共预算拨款 + 2、 + 3、; its `其中：专项资金…` is a part of 1、.
    assert!(!with_status(&doc, FindingStatus::Pass, "rows.parent_eq_sum_children", "一、财政拨款").is_empty());
}

#[test]
fn economic_classes_over_their_items_without_codes_read() {
    // 一般公共预算项目支出情况表（按经济分类科目）, names boxed by level: `[302]商品和服务支出`
    // 1,460.03 over its items 18.50 + 137.00 + …, `[310]资本性支出` 45.35 over 3.00 + 42.35;
    // 合计 1,505.38 = 302 + 310, not the sum of every row (twice the total).
    let doc = parse("005_广州_2026年广州市气象局部门预算.pdf");
    assert_eq!(failed_family(&doc, "rows."), Vec::<String>::new());
    let total = with_status(&doc, FindingStatus::Pass, "rows.total_eq_sum_parts", "表6 合计");
    assert!(total.iter().any(|m| m.contains("1,505.38万元 对 1,460.03万元 + 45.35万元")), "{total:?}");
}

#[test]
fn close_amounts_are_two_cells() {
    // 收入总体情况表: `0.00 19,904.01` (上级补助收入, 上年结转结余) printed a narrow gap apart.
    let doc = parse("077_珠海_2026年珠海市商务局部门预算.pdf");
    assert_eq!(failed_family(&doc, "columns."), Vec::<String>::new());
    assert_eq!(failed_family(&doc, "rows."), Vec::<String>::new());
    assert!(doc.line_items.iter().any(|i| i.table_index == 1 && i.amount_printed == "19,904.01"));
}

#[test]
fn numbered_children_after_of_which_are_children() {
    // 三公 table: 3、公务用车购置及运行费 293.90 = 其中：（1）公务用车购置费 261.90 + （2）运行费 32.00.
    let doc = parse("021_泉州_2026年泉州市人民政府办公室部门预算.pdf");
    assert_eq!(failed_family(&doc, "three_public."), Vec::<String>::new());
    let vehicles = "three_public.vehicles_eq_purchase_plus_operation";
    assert!(!with_status(&doc, FindingStatus::Pass, vehicles, "3、公务用车购置及运行费").is_empty());
}

//! The structure of real tables behind the row and column rules: which rows are parts of a
//! total, which halves of a row are sides of their own, which columns add up. Each document
//! here once gave false failures; the findings named must now pass on the printed numbers.

use std::path::Path;

use budget_core::{parse_path, Document, FindingStatus};

const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/docs");

fn parse(file: &str) -> Document {
    parse_path(Path::new(DOCS).join(file)).expect("corpus document parses")
}

/// Failed findings of a rule family (`rows.`, `columns.`), as their messages.
fn failed(doc: &Document, family: &str) -> Vec<String> {
    doc.findings
        .iter()
        .filter(|f| f.status == FindingStatus::Fail && f.rule.starts_with(family))
        .map(|f| format!("{} {}", f.rule, f.message_zh))
        .collect()
}

fn passed(doc: &Document, rule: &str, context: &str) -> usize {
    doc.findings
        .iter()
        .filter(|f| f.status == FindingStatus::Pass && f.rule == rule && f.message_zh.contains(context))
        .count()
}

#[test]
fn personnel_and_public_halves_are_summed_apart() {
    // 一般公共预算财政拨款基本支出决算表: `人员经费合计 2,152.26 | 公用经费合计 184.65` in one row;
    // 301 2,082.85 + 303 69.41 and 302 171.07 + 310 13.58 each add up to their own total.
    let doc = parse("上海普陀_上海市普陀区财政局2024年度部门决算.pdf");
    assert_eq!(failed(&doc, "rows."), Vec::<String>::new());
    let basic =
        doc.line_items.iter().filter(|i| i.table_title.as_deref() == Some("一般公共预算财政拨款基本支出决算表"));
    let public_side: Vec<_> = basic.filter(|i| i.side.as_deref() == Some("公用经费") && i.code.is_some()).collect();
    assert!(public_side.iter().any(|i| i.code.as_deref() == Some("302") && i.amount_printed == "171.07"));
    assert!(public_side.iter().all(|i| !i.code.as_deref().unwrap_or_default().starts_with("301")));
    assert_eq!(passed(&doc, "rows.total_eq_sum_top_codes", "表6 决算数 合计行"), 2);
}

#[test]
fn a_subtotal_is_carried_into_the_total_below_it() {
    // 收支预算总表: 当年收入小计 13,377.11 | 上年结转资金 (blank) | 收入合计 13,377.11.
    let doc = parse("江苏_江苏省政协办公厅2019年预算公开表.pdf");
    assert_eq!(failed(&doc, "rows."), Vec::<String>::new());
    assert!(passed(&doc, "rows.total_eq_sum_parts", "收入合计") >= 1);
}

#[test]
fn a_code_printed_on_several_rows_parents_the_rows_after_it() {
    // 基本支出情况表 keyed by 部门 and 政府 economic codes: 505 509.37 (under 301) and 505 29.61
    // (under 302) each sum the 505xx rows that follow them.
    let doc = parse("025_烟台_2026年烟台市审计局部门预算.pdf");
    assert_eq!(failed(&doc, "rows."), Vec::<String>::new());
    assert!(passed(&doc, "rows.parent_code_eq_sum_children", "505 对事业单位经常性补助") >= 2);
}

#[test]
fn a_list_restarting_under_a_numbered_row_is_nested() {
    // 财政拨款收支总表: 一、本年支出 1682.76 over 一、一般公共服务支出 … 四、住房保障支出, then
    // 二、结转下年支出; 支出总计 = 一 + 二.
    let doc = parse("040_长春_2026年长春市信访局部门预算.pdf");
    let fiscal: Vec<String> = failed(&doc, "rows.").into_iter().filter(|m| m.contains("表3")).collect();
    assert_eq!(fiscal, Vec::<String>::new());
    assert!(passed(&doc, "rows.total_eq_sum_parts", "支出总计") >= 1);
}

#[test]
fn carry_over_rows_numbered_under_an_unnumbered_row_are_its_parts() {
    // 财政拨款收支总表: 上年结转结余 508.642853 then 一、一般公共预算拨款 508.642853: 收入总计 =
    // 本年收入合计 + 上年结转结余, not + the 一、 row again.
    let doc = parse("002_北京_北京市医疗保障局2026年度部门预算报表.pdf");
    assert!(failed(&doc, "rows.total_eq_sum_parts").is_empty());
    assert!(passed(&doc, "rows.total_eq_sum_parts", "收入总计") >= 1);
    // 项目支出 / 扣除基建项目后预算数 restates 项目支出总数: no second addend of 合计.
    assert!(failed(&doc, "columns.").is_empty());
}

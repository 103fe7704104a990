//! Tables of a page dump whose columns were collapsed to single spaces (the 石泉路街道 `_pages.json`
//! of the corpus): rows recovered from label + number runs, dropped blank cells placed by the sums
//! the document prints, tables that cannot be placed for certain left as text with a warning.

mod common;

use budget_core::{Document, FindingStatus, TableKind};
use rust_decimal::Decimal;

fn document() -> Document {
    common::read(&common::corpus_file("石泉路街道办事处2026年单位预算_pages")).0
}

/// The amount of the cell (table kind, row name or code, measure ending).
fn cell(doc: &Document, kind: TableKind, row: &str, measure: &str) -> Option<Decimal> {
    let item = doc
        .line_items
        .iter()
        .find(|i| {
            i.table_kind == kind
                && (i.name.trim() == row || i.code.as_deref() == Some(row))
                && i.measure.ends_with(measure)
        })
        .unwrap_or_else(|| panic!("no cell {row} | {measure} in {kind:?}"));
    item.amount
}

#[test]
fn collapsed_tables_are_recovered() {
    let doc = document();
    let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            TableKind::IncomeExpenditureSummary,
            TableKind::ExpenditureSummary,
            TableKind::GeneralBudgetExpenditure,
            TableKind::GeneralBudgetBasicExpenditure
        ]
    );
    let summary = TableKind::IncomeExpenditureSummary;
    assert_eq!(cell(&doc, summary, "收入总计", "预算数"), Some(Decimal::from(76_306_134)));
    assert_eq!(cell(&doc, summary, "支出总计", "人员经费"), Some(Decimal::from(23_057_828)));
    assert_eq!(cell(&doc, summary, "支出总计", "项目支出"), Some(Decimal::from(49_388_144)));
}

#[test]
fn dropped_blank_cells_are_placed_by_the_printed_sums() {
    let doc = document();
    // `七、卫生健康支出 1,225,800 1,025,800 200,000` under 合计 | 人员经费 | 公用经费 | 项目支出: the
    // column totals of 支出总计 decide that 公用经费 is the blank one.
    let summary = TableKind::IncomeExpenditureSummary;
    assert_eq!(cell(&doc, summary, "七、卫生健康支出", "人员经费"), Some(Decimal::from(1_025_800)));
    assert_eq!(cell(&doc, summary, "七、卫生健康支出", "公用经费"), None);
    assert_eq!(cell(&doc, summary, "七、卫生健康支出", "项目支出"), Some(Decimal::from(200_000)));
    // `2120101行政运行 16,879,230 16,879,230`: its parent 21201 prints 基本支出 16,879,230 and
    // 项目支出 13,121,269, which only 2120101 → 基本支出, 2120102 → 项目支出 adds up to.
    let expenditure = TableKind::ExpenditureSummary;
    assert_eq!(cell(&doc, expenditure, "2120101", "基本支出"), Some(Decimal::from(16_879_230)));
    assert_eq!(cell(&doc, expenditure, "2120102", "项目支出"), Some(Decimal::from(13_121_269)));
    // `302 07邮电费` prints its code in parts: 类 302, 款 07.
    let basic = TableKind::GeneralBudgetBasicExpenditure;
    assert_eq!(cell(&doc, basic, "30207", "公用经费"), Some(Decimal::from(70_000)));
}

#[test]
fn tables_that_cannot_be_placed_stay_text_with_a_warning() {
    let doc = document();
    // 收入预算总表: every row prints 2 numbers under 5 columns (合计 and one source of five).
    let warned = doc.warnings.iter().filter(|w| w.message.contains("placements add up; table read as text")).count();
    assert!(warned >= 1, "{:?}", doc.warnings);
    assert!(!doc.tables.iter().any(|t| t.kind == TableKind::IncomeSummary));
    // What was built adds up: no table rule fails on it.
    let failed: Vec<&str> = doc
        .findings
        .iter()
        .filter(|f| f.status == FindingStatus::Fail && (f.rule.starts_with("rows.") || f.rule.starts_with("columns.")))
        .map(|f| f.message_zh.as_str())
        .collect();
    assert!(failed.is_empty(), "{failed:?}");
}

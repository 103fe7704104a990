//! Acceptance tests of the foundation on the five real seed disclosures in `tests/data/seeds`.

use std::str::FromStr;

use budget_core::money::{parse_amount, CellValue};
use budget_core::{CodeScheme, Document, DocumentKind, Level, LineItem, MoneyUnit, RowRole, TableKind};
use rust_decimal::Decimal;

mod common;
use common::{seed, seed_text};

fn yuan(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn items<'a>(doc: &'a Document, kind: TableKind) -> impl Iterator<Item = &'a LineItem> + 'a {
    doc.line_items.iter().filter(move |i| i.table_kind == kind)
}

fn kinds(doc: &Document) -> Vec<TableKind> {
    doc.tables.iter().map(|t| t.kind).collect()
}

#[test]
fn seed_001_tables_and_totals() {
    let doc = seed("001");
    use TableKind::*;
    let expected_kinds = [
        IncomeExpenditureSummary,
        IncomeSummary,
        ExpenditureSummary,
        FiscalGrantSummary,
        GeneralBudgetExpenditure,
        GeneralBudgetBasicExpenditure,
        GovFundExpenditure,
        StateCapitalExpenditure,
        ThreePublicExpenditure,
        SubUnits,
    ];
    assert_eq!(kinds(&doc)[..10], expected_kinds);
    assert!(kinds(&doc)[10..22].iter().all(|k| *k == ProjectPerformance), "{:?}", kinds(&doc));
    assert_eq!(kinds(&doc)[22..], [Procurement, Assets]);
    let empty: Vec<TableKind> = doc.tables.iter().filter(|t| t.declared_empty).map(|t| t.kind).collect();
    assert_eq!(empty, [GovFundExpenditure, StateCapitalExpenditure, Procurement]);
    assert!(doc.tables.iter().filter(|t| t.kind.holds_money()).all(|t| t.unit == Some(MoneyUnit::WanYuan)));

    let summary: Vec<&LineItem> = items(&doc, IncomeExpenditureSummary).collect();
    for name in ["收入总计", "支出总计"] {
        let total = summary.iter().find(|i| i.name == name).expect(name);
        assert_eq!((total.amount, total.row_role), (Some(yuan("74148100.00")), RowRole::Total), "{name}");
        assert_eq!((total.amount_printed.as_str(), total.unit_printed.as_deref()), ("7414.81", Some("万元")));
    }
    let medical =
        items(&doc, GeneralBudgetExpenditure).find(|i| i.code.as_deref() == Some("2101202") && i.measure == "合计");
    let medical = medical.expect("2101202 in the 一般公共预算支出表");
    assert_eq!(medical.amount, Some(yuan("47493000.00")));
    assert_eq!(medical.amount.unwrap().to_string(), "47493000.00");
    assert_eq!((medical.level, medical.parent_code.as_deref()), (Some(Level::Item), Some("21012")));
    let basic =
        items(&doc, GeneralBudgetExpenditure).find(|i| i.code.as_deref() == Some("2101202") && i.measure == "基本支出");
    assert_eq!(basic.expect("blank 基本支出 cell is an item").amount, None, "blank is not zero");
}

#[test]
fn seed_001_basic_expenditure_has_economic_classes_with_children() {
    let doc = seed("001");
    let basic: Vec<&LineItem> =
        items(&doc, TableKind::GeneralBudgetBasicExpenditure).filter(|i| i.measure.ends_with("合计")).collect();
    let class = |code: &str| basic.iter().find(|i| i.code.as_deref() == Some(code)).copied().expect(code);
    assert_eq!(class("301").amount, Some(yuan("3109300.00")));
    assert_eq!(class("302").amount, Some(yuan("827600.00")));
    assert_eq!((class("301").row_role, class("301").code_scheme), (RowRole::Subtotal, Some(CodeScheme::DeptEconomic)));
    let children: Vec<&str> =
        basic.iter().filter(|i| i.parent_code.as_deref() == Some("301")).map(|i| i.name.as_str()).collect();
    assert_eq!(
        children,
        [
            "基本工资",
            "津贴补贴",
            "奖金",
            "机关事业单位基本养老保险缴费",
            "职工基本医疗保险缴费",
            "其他社会保障缴费",
            "住房公积金"
        ]
    );
    assert_eq!(class("30101").amount, Some(yuan("2073800.00")));
    let total = basic.iter().find(|i| i.row_role == RowRole::Total).expect("合计 row");
    assert_eq!(total.amount, Some(yuan("3936900.00")));
}

#[test]
fn seed_002_general_budget_expenditure() {
    let doc = seed("002");
    let table: Vec<&LineItem> = items(&doc, TableKind::GeneralBudgetExpenditure).collect();
    let total = |measure: &str| {
        table.iter().find(|i| i.row_role == RowRole::Total && i.measure.ends_with(measure)).and_then(|i| i.amount)
    };
    assert_eq!(total("小计"), Some(yuan("5528000.00")));
    assert_eq!(total("基本支出"), Some(yuan("5372000.00")));
    assert_eq!(total("项目支出"), Some(yuan("156000.00")));
    let health = table.iter().find(|i| i.code.as_deref() == Some("210") && i.measure.ends_with("小计")).unwrap();
    assert_eq!((health.name.as_str(), health.amount), ("卫生健康支出", Some(yuan("4792400.00"))));
    let project =
        table.iter().find(|i| i.code.as_deref() == Some("2101502") && i.measure.ends_with("项目支出")).unwrap();
    assert_eq!((project.name.as_str(), project.amount), ("一般行政管理事务", Some(yuan("156000.00"))));
    // Page-break debris (`况`, `三、绩效指标`) never becomes a row of any table.
    let debris = |cell: &String| matches!(cell.trim(), "况" | "三、绩效指标");
    assert!(doc.tables.iter().flat_map(|t| &t.rows).all(|row| !row.iter().any(debris)));
    assert_eq!(doc.meta.year, Some(2022));
}

#[test]
fn seed_003_sub_units_performance_and_assets() {
    let doc = seed("003");
    let sub_units = doc.tables.iter().find(|t| t.kind == TableKind::SubUnits).expect("单位构成");
    assert_eq!(sub_units.columns, ["单位名称", "单位性质", "单位规格", "经费保障形式"]);
    assert_eq!(sub_units.rows.len(), 4);
    assert_eq!(
        sub_units.rows[1],
        ["承德市医疗保险基金管理结算中心", "财政补助事业单位", "正科级", "财政性资金基本保证"]
    );
    assert!(doc
        .tables
        .iter()
        .any(|t| t.kind == TableKind::DepartmentPerformance && t.columns.contains(&"优".to_string())));

    let assets = doc.tables.iter().find(|t| t.kind == TableKind::Assets).expect("固定资产占用情况表");
    assert_eq!(
        assets.caption,
        [("编制部门".into(), "承德市医疗保障局".into()), ("截止时间".into(), "2019年12月31日".into())]
    );
    assert!(assets.rows.iter().all(|row| !row.iter().any(|c| c.contains("编制部门"))));
    let asset = |name: &str, measure: &str| {
        items(&doc, TableKind::Assets)
            .find(|i| i.name.contains(name) && i.measure == measure)
            .map(|i| (i.amount, i.is_money))
    };
    assert_eq!(asset("资产总额", "数量"), Some((Some(yuan("191")), false)));
    assert_eq!(asset("资产总额", "价值"), Some((Some(yuan("3540600.00")), true)));
    assert_eq!(asset("车辆", "数量"), Some((Some(yuan("5")), false)));
    assert_eq!(asset("车辆", "价值"), Some((Some(yuan("986400.00")), true)));
}

#[test]
fn narrative_seeds_have_no_tables_and_keep_every_paragraph() {
    for prefix in ["000", "004"] {
        let (name, text) = seed_text(prefix);
        let blocks = budget_core::read::read_blocks(&name, text.as_bytes(), &Default::default()).unwrap();
        let doc = budget_core::recognize::recognize(blocks.clone());
        assert!(doc.tables.is_empty() && doc.line_items.is_empty(), "{prefix}");
        assert_eq!(doc.residual, blocks.blocks, "{prefix}: every block stays in the residual");
        assert_eq!(doc.meta.kind, Some(DocumentKind::Budget));
    }
}

/// Every printed number of a recognised money table is a line item, and every line item's
/// amount is exactly what its source cell prints, converted by its unit.
#[test]
fn line_items_cover_every_printed_amount_exactly() {
    for prefix in ["001", "002", "003"] {
        let (_, text) = seed_text(prefix);
        let doc = seed(prefix);
        for item in &doc.line_items {
            let source = &text[item.provenance.byte_start..item.provenance.byte_end];
            assert!(source.contains(&item.amount_printed), "{prefix}: {item:?} not printed at its provenance");
            let printed = match parse_amount(&item.amount_printed) {
                CellValue::Number(value) => Some(value),
                _ => None,
            };
            let factor =
                item.unit_printed.as_deref().and_then(MoneyUnit::from_word).map_or(Decimal::ONE, |u| u.yuan_factor());
            assert_eq!(item.amount, printed.map(|v| if item.is_money { v * factor } else { v }), "{prefix}: {item:?}");
        }
        for table in doc.tables.iter().filter(|t| t.kind.holds_money()) {
            let skip = |header: &str| ["序号", "编码", "代码", "栏次"].iter().any(|k| header.contains(k));
            let mut printed: Vec<&str> = table
                .rows
                .iter()
                .flat_map(|row| row.iter().zip(&table.columns).filter(|(_, h)| !skip(h)).map(|(cell, _)| cell.as_str()))
                .filter(|cell| matches!(parse_amount(cell), CellValue::Number(_)))
                .collect();
            let mut found: Vec<&str> = doc
                .line_items
                .iter()
                .filter(|i| i.table_index == table.index && i.amount.is_some())
                .map(|i| i.amount_printed.as_str())
                .collect();
            printed.sort_unstable();
            found.sort_unstable();
            assert_eq!(printed, found, "{prefix} table {} {:?}", table.index, table.title);
        }
    }
}

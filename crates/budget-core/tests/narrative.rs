//! Narrative facts, performance targets and unattributed numbers on the real seed disclosures.

use std::str::FromStr;

use budget_core::model::{Fact, Indicator};
use budget_core::{CodeScheme, Document};
use rust_decimal::Decimal;

mod common;
use common::seed;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The first fact with `key`.
fn keyed<'a>(doc: &'a Document, key: &str) -> &'a Fact {
    doc.facts.iter().find(|f| f.key.as_str() == key).unwrap_or_else(|| panic!("no fact {key}"))
}

/// The first fact labelled exactly `label`.
fn labelled<'a>(doc: &'a Document, label: &str) -> &'a Fact {
    doc.facts.iter().find(|f| f.label == label).unwrap_or_else(|| panic!("no fact labelled {label}"))
}

fn indicator<'a>(doc: &'a Document, project: Option<&str>, name: &str) -> &'a Indicator {
    doc.indicators
        .iter()
        .find(|i| i.name == name && (project.is_none() || i.project.as_deref() == project))
        .unwrap_or_else(|| panic!("no indicator {name}"))
}

#[test]
fn seed_000_totals_and_economic_items() {
    let doc = seed("000");
    let income = keyed(&doc, "income_total");
    assert_eq!((income.value, income.unit.as_deref()), (dec("7808.25"), Some("万元")));
    assert_eq!(income.amount_yuan, Some(dec("78082500")));
    let basic = keyed(&doc, "basic_expenditure");
    assert_eq!(basic.value, dec("213.25"));
    let change = basic.comparison.as_ref().expect("基本支出 states a change");
    assert_eq!((change.change, change.change_rate), (Some(dec("213.25")), Some(dec("100"))));
    assert_eq!(keyed(&doc, "personnel_expenditure").value, dec("200.65"));
    assert_eq!(keyed(&doc, "public_expenditure").value, dec("12.60"));
    assert_eq!(keyed(&doc, "project_expenditure").value, dec("7595.00"));
    for (label, value, code) in [
        ("基本工资", "58.33", "30101"),
        ("津贴补贴", "51.12", "30102"),
        ("住房公积金", "14.07", "30113"),
        ("办公费", "4.80", "30201"),
        ("差旅费", "5.00", "30211"),
    ] {
        let fact = labelled(&doc, label);
        assert_eq!(fact.value, dec(value), "{label}");
        assert_eq!((fact.code.as_deref(), fact.code_scheme), (Some(code), Some(CodeScheme::DeptEconomic)), "{label}");
    }
}

#[test]
fn seed_000_function_classified_project_items() {
    let doc = seed("000");
    for (label, value, code) in [
        ("社会保险经办机构（项）", "83.00", "2080109"),
        ("财政对城乡居民基本医疗保险基金的补助（项）", "7382.00", "2101202"),
        ("优抚对象医疗补助（项）", "130.00", "2101401"),
    ] {
        let fact = labelled(&doc, label);
        assert_eq!(fact.value, dec(value), "{label}");
        assert_eq!(fact.year, Some(2020));
        assert_eq!((fact.code.as_deref(), fact.code_scheme), (Some(code), Some(CodeScheme::Function)), "{label}");
        assert_eq!(fact.comparison.as_ref().and_then(|c| c.change), Some(dec(value)));
    }
}

#[test]
fn seed_000_three_public_costs_with_reasons() {
    let doc = seed("000");
    let total = keyed(&doc, "three_public_total");
    assert_eq!((total.value, total.label.as_str()), (dec("0.00"), "“三公”经费"));
    for key in ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"] {
        assert_eq!(keyed(&doc, key).value, dec("0.00"), "{key}");
    }
    let overseas = doc
        .facts
        .iter()
        .filter(|f| f.key == budget_core::model::FactKey::OverseasTravel)
        .find_map(|f| f.comparison.as_ref());
    assert_eq!(overseas.and_then(|c| c.reason.as_deref()), Some("没有因公出国（境）人员，未做预算"));
    let operating = keyed(&doc, "operating_costs");
    assert_eq!(operating.value, dec("12.60"));
    assert_eq!(operating.comparison.as_ref().and_then(|c| c.reason.as_deref()), Some("单位新成立，2019年未做预算"));
}

#[test]
fn seed_000_narrative_indicators() {
    let doc = seed("000");
    let insured = indicator(&doc, Some("城乡居民基本医疗保险中央补助资金"), "参保人数");
    assert_eq!(
        (insured.operator.as_deref(), insured.target, insured.unit.as_deref()),
        (Some("≥"), Some(dec("144500")), Some("人"))
    );
    assert_eq!(insured.level1.as_deref(), Some("产出指标"));
    let subsidy = indicator(&doc, None, "人均补助标准");
    assert_eq!(
        (subsidy.operator.as_deref(), subsidy.target, subsidy.unit.as_deref()),
        (None, Some(dec("19.80")), Some("元"))
    );
    assert_eq!(subsidy.project.as_deref(), Some("城乡居民医疗保险县级配套资金"));
    let improved = doc.indicators.iter().find(|i| i.target_printed == "有所提升").expect("qualitative target");
    assert_eq!((improved.operator.as_ref(), improved.target), (None, None));
}

#[test]
fn seed_004_budget_split_across_lines() {
    let doc = seed("004");
    assert_eq!(keyed(&doc, "income_total").value, dec("242.3"));
    assert_eq!(keyed(&doc, "basic_expenditure").value, dec("242.3"));
    let personnel = keyed(&doc, "personnel_expenditure");
    let public = keyed(&doc, "public_expenditure");
    assert_eq!((personnel.value, public.value), (dec("235"), dec("7.30")));
    assert_eq!(personnel.value + public.value, dec("242.30"));
    for (label, value, code) in [
        ("一般公共服务（类）支出", "0", "201"),
        ("社会保障和就业（类）支出", "39.86", "208"),
        ("住房保障（类）支出", "20.31", "221"),
        ("卫生健康（类）支出", "182.14", "210"),
        ("医疗卫生与计划生育支出", "788.32", "210"),
    ] {
        let fact = labelled(&doc, label);
        assert_eq!((fact.value, fact.code.as_deref()), (dec(value), Some(code)), "{label}");
    }
    let vehicles = keyed(&doc, "vehicles");
    assert_eq!((vehicles.value, vehicles.unit.as_deref()), (dec("0"), Some("辆")));
    let total = labelled(&doc, "收支总预算");
    assert_eq!(total.comparison.as_ref().and_then(|c| c.change), Some(dec("-8.85")));
}

#[test]
fn seed_003_operating_and_three_public_costs() {
    let doc = seed("003");
    assert_eq!(keyed(&doc, "operating_costs").value, dec("49.02"));
    assert_eq!(keyed(&doc, "three_public_total").value, dec("3.71"));
    assert_eq!(keyed(&doc, "official_vehicles").value, dec("3.4"));
    let assets = keyed(&doc, "asset_total");
    assert_eq!((assets.value, assets.period.as_str()), (dec("354.06"), "last_year"));
}

#[test]
fn seed_003_graded_activity_targets() {
    let doc = seed("003");
    let timely = indicator(&doc, Some("医疗、生育保险相关政策制定及管理"), "医疗保险待遇报销及时率");
    let grades: Vec<(&str, &str)> = timely.grades.iter().map(|(g, t)| (g.as_str(), t.as_str())).collect();
    assert_eq!(grades, [("优", "≥95%"), ("良", "≥90%"), ("中", "≥80%"), ("差", "＜80%")]);
    assert_eq!(
        (timely.operator.as_deref(), timely.target, timely.scope.as_str()),
        (Some("≥"), Some(dec("95")), "department")
    );
    // An indicator row without its own 活动 belongs to the activity above it.
    let coverage = indicator(&doc, None, "已参保的医疗保障待遇到位率");
    assert_eq!(coverage.project.as_deref(), Some("医疗保障筹资和待遇政策制定及管理"));
    assert_eq!(doc.indicators.len(), 18);
}

#[test]
fn seed_001_project_tables() {
    let doc = seed("001");
    let projects: Vec<&str> =
        doc.indicators.iter().filter_map(|i| i.project.as_deref()).fold(Vec::new(), |mut seen, p| {
            if !seen.contains(&p) {
                seen.push(p);
            }
            seen
        });
    assert_eq!(projects.len(), 6, "{projects:?}");
    let funded = indicator(&doc, Some("城乡居民医疗保险县配套资金"), "资助参保人数");
    assert_eq!(
        (funded.operator.as_deref(), funded.target, funded.unit.as_deref()),
        (Some("≥"), Some(dec("350000")), Some("人"))
    );
    assert_eq!((funded.level1.as_deref(), funded.level2.as_deref()), (Some("产出指标"), Some("数量指标")));
    // 一级指标 carried down from the row above.
    let rate = indicator(&doc, Some("城乡居民医疗保险县配套资金"), "城乡居民医保参保率");
    assert_eq!(rate.level1.as_deref(), Some("产出指标"));
    let fee = indicator(&doc, Some("城乡居民医疗保险代缴资金"), "参保金额");
    assert_eq!((fee.operator.as_ref(), fee.target, fee.unit.as_deref()), (None, Some(dec("350")), Some("元/人")));
    assert!(doc.indicators.iter().all(|i| i.name != "未涉及"));
}

#[test]
fn seed_002_department_table_with_weights() {
    let doc = seed("002");
    let late = indicator(&doc, None, "预算执行偏差");
    assert_eq!((late.operator.as_deref(), late.target, late.unit.as_deref()), (Some("≤"), Some(dec("5")), Some("%")));
    assert_eq!((late.weight, late.scope.as_str()), (Some(dec("2")), "department"));
    let shifted = indicator(&doc, None, "特殊疾病就医卡办理");
    assert_eq!((shifted.target, shifted.level1.as_deref()), (Some(dec("5000")), Some("产出指标")));
    let staff = indicator(&doc, None, "享受人数");
    assert_eq!((staff.operator.as_deref(), staff.scope.as_str()), (Some("="), "project"));
}

#[test]
fn seed_002_signed_changes_and_operating_costs() {
    let doc = seed("002");
    let operating = keyed(&doc, "operating_costs");
    assert_eq!(operating.value, dec("61.81"));
    let change = operating.comparison.as_ref().expect("运行经费 states a change");
    assert_eq!((change.change, change.reason.as_deref()), (Some(dec("-67.17")), Some("人员减少 3 人")));
    // `比 2021` / `年减少 15.97 万元` is broken across two paragraphs.
    let spending = labelled(&doc, "一般公共预算财政拨款支出");
    assert_eq!(spending.comparison.as_ref().and_then(|c| c.change), Some(dec("-15.97")));
    let reception = keyed(&doc, "official_reception");
    assert_eq!(reception.comparison.as_ref().and_then(|c| c.reason.as_deref()), Some("严格控制公务接待"));
}

#[test]
fn seed_001_last_year_three_public_costs() {
    let doc = seed("001");
    let years: Vec<(Decimal, Option<i32>, &str)> = doc
        .facts
        .iter()
        .filter(|f| f.key == budget_core::model::FactKey::ThreePublicTotal)
        .map(|f| (f.value, f.year, f.period.as_str()))
        .collect();
    assert_eq!(years, [(dec("5"), Some(2023), "this_year"), (dec("4"), Some(2022), "last_year")]);
}

/// Prints, per seed, the narrative numbers no fact, comparison or target took (for review).
#[test]
fn unattributed_numbers_per_seed() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = seed(prefix);
        let numbers = budget_core::recognize::unattributed_numbers(&doc);
        for (number, provenance) in &numbers {
            println!("{prefix} line {}: {number}", provenance.line_start);
        }
        assert!(numbers.len() < 10, "{prefix}: {numbers:?}");
    }
}

//! Key figures of the seed disclosures: the headline amounts under their GLOSSARY keys, exact in 元,
//! with table and narrative side by side.

mod common;

use budget_core::{Document, FigureSource, Funds, KeyFigure, Phase};
use rust_decimal::Decimal;

fn yuan(text: &str) -> Decimal {
    text.parse().expect("decimal literal")
}

/// Every figure of `key` in the document's own phase.
fn figures<'a>(doc: &'a Document, key: &str) -> Vec<&'a KeyFigure> {
    doc.key_figures.iter().filter(|f| f.key.as_str() == key && f.phase == Phase::Budget).collect()
}

fn has(doc: &Document, key: &str, amount: &str) -> bool {
    figures(doc, key).iter().any(|f| f.amount == yuan(amount))
}

#[test]
fn seed_001_income_and_expenditure_totals_come_from_the_summary_table_and_agree_with_the_text() {
    let doc = common::seed("001");
    for key in ["income_total", "expenditure_total"] {
        let all = figures(&doc, key).into_iter().find(|f| f.funds == Funds::All).expect("all-funds total");
        assert_eq!(all.amount, yuan("74148100"), "{key}");
        let cell = all.table.as_ref().expect("a table states it");
        assert_eq!(cell.table_kind, budget_core::TableKind::IncomeExpenditureSummary);
        assert_eq!(cell.amount_printed, "7414.81");
        assert_eq!(all.source, FigureSource::Both);
        assert_eq!(all.agree, Some(true));
    }
}

#[test]
fn seed_004_personnel_and_public_costs_are_stated_in_the_text() {
    let doc = common::seed("004");
    assert!(has(&doc, "personnel_expenditure", "2350000"));
    assert!(has(&doc, "public_expenditure", "73000"));
    let personnel = figures(&doc, "personnel_expenditure")[0];
    assert!(personnel.text.as_ref().is_some_and(|t| t.sentence.contains("人员经费")));
}

#[test]
fn seed_003_operating_costs_and_three_public_total() {
    let doc = common::seed("003");
    assert!(has(&doc, "operating_costs", "490200"));
    assert!(has(&doc, "three_public_total", "37100"));
}

#[test]
fn seed_000_basic_expenditure() {
    let doc = common::seed("000");
    assert!(has(&doc, "basic_expenditure", "2132500"));
}

#[test]
fn seed_000_one_row_per_figure_and_fund_the_gov_fund_clause_keeps_its_fund() {
    let doc = common::seed("000");
    // One row per (key, funds, phase).
    let mut seen = std::collections::HashSet::new();
    for f in &doc.key_figures {
        assert!(seen.insert((f.key, f.funds, f.phase)), "two rows for {} {:?} {:?}", f.key, f.funds, f.phase);
    }
    // 人员经费200.65万元 follows the 一般公共预算财政拨款基本支出; 人员经费0.00万元 the 政府性基金 one.
    let personnel = figures(&doc, "personnel_expenditure");
    let general = personnel.iter().find(|f| f.amount == yuan("2006500")).expect("人员经费200.65万元");
    assert_ne!(general.funds, Funds::GovFund);
    let fund = personnel.iter().find(|f| f.amount.is_zero()).expect("人员经费0.00万元");
    assert_eq!(fund.funds, Funds::GovFund);
    assert!(personnel.iter().all(|f| f.funds != Funds::All || !f.amount.is_zero()));
}

#[test]
fn every_figure_is_a_known_key_with_its_source() {
    for seed in ["000", "001", "002", "003", "004"] {
        let doc = common::seed(seed);
        let mut seen = std::collections::HashSet::new();
        for figure in &doc.key_figures {
            assert!(seen.insert((&figure.key, figure.funds, figure.phase)), "{seed}: two rows for {}", figure.key);
            assert!(budget_core::recognize::KEY_FIGURE_KEYS.contains(&figure.key.as_str()), "{}", figure.key);
            match figure.source {
                FigureSource::Table => assert!(figure.table.is_some() && figure.text.is_none()),
                FigureSource::Text => assert!(figure.table.is_none() && figure.text.is_some()),
                FigureSource::Both => {
                    assert!(figure.table.is_some() && figure.text.is_some() && figure.agree.is_some())
                }
            }
        }
    }
}

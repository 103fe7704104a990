//! One vocabulary: every enum serialises (serde, `to_json`) to exactly the string its `as_str`
//! gives the frames and Python. Identifiers are snake_case; printed terms (预算, 部门, 类, 万元,
//! 预算数) are as printed; `TableKind` keeps its CamelCase names (see `docs/GLOSSARY.md`).

mod common;

use budget_core::model::FactKey;
use budget_core::validate::RuleFamily;
use budget_core::{
    CodeScheme, DocumentKind, FigureSource, FindingStatus, Funds, Level, MoneyUnit, Phase, RowRole, Scope, TableKind,
};
use serde::Serialize;

fn json<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value).expect("serialises") {
        serde_json::Value::String(s) => s,
        other => panic!("not a string: {other}"),
    }
}

fn is_snake_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Serde and `as_str` agree on every variant; `snake` says whether the values are identifiers.
fn same_spelling<T: Serialize + Copy>(variants: &[T], as_str: fn(T) -> &'static str, snake: bool) -> Vec<String> {
    assert!(!variants.is_empty());
    variants
        .iter()
        .map(|&v| {
            let (serde, frame) = (json(v), as_str(v));
            assert_eq!(serde, frame, "serde and as_str disagree");
            assert_eq!(is_snake_case(frame), snake, "{frame}");
            serde
        })
        .collect()
}

#[test]
fn identifiers_are_snake_case_in_json_as_in_frames() {
    use FindingStatus::*;
    let statuses = same_spelling(&[Pass, Fail, Warn, InsufficientData, NotApplicable], FindingStatus::as_str, true);
    assert_eq!(statuses, ["pass", "fail", "warn", "insufficient_data", "not_applicable"]);
    same_spelling(&[RowRole::Detail, RowRole::Subtotal, RowRole::Total], RowRole::as_str, true);
    let schemes = [CodeScheme::Function, CodeScheme::DeptEconomic, CodeScheme::GovEconomic];
    assert_eq!(same_spelling(&schemes, CodeScheme::as_str, true), ["function", "dept_economic", "gov_economic"]);
    let funds = [Funds::All, Funds::FiscalGrants, Funds::GeneralBudget, Funds::GovFund, Funds::StateCapital];
    same_spelling(&funds, Funds::as_str, true);
    same_spelling(&[FigureSource::Table, FigureSource::Text, FigureSource::Both], FigureSource::as_str, true);
    same_spelling(FactKey::ALL, FactKey::as_str, true);
    let families = [
        RuleFamily::WithinTable,
        RuleFamily::AcrossTables,
        RuleFamily::TextVsTable,
        RuleFamily::WithinText,
        RuleFamily::Catalog,
        RuleFamily::Plausibility,
        RuleFamily::Completeness,
        RuleFamily::Consistency,
        RuleFamily::Typography,
    ];
    same_spelling(&families, RuleFamily::as_str, true);
}

#[test]
fn printed_terms_are_as_printed_in_json_as_in_frames() {
    let kinds = same_spelling(&[DocumentKind::Budget, DocumentKind::FinalAccount], DocumentKind::as_str, false);
    assert_eq!(kinds, ["预算", "决算"]);
    let scopes = same_spelling(&[Scope::Department, Scope::Unit, Scope::OwnOffice], Scope::as_str, false);
    assert_eq!(scopes, ["部门", "单位", "本级"]);
    same_spelling(&[Level::Class, Level::Section, Level::Item], Level::as_str, false);
    let units = [MoneyUnit::Yuan, MoneyUnit::QianYuan, MoneyUnit::WanYuan, MoneyUnit::YiYuan];
    assert_eq!(same_spelling(&units, MoneyUnit::as_str, false), ["元", "千元", "万元", "亿元"]);
    let phases = [Phase::Budget, Phase::AdjustedBudget, Phase::Actual, Phase::PreviousYear];
    same_spelling(&phases, Phase::as_str, false);
}

#[test]
fn table_kinds_keep_their_camel_case_names() {
    let names = same_spelling(&TableKind::ALL, TableKind::as_str, false);
    assert!(names.iter().any(|n| n == "ExpenditureSummary") && names.iter().any(|n| n == "Unknown"));
}

#[test]
fn a_parsed_document_serialises_with_the_frame_spellings() {
    let doc = common::seed("001");
    let value = serde_json::to_value(&doc).expect("serialises");
    assert_eq!(value["meta"]["kind"], "预算");
    let coded = doc.line_items.iter().position(|i| i.code_scheme.is_some()).expect("a coded line item");
    let item = &value["line_items"][coded];
    assert_eq!(item["code_scheme"], "function");
    assert_eq!(item["row_role"], doc.line_items[coded].row_role.as_str());
    assert_eq!(item["table_kind"], doc.line_items[coded].table_kind.as_str());
    let finding = &value["findings"][0];
    assert_eq!(finding["status"], doc.findings[0].status.as_str());
    let figure = &value["key_figures"][0];
    assert_eq!(figure["key"], "income_total");
    assert_eq!(figure["phase"], "预算数");
    assert_eq!(figure["funds"], doc.key_figures[0].funds.as_str());
}

#[test]
fn error_kind_names_are_snake_case() {
    let err = budget_core::parse_bytes("empty.txt", b"").expect_err("empty");
    assert_eq!(err.kind_name(), "empty");
    let err = budget_core::parse_bytes("x.pdf", b"%PDF-1.7 ...").expect_err("malformed");
    assert_eq!(err.kind_name(), "malformed");
}

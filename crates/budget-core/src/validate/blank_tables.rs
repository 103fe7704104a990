//! Blank tables: a standard money table with no amount in any cell, where no note says it is
//! empty on purpose (`本表无数据`, `空表`, `本部门无…故本表为空`). It fails when the narrative states a
//! non-zero amount of what the table holds (a 三公 table emptied while the text gives 三公 amounts);
//! a blank table nothing else contradicts is left alone (unused tables are often printed blank).

use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules;
use super::standard_set::{entry_of_table, STANDARD};
use super::tables::DocumentView;
use super::tolerance::Num;
use crate::model::{LineItem, Table, TableKind};
use crate::money::{parse_amount, CellValue};

/// The narrative keys whose amounts a table of each kind holds.
pub(crate) fn keys_of(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::ThreePublicExpenditure => &[
            "three_public_total",
            "overseas_travel",
            "official_reception",
            "official_vehicles",
            "vehicle_purchase",
            "vehicle_operation",
        ],
        TableKind::GeneralBudgetBasicExpenditure => &["personnel_expenditure", "public_expenditure"],
        TableKind::GeneralBudgetExpenditure | TableKind::FiscalGrantSummary => &["general_budget_grant"],
        TableKind::IncomeExpenditureSummary => &["income_total", "expenditure_total"],
        TableKind::IncomeSummary => &["income_total"],
        TableKind::ExpenditureSummary => &["expenditure_total", "basic_expenditure", "project_expenditure"],
        TableKind::GovFundExpenditure => &["gov_fund_grant"],
        TableKind::StateCapitalExpenditure => &["state_capital_grant"],
        _ => &[],
    }
}

/// No amount printed: every money line item of the table is blank, or (when none was read) no
/// cell holds a number other than a classification code.
/// Economic codes of the 三公 expenditures (因公出国, 公务接待, 公务用车运行维护, 公务用车购置).
const THREE_PUBLIC_CODES: [&str; 4] = ["30212", "30217", "30231", "31013"];

/// Amounts other tables print for what a blank table holds: the 三公 economic codes of the
/// basic expenditure tables for a 三公 table; any total of another table of the department's
/// money for a 收支总表 / 收入总表 / 支出总表 (a department that spends has income and spending).
fn table_evidence(doc: &crate::model::Document, index: Option<usize>, entry: usize) -> impl Iterator<Item = &LineItem> {
    let name = STANDARD[entry].budget_name;
    let summary = matches!(name, "收支总表" | "收入总表" | "支出总表");
    let three_public = name == "“三公”经费支出表";
    let limit = if three_public || summary { usize::MAX } else { 0 };
    doc.line_items
        .iter()
        .filter(move |i| Some(i.table_index) != index && i.is_money && i.amount.is_some_and(|a| !a.is_zero()))
        .filter(move |i| {
            if three_public {
                i.code.as_deref().is_some_and(|c| THREE_PUBLIC_CODES.contains(&c))
            } else {
                summary
                    && i.row_role == crate::model::RowRole::Total
                    && doc.tables.get(i.table_index).and_then(entry_of_table).is_some_and(|e| {
                        matches!(STANDARD[e].budget_name, "收支总表" | "收入总表" | "支出总表" | "一般公共预算支出表")
                    })
            }
        })
        .take(limit.min(3))
}

fn is_blank(table: &Table, items: &[LineItem]) -> bool {
    let money: Vec<&LineItem> = items.iter().filter(|i| i.table_index == table.index && i.is_money).collect();
    if !money.is_empty() {
        return money.iter().all(|i| i.amount.is_none());
    }
    let is_code = |cell: &str| cell.len() >= 3 && cell.len() <= 9 && cell.chars().all(|c| c.is_ascii_digit());
    !table.rows.iter().flatten().any(|cell| matches!(parse_amount(cell), CellValue::Number(_)) && !is_code(cell.trim()))
}

/// Whether a table read without body rows printed its rows without one amount: with no amount
/// in any cell, the reader took the row labels for header lines, so a column's header path runs
/// through them down to a total row (`收入 / 项目 / 一、… / 二、… / 收入总计`).
fn body_in_header(table: &Table) -> bool {
    let total = |segment: &str| {
        let segment = crate::text::compact(segment);
        segment.ends_with("合计") || segment.ends_with("总计")
    };
    let swallowed = table.columns.iter().any(|column| {
        let segments: Vec<&str> = column.split(" / ").collect();
        segments.len() >= HEADER_DEPTH_OF_ROWS && segments[1..].iter().any(|s| total(s))
    });
    let amount = |text: &str| matches!(parse_amount(text), CellValue::Number(n) if !n.is_zero());
    swallowed && !table.columns.iter().any(|c| c.split(" / ").any(amount))
}

/// A header path this deep holds row labels: a table header has at most three lines above its
/// column names.
const HEADER_DEPTH_OF_ROWS: usize = 4;

/// The amounts the narrative (facts of `kind`'s keys) and other tables give for what a blank table
/// of `kind` holds.
pub(crate) fn evidence(
    doc: &crate::model::Document,
    kind: TableKind,
    index: Option<usize>,
    entry: usize,
) -> Vec<NumberRef> {
    let keys = keys_of(kind);
    let mut evidence: Vec<NumberRef> = doc
        .facts
        .iter()
        .enumerate()
        .filter(|(_, f)| keys.contains(&f.key.as_str()) && f.period == "this_year")
        .filter(|(_, f)| f.amount_yuan.is_some_and(|a| !a.is_zero()))
        .map(|(i, f)| Num::from_fact(i, f).reference("expected"))
        .collect();
    evidence.extend(table_evidence(doc, index, entry).map(|item| Num::from_item(item).reference("expected")));
    evidence
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    for table in &doc.tables {
        let Some(entry) = entry_of_table(table) else { continue };
        // A table read without body rows is a reading gap, not a blank table — except a 三公
        // table, whose one body row the layout drops when it is blank.
        let no_body =
            table.rows.is_empty() && table.kind != TableKind::ThreePublicExpenditure && !body_in_header(table);
        if table.declared_empty || !table.kind.holds_money() || no_body {
            continue;
        }
        let name = table.title.clone().unwrap_or_else(|| STANDARD[entry].budget_name.to_string());
        let table_ref = NumberRef {
            role: "actual".into(),
            label: name.clone(),
            amount: None,
            amount_printed: "(空)".into(),
            provenance: table.provenance.clone(),
            table_index: Some(table.index),
            fact_index: None,
        };
        if !is_blank(table, &doc.line_items) {
            findings.push(rules::COMPLETENESS_BLANK_TABLE.finding(
                FindingStatus::Pass,
                [None; 3],
                None,
                format!("表{} {name} 有金额", table.index),
                format!("table {} {name} has amounts", table.index),
                vec![],
            ));
            continue;
        }
        let evidence = evidence(doc, table.kind, Some(table.index), entry);
        if evidence.is_empty() {
            // Blank and nothing elsewhere says otherwise: many disclosures print unused tables so.
            continue;
        }
        let stated: Vec<&str> = evidence.iter().map(|n| n.amount_printed.as_str()).collect();
        let (status, zh, en) = (
            FindingStatus::Fail,
            format!("表{} {name} 全部空白，而说明列示其金额 {}", table.index, stated.join("、")),
            format!("table {} {name} is blank while the narrative states {}", table.index, stated.join(", ")),
        );
        let mut numbers = evidence;
        numbers.push(table_ref);
        findings.push(rules::COMPLETENESS_BLANK_TABLE.finding(status, [None; 3], None, zh, en, numbers));
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const BLANK: &str =
        "一般公共预算“三公”经费支出表\n\t单位：万元\n\n\t合计\n\t因公出国（境）费\n\t公务接待费\n\n\t\n\t\n\t\n";

    fn statuses(text: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings.iter().filter(|f| f.rule == "completeness.blank_table").map(|f| f.status).collect()
    }

    #[test]
    fn blank_three_public_table_with_amounts_in_the_text_fails() {
        let text = format!("{BLANK}\n2026年“三公”经费预算数为3.48万元，其中公务接待费0.28万元。\n");
        assert!(statuses(&text).contains(&FindingStatus::Fail), "{:?}", statuses(&text));
    }

    #[test]
    fn blank_three_public_table_with_reception_costs_in_the_basic_table_fails() {
        let basic =
            "一般公共预算基本支出表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t30217\n\t公务接待费\n\t0.28\n";
        let text = format!("{basic}\n{BLANK}");
        assert!(statuses(&text).contains(&FindingStatus::Fail), "{:?}", statuses(&text));
    }

    #[test]
    fn table_declared_empty_passes() {
        let text = format!("{BLANK}\n注：本部门无“三公”经费支出，故本表为空。\n\n2026年“三公”经费预算数为0万元。\n");
        let found = statuses(&text);
        assert!(!found.contains(&FindingStatus::Fail) && !found.contains(&FindingStatus::Warn), "{found:?}");
    }

    #[test]
    fn a_summary_table_printing_its_rows_without_amounts_fails_when_another_table_has_a_total() {
        let blank = "部门收支总表\n\t单位：万元\n\n\t项目\n\t金额\n\n\t一、一般公共预算拨款收入\n\t\n\n\t二、事业收入\n\t\n\n\t收入总计\n\t\n\n";
        let income = |total: &str| format!("部门收入总表\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t{total}\n\n");
        let text = format!("某市水利局2026年部门预算\n\n{blank}{}", income("10.00"));
        assert!(statuses(&text).contains(&FindingStatus::Fail), "{:?}", statuses(&text));
        let zero = format!("某市水利局2026年部门预算\n\n{blank}{}", income("0.00"));
        assert!(!statuses(&zero).contains(&FindingStatus::Fail), "{:?}", statuses(&zero));
    }
}

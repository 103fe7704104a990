//! 表文一致: narrative amounts versus the table amounts of the same concept (by fact key) or of the
//! same classification code.

use super::finding::Finding;
use super::rules;
use super::tables::{is_total_measure, DocumentView, TableView};
use super::tolerance::{compare, Num};
use super::within_table::side_amount_measure;
use crate::model::{CodeScheme, Fact, FactKey, Funds, LineItem, TableKind};
use crate::recognize::key_figures::fact_funds;
use crate::text::compact;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let year = view.doc.meta.year;
    let funds = fact_funds(&view.doc.facts);
    for (index, fact) in view.doc.facts.iter().enumerate() {
        if fact.amount_yuan.is_none() || fact.period != "this_year" || fact.year.is_some_and(|y| Some(y) != year) {
            continue;
        }
        if let Some(cell) = concept_cell(view, fact, funds[index]) {
            let context = format!("「{}」与表{} {}", fact.label, cell.table_index, cell.name.trim());
            findings.push(compare(
                rules::TEXT_FACT_TABLE,
                &[&Num::from_fact(index, fact)],
                &[&Num::from_item(cell)],
                &context,
                &context,
            ));
        }
        if let Some(cell) = coded_cell(view, fact) {
            let context =
                format!("「{}」与表{} 科目 {}", fact.label, cell.table_index, cell.code.as_deref().unwrap_or_default());
            findings.push(compare(
                rules::TEXT_CODED_FACT,
                &[&Num::from_fact(index, fact)],
                &[&Num::from_item(cell)],
                &context,
                &context,
            ));
        }
    }
}

fn first_table<'v, 'a>(view: &'v DocumentView<'a>, kind: TableKind) -> Option<&'v TableView<'a>> {
    view.of_kind(kind).next()
}

fn total_of<'a>(table: &TableView<'a>, pick: impl Fn(&str) -> bool) -> Option<&'a LineItem> {
    table.total_cell(&None, |m| pick(&compact(m)))
}

fn summary_cell<'a>(table: &TableView<'a>, side: &str, label: impl Fn(&str) -> bool) -> Option<&'a LineItem> {
    let side = Some(side.to_string());
    let measure = side_amount_measure(table, &side)?;
    table.labelled_cell(&side, label, |m| m == measure)
}

/// The table cell that states the same concept as a keyed fact.
/// `funds`: the fund the fact speaks of, named by its label or by the statement it is part of.
fn concept_cell<'a>(view: &DocumentView<'a>, fact: &Fact, funds: Option<Funds>) -> Option<&'a LineItem> {
    let label = compact(&fact.label);
    if label.contains("政府性基金") || label.contains("国有资本") || label.contains("上年") {
        return None;
    }
    if matches!(funds, Some(Funds::GovFund | Funds::StateCapital)) {
        return None;
    }
    let summary = first_table(view, TableKind::IncomeExpenditureSummary);
    let expenditure = first_table(view, TableKind::ExpenditureSummary);
    let general = first_table(view, TableKind::GeneralBudgetExpenditure);
    let basic = first_table(view, TableKind::GeneralBudgetBasicExpenditure);
    let grand = |l: &str| l.contains("总计") || l.contains("总数");
    match fact.key {
        FactKey::IncomeTotal => summary.and_then(|t| summary_cell(t, "收入", grand)).or_else(|| {
            first_table(view, TableKind::IncomeSummary).and_then(|t| total_of(t, |m| m == "合计" || grand(m)))
        }),
        FactKey::ExpenditureTotal => summary
            .and_then(|t| summary_cell(t, "支出", grand))
            .or_else(|| expenditure.and_then(|t| total_of(t, |m| m == "合计"))),
        FactKey::BasicExpenditure | FactKey::ProjectExpenditure => {
            let word = if fact.key == FactKey::BasicExpenditure { "基本支出" } else { "项目支出" };
            let general_first = label.contains("一般公共预算")
                || label.contains("财政拨款")
                || matches!(funds, Some(Funds::GeneralBudget | Funds::FiscalGrants));
            let from_expenditure = expenditure.and_then(|t| total_of(t, |m| m.ends_with(word)));
            let from_general = general.and_then(|t| total_of(t, |m| m.ends_with(word)));
            if general_first {
                from_general.or(from_expenditure)
            } else {
                from_expenditure.or(from_general)
            }
        }
        FactKey::PersonnelExpenditure => basic.and_then(|t| total_of(t, |m| m.ends_with("人员经费"))),
        FactKey::PublicExpenditure => basic.and_then(|t| total_of(t, |m| m.ends_with("公用经费"))),
        FactKey::GeneralBudgetGrant if label.starts_with("一般公共预算") => {
            let table = first_table(view, TableKind::FiscalGrantSummary).or(summary)?;
            summary_cell(table, "收入", |l| l.starts_with("一般公共预算"))
        }
        FactKey::ThreePublicTotal => {
            let table = first_table(view, TableKind::ThreePublicExpenditure)?;
            let measure = table.measures(&None).into_iter().find(|m| is_total_measure(m))?;
            // A table of 行政经费 and “三公”经费 prints the “三公” total on its own labelled row.
            table
                .labelled_cell(
                    &None,
                    |l| l.starts_with("“三公”") || l.starts_with("\"三公\"") || l.starts_with("三公"),
                    |m| m == measure,
                )
                .or_else(|| table.total_cell(&None, |m| m == measure))
                .or_else(|| table.rows.first().and_then(|r| TableView::cell(r, &None, measure)))
        }
        _ => None,
    }
}

/// The table row with the fact's classification code (function codes in the expenditure tables,
/// economic codes in the basic expenditure table), in the table's total column.
fn coded_cell<'a>(view: &DocumentView<'a>, fact: &Fact) -> Option<&'a LineItem> {
    let code = fact.code.as_deref()?;
    let kinds: &[TableKind] = match fact.code_scheme? {
        CodeScheme::Function => &[TableKind::GeneralBudgetExpenditure, TableKind::ExpenditureSummary],
        CodeScheme::DeptEconomic | CodeScheme::GovEconomic => &[TableKind::GeneralBudgetBasicExpenditure],
    };
    kinds.iter().find_map(|&kind| {
        let table = first_table(view, kind)?;
        let measure = table.measures(&None).into_iter().find(|m| is_total_measure(m))?;
        table.rows.iter().filter_map(|r| TableView::cell(r, &None, measure)).find(|c| c.code.as_deref() == Some(code))
    })
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn statuses(text: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings.iter().filter(|f| f.rule == "text.fact_eq_table").map(|f| f.status).collect()
    }

    /// A 收入总表 whose total column is headed 总计 (no 收支总表 to read the total from).
    fn document(stated: &str) -> String {
        format!(
            "某市水利局2026年部门预算\n\n2026年收入预算{stated}万元，其中一般公共预算拨款收入10.00万元。\n\n部门收入总表\n\t单位：万元\n\n\t项目\n\t总计\n\t一般公共预算\n\n\t合计\n\t10.00\n\t10.00\n\n"
        )
    }

    #[test]
    fn income_stated_otherwise_than_the_income_tables_grand_total_fails() {
        assert!(statuses(&document("11.30")).contains(&FindingStatus::Fail), "{:?}", statuses(&document("11.30")));
        assert!(!statuses(&document("10.00")).contains(&FindingStatus::Fail), "{:?}", statuses(&document("10.00")));
        assert!(statuses(&document("10.00")).contains(&FindingStatus::Pass), "{:?}", statuses(&document("10.00")));
    }
}

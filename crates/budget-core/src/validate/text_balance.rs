//! 收支平衡 in the narrative of a budget: a 部门预算 balances (收入总计 = 支出总计), so the income
//! total its narrative states (`2026年收入预算1448787.35万元`) equals the expenditure total stated
//! after it (`2026年支出预算1448787.35万元`), before the next income total (a document of several
//! units states one pair per unit). Only totals of all funds for the budget year are paired: a
//! fund's total (`一般公共预算收入`), this year's income alone (`本年收入`, without the carry-over)
//! and last year's figures are no grand totals. Where the tables are printed, each total is also
//! compared with its table ([`super::text_vs_table`]); this rule needs no table.

use super::finding::Finding;
use super::rules;
use super::tables::DocumentView;
use super::tolerance::{compare, Num};
use crate::model::{DocumentKind, Fact, FactKey};
use crate::recognize::key_figures::funds_named_in;
use crate::text::compact;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    if doc.meta.kind != Some(DocumentKind::Budget) {
        return;
    }
    let facts = &doc.facts;
    let grand = |fact: &Fact| is_grand_total(fact, doc.meta.year);
    for (i, income) in facts.iter().enumerate().filter(|(_, f)| f.key == FactKey::IncomeTotal && grand(f)) {
        let next = (i + 1..facts.len())
            .find(|&j| matches!(facts[j].key, FactKey::IncomeTotal | FactKey::ExpenditureTotal) && grand(&facts[j]));
        let Some(j) = next.filter(|&j| facts[j].key == FactKey::ExpenditureTotal) else { continue };
        let (stated_income, stated_expenditure) = (Num::from_fact(i, income), Num::from_fact(j, &facts[j]));
        let context = format!("收支平衡：「{}」与「{}」", income.label, facts[j].label);
        findings.push(compare(rules::TEXT_BALANCE, &[&stated_income], &[&stated_expenditure], &context, &context));
    }
}

/// A total of all funds for the budget year, in money: no fund named in its label, no `本年`
/// (this year's income without the carry-over), no other year.
fn is_grand_total(fact: &Fact, year: Option<i32>) -> bool {
    let label = compact(&fact.label);
    fact.amount_yuan.is_some()
        && fact.period == "this_year"
        && fact.year.is_none_or(|y| Some(y) == year)
        && funds_named_in(&label).is_none()
        && !["本年", "当年", "上年"].iter().any(|w| label.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::model::DocumentKind;
    use crate::FindingStatus;

    fn statuses_as(text: &str, kind: DocumentKind) -> Vec<FindingStatus> {
        let mut doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        (doc.meta.year, doc.meta.kind) = (Some(2026), Some(kind));
        let findings = crate::validate::validate(&doc);
        findings.iter().filter(|f| f.rule == "text.income_eq_expenditure").map(|f| f.status).collect()
    }

    fn statuses(text: &str) -> Vec<FindingStatus> {
        statuses_as(text, DocumentKind::Budget)
    }

    fn budget(income: &str, expenditure: &str) -> String {
        format!(
            "某市水利局2026年部门预算\n\n二、收入预算情况说明\n\n2026年收入预算{income}万元，比2025年增加1.00万元。\n\n三、支出预算情况说明\n\n2026年支出预算{expenditure}万元，其中基本支出6.00万元，项目支出4.00万元。\n"
        )
    }

    #[test]
    fn a_budgets_stated_income_total_other_than_its_expenditure_total_fails() {
        assert_eq!(statuses(&budget("11.30", "10.00")), [FindingStatus::Fail]);
        assert_eq!(statuses(&budget("0", "10.00")), [FindingStatus::Fail]);
    }

    #[test]
    fn equal_totals_pass_and_final_accounts_are_not_paired() {
        assert_eq!(statuses(&budget("10.00", "10.00")), [FindingStatus::Pass]);
        let accounts = statuses_as(&budget("11.30", "10.00"), DocumentKind::FinalAccount);
        assert!(!accounts.contains(&FindingStatus::Fail), "{accounts:?}");
    }
}

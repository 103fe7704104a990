//! Lists of function-class amounts in the narrative (`按支出功能分类，包括一般公共服务支出0.64万元、
//! 国防支出16.50万元、…、其他支出75500.00万元`) versus the total they break down.
//!
//! A list's total is the amount its own paragraph states before it, else the total stated right
//! before the list. Only such a total can fail: a list whose total is not stated next to it, or
//! whose stated shares (`占3.1%`) do not make up the whole, is checked against the totals it could
//! belong to, and a difference is no error (the parts are not established).

use rust_decimal::Decimal;

use super::super::finding::{Finding, FindingStatus};
use super::super::rules;
use super::{check, insufficient, is_class_fact, is_money, same_segment, same_sentence};
use crate::model::{Fact, FactKey};
use crate::text::compact;

/// Keys of the amounts a class list can break down.
const TOTAL_KEYS: [FactKey; 5] = [
    FactKey::ExpenditureTotal,
    FactKey::ExpenditureThisYear,
    FactKey::FiscalGrantTotal,
    FactKey::GeneralBudgetGrant,
    FactKey::IncomeTotal,
];

fn is_share(fact: &Fact) -> bool {
    fact.unit.as_deref().is_some_and(|u| u.ends_with(['%', '％']))
}

/// An amount of the same enumeration printed right after the list's last class without a class
/// code of its own (`其他支出75500.00万元`: a class name that other schemes also use).
fn trailing_item(facts: &[Fact], last: usize) -> Option<usize> {
    let next = (last + 1..facts.len()).find(|&j| !is_share(&facts[j]))?;
    let fact = &facts[next];
    let item = same_sentence(fact, &facts[last])
        && is_money(fact)
        && fact.code.is_none()
        && fact.key == FactKey::Other
        && fact.period == "this_year"
        && compact(&fact.label).ends_with("支出");
    item.then_some(next)
}

/// Whether the list prints a share with every amount and the shares do not make up 100 %: a
/// selection, not the whole.
fn partial_by_shares(facts: &[Fact], list: &[usize]) -> bool {
    let mut total = Decimal::ZERO;
    let mut slack = Decimal::ONE;
    for &i in list {
        let Some(share) = facts.get(i + 1).filter(|f| is_share(f) && same_sentence(f, &facts[i])) else {
            return false;
        };
        total += share.value;
        slack += Decimal::new(5, share.value.scale().min(20) + 1);
    }
    (total - Decimal::from(100)).abs() > slack
}

/// The total stated right before the list (skipping percentages): a budget total of this year.
fn total_before(facts: &[Fact], first: usize) -> Option<usize> {
    let previous = (0..first).rev().find(|&j| !is_share(&facts[j]))?;
    let fact = &facts[previous];
    (is_money(fact) && fact.period == "this_year" && TOTAL_KEYS.contains(&fact.key)).then_some(previous)
}

/// Lists of function-class amounts (a new list starts when a class repeats) versus their total.
pub(crate) fn class_lists(facts: &[Fact], findings: &mut Vec<Finding>) {
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (i, fact) in facts.iter().enumerate().filter(|(_, f)| is_class_fact(f) && f.period == "this_year") {
        let repeats = lists.last().is_some_and(|list| list.iter().any(|&j| facts[j].code == fact.code));
        let gap = lists.last().and_then(|list| list.last()).is_some_and(|&last| {
            (last + 1..i).any(|j| is_money(&facts[j]) && !is_class_fact(&facts[j]) && !is_share(&facts[j]))
        });
        match lists.last_mut() {
            Some(list) if !repeats && !gap => list.push(i),
            _ => lists.push(vec![i]),
        }
    }
    for list in &mut lists {
        while let Some(next) = list.last().and_then(|&last| trailing_item(facts, last)) {
            list.push(next);
        }
    }
    let document_total =
        facts.iter().position(|f| f.key == FactKey::ExpenditureTotal && f.period == "this_year" && is_money(f));
    for list in lists.into_iter().filter(|l| l.len() >= 2) {
        let first = list[0];
        let sentence = |j: usize| same_segment(&facts[j], &facts[first]) && j < first;
        let in_sentence =
            (0..first).rev().find(|&j| sentence(j) && facts[j].key == FactKey::ExpenditureTotal && is_money(&facts[j]));
        let head = (0..first).find(|&j| sentence(j) && is_money(&facts[j]) && !is_class_fact(&facts[j]));
        let stated = in_sentence.or(head).or_else(|| total_before(facts, first));
        let established = stated.is_some() && !partial_by_shares(facts, &list);
        // Other totals of the list's paragraph (`支出预算490,808.40万元（本年支出预算415,808.40万元）`:
        // the year's own part of a total that includes the carry-over) are the list's total as well
        // when it adds up to one of them.
        let in_paragraph = (0..first).rev().filter(|&j| {
            sentence(j) && is_money(&facts[j]) && facts[j].period == "this_year" && TOTAL_KEYS.contains(&facts[j].key)
        });
        let candidates: Vec<usize> = stated.into_iter().chain(in_paragraph).chain(document_total).collect();
        let Some(&total) = candidates.first() else { continue };
        let checks: Vec<Finding> =
            candidates.iter().map(|&t| check(rules::TEXT_CLASS_LIST, facts, t, &list, &facts[t].label)).collect();
        if let Some(pass) = checks.iter().find(|f| f.status == FindingStatus::Pass) {
            findings.push(pass.clone());
        } else if established {
            findings.push(check(rules::TEXT_CLASS_LIST, facts, total, &list, &facts[total].label));
        } else {
            findings.push(insufficient(
                rules::TEXT_CLASS_LIST,
                "功能分类列示的总额未能确定",
                "the total of the listed function classes is not established",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::messages_of;

    const FAIL: FindingStatus = FindingStatus::Fail;

    #[test]
    fn other_expenditure_closes_the_class_list_and_a_list_without_its_total_does_not_fail() {
        // 湖州交通 2026: 其他支出 has no class code of its own but is the list's last item.
        let text = "湖州市交通运输局2026年支出预算201286.11万元，比上年执行数增加81487.86万元。\n\n\
                    1.按支出功能分类，包括一般公共服务支出0.64万元、国防支出16.50万元、教育支出4673.98万元、社会保障和就业支出3668.49万元、卫生健康支出1488.12万元、农林水支出15.00万元、交通运输支出113743.52万元、住房保障支出2179.85万元、其他支出75500.00万元。\n";
        assert!(messages_of(text, "text.class_list_sum", FAIL).is_empty());
        assert_eq!(messages_of(text, "text.class_list_sum", FindingStatus::Pass).len(), 1);
        // The same list printed without its 其他支出 fails against the total stated right before it.
        let short = text.replace("、其他支出75500.00万元", "");
        assert_eq!(messages_of(&short, "text.class_list_sum", FAIL).len(), 1);
    }

    #[test]
    fn a_selection_of_classes_whose_shares_are_not_the_whole_does_not_fail() {
        let text = "湖州市卫生健康委员会2026年一般公共预算当年拨款37018.75万元。\n\n\
                    科学技术（类）支出1140.61万元，占3.1%；社会保障和就业（类）支出11871.20万元，占32.1%。\n";
        assert!(messages_of(text, "text.class_list_sum", FAIL).is_empty());
    }
}

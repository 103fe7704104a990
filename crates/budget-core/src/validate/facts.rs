//! The narrative's own sums (基本 = 人员 + 公用, 总额 = 基本 + 项目, itemised lists, 三公, 政府采购,
//! function-class lists), stated changes, and tables declared empty versus amounts elsewhere.

use rust_decimal::Decimal;

use super::finding::{Finding, FindingStatus};
use super::rules::{self, Rule};
use super::tables::DocumentView;
use super::tolerance::{compare, Num};
use crate::model::{CodeScheme, Fact, FactKey, TableKind};
use crate::text::compact;

/// Two facts of the same paragraph (segment): the same provenance.
pub(crate) fn same_segment(a: &Fact, b: &Fact) -> bool {
    a.provenance == b.provenance
}

/// Two facts of the same sentence of the same paragraph.
pub(crate) fn same_sentence(a: &Fact, b: &Fact) -> bool {
    a.sentence == b.sentence && same_segment(a, b)
}

pub(crate) fn is_money(fact: &Fact) -> bool {
    fact.amount_yuan.is_some()
}

fn other_fund(fact: &Fact) -> bool {
    let label = compact(&fact.label);
    label.contains("政府性基金") || label.contains("国有资本")
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let facts = &view.doc.facts;
    basic_split(facts, findings);
    total_split(facts, findings);
    itemised(facts, findings);
    three_public(facts, findings);
    procurement(facts, findings);
    class_lists(facts, findings);
    stated_changes(facts, findings);
}

pub(crate) fn check(rule: &Rule, facts: &[Fact], total: usize, parts: &[usize], what: &str) -> Finding {
    let expected = Num::from_fact(total, &facts[total]);
    let parts: Vec<Num> = parts.iter().map(|&i| Num::from_fact(i, &facts[i])).collect();
    let refs: Vec<&Num> = parts.iter().collect();
    let context_zh = format!("{what}「{}」", facts[total].sentence.chars().take(60).collect::<String>());
    compare(rule, &[&expected], &refs, &context_zh, &context_zh)
}

/// The facts after `start` up to the next structural key (or the end), as indices.
fn following(facts: &[Fact], start: usize) -> impl Iterator<Item = usize> + '_ {
    (start + 1..facts.len()).take_while(move |&j| !facts[j].key.opens_statement())
}

fn first_with(facts: &[Fact], from: usize, key: FactKey) -> Option<usize> {
    following(facts, from).find(|&j| facts[j].key == key && is_money(&facts[j]))
}

fn basic_split(facts: &[Fact], findings: &mut Vec<Finding>) {
    let mut evaluated = false;
    for (i, basic) in facts.iter().enumerate().filter(|(_, f)| f.key == FactKey::BasicExpenditure && is_money(f)) {
        let next_basic =
            (i + 1..facts.len()).find(|&j| facts[j].key == FactKey::BasicExpenditure).unwrap_or(facts.len());
        let find = |key: FactKey| (i + 1..next_basic).find(|&j| facts[j].key == key && is_money(&facts[j]));
        if let (Some(personnel), Some(public)) = (find(FactKey::PersonnelExpenditure), find(FactKey::PublicExpenditure))
        {
            evaluated = true;
            findings.push(check(rules::TEXT_BASIC_SPLIT, facts, i, &[personnel, public], &basic.label));
        }
    }
    let has = |key: FactKey| facts.iter().any(|f| f.key == key);
    if !evaluated
        && has(FactKey::BasicExpenditure)
        && (has(FactKey::PersonnelExpenditure) || has(FactKey::PublicExpenditure))
    {
        findings.push(insufficient(
            rules::TEXT_BASIC_SPLIT,
            "说明未同时给出人员经费与公用经费",
            "personnel and public costs are not both stated after a basic expenditure",
        ));
    }
}

fn insufficient(rule: &Rule, zh: &str, en: &str) -> Finding {
    rule.finding(FindingStatus::InsufficientData, [None; 3], None, zh.to_string(), en.to_string(), Vec::new())
}

fn total_split(facts: &[Fact], findings: &mut Vec<Finding>) {
    let this_year = |f: &&Fact| f.period == "this_year" && is_money(f) && !other_fund(f);
    let first = |key: FactKey| {
        facts.iter().enumerate().filter(|(_, f)| this_year(f)).find(|(_, f)| f.key == key).map(|(i, _)| i)
    };
    let (Some(basic), Some(project)) = (first(FactKey::BasicExpenditure), first(FactKey::ProjectExpenditure)) else {
        if first(FactKey::BasicExpenditure).is_some() || first(FactKey::ProjectExpenditure).is_some() {
            findings.push(insufficient(
                rules::TEXT_TOTAL_SPLIT,
                "说明未同时给出基本支出与项目支出",
                "basic and project expenditure are not both stated",
            ));
        }
        return;
    };
    let same_sentence = facts
        .iter()
        .enumerate()
        .find(|(_, f)| f.key == FactKey::GeneralBudgetGrant && same_sentence(f, &facts[basic]) && this_year(f));
    let total = first(FactKey::ExpenditureTotal).or_else(|| same_sentence.map(|(i, _)| i));
    match total {
        Some(total) => {
            findings.push(check(rules::TEXT_TOTAL_SPLIT, facts, total, &[basic, project], &facts[total].label))
        }
        None => {
            findings.push(insufficient(rules::TEXT_TOTAL_SPLIT, "说明未给出支出总额", "no stated expenditure total"))
        }
    }
}

fn itemised(facts: &[Fact], findings: &mut Vec<Finding>) {
    for (i, head) in facts.iter().enumerate().filter(|(_, f)| is_money(f)) {
        let project = head.key == FactKey::ProjectExpenditure;
        if !(project || head.key == FactKey::PersonnelExpenditure || head.key == FactKey::PublicExpenditure) {
            continue;
        }
        let item_label = |f: &Fact| {
            let label = compact(&f.label);
            label.ends_with("(项)")
                || (f.code_scheme == Some(CodeScheme::Function) && f.code.as_ref().is_some_and(|c| c.len() == 7))
        };
        let parts: Vec<usize> =
            following(facts, i)
                .filter(|&j| same_segment(&facts[j], head) && is_money(&facts[j]))
                .filter(|&j| {
                    if project {
                        item_label(&facts[j])
                    } else {
                        facts[j].key.is_cost_item() && !item_label(&facts[j])
                    }
                })
                .collect();
        if parts.len() >= 2 {
            findings.push(check(rules::TEXT_ITEMISED, facts, i, &parts, &head.label));
        }
    }
}

fn three_public(facts: &[Fact], findings: &mut Vec<Finding>) {
    for (i, head) in facts.iter().enumerate().filter(|(_, f)| f.key == FactKey::ThreePublicTotal && is_money(f)) {
        let find = |key: FactKey| first_with(facts, i, key);
        let vehicles = find(FactKey::OfficialVehicles);
        let (purchase, operation) = (find(FactKey::VehiclePurchase), find(FactKey::VehicleOperation));
        let mut parts: Vec<usize> =
            [find(FactKey::OverseasTravel), find(FactKey::OfficialReception)].into_iter().flatten().collect();
        match vehicles {
            Some(v) => parts.push(v),
            None => parts.extend([purchase, operation].into_iter().flatten()),
        }
        if parts.len() >= 2 {
            findings.push(check(rules::TEXT_THREE_PUBLIC, facts, i, &parts, &head.label));
        }
        if let (Some(v), Some(p), Some(o)) = (vehicles, purchase, operation) {
            findings.push(check(rules::TEXT_THREE_PUBLIC, facts, v, &[p, o], &facts[v].label));
        }
    }
}

fn procurement(facts: &[Fact], findings: &mut Vec<Finding>) {
    for (i, head) in facts.iter().enumerate().filter(|(_, f)| f.key == FactKey::ProcurementTotal && is_money(f)) {
        let parts: Vec<usize> = [FactKey::ProcurementGoods, FactKey::ProcurementWorks, FactKey::ProcurementServices]
            .iter()
            .filter_map(|&key| first_with(facts, i, key))
            .collect();
        if parts.len() == 3 {
            findings.push(check(rules::TEXT_PROCUREMENT, facts, i, &parts, &head.label));
        } else if !parts.is_empty() {
            findings.push(insufficient(
                rules::TEXT_PROCUREMENT,
                "政府采购明细不全",
                "goods/works/services not all stated",
            ));
        }
    }
}

pub(crate) fn is_class_fact(fact: &Fact) -> bool {
    is_money(fact) && fact.code_scheme == Some(CodeScheme::Function) && fact.code.as_ref().is_some_and(|c| c.len() == 3)
}

/// Lists of function-class amounts (a new list starts when a class repeats) versus their total.
fn class_lists(facts: &[Fact], findings: &mut Vec<Finding>) {
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for (i, fact) in facts.iter().enumerate().filter(|(_, f)| is_class_fact(f) && f.period == "this_year") {
        let repeats = lists.last().is_some_and(|list| list.iter().any(|&j| facts[j].code == fact.code));
        let gap = lists.last().and_then(|list| list.last()).is_some_and(|&last| {
            (last + 1..i)
                .any(|j| is_money(&facts[j]) && !is_class_fact(&facts[j]) && facts[j].unit.as_deref() != Some("%"))
        });
        match lists.last_mut() {
            Some(list) if !repeats && !gap => list.push(i),
            _ => lists.push(vec![i]),
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
        let Some(total) = in_sentence.or(head).or(document_total) else { continue };
        findings.push(check(rules::TEXT_CLASS_LIST, facts, total, &list, &facts[total].label));
    }
}

fn stated_changes(facts: &[Fact], findings: &mut Vec<Finding>) {
    for (i, current) in
        facts.iter().enumerate().filter(|(_, f)| f.period == "this_year" && f.key != FactKey::Other && is_money(f))
    {
        let Some(last) = (i + 1..facts.len())
            .chain(0..i)
            .find(|&j| facts[j].key == current.key && facts[j].period == "last_year" && facts[j].unit == current.unit)
        else {
            continue;
        };
        let comparison = current.comparison.as_ref().or(facts[last].comparison.as_ref());
        let Some(comparison) = comparison else { continue };
        let mut this = Num::from_fact(i, current);
        let previous = Num::from_fact(last, &facts[last]);
        if let Some(change) = comparison.change {
            let factor = current
                .amount_yuan
                .zip(Some(current.value))
                .and_then(|(y, v)| y.checked_div(v))
                .unwrap_or(Decimal::ONE);
            let stated = Num {
                label: format!("{} 增减", current.label),
                amount: change.checked_mul(factor),
                printed: change.to_string(),
                half_unit: if change.is_zero() {
                    Decimal::ZERO
                } else {
                    Decimal::new(5, change.scale().min(20) + 1).checked_mul(factor).unwrap_or(Decimal::ZERO)
                },
                ..this.clone()
            };
            let context = format!("{}：本年 − 上年 = 所述增减", current.label);
            let negative_previous = Num { amount: previous.amount.map(|a| -a), ..previous.clone() };
            findings.push(compare(rules::TEXT_CHANGE, &[&stated], &[&this, &negative_previous], &context, &context));
        }
        if let (Some(rate), Some(base)) = (comparison.change_rate, previous.amount.filter(|a| !a.is_zero())) {
            let hundred = Decimal::from(100);
            let percent = |numerator: Option<Decimal>, denominator: Decimal| {
                numerator.and_then(|n| n.checked_div(denominator)).and_then(|r| r.checked_mul(hundred))
            };
            let (Some(computed), Some(slack)) = (
                percent(this.value().checked_sub(base), base),
                percent(this.half_unit.checked_add(previous.half_unit), base.abs()),
            ) else {
                continue;
            };
            this.amount = Some(computed);
            let rate_half = Decimal::new(5, rate.scale().min(20) + 1);
            let stated = Num {
                label: format!("{} 增长率", current.label),
                amount: Some(rate),
                printed: format!("{rate}%"),
                half_unit: rate_half + slack,
                ..this.clone()
            };
            let computed = Num {
                label: format!("{} 按两年数计算的增长率", current.label),
                half_unit: Decimal::ZERO,
                printed: format!("{}%", computed.round_dp(2)),
                ..this.clone()
            };
            let context = format!("{}：增长率", current.label);
            let mut finding = compare(rules::TEXT_CHANGE, &[&stated], &[&computed], &context, &context);
            finding.numbers.push(previous.reference("part"));
            findings.push(finding);
        }
    }
}

/// A table declared empty (空表) versus amounts of the same concept elsewhere.
pub(crate) fn declared_empty(view: &DocumentView, findings: &mut Vec<Finding>) {
    for table in view.doc.tables.iter().filter(|t| t.declared_empty) {
        let (key, word) = match table.kind {
            TableKind::GovFundExpenditure => (FactKey::GovFundGrant, "政府性基金"),
            TableKind::StateCapitalExpenditure => (FactKey::StateCapitalGrant, "国有资本经营"),
            TableKind::ThreePublicExpenditure => (FactKey::ThreePublicTotal, "三公"),
            TableKind::Procurement => (FactKey::ProcurementTotal, "政府采购"),
            _ => continue,
        };
        let mut numbers: Vec<Num> = view
            .doc
            .facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.key == key && f.period == "this_year" && is_money(f))
            .map(|(i, f)| Num::from_fact(i, f))
            .collect();
        for summary in view
            .tables
            .iter()
            .filter(|t| matches!(t.table.kind, TableKind::IncomeExpenditureSummary | TableKind::FiscalGrantSummary))
        {
            numbers.extend(
                summary
                    .rows
                    .iter()
                    .flatten()
                    .filter(|c| c.is_money && compact(&c.name).contains(word))
                    .map(|c| Num::from_item(c)),
            );
        }
        let context = format!("表{}（{}）声明为空", table.index, table.title.as_deref().unwrap_or_default());
        let refs: Vec<_> = numbers.iter().map(|n| n.reference("actual")).collect();
        let nonzero: Vec<&Num> = numbers.iter().filter(|n| n.amount.is_some_and(|a| !a.is_zero())).collect();
        let (status, zh, en) = if numbers.is_empty() {
            (FindingStatus::InsufficientData, "他处未列示相关金额", "no amount of the same concept elsewhere")
        } else if nonzero.is_empty() {
            (FindingStatus::Pass, "他处金额均为零或空", "amounts elsewhere are zero or blank")
        } else {
            (FindingStatus::Fail, "他处列有非零金额", "non-zero amounts elsewhere")
        };
        let actual: Decimal = nonzero.iter().map(|n| n.value()).sum();
        findings.push(rules::ACROSS_DECLARED_EMPTY.finding(
            status,
            [Some(Decimal::ZERO), Some(actual), Some(actual)],
            Some(Decimal::ZERO),
            format!("{context}：{zh}"),
            format!("table {} declared empty: {en}", table.index),
            refs,
        ));
    }
}

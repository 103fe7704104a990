//! The narrative's own sums (基本 = 人员 + 公用, 总额 = 基本 + 项目, itemised lists, 三公, 政府采购,
//! function-class lists), stated changes, and tables declared empty versus amounts elsewhere.

use rust_decimal::Decimal;

use super::finding::{Finding, FindingStatus};
use super::rules::{self, Rule};
use super::tables::DocumentView;
use super::tolerance::{compare, Num};
use crate::model::{CodeScheme, Fact, FactKey, TableKind};
use crate::text::compact;

mod classes;
pub(super) mod clauses;

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
    classes::class_lists(facts, findings);
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

pub(crate) fn insufficient(rule: &Rule, zh: &str, en: &str) -> Finding {
    rule.finding(FindingStatus::InsufficientData, [None; 3], None, zh.to_string(), en.to_string(), Vec::new())
}

/// The fund scope a basic or project amount names (`一般公共预算基本支出` → `一般公共预算`).
fn spending_scope(fact: &Fact) -> String {
    let label = compact(&fact.label);
    let mut scope: String = label.chars().filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation()).collect();
    for word in ["基本支出", "项目支出", "合计", "预算", "、", "．", "（", "）"] {
        scope = scope.replace(word, "");
    }
    scope
}

/// Amounts listed right after basic and project expenditure as further uses of the same total
/// (`事业单位经营支出0.00万元、上缴上级支出…`, `单位预留机动经费预算数为182.92万元`).
fn further_uses(facts: &[Fact], basic: usize, project: usize) -> Vec<usize> {
    let mut uses = Vec::new();
    let one_sentence = same_sentence(&facts[basic], &facts[project]);
    for (j, fact) in facts.iter().enumerate().skip(basic.max(project) + 1) {
        if fact.unit.as_deref().is_some_and(|u| u.ends_with(['%', '％'])) {
            continue;
        }
        let label = compact(&fact.label);
        let further = is_money(fact)
            && fact.key == FactKey::Other
            && fact.period == "this_year"
            && fact.code.is_none()
            && (label.ends_with("支出") || label.ends_with("经费"))
            && !["增加", "减少", "主要", "其中", "本年", "合计", "总计"].iter().any(|w| label.contains(w));
        // Listed with basic and project expenditure: in their sentence when they share one, else
        // a statement of its own that opens no new numbered list (`1.事业单位经营支出…`).
        let listed = if one_sentence {
            same_sentence(fact, &facts[basic])
        } else {
            !fact.label.trim_start().starts_with(|c: char| c.is_ascii_digit() || matches!(c, '（' | '(' | '一'..='十'))
        };
        if !(further && listed) {
            break;
        }
        uses.push(j);
    }
    uses
}

/// The total that basic and project expenditure split, stated before them: in the same sentence
/// (`一般公共预算拨款…，其中基本支出…`), else the latest expenditure total before them (of another
/// paragraph only for the whole budget).
fn split_total(facts: &[Fact], basic: usize, project: usize) -> Option<usize> {
    let this_year = |f: &Fact| f.period == "this_year" && is_money(f) && !other_fund(f);
    let first = basic.min(project);
    let in_sentence = (0..first).rev().find(|&j| {
        matches!(facts[j].key, FactKey::ExpenditureTotal | FactKey::GeneralBudgetGrant)
            && same_sentence(&facts[j], &facts[basic])
            && this_year(&facts[j])
    });
    let whole_budget = spending_scope(&facts[basic]).is_empty();
    let before = (0..first).rev().find(|&j| {
        facts[j].key == FactKey::ExpenditureTotal
            && this_year(&facts[j])
            && (whole_budget || same_segment(&facts[j], &facts[basic]))
    });
    in_sentence.or(before)
}

fn total_split(facts: &[Fact], findings: &mut Vec<Finding>) {
    let this_year = |f: &Fact| f.period == "this_year" && is_money(f) && !other_fund(f);
    let of_key = |key: FactKey| facts.iter().enumerate().filter(move |(_, f)| f.key == key && this_year(f));
    // Basic and project expenditure of the same fund scope, each basic with its nearest project.
    let pairs: Vec<(usize, usize)> = of_key(FactKey::BasicExpenditure)
        .filter_map(|(b, basic)| {
            of_key(FactKey::ProjectExpenditure)
                .filter(|(_, p)| spending_scope(p) == spending_scope(basic))
                .min_by_key(|(p, _)| p.abs_diff(b))
                .map(|(p, _)| (b, p))
        })
        .collect();
    let Some(&(basic, project)) = pairs.iter().find(|&&(b, p)| split_total(facts, b, p).is_some()).or(pairs.first())
    else {
        if of_key(FactKey::BasicExpenditure).next().is_some() || of_key(FactKey::ProjectExpenditure).next().is_some() {
            findings.push(insufficient(
                rules::TEXT_TOTAL_SPLIT,
                "说明未同时给出同一范围的基本支出与项目支出",
                "basic and project expenditure of one scope are not both stated",
            ));
        }
        return;
    };
    match split_total(facts, basic, project) {
        Some(total) => {
            let parts: Vec<usize> = [basic, project].into_iter().chain(further_uses(facts, basic, project)).collect();
            findings.push(check(rules::TEXT_TOTAL_SPLIT, facts, total, &parts, &facts[total].label))
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
        // `在职人员经费…、公用经费…、对个人和家庭的补助支出…`: what follows an item of an enumeration
        // are its siblings, not its parts.
        if clauses::enumerated(head) {
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
    // A total of the budget year (`2025年预算数为9.23万元` is the year before's).
    let heads = facts.iter().enumerate().filter(|(_, f)| f.key == FactKey::ThreePublicTotal && f.period == "this_year");
    for (i, head) in heads.filter(|(_, f)| is_money(f)) {
        let find = |key: FactKey| first_with(facts, i, key);
        let vehicles = find(FactKey::OfficialVehicles);
        let (purchase, operation) = (find(FactKey::VehiclePurchase), find(FactKey::VehicleOperation));
        let (overseas, reception) = (find(FactKey::OverseasTravel), find(FactKey::OfficialReception));
        // The total is checked against all three of its parts. With one not read (printed under a
        // heading of its own, or not budgeted and not stated), the parts are not established: the
        // stated ones may agree with the total, but a difference is no error.
        let vehicle_parts: Vec<usize> = match vehicles {
            Some(v) => vec![v],
            None => [purchase, operation].into_iter().flatten().collect(),
        };
        let complete = overseas.is_some()
            && reception.is_some()
            && (vehicles.is_some() || (purchase.is_some() && operation.is_some()));
        let parts: Vec<usize> = [overseas, reception].into_iter().flatten().chain(vehicle_parts).collect();
        if parts.len() >= 2 {
            let finding = check(rules::TEXT_THREE_PUBLIC, facts, i, &parts, &head.label);
            if complete || finding.status == FindingStatus::Pass {
                findings.push(finding);
            } else {
                findings.push(insufficient(
                    rules::TEXT_THREE_PUBLIC,
                    "“三公”经费分项未全部列示",
                    "not every part of the three public costs is stated",
                ));
            }
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

fn stated_changes(facts: &[Fact], findings: &mut Vec<Finding>) {
    for (i, current) in
        facts.iter().enumerate().filter(|(_, f)| f.period == "this_year" && f.key != FactKey::Other && is_money(f))
    {
        // Last year's figure of the same key, unit and fund (`一般公共预算支出…` is not compared with
        // `国有资本经营预算支出…`'s base), the one of the same sentence first.
        let funds = |fact: &Fact| crate::recognize::key_figures::funds_named_in(&compact(&fact.label));
        let own_funds = funds(current);
        let candidates = (i + 1..facts.len()).chain(0..i).filter(|&j| {
            let base = &facts[j];
            base.key == current.key
                && base.period == "last_year"
                && base.unit == current.unit
                && funds(base) == own_funds
        });
        let Some(last) =
            candidates.clone().find(|&j| same_sentence(&facts[j], current)).or_else(|| candidates.clone().next())
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

//! Narrative totals versus the sources or uses listed with them (收入总预算 = 本年收入 + 上年结转;
//! 基本支出 = 本年收入安排支出 + 上年结转资金安排支出), and stated shares (占 %) versus amounts.

use rust_decimal::{Decimal, RoundingStrategy};

use super::facts::{check, is_class_fact, is_money};
use super::finding::{Finding, FindingStatus};
use super::rules;
use super::tolerance::{compare, Num};
use crate::model::Fact;
use crate::text::compact;

/// Keys that end a list of sources: the next statement has begun.
const STOP: [&str; 7] = [
    "income_total",
    "expenditure_total",
    "basic_expenditure",
    "project_expenditure",
    "personnel_expenditure",
    "public_expenditure",
    "three_public_total",
];

pub(crate) fn evaluate(view: &super::tables::DocumentView, findings: &mut Vec<Finding>) {
    let facts = &view.doc.facts;
    sources(facts, findings);
    shares(facts, findings);
}

fn same_sentence(a: &Fact, b: &Fact) -> bool {
    a.provenance.byte_start == b.provenance.byte_start && a.provenance.byte_end == b.provenance.byte_end
}

fn sources(facts: &[Fact], findings: &mut Vec<Finding>) {
    let heads = ["income_total", "expenditure_total", "basic_expenditure", "project_expenditure"];
    for (i, head) in facts.iter().enumerate().filter(|(_, f)| heads.contains(&f.key.as_str()) && is_money(f)) {
        let spending = head.key == "basic_expenditure" || head.key == "project_expenditure";
        let parts: Vec<usize> = (i + 1..facts.len())
            .take_while(|&j| same_sentence(&facts[j], head) && !STOP.contains(&facts[j].key.as_str()))
            .filter(|&j| is_money(&facts[j]) && !is_class_fact(&facts[j]))
            .filter(|&j| {
                let label = compact(&facts[j].label);
                !label.ends_with("(项)") && (!spending || label.ends_with("安排支出"))
            })
            .collect();
        if parts.len() >= 2 {
            findings.push(check(rules::TEXT_SOURCES, facts, i, &parts, &head.label));
        }
    }
}

/// (amount, share) pairs: a `…占比` percentage right after a money amount of the same sentence.
fn share_pairs(facts: &[Fact]) -> Vec<(usize, usize)> {
    (1..facts.len())
        .filter(|&j| facts[j].unit.as_deref() == Some("%") && compact(&facts[j].label).ends_with("占比"))
        .filter(|&j| is_money(&facts[j - 1]) && same_sentence(&facts[j - 1], &facts[j]))
        .map(|j| (j - 1, j))
        .collect()
}

fn shares(facts: &[Fact], findings: &mut Vec<Finding>) {
    let pairs = share_pairs(facts);
    let paired = |i: usize| pairs.iter().any(|&(a, s)| a == i || s == i);
    let mut start = 0;
    while start < pairs.len() {
        let first = pairs[start].0;
        let end = (start..pairs.len())
            .take_while(|&k| same_sentence(&facts[pairs[k].0], &facts[first]))
            .last()
            .unwrap_or(start)
            + 1;
        let group = &pairs[start..end];
        start = end;
        let head =
            (0..first).rev().find(|&j| same_sentence(&facts[j], &facts[first]) && is_money(&facts[j]) && !paired(j));
        let amounts: Vec<Num> = group.iter().map(|&(a, _)| Num::from_fact(a, &facts[a])).collect();
        let base = match head {
            Some(h) => Num::from_fact(h, &facts[h]),
            None if group.len() < 2 => continue,
            None => {
                let Some(total) = amounts.iter().try_fold(Decimal::ZERO, |sum, n| sum.checked_add(n.value())) else {
                    continue;
                };
                let slack = amounts.iter().map(|n| n.half_unit).fold(Decimal::ZERO, |a, b| a.saturating_add(b));
                Num {
                    label: "所列金额之和".into(),
                    amount: Some(total),
                    printed: String::new(),
                    half_unit: slack,
                    ..amounts[0].clone()
                }
            }
        };
        if base.value().is_zero() {
            continue;
        }
        for (&(amount, share), part) in group.iter().zip(&amounts) {
            let stated = &facts[share];
            let hundred = Decimal::from(100);
            let (Some(ratio), Some(slack)) = (
                part.value().checked_div(base.value()).and_then(|r| r.checked_mul(hundred)),
                part.half_unit
                    .saturating_add(base.half_unit)
                    .checked_div(base.value().abs())
                    .and_then(|r| r.checked_mul(hundred)),
            ) else {
                continue;
            };
            let stated_num = Num {
                label: stated.label.clone(),
                amount: Some(stated.value),
                printed: format!("{}%", stated.value),
                half_unit: Decimal::new(5, stated.value.scale().min(20) + 1).saturating_add(slack),
                ..Num::from_fact(share, stated)
            };
            let computed = Num {
                label: format!("{} ÷ {}", facts[amount].label, base.label),
                amount: Some(ratio),
                printed: format!("{}%", ratio.round_dp(2)),
                half_unit: Decimal::ZERO,
                ..part.clone()
            };
            let context = format!("「{}」占比", facts[amount].label);
            let mut finding = compare(rules::TEXT_SHARES, &[&stated_num], &[&computed], &context, &context);
            finding.numbers.push(base.reference("part"));
            finding.message_zh = finding.message_zh.replace(" 元", " 个百分点");
            finding.message_en = finding.message_en.replace(" 元", " percentage points");
            // 49.46 % printed as 49.4 %: cut off rather than rounded. Worth a look, not an error.
            let cut = ratio.round_dp_with_strategy(stated.value.scale(), RoundingStrategy::ToZero);
            if finding.status == FindingStatus::Fail && cut == stated.value {
                finding.status = FindingStatus::Warn;
                finding.message_zh.push_str("；截尾取数则一致");
                finding.message_en.push_str("; agrees when truncated instead of rounded");
            }
            findings.push(finding);
        }
    }
}

//! Narrative totals versus the sources or uses listed with them (收入总预算 = 本年收入 + 上年结转;
//! 基本支出 = 本年收入安排支出 + 上年结转资金安排支出), and stated shares (占 %) versus amounts.

use rust_decimal::{Decimal, RoundingStrategy};

use super::facts::{check, is_class_fact, is_money};
use super::finding::{Finding, FindingStatus};
use super::rules;
use super::tolerance::{compare, Num};
use crate::model::{Fact, FactKey};
use crate::text::compact;

pub(crate) fn evaluate(view: &super::tables::DocumentView, findings: &mut Vec<Finding>) {
    let facts = &view.doc.facts;
    sources(facts, findings);
    shares(facts, findings);
}

use super::facts::clauses::opens_breakdown;
use super::facts::{same_segment, same_sentence};

/// A key that ends a list of sources: a statement that opens, other than a source of income.
fn ends_sources(key: FactKey) -> bool {
    key.opens_statement() && !key.is_income_source()
}

fn sources(facts: &[Fact], findings: &mut Vec<Finding>) {
    let heads =
        [FactKey::IncomeTotal, FactKey::ExpenditureTotal, FactKey::BasicExpenditure, FactKey::ProjectExpenditure];
    for (i, head) in facts.iter().enumerate().filter(|(_, f)| heads.contains(&f.key) && is_money(f)) {
        let spending = head.key == FactKey::BasicExpenditure || head.key == FactKey::ProjectExpenditure;
        // The list ends where a sentence breaks down one of its parts (`财政拨款支出预算中，…`).
        let parts: Vec<usize> = (i + 1..facts.len())
            .take_while(|&j| same_segment(&facts[j], head) && !ends_sources(facts[j].key))
            .take_while(|&j| facts[j].sentence == head.sentence || !opens_breakdown(&facts[j].sentence, head))
            // The same total stated again (`…，2022年本部门预算收入…`) starts another list; the uses
            // of a budget (`本年支出预算…，结转下年…`) are no sources of its income.
            .take_while(|&j| facts[j].key != head.key)
            .take_while(|&j| head.key != FactKey::IncomeTotal || !is_use(&facts[j]))
            .filter(|&j| is_money(&facts[j]) && !is_class_fact(&facts[j]) && !bracketed(&facts[j]))
            // A figure of an earlier year (`比2025年初预算数20,292.85万元`) is a base of comparison.
            .filter(|&j| facts[j].period == "this_year" && !compared_base(&facts[j]))
            .filter(|&j| {
                let label = compact(&facts[j].label);
                !label.ends_with("(项)") && (!spending || label.ends_with("安排支出"))
            })
            .collect();
        if parts.len() >= 2 && !grants_short_of(facts, i, &parts) {
            findings.push(check(rules::TEXT_SOURCES, facts, i, &parts, &head.label));
        }
    }
}

/// A list of fund grants only (`其中：一般公共预算收入…；国有资本经营预算收入…`) that adds up to
/// less than its total: the grants part of the income, the other funds stated elsewhere
/// (`本年其他资金收入0.5万元`), no list of every source.
fn grants_short_of(facts: &[Fact], total: usize, parts: &[usize]) -> bool {
    let grant =
        |key: FactKey| matches!(key, FactKey::GeneralBudgetGrant | FactKey::GovFundGrant | FactKey::StateCapitalGrant);
    let sum = parts.iter().try_fold(Decimal::ZERO, |sum, &j| facts[j].amount_yuan.and_then(|a| sum.checked_add(a)));
    facts[total].key == FactKey::IncomeTotal
        && parts.iter().all(|&j| grant(facts[j].key))
        && sum.zip(facts[total].amount_yuan).is_some_and(|(sum, total)| sum < total)
}

/// An amount printed as what another is compared with (`比2025年初预算数…`, `较上年…`).
fn compared_base(fact: &Fact) -> bool {
    compact(&fact.label).starts_with(['比', '较'])
        || fact.year.is_some_and(|y| fact.sentence.contains(&format!("比{y}")))
}

/// An amount spent or carried to the next year (`本年支出预算…`, `结转下年…`).
fn is_use(fact: &Fact) -> bool {
    let label = compact(&fact.label);
    fact.key.as_str().starts_with("expenditure") || label.contains("支出") || label.contains("结转下年")
}

/// (amount, share) pairs: a `…占比` percentage right after a money amount of the same sentence.
fn share_pairs(facts: &[Fact]) -> Vec<(usize, usize)> {
    (1..facts.len())
        .filter(|&j| facts[j].unit.as_deref() == Some("%") && compact(&facts[j].label).ends_with("占比"))
        .filter(|&j| is_money(&facts[j - 1]) && same_sentence(&facts[j - 1], &facts[j]))
        .map(|j| (j - 1, j))
        .collect()
}

/// Whether the fact's number is printed inside brackets of its sentence (an aside to the amount
/// before it).
fn bracketed(fact: &Fact) -> bool {
    let plain: String = fact.sentence.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    let label = compact(&fact.label);
    let at = (!label.is_empty()).then(|| plain.find(&label)).flatten().or_else(|| plain.find(&fact.value.to_string()));
    let Some(at) = at else { return false };
    let before = &plain[..at];
    let open = before.rfind(['（', '(']);
    let close = before.rfind(['）', ')']);
    open.is_some_and(|o| close.is_none_or(|c| c < o))
}

/// The words of a base as the narrative names it, reduced to its subject: `总支出`, `支出总额`,
/// `各项支出总计`, `部门预算总支出` → `支出`.
fn base_subject(words: &str) -> String {
    let mut subject = compact(words).trim_end_matches('的').to_string();
    for word in ["各项", "部门", "单位", "本年度", "本年", "预算", "总额", "总计", "合计", "总量", "总"]
    {
        subject = subject.replace(word, "");
    }
    subject
}

/// The amount a share names as its base (`占总支出的92.92%`): the latest earlier money fact whose
/// label has the same subject (`各项支出总计457,676.75万元`), in the same paragraph.
fn named_base(facts: &[Fact], first: usize, share: usize, paired: &dyn Fn(usize) -> bool) -> Option<usize> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(r"占([^0-9，,。；：]{1,12}?)的?\s*[0-9]").expect("share base pattern"));
    let sentence = compact(&facts[share].sentence);
    let words = re.captures(&sentence)?.get(1)?.as_str().to_string();
    let subject = base_subject(&words);
    if subject.chars().count() < 2 {
        return None;
    }
    let named = |j: usize| {
        let fact = &facts[j];
        is_money(fact) && !paired(j) && fact.period == "this_year" && base_subject(&fact.label) == subject
    };
    // In the paragraph, else the latest such amount stated before it (`学校2023年度支出总计…` in
    // the paragraph before `…占总支出的92.92%`).
    (0..first).rev().find(|&j| same_segment(&facts[j], &facts[first]) && named(j)).or_else(|| {
        let total = |j: usize| {
            facts[j].key.as_str().ends_with("_total") || ["总计", "合计"].iter().any(|w| facts[j].label.contains(w))
        };
        (0..first).rev().find(|&j| named(j) && total(j))
    })
}

/// Whether the stated shares of a list add up to 100 % within their printed rounding.
fn whole(facts: &[Fact], group: &[(usize, usize)]) -> bool {
    let mut total = Decimal::ZERO;
    let mut slack = Decimal::ZERO;
    for &(_, share) in group {
        let value = facts[share].value;
        total += value;
        slack += Decimal::new(5, value.scale().min(20) + 1);
    }
    (total - Decimal::from(100)).abs() <= slack
}

fn shares(facts: &[Fact], findings: &mut Vec<Finding>) {
    let pairs = share_pairs(facts);
    let paired = |i: usize| pairs.iter().any(|&(a, s)| a == i || s == i);
    // A list of shares (`教育支出…，占7.3%；社会保障和就业支出…，占6.2%；…`) runs over consecutive
    // pairs of one paragraph, sentence after sentence, until another amount is stated.
    let continues = |from: usize, to: usize| {
        same_segment(&facts[from], &facts[to]) && (from + 1..to).all(|j| paired(j) || !is_money(&facts[j]))
    };
    let mut start = 0;
    while start < pairs.len() {
        let first = pairs[start].0;
        let end =
            (start + 1..pairs.len()).take_while(|&k| continues(pairs[k - 1].1, pairs[k].0)).last().unwrap_or(start) + 1;
        let group = &pairs[start..end];
        start = end;
        // The base is the amount the sentence states before the list, not an aside in brackets
        // (`收入预算490,808.40万元（本年预算收入390,140.45万元），其中：…占总收入的44.12%`).
        let head = (0..first).rev().find(|&j| {
            same_sentence(&facts[j], &facts[first]) && is_money(&facts[j]) && !paired(j) && !bracketed(&facts[j])
        });
        let head = head.or_else(|| named_base(facts, first, group[0].1, &paired));
        let amounts: Vec<Num> = group.iter().map(|&(a, _)| Num::from_fact(a, &facts[a])).collect();
        let base = match head {
            Some(h) => Num::from_fact(h, &facts[h]),
            // Without a stated base, the listed amounts are the whole only when their shares add up
            // to 100 % (within the shares' rounding); else the base is not printed.
            None if group.len() < 2 || !whole(facts, group) => continue,
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

#[cfg(test)]
mod scope_tests {
    use super::super::messages_of;
    use super::*;

    #[test]
    fn a_sentence_breaking_down_a_part_is_no_part_of_the_total() {
        // 上海卫健 2026: one part (财政拨款) is stated; the next sentence breaks it down.
        let text = "支出预算8,401万元，其中：财政拨款支出预算2,694万元，比2025年预算增加147万元。财政拨款支出预算中，一般公共预算拨款支出预算2,694万元，比2025年预算增加147万元；政府性基金拨款支出预算0万元，与2025年预算持平。\n";
        assert!(messages_of(text, "text.sources_sum", FindingStatus::Fail).is_empty());
        // A list that does not add up still fails.
        let wrong = "收入预算8,401万元，其中：财政拨款收入2,694万元；事业收入5,000万元。\n";
        assert_eq!(messages_of(wrong, "text.sources_sum", FindingStatus::Fail).len(), 1);
    }

    #[test]
    fn a_list_of_grants_short_of_the_total_is_no_list_of_every_source() {
        // The grants part of the income; 0.5 万元 of other funds is stated elsewhere.
        let grants =
            "2026年收入预算515,665.27万元，其中：一般公共预算收入19,828.57万元；国有资本经营预算收入495,836.20万元。\n";
        assert!(messages_of(grants, "text.sources_sum", FindingStatus::Fail).is_empty());
        // Grants that add up to more than the total contradict it.
        let over =
            "2026年收入预算500,000.00万元，其中：一般公共预算收入19,828.57万元；国有资本经营预算收入495,836.20万元。\n";
        assert_eq!(messages_of(over, "text.sources_sum", FindingStatus::Fail).len(), 1);
    }

    #[test]
    fn a_stated_change_is_compared_with_last_years_figure_of_its_own_fund() {
        // The first change has no base of its own; the second sentence's base is another fund's.
        let text = "一般公共预算支出100.00万元，比上年减少10.00万元。政府性基金预算支出20.00万元，比上年预算支出执行数5.00万元增加15.00万元。\n";
        assert!(messages_of(text, "text.stated_change", FindingStatus::Fail).is_empty());
        let wrong = text.replace("增加15.00", "增加25.00");
        assert_eq!(messages_of(&wrong, "text.stated_change", FindingStatus::Fail).len(), 1);
    }
}

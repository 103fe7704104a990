//! Comparison words against the numbers beside them, in the narrative:
//!
//! - `年初预算为A万元，支出决算为B万元，完成年初预算的C%。决算数大于（小于、等于、持平）预算数…`:
//!   the word follows from A and B, and C = B ÷ A;
//! - a stated change with its rate (`比上年增加X万元，增长R%`): the two have one direction, and R is
//!   X over the amount before the change (the stated amount minus X);
//! - `持平` next to a stated non-zero change.
//!
//! Every number is cited with the paragraph it is printed in.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules;
use super::tables::DocumentView;
use super::tolerance::printed_scale;
use crate::blocks::BlockKind;
use crate::provenance::Provenance;
use crate::text::compact;
use crate::text::parse_number;

const AMOUNT: &str = r"(-?\d[\d,]*(?:\.\d+)?)";

fn budget_actual_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"预算(?:数)?(?:为|是|数为)?{AMOUNT}万元[^。；]{{0,24}}?决算(?:数)?(?:为|是|数为)?{AMOUNT}万元(?:[,，]?完成(?:年初)?预算的{AMOUNT}[%％])?"
        );
        Regex::new(&pattern).expect("budget/actual pattern compiles")
    })
}

fn budget_amount_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(&format!(r"预算(?:数)?(?:为|是|数为)?{AMOUNT}万元")).expect("budget pattern compiles"))
}

fn direction_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(r"(增加|减少){AMOUNT}万元[,，](增长|下降|增幅|降幅){AMOUNT}[%％]"))
            .expect("direction pattern compiles")
    })
}

fn verdict_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"决算数?(?:与|同|和)?(?:年初)?预算数?(持平|相等|一致)|决算数?(大于|高于|超过|多于|小于|低于|少于|等于)(?:年初)?预算")
            .expect("verdict pattern compiles")
    })
}

fn change_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"{AMOUNT}万元[,，]?(?:比|较|与)(?:上年|上年度|上一年|年初|(?:19|20)\d{{2}}年度?)[^,，。；0-9]{{0,12}}?[,，]?(增加|减少|增长|下降|持平)(?:了)?{AMOUNT}?(?:万元)?(?:[,，](增长|下降|降低|增加|减少|增幅|降幅)(?:了)?{AMOUNT}[%％])?"
        );
        Regex::new(&pattern).expect("change pattern compiles")
    })
}

/// The narrative as one text per run of residual paragraphs, with the provenance of each piece.
pub(crate) struct Passage {
    /// The compacted text of the run.
    pub text: String,
    /// Where the run is printed.
    pub provenance: Provenance,
}

pub(crate) fn passages(view: &DocumentView) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut open = false;
    for block in &view.doc.residual {
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => compact(text),
            BlockKind::Table(_) => {
                open = false;
                continue;
            }
        };
        match out.last_mut() {
            Some(last) if open => {
                last.text.push_str(&text);
                last.provenance = last.provenance.union(&block.provenance);
            }
            _ => out.push(Passage { text, provenance: block.provenance.clone() }),
        }
        open = true;
    }
    out
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    for passage in passages(view) {
        budget_versus_actual(&passage, findings);
        changes(&passage, findings);
        directions(&passage, findings);
    }
}

fn number(printed: &str) -> Option<Decimal> {
    parse_number(printed)
}

fn half(printed: &str) -> Decimal {
    Decimal::new(5, printed_scale(printed).min(20) + 1)
}

fn reference(passage: &Passage, label: &str, printed: &str, unit: &str) -> NumberRef {
    NumberRef {
        role: "part".to_string(),
        label: label.to_string(),
        amount: number(printed),
        amount_printed: format!("{printed}{unit}"),
        provenance: passage.provenance.clone(),
        table_index: None,
        fact_index: None,
    }
}

fn budget_versus_actual(passage: &Passage, findings: &mut Vec<Finding>) {
    for captures in budget_actual_regex().captures_iter(&passage.text) {
        let (Some(whole), Some(first), Some(b)) = (captures.get(0), captures.get(1), captures.get(2)) else { continue };
        // `年初预算为0万元，全年预算为X万元，支出决算为Y万元`: the budget compared is the last one.
        let between = &passage.text[first.end()..b.start()];
        let a = budget_amount_regex()
            .captures_iter(between)
            .last()
            .and_then(|c| c.get(1))
            .map_or(first.as_str(), |m| m.as_str());
        let (Some(budget), Some(actual)) = (number(a), number(b.as_str())) else { continue };
        let slack = half(a) + half(b.as_str());
        let mut numbers =
            vec![reference(passage, "预算数", a, "万元"), reference(passage, "决算数", b.as_str(), "万元")];
        // The verdict printed right after (same or next sentence).
        let rest: String = passage.text[whole.end()..].chars().take(60).collect();
        let stop = ["预算为", "决算为"].iter().filter_map(|w| rest.find(w)).min().unwrap_or(rest.len());
        let verdict = verdict_regex().captures(&rest[..stop]).and_then(|c| c.get(1).or_else(|| c.get(2)));
        if let Some(word) = verdict {
            let word = word.as_str();
            let difference = actual - budget;
            let holds = match word {
                "大于" | "高于" | "超过" | "多于" => difference > Decimal::ZERO,
                "小于" | "低于" | "少于" => difference < Decimal::ZERO,
                _ => difference.abs() <= slack,
            };
            numbers.push(NumberRef {
                role: "word".into(),
                amount: None,
                amount_printed: word.into(),
                ..numbers[0].clone()
            });
            findings.push(verdict_finding(holds, word, budget, actual, slack, &numbers));
        }
        if let Some(rate) = captures.get(3) {
            let Some(stated) = number(rate.as_str()) else { continue };
            if budget.is_zero() {
                continue;
            }
            let hundred = Decimal::from(100);
            let computed = actual / budget * hundred;
            // Rounding of both amounts and of the printed rate.
            let tolerance =
                half(rate.as_str()) + slack / budget.abs() * hundred * (Decimal::ONE + computed.abs() / hundred);
            numbers.push(reference(passage, "完成预算的比例", rate.as_str(), "%"));
            findings.push(rate_finding(stated, computed, tolerance, "完成预算的比例 = 决算数 ÷ 预算数", numbers));
        }
    }
}

fn verdict_finding(
    holds: bool,
    word: &str,
    budget: Decimal,
    actual: Decimal,
    slack: Decimal,
    numbers: &[NumberRef],
) -> Finding {
    let status = if holds { FindingStatus::Pass } else { FindingStatus::Fail };
    let verdict = if holds { "相符" } else { "不符" };
    rules::TEXT_COMPARISON_WORDS.finding(
        status,
        [Some(budget), Some(actual), Some(actual - budget)],
        Some(slack),
        format!("「决算数{word}预算数」与预算数 {budget} 万元、决算数 {actual} 万元{verdict}"),
        format!(
            "'{word}' with a budget of {budget} 万元 and an outturn of {actual} 万元: {}",
            if holds { "consistent" } else { "contradicted" }
        ),
        numbers.to_vec(),
    )
}

fn rate_finding(
    stated: Decimal,
    computed: Decimal,
    tolerance: Decimal,
    what: &str,
    numbers: Vec<NumberRef>,
) -> Finding {
    // Authors compute rates from unrounded amounts: half a percentage point more is allowed.
    let tolerance = tolerance + Decimal::new(5, 1);
    let difference = computed - stated;
    let holds = difference.abs() <= tolerance;
    rules::TEXT_CHANGE_RATE.finding(
        if holds { FindingStatus::Pass } else { FindingStatus::Fail },
        [Some(stated), Some(computed.round_dp(4)), Some(difference.round_dp(4))],
        Some(tolerance.round_dp(4)),
        format!("{what}：所述 {stated}% 对 计算 {}%，{}", computed.round_dp(2), if holds { "一致" } else { "不一致" }),
        format!(
            "{what}: stated {stated}% vs computed {}%, {}",
            computed.round_dp(2),
            if holds { "agree" } else { "disagree" }
        ),
        numbers,
    )
}

fn changes(passage: &Passage, findings: &mut Vec<Finding>) {
    for captures in change_regex().captures_iter(&passage.text) {
        let (Some(value), Some(word)) = (captures.get(1), captures.get(2)) else { continue };
        let Some(amount) = number(value.as_str()) else { continue };
        let change = captures.get(3).and_then(|c| number(c.as_str()).map(|n| (n, c.as_str())));
        let rate = captures.get(5).and_then(|c| number(c.as_str()).map(|n| (n, c.as_str())));
        let rate_word = captures.get(4).map(|m| m.as_str());
        let mut numbers = vec![reference(passage, "本年数", value.as_str(), "万元")];
        let word = word.as_str();
        let falling = |w: &str| matches!(w, "减少" | "下降" | "降低" | "降幅");
        if word == "持平" {
            if let Some((change, printed)) = change.filter(|(c, _)| !c.is_zero()) {
                numbers.push(reference(passage, "所述增减", printed, "万元"));
                findings.push(rules::TEXT_COMPARISON_WORDS.finding(
                    FindingStatus::Fail,
                    [Some(Decimal::ZERO), Some(change), Some(change)],
                    None,
                    format!("「持平」却列示增减 {printed} 万元"),
                    format!("'持平' (unchanged) next to a stated change of {printed} 万元"),
                    numbers,
                ));
            }
            continue;
        }
        let (Some((change, change_printed)), Some((rate, rate_printed)), Some(rate_word)) = (change, rate, rate_word)
        else {
            continue;
        };
        numbers.push(reference(passage, &format!("{word}额"), change_printed, "万元"));
        numbers.push(reference(passage, &format!("{rate_word}率"), rate_printed, "%"));
        let sign = |w: &str| if falling(w) { -Decimal::ONE } else { Decimal::ONE };
        let (signed_change, signed_rate) = (sign(word) * change.abs(), sign(rate_word) * rate.abs());
        if signed_change.is_zero() {
            continue;
        }
        if !signed_rate.is_zero() && (signed_change > Decimal::ZERO) != (signed_rate > Decimal::ZERO) {
            continue; // reported by `directions`
        }
        let before = amount - signed_change;
        if before <= Decimal::ZERO {
            continue;
        }
        let hundred = Decimal::from(100);
        let computed = signed_change / before * hundred;
        let slack = (half(value.as_str()) + half(change_printed)) / before
            * hundred
            * (Decimal::ONE + computed.abs() / hundred);
        let tolerance = half(rate_printed) + slack;
        findings.push(rate_finding(signed_rate, computed, tolerance, "增长率 = 增减额 ÷ (本年数 − 增减额)", numbers));
    }
}

/// `增加X万元，下降R%`: a change and its rate in opposite directions.
fn directions(passage: &Passage, findings: &mut Vec<Finding>) {
    for captures in direction_regex().captures_iter(&passage.text) {
        let (Some(word), Some(change), Some(rate_word), Some(rate)) =
            (captures.get(1), captures.get(2), captures.get(3), captures.get(4))
        else {
            continue;
        };
        let (Some(change_value), Some(rate_value)) = (number(change.as_str()), number(rate.as_str())) else { continue };
        if change_value.is_zero()
            || rate_value.is_zero()
            || change_value.is_sign_negative()
            || rate_value.is_sign_negative()
        {
            continue;
        }
        let falling = |w: &str| matches!(w, "减少" | "下降" | "降低" | "降幅");
        let (word, rate_word) = (word.as_str(), rate_word.as_str());
        let numbers = vec![
            reference(passage, &format!("{word}额"), change.as_str(), "万元"),
            reference(passage, &format!("{rate_word}率"), rate.as_str(), "%"),
        ];
        let agree = falling(word) == falling(rate_word);
        let (change, rate) = (change.as_str(), rate.as_str());
        findings.push(rules::TEXT_COMPARISON_WORDS.finding(
            if agree { FindingStatus::Pass } else { FindingStatus::Fail },
            [None; 3],
            None,
            format!(
                "增减方向{}：「{word}{change}万元」与「{rate_word}{rate}%」",
                if agree { "一致" } else { "不一致" }
            ),
            format!(
                "directions {}: '{word} {change} 万元' and '{rate_word} {rate}%'",
                if agree { "agree" } else { "disagree" }
            ),
            numbers,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn statuses(text: &str, rule: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings
            .iter()
            .filter(|f| f.rule == rule && f.status != FindingStatus::NotApplicable)
            .map(|f| f.status)
            .collect()
    }

    const WORDS: &str = "text.comparison_words";

    #[test]
    fn larger_with_a_smaller_outturn_fails() {
        let text = "一般公共预算财政拨款支出年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%。决算数大于预算数的主要原因是项目增加。\n";
        assert_eq!(statuses(text, WORDS), vec![FindingStatus::Fail]);
    }

    #[test]
    fn smaller_with_a_smaller_outturn_passes() {
        let text = "一般公共预算财政拨款支出年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%。决算数小于预算数的主要原因是厉行节约。\n";
        assert_eq!(statuses(text, WORDS), vec![FindingStatus::Pass]);
        assert_eq!(statuses(text, "text.change_rate"), vec![FindingStatus::Pass]);
    }

    #[test]
    fn equal_with_two_amounts_fails() {
        let text = "年初预算为54.53万元，支出决算为50.00万元，完成年初预算的91.69%。决算数同预算数持平。\n";
        assert_eq!(statuses(text, WORDS), vec![FindingStatus::Fail]);
    }

    #[test]
    fn completion_rate_that_does_not_follow_fails() {
        let text = "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的95.00%。\n";
        assert_eq!(statuses(text, "text.change_rate"), vec![FindingStatus::Fail]);
    }

    #[test]
    fn change_and_rate_in_opposite_directions_fail() {
        let text = "2026年收入预算2,376.26万元，较2025年预算减少222.33万元，增幅10.32%。\n";
        assert_eq!(statuses(text, WORDS), vec![FindingStatus::Fail]);
    }

    #[test]
    fn change_rate_that_follows_passes_and_a_wrong_one_fails() {
        let right = "2026年收入预算2,376.26万元，较2025年预算增加222.33万元，增幅10.32%。\n";
        assert_eq!(statuses(right, "text.change_rate"), vec![FindingStatus::Pass]);
        let wrong = "2026年收入预算2,376.26万元，较2025年预算增加222.33万元，增幅20.32%。\n";
        assert_eq!(statuses(wrong, "text.change_rate"), vec![FindingStatus::Fail]);
    }

    #[test]
    fn zero_rate_only_for_an_amount_that_is_all_new() {
        // 佛山: the whole amount is the increase (no budget before), printed as 增长 0%.
        let new_item = "一般公共预算财政拨款支出1668.14万元，比年初预算数增加1668.14万元，增长0%。\n";
        assert_eq!(statuses(new_item, "text.change_rate"), Vec::<FindingStatus>::new());
        let decrease = "一般公共预算财政拨款支出1668.14万元，比年初预算数减少1668.14万元，增长0%。\n";
        assert_eq!(statuses(decrease, "text.change_rate"), vec![FindingStatus::Fail]);
        let partial = "一般公共预算财政拨款支出1000.00万元，比上年增加100.00万元，增长0%。\n";
        assert_eq!(statuses(partial, "text.change_rate"), vec![FindingStatus::Fail]);
    }

    #[test]
    fn change_against_the_initial_budget_follows_its_rate() {
        let text = "支出决算110.00万元，比年初预算增加10.00万元，增长10.00%。\n";
        assert_eq!(statuses(text, "text.change_rate"), vec![FindingStatus::Pass]);
    }

    #[test]
    fn a_change_after_a_comma_following_its_comparison_is_read() {
        // `与2022年度相比，减少…`: the comparison closes with 相比 and a comma before its change.
        let right = "学校2023年度收入总计430,725.03万元，与2022年度相比，减少23,616.80万元，降低5.20%。\n";
        assert_eq!(statuses(right, "text.change_rate"), vec![FindingStatus::Pass]);
        let wrong = "学校2023年度收入总计486,719.28万元，与2022年度相比，减少23,616.80万元，降低5.20%。\n";
        assert_eq!(statuses(wrong, "text.change_rate"), vec![FindingStatus::Fail]);
    }

    #[test]
    fn unchanged_with_a_change_fails() {
        let text = "“三公”经费预算3.48万元，与2025年预算持平0.50万元。\n";
        assert_eq!(statuses(text, WORDS), vec![FindingStatus::Fail]);
    }
}

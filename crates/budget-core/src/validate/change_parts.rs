//! A stated change and its breakdown point the same way: `与上年相比减少6,331.03万元。其中教育支出比
//! 上年减少6,505.48万元，…科学技术支出比上年增加166.77万元，…住房保障支出比上年增加7.68万元` — the
//! parts' changes, signed by their words (增加/增长 +, 减少/下降 −), add up to the total's.
//!
//! A 其中 list may name only the main parts, so a sum that falls short is no error. The rule fails
//! only where the numbers show which word is wrong: the parts add up to the total with the opposite
//! sign (the total's word is flipped), or they add up to it once exactly one part's word is flipped
//! (that part's word is). The total is the last change amount before `其中` in its sentence (or
//! in the sentence just before, when `其中` opens a sentence); the parts are the change amounts
//! after it up to the end of the sentence or up to a nested `其中…` (which breaks down a part).

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::comparisons::{passages, Passage};
use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules;
use super::tables::DocumentView;
use super::tolerance::printed_scale;
use crate::text::parse_number;

/// A change amount: its direction word and the amount in 万元.
fn change_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(增加|减少|增长|下降)(?:了)?(\d[\d,]*(?:\.\d+)?)万元").expect("change pattern compiles")
    })
}

/// One signed change as printed.
struct Change<'a> {
    word: &'a str,
    printed: &'a str,
    value: Decimal,
}

impl Change<'_> {
    fn signed(&self) -> Decimal {
        if matches!(self.word, "增加" | "增长") {
            self.value
        } else {
            -self.value
        }
    }

    fn half(&self) -> Decimal {
        Decimal::new(5, printed_scale(self.printed).min(20) + 1)
    }
}

fn changes(text: &str) -> Vec<Change<'_>> {
    change_regex()
        .captures_iter(text)
        .filter_map(|c| {
            let (word, printed) = (c.get(1)?.as_str(), c.get(2)?.as_str());
            Some(Change { word, printed, value: parse_number(printed)? })
        })
        .collect()
}

/// The clauses of a sentence: split at its commas and semicolons, not at a thousands separator
/// (`6,505.48`; compacted text prints the comma in ASCII).
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (at, &(offset, c)) in chars.iter().enumerate() {
        let digit = |i: Option<&(usize, char)>| i.is_some_and(|(_, d)| d.is_ascii_digit());
        let separator = c == ',' && at > 0 && digit(chars.get(at - 1)) && digit(chars.get(at + 1));
        if matches!(c, '，' | '；' | ';' | ',') && !separator {
            out.push(&text[start..offset]);
            start = offset + c.len_utf8();
        }
    }
    out.push(&text[start..]);
    out
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    for passage in passages(view) {
        let text = passage.text.as_str();
        for (at, _) in text.match_indices("其中") {
            if let Some(finding) = judge(&passage, &text[..at], &text[at + "其中".len()..]) {
                findings.push(finding);
            }
        }
    }
}

/// The finding for the 其中 list that starts `after`, the text before it being `before`.
fn judge(passage: &Passage, before: &str, after: &str) -> Option<Finding> {
    // The total: the last change of the sentence before 其中, or of the previous sentence when
    // 其中 opens its own (`…减少6,331.03万元。其中…`).
    let trimmed = before.trim_end_matches(['，', ',', '：', ':']);
    let opens_sentence = trimmed.ends_with('。');
    let sentence_start =
        |s: &str| s.rfind(['。', '；', ';']).map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
    let scope = if opens_sentence {
        let body = &trimmed[..trimmed.len() - '。'.len_utf8()];
        &body[sentence_start(body)..]
    } else {
        &before[sentence_start(before)..]
    };
    let total = changes(scope).pop()?;
    // Right before 其中: the total's amount ends the clause that 其中 breaks down.
    let tail = trimmed.trim_end_matches('。');
    if !tail.ends_with("万元") {
        return None;
    }
    // The parts: up to the end of the sentence or a nested 其中 (the breakdown of a part).
    let end = after.find('。').unwrap_or(after.len());
    let list = &after[..end];
    let mut parts: Vec<Change> = Vec::new();
    for (index, clause) in clauses(list).into_iter().enumerate() {
        if index > 0 && clause.contains("其中") {
            break;
        }
        parts.extend(changes(clause));
    }
    if parts.is_empty() || total.value.is_zero() {
        return None;
    }
    let slack = parts.iter().map(Change::half).sum::<Decimal>() + total.half();
    let sum: Decimal = parts.iter().map(Change::signed).sum();
    let wrong = if (sum - total.signed()).abs() <= slack {
        None
    } else if (sum + total.signed()).abs() <= slack {
        Some(&total)
    } else {
        parts.iter().find(|p| (sum - p.signed() * Decimal::TWO - total.signed()).abs() <= slack)
    };
    let cite = |role: &str, label: &str, change: &Change| NumberRef {
        role: role.to_string(),
        label: label.to_string(),
        amount: Some(change.signed()),
        amount_printed: format!("{}{}万元", change.word, change.printed),
        provenance: passage.provenance.clone(),
        table_index: None,
        fact_index: None,
    };
    let mut numbers = vec![cite("expected", "增减额", &total)];
    numbers.extend(parts.iter().map(|p| cite("part", "其中分项增减额", p)));
    let listed: Vec<String> = parts.iter().map(|p| format!("{}{}", p.word, p.printed)).collect();
    let (status, zh, en) = match wrong {
        None if (sum - total.signed()).abs() <= slack => (
            FindingStatus::Pass,
            format!("{}{}万元与其中各项（{}）之和相符", total.word, total.printed, listed.join("、")),
            format!("the change {} equals the sum of its parts", total.signed()),
        ),
        None => return None,
        Some(word) => (
            FindingStatus::Fail,
            format!(
                "{}{}万元与其中各项（{}）之和 {sum} 万元方向不符：「{}{}万元」的增减方向有误",
                total.word,
                total.printed,
                listed.join("、"),
                word.word,
                word.printed
            ),
            format!(
                "the change {} and its parts (sum {sum}) disagree in direction: '{}{}' is the wrong way round",
                total.signed(),
                word.word,
                word.printed
            ),
        ),
    };
    Some(rules::TEXT_CHANGE_PARTS.finding(
        status,
        [Some(total.signed()), Some(sum), Some(sum - total.signed())],
        Some(slack),
        zh,
        en,
        numbers,
    ))
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const HEAD: &str =
        "某大学2021年部门预算\n\n收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n";

    fn with(status: FindingStatus, text: &str) -> Vec<String> {
        crate::validate::messages_of(&format!("{HEAD}{text}\n"), "text.change_parts", status)
    }

    #[test]
    fn a_part_whose_word_is_flipped_fails() {
        let text = "2021年财政拨款支出与上年相比减少6,331.03万元。其中教育支出比上年增加6,505.48万元，主要原因是落实过紧日子要求；科学技术支出比上年增加166.77万元，主要原因是重点实验室拨款增加；住房保障支出比上年增加7.68万元。";
        let found = with(FindingStatus::Fail, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("增加6,505.48"), "{found:?}");
    }

    #[test]
    fn a_total_whose_word_is_flipped_fails() {
        let text = "（三）增减变化情况：2026年收支预算1,717.85万元，比上年增加49.81万元，其中：1.收入预算减少49.81万元，其中一般公共预算收入减少49.81万元。";
        let found = with(FindingStatus::Fail, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("「增加49.81万元」"), "{found:?}");
    }

    #[test]
    fn a_nested_breakdown_is_not_a_part() {
        let text = "（三）增减变化情况：2026年收支预算3,558.35万元，比上年减少118.76万元，其中：1.收入预算增加118.76万元，其中一般公共预算收入增加83.76万元，其他收入增加35万元。";
        let found = with(FindingStatus::Fail, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("「减少118.76万元」"), "{found:?}");
        let right = text.replace("比上年减少", "比上年增加");
        assert!(with(FindingStatus::Fail, &right).is_empty());
    }

    #[test]
    fn parts_that_add_up_pass_and_a_partial_list_is_not_judged() {
        let right = "2021年财政拨款支出与上年相比减少6,331.03万元。其中教育支出比上年减少6,505.48万元；科学技术支出比上年增加166.77万元；住房保障支出比上年增加7.68万元。";
        assert!(with(FindingStatus::Fail, right).is_empty());
        assert_eq!(with(FindingStatus::Pass, right).len(), 1);
        let partial = "支出预算比上年增加100.00万元，其中人员经费减少10.00万元，项目支出增加30.00万元。";
        assert!(with(FindingStatus::Fail, partial).is_empty());
    }
}

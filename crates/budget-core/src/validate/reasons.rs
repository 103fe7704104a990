//! A stated change and the reason given for it point the same way, as a warning: `比上年增加3.82万元，
//! 主要原因是落实厉行节约规定，压减会议费` says 增加 while its reason only names cuts. The reason
//! is the clause that follows the change (`主要原因是…`, `主要是…`, `主要用于…` is not a reason) up
//! to the end of its sentence; it is judged only when every direction word it uses points one way,
//! and not when it speaks of the previous year (`上年…一次性…` explains a fall by last year's rise).

use std::sync::OnceLock;

use regex::Regex;

use super::comparisons::{passages, Passage};
use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules;
use super::tables::DocumentView;
use crate::text::parse_number;

/// Words of a reason that say the amount went up.
const RISING: [&str; 9] = ["增加", "新增", "增长", "提高", "增多", "上涨", "扩大", "加大", "上升"];
/// Words of a reason that say the amount went down (people leaving or retiring included).
const FALLING: [&str; 15] = [
    "减少", "压减", "压缩", "下降", "降低", "缩减", "削减", "调减", "节约", "节俭", "取消", "缩小", "调出", "退休",
    "离职",
];
/// Words that make a reason speak of another year or of a one-off, where directions invert.
const OTHER_TIME: [&str; 5] = ["上年", "去年", "上一年", "一次性", "以前年度"];

fn change_reason_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:比|较|与)(?:上年|上年度|上一年|(?:19|20)\d{2}年度?)[^,，。；0-9]{0,12}?(增加|减少|增长|下降)(?:了)?(\d[\d,]*(?:\.\d+)?)万元[,，](?:[^。；]{0,12}[,，])?(?:主要(?:原因)?(?:是|为|系|在于)|原因(?:是|为|系))([^。；]{2,80})",
        )
        .expect("change reason pattern compiles")
    })
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    for passage in passages(view) {
        for captures in change_reason_regex().captures_iter(&passage.text) {
            let (Some(word), Some(amount), Some(reason)) = (captures.get(1), captures.get(2), captures.get(3)) else {
                continue;
            };
            if let Some(finding) = judge(&passage, word.as_str(), amount.as_str(), reason.as_str()) {
                findings.push(finding);
            }
        }
    }
}

/// The finding for one change and its reason: `None` when the reason says no one direction.
fn judge(passage: &Passage, word: &str, amount: &str, reason: &str) -> Option<Finding> {
    let value = parse_number(amount)?;
    // A reason that lists amounts is a breakdown (`…增加2.03万元、…增加-17.69万元`), not judged by words.
    let breakdown = reason.contains("万元") || reason.contains('%');
    if value.is_zero() || breakdown || OTHER_TIME.iter().any(|w| reason.contains(w)) {
        return None;
    }
    let says = |words: &[&'static str]| words.iter().find(|w| reason.contains(**w)).copied();
    let (up, down) = (says(&RISING), says(&FALLING));
    let rising = matches!(word, "增加" | "增长");
    let (same, opposite) = if rising { (up, down) } else { (down, up) };
    let opposite = match (same, opposite) {
        (None, Some(opposite)) => opposite,
        (Some(_), None) => {
            return Some(finding(passage, FindingStatus::Pass, word, amount, reason, None));
        }
        _ => return None,
    };
    Some(finding(passage, FindingStatus::Warn, word, amount, reason, Some(opposite)))
}

fn finding(
    passage: &Passage,
    status: FindingStatus,
    word: &str,
    amount: &str,
    reason: &str,
    opposite: Option<&str>,
) -> Finding {
    let cite = |role: &str, label: &str, printed: String, value| NumberRef {
        role: role.to_string(),
        label: label.to_string(),
        amount: value,
        amount_printed: printed,
        provenance: passage.provenance.clone(),
        table_index: None,
        fact_index: None,
    };
    let mut numbers = vec![
        cite("part", &format!("{word}额"), format!("{amount}万元"), parse_number(amount)),
        cite("word", "增减", word.to_string(), None),
    ];
    let reason: String = reason.chars().take(40).collect();
    let (zh, en) = match opposite {
        Some(opposite) => {
            numbers.push(cite("word", "原因", opposite.to_string(), None));
            (
                format!("「{word}{amount}万元」的原因「{reason}」只说{opposite}，增减方向可能有误"),
                format!("'{word} {amount} 万元' is explained by '{reason}', which only says '{opposite}'"),
            )
        }
        None => (
            format!("「{word}{amount}万元」与其原因的方向一致"),
            format!("'{word} {amount} 万元' and its reason point the same way"),
        ),
    };
    rules::TEXT_CHANGE_REASON.finding(status, [None; 3], None, zh, en, numbers)
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn statuses(text: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings
            .iter()
            .filter(|f| f.rule == "text.change_reason" && f.status != FindingStatus::NotApplicable)
            .map(|f| f.status)
            .collect()
    }

    #[test]
    fn a_rise_explained_by_cuts_warns() {
        let text = "苏州市生态环境局2026年度一般公共预算拨款安排的会议费预算支出15.26万元，比上年预算增加3.82万元，主要原因是落实厉行节约规定，压减会议费预算支出。\n";
        assert_eq!(statuses(text), vec![FindingStatus::Warn]);
    }

    #[test]
    fn a_fall_explained_by_cuts_passes() {
        let text = "苏州市生态环境局2026年度一般公共预算拨款安排的会议费预算支出15.26万元，比上年预算减少3.82万元，主要原因是落实厉行节约规定，压减会议费预算支出。\n";
        assert_eq!(statuses(text), vec![FindingStatus::Pass]);
    }

    #[test]
    fn a_mixed_or_last_year_reason_is_not_judged() {
        let mixed = "会议费预算支出15.26万元，比上年减少3.82万元，主要原因是压减会议，同时新增培训。\n";
        assert!(statuses(mixed).is_empty());
        let last_year = "会议费预算支出15.26万元，比上年减少3.82万元，主要原因是上年新增一次性会议。\n";
        assert!(statuses(last_year).is_empty());
    }
}

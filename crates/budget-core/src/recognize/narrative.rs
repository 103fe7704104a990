//! Narrative facts: every number with a unit printed in the unconsumed headings and paragraphs
//! (`基本支出213.25万元，比上年增加12.00万元，增长5.96%，主要原因是…`) as a [`Fact`] with its
//! label, key, code, year and stated change.
//!
//! Money units: 万元 元 亿元 千元; counts: 人 名 人次 万人 辆 台 个 套 次 家 平方米; percentages:
//! `%` `％`. A change (`增加/减少 X万元`, `增长/下降 Y%`) is attached to the fact it follows as a
//! [`Comparison`], never a fact of its own. Sentences that state a performance target (`指标值`)
//! are left to [`super::performance`].

mod labels;
mod scan;

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::blocks::Block;
use crate::model::{CodeScheme, Comparison, Document, Fact, FactKey};
use crate::money::MoneyUnit;
use crate::provenance::Provenance;

pub(crate) use crate::text::parse_number;
pub(crate) use scan::sentences;
use scan::{Segment, Token};

/// The facts stated in the unconsumed headings and paragraphs; `year` is the budget year.
pub fn facts(blocks: &[Block], consumed: &[bool], year: Option<i32>) -> Vec<Fact> {
    let mut facts = Vec::new();
    let mut title: Option<String> = None;
    for segment in scan::segments(blocks, consumed) {
        let before = facts.len();
        read_segment(&segment, year, title.as_deref(), &mut facts);
        // A short segment without numbers (`2.公务接待费`) titles the paragraph after it.
        title = (facts.len() == before && segment.text.chars().count() <= 30).then(|| segment.text.clone());
    }
    facts
}

/// Numbers printed in the document's narrative (its residual headings and paragraphs) that are in
/// no fact, comparison or narrative performance target, with where they are. Years, dates, list
/// ordinals, document and phone numbers are not counted.
pub fn unattributed_numbers(doc: &Document) -> Vec<(String, Provenance)> {
    let consumed = vec![false; doc.residual.len()];
    let mut facts = Vec::new();
    let mut numbers = Vec::new();
    let mut title: Option<String> = None;
    for segment in scan::segments(&doc.residual, &consumed) {
        let before = facts.len();
        let unattributed = read_segment(&segment, doc.meta.year, title.as_deref(), &mut facts);
        title = (facts.len() == before && segment.text.chars().count() <= 30).then(|| segment.text.clone());
        numbers.extend(unattributed.into_iter().map(|number| (number, segment.provenance.clone())));
    }
    numbers
}

fn change_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(增加|减少|增长|下降|上升|降低|提高|减|增)(?:[（(]或?(?:减少|下降)[)）])?\s*了?\s*$")
            .expect("change pattern compiles")
    })
}

fn reason_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?:主要)?原因(?:是|为)?[：:]?").expect("reason pattern compiles"))
}

/// The signed direction of a change verb, when the text before a number ends with one
/// (`增加-17.69万元` is a decrease).
fn change_sign(before: &str) -> Option<i64> {
    let trimmed = before.trim_end();
    let (before, printed_sign) = match trimmed.strip_suffix(['-', '－', '−']) {
        Some(rest) => (rest, -1),
        None => (trimmed, 1),
    };
    let verb = change_regex().captures(before)?.get(1)?.as_str();
    Some(printed_sign * if matches!(verb, "减少" | "下降" | "降低" | "减") { -1 } else { 1 })
}

/// Read one segment's facts into `facts` (the document's so far, for changes whose subject was
/// stated earlier); returns the numbers (with a little context) that no fact or comparison took.
fn read_segment(segment: &Segment, year: Option<i32>, title: Option<&str>, facts: &mut Vec<Fact>) -> Vec<String> {
    let mut unattributed = Vec::new();
    let sentences = scan::sentences(&segment.text);
    let mut previous_sentence_first: Option<usize> = None;
    for (index, sentence) in sentences.iter().enumerate() {
        if sentence.contains("指标值") {
            previous_sentence_first = None;
            continue;
        }
        let first_fact = facts.len();
        let mut floor = 0;
        let mut comparison_target: Option<usize> = None;
        // The end and sign of the last change read: `增加74.97万元（92.82%）` prints its rate next.
        let mut last_change: Option<(usize, i64)> = None;
        for token in scan::tokens(sentence) {
            if token.ignored {
                continue;
            }
            let before = sentence.get(..token.start).unwrap_or("");
            let bracketed_rate = last_change
                .filter(|&(end, _)| sentence.get(end..token.start).is_some_and(|gap| matches!(gap.trim(), "（" | "(")))
                .filter(|_| matches!(token.unit.as_deref(), Some("%" | "％")))
                .map(|(_, sign)| sign);
            if let (Some(sign), Some(value), Some(target)) =
                (bracketed_rate, token.value, comparison_target.filter(|_| bracketed_rate.is_some()))
            {
                attach(&mut facts[target], &token, Decimal::from(sign) * value, None);
                floor = token.end;
                last_change = None;
                continue;
            }
            last_change = None;
            if let (Some(sign), Some(value)) = (change_sign(before), token.value) {
                let subject = labels::clause(sentence, floor, token.start);
                let target = same_key_fact(facts, subject)
                    .or(comparison_target)
                    .or_else(|| comparison_owner(facts, first_fact))
                    .or(previous_sentence_first);
                if let Some(target) = target {
                    let reason = reason_after(sentence.get(token.end..).unwrap_or(""))
                        .or_else(|| sentences.get(index + 1).and_then(|next| reason_opening(next)));
                    attach(&mut facts[target], &token, Decimal::from(sign) * value, reason);
                    comparison_target = Some(target);
                    last_change = Some((token.end, sign));
                }
                floor = token.end;
                continue;
            }
            let Some(unit) = token.unit.clone() else {
                unattributed.push(context_of(sentence, &token));
                continue;
            };
            let Some(value) = token.value else { continue };
            let clause = labels::clause(sentence, floor, token.start);
            let title = if index == 0 { title } else { None };
            let fact = build_fact(&facts[first_fact..], clause, value, unit, year, sentence, segment, title);
            facts.push(fact);
            comparison_target = None;
            floor = token.end;
        }
        previous_sentence_first = (facts.len() > first_fact).then_some(first_fact);
    }
    unattributed
}

/// For a change printed with its own subject (`公务接待费增加0.00万元`, `“三公”经费…比2019年增加`):
/// the latest fact with the subject's key.
fn same_key_fact(facts: &[Fact], subject: &str) -> Option<usize> {
    let subject = subject.split('比').next().unwrap_or(subject);
    let subject = change_regex().replace(subject, "");
    let label = labels::label_of(&subject);
    let key = labels::key_of(&label.text, Some("万元"));
    if label.text.is_empty() || key == "other" {
        return None;
    }
    facts.iter().rposition(|fact| fact.key.as_str() == key)
}

/// The fact a change in the current sentence belongs to: the last fact of the sentence, or the
/// one before it when the last is the base of a `与…相比` comparison.
fn comparison_owner(facts: &[Fact], first_of_sentence: usize) -> Option<usize> {
    let last = facts.len().checked_sub(1).filter(|&last| last >= first_of_sentence)?;
    let is_base = facts[last].period == "last_year" && last > first_of_sentence;
    Some(if is_base { last - 1 } else { last })
}

fn attach(fact: &mut Fact, token: &Token, signed: Decimal, reason: Option<String>) {
    let comparison = fact.comparison.get_or_insert(Comparison { change: None, change_rate: None, reason: None });
    if matches!(token.unit.as_deref(), Some("%" | "％")) {
        comparison.change_rate.get_or_insert(signed);
    } else {
        comparison.change.get_or_insert(signed);
    }
    if comparison.reason.is_none() {
        comparison.reason = reason;
    }
}

/// `主要原因是…` later in the same sentence.
fn reason_after(rest: &str) -> Option<String> {
    let found = reason_regex().find(rest)?;
    let reason = rest.get(found.end()..)?.trim();
    (!reason.is_empty()).then(|| reason.to_string())
}

/// A sentence that opens with `主要原因是…`.
fn reason_opening(sentence: &str) -> Option<String> {
    let found = reason_regex().find(sentence).filter(|m| m.start() == 0)?;
    let reason = sentence.get(found.end()..)?.trim();
    (!reason.is_empty()).then(|| reason.to_string())
}

fn context_of(sentence: &str, token: &Token) -> String {
    let start = sentence.get(..token.start).map_or(0, |head| head.char_indices().rev().nth(5).map_or(0, |(at, _)| at));
    let end = sentence
        .get(token.end..)
        .map_or(token.end, |tail| token.end + tail.char_indices().nth(4).map_or(tail.len(), |(at, _)| at));
    sentence.get(start..end).unwrap_or(&token.printed).to_string()
}

/// The subject of a sentence whose number is labelled only by a phase word: the label of the
/// sentence's first clause (when the number is not in it), else the title printed before the
/// paragraph.
fn subject_of(sentence: &str, clause: &str, title: Option<&str>) -> Option<String> {
    let first = sentence.split(['，', ',', '：', ':']).next().unwrap_or("");
    let from_sentence = (!first.is_empty() && !first.contains(clause.trim()) && !clause.trim().is_empty())
        .then(|| labels::label_of(first).text)
        .filter(|l| !labels::is_phase_only(l) && !l.chars().any(|c| c.is_ascii_digit()));
    from_sentence.or_else(|| {
        let title = title?;
        let label = labels::label_of(title).text;
        (!labels::is_phase_only(&label) && label.chars().count() <= 20).then_some(label)
    })
}

#[allow(clippy::too_many_arguments)]
fn build_fact(
    sentence_facts: &[Fact],
    clause: &str,
    value: Decimal,
    unit: String,
    budget_year: Option<i32>,
    sentence: &str,
    segment: &Segment,
    title: Option<&str>,
) -> Fact {
    let mut label = labels::label_of(clause);
    // `2022年，我单位“三公”经费预算安排4万元`: a year opening the sentence applies too.
    let stated_year = labels::year_in(clause).or_else(|| labels::opening_year(sentence));
    if let Some(previous) = sentence_facts.last() {
        // `占100%` and `价值0.00万元` qualify the fact before them.
        if label.text.starts_with('占') || label.text.is_empty() && unit.ends_with(['%', '％']) {
            label.text = format!("{}占比", previous.label);
        } else if label.text == "价值" {
            label.text = format!("{}价值", previous.label);
        }
    }
    let last_year_words = (clause.contains("上年") && !clause.contains("上年结转")) || clause.contains("上一年");
    let earlier_year = matches!((stated_year, budget_year), (Some(stated), Some(budget)) if stated < budget);
    let compared_base = clause.trim_start().starts_with(['比', '较']) && (last_year_words || earlier_year);
    if let Some(previous) = sentence_facts.last().filter(|p| p.period == "this_year" && compared_base) {
        // `收入预算1448787.35万元，比2025年年初预算数1506121.45万元减少…`: the base of the
        // comparison is last year's figure of the same subject.
        // `比上年预算支出执行数…` is labelled `比上年预算支出`: the phase words after 比上年.
        let base_words = label.text.trim_start_matches(['比', '较']);
        let base_words = ["上年度", "上一年", "上年"].iter().fold(base_words, |w, y| w.trim_start_matches(y));
        // `比上年1.43万元，增加0.68%` names no phase: the amount may be the change itself.
        if !base_words.is_empty() && labels::is_phase_only(base_words) {
            label.text = previous.label.clone();
        }
    }
    if labels::is_phase_only(&label.text) {
        // `年初预算为…，支出决算为9.50万元`, `2026年预算数3.55万元` under `2.公务接待费`: the subject
        // is the sentence's first clause or the title before the paragraph.
        if let Some(subject) = subject_of(sentence, clause, title) {
            label.text = if label.text.is_empty() { subject } else { format!("{subject}（{}）", label.text) };
        }
    }
    let key = labels::key_of(&label.text, Some(&unit));
    let economic_list = sentence_facts.iter().any(|f| f.code_scheme == Some(CodeScheme::DeptEconomic));
    let code = labels::code_of(&label, stated_year.or(budget_year), economic_list);
    let unkeyed =
        (key == "other").then(|| labels::unkeyed_reason(&label.text, Some(&unit), code.is_some()).to_string());
    Fact {
        key: FactKey::from_name(key).unwrap_or(FactKey::Other),
        label: label.text,
        value,
        amount_yuan: MoneyUnit::from_word(&unit).map(|u| value * u.yuan_factor()),
        unit: Some(unit),
        year: stated_year,
        period: if last_year_words || earlier_year { "last_year" } else { "this_year" }.to_string(),
        comparison: None,
        code_scheme: code.as_ref().map(|(_, scheme)| *scheme),
        code: code.map(|(code, _)| code),
        sentence: sentence.to_string(),
        provenance: segment.provenance.clone(),
        unkeyed,
    }
}

#[cfg(test)]
mod tests {
    use crate::blocks::{Block, BlockKind};
    use crate::model::FactKey;
    use crate::provenance::Provenance;

    fn facts(text: &str) -> Vec<(FactKey, String, String)> {
        let blocks = [Block { kind: BlockKind::Paragraph { text: text.into() }, provenance: Provenance::default() }];
        super::facts(&blocks, &[false], Some(2026)).into_iter().map(|f| (f.key, f.label, f.period)).collect()
    }

    #[test]
    fn the_base_of_a_comparison_is_last_years_figure_of_the_same_subject() {
        let read = facts("2026年度收入预算110.00万元，比2025年年初预算数100.00万元增加10.00万元。");
        assert_eq!(read[0], (FactKey::IncomeTotal, "收入".to_string(), "this_year".to_string()));
        assert_eq!(read[1], (FactKey::IncomeTotal, "收入".to_string(), "last_year".to_string()));
        let read = facts("政府性基金预算支出20.00万元，比上年预算支出执行数5.00万元增加15.00万元。");
        assert_eq!(read[1].0, FactKey::ExpenditureThisYear, "{read:?}");
        let read = facts("机关运行经费安排210.32万元，比上年1.43万元，增加0.68%。");
        assert_eq!(read[1].0, FactKey::Other, "{read:?}");
        // A phase word that compares nothing names no subject of its own.
        let read = facts("2026年度收入预算110.00万元，年初预算数100.00万元。");
        assert_eq!(read[1].0, FactKey::Other, "{read:?}");
    }
}

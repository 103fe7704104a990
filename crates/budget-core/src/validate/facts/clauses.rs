//! The scope of a narrative sum: which stated amounts are the parts of which total. A part list
//! belongs to its total only within the sentence or list that states them together; a sentence
//! that breaks down one of the parts (`财政拨款支出预算中，…`) starts another scope; an amount that
//! is one item of an enumeration (`在职人员经费…、公用经费…、对个人和家庭的补助支出…`) has its
//! siblings after it, not its parts.

use crate::model::Fact;
use crate::text::compact;

/// The sentence as the facts reader saw it, without spaces and thousands separators.
fn plain(sentence: &str) -> String {
    compact(sentence).chars().filter(|c| *c != ',').collect()
}

/// The text printed right after the fact's amount and unit in its sentence, when the amount can
/// be found there (after its label when the label is printed).
pub(crate) fn text_after(fact: &Fact) -> Option<String> {
    let sentence = plain(&fact.sentence);
    let label = compact(&fact.label);
    let from = (!label.is_empty()).then(|| sentence.find(&label)).flatten().map_or(0, |at| at + label.len());
    let value = fact.value.to_string();
    let unit = fact.unit.as_deref().unwrap_or("");
    let rest = sentence.get(from..)?;
    let at = rest.find(&format!("{value}{unit}")).or_else(|| rest.find(&value))?;
    let after = at + value.len() + if rest[at + value.len()..].starts_with(unit) { unit.len() } else { 0 };
    Some(rest[after..].to_string())
}

/// Whether the fact is an item of an enumeration that goes on after it (`公用经费1,517.96万元、对个人
/// 和家庭的补助支出…`): what follows it are its siblings, not its parts.
pub(crate) fn enumerated(fact: &Fact) -> bool {
    text_after(fact).is_some_and(|rest| rest.starts_with(['、', '，', ',']) && !opens_parts(&rest))
}

/// Whether the text after an amount introduces its parts (`，其中：`, `，包括`, `（…`).
fn opens_parts(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['、', '，', ',', '：', ':']);
    ["其中", "包括", "主要", "具体", "分别", "含"].iter().any(|w| rest.starts_with(w))
}

/// Whether a sentence opens by naming what it breaks down (`财政拨款支出预算中，一般公共预算…`,
/// `基本支出中：…`), other than the total `head` itself: it starts a new scope.
pub(crate) fn opens_breakdown(sentence: &str, head: &Fact) -> bool {
    let text = compact(sentence);
    let Some(prefix) = text.split(['，', ',', '：', ':']).next() else { return false };
    let Some(subject) = prefix.strip_suffix('中') else { return false };
    if subject.is_empty() || subject == "其" || subject.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let base = |text: &str| ["预算", "总计", "合计", "总"].iter().fold(text.to_string(), |t, w| t.replace(w, ""));
    base(subject) != base(&compact(&head.label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FactKey;
    use rust_decimal::Decimal;

    fn fact(label: &str, value: &str, sentence: &str) -> Fact {
        Fact {
            key: FactKey::Other,
            label: label.into(),
            value: value.parse::<Decimal>().expect("decimal"),
            amount_yuan: None,
            unit: Some("万元".into()),
            year: None,
            period: "this_year".into(),
            comparison: None,
            code_scheme: None,
            code: None,
            sentence: sentence.into(),
            provenance: Default::default(),
            unkeyed: None,
        }
    }

    #[test]
    fn an_enumerated_amount_has_siblings_after_it() {
        let sentence = "深圳市医疗保障局（本级）预算15,480.26万元，包括在职人员经费8,299.42万元、公用经费1,517.96万元、对个人和家庭的补助支出364.72万元";
        assert!(enumerated(&fact("公用经费", "1517.96", sentence)));
        assert!(!enumerated(&fact("公用经费", "1517.96", "公用经费1,517.96万元，其中：办公费10万元、印刷费5万元")));
    }

    #[test]
    fn a_sentence_breaking_down_a_part_opens_a_new_scope() {
        let head = fact("支出", "8401", "支出预算8,401万元，其中：财政拨款支出预算2,694万元");
        assert!(opens_breakdown("财政拨款支出预算中，一般公共预算拨款支出预算2,694万元", &head));
        assert!(!opens_breakdown("其中：财政拨款支出预算2,694万元", &head));
        assert!(!opens_breakdown("支出中，基本支出100万元", &head));
    }
}

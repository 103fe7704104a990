//! One agency throughout: no template placeholder (`XX局`, `××单位`, `XXX`) anywhere, and no
//! other agency named where a heading or title names the document's owner
//! (`<agency>2024年度部门决算…`).

use std::sync::OnceLock;

use regex::Regex;

use super::finding::{Finding, FindingStatus};
use super::name_slots::AGENCY_ENDINGS;
use super::printed::{printed, Printed};
use super::rules;
use super::tables::DocumentView;
use crate::text::compact;

/// What may follow `<short name>部门预算` in a part heading.
const SHORT_NAME_PARTS: [&str; 7] = ["", "情况说明", "编制说明", "说明", "公开", "概况", "报告"];

fn placeholder_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Two or more X/× (or three x) beside a CJK character: a name left as in the template.
    RE.get_or_init(|| {
        Regex::new(r"(?:\p{Han}(?:[XＸ×╳]{2,}|[xｘ]{3,}))|(?:(?:[XＸ×╳]{2,}|[xｘ]{3,})\p{Han})")
            .expect("placeholder pattern compiles")
    })
}

fn owner_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // `<name>(2024年度)部门预算` where the name ends as agencies' names do.
    RE.get_or_init(|| {
        Regex::new(
            r"^(?:(?:19|20)\d{2}年度?)?((?:[^本我该各全所下其\P{Han}])\p{Han}{1,29}?(?:局|委员会|委|办公室|办公厅|厅|中心|院|馆|所|站|队|部|会|社|署|处|校|学))(?:(?:19|20)\d{2}年度?)?(?:(?:部门|单位)(?:综合)?(?:预算|决算)([\p{Han}—\-－·()（）]{0,16})$|(?:部门|单位)?(?:一般公共预算|财政拨款|政府性基金|国有资本经营|“三公”|收支|收入|支出)\P{Han}{0,3}\p{Han}{0,24}表$)",
        )
        .expect("owner pattern compiles")
    })
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    // A document that is no disclosure (a blank template, a notice) has no owner to check:
    // `meta.not_disclosure_reason` already says what it is.
    if !view.doc.meta.is_disclosure {
        return;
    }
    // The agency as the metadata reads it, when it reads like an agency's name.
    // A trailing bracket (`深圳市医疗保障局（本级）`) says which part of the agency: set aside.
    let agency = view.doc.meta.agency.as_deref().map(|a| without_trailing_bracket(&compact(a))).filter(|a| {
        let name = a.trim_end_matches("本级").trim_end_matches("机关");
        name.chars().count() >= 3 && AGENCY_ENDINGS.iter().any(|e| name.ends_with(e))
    });
    let mut checked = false;
    let mut owners: Vec<(String, Printed)> = Vec::new();
    let pieces = printed(view.doc);
    if let Some(agency) = agency.as_deref() {
        for (name, piece) in super::name_slots::other_agency_in_slots(&pieces, |name| same_agency(name, agency)) {
            findings.push(fail(piece, &name, "其他单位名称", "another agency's name"));
        }
    }
    for piece in pieces {
        checked = true;
        let text = compact(piece.text);
        if let Some(found) = placeholder_regex().find(&text) {
            findings.push(fail(&piece, found.as_str(), "占位符", "a placeholder"));
            continue;
        }
        if !piece.is_heading_like() {
            continue;
        }
        let heading = super::printed::strip_numbering(&text);
        let heading = heading.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·'));
        if let Some(captures) = owner_regex().captures(heading) {
            let Some(name) = captures.get(1) else { continue };
            // A short name (`财政局`) is often a superior body cited in a line of a sentence: only
            // a part heading (`教育局部门预算情况说明`) names the owner with it.
            let part = captures.get(2).map(|m| m.as_str());
            let short = name.as_str().chars().count() < 5;
            if !short || part.is_some_and(|p| SHORT_NAME_PARTS.contains(&p)) {
                owners.push((name.as_str().to_string(), piece));
            }
        }
    }
    // A name is another agency's when it is not the document's agency and no other heading
    // names it or a name it belongs with (the tables of a subordinate unit name it each time).
    for (name, piece) in &owners {
        let related = |other: &str| same_agency(name, other);
        let in_title = view.doc.meta.title.as_deref().is_some_and(|t| compact(t).contains(name.as_str()));
        if in_title || agency.as_deref().is_some_and(related) {
            continue;
        }
        let others = owners.iter().filter(|(other, p)| !std::ptr::eq(p, piece) && related(other)).count();
        let majority = agency.is_some() || owners.len() >= 3;
        if others == 0 && majority {
            findings.push(fail(piece, name, "其他单位名称", "another agency's name"));
        }
    }
    if checked {
        findings.push(rules::CONSISTENCY_AGENCY.finding(
            FindingStatus::Pass,
            [None; 3],
            None,
            "已检查标题与表题中的单位名称".to_string(),
            "agency names in headings and titles checked".to_string(),
            Vec::new(),
        ));
    }
}

/// `深圳市医疗保障局(本级)` → `深圳市医疗保障局`: a name without the bracket that ends it.
fn without_trailing_bracket(name: &str) -> String {
    let trimmed = name.trim_end();
    if trimmed.ends_with([')', '）']) {
        if let Some(open) = trimmed.rfind(['(', '（']) {
            return trimmed[..open].to_string();
        }
    }
    trimmed.to_string()
}

/// Whether a name printed in a heading is the document's agency: one contains the other once
/// party prefixes (中共) and a trailing 本级/机关 are set aside.
fn same_agency(name: &str, agency: &str) -> bool {
    let clean = |s: &str| {
        let s = s.trim_start_matches("中共").trim_start_matches("中国共产党");
        s.trim_end_matches("本级").trim_end_matches("机关").to_string()
    };
    let (name, agency) = (clean(name), clean(agency));
    // One inside the other, or the name's characters in order within the agency's (a reader
    // that dropped a run, `上海市规划和自然资源局` for `上海市普陀区规划和自然资源局`).
    name.contains(&agency) || agency.contains(&name) || subsequence(&name, &agency) || subsequence(&agency, &name)
}

fn subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

fn fail(piece: &Printed, word: &str, what_zh: &str, what_en: &str) -> Finding {
    rules::CONSISTENCY_AGENCY.finding(
        FindingStatus::Fail,
        [None; 3],
        None,
        format!("{what_zh}「{word}」：{}", piece.text.trim().chars().take(60).collect::<String>()),
        format!("{what_en} '{word}': {}", piece.text.trim().chars().take(60).collect::<String>()),
        vec![piece.reference("actual", what_zh, word)],
    )
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn failed(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "consistency.agency_name", FindingStatus::Fail)
    }

    /// Stated amounts: a text without any is a landing page, not a disclosure, and is not checked.
    const AMOUNTS: &str = "收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n";

    #[test]
    fn placeholder_fails() {
        let found =
            failed(&format!("成安县医疗保障局2023年部门预算\n\n{AMOUNTS}第一部分 成安县XX局2023年部门预算情况说明\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("XX"));
        assert_eq!(failed(&format!("成安县医疗保障局2023年部门预算\n\n{AMOUNTS}××单位负责全县医保工作。\n")).len(), 1);
    }

    #[test]
    fn another_agency_in_a_heading_fails() {
        let text = "成安县医疗保障局2023年部门预算\n\n收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n第一部分 魏县医疗保障局2023年部门预算情况说明\n";
        assert_eq!(failed(text).len(), 1);
    }

    #[test]
    fn an_agency_named_with_its_part_in_brackets_is_checked() {
        let text = "深圳市医疗保障局（本级）2026年部门预算\n\n收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n2026年深圳市教育局部门预算收入\n";
        assert_eq!(failed(text).len(), 1, "{:?}", failed(text));
        let own = text.replace("深圳市教育局", "深圳市医疗保障局（本级）");
        assert!(failed(&own).is_empty(), "{:?}", failed(&own));
    }

    #[test]
    fn a_short_name_in_a_part_heading_fails_and_a_cited_superior_body_passes() {
        let head = "成安县医疗保障局2023年部门预算\n\n收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n";
        assert_eq!(failed(&format!("{head}第三部分 教育局部门预算情况说明........16\n")).len(), 1);
        assert!(failed(&format!("{head}第三部分 医疗保障局部门预算情况说明........16\n")).is_empty());
        assert!(failed(&format!("{head}财政局2023年部门预算编制重点说明事项通知要求预算\n")).is_empty());
    }

    #[test]
    fn own_name_and_plain_text_pass() {
        let text = "成安县医疗保障局2023年部门预算\n\n第一部分 成安县医疗保障局2023年部门预算情况说明\n\n本部门有车辆2辆，XL型号。\n";
        assert!(failed(text).is_empty());
    }
}

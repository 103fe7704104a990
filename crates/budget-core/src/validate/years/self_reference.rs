//! The year of a sentence that names this document: `我校2020年度部门预算包括…`,
//! `纳入本部门2025年部门预算编制范围的…`, `XX局2023年度部门决算表`, `关于XX局2025年支出预算情况说明`
//! in a document of another year is a contradiction, wherever it is printed (a heading merged with
//! the next 目录 line, a paragraph, a title).
//!
//! Conventions (read from published disclosures): the document names itself as
//! `[agency]Y年[度][agency](部门|单位)(预算|决算)` with its own kind (预算 in a 预算), or as
//! `Y年[收入|支出|收支…](预算|决算)情况说明`. A mention that compares or cites another year's
//! figures (`比2025年部门预算增加`, `2023年部门决算数`, `与…相比`, `…执行情况`) is not a
//! self-reference and stays legal; so is a mention of the other kind (a 预算 citing a 决算).

use std::sync::OnceLock;

use regex::Regex;

use crate::model::DocumentKind;
use crate::model::Finding;
use crate::text::last_chars;
use crate::validate::printed::Printed;

/// Words just before a year that make it a comparison or a citation of another year.
const BEFORE_WORDS: [&str; 11] = ["比", "较", "与", "同", "对", "于", "上年", "去年", "以前", "截至", "截止"];
/// How a self-reference `…部门预算` goes on: the document's contents, parts or scope
/// (`2025年部门预算绩效服务尾款` is a project named after a budget, not a self-reference).
const SELF_CONTINUATIONS: [&str; 20] = [
    "包括", "包含", "编制", "情况", "表", "公开", "收入", "支出", "收支", "总", "范围", "报告", "说明", "由", "涉及",
    "，", "。", "：", ":", ",",
];
/// Words just after a self-reference that make it a citation of another year's figures.
const AFTER_WORDS: [&str; 13] =
    ["数", "执行", "相比", "比", "增", "减", "持平", "调整", "批复", "中", "的", "已", "完成"];

fn self_reference_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"((?:19|20)\d{2})年度?",
            // An agency name (`深圳市民政局（本级）`) or a part (`支出`) between year and kind.
            r"([\p{Han}（）()]{0,20}?)",
            r"(?:(部门|单位)(预算|决算)|(预算|决算)情况说明)",
        ))
        .expect("self-reference pattern compiles")
    })
}

/// Checks one printed text; returns whether a self-reference was judged.
pub(super) fn self_reference_year(
    piece: &Printed,
    text: &str,
    year: i32,
    kind: Option<DocumentKind>,
    findings: &mut Vec<Finding>,
) -> bool {
    let Some(kind) = kind else { return false };
    let mut judged = false;
    for captures in self_reference_regex().captures_iter(text) {
        let (Some(whole), Some(stated)) = (captures.get(0), captures.get(1)) else { continue };
        let middle = captures.get(2).map_or("", |m| m.as_str());
        let named_kind = captures.get(4).or_else(|| captures.get(5)).map_or("", |m| m.as_str());
        if named_kind != kind.as_str() || !middle_is_agency_or_part(middle, captures.get(3).is_some()) {
            continue;
        }
        let before = last_chars(&text[..whole.start()], 4);
        let after: String = text[whole.end()..].chars().take(3).collect();
        // `纳入2025年部门预算的政府采购项目`: what this budget takes in, named with `的`.
        let taken_in = ends_taken_in(&text[..whole.start()]) && after.starts_with('的');
        if BEFORE_WORDS.iter().any(|w| before.contains(w))
            || (!taken_in && AFTER_WORDS.iter().any(|w| after.starts_with(w)))
        {
            continue;
        }
        if captures.get(3).is_some()
            && !after.is_empty()
            && !taken_in
            && !SELF_CONTINUATIONS.iter().any(|w| after.starts_with(w))
        {
            continue;
        }
        let Ok(stated_year) = stated.as_str().parse::<i32>() else { continue };
        judged = true;
        if stated_year != year {
            findings.push(super::wrong_year(
                year,
                stated_year,
                format!("「{}」称本文件为{stated_year}年，文件年度为 {year}", whole.as_str()),
                format!("'{}' names this document as of {stated_year}, the document is for {year}", whole.as_str()),
                piece.reference("actual", "自称年度", stated.as_str()),
            ));
        }
    }
    judged
}

/// Whether the text before a year ends with `纳入` / `列入` (optionally `本部门`, `本单位`).
fn ends_taken_in(before: &str) -> bool {
    let before = before.trim_end_matches("本部门").trim_end_matches("本单位");
    before.ends_with("纳入") || before.ends_with("列入")
}

/// The year of this budget's allocation (`2026年预算安排中，不涉及购置…`, `公务接待费2026年预算安排
/// 6.10万元`) in a 预算: another year is a contradiction unless the sentence compares years (it
/// names the document's year too, or `比`/`较`/`与`/`上年` come just before).
pub(super) fn allocation_year(piece: &Printed, text: &str, year: i32, findings: &mut Vec<Finding>) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年度?预算安排").expect("allocation pattern compiles"));
    let own = format!("{year}年");
    let mut judged = false;
    for sentence in text.split(['。', '；', ';']) {
        for captures in re.captures_iter(sentence) {
            let (Some(whole), Some(stated)) = (captures.get(0), captures.get(1)) else { continue };
            let before = last_chars(&sentence[..whole.start()], 4);
            let after: String = sentence[whole.end()..].chars().take(2).collect();
            if BEFORE_WORDS.iter().any(|w| before.contains(w))
                || ["数", "执行", "相比", "比", "较", "调整"].iter().any(|w| after.starts_with(w))
            {
                continue;
            }
            let Ok(stated_year) = stated.as_str().parse::<i32>() else { continue };
            judged = true;
            if stated_year != year && !sentence.contains(&own) {
                findings.push(super::wrong_year(
                    year,
                    stated_year,
                    format!("「{}」称本预算为{stated_year}年，文件年度为 {year}", whole.as_str()),
                    format!(
                        "'{}' names this budget's allocation as of {stated_year}, the document is for {year}",
                        whole.as_str()
                    ),
                    piece.reference("actual", "预算安排年度", stated.as_str()),
                ));
            }
        }
    }
    judged
}

/// Between the year and `部门预算` only an agency's name or nothing; between the year and
/// `预算情况说明` only a part of the budget (`收入`, `支出`, `财政拨款收支`).
fn middle_is_agency_or_part(middle: &str, names_department: bool) -> bool {
    if middle.is_empty() {
        return true;
    }
    if ["比", "较", "与", "和", "及", "年", "月"].iter().any(|w| middle.contains(w)) {
        return false;
    }
    if names_department {
        const AGENCY_ENDS: [&str; 16] =
            ["局", "委", "厅", "办", "校", "院", "会", "中心", "室", "部", "站", "所", "队", "馆", "级）", "级)"];
        AGENCY_ENDS.iter().any(|e| middle.ends_with(e))
    } else {
        const PARTS: [&str; 6] = ["收入", "支出", "收支", "财政拨款收支", "财政拨款收入", "财政拨款支出"];
        PARTS.contains(&middle)
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn failed(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "consistency.year", FindingStatus::Fail)
    }

    use crate::validate::TEST_BUDGET_HEAD as HEAD;

    #[test]
    fn a_sentence_naming_this_document_with_another_year_fails() {
        let found = failed(&format!("{HEAD}我校2025年度部门预算包括大学、附属中学及附属小学。\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("2025"));
        assert_eq!(failed(&format!("{HEAD}纳入本部门2018年部门预算编制范围的二级预算单位包括：\n")).len(), 1);
        assert_eq!(failed(&format!("{HEAD}2025年深圳市民政局（本级）部门预算收入100.00万元，其中：\n")).len(), 1);
        assert_eq!(failed(&format!("{HEAD}（三）关于某市水利局2025年支出预算情况说明，详见下文。\n")).len(), 1);
        assert_eq!(failed(&format!("{HEAD}某市水利局（本级）纳入2025年部门预算的政府采购项目共3个。\n")).len(), 1);
    }

    #[test]
    fn the_year_of_this_budgets_allocation() {
        let wrong = format!("{HEAD}截至2025年底，本部门共有车辆15台。2025年预算安排中，不涉及购置大型设备。\n");
        assert_eq!(failed(&wrong).len(), 1, "{:?}", failed(&wrong));
        assert!(failed(&wrong.replace("2025年预算安排", "2026年预算安排")).is_empty());
        // Comparisons of two years' allocations stay legal.
        assert!(failed(&format!("{HEAD}公务接待费比2025年预算安排减少1.00万元。\n")).is_empty());
        assert!(failed(&format!("{HEAD}2025年预算安排10.00万元，2026年预算安排12.00万元。\n")).is_empty());
    }

    #[test]
    fn own_year_comparisons_and_the_other_kind_pass() {
        assert!(failed(&format!("{HEAD}我校2026年度部门预算包括大学、附属中学及附属小学。\n")).is_empty());
        assert!(failed(&format!("{HEAD}收入预算比2025年部门预算增加10.00万元，主要原因是……。\n")).is_empty());
        assert!(failed(&format!("{HEAD}2025年部门决算数为90.00万元，本年预算有所增加。\n")).is_empty());
        assert!(failed(&format!("{HEAD}与2025年部门预算相比，基本支出增加1.00万元。\n")).is_empty());
        assert!(failed(&format!("{HEAD}纳入2026年部门预算的政府采购项目共3个。\n")).is_empty());
        assert!(failed(&format!("{HEAD}2025年部门预算的执行情况良好。\n")).is_empty());
    }
}

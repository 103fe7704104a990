//! The year the published file is titled with: an attachment named `…委办公厅2017年预算公开表格`
//! whose content says 2016 (its only dated title, `2016年政府采购预算表`) has one of the two wrong.
//! A reviewer reads the attachment's name as its title, so the check is a warning that names both.
//!
//! Judged only when the file's name reads as a disclosure's title: it names the kind (预算/决算)
//! and exactly one year written as a year (`2017年`, `2017年度`); a name with two years
//! (`2026年…局2025年部门预算`, the year of publication and the budget year) is not judged.

use std::sync::OnceLock;

use regex::Regex;

use super::super::finding::{Finding, FindingStatus};
use super::super::rules;
use crate::model::Document;

fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})年?度?(?:部门|单位|预算|决算)|(?:^|[^0-9])((?:19|20)\d{2})年")
            .expect("year pattern compiles")
    })
}

/// The one year the file's name gives, when it reads as a disclosure's title.
fn file_year(source: &str) -> Option<(i32, String)> {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    if !(name.contains("预算") || name.contains("决算")) {
        return None;
    }
    let years: Vec<i32> =
        year_regex().captures_iter(name).filter_map(|c| c.get(1).or_else(|| c.get(2))?.as_str().parse().ok()).collect();
    match years.as_slice() {
        [year] => Some((*year, name.to_string())),
        _ => None,
    }
}

/// How many times a document may print its year and still be dated by its file's name.
const DATED_PLACES: usize = 2;

/// A warning when the file's name gives another year than the document's content.
/// `printed(y)`: how many times the document prints `y年`.
pub(super) fn file_name_year(doc: &Document, year: i32, printed: &dyn Fn(i32) -> usize, findings: &mut Vec<Finding>) {
    let Some((named, name)) = file_year(&doc.source) else { return };
    // A document that prints its year in several places is dated by them: a file named for another
    // year is the collector's label, not the document's error. Judged when the content prints the
    // file's year no more often than its own, and its own year at most [`DATED_PLACES`] times (a
    // cover printing the file's year once, `江苏省2018年度`, against one table title of 2017).
    if named != year && (printed(named) > printed(year) || printed(year) > DATED_PLACES) {
        return;
    }
    let status = if named == year { FindingStatus::Pass } else { FindingStatus::Warn };
    let (zh, en) = if named == year {
        (
            format!("文件名称的年度 {named} 与文件内容相符"),
            format!("the file's name gives {named}, as the content does"),
        )
    } else {
        (
            format!("文件名称「{name}」的年度 {named} 与文件内容的年度 {year} 不符"),
            format!("the file's name '{name}' gives {named}, its content {year}"),
        )
    };
    findings.push(rules::CONSISTENCY_YEAR.finding(
        status,
        [Some(named.into()), Some(year.into()), Some((year - named).into())],
        None,
        zh,
        en,
        // The file's name is not on any page: it is named in the message, not as a number.
        Vec::new(),
    ));
}

#[cfg(test)]
mod tests {
    use super::file_year;
    use crate::FindingStatus;

    const BODY: &str = "部门收支总表\n\t单位：万元\n\n\t项目\n\t金额\n\n\t收入总计\n\t10.00\n\n部门收入总表\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t10.00\n\n";

    fn warned(name: &str, text: &str) -> Vec<String> {
        let doc = crate::parse_bytes(name, text.as_bytes()).expect("parses");
        doc.findings
            .iter()
            .filter(|f| f.rule == "consistency.year" && f.status == FindingStatus::Warn)
            .map(|f| f.message_zh.clone())
            .collect()
    }

    #[test]
    fn a_file_named_for_another_year_warns() {
        let text = format!("{BODY}2016年政府采购预算表\n");
        let found = warned("江苏省委办公厅2017年预算公开表格.txt", &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("2017") && found[0].contains("2016"), "{found:?}");
    }

    #[test]
    fn a_cover_and_a_file_name_against_the_only_dated_title_warn() {
        let text = format!("江苏省2017年度\n\n{BODY}2016年政府采购预算表\n");
        assert_eq!(warned("江苏省委办公厅2017年预算公开表格.txt", &text).len(), 1);
        let text = format!("江苏省2017年度\n\n2017年工作要点\n\n{BODY}2016年政府采购预算表\n");
        assert!(warned("江苏省委办公厅2017年预算公开表格.txt", &text).is_empty());
    }

    #[test]
    fn a_document_that_prints_its_year_often_is_dated_by_it() {
        let text = format!("{BODY}2016年政府采购预算表\n\n2016年部门预算情况说明\n\n2016年部门收支总表说明\n");
        assert!(warned("江苏省委办公厅2017年预算公开表格.txt", &text).is_empty());
    }

    #[test]
    fn a_file_named_for_its_year_or_with_two_years_passes() {
        let text = format!("{BODY}2017年政府采购预算表\n");
        assert!(warned("江苏省委办公厅2017年预算公开表格.txt", &text).is_empty());
        assert_eq!(file_year("2026年长沙市公安局2025年部门预算.pdf"), None);
        assert_eq!(file_year("swu_2021_department_budget.pdf"), None);
        assert_eq!(file_year("江苏省政协办公厅2018度部门预算公开表.pdf").map(|(y, _)| y), Some(2018));
    }
}

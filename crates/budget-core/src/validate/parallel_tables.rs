//! Tables printed in two parallel series, as a warning: a document that prints its expenditure
//! both as 财政拨款 tables and as 一般公共预算 tables (`财政拨款支出预算表` and `一般公共预算支出预算表`)
//! prints the basic (项目) expenditure table of both series; one series' `基本支出预算表` without
//! the other's is a table left out. The standard set names only one of the two, so the
//! [`super::completeness`] rules cannot see it.

use super::finding::{Finding, FindingStatus, NumberRef};
use super::printed::strip_numbering;
use super::rules;
use super::tables::DocumentView;
use crate::text::compact;

/// The two series: the words that open a title's series and what follows them.
const SERIES: [&str; 2] = ["财政拨款", "一般公共预算"];
/// The breakdowns of the expenditure table each series prints alike.
const BREAKDOWNS: [&str; 2] = ["基本支出", "项目支出"];

/// What a title names after its series word (`…法院部门一般公共预算基本支出预算表（经济科目）` →
/// (1, `基本支出预算表`)); `None` for a title of neither series.
fn series_of(title: &str) -> Option<(usize, String)> {
    let text = compact(title);
    let text = strip_numbering(&text);
    let (series, at) = SERIES.iter().enumerate().find_map(|(s, w)| text.find(w).map(|at| (s, at + w.len())))?;
    let rest: String = text[at..].split(['(', '（']).next().unwrap_or_default().to_string();
    Some((series, rest))
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let titled: Vec<(usize, String, &crate::model::Table)> = doc
        .tables
        .iter()
        .filter_map(|t| {
            let (series, rest) = series_of(t.title.as_deref()?)?;
            Some((series, rest, t))
        })
        .collect();
    // Both series print the expenditure table (`支出预算表`, `支出决算表`, `支出表`).
    let prints_expenditure = |series: usize| {
        titled.iter().any(|(s, rest, _)| *s == series && rest.starts_with("支出") && rest.ends_with('表'))
    };
    if !(prints_expenditure(0) && prints_expenditure(1)) {
        return;
    }
    let mut complete = true;
    for breakdown in BREAKDOWNS {
        let printed: Vec<&(usize, String, &crate::model::Table)> =
            titled.iter().filter(|(_, rest, _)| rest.starts_with(breakdown)).collect();
        let Some(&&(series, _, table)) = printed.first() else { continue };
        if printed.iter().any(|(s, _, _)| *s != series) {
            continue;
        }
        complete = false;
        let title = table.title.as_deref().unwrap_or_default().trim().to_string();
        let missing = format!("{}{breakdown}表", SERIES[1 - series]);
        findings.push(rules::COMPLETENESS_PARALLEL.finding(
            FindingStatus::Warn,
            [None; 3],
            None,
            format!("文件按{}和{}两套口径公开支出表，公开了「{title}」，未见{missing}", SERIES[0], SERIES[1]),
            format!(
                "the document prints both {} and {} expenditure tables and '{title}', but no {missing}",
                SERIES[0], SERIES[1]
            ),
            vec![NumberRef {
                role: "actual".to_string(),
                label: "表题".to_string(),
                amount: None,
                amount_printed: title.clone(),
                provenance: table.provenance.clone(),
                table_index: Some(table.index),
                fact_index: None,
            }],
        ));
    }
    if complete {
        findings.push(rules::COMPLETENESS_PARALLEL.finding(
            FindingStatus::Pass,
            [None; 3],
            None,
            "两套口径的支出表均公开了基本支出（项目支出）表".to_string(),
            "both series print their breakdown tables".to_string(),
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const BODY: &str = "\t科目编码\n\t科目名称\n\t金额\n\n\t\n\t合计\n\t10.00\n";

    fn document(titles: &[&str]) -> String {
        let mut text = String::from("中共江苏省委办公厅2019年部门预算\n\n");
        for title in titles {
            text.push_str(&format!("{title}\n\t单位：万元\n\n{BODY}\n"));
        }
        text
    }

    fn warned(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "completeness.parallel_series", FindingStatus::Warn)
    }

    #[test]
    fn one_series_without_its_basic_table_warns() {
        let text = document(&[
            "财政拨款支出预算表",
            "财政拨款基本支出预算表（经济科目）",
            "一般公共预算支出预算表（功能科目）",
        ]);
        let found = warned(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("一般公共预算基本支出表"), "{found:?}");
    }

    #[test]
    fn both_series_complete_or_one_series_only_pass() {
        let both = document(&[
            "财政拨款支出预算表",
            "财政拨款基本支出预算表",
            "一般公共预算支出预算表",
            "一般公共预算基本支出预算表",
        ]);
        assert!(warned(&both).is_empty());
        let one = document(&["财政拨款收支总表", "一般公共预算支出表", "一般公共预算基本支出表"]);
        assert!(warned(&one).is_empty());
    }
}

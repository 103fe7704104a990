//! The year of a table's column headers: `2026年基本支出` over the columns of a 2026 预算's table
//! is the budget year; `2025年基本支出` there, with no other year beside it, is a contradiction.
//!
//! Conventions (read from published disclosures): a column naming one year and no comparison
//! (`上年`, `执行`, `比`, `增减`, …) nor the other kind (`2025年决算数` in a 预算) gives the year of
//! the table's own figures. A table whose columns name two years (`2025年预算数 | 2026年预算数`)
//! compares them and is not judged.

use std::collections::BTreeSet;

use super::super::finding::Finding;
use super::super::printed::{Origin, Printed};
use super::year_regex;
use crate::model::{Document, DocumentKind};
use crate::text::compact;

/// Words of a column header that compare years or report another year's figures.
const COMPARING_WORDS: [&str; 13] =
    ["上年", "去年", "以前", "历年", "执行", "比", "较", "增减", "增长", "变动", "调整", "同期", "结转"];

/// How long a header segment naming a year may be (`2026年一般公共预算财政拨款支出`).
const MAX_HEADER_CHARS: usize = 20;

/// Checks every table's column headers; returns how many tables were judged. `printed_times(y)`:
/// how many times the document prints `y年`.
pub(super) fn column_years(
    doc: &Document,
    year: i32,
    kind: Option<DocumentKind>,
    printed_times: &dyn Fn(i32) -> usize,
    findings: &mut Vec<Finding>,
) -> usize {
    let Some(kind) = kind else { return 0 };
    let other_kind = match kind {
        DocumentKind::Budget => "决算",
        DocumentKind::FinalAccount => "预算执行",
    };
    let mut judged = 0;
    for table in &doc.tables {
        let mut years: BTreeSet<i32> = BTreeSet::new();
        let mut first: Option<(i32, String, &String)> = None;
        for column in &table.columns {
            let text = compact(column);
            if COMPARING_WORDS.iter().any(|w| text.contains(w)) || text.contains(other_kind) {
                continue;
            }
            // A header names its year first (`2026年基本支出`, `（2026年度）预算数`); a year inside
            // a longer text is a body cell read into the header (a project's name).
            let named: BTreeSet<i32> = text
                .split('/')
                .filter(|segment| segment.chars().count() <= MAX_HEADER_CHARS)
                .filter_map(|segment| year_regex().captures(segment.trim_start_matches(['(', '（'])))
                .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                .filter_map(|c| c.get(1)?.as_str().parse().ok())
                .collect();
            if named.len() > 1 {
                years.extend(named);
                continue;
            }
            if let Some(&stated) = named.first() {
                years.insert(stated);
                if first.is_none() {
                    let printed = format!("{stated}年");
                    first = Some((stated, printed, column));
                }
            }
        }
        let Some((stated, printed, column)) = first else { continue };
        if years.len() != 1 {
            continue;
        }
        judged += 1;
        // A document that prints another year more often than the year it was read as is dated
        // by its own words: the year read is what is in doubt, not its column headers.
        if stated != year && printed_times(stated) <= printed_times(year) {
            let piece = Printed { text: column, provenance: &table.provenance, origin: Origin::Header(table.index) };
            findings.push(super::wrong_year(
                year,
                stated,
                format!("表{}的栏目「{}」的年度 {stated} 与文件年度 {year} 不符", table.index + 1, column.trim()),
                format!(
                    "table {}'s column '{}' says {stated}, the document is for {year}",
                    table.index + 1,
                    column.trim()
                ),
                piece.reference("actual", "栏目年度", &printed),
            ));
        }
    }
    judged
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn failed(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "consistency.year", FindingStatus::Fail)
    }

    use crate::validate::TEST_BUDGET_HEAD as HEAD;

    fn table(header: &str) -> String {
        format!(
            "{HEAD}一般公共预算基本支出表\n\t单位：万元\n\n\t科目名称\n\t{header}\n\n\t工资福利支出\n\t80.00\n\n\t合计\n\t80.00\n\n"
        )
    }

    #[test]
    fn a_column_naming_another_year_fails() {
        let found = failed(&table("2025年基本支出"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("2025"), "{found:?}");
    }

    #[test]
    fn own_year_last_years_figures_and_comparisons_pass() {
        assert!(failed(&table("2026年基本支出")).is_empty());
        assert!(failed(&table("2025年执行数")).is_empty());
        assert!(failed(&table("2025年决算数")).is_empty());
        let two = format!(
            "{HEAD}一般公共预算基本支出表\n\t单位：万元\n\n\t科目名称\n\t2025年预算数\n\t2026年预算数\n\n\t工资福利支出\n\t70.00\n\t80.00\n\n\t合计\n\t70.00\n\t80.00\n\n"
        );
        assert!(failed(&two).is_empty(), "{:?}", failed(&two));
    }
}

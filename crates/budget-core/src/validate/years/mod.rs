//! One year throughout: the year printed in a part heading or a table title
//! (`2023年度部门决算情况说明` in a 2024 document) and the date of the asset section
//! (`截至2023年12月31日` in a 2024 决算) agree with the document's year.
//!
//! Conventions (read from published disclosures): a heading that names the document's own kind
//! (预算 in a 预算, 决算 in a 决算) or a 情况说明 / 表 carries the budget year `Y`; a heading that
//! compares or reports execution (`比…`, `执行`, `上年`) or names two years is not judged. The asset
//! and vehicle figures of a 决算 of `Y` are as at `Y年12月31日`; those of a 预算 of `Y` are as at a
//! date in `Y-1` (`截至Y-1年12月31日`, `…8月31日`) or early in `Y`.

mod columns;
mod file_name;
mod self_reference;

use std::sync::OnceLock;

use regex::Regex;

use super::finding::{Finding, FindingStatus, NumberRef};
use super::printed::{printed, Origin, Printed};
use super::rules;
use super::tables::DocumentView;
use crate::model::DocumentKind;
use crate::text::compact;

/// Words of a heading that compares years or reports on another year.
const OTHER_YEAR_WORDS: [&str; 12] =
    ["比", "较", "与", "同比", "持平", "增", "减", "执行", "上年", "以前", "历年", "结转"];
/// How a heading naming a part of a disclosure ends.
const PART_ENDINGS: [&str; 12] =
    ["预算", "决算", "表", "说明", "情况", "公开", "目录", "报告", "概况", "附件", "收入", "支出"];
/// Words near a date that make it the date of the asset section.
const ASSET_WORDS: [&str; 7] = ["资产", "车辆", "房屋", "固定资产", "设备", "占有", "占用"];

pub(super) fn year_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)\d{2})年度?").expect("year pattern compiles"))
}

fn as_of_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"截[至止](?:到)?((?:19|20)\d{2})年(?:(\d{1,2})月(?:(\d{1,2})日)?|底|末)")
            .expect("date pattern compiles")
    })
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let Some(year) = view.doc.meta.year else { return };
    let kind = view.doc.meta.kind;
    let mut checked = 0usize;
    let pieces = printed(view.doc);
    let texts: Vec<String> = pieces.iter().map(|p| compact(p.text)).collect();
    // How many times the document prints `Y年`: what dates it when a header or the file's name
    // gives another year.
    let whole = texts.join("\n");
    let times_printed = |y: i32| whole.matches(&format!("{y}年")).count();
    for (piece, text) in pieces.iter().zip(&texts) {
        let reported = findings.len();
        if piece.is_heading_like() {
            checked += usize::from(heading_year(piece, text, year, kind, findings));
        }
        if findings.len() == reported {
            checked += usize::from(self_reference::self_reference_year(piece, text, year, kind, findings));
        }
        if findings.len() == reported && kind == Some(DocumentKind::Budget) {
            checked += usize::from(self_reference::allocation_year(piece, text, year, findings));
        }
        checked += usize::from(asset_date(piece, text, year, kind, findings));
    }
    checked += columns::column_years(view.doc, year, kind, &times_printed, findings);
    checked += split_sentences(view.doc, year, kind, findings);
    file_name::file_name_year(view.doc, year, &times_printed, findings);
    if checked > 0 {
        findings.push(rules::CONSISTENCY_YEAR.finding(
            FindingStatus::Pass,
            [None; 3],
            None,
            format!("{checked} 处标题、表题或截止日期的年度与文件年度 {year} 相符或已报告"),
            format!("{checked} headings, titles or dates checked against the document's year {year}"),
            Vec::new(),
        ));
    }
}

/// A sentence read as a table row, its year in one cell and `年…` in the next
/// (`2026 | 年某市水利局（本级）部门预算收入 | 28,283.46 | 万`): the row's cells joined are checked
/// as the sentence they were printed as. Returns how many were judged.
fn split_sentences(
    doc: &crate::model::Document,
    year: i32,
    kind: Option<DocumentKind>,
    findings: &mut Vec<Finding>,
) -> usize {
    let mut judged = 0;
    for table in &doc.tables {
        for (row, provenance) in table.rows.iter().zip(&table.row_provenance) {
            let split = row.windows(2).any(|pair| {
                let number = pair[0].trim();
                number.len() == 4
                    && (number.starts_with("19") || number.starts_with("20"))
                    && number.chars().all(|c| c.is_ascii_digit())
                    && pair[1].trim_start().starts_with('年')
            });
            if !split {
                continue;
            }
            let joined = compact(&row.concat());
            let piece = Printed { text: &joined, provenance, origin: Origin::Cell(table.index) };
            let reported = findings.len();
            judged += usize::from(self_reference::self_reference_year(&piece, &joined, year, kind, findings));
            if findings.len() == reported && kind == Some(DocumentKind::Budget) {
                judged += usize::from(self_reference::allocation_year(&piece, &joined, year, findings));
            }
        }
    }
    judged
}

/// A heading or title naming a year: returns whether it was judged.
fn heading_year(
    piece: &Printed,
    text: &str,
    year: i32,
    kind: Option<DocumentKind>,
    findings: &mut Vec<Finding>,
) -> bool {
    let own_kind = kind.map_or(text.contains("预算") || text.contains("决算"), |k| text.contains(k.as_str()));
    // A heading names a part of the disclosure when it ends as one does (`…部门预算`, `…情况说明`,
    // `…决算表`); `2025年部门预算绩效服务尾款成本` is a project, not a part heading.
    // A 目录 line ends in leader dots and its page number.
    let heading =
        text.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '…' | '·'));
    let ends_as_part = PART_ENDINGS.iter().any(|e| heading.ends_with(e));
    let names_part = (own_kind || text.contains("情况说明") || text.ends_with('表')) && ends_as_part;
    if !names_part || OTHER_YEAR_WORDS.iter().any(|w| text.contains(w)) {
        return false;
    }
    let years: Vec<(i32, &str)> = year_regex()
        .captures_iter(text)
        .filter_map(|c| Some((c.get(1)?.as_str().parse().ok()?, c.get(0)?.as_str())))
        .collect();
    let Some(&(first, printed)) = years.first() else { return false };
    if years.iter().any(|&(y, _)| y != first) {
        return false;
    }
    if first != year {
        findings.push(wrong_year(
            year,
            first,
            format!("标题「{}」的年度 {first} 与文件年度 {year} 不符", piece.text.trim()),
            format!("the heading '{}' says {first}, the document is for {year}", piece.text.trim()),
            piece.reference("actual", "标题年度", printed),
        ));
    }
    true
}

/// An as-at date of the asset section: returns whether one was judged.
fn asset_date(piece: &Printed, text: &str, year: i32, kind: Option<DocumentKind>, findings: &mut Vec<Finding>) -> bool {
    let mut judged = false;
    for captures in as_of_regex().captures_iter(text) {
        let (Some(whole), Some(stated)) = (captures.get(0), captures.get(1)) else { continue };
        let after: String = text[whole.end()..].chars().take(40).collect();
        if !ASSET_WORDS.iter().any(|w| after.contains(w)) {
            continue;
        }
        let Ok(stated_year) = stated.as_str().parse::<i32>() else { continue };
        judged = true;
        // A document of unknown kind gets the wider window of a 预算.
        let allowed = match kind {
            Some(DocumentKind::FinalAccount) => stated_year == year,
            _ => stated_year == year - 1 || stated_year == year,
        };
        if !allowed {
            let expected = match kind {
                Some(DocumentKind::FinalAccount) => format!("{year}年"),
                _ => format!("{}年或{year}年初", year - 1),
            };
            let kind_word = kind.map_or("文件", DocumentKind::as_str);
            findings.push(wrong_year(
                year,
                stated_year,
                format!("资产情况的截止日期「{}」与{year}年{kind_word}不符（应为{expected}）", whole.as_str()),
                format!("the asset date '{}' does not fit a {year} {kind_word}", whole.as_str()),
                piece.reference("actual", "截止日期", whole.as_str()),
            ));
        }
    }
    judged
}

/// A failed `consistency.year`: `stated` printed where the document's `year` belongs.
fn wrong_year(year: i32, stated: i32, zh: String, en: String, printed: NumberRef) -> Finding {
    rules::CONSISTENCY_YEAR.finding(
        FindingStatus::Fail,
        [Some(year.into()), Some(stated.into()), Some((stated - year).into())],
        None,
        zh,
        en,
        vec![printed],
    )
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn failed(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "consistency.year", FindingStatus::Fail)
    }

    // A title and stated amounts: a document without amounts is a landing page, not a disclosure.
    const HEAD: &str = "上海市某区财政局2024年度部门决算\n\n本年收入合计100.00万元。\n\n本年支出合计100.00万元。\n\n基本支出80.00万元。\n\n";

    #[test]
    fn wrong_year_in_a_part_heading_fails() {
        let found = failed(&format!("{HEAD}第三部分 2023年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("2023"));
    }

    #[test]
    fn a_project_named_after_last_years_budget_is_no_heading() {
        assert!(failed(&format!("{HEAD}2023年部门决算绩效服务尾款成本\n")).is_empty());
        assert_eq!(
            failed(&format!("{HEAD}第二部分 2023年度部门决算表........ 9\n")).len(),
            1,
            "a 目录 line is a heading"
        );
    }

    #[test]
    fn right_year_and_comparisons_pass() {
        let text = format!("{HEAD}第三部分 2024年度部门决算情况说明\n\n收入比2023年度决算增加1.00万元。\n");
        assert!(failed(&text).is_empty());
    }

    #[test]
    fn asset_date_of_a_final_account() {
        let wrong = format!("{HEAD}截至2023年12月31日，本部门共有车辆2辆。\n");
        assert_eq!(failed(&wrong).len(), 1);
        let right = format!("{HEAD}截至2024年12月31日，本部门共有车辆2辆。\n");
        assert!(failed(&right).is_empty());
    }

    #[test]
    fn a_sentence_read_as_a_table_row_is_checked_as_printed() {
        let head = format!("{}第二部分 部门预算收支总体情况\n\n", crate::validate::TEST_BUDGET_HEAD);
        let row = |year: &str| {
            format!("{head}\t{year}\n\t年某市水利局（本级）部门预算收入\n\t100.00\n\t万\n\n\t2026\n\t年某市水利局（本级）部门预算支出\n\t100.00\n\t万\n\n")
        };
        let found = failed(&row("2025"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(failed(&row("2026")).is_empty(), "{:?}", failed(&row("2026")));
    }

    #[test]
    fn asset_date_of_a_budget_is_the_year_before() {
        let head = crate::validate::TEST_BUDGET_HEAD;
        assert!(failed(&format!("{head}截至2025年12月31日，本部门共有车辆2辆。\n")).is_empty());
        assert_eq!(failed(&format!("{head}截至2024年12月31日，本部门共有车辆2辆。\n")).len(), 1);
    }
}

//! Completeness, as warnings: a standard table the document's own 目录 lists but that is not in
//! the document, and a table of the standard set of the document's kind (预算/决算, 部门/单位)
//! that is missing from a document that publishes the set.

use super::finding::{Finding, FindingStatus, NumberRef};
use super::printed_titles::{contents, printed_titles, text_under, PrintedTitle, HEADER_WORDS};
use super::rules;
use super::standard_set::{entry_of_table, required, set_name, STANDARD};
use super::tables::DocumentView;
use crate::model::DocumentKind;
use crate::provenance::Provenance;

/// A document publishes the standard set when it has at least this many of its tables.
const SET_PUBLISHED: usize = 4;
pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let named: Vec<bool> =
        (0..STANDARD.len()).map(|at| doc.tables.iter().any(|t| entry_of_table(t) == Some(at))).collect();
    let published = named.iter().filter(|&&p| p).count();
    if published < SET_PUBLISHED {
        return;
    }
    let (listed, _) = contents(view);
    // A table whose title was not read stands for the missing table its neighbours frame; a title
    // printed outside the 目录 with no table read under it is an empty table (header only), there.
    let mut titled = vec![false; STANDARD.len()];
    let titles = printed_titles(view);
    for (at, title) in titles.iter().enumerate() {
        // Only a title with a table header printed under it: a bare title lost its table.
        let under = text_under(&doc.residual, title, titles.get(at + 1));
        if under.is_some_and(|(text, _)| HEADER_WORDS.iter().any(|w| text.contains(w)))
            || header_grid_follows(&doc.residual, title)
        {
            titled[title.entry] = true;
        }
    }
    let present: Vec<bool> =
        (0..STANDARD.len()).map(|at| named[at] || titled[at] || untitled_stand_in(doc, at)).collect();
    let kind = doc.meta.kind.unwrap_or(DocumentKind::Budget);
    for (at, provenance, line) in &listed {
        if present[*at] {
            continue;
        }
        let name = STANDARD[*at].name(kind);
        findings.push(rules::COMPLETENESS_CONTENTS.finding(
            FindingStatus::Warn,
            [None; 3],
            None,
            format!("目录列有「{line}」，文件中未见{name}"),
            format!("the 目录 lists '{line}' but the document has no {name}"),
            vec![word("actual", "目录", line, provenance)],
        ));
    }
    if !listed.is_empty() && listed.iter().all(|(at, _, _)| present[*at]) {
        findings.push(pass(
            rules::COMPLETENESS_CONTENTS,
            "目录所列标准表格均已公开",
            "every table the 目录 lists is present",
        ));
    }
    if doc.meta.kind.is_none() {
        return;
    }
    let set = set_name(kind, doc.meta.scope);
    let mut complete = true;
    for at in required().filter(|&at| !present[at]) {
        complete = false;
        let name = STANDARD[at].name(kind);
        findings.push(rules::COMPLETENESS_STANDARD_SET.finding(
            FindingStatus::Warn,
            [None; 3],
            None,
            format!("缺少{set}中的{name}"),
            format!("{name} of the standard set '{set}' is missing"),
            vec![word("expected", &set, name, &doc.tables[0].provenance)],
        ));
    }
    if complete {
        findings.push(pass(
            rules::COMPLETENESS_STANDARD_SET,
            &format!("{set}齐全"),
            "the standard table set is complete",
        ));
    }
}

/// The order the standard tables are printed in (indices into [`STANDARD`]): 收支, 收入, 支出,
/// 财政拨款收支, 一般公共预算支出, 基本支出, 三公, 政府性基金, 国有资本经营.
const PRINTED_ORDER: [usize; 9] = [6, 7, 8, 3, 5, 4, 0, 1, 2];

/// Whether an untitled, unrecognised table with a header and amounts sits right between the
/// tables printed just before and just after standard table `entry`: its title was lost in
/// reading, not the table.
fn untitled_stand_in(doc: &crate::model::Document, entry: usize) -> bool {
    let rank = |e: usize| PRINTED_ORDER.iter().position(|&x| x == e);
    let Some(wanted) = rank(entry) else { return false };
    let standard_rank = |index: usize| doc.tables.get(index).and_then(entry_of_table).and_then(rank);
    doc.tables.iter().any(|t| {
        let untitled = t.title.is_none() && t.kind == crate::model::TableKind::Unknown;
        let has_amounts = t.rows.iter().flatten().any(|c| c.contains('.') && c.chars().any(|d| d.is_ascii_digit()));
        let before = t.index.checked_sub(1).and_then(standard_rank);
        let after = standard_rank(t.index + 1);
        let header = t.columns.iter().filter(|c| !c.trim().is_empty()).count() >= 2;
        let framed = matches!((before, after), (Some(b), Some(a)) if b + 1 == wanted && wanted + 1 == a);
        untitled && has_amounts && header && framed
    })
}

/// How many short caption lines (`单位：苏州市生态环境局 单位：万元`) may stand between a title and
/// the grid of its table.
const CAPTION_LINES: usize = 3;

/// Whether a grid with a table header follows the printed `title` after at most [`CAPTION_LINES`]
/// short caption lines: the table was read, only its title was not joined to it (an empty table,
/// `本表无数据`, whose caption line kept the title apart).
fn header_grid_follows(blocks: &[crate::blocks::Block], title: &PrintedTitle) -> bool {
    use crate::blocks::BlockKind;
    let mut captions = 0usize;
    for (index, block) in blocks.iter().enumerate().skip(title.block) {
        match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => {
                let first = if index == title.block { title.line + 1 } else { 0 };
                for line in text.lines().skip(first) {
                    let line = crate::text::compact(line);
                    if line.is_empty() {
                        continue;
                    }
                    captions += 1;
                    let caption = line.chars().count() <= 60 && !line.contains('。') && !line.ends_with('表');
                    if !caption || captions > CAPTION_LINES {
                        return false;
                    }
                }
            }
            BlockKind::Table(grid) => {
                return grid.cells.iter().any(|c| HEADER_WORDS.iter().any(|w| c.text.contains(w)));
            }
        }
    }
    false
}

fn pass(rule: &rules::Rule, zh: &str, en: &str) -> Finding {
    rule.finding(FindingStatus::Pass, [None; 3], None, zh.to_string(), en.to_string(), Vec::new())
}

fn word(role: &str, label: &str, printed: &str, provenance: &Provenance) -> NumberRef {
    NumberRef {
        role: role.to_string(),
        label: label.to_string(),
        amount: None,
        amount_printed: printed.to_string(),
        provenance: provenance.clone(),
        table_index: None,
        fact_index: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn document(contents: &str, skip: Option<usize>) -> String {
        crate::validate::contents_and_tables(contents, skip)
    }

    fn warned(text: &str, rule: &str) -> Vec<String> {
        crate::validate::messages_of(text, rule, FindingStatus::Warn)
    }

    #[test]
    fn a_table_listed_in_the_contents_but_missing_warns() {
        let contents = "1、部门收支总表\n2、部门收入总表\n3、部门支出总表\n4、财政拨款收支总表\n5、一般公共预算支出表";
        let found = warned(&document(contents, Some(2)), "completeness.listed_in_contents");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("支出总表"));
        assert!(warned(&document(contents, None), "completeness.listed_in_contents").is_empty());
    }

    #[test]
    fn an_empty_table_whose_caption_kept_its_title_apart_is_present() {
        let contents = "1、部门收支总表\n2、部门收入总表\n3、部门支出总表\n4、财政拨款收支总表\n5、一般公共预算支出表\n6、政府性基金预算支出表";
        let mut text = document(contents, None);
        text.push_str("政府性基金预算支出表\n\n单位：苏州市生态环境局                    单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t\n\t合计\n\t\n");
        let found = warned(&text, "completeness.listed_in_contents");
        assert!(found.is_empty(), "{found:?}");
        let without = document(contents, None);
        assert_eq!(warned(&without, "completeness.listed_in_contents").len(), 1);
    }

    #[test]
    fn the_standard_set_names_what_is_missing() {
        let found = warned(&document("", None), "completeness.standard_set");
        assert!(found.iter().any(|m| m.contains("部门预算公开标准表") && m.contains("三公")), "{found:?}");
        assert!(!found.iter().any(|m| m.contains("缺少部门预算公开标准表（8张）中的收支总表")), "{found:?}");
    }

    #[test]
    fn an_empty_table_printed_as_text_right_after_the_contents_is_present() {
        // No running text between the 目录 and the tables: the 目录 ends where a title it lists
        // is printed again, so the empty table's title is not taken for a line of the 目录.
        let contents = "1、部门收支总表\n2、部门收入总表\n3、部门支出总表\n4、财政拨款收支总表\n5、一般公共预算支出表\n6、政府性基金预算支出表";
        let mut text = document(contents, None);
        text.push_str("政府性基金预算支出表\n单位：某市水利局 单位：万元\n本年政府性基金预算支出\n科目编码 科目名称\n合计 基本支出 项目支出\n合计\n注：本单位没有使用政府性基金安排的支出，故本表无数据。\n");
        let found = warned(&text, "completeness.listed_in_contents");
        assert!(found.is_empty(), "{found:?}");
        let without = document(contents, None);
        assert_eq!(warned(&without, "completeness.listed_in_contents").len(), 1);
    }
}

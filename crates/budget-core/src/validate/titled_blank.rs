//! Blank tables the reader saw only as text: a standard table's title printed outside the 目录,
//! its header words under it, and not one amount before the next table — while the narrative or
//! another table states a non-zero amount of what it holds, and no note says it is empty on
//! purpose (`本表无数据`, `本单位没有使用…`). Same rule as [`super::blank_tables`].

use std::sync::OnceLock;

use regex::Regex;

use super::blank_tables::evidence;
use super::finding::{Finding, FindingStatus, NumberRef};
use super::printed_titles::{printed_titles, text_under, HEADER_WORDS};
use super::rules;
use super::standard_set::{entry_of_table, STANDARD};
use super::tables::DocumentView;
use crate::model::DocumentKind;
use crate::provenance::Provenance;
use crate::text::compact;

/// Words of a note that says a table is empty on purpose.
const EMPTY_NOTES: [&str; 10] =
    ["空表", "无数据", "无此项", "为空", "本表无", "无相关", "没有使用", "未使用", "未安排", "不涉及"];

fn amount_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\d\.\d|[1-9]\d*(?:,\d{3})+").expect("amount pattern compiles"))
}

/// Whether a table read at `table` lies after `lower` and before `upper` (the end of the text when
/// `None`), in reading order (page, line, byte); when the reader gives no position, yes.
fn read_between(table: &Provenance, lower: &Provenance, upper: Option<&Provenance>) -> bool {
    let key = |p: &Provenance| (p.page.unwrap_or(0), p.line_start, p.byte_start);
    if key(table) == (0, 0, 0) || key(lower) == (0, 0, 0) {
        return true;
    }
    key(table) >= key(lower) && upper.is_none_or(|u| key(table) < key(u))
}

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let titles = printed_titles(view);
    let blocks = &doc.residual;
    for (at, title) in titles.iter().enumerate() {
        // A title printed twice in a row (`十、…表` over `2026年度…表`): the last one heads the table.
        if titles.get(at + 1).is_some_and(|n| n.entry == title.entry && n.block <= title.block + 2) {
            continue;
        }
        let Some((under, stop)) = text_under(blocks, title, titles.get(at + 1)) else { continue };
        // Tables read under the title (their title not attached) are part of it: their cells too.
        let lower = &blocks[title.block].provenance;
        let upper = blocks.get(stop).map(|b| &b.provenance);
        // The table read under its title is judged by [`super::blank_tables`]; a table of the same
        // kind read elsewhere (another table taken for it) does not stand for this one.
        let read_here = |t: &&crate::model::Table| read_between(&t.provenance, lower, upper);
        if doc.tables.iter().filter(read_here).any(|t| entry_of_table(t) == Some(title.entry)) {
            continue;
        }
        let mut under = under;
        // A table read with its own title is the next table: what follows it is not under this title.
        for table in
            doc.tables.iter().filter(|t| read_between(&t.provenance, lower, upper)).take_while(|t| t.title.is_none())
        {
            for cell in table.columns.iter().chain(table.rows.iter().flatten()) {
                under.push_str(&compact(cell));
                under.push('\n');
            }
        }
        let printed_header = HEADER_WORDS.iter().any(|w| under.contains(w));
        let blank = !amount_regex().is_match(&under);
        let declared = EMPTY_NOTES.iter().any(|w| under.contains(w));
        if !printed_header || !blank || declared {
            continue;
        }
        let entry = &STANDARD[title.entry];
        let Some(&kind) = entry.kinds.first() else { continue };
        let numbers = evidence(doc, kind, None, title.entry);
        if numbers.is_empty() {
            continue;
        }
        let name = entry.name(doc.meta.kind.unwrap_or(DocumentKind::Budget));
        let stated: Vec<&str> = numbers.iter().map(|n| n.amount_printed.as_str()).collect();
        let zh = format!("{name}只有表头、没有金额（空表），而其他处列示其金额 {}", stated.join("、"));
        let en = format!("the {name} prints its header but no amount, while elsewhere {}", stated.join(", "));
        let mut numbers = numbers;
        numbers.push(NumberRef {
            role: "actual".into(),
            label: name.to_string(),
            amount: None,
            amount_printed: "(空)".into(),
            provenance: blocks[title.block].provenance.clone(),
            table_index: None,
            fact_index: None,
        });
        findings.push(rules::COMPLETENESS_BLANK_TABLE.finding(FindingStatus::Fail, [None; 3], None, zh, en, numbers));
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const TABLES: &str = "部门收支总表\n\t单位：万元\n\n\t项目\n\t金额\n\n\t收入总计\n\t10.00\n\n部门收入总表\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t10.00\n\n部门支出总表\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t10.00\n\n财政拨款收支总表\n\t单位：万元\n\n\t项目\n\t金额\n\n\t收入总计\n\t10.00\n\n";

    fn statuses(text: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings.iter().filter(|f| f.rule == "completeness.blank_table").map(|f| f.status).collect()
    }

    #[test]
    fn a_three_public_title_over_an_empty_header_fails_when_the_text_gives_amounts() {
        let text = format!(
            "2026年“三公”经费预算数为3.48万元，其中公务接待费0.28万元。\n\n{TABLES}一般公共预算“三公”经费支出表\n单位：万元\n项目 合计 因公出国（境）费 公务接待费\n"
        );
        assert!(statuses(&text).contains(&FindingStatus::Fail), "{:?}", statuses(&text));
    }

    #[test]
    fn an_empty_header_with_a_note_passes() {
        let text = format!(
            "2026年“三公”经费预算数为3.48万元，其中公务接待费0.28万元。\n\n{TABLES}一般公共预算“三公”经费支出表\n单位：万元\n项目 合计 因公出国（境）费 公务接待费\n（注：本单位没有使用一般公共预算安排的“三公”经费。）\n"
        );
        assert!(!statuses(&text).contains(&FindingStatus::Fail), "{:?}", statuses(&text));
    }

    #[test]
    fn the_amounts_of_the_next_titled_table_do_not_fill_a_blank_one() {
        let next = "政府采购预算明细表\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t10.00\n\n";
        let blank = format!(
            "2026年“三公”经费预算数为3.48万元，其中公务接待费0.28万元。\n\n{TABLES}一般公共预算“三公”经费支出表\n单位：万元\n项目 合计 因公出国（境）费 公务接待费\n\n{next}"
        );
        assert!(statuses(&blank).contains(&FindingStatus::Fail), "{:?}", statuses(&blank));
        let filled = blank.replace("公务接待费\n\n", "公务接待费\n3.48 0.00 0.28\n\n");
        assert!(!statuses(&filled).contains(&FindingStatus::Fail), "{:?}", statuses(&filled));
    }
}

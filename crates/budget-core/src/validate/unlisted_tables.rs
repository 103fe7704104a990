//! The 目录 lists what is printed, as a warning: a standard table the document prints (a table
//! read under its title) but its own 目录 leaves out, while that 目录 lists the document's other
//! standard tables — a line dropped from the 目录, or a table added without it.
//!
//! Judged only when the 目录 is a list of tables: it names at least [`LISTED_TABLES`] standard
//! tables (a 目录 of parts, `第二部分 部门预算表`, names none and is not judged).

use super::finding::{Finding, FindingStatus, NumberRef};
use super::listed_numbers::{list_gaps, ListGap};
use super::printed::strip_numbering;
use super::printed_titles::contents;
use super::rules;
use super::standard_set::{entry_of_table, STANDARD};
use super::tables::DocumentView;
use crate::blocks::BlockKind;
use crate::model::DocumentKind;
use crate::text::compact;

/// A 目录 is a list of tables when it names at least this many standard tables.
const LISTED_TABLES: usize = 4;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let doc = view.doc;
    let gaps = list_gaps(doc);
    for gap in &gaps {
        findings.push(gap_finding(gap));
    }
    let (listed, range) = contents(view);
    if listed.len() < LISTED_TABLES {
        return;
    }
    // The 目录 as one text (its lines and any grid it was read as), to find a title worded
    // otherwise than the standard names (`支出总体情况表`, `一般公共预算支出表（按功能分类）`).
    let mut listing = String::new();
    for block in doc.residual.get(range).unwrap_or_default() {
        match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => listing.push_str(&plain(text)),
            BlockKind::Table(grid) => grid.cells.iter().for_each(|c| listing.push_str(&plain(&c.text))),
        }
    }
    let kind = doc.meta.kind.unwrap_or(DocumentKind::Budget);
    let mut reported = vec![false; STANDARD.len()];
    let mut complete = gaps.is_empty();
    for table in &doc.tables {
        // Only a table read under its own title: its title names the standard table.
        let Some(title) = table.title.as_deref() else { continue };
        let Some(entry) = entry_of_table(table) else { continue };
        if listed.iter().any(|(at, _, _)| *at == entry) || reported[entry] || listing.contains(&core(title)) {
            continue;
        }
        reported[entry] = true;
        complete = false;
        let name = STANDARD[entry].name(kind);
        findings.push(rules::COMPLETENESS_UNLISTED.finding(
            FindingStatus::Warn,
            [None; 3],
            None,
            format!("文件公开了「{}」，但目录未列{name}", title.trim()),
            format!("the document prints '{}' but its 目录 does not list the {name}", title.trim()),
            vec![NumberRef {
                role: "actual".to_string(),
                label: "表题".to_string(),
                amount: None,
                amount_printed: title.trim().to_string(),
                provenance: table.provenance.clone(),
                table_index: Some(table.index),
                fact_index: None,
            }],
        ));
    }
    if complete {
        findings.push(rules::COMPLETENESS_UNLISTED.finding(
            FindingStatus::Pass,
            [None; 3],
            None,
            "公开的标准表格均列入目录".to_string(),
            "every standard table printed is listed in the 目录".to_string(),
            Vec::new(),
        ));
    }
}

/// A list of tables that jumps over tables the document prints.
fn gap_finding(gap: &ListGap) -> Finding {
    let skipped: Vec<String> = gap.printed.iter().map(|n| format!("表{n}")).collect();
    findings_word(
        format!("目录中表{}之后为「{}」，未列文件中公开的{}", gap.before, gap.line, skipped.join("、")),
        format!(
            "the 目录 goes from table {} to table {} ('{}') and leaves out {}, which the document prints",
            gap.before,
            gap.after,
            gap.line,
            skipped.join(", ")
        ),
        NumberRef {
            role: "actual".to_string(),
            label: "目录".to_string(),
            amount: None,
            amount_printed: gap.line.clone(),
            provenance: gap.provenance.clone(),
            table_index: None,
            fact_index: None,
        },
    )
}

fn findings_word(zh: String, en: String, word: NumberRef) -> Finding {
    rules::COMPLETENESS_UNLISTED.finding(FindingStatus::Warn, [None; 3], None, zh, en, vec![word])
}

/// The words of a title a 目录 line repeats: without its number, brackets, year and owner (the
/// last [`CORE_CHARS`] characters at most: `十一、2017年…法院部门一般公共预算“三公”经费…支出预算表`
/// is listed as `一般公共预算“三公”经费…支出预算表`).
fn core(title: &str) -> String {
    let text = compact(title);
    let text = plain(strip_numbering(&text));
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let chars: Vec<char> = out.chars().collect();
    chars[chars.len().saturating_sub(CORE_CHARS)..].iter().collect()
}

/// A text as compared: compacted, without years (`2026年度`), quotation marks (`“三公”`, `"三公"`)
/// and the word 情况 (`…经费支出情况表` is listed as `…经费支出表`).
fn plain(text: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"(?:19|20)\d{2}年度?").expect("year pattern compiles"));
    re.replace_all(&compact(text), "")
        .replace("情况", "")
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
        .collect()
}

/// How many of a title's last characters are looked for in the 目录.
const CORE_CHARS: usize = 10;

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn document(contents: &str) -> String {
        crate::validate::contents_and_tables(contents, None)
    }

    fn warned(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "completeness.contents_lists_printed", FindingStatus::Warn)
    }

    #[test]
    fn a_printed_table_left_out_of_the_contents_warns() {
        let contents = "1、部门收支总表\n2、部门收入总表\n4、财政拨款收支总表\n5、一般公共预算支出表";
        let found = warned(&document(contents));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("部门支出总表"), "{found:?}");
    }

    #[test]
    fn a_title_worded_otherwise_in_the_contents_passes() {
        let contents = "1、部门收支总表\n2、部门收入总表\n3、支出总体情况表\n4、财政拨款收支总表\n5、一般公共预算支出表（按功能分类）";
        let text = document(contents).replace("部门支出总表\n", "支出总体情况表\n");
        assert!(warned(&text).is_empty(), "{:?}", warned(&text));
    }

    #[test]
    fn a_title_with_its_year_and_other_quotes_passes() {
        let contents = "1、部门收支总表\n2、部门收入总表\n3、支出预算总表\n4、财政拨款收支总表\n5、一般公共预算支出表";
        let text = document(contents).replace("部门支出总表\n", "2026 年度支出预算总表\n");
        assert!(warned(&text).is_empty(), "{:?}", warned(&text));
        let text = document(contents).replace("部门支出总表\n", "2025年支出预算总体情况表\n");
        let listed = text.replace("3、支出预算总表", "3、支出预算总体表");
        assert!(warned(&listed).is_empty(), "{:?}", warned(&listed));
    }

    #[test]
    fn a_full_contents_and_a_contents_of_parts_pass() {
        let full = "1、部门收支总表\n2、部门收入总表\n3、部门支出总表\n4、财政拨款收支总表\n5、一般公共预算支出表";
        assert!(warned(&document(full)).is_empty());
        let parts = "第一部分 部门概况\n第二部分 2026年部门预算表\n第三部分 2026年部门预算情况说明";
        assert!(warned(&document(parts)).is_empty());
    }
}

//! Gaps in a printed list of tables: a 目录 (or a list of tables opening the tables part) whose
//! lines number the tables `表1 …表`, `表2 …表`, … and jump (`表7` then `表11`) while the document
//! prints the tables numbered in the gap (`表8：…`) — a line dropped from the list.
//!
//! A list is a run of at least [`LIST_LINES`] consecutive lines (blank lines and page numbers
//! between them aside) that each start with a table number and end with a table title; its
//! numbers rise by one.

use std::sync::OnceLock;

use regex::Regex;

use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;
use crate::text::compact;

/// A run of numbered table lines is a list when it has at least this many lines.
const LIST_LINES: usize = 4;

/// The longest line (compacted) read as a line of a list of tables.
const LIST_LINE_CHARS: usize = 80;

/// A jump in a list's numbers: the numbers left out, the line after the jump and where it is.
pub(crate) struct ListGap {
    /// The number of the line before the jump.
    pub before: u32,
    /// The number of the line after the jump.
    pub after: u32,
    /// The numbers skipped that the document prints as tables.
    pub printed: Vec<u32>,
    /// The line after the jump, as printed.
    pub line: String,
    /// Where that line is.
    pub provenance: Provenance,
}

fn numbered_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // `表8.2026年…表`, `表4 2022年…表（按…）`, `表10：…表……12`
    RE.get_or_init(|| Regex::new(r"^表\s*(\d{1,2})(?:\s|[.．、：:]|[^\d.．])").expect("list line pattern compiles"))
}

/// The table number a line of a list starts with (the line as printed: `表1    2022年…` keeps the
/// space between the number and the year), when the line is a table's title.
fn list_number(printed: &str) -> Option<u32> {
    let number = numbered_regex().captures(printed.trim())?.get(1)?.as_str().parse().ok()?;
    let line = compact(printed);
    let title = line.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—'));
    let title = strip_qualifier(title);
    let is_title = title.chars().count() <= LIST_LINE_CHARS && title.ends_with('表') && !title.contains('。');
    is_title.then_some(number)
}

/// A title without the qualifier in brackets it ends with (`…明细表（按支出功能分类科目）`).
fn strip_qualifier(title: &str) -> &str {
    let mut title = title;
    while let Some(open) = title.ends_with(['）', ')']).then(|| title.rfind(['（', '('])).flatten() {
        title = &title[..open];
    }
    title
}

/// Whether a compacted line only marks a page (`12`, `-3-`, `第3页`): it does not end a list.
fn is_page_mark(line: &str) -> bool {
    line.chars().count() <= 8
        && line.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '第' | '页' | '共' | '/'))
}

/// The lines of a list of tables: (number, block, line within the block, the line).
type ListLine = (u32, usize, usize, String);

/// The runs of numbered table lines in reading order.
fn runs(blocks: &[Block]) -> Vec<Vec<ListLine>> {
    let mut runs: Vec<Vec<ListLine>> = vec![Vec::new()];
    for (at, block) in blocks.iter().enumerate() {
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => {
                runs.push(Vec::new());
                continue;
            }
        };
        for (number, printed) in text.lines().enumerate() {
            let line = compact(printed);
            if line.is_empty() || is_page_mark(&line) {
                continue;
            }
            let run = runs.last_mut().expect("one run at least");
            match list_number(printed) {
                // A number that does not rise starts another list (部门 tables, then 单位 tables).
                Some(n) if run.last().is_none_or(|last| last.0 < n) => run.push((n, at, number, line)),
                Some(n) => runs.push(vec![(n, at, number, line)]),
                None => runs.push(Vec::new()),
            }
        }
    }
    runs.retain(|run| run.len() >= LIST_LINES);
    runs
}

/// Whether the document prints a table numbered `number` outside the list lines `list`: a line
/// `表8` or `表8：…` in the text, or a table read with such a title.
fn printed_number(view_blocks: &[Block], tables: &[crate::model::Table], list: &[ListLine], number: u32) -> bool {
    // As printed: `表4`, `表4：…`, `表10   2022年…` (the space keeps the number apart from the year).
    let starts = |line: &str| {
        line.trim()
            .strip_prefix('表')
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix(number.to_string().as_str()))
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    let in_list = |at: usize, line: usize| list.iter().any(|l| l.1 == at && l.2 == line);
    let in_text = view_blocks.iter().enumerate().any(|(at, block)| match &block.kind {
        BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => {
            text.lines().enumerate().any(|(n, line)| !in_list(at, n) && starts(line))
        }
        BlockKind::Table(_) => false,
    });
    in_text || tables.iter().any(|t| t.title.as_deref().is_some_and(starts))
}

/// The jumps in the document's lists of tables over numbers it prints as tables.
pub(crate) fn list_gaps(doc: &crate::model::Document) -> Vec<ListGap> {
    let blocks = &doc.residual;
    let mut gaps = Vec::new();
    for run in runs(blocks) {
        for pair in run.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            if after.0 == before.0 + 1 {
                continue;
            }
            let printed: Vec<u32> =
                (before.0 + 1..after.0).filter(|&n| printed_number(blocks, &doc.tables, &run, n)).collect();
            if printed.is_empty() {
                continue;
            }
            gaps.push(ListGap {
                before: before.0,
                after: after.0,
                printed,
                line: after.3.clone(),
                provenance: blocks[after.1].provenance.clone(),
            });
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    const LIST: &str = "某市水利局2026年部门预算\n\n四、2026年预算公开表\n表1.2026年部门收支预算总表\n表2.2026年部门收入预算总表\n表3.2026年部门支出预算总表\n表4.2026年部门财政拨款收支预算总表\n表5.2026年部门政府性基金预算支出预算表\n\n12\n表6.2026年部门项目支出绩效表\n\n";

    fn tables() -> String {
        let titles =
            ["收支预算总表", "收入预算总表", "支出预算总表", "财政拨款收支预算总表", "政府性基金预算支出预算表"];
        let mut text = String::new();
        for (n, title) in titles.iter().enumerate() {
            text.push_str(&format!(
                "表{}：2026年部门{title}\n\t单位：万元\n\n\t项目\n\t合计\n\n\t合计\n\t10.00\n\n",
                n + 1
            ));
        }
        text
    }

    fn warned(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "completeness.contents_lists_printed", FindingStatus::Warn)
    }

    #[test]
    fn a_list_of_tables_that_skips_printed_tables_warns() {
        let dropped = LIST.replace("表4.2026年部门财政拨款收支预算总表\n表5.2026年部门政府性基金预算支出预算表\n", "");
        let found = warned(&format!("{dropped}{}", tables()));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("表3") && found[0].contains("表6") && found[0].contains("表4、表5"), "{found:?}");
    }

    #[test]
    fn a_complete_list_and_a_list_over_numbers_not_printed_pass() {
        assert!(warned(&format!("{LIST}{}", tables())).is_empty());
        // 表4 and 表5 are not printed in the document: the list did not leave them out.
        let dropped = LIST.replace("表4.2026年部门财政拨款收支预算总表\n表5.2026年部门政府性基金预算支出预算表\n", "");
        let printed = tables().replace("表4：", "").replace("表5：", "");
        assert!(warned(&format!("{dropped}{printed}")).is_empty(), "{:?}", warned(&format!("{dropped}{printed}")));
    }
}

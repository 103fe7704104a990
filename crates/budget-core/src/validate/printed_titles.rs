//! Where a document prints its standard tables' titles as text: the lines of its 目录 and the
//! titles outside it (a short line ending in 表), with the lines printed under each title. Read by
//! the completeness rules (a listed table that is missing) and by the blank-table rule (a table the
//! reader saw only as text).

use std::sync::OnceLock;

use regex::Regex;

use super::printed::strip_numbering;
use super::standard_set::entry_of_title;
use super::tables::DocumentView;
use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;
use crate::text::compact;

/// How many narrative blocks after `目录` are read as its lines.
const CONTENTS_BLOCKS: usize = 60;

/// How many lines under a title are read as its table.
const TABLE_LINES: usize = 60;
/// Header words that show the table itself was printed (not a picture, not a bare title).
pub(crate) const HEADER_WORDS: [&str; 8] = ["合计", "小计", "项目", "科目", "金额", "预算数", "决算数", "因公出国"];
fn entry_split_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Lines of a 目录 (`1、部门收支总表……5`, `二、收入决算表`): split at line breaks and numbering.
    RE.get_or_init(|| {
        Regex::new(r"\n|(?:^|[^0-9])(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")
            .expect("contents pattern compiles")
    })
}

/// A standard table's title printed as a line of the narrative outside the 目录: a short line
/// ending in 表, not a sentence.
pub(crate) struct PrintedTitle {
    /// The standard table, as an index into [`STANDARD`].
    pub entry: usize,
    /// The residual block the line is in.
    pub block: usize,
    /// The line within the block.
    pub line: usize,
}

/// Every standard table title printed in the narrative outside the 目录, in reading order.
pub(crate) fn printed_titles(view: &DocumentView) -> Vec<PrintedTitle> {
    let (_, contents_blocks) = contents(view);
    let mut found = Vec::new();
    for (at, block) in view.doc.residual.iter().enumerate() {
        if contents_blocks.contains(&at) {
            continue;
        }
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => continue,
        };
        for (number, line) in text.lines().enumerate() {
            let line = compact(line);
            let is_title = line.chars().count() <= 50
                && line.ends_with('表')
                && !line.contains(['。', '，', ',', '；', '：', ':'])
                && !line.contains("详见");
            if let Some(entry) = is_title.then(|| entry_of_title(&line)).flatten() {
                found.push(PrintedTitle { entry, block: at, line: number });
            }
        }
    }
    found
}

/// The standard tables the document's 目录 lists: (entry, where, the line as printed), and the
/// blocks the 目录 spans.
pub(crate) fn contents(view: &DocumentView) -> (Vec<(usize, Provenance, String)>, std::ops::Range<usize>) {
    let blocks = &view.doc.residual;
    let Some(start) = blocks.iter().position(|b| b.text().is_some_and(|t| compact(t).starts_with("目录"))) else {
        return (Vec::new(), 0..0);
    };
    let mut listed: Vec<(usize, Provenance, String)> = Vec::new();
    let mut end = start;
    let mut titles_seen: Vec<(usize, String)> = Vec::new();
    // The 目录 ends where the first table read after it starts (positions in reading order).
    let key = |p: &Provenance| (p.page.unwrap_or(0), p.line_start, p.byte_start);
    let opened = key(&blocks[start].provenance);
    let first_table = view.doc.tables.iter().map(|t| key(&t.provenance)).filter(|k| *k > opened).min();
    for (at, block) in blocks.iter().enumerate().skip(start).take(CONTENTS_BLOCKS) {
        if opened != (0, 0, 0) && first_table.is_some_and(|first| key(&block.provenance) > first) {
            break;
        }
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => continue,
        };
        // The 目录 ends where running text starts.
        if text.contains('。') && compact(text).chars().count() > 40 {
            break;
        }
        let lines: Vec<String> = entry_split_regex().split(text).map(contents_line).collect();
        // … or where a title it lists is printed again: the tables follow it (an empty table's
        // title, not read with a grid, is text right after the 目录).
        if lines.iter().any(|l| !l.is_empty() && titles_seen.iter().any(|(seen_at, seen)| *seen_at < at && seen == l)) {
            break;
        }
        for line in &lines {
            if line.chars().count() > 40 || !line.ends_with('表') {
                continue;
            }
            titles_seen.push((at, line.clone()));
            if let Some(entry) = entry_of_title(line) {
                if !listed.iter().any(|(seen, _, _)| *seen == entry) {
                    listed.push((entry, block.provenance.clone(), line.clone()));
                }
            }
        }
        end = at + 1;
    }
    (listed, start..end)
}

/// A line of a 目录 as compared: compacted, without its page number and leaders.
fn contents_line(line: &str) -> String {
    let line = compact(line);
    let line = line.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—'));
    line.trim_start_matches("目录").to_string()
}

/// The lines printed under `title`, compacted, up to the next title, a part heading (`第三部分`) or
/// running text, and the block where they stop; `None` when a table block comes first or the
/// lines run past TABLE_LINES (too long to be a blank table).
pub(crate) fn text_under(
    blocks: &[Block],
    title: &PrintedTitle,
    next: Option<&PrintedTitle>,
) -> Option<(String, usize)> {
    let mut under = String::new();
    let mut count = 0usize;
    for (index, block) in blocks.iter().enumerate().skip(title.block) {
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text,
            BlockKind::Table(_) => return None,
        };
        let first = if index == title.block { title.line + 1 } else { 0 };
        for (number, line) in text.lines().enumerate().skip(first) {
            let line = compact(line);
            let ends = next.is_some_and(|n| n.block == index && n.line == number)
                || (line.contains('。') && line.chars().count() > 40)
                || (line.starts_with('第') && strip_numbering(&line).len() < line.len());
            if ends {
                return Some((under, index));
            }
            count += 1;
            if count > TABLE_LINES {
                return None;
            }
            under.push_str(&line);
            under.push('\n');
        }
    }
    Some((under, blocks.len()))
}

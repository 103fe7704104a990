//! Reader for Tika-style text of a DOCX: one table cell per line after a tab.
//!
//! The layout, as Apache Tika prints a Word document:
//!
//! - a line starting with a tab is one table cell (the text after that one tab, inner spacing as
//!   printed; a lone tab is an empty cell);
//! - a blank line ends a table row; rows separated by exactly one blank line are one table;
//! - a line without a leading tab is a paragraph (one block per line, never merged);
//! - two or more blank lines, or a paragraph line, end a table.
//!
//! One refinement: a non-tab line directly under a cell line (no blank line between) is the next
//! paragraph of the same cell (Word cells can hold several paragraphs); it is joined to that cell
//! with `\n` and a warning names the line, so the choice is visible.
//!
//! Word bookmarks that Tika prints inline (`[bookmark: _GoBack]`, `[bookmark: _Toc…]`) are not
//! content and are removed from cell and paragraph text.

use crate::blocks::{Block, BlockKind, Blocks, Grid};
use crate::provenance::Provenance;
use crate::read::text::lines::{lines, narrow_span, trimmed_span, Line};

const BOOKMARK_OPEN: &str = "[bookmark:";

/// Read Tika text of a DOCX into blocks: paragraphs and table grids in document order.
pub fn read(text: &str) -> Blocks {
    let lines = lines(text);
    let mut blocks = Blocks::default();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        if is_cell_line(&line) {
            let (table, next) = read_table(text, &lines, index, &mut blocks.warnings);
            blocks.blocks.push(table);
            index = next.max(index + 1);
        } else {
            if let Some(paragraph) = read_paragraph(text, &line) {
                blocks.blocks.push(paragraph);
            }
            index += 1;
        }
    }
    blocks
}

fn is_cell_line(line: &Line<'_>) -> bool {
    line.text.starts_with('\t')
}

fn is_blank(line: &Line<'_>) -> bool {
    !is_cell_line(line) && line.is_blank()
}

/// A paragraph line, bookmarks removed and trimmed; `None` when nothing is left.
fn read_paragraph(text: &str, line: &Line<'_>) -> Option<Block> {
    let (cleaned, start, end) = strip_bookmarks(line.text, line.start);
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        return None;
    }
    let piece = text.get(start..end).unwrap_or_default();
    let (start, end) = trimmed_span(piece, start);
    let (start, end) = narrow_span(text, start, end, trimmed);
    Some(Block { kind: BlockKind::Paragraph { text: trimmed.to_string() }, provenance: line.provenance(start, end) })
}

/// Read the table starting at cell line `first`; returns it and the index of the first line after.
fn read_table(text: &str, lines: &[Line<'_>], first: usize, warnings: &mut Vec<String>) -> (Block, usize) {
    let mut rows: Vec<Vec<(String, Provenance)>> = Vec::new();
    let mut row: Vec<(String, Provenance)> = Vec::new();
    let mut last_line = first;
    let mut index = first;
    while index < lines.len() {
        let line = lines[index];
        if is_cell_line(&line) {
            row.push(read_cell(text, &line));
            last_line = index;
            index += 1;
        } else if is_blank(&line) {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            let blank_run = lines[index..].iter().take_while(|l| is_blank(l)).count();
            let after = index + blank_run;
            if blank_run == 1 && lines.get(after).is_some_and(is_cell_line) {
                index = after;
            } else {
                index = after;
                break;
            }
        } else if let Some(cell) = row.last_mut().filter(|_| index == last_line + 1) {
            join_continuation(&line, cell);
            warnings.push(format!(
                "line {}: joined to the table cell above as its next paragraph: {:?}",
                line.number,
                line.text.trim()
            ));
            last_line = index;
            index += 1;
        } else {
            break;
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    let start_line = lines[first];
    let end_line = lines[last_line.max(first)];
    let provenance = Provenance::lines(start_line.number, end_line.number, start_line.start, end_line.end());
    (Block { kind: BlockKind::Table(Grid::from_rows(rows)), provenance }, index)
}

/// One cell: the line after its leading tab, bookmarks removed, spacing kept as printed.
fn read_cell(text: &str, line: &Line<'_>) -> (String, Provenance) {
    let content = line.text.get(1..).unwrap_or_default();
    let (cleaned, start, end) = strip_bookmarks(content, line.start + 1);
    let (start, end) =
        if cleaned.len() == end - start { (start, end) } else { narrow_span(text, start, end, &cleaned) };
    (cleaned, line.provenance(start, end))
}

fn join_continuation(line: &Line<'_>, cell: &mut (String, Provenance)) {
    let (cleaned, _, _) = strip_bookmarks(line.text, line.start);
    cell.0.push('\n');
    cell.0.push_str(&cleaned);
    cell.1 = cell.1.union(&line.provenance(line.start, line.end()));
}

/// Remove `[bookmark: …]` markers. Returns the cleaned text and the span (whole-text offsets,
/// `offset` being where `piece` starts) of what is left once markers at either end are cut off.
fn strip_bookmarks(piece: &str, offset: usize) -> (String, usize, usize) {
    if !piece.contains(BOOKMARK_OPEN) {
        return (piece.to_string(), offset, offset + piece.len());
    }
    let mut rest = piece;
    let mut start = offset;
    while let Some(after_open) = rest.strip_prefix(BOOKMARK_OPEN) {
        let Some(close) = after_open.find(']') else {
            break;
        };
        start += BOOKMARK_OPEN.len() + close + 1;
        rest = &after_open[close + 1..];
    }
    while rest.ends_with(']') {
        let Some(open) = rest.rfind(BOOKMARK_OPEN) else {
            break;
        };
        if rest[open + BOOKMARK_OPEN.len()..rest.len() - 1].contains(']') {
            break;
        }
        rest = &rest[..open];
    }
    let end = start + rest.len();
    let mut cleaned = String::with_capacity(rest.len());
    let mut remaining = rest;
    while let Some(open) = remaining.find(BOOKMARK_OPEN) {
        let Some(close) = remaining[open..].find(']') else {
            break;
        };
        cleaned.push_str(&remaining[..open]);
        remaining = &remaining[open + close + 1..];
    }
    cleaned.push_str(remaining);
    (cleaned, start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(block: &Block) -> &Grid {
        match &block.kind {
            BlockKind::Table(grid) => grid,
            other => panic!("expected a table, got {other:?}"),
        }
    }

    #[test]
    fn rows_cells_and_blank_cells() {
        let text = "标题\n\t科目\n\t金额\n\n\t\n\t  1.00\n\n\n34\n";
        let blocks = read(text);
        assert_eq!(blocks.blocks.len(), 3);
        assert_eq!(blocks.blocks[0].text(), Some("标题"));
        let table = grid(&blocks.blocks[1]);
        assert_eq!((table.n_rows, table.n_cols), (2, 2));
        let empty = table.get(1, 0).unwrap();
        assert_eq!(empty.text, "");
        assert_eq!((empty.provenance.line_start, empty.provenance.byte_start, empty.provenance.byte_end), (5, 25, 25));
        let amount = table.get(1, 1).unwrap();
        assert_eq!(amount.text, "  1.00");
        assert_eq!(&text[amount.provenance.byte_start..amount.provenance.byte_end], "  1.00");
        assert_eq!(blocks.blocks[2].text(), Some("34"));
        assert_eq!(blocks.blocks[1].provenance.line_end, 6);
    }

    #[test]
    fn two_blank_lines_or_a_paragraph_split_tables() {
        let blocks = read("\ta\n\n\n\tb\n\n注：空表\n\tc\n");
        let tables = blocks.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Table(_))).count();
        assert_eq!(tables, 3);
        assert_eq!(blocks.blocks[2].text(), Some("注：空表"));
    }

    #[test]
    fn bookmarks_are_removed_and_spans_narrowed() {
        let text = "[bookmark: _Toc_2_2_0000000009]部门预算表\n\t[bookmark: _GoBack]\n\t5[bookmark: _GoBack]\n";
        let blocks = read(text);
        let title = &blocks.blocks[0];
        assert_eq!(title.text(), Some("部门预算表"));
        assert_eq!(&text[title.provenance.byte_start..title.provenance.byte_end], "部门预算表");
        let table = grid(&blocks.blocks[1]);
        assert_eq!(table.get(0, 0).unwrap().text, "");
        let five = table.get(0, 1).unwrap();
        assert_eq!(five.text, "5");
        assert_eq!(&text[five.provenance.byte_start..five.provenance.byte_end], "5");
        assert_eq!(strip_bookmarks("a[bookmark: x]b", 0), ("ab".to_string(), 0, 15));
        assert_eq!(strip_bookmarks("[bookmark: open", 0).0, "[bookmark: open");
    }

    #[test]
    fn a_line_under_a_cell_continues_it_with_a_warning() {
        let text = "\t第一段\n第二段\n\t下一格\n";
        let blocks = read(text);
        assert_eq!(blocks.blocks.len(), 1);
        let cell = grid(&blocks.blocks[0]).get(0, 0).unwrap().clone();
        assert_eq!(cell.text, "第一段\n第二段");
        assert_eq!((cell.provenance.line_start, cell.provenance.line_end), (1, 2));
        assert_eq!(&text[cell.provenance.byte_start..cell.provenance.byte_end], "第一段\n第二段");
        assert_eq!(blocks.warnings.len(), 1);
    }
}

//! Laid-out pages → blocks: lines joined into paragraphs, a table continued on the next page
//! (same columns, with or without its repeated title and header rows) made one table.

use super::lines::{is_wide, union, BBox, TextLine};
use super::page_layout::PageLayout;
use super::table::TableDraft;
use super::PageItem;
use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;
use crate::text::compact;

/// Most title lines repeated above a continued table that are recognised and skipped.
const MAX_REPEATED_TITLE_LINES: usize = 3;

enum Pending {
    Paragraph { text: String, page: u32, bbox: BBox, last: TextLine },
    Table { table: TableDraft, titles: Vec<String> },
}

/// Text margins of a page (left of the leftmost line, right of the rightmost).
fn margins(page: &PageLayout) -> (f32, f32) {
    let lines = page.items.iter().filter_map(|i| match i {
        PageItem::Line(line) => Some(line.bbox),
        PageItem::Table(_) => None,
    });
    lines.fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), b| (l.min(b[0]), r.max(b[2])))
}

fn starts_indented(line: &TextLine, left: f32) -> bool {
    line.words.first().is_some_and(|w| w.text.starts_with('\u{3000}')) || line.bbox[0] > left + 1.5 * line.em
}

/// Whether `next` continues the paragraph whose last line is `last` (CJK text wraps without
/// spaces: the previous line reaches the right margin, the next is close below, same size).
fn continues(last: &TextLine, next: &TextLine, (left, right): (f32, f32)) -> bool {
    let gap = next.bbox[1] - last.bbox[3];
    let same_size = (next.em - last.em).abs() <= 0.15 * last.em;
    let reaches_right = last.bbox[2] >= right - 2.0 * last.em;
    let single_words = last.words.len() == 1 && next.words.len() == 1;
    gap <= 0.8 * last.em
        && gap >= -0.3 * last.em
        && same_size
        && reaches_right
        && single_words
        && !starts_indented(next, left)
}

fn join_text(text: &mut String, next: &str) {
    let (before, after) = (text.chars().last(), next.chars().next());
    if let (Some(b), Some(a)) = (before, after) {
        if !is_wide(b) && !is_wide(a) && !b.is_whitespace() {
            text.push(' ');
        }
    }
    text.push_str(next);
}

/// Where each column of `next` goes in `table`: `(first column, columns covered)`. The same
/// columns when counts and edges agree; else a continuation that dropped the columns empty on its
/// page (no header there to keep them): each of its edges matches one of `table`'s, its left edge
/// `table`'s left edge; an unruled continuation may instead have each column's centre in a
/// different column of `table`, left to right.
fn column_map(table: &TableDraft, next: &TableDraft, page_width: f32) -> Option<Vec<(usize, usize)>> {
    let tolerance = (0.02 * page_width).max(3.0);
    let (a, b) = (&table.col_edges, &next.col_edges);
    if a.len() != table.n_cols + 1 || b.len() != next.n_cols + 1 || next.n_cols > table.n_cols {
        return None;
    }
    if table.n_cols == next.n_cols && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance) {
        return Some((0..next.n_cols).map(|c| (c, 1)).collect());
    }
    if next.n_cols < 2 || (a[0] - b[0]).abs() > tolerance {
        return None;
    }
    let matched: Option<Vec<usize>> = b.iter().map(|y| a.iter().position(|x| (x - y).abs() <= tolerance)).collect();
    if let Some(matched) = matched.filter(|m| m.windows(2).all(|w| w[0] < w[1])) {
        return Some(matched.windows(2).map(|w| (w[0], w[1] - w[0])).collect());
    }
    let centres: Vec<usize> = b
        .windows(2)
        .map(|w| (w[0] + w[1]) / 2.0)
        .map(|x| a.partition_point(|e| *e <= x).saturating_sub(1).min(table.n_cols - 1))
        .collect();
    let inside = b[b.len() - 1] <= a[a.len() - 1] + tolerance;
    (inside && centres.windows(2).all(|w| w[0] < w[1])).then(|| centres.into_iter().map(|c| (c, 1)).collect())
}

/// Leading rows of `next` that repeat the first rows of `table` (a repeated header).
fn repeated_header_rows(table: &TableDraft, next: &TableDraft) -> usize {
    let mut rows = 0;
    while rows < next.n_rows && rows < table.n_rows {
        let (a, b) = (table.row_texts(rows), next.row_texts(rows));
        if a != b || b.iter().all(String::is_empty) {
            break;
        }
        rows += 1;
    }
    rows
}

/// Turn laid-out pages into blocks; warnings name what was merged or skipped.
pub(crate) fn assemble(pages: Vec<PageLayout>, warnings: &mut Vec<String>) -> Vec<Block> {
    let mut out: Vec<Pending> = Vec::new();
    for page in pages {
        let page_margins = margins(&page);
        let mut leading_lines: Vec<String> = Vec::new();
        let mut first_table_seen = false;
        let last_before_page = out.len();
        for item in page.items {
            match item {
                PageItem::Line(line) => {
                    if !first_table_seen {
                        leading_lines.push(compact(&line.text()));
                    }
                    let on_this_page = out.len() > last_before_page;
                    if let Some(Pending::Paragraph { text, bbox, last, .. }) = out.last_mut() {
                        if on_this_page && continues(last, &line, page_margins) {
                            join_text(text, line.text().trim());
                            *bbox = union(*bbox, line.bbox);
                            *last = line;
                            continue;
                        }
                    }
                    let text = line.text();
                    out.push(Pending::Paragraph { text, page: page.number, bbox: line.bbox, last: line });
                }
                PageItem::Table(table) => {
                    // Pieces of one table on one page, nothing between them (an unruled table cut
                    // where a wrapped cell made its lines look like a new header).
                    let on_this_page = out.len() > last_before_page;
                    if let Some(Pending::Table { table: previous, .. }) = out.last_mut() {
                        let same_page = on_this_page && previous.last_page == table.page;
                        if let Some(map) = column_map(previous, &table, page.width).filter(|_| same_page) {
                            previous.append(table, 0, &map);
                            continue;
                        }
                    }
                    let continuation = if first_table_seen {
                        None
                    } else {
                        try_continue(&out, last_before_page, &leading_lines, &table, page.width)
                    };
                    first_table_seen = true;
                    if let Some(skipped_title_lines) = continuation {
                        out.truncate(last_before_page);
                        let Some(Pending::Table { table: previous, .. }) = out.last_mut() else { continue };
                        let skip = repeated_header_rows(previous, &table);
                        let map = column_map(previous, &table, page.width).unwrap_or_default();
                        if skip > 0 || skipped_title_lines > 0 {
                            warnings.push(format!(
                                "page {}: table continued from page {}; its repeated title ({} lines) and header ({} rows) are not repeated in the table",
                                page.number, previous.last_page, skipped_title_lines, skip
                            ));
                        }
                        previous.append(table, skip, &map);
                    } else {
                        let titles = out
                            .iter()
                            .rev()
                            .take(MAX_REPEATED_TITLE_LINES)
                            .take_while(|p| matches!(p, Pending::Paragraph { .. }))
                            .filter_map(|p| match p {
                                Pending::Paragraph { text, .. } => Some(compact(text)),
                                Pending::Table { .. } => None,
                            })
                            .collect();
                        out.push(Pending::Table { table, titles });
                    }
                }
            }
        }
    }
    out.into_iter().map(into_block).collect()
}

/// Whether `table`, the first table on its page, continues the table that ends the previous
/// page: only repeated title lines may stand between them. Returns how many lines to skip.
fn try_continue(
    out: &[Pending],
    first_of_page: usize,
    leading_lines: &[String],
    table: &TableDraft,
    page_width: f32,
) -> Option<usize> {
    let Some(Pending::Table { table: previous, titles }) = first_of_page.checked_sub(1).and_then(|i| out.get(i)) else {
        return None;
    };
    let same = column_map(previous, table, page_width).is_some()
        || (previous.n_cols == table.n_cols && repeated_header_rows(previous, table) > 0);
    if previous.last_page + 1 != table.page || !same {
        return None;
    }
    let all_repeated = leading_lines.iter().all(|line| titles.iter().any(|t| t == line || t.contains(line.as_str())));
    (leading_lines.len() <= MAX_REPEATED_TITLE_LINES && all_repeated).then_some(leading_lines.len())
}

fn into_block(pending: Pending) -> Block {
    match pending {
        Pending::Paragraph { text, page, bbox, last } => Block {
            kind: BlockKind::Paragraph { text },
            provenance: Provenance {
                page: Some(page),
                bbox: Some(bbox),
                font_size: Some(last.em),
                ..Provenance::default()
            },
        },
        Pending::Table { table, .. } => {
            let provenance = Provenance { page: Some(table.page), bbox: Some(table.bbox), ..Provenance::default() };
            Block { kind: BlockKind::Table(table.into_grid()), provenance }
        }
    }
}

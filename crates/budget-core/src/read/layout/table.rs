//! A table being assembled from one or more pages, before it becomes a [`Grid`].

use super::lines::{group_lines, push_joined, BBox};
use super::ruling::RuledGrid;
use super::Char;
use crate::blocks::{Cell, Grid};
use crate::provenance::Provenance;

mod label_columns;

/// One cell of a [`TableDraft`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DraftCell {
    /// Top row.
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered.
    pub row_span: usize,
    /// Columns covered.
    pub col_span: usize,
    /// Text (wrapped lines joined).
    pub text: String,
    /// The cell's box on `page`.
    pub bbox: BBox,
    /// 1-based page.
    pub page: u32,
}

/// A table found on a page, possibly extended by its continuations on later pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableDraft {
    /// The page it starts on.
    pub page: u32,
    /// The page it ends on.
    pub last_page: u32,
    /// Its box on its first page.
    pub bbox: BBox,
    /// Column boundaries on its last page (`n_cols + 1` values): what a continuation must match.
    pub col_edges: Vec<f32>,
    /// Rows.
    pub n_rows: usize,
    /// Columns.
    pub n_cols: usize,
    /// Cells, row-major.
    pub cells: Vec<DraftCell>,
}

/// The text of characters in one cell: lines top to bottom, wrapped lines joined (no space
/// between CJK), words of a line joined by a space.
pub(crate) fn cell_text(chars: &[&Char]) -> String {
    let mut text = String::new();
    for line in group_lines(chars) {
        let next = line.text();
        let next = next.trim();
        let numeric_end = text.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        if numeric_end && next.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            // A number wrapped in a narrow cell (福州 收支预算总表 `24995.9` / `4`).
            text.push_str(next);
        } else {
            push_joined(&mut text, next);
        }
    }
    text
}

impl TableDraft {
    /// A ruled grid filled with the characters whose centre lies in its cells.
    pub fn from_ruled(grid: &RuledGrid, chars: &[&Char], page: u32) -> TableDraft {
        let owners = grid.slot_owners();
        let mut per_cell: Vec<Vec<&Char>> = vec![Vec::new(); grid.cells.len()];
        for c in chars {
            if let Some(index) = grid.cell_at((c.x0 + c.x1) / 2.0, (c.y0 + c.y1) / 2.0, &owners) {
                per_cell[index].push(c);
            }
        }
        let cells = grid
            .cells
            .iter()
            .zip(per_cell)
            .map(|(cell, chars)| DraftCell {
                row: cell.row,
                col: cell.col,
                row_span: cell.row_span,
                col_span: cell.col_span,
                text: cell_text(&chars),
                bbox: cell.bbox,
                page,
            })
            .collect();
        let mut draft = TableDraft {
            page,
            last_page: page,
            bbox: grid.bbox(),
            col_edges: grid.xs.clone(),
            n_rows: grid.ys.len() - 1,
            n_cols: grid.xs.len() - 1,
            cells,
        };
        draft.remove_empty_rows_and_columns();
        label_columns::merge_split_label_columns(&mut draft);
        draft
    }

    /// Drop rows and columns in which every position is covered by an empty cell (slivers
    /// between double rulings, unused spacer columns).
    pub fn remove_empty_rows_and_columns(&mut self) {
        let mut row_used = vec![false; self.n_rows];
        let mut col_used = vec![false; self.n_cols];
        for cell in self.cells.iter().filter(|c| !c.text.trim().is_empty()) {
            for used in row_used.iter_mut().skip(cell.row).take(cell.row_span) {
                *used = true;
            }
            for used in col_used.iter_mut().skip(cell.col).take(cell.col_span) {
                *used = true;
            }
        }
        let row_map = renumber(&row_used);
        let col_map = renumber(&col_used);
        let mut edges: Vec<f32> = Vec::new();
        for (col, used) in col_used.iter().enumerate() {
            if *used {
                edges.push(self.col_edges[col]);
            }
        }
        if let Some(last) = col_used.iter().rposition(|u| *u) {
            edges.push(self.col_edges[last + 1]);
        }
        self.cells = std::mem::take(&mut self.cells)
            .into_iter()
            .filter_map(|cell| {
                let (row, row_span) = remap(&row_map, cell.row, cell.row_span)?;
                let (col, col_span) = remap(&col_map, cell.col, cell.col_span)?;
                Some(DraftCell { row, col, row_span, col_span, ..cell })
            })
            .collect();
        self.n_rows = row_used.iter().filter(|u| **u).count();
        self.n_cols = col_used.iter().filter(|u| **u).count();
        self.col_edges = edges;
    }

    /// Remove leading rows that are one cell across the whole table (a title drawn inside the
    /// grid, as spreadsheet exports do); returns their texts and boxes, top first.
    pub fn take_title_rows(&mut self) -> Vec<(String, BBox)> {
        let mut titles = Vec::new();
        while self.n_rows > 1 {
            let first: Vec<&DraftCell> = self.cells.iter().filter(|c| c.row == 0).collect();
            let [only] = first[..] else { break };
            if only.col_span < self.n_cols || only.row_span != 1 || only.text.trim().is_empty() {
                break;
            }
            titles.push((only.text.clone(), only.bbox));
            self.cells.retain(|c| c.row != 0);
            for cell in &mut self.cells {
                cell.row -= 1;
            }
            self.n_rows -= 1;
            if let Some(top) = self.cells.iter().map(|c| c.bbox[1]).min_by(f32::total_cmp) {
                self.bbox[1] = top;
            }
        }
        titles
    }

    /// The texts of row `row`, by column (empty where no cell starts).
    pub fn row_texts(&self, row: usize) -> Vec<String> {
        let mut texts = vec![String::new(); self.n_cols];
        for cell in self.cells.iter().filter(|c| c.row == row) {
            if let Some(slot) = texts.get_mut(cell.col) {
                slot.clone_from(&crate::text::compact(&cell.text));
            }
        }
        texts
    }

    /// Append `next` (a continuation) below this table, dropping its first `skip_rows` rows (a
    /// repeated header). `columns[c]` is where column `c` of `next` goes here (first column,
    /// columns covered); without it, the columns are the same.
    pub fn append(&mut self, next: TableDraft, skip_rows: usize, columns: &[(usize, usize)]) {
        let offset = self.n_rows;
        let same_columns = columns.is_empty() || next.n_cols == self.n_cols;
        for cell in next.cells {
            if cell.row < skip_rows {
                continue;
            }
            let (col, col_span) = if same_columns {
                (cell.col, cell.col_span)
            } else {
                let Some(&(first, _)) = columns.get(cell.col) else { continue };
                let last = columns.get(cell.col + cell.col_span.max(1) - 1).map_or(first, |(c, n)| c + n - 1);
                // One column of the continuation standing for several here (the empty ones were
                // dropped and their rulings with them): an amount belongs to one of them, the first.
                let amount = !cell.text.trim().is_empty()
                    && cell.text.trim().chars().all(|c| c.is_ascii_digit() || ",.-".contains(c));
                if amount && cell.col_span <= 1 {
                    (first, 1)
                } else {
                    (first, last + 1 - first)
                }
            };
            self.cells.push(DraftCell { row: cell.row - skip_rows + offset, col, col_span, ..cell });
        }
        self.n_rows += next.n_rows.saturating_sub(skip_rows);
        self.last_page = next.last_page;
        if same_columns {
            self.col_edges = next.col_edges;
        } else {
            self.fill_dropped_columns(offset, next.last_page);
        }
    }

    /// The continuation rows from `first_row` on printed fewer columns than this table has (its
    /// empty columns were dropped): each slot no cell covers becomes an empty cell, boxed by its
    /// column's edges and its row's height, so every slot of the grid keeps a place on the page.
    fn fill_dropped_columns(&mut self, first_row: usize, page: u32) {
        let mut filler = Vec::new();
        for row in first_row..self.n_rows {
            let in_row = || self.cells.iter().filter(|c| c.row <= row && row < c.row + c.row_span.max(1));
            let Some(top) = in_row().map(|c| c.bbox[1]).min_by(f32::total_cmp) else { continue };
            let bottom = in_row().map(|c| c.bbox[3]).max_by(f32::total_cmp).unwrap_or(top);
            for col in 0..self.n_cols {
                let covered = in_row().any(|c| c.col <= col && col < c.col + c.col_span.max(1));
                let (Some(&left), Some(&right)) = (self.col_edges.get(col), self.col_edges.get(col + 1)) else {
                    continue;
                };
                if !covered {
                    let bbox = [left, top, right, bottom];
                    filler.push(DraftCell { row, col, row_span: 1, col_span: 1, text: String::new(), bbox, page });
                }
            }
        }
        if !filler.is_empty() {
            self.cells.extend(filler);
            self.cells.sort_by_key(|c| (c.row, c.col));
        }
    }

    /// The grid, each cell with its page and box.
    pub fn into_grid(self) -> Grid {
        let cells = self
            .cells
            .into_iter()
            .map(|cell| Cell {
                row: cell.row,
                col: cell.col,
                row_span: cell.row_span.max(1),
                col_span: cell.col_span.max(1),
                text: cell.text,
                provenance: Provenance { page: Some(cell.page), bbox: Some(cell.bbox), ..Provenance::default() },
            })
            .collect();
        Grid { n_rows: self.n_rows, n_cols: self.n_cols, cells }
    }
}

/// For each old index, its new index if kept.
fn renumber(used: &[bool]) -> Vec<Option<usize>> {
    let mut next = 0;
    used.iter()
        .map(|u| {
            u.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// A span `start..start+span` in old indices → the kept part in new indices.
fn remap(map: &[Option<usize>], start: usize, span: usize) -> Option<(usize, usize)> {
    let kept: Vec<usize> = map.iter().skip(start).take(span.max(1)).filter_map(|m| *m).collect();
    let first = *kept.first()?;
    Some((first, kept.len()))
}

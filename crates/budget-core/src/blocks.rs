//! The uniform block stream that every reader produces and every recognizer consumes.
//!
//! A reader turns bytes of one format into a [`Blocks`] value: headings, paragraphs and table
//! grids in document order, each with its [`Provenance`]. Nothing here knows about budgets.

use serde::{Deserialize, Serialize};

use crate::provenance::Provenance;

/// The blocks of one document, in reading order, plus the decoded text they point into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Blocks {
    /// Name of the source (file name or the name given by the caller).
    pub source: String,
    /// The format the blocks were read from (e.g. `tika_text`, `markdown`, `plain_text`).
    pub format: String,
    /// The encoding the bytes were decoded from (e.g. `UTF-8`, `GB18030`).
    pub encoding: String,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Things the reader noticed but could still read past (stray debris lines and the like).
    pub warnings: Vec<String>,
}

/// One heading, paragraph or table, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it is in the source.
    pub provenance: Provenance,
}

/// The kinds of block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum BlockKind {
    /// A heading; `level` 1 is the top (Markdown `#`, a DOCX `Heading 1`).
    Heading {
        /// 1-based heading level.
        level: u8,
        /// The text, markup removed.
        text: String,
    },
    /// A paragraph of running text (one or more source lines joined).
    Paragraph {
        /// The text, markup removed.
        text: String,
    },
    /// A table.
    Table(Grid),
}

impl Block {
    /// The text of a heading or paragraph; `None` for a table.
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => Some(text),
            BlockKind::Table(_) => None,
        }
    }
}

/// A table as a grid of cells with row and column spans.
///
/// Cells are stored row by row; each names its top-left position. A merged cell appears once,
/// at its top-left corner, with `row_span`/`col_span` > 1; the positions it covers have no cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Grid {
    /// Number of rows.
    pub n_rows: usize,
    /// Number of columns (the widest row).
    pub n_cols: usize,
    /// The cells, in row-major order.
    pub cells: Vec<Cell>,
}

/// One cell of a [`Grid`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// 0-based row of the top-left corner.
    pub row: usize,
    /// 0-based column of the top-left corner.
    pub col: usize,
    /// Rows covered (≥ 1).
    pub row_span: usize,
    /// Columns covered (≥ 1).
    pub col_span: usize,
    /// The text as printed (markup removed, inner line breaks as `\n`).
    pub text: String,
    /// Where the cell is in the source.
    pub provenance: Provenance,
}

impl Grid {
    /// Build a grid from rows of cells without spans: cell `j` of row `i` is at `(i, j)`.
    ///
    /// ```
    /// use budget_core::blocks::Grid;
    /// use budget_core::Provenance;
    /// let grid = Grid::from_rows(vec![
    ///     vec![("科目".to_string(), Provenance::default()), ("金额".to_string(), Provenance::default())],
    ///     vec![("合计".to_string(), Provenance::default())],
    /// ]);
    /// assert_eq!((grid.n_rows, grid.n_cols), (2, 2));
    /// assert_eq!(grid.get(1, 0).unwrap().text, "合计");
    /// assert!(grid.get(1, 1).is_none());
    /// ```
    pub fn from_rows(rows: Vec<Vec<(String, Provenance)>>) -> Grid {
        let mut grid = Grid::default();
        for (row, cells) in rows.into_iter().enumerate() {
            grid.n_cols = grid.n_cols.max(cells.len());
            for (col, (text, provenance)) in cells.into_iter().enumerate() {
                grid.cells.push(Cell { row, col, row_span: 1, col_span: 1, text, provenance });
            }
            grid.n_rows = row + 1;
        }
        grid
    }

    /// The cell whose top-left corner is at `(row, col)`.
    pub fn get(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// The cells of one row, in column order (only cells whose top-left corner is in that row).
    pub fn row(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// A dense `n_rows × n_cols` view: each position holds the index (into `cells`) of the cell
    /// that covers it, if any. Merged cells cover every position of their span.
    pub fn coverage(&self) -> Vec<Vec<Option<usize>>> {
        let mut dense = vec![vec![None; self.n_cols]; self.n_rows];
        for (index, cell) in self.cells.iter().enumerate() {
            let rows = cell.row..(cell.row + cell.row_span.max(1)).min(self.n_rows);
            for row in dense.iter_mut().take(rows.end).skip(rows.start) {
                for slot in row.iter_mut().take((cell.col + cell.col_span.max(1)).min(self.n_cols)).skip(cell.col) {
                    *slot = Some(index);
                }
            }
        }
        dense
    }
}

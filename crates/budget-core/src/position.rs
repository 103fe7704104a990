//! Positions a person can find: a [`Provenance`] as words (`page 3, box 328.7,156.4–420.6,168.8`,
//! `sheet 收支总表 cell B7`, `table 2 row 3 cell 4`, `line 24, bytes 242..249`), and the helpers
//! readers use to fill the native coordinates.

use crate::blocks::{BlockKind, Blocks};
use crate::provenance::Provenance;

/// A 0-based `(row, col)` as an A1 reference: `(6, 1)` → `B7`.
///
/// ```
/// assert_eq!(budget_core::position::a1(6, 1), "B7");
/// assert_eq!(budget_core::position::a1(0, 27), "AB1");
/// ```
pub fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

impl Provenance {
    /// Whether the provenance points somewhere: a page box, a spreadsheet cell, a table cell
    /// or a line.
    pub fn has_position(&self) -> bool {
        let has_box = self.page.is_some() && self.bbox.is_some_and(|b| b[2] > b[0] && b[3] > b[1]);
        has_box || self.cell.is_some() || self.table_cell.is_some() || self.line_start > 0
    }

    /// Where the value is, in words: the page and box for PDFs, sheet and cell for spreadsheets,
    /// table/row/cell for DOCX and HTML tables, else lines and bytes (bytes only when known).
    ///
    /// ```
    /// use budget_core::Provenance;
    /// let p = Provenance { page: Some(3), bbox: Some([328.68, 156.36, 420.6, 168.84]), ..Provenance::default() };
    /// assert_eq!(p.location(), "page 3, box 328.7,156.4–420.6,168.8");
    /// assert_eq!(Provenance::lines(24, 24, 242, 249).location(), "line 24, bytes 242..249");
    /// ```
    pub fn location(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(page) = self.page {
            parts.push(format!("page {page}"));
            if let Some([x0, y0, x1, y1]) = self.bbox {
                parts.push(format!("box {x0:.1},{y0:.1}–{x1:.1},{y1:.1}"));
            }
            return parts.join(", ");
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet {sheet}"));
        }
        if let Some(cell) = &self.cell {
            parts.push(format!("cell {cell}"));
            return parts.join(" ");
        }
        if let Some([table, row, cell]) = self.table_cell {
            parts.push(format!("table {table} row {row} cell {cell}"));
            return parts.join(" ");
        }
        if self.line_start > 0 {
            let lines = if self.line_end > self.line_start {
                format!("lines {}–{}", self.line_start, self.line_end)
            } else {
                format!("line {}", self.line_start)
            };
            parts.push(lines);
            if self.byte_end > self.byte_start && self.sheet.is_none() {
                parts.push(format!("bytes {}..{}", self.byte_start, self.byte_end));
            }
        }
        parts.join(", ")
    }
}

/// Where a line of the document such as its title is printed: the first residual block that
/// holds it, or whose text begins it (a title over two lines); an empty provenance if none.
pub(crate) fn printed_at(doc: &crate::model::Document, text: &str) -> Provenance {
    let wanted = crate::text::compact(text);
    let holds = |block: &&crate::blocks::Block| {
        let printed = block.text().map(crate::text::compact).unwrap_or_default();
        printed.contains(&wanted) || (printed.chars().count() >= 4 && wanted.starts_with(&printed))
    };
    doc.residual.iter().find(holds).map(|block| block.provenance.clone()).unwrap_or_default()
}

/// Number the table cells of a DOCX or HTML document: each cell's provenance gets
/// `table_cell = [table, row, cell]`, 1-based, tables counted in document order.
pub(crate) fn number_table_cells(blocks: &mut Blocks) {
    let mut table = 0u32;
    for block in &mut blocks.blocks {
        let BlockKind::Table(grid) = &mut block.kind else { continue };
        table += 1;
        for cell in &mut grid.cells {
            let row = u32::try_from(cell.row + 1).unwrap_or(u32::MAX);
            let col = u32::try_from(cell.col + 1).unwrap_or(u32::MAX);
            cell.provenance.table_cell = Some([table, row, col]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_cells_read_as_a1() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(8, 25), "Z9");
        assert_eq!(a1(99, 26), "AA100");
        let p =
            Provenance { sheet: Some("收支总表".into()), cell: Some("E9".into()), ..Provenance::lines(9, 9, 4, 5) };
        assert_eq!(p.location(), "sheet 收支总表 cell E9");
        assert_eq!(Provenance::default().location(), "");
        assert!(!Provenance::default().has_position());
    }
}

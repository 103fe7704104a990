//! Where a value came from: enough for a user to find the number in the original document.

use serde::{Deserialize, Serialize};

/// The position of a block, cell or value in its source document.
///
/// Text formats fill the line and byte ranges (lines 1-based and inclusive, bytes 0-based and
/// half-open, both in the decoded UTF-8 text); spreadsheets fill `sheet`; PDFs fill `page` and
/// `bbox`. A user can always go back from a number to the place where it is printed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// First line (1-based).
    pub line_start: usize,
    /// Last line (1-based, inclusive).
    pub line_end: usize,
    /// Byte offset of the first byte in the decoded text.
    pub byte_start: usize,
    /// Byte offset one past the last byte in the decoded text.
    pub byte_end: usize,
    /// Sheet name, for spreadsheets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based page number, for paginated formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Bounding box `[x0, y0, x1, y1]` in points on `page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// Size `[width, height]` in points of `page` as a viewer shows it (the space of `bbox`:
    /// top-left origin, y down, `/Rotate` applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<[f32; 2]>,
    /// The spreadsheet cell in A1 notation (`B7`, the top-left cell of a merged range).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// For tables of DOCX and HTML: `[table, row, cell]`, 1-based, counted in the source (the
    /// n-th table of the document, the row within it, the cell within the row's grid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_cell: Option<[u32; 3]>,
    /// The type size in points of the text it points at, where the reader knows it (PDF lines):
    /// the cover title is the largest type on the first pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
}

impl Provenance {
    /// A provenance spanning lines `line_start..=line_end` and bytes `byte_start..byte_end`.
    pub fn lines(line_start: usize, line_end: usize, byte_start: usize, byte_end: usize) -> Self {
        Provenance { line_start, line_end, byte_start, byte_end, ..Provenance::default() }
    }

    /// The smallest provenance that covers both `self` and `other` (same source assumed).
    #[must_use]
    pub fn union(&self, other: &Provenance) -> Provenance {
        Provenance {
            line_start: self.line_start.min(other.line_start),
            line_end: self.line_end.max(other.line_end),
            byte_start: self.byte_start.min(other.byte_start),
            byte_end: self.byte_end.max(other.byte_end),
            sheet: self.sheet.clone().or_else(|| other.sheet.clone()),
            page: self.page.or(other.page),
            bbox: self.bbox.or(other.bbox),
            page_size: self.page_size.or(other.page_size),
            // A range of cells is not one cell: its lines (rows) and sheet say where it is.
            cell: if self.cell == other.cell { self.cell.clone() } else { None },
            table_cell: self.table_cell.or(other.table_cell),
            font_size: self.font_size.or(other.font_size),
        }
    }
}

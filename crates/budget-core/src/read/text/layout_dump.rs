//! Layout-preserving plain text (`pdftotext -layout` and similar dumps): columns aligned with
//! spaces, pages separated by form feeds.
//!
//! Such text is a PDF page on a fixed character grid, so it is read by the PDF layout layer:
//! every character becomes a positioned glyph (column × `CELL_WIDTH`, line × `LINE_HEIGHT`),
//! and the same line, table and cross-page logic applies. Provenance is turned back into
//! 1-based line numbers of the text.

use crate::blocks::{BlockKind, Blocks};
use crate::provenance::Provenance;
use crate::read::layout::{blocks_from_pages, Char, Page};

/// Width of one character column, in the synthetic page's points. Two spaces (12) are wider
/// than the 10-point em, so a run of two or more spaces separates cells; one space does not.
const CELL_WIDTH: f32 = 6.0;
/// Height of one text line, in points.
const LINE_HEIGHT: f32 = 12.0;
/// The synthetic font size (the em).
const FONT_SIZE: f32 = 10.0;

/// Whether `text` looks like a layout dump: several lines whose fields are separated by runs of
/// at least three spaces and that carry numbers (table rows), and no tab-separated rows.
pub fn looks_like_layout_text(text: &str) -> bool {
    let aligned = text
        .lines()
        .filter(|line| !line.contains('\t'))
        .filter(|line| line.trim().split("   ").filter(|f| !f.trim().is_empty()).count() >= 2)
        .filter(|line| line.chars().any(|c| c.is_ascii_digit()))
        .count();
    aligned >= 5
}

/// Read layout text into blocks.
pub fn read(text: &str) -> Blocks {
    let mut pages = Vec::new();
    let mut first_line = Vec::new(); // the 1-based text line each page starts at
    let mut line_number = 1usize;
    for (index, page_text) in text.split('\u{c}').enumerate() {
        let mut chars = Vec::new();
        let mut width = 0usize;
        for (row, line) in page_text.split('\n').enumerate() {
            let y0 = row as f32 * LINE_HEIGHT;
            for (col, c) in line.chars().enumerate() {
                width = width.max(col + 1);
                if c.is_whitespace() {
                    continue;
                }
                let x0 = col as f32 * CELL_WIDTH;
                chars.push(Char {
                    text: c.to_string(),
                    x0,
                    y0,
                    x1: x0 + CELL_WIDTH,
                    y1: y0 + FONT_SIZE,
                    font_size: FONT_SIZE,
                    font: String::new(),
                });
            }
        }
        let rows = page_text.split('\n').count();
        first_line.push(line_number);
        line_number += rows.saturating_sub(1);
        pages.push(Page {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            width: width as f32 * CELL_WIDTH,
            height: rows as f32 * LINE_HEIGHT,
            rotation: 0,
            chars,
            segments: Vec::new(),
            has_images: false,
        });
    }
    let mut warnings = Vec::new();
    let mut blocks = blocks_from_pages(&pages, &mut warnings);
    for block in &mut blocks {
        to_lines(&mut block.provenance, &first_line);
        if let BlockKind::Table(grid) = &mut block.kind {
            for cell in &mut grid.cells {
                to_lines(&mut cell.provenance, &first_line);
            }
        }
    }
    Blocks { blocks, warnings, ..Blocks::default() }
}

/// Replace a synthetic page + bbox by the text lines it covers (page and bbox are dropped: the
/// text has no pages of its own beyond its form feeds, which the line numbers already count).
fn to_lines(provenance: &mut Provenance, first_line: &[usize]) {
    let (Some(page), Some([_, y0, _, y1])) = (provenance.page, provenance.bbox) else { return };
    let start = (page as usize).checked_sub(1).and_then(|i| first_line.get(i)).copied().unwrap_or(1);
    provenance.line_start = start + (y0 / LINE_HEIGHT).floor().max(0.0) as usize;
    provenance.line_end = start + ((y1 - 0.5) / LINE_HEIGHT).floor().max(0.0) as usize;
    provenance.page = None;
    provenance.bbox = None;
    provenance.font_size = None;
}

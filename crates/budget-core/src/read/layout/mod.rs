//! Page layout: pages of positioned characters and ruling segments ([`Page`], [`Char`],
//! [`Segment`]) → blocks. Two sources feed it: the PDF interpreter ([`crate::read::pdf`]) and
//! layout-preserving text dumps ([`crate::read::text::layout_dump`], one character per grid cell).
//!
//! Per page ([`blocks_from_pages`]): characters grouped into words and lines (`lines.rs`), ruled
//! grids from the segments (`ruling.rs`) filled by position (`table.rs`), runs of aligned lines as
//! unruled tables (`unruled.rs`), all of it in reading order (`page_layout.rs`; pages turned
//! upright first, `upright.rs`). Across pages: running headers, footers and page numbers removed
//! (`furniture.rs`), then paragraphs joined and tables continued on the next page merged
//! (`assemble.rs`).

mod assemble;
mod furniture;
mod lines;
mod page_layout;
mod ruling;
mod table;
mod unruled;
mod upright;

use serde::{Deserialize, Serialize};

use crate::blocks::{Block, BlockKind};
use lines::TextLine;
use table::TableDraft;

/// One page: its geometry, characters and ruling segments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Width of the crop box in points (unrotated).
    pub width: f32,
    /// Height of the crop box in points (unrotated).
    pub height: f32,
    /// Clockwise rotation a viewer applies when showing the page: 0, 90, 180 or 270
    /// (see [`Page::upright`]).
    pub rotation: i32,
    /// The characters, in content-stream order (not reading order).
    pub chars: Vec<Char>,
    /// Horizontal and vertical ruling segments.
    pub segments: Vec<Segment>,
    /// The page draws at least one image (a page with images and no chars is likely scanned).
    pub has_images: bool,
}

/// One shown glyph and its box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Char {
    /// Its Unicode text: usually one character, several for ligatures or multi-character
    /// ToUnicode entries, `U+FFFD` when the font gives no way to know it. Kangxi radicals and
    /// CJK compatibility ideographs are mapped to unified ideographs.
    pub text: String,
    /// Left edge, points from the crop box's left.
    pub x0: f32,
    /// Top edge, points from the crop box's top.
    pub y0: f32,
    /// Right edge (the end of the glyph's advance).
    pub x1: f32,
    /// Bottom edge (one em below the top).
    pub y1: f32,
    /// The rendered font size in points (the text matrix and CTM applied).
    pub font_size: f32,
    /// The font's base name without its subset tag, e.g. `SimSun`.
    pub font: String,
}

/// An axis-aligned ruling segment: `x0 == x1` (vertical) or `y0 == y1` (horizontal), with
/// `x0 <= x1` and `y0 <= y1`, in the same coordinates as [`Char`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// Left end.
    pub x0: f32,
    /// Top end.
    pub y0: f32,
    /// Right end.
    pub x1: f32,
    /// Bottom end.
    pub y1: f32,
}

impl Segment {
    /// Whether the segment is horizontal.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// Lay out positioned pages into blocks: lines, paragraphs, ruled and unruled tables, tables
/// continued across pages, running headers and footers removed (each removal in `warnings`).
/// Also used for layout-preserving text dumps, whose characters sit on a fixed grid.
pub fn blocks_from_pages(pages: &[Page], warnings: &mut Vec<String>) -> Vec<Block> {
    let mut layouts = Vec::with_capacity(pages.len());
    for page in pages {
        if page.chars.iter().all(|c| c.text.trim().is_empty()) {
            warnings.push(if page.has_images {
                format!(
                    "page {}: no text layer, only images (a scan?); OCR is not supported, page skipped",
                    page.number
                )
            } else {
                format!("page {}: blank page (no text)", page.number)
            });
        }
        let (layout, warning) = page_layout::layout_page(page);
        if let Some(warning) = warning {
            warnings.push(format!("page {}: {warning}", page.number));
        }
        layouts.push(layout);
    }
    warnings.extend(furniture::remove_page_furniture(&mut layouts));
    let sizes: Vec<(u32, [f32; 2])> = layouts.iter().map(|l| (l.number, [l.width, l.height])).collect();
    let mut blocks = assemble::assemble(layouts, warnings);
    set_page_sizes(&mut blocks, &sizes);
    blocks
}

/// The boxes of the table cells found on one page (ruled grids and unruled tables), in the
/// page's upright coordinates: what a page picture draws as the table grid.
pub fn table_cell_boxes(page: &Page) -> Vec<[f32; 4]> {
    let (layout, _) = page_layout::layout_page(page);
    let tables = layout.items.into_iter().filter_map(|item| match item {
        PageItem::Table(table) => Some(table),
        PageItem::Line(_) => None,
    });
    tables.flat_map(|table| table.cells.into_iter().map(|cell| cell.bbox)).collect()
}

/// A line or a table on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PageItem {
    /// A line of text outside any table.
    Line(TextLine),
    /// A table.
    Table(TableDraft),
}

impl PageItem {
    /// Top edge of the item.
    pub fn top(&self) -> f32 {
        match self {
            PageItem::Line(line) => line.bbox[1],
            PageItem::Table(table) => table.bbox[1],
        }
    }
}

/// Give every page-located provenance of `blocks` (blocks and table cells) its page size.
fn set_page_sizes(blocks: &mut [Block], sizes: &[(u32, [f32; 2])]) {
    let size_of = |page: Option<u32>| page.and_then(|p| sizes.iter().find(|(n, _)| *n == p).map(|(_, s)| *s));
    for block in blocks {
        block.provenance.page_size = size_of(block.provenance.page);
        if let BlockKind::Table(grid) = &mut block.kind {
            for cell in &mut grid.cells {
                cell.provenance.page_size = size_of(cell.provenance.page);
            }
        }
    }
}

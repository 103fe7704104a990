//! PDF reader, low layer: PDF bytes → pages of positioned characters and ruling segments.
//!
//! [lopdf] parses objects, filters, decryption (the empty user password is tried) and content
//! tokens; our interpreter (this folder) keeps the graphics and text state, decodes fonts
//! (simple fonts with `/Widths` and `/Differences`, CID fonts with `/W`, embedded ToUnicode
//! CMaps read leniently, predefined CJK CMaps such as GBK-EUC-H and UniGB-UCS2-H) and turns
//! stroked lines and thin filled rectangles into axis-aligned [`Segment`]s.
//!
//! Coordinates are in points, in the page's **unrotated** user space with the origin at the
//! top-left corner of the crop box and y growing downwards; [`Page::rotation`] says how a viewer
//! would turn the page, and [`Page::upright`] applies it (needed where a producer draws a table
//! sideways and sets `/Rotate 90`). Grouping characters into lines and tables is the next
//! layer's job.
//!
//! ```no_run
//! use budget_core::read::pdf::{read_pages, PdfOptions};
//! let data = std::fs::read("report.pdf").unwrap();
//! let doc = read_pages(&data, &PdfOptions::default()).unwrap();
//! for page in &doc.pages {
//!     let text: String = page.chars.iter().map(|c| c.text.as_str()).collect();
//!     println!("page {}: {} chars, {} rulings: {text}", page.number, page.chars.len(), page.segments.len());
//! }
//! ```

mod cmap;
mod cmap_tokens;
mod content_guard;
mod dedupe;
mod font;
mod glyph_names;
mod interpreter;
mod matrix;
mod objects;
mod page;
mod path;
mod recover;
mod show;
mod simple_encoding;
mod state;
mod widths;

use serde::{Deserialize, Serialize};

use crate::blocks::{Block, Blocks};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::layout::{assemble, furniture, page_layout};

/// Limits and switches for [`read_pages`]. The defaults are safe for files from the web and
/// far above what real disclosures need. Two bounds are lopdf's own and fixed: a chain of
/// references is followed at most 128 links (further it reads as missing), and a page tree walk
/// visits at most as many kids as the file has objects (cycles, `/Kids` floods).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct PdfOptions {
    /// Most pages read; later pages are skipped with a warning (default 5,000).
    pub max_pages: usize,
    /// Most decompressed content bytes per page, Form XObjects included (default 64 MiB).
    pub max_content_bytes_per_page: usize,
    /// Most content operators executed per page (default 5,000,000).
    pub max_operations_per_page: usize,
    /// Deepest Form XObject nesting followed (default 12).
    pub max_form_depth: usize,
    /// Most characters kept per page (default 500,000).
    pub max_chars_per_page: usize,
    /// Most ruling segments kept per page (default 200,000).
    pub max_segments_per_page: usize,
    /// A filled rectangle at most this thick (points) counts as a ruling line (default 2.0).
    pub thin_fill_max: f32,
    /// Most bytes one stream may decode to (Flate/LZW bombs; default 64 MiB). Also bounds the
    /// object and cross-reference streams lopdf decodes while loading.
    pub max_stream_bytes: usize,
    /// Most content bytes decoded in the whole document; later pages are skipped with a
    /// warning (default 1 GiB).
    pub max_document_bytes: usize,
    /// Most operands one content operator may take, array and dictionary elements included
    /// (default 100,000); a stream that exceeds it is read up to that operator.
    pub max_operands: usize,
    /// Deepest nesting of arrays and dictionaries in content (default 64); a stream that
    /// exceeds it is read up to that operator.
    pub max_nesting: usize,
    /// Longest time spent interpreting one page (default 10 s); past it the rest of the page
    /// is skipped with a warning.
    pub max_time_per_page: std::time::Duration,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            max_pages: 5_000,
            max_content_bytes_per_page: 64 * 1024 * 1024,
            max_operations_per_page: 5_000_000,
            max_form_depth: 12,
            max_chars_per_page: 500_000,
            max_segments_per_page: 200_000,
            thin_fill_max: 2.0,
            max_stream_bytes: 64 * 1024 * 1024,
            max_document_bytes: 1024 * 1024 * 1024,
            max_operands: 100_000,
            max_nesting: 64,
            max_time_per_page: std::time::Duration::from_secs(10),
        }
    }
}

/// A whole document: its pages in order, and what could not be read cleanly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PdfDocument {
    /// The pages, first to last.
    pub pages: Vec<Page>,
    /// Document-level and per-page notes (`page 3: …`): unreadable fonts, skipped content,
    /// glyphs without Unicode text, limits reached.
    pub warnings: Vec<String>,
}

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

/// Read every page of a PDF into characters and ruling segments.
///
/// Damage is repaired where the pages survive it: a broken or missing cross-reference table is
/// rebuilt by scanning for objects, a file cut short gives the pages before the cut (the
/// warnings say where it ends), a page tree lost with the end of the file is replaced by the
/// page objects found, and a page that cannot be read is reported and left empty. Every
/// resource a file can ask for is bounded by [`PdfOptions`]; a limit reached skips the rest of
/// that stream or page with a warning naming the limit.
///
/// # Errors
/// [`ErrorKind::Malformed`] when no page can be found in the file, and when the file is
/// encrypted with a password other than the empty one.
pub fn read_pages(data: &[u8], options: &PdfOptions) -> Result<PdfDocument> {
    let recover::Loaded { doc, warnings } = recover::load(data, options).map_err(malformed)?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(malformed("the file is encrypted and needs a password".to_string()));
    }
    // lopdf bounds the walk by the number of objects (page tree cycles, /Kids floods).
    let page_ids: Vec<lopdf::ObjectId> = doc.page_iter().take(options.max_pages.saturating_add(1)).collect();
    if page_ids.is_empty() {
        return Err(malformed("no pages found (missing or broken page tree)".to_string()));
    }
    let mut result = PdfDocument { warnings, ..PdfDocument::default() };
    let mut fonts = interpreter::FontCache::new();
    let mut document_bytes_left = options.max_document_bytes;
    for (index, page_id) in page_ids.iter().enumerate() {
        if index >= options.max_pages {
            result.warnings.push(format!("more than {} pages; the rest is skipped", options.max_pages));
            break;
        }
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if document_bytes_left == 0 {
            result.warnings.push(format!(
                "the document's content decodes to more than {} bytes (the limit per document); pages from {number} on are skipped",
                options.max_document_bytes
            ));
            break;
        }
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            page::read_page(&doc, *page_id, number, options, &mut fonts, &mut document_bytes_left)
        }));
        let (page, warnings) = read.unwrap_or_else(|_| {
            fonts.clear();
            (
                Page { number, ..Page::default() },
                vec!["could not be read (internal error); page left empty".to_string()],
            )
        });
        result.warnings.extend(warnings.into_iter().map(|warning| format!("page {number}: {warning}")));
        result.pages.push(page);
    }
    Ok(result)
}

/// Read a PDF into blocks: paragraphs and tables in reading order, tables continued across
/// pages joined, running headers/footers and page numbers removed (and listed in the warnings).
///
/// Characters are grouped into lines by position; characters inside ruled grids go to their
/// cells by position (so values whose neighbours are empty keep their columns); runs of lines
/// whose words line up become unruled tables. Pages without text are named in the warnings.
///
/// # Errors
/// As [`read_pages`].
pub fn read_blocks(data: &[u8], options: &PdfOptions) -> Result<Blocks> {
    let document = read_pages(data, options)?;
    let mut warnings = document.warnings;
    let blocks = blocks_from_pages(&document.pages, &mut warnings);
    Ok(Blocks { format: "pdf".to_string(), blocks, warnings, ..Blocks::default() })
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
    crate::picture::set_page_sizes(&mut blocks, &sizes);
    blocks
}

/// The boxes of the table cells found on one page (ruled grids and unruled tables), in the
/// page's upright coordinates: what a page picture draws as the table grid.
pub fn table_cell_boxes(page: &Page) -> Vec<[f32; 4]> {
    let (layout, _) = page_layout::layout_page(page);
    let tables = layout.items.into_iter().filter_map(|item| match item {
        page_layout::PageItem::Table(table) => Some(table),
        page_layout::PageItem::Line(_) => None,
    });
    tables.flat_map(|table| table.cells.into_iter().map(|cell| cell.bbox)).collect()
}

fn malformed(message: String) -> Error {
    Error::new(ErrorKind::Malformed { format: "PDF".to_string(), message }, Location::default())
}

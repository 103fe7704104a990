//! PDF reader, object and content layer: PDF bytes → pages of positioned characters and ruling
//! segments ([`read_pages`]). [`read_blocks`] hands the pages to the page-layout layer
//! ([`crate::read::layout`]), which groups them into lines, paragraphs and tables.
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
//! sideways and sets `/Rotate 90`).
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

use crate::blocks::Blocks;
use crate::error::{Error, ErrorKind, Location, Result};
// The page model and the layout entry points, also here for callers of the reader before the split.
pub use crate::read::layout::{blocks_from_pages, table_cell_boxes, Char, Page, Segment};

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

fn malformed(message: String) -> Error {
    Error::new(ErrorKind::Malformed { format: "PDF".to_string(), message }, Location::default())
}

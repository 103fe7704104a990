//! Readers: bytes → [`Blocks`]. One module per format; [`read_blocks`] detects the format by
//! content (magic bytes, then the shape of the text) and dispatches.

pub mod decode;
pub mod docx;
pub mod html;
pub mod layout;
mod limits;
pub mod pdf;
pub mod sheet;
pub mod text;
mod xml;
pub mod zip;

use crate::blocks::Blocks;
use crate::error::{Error, ErrorKind, Location, Result};
use text::{layout_dump, markdown, pages_json, plain, tika};

/// Limits and switches for reading. The defaults are safe for files from the web; raise them
/// for trusted, unusually large inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Largest input accepted, in bytes (default 256 MiB).
    pub max_input_bytes: u64,
    /// Largest total of uncompressed bytes inflated from a zip container (default 512 MiB).
    pub max_uncompressed_bytes: u64,
    /// Largest uncompressed/compressed ratio of a zip entry past its first MiB (default 200).
    pub max_compression_ratio: u64,
    /// Most entries in a zip container (default 10,000).
    pub max_zip_entries: u64,
    /// Largest XML part (e.g. `word/document.xml`), uncompressed bytes (default 256 MiB).
    pub max_xml_bytes: u64,
    /// Deepest XML element nesting (default 256).
    pub max_xml_depth: u64,
    /// Deepest HTML element nesting (default 256).
    pub max_html_depth: u64,
    /// Most cells in one sheet or table, and most cells read from one document (default 2,000,000).
    pub max_cells_per_sheet: u64,
    /// Most pages read from a PDF; later pages are skipped with a warning (default 5,000).
    pub max_pdf_pages: u64,
    /// Most bytes one PDF stream may decode to, Flate/LZW bombs (default 64 MiB).
    pub max_pdf_stream_bytes: u64,
    /// Most content bytes decoded from one PDF; later pages are skipped (default 1 GiB).
    pub max_pdf_document_bytes: u64,
    /// Most operands of one PDF content operator, array elements included (default 100,000).
    pub max_pdf_operands: u64,
    /// Most PDF content operators executed per page (default 5,000,000).
    pub max_pdf_operators_per_page: u64,
    /// Deepest nesting of arrays and dictionaries in PDF content (default 64).
    pub max_pdf_nesting: u64,
    /// Deepest nesting of PDF Form XObjects (default 12).
    pub max_pdf_form_depth: u64,
    /// Longest time spent on one PDF page, in milliseconds (default 10,000).
    pub max_pdf_page_millis: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_input_bytes: 256 * 1024 * 1024,
            max_uncompressed_bytes: 512 * 1024 * 1024,
            max_compression_ratio: 200,
            max_zip_entries: 10_000,
            max_xml_bytes: 256 * 1024 * 1024,
            max_xml_depth: 256,
            max_html_depth: 256,
            max_cells_per_sheet: 2_000_000,
            max_pdf_pages: 5_000,
            max_pdf_stream_bytes: 64 * 1024 * 1024,
            max_pdf_document_bytes: 1024 * 1024 * 1024,
            max_pdf_operands: 100_000,
            max_pdf_operators_per_page: 5_000_000,
            max_pdf_nesting: 64,
            max_pdf_form_depth: 12,
            max_pdf_page_millis: 10_000,
        }
    }
}

/// The formats cnbudget knows by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Tika-style text of a DOCX: one cell per line after a tab, blank line between rows.
    TikaText,
    /// Markdown from a PDF or DOCX converter (`#` headings, TSV or pipe tables).
    Markdown,
    /// Plain narrative text.
    PlainText,
    /// Layout-preserving text (`pdftotext -layout`): columns aligned with spaces.
    LayoutText,
    /// PDF (`%PDF-`).
    Pdf,
    /// A zip container (DOCX, XLSX, ODS, …).
    Zip,
    /// An OLE2 compound file (legacy .doc / .xls).
    Ole2,
    /// HTML markup.
    Html,
}

impl Format {
    /// A human name for messages and the `format` column.
    pub fn name(self) -> &'static str {
        match self {
            Format::TikaText => "tika_text",
            Format::Markdown => "markdown",
            Format::PlainText => "plain_text",
            Format::LayoutText => "layout_text",
            Format::Pdf => "pdf",
            Format::Zip => "zip",
            Format::Ole2 => "ole2",
            Format::Html => "html",
        }
    }
}

/// Detect the binary container of `data` from its magic bytes, if it has one.
pub fn detect_binary(data: &[u8]) -> Option<Format> {
    if data.starts_with(b"%PDF-") || data.get(..1024).is_some_and(|head| find(head, b"%PDF-").is_some()) {
        Some(Format::Pdf)
    } else if data.starts_with(b"PK\x03\x04") || data.starts_with(b"PK\x05\x06") {
        Some(Format::Zip)
    } else if data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Format::Ole2)
    } else {
        None
    }
}

/// Detect the layout of decoded text: Tika cell lines, Markdown, HTML or plain.
pub fn detect_text(text: &str) -> Format {
    let head: String = text.chars().take(4096).collect::<String>().to_ascii_lowercase();
    let trimmed = head.trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || head.contains("<table")
        || (trimmed.starts_with("<%@") && head.contains("<html"))
    {
        return Format::Html;
    }
    let lines: Vec<&str> = text.lines().collect();
    // A Tika cell line has one leading tab and no other (TSV rows have several tabs).
    let cell_lines = lines.iter().filter(|l| l.starts_with('\t') && !l[1..].contains('\t')).count();
    let nonblank = lines.iter().filter(|l| !l.trim().is_empty()).count().max(1);
    if cell_lines * 3 >= nonblank && cell_lines >= 4 {
        return Format::TikaText;
    }
    let markdown_lines = lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("# ")
                || t.starts_with("## ")
                || t.starts_with("### ")
                || t.starts_with('|')
                || l.contains("<b>")
        })
        .count();
    let tsv_lines = lines.iter().filter(|l| !l.starts_with('\t') && l.matches('\t').count() >= 2).count();
    if markdown_lines >= 2 || (markdown_lines >= 1 && tsv_lines >= 2) {
        return Format::Markdown;
    }
    if layout_dump::looks_like_layout_text(text) {
        return Format::LayoutText;
    }
    Format::PlainText
}

/// A zip container: DOCX, XLSX or ODS by its entries.
fn read_zip(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let mut zip = zip::LimitedZip::open(source, data, "zip", options)?;
    let format = match zip.kind() {
        zip::ZipKind::Docx => return docx::read_zip(&mut zip, options),
        zip::ZipKind::Xlsx | zip::ZipKind::Ods => return sheet::read(source, data, options),
        zip::ZipKind::Odt => "ODT (OpenDocument text)",
        zip::ZipKind::Other => "zip archive without a document (not DOCX/XLSX/ODS)",
    };
    Err(Error::new(ErrorKind::UnsupportedFormat { format: format.into() }, Location::source(source)))
}

/// An OLE2 compound file: a legacy XLS workbook is read; a .doc is named in the error.
fn read_ole2(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let utf16 = |name: &str| name.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let format = if find(data, &utf16("WordDocument")).is_some() {
        "DOC (Word 97-2003 binary)"
    } else if find(data, &utf16("Workbook")).is_some() || find(data, &utf16("Book")).is_some() {
        return sheet::read(source, data, options);
    } else if find(data, &utf16("PowerPoint Document")).is_some() {
        "PPT (PowerPoint 97-2003 binary)"
    } else {
        "OLE2 compound file (not a Word or Excel document)"
    };
    Err(Error::new(ErrorKind::UnsupportedFormat { format: format.into() }, Location::source(source)))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Read `data` into blocks, detecting its format by content.
///
/// # Errors
/// [`ErrorKind::Empty`] for empty input, [`ErrorKind::LimitExceeded`] past
/// [`ReadOptions::max_input_bytes`], [`ErrorKind::UnsupportedFormat`] for formats without a
/// reader yet (naming the format), [`ErrorKind::Decode`] for undecodable text.
pub fn read_blocks(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let location = || Location::source(source);
    if data.len() as u64 > options.max_input_bytes {
        return Err(Error::new(
            ErrorKind::LimitExceeded {
                what: "input size in bytes".into(),
                actual: data.len() as u64,
                limit: options.max_input_bytes,
            },
            location(),
        ));
    }
    if let Some(format) = detect_binary(data) {
        let mut blocks = match format {
            Format::Zip => read_zip(source, data, options)?,
            Format::Ole2 => read_ole2(source, data, options)?,
            Format::Pdf => pdf::read_blocks(data, &options.pdf_options())
                .map_err(|err| Error::new(err.kind().clone(), location()))?,
            _ => return Err(Error::new(ErrorKind::UnsupportedFormat { format: format.name().into() }, location())),
        };
        blocks.source = source.to_string();
        if blocks.format == "docx" {
            crate::position::number_table_cells(&mut blocks);
        }
        return Ok(blocks);
    }
    let decoded = decode::decode(data).map_err(|kind| Error::new(kind, location()))?;
    if decoded.text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, location()));
    }
    if let Some(mut blocks) = pages_json::read(&decoded.text) {
        blocks.source = source.to_string();
        blocks.format = "pages_json".to_string();
        blocks.encoding = decoded.encoding.to_string();
        return Ok(blocks);
    }
    let format = detect_text(&decoded.text);
    let mut blocks = match format {
        Format::TikaText => tika::read(&decoded.text),
        Format::Markdown => markdown::read(&decoded.text),
        Format::LayoutText => layout_dump::read(&decoded.text),
        Format::Html => {
            let mut blocks = html::read(source, data, options)?;
            blocks.source = source.to_string();
            crate::position::number_table_cells(&mut blocks);
            return Ok(blocks);
        }
        _ => plain::read(&decoded.text),
    };
    blocks.source = source.to_string();
    blocks.format = format.name().to_string();
    blocks.encoding = decoded.encoding.to_string();
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_formats_are_named_in_the_error() {
        let err = read_blocks("a.pdf", b"%PDF-1.7\n...", &ReadOptions::default()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Malformed { .. }), "{err}");
        let err = read_blocks("a.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], &ReadOptions::default())
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::UnsupportedFormat { .. }));
    }

    #[test]
    fn empty_input_is_an_error() {
        let err = read_blocks("e.txt", b"  \n\n", &ReadOptions::default()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Empty);
    }

    #[test]
    fn size_limit_is_enforced() {
        let options = ReadOptions { max_input_bytes: 4, ..ReadOptions::default() };
        let err = read_blocks("big.txt", b"12345", &options).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { actual: 5, limit: 4, .. }));
    }
}

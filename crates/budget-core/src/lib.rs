//! # budget-core
//!
//! Exact, validated, analysis-ready data from Chinese government budget disclosures
//! (部门预算 / 部门决算公开), in pure Rust.
//!
//! Data flows one way through four stages:
//!
//! 1. **read** ([`read`]): bytes → [`Blocks`]. Decoding (UTF-8, UTF-16, GB18030) and one module per
//!    format; readers know formats, not budgets.
//! 2. **recognize** ([`recognize`]): blocks → [`Document`]. Table kinds, header paths, line items,
//!    metadata; recognizers know budgets, not formats. Whatever nothing consumed stays in
//!    [`Document::residual`].
//! 3. **validate** ([`validate`]): document → [`Finding`]s ([`Document::validate`]).
//! 4. **frames**: the `cnbudget` Python package turns a [`Document`] into Polars frames.
//!
//! Money is [`rust_decimal::Decimal`], converted to 元 exactly; blank is not zero.
//!
//! ## Modules
//!
//! ```text
//! src/
//!   lib.rs        parse_bytes, parse_bytes_with, parse_path, parse_blocks
//!   blocks.rs     Blocks, Block, Grid, Cell: what readers produce
//!   model/        Document, Meta, Table, LineItem, Fact, KeyFigure (key_figure.rs), Finding (finding.rs)
//!   error.rs  provenance.rs  position.rs  money.rs  rounding.rs  text.rs   shared types and helpers
//!   read/         bytes → blocks: mod.rs (ReadOptions, Format, read_blocks), limits.rs, decode.rs,
//!                 xml.rs (attributes, depth limit), zip.rs (LimitedZip)
//!     text/       decoded text: tika, markdown, plain, layout_dump (pdftotext -layout), pages_json, lines,
//!                 collapsed/ (tables of dumps whose columns were collapsed to single spaces)
//!     html.rs     HTML
//!     docx/       DOCX: mod (package, styles), body (paragraphs and tables)
//!     sheet/      spreadsheets: mod (dispatch, calamine for XLS/ODS), grid (shared grid and display),
//!                 xlsx/ (our streaming XLSX reader), xls/ (OLE2 guard, BIFF), ods_extras
//!     pdf/        PDF objects and content: interpreter, state, show, path, matrix, font, cmap,
//!                 widths, encodings, page, recover, content_guard, dedupe → pages of positioned glyphs
//!     layout/     page layout (PDF pages and layout dumps): lines, ruling, table, unruled,
//!                 page_layout, upright, furniture, assemble → blocks; table/label_columns
//!   recognize/    blocks → document: tables, classify, untitled (continued pieces), layout (headers),
//!                 columns, line_items/ (code_groups: side-by-side halves), identity/, narrative/,
//!                 key_figures/, performance, region
//!   validate/     document → findings: rules.rs (rules as data), view (tables.rs), numbering,
//!                 tolerance, printed (words as printed), printed_titles (目录 and titles as text),
//!                 fact_scope (what a narrative figure is about), one module per rule
//!                 family (facts/ with classes and clauses, rows/ with amount_tree, years/
//!                 with self_reference, file_name and columns; name_slots, listed_numbers,
//!                 text_balance, three_public_basic)
//!   catalog/      reference data: function and economic classifications, admin/ divisions (and region)
//!   batch.rs      many documents in parallel, duplicates
//!   picture/  report/  mutate/   page pictures (SVG), HTML reports, mutation harness
//! ```
//!
//! ```
//! let text = "单位预算支出总表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t2101202\n\t财政对城乡居民基本医疗保险基金的补助\n\t4749.30\n";
//! let doc = budget_core::parse_bytes("demo.txt", text.as_bytes()).unwrap();
//! let item = doc.line_items.iter().find(|i| i.code.as_deref() == Some("2101202")).unwrap();
//! assert_eq!(item.amount.unwrap().to_string(), "47493000.00");
//! assert_eq!(item.amount_printed, "4749.30");
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod blocks;
pub mod catalog;
pub mod error;
pub mod model;
pub mod money;
pub mod mutate;
pub mod picture;
pub mod position;
pub mod provenance;
pub mod read;
pub mod recognize;
pub mod report;
pub(crate) mod rounding;
pub mod text;
pub mod validate;

use std::path::Path;

pub use blocks::{Block, BlockKind, Blocks, Cell, Grid};
pub use error::{Error, ErrorKind, Location, Result};
pub use model::MetaSource;
pub use model::{
    CodeScheme, Comparison, Document, DocumentKind, Fact, Indicator, Level, LineItem, Meta, RowRole, Scope, Table,
    TableKind, Warning,
};
pub use model::{FigureCell, FigureSource, FigureStatement, Funds, KeyFigure, Phase};
pub use money::MoneyUnit;
pub use provenance::Provenance;
pub use read::ReadOptions;
pub use validate::{summary, Finding, FindingStatus, NumberRef, Rule, RULES};

/// Parse one document from its bytes. `name` is used for provenance and format detection.
///
/// # Errors
/// A typed [`Error`] with its location when the bytes cannot be decoded or read
/// (empty input, unsupported format, malformed file, a limit exceeded).
pub fn parse_bytes(name: &str, data: &[u8]) -> Result<Document> {
    parse_bytes_with(name, data, &ReadOptions::default())
}

/// [`parse_bytes`] with explicit [`ReadOptions`].
///
/// # Errors
/// As [`parse_bytes`].
pub fn parse_bytes_with(name: &str, data: &[u8], options: &ReadOptions) -> Result<Document> {
    let blocks = read::read_blocks(name, data, options)?;
    let mut document = recognize::recognize(blocks);
    document.findings = validate::validate(&document);
    Ok(document)
}

/// Read and parse the file at `path`.
///
/// # Errors
/// [`ErrorKind::Io`] when the file cannot be read, else as [`parse_bytes`].
pub fn parse_path(path: impl AsRef<Path>) -> Result<Document> {
    let path = path.as_ref();
    let name = path.to_string_lossy();
    let data = std::fs::read(path)
        .map_err(|e| Error::new(ErrorKind::Io { message: e.to_string() }, Location::source(name.as_ref())))?;
    parse_bytes(&name, &data)
}

/// Recognize and validate a block stream: the stages after [`read::read_blocks`], for callers
/// that change or build blocks themselves (the [`mutate`] harness).
pub fn parse_blocks(blocks: Blocks) -> Document {
    let mut document = recognize::recognize(blocks);
    document.findings = validate::validate(&document);
    document
}

//! Readers of decoded text: Tika cell lines, Markdown, plain text, layout-preserving dumps
//! (`pdftotext -layout`) and JSON page dumps, with the line helpers they share.

pub mod collapsed;
pub mod layout_dump;
mod lines;
pub mod markdown;
pub mod pages_json;
pub mod plain;
pub mod tika;

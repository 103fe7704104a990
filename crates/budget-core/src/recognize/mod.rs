//! Recognizers: blocks → [`Document`].

use crate::blocks::Blocks;
use crate::model::Document;

/// Turn a block stream into a document.
pub fn recognize(blocks: Blocks) -> Document {
    Document { source: blocks.source, format: blocks.format, encoding: blocks.encoding, ..Document::default() }
}

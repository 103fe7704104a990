//! Recognizers: blocks → [`Document`]. They know budgets, not file formats.
//!
//! [`recognize`] finds every table with its caption and notes (`tables`), classifies it
//! (`classify`), flattens its header (`layout`), reads money tables into line items
//! (`columns`, `line_items`) and the document's metadata (`meta`). Every block nothing
//! consumed is kept in [`Document::residual`].

mod classify;
mod columns;
mod identity;
pub mod key_figures;
mod layout;
mod line_items;
mod narrative;
mod performance;
mod region;
mod tables;
mod untitled;

pub use key_figures::{key_figures, table_figures, TableFigure, KEY_FIGURE_KEYS};
pub use narrative::unattributed_numbers;

/// The controlled vocabulary of [`crate::Fact::key`] (see `docs/GLOSSARY.md`): the identifiers of
/// [`crate::model::FactKey`]; `other` is for the rest.
pub const FACT_KEYS: &[&str] = crate::model::FactKey::NAMES;

use crate::blocks::Blocks;
use crate::model::{Document, Warning};

/// Turn a block stream into a document.
pub fn recognize(blocks: Blocks) -> Document {
    let Blocks { source, format, encoding, blocks, warnings: reader_warnings } = blocks;
    let mut consumed = vec![false; blocks.len()];
    let mut found = tables::find_tables(&blocks, &mut consumed);
    untitled::name_untitled(&mut found, &blocks, &consumed);
    let mut warnings: Vec<Warning> = reader_warnings
        .into_iter()
        .map(|message| Warning { code: "reader".into(), message, provenance: Default::default() })
        .collect();
    let meta = identity::read_meta(&source, &blocks, &consumed, &found, &mut warnings);
    let mut line_items = Vec::new();
    for table in &found {
        if !table.table.kind.holds_money() {
            continue;
        }
        let crate::blocks::BlockKind::Table(grid) = &blocks[table.block].kind else { continue };
        let unit = table.table.unit.or(meta.unit);
        line_items.extend(line_items::extract(&table.table, grid, &table.layout.body, unit, &mut warnings));
    }
    let tables: Vec<_> = found.into_iter().map(|t| t.table).collect();
    let facts = narrative::facts(&blocks, &consumed, meta.year);
    let indicators = performance::indicators(&tables, &blocks, &consumed);
    let residual = blocks.into_iter().zip(consumed).filter(|(_, used)| !used).map(|(block, _)| block).collect();
    let mut document = Document {
        source,
        format,
        encoding,
        meta,
        tables,
        line_items,
        facts,
        indicators,
        findings: Vec::new(),
        key_figures: Vec::new(),
        key_figure_cells: Vec::new(),
        residual,
        warnings,
    };
    document.key_figure_cells = key_figures::figure_cells(&document);
    document.key_figures = key_figures::key_figures(&document);
    document
}

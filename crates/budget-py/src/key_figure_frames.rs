//! Key figures → a Polars frame. Pure conversion, like [`crate::frames`]: amounts stay exact
//! `Decimal(38, 6)` in 元, enums become their identifier strings, the table cell and the narrative
//! sentence side by side.

use budget_core::{Document, KeyFigure};
use polars::prelude::*;

use crate::frames::{fixed_point, lines, FrameResult};
use crate::rows::{frame_rows, Decimals, Strs, Vals};

/// The columns of [`key_figures`], in order.
pub const KEY_FIGURE_COLUMNS: &[&str] = KeyFigureRows::COLUMNS;

frame_rows! {
    /// The rows of [`key_figures`], for one document or many.
    pub(crate) struct KeyFigureRows {
        key: Strs,
        label: Strs,
        funds: Strs,
        phase: Strs,
        amount: Decimals,
        amount_printed: Strs,
        source: Strs,
        agree: Vals<Option<bool>>,
        table_amount: Decimals,
        table_amount_printed: Strs,
        table_index: Vals<Option<u32>>,
        table_kind: Strs,
        row: Strs,
        measure: Strs,
        page: Vals<Option<u32>>,
        line_start: Vals<Option<u32>>,
        text_amount: Decimals,
        text_amount_printed: Strs,
        text_label: Strs,
        fact_index: Vals<Option<u32>>,
        sentence: Strs,
        text_page: Vals<Option<u32>>,
        text_line_start: Vals<Option<u32>>,
    }
}

fn index(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

impl KeyFigureRows {
    /// Append the key figures of `doc` (document id `id`): all, or none when a value does not fit.
    pub fn push(&mut self, doc: &Document, id: &str) -> FrameResult<()> {
        let rows: &[KeyFigure] = &doc.key_figures;
        let at = |i: usize| move || format!("{}, key figure {i}", doc.source);
        let mut amounts = Vec::with_capacity(rows.len());
        for (i, f) in rows.iter().enumerate() {
            let amount = fixed_point(f.amount, at(i))?;
            let table = f.table.as_ref().map(|c| fixed_point(c.amount, at(i))).transpose()?;
            let text = f.text.as_ref().map(|t| fixed_point(t.amount, at(i))).transpose()?;
            let table_place = f.table.as_ref().map(|c| lines(&c.provenance)).transpose()?;
            let text_place = f.text.as_ref().map(|t| lines(&t.provenance)).transpose()?;
            amounts.push((amount, table, text, table_place, text_place));
        }
        for (f, (amount, table_amount, text_amount, table_place, text_place)) in rows.iter().zip(amounts) {
            self.key.push_str(f.key.as_str());
            self.label.push_str(&f.label);
            self.funds.push_str(f.funds.as_str());
            self.phase.push_str(f.phase.as_str());
            self.amount.0.push(Some(amount));
            self.amount_printed.push_str(&f.amount_printed);
            self.source.push_str(f.source.as_str());
            self.agree.0.push(f.agree);
            let cell = f.table.as_ref();
            self.table_amount.0.push(table_amount);
            self.table_amount_printed.push(cell.map(|c| c.amount_printed.as_str()));
            self.table_index.0.push(cell.and_then(|c| index(c.table_index)));
            self.table_kind.push(cell.map(|c| c.table_kind.as_str()));
            self.row.push(cell.map(|c| c.row.as_str()));
            self.measure.push(cell.map(|c| c.measure.as_str()));
            self.page.0.push(table_place.and_then(|(_, _, page)| page));
            self.line_start.0.push(table_place.and_then(|(start, _, _)| start));
            let text = f.text.as_ref();
            self.text_amount.0.push(text_amount);
            self.text_amount_printed.push(text.map(|t| t.amount_printed.as_str()));
            self.text_label.push(text.map(|t| t.label.as_str()));
            self.fact_index.0.push(text.and_then(|t| index(t.fact)));
            self.sentence.push(text.map(|t| t.sentence.as_str()));
            self.text_page.0.push(text_place.and_then(|(_, _, page)| page));
            self.text_line_start.0.push(text_place.and_then(|(start, _, _)| start));
        }
        self.rows_added(id, rows.len());
        Ok(())
    }
}

/// One row per key figure ([`KEY_FIGURE_COLUMNS`]): key, funds, phase, the amount in 元 (the
/// table's when a table states it, else the narrative's), source (`table` / `text` / `both`),
/// whether table and text agree, and the table cell and the sentence with their places.
pub fn key_figures(doc: &Document) -> FrameResult<DataFrame> {
    let mut rows = KeyFigureRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

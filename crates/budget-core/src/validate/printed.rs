//! The words a reviewer reads, with where they are printed: the narrative's headings and
//! paragraphs, table titles, caption fields, notes and text cells. Used by the rules that check
//! years, names and punctuation, and cited in their findings as [`NumberRef`]s without amount.

use super::finding::NumberRef;
use crate::blocks::BlockKind;
use crate::model::Document;
use crate::money::{parse_amount, CellValue};
use crate::provenance::Provenance;
use crate::text::compact;

/// Where a printed text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A heading of the narrative.
    Heading,
    /// A paragraph of the narrative.
    Paragraph,
    /// A table's title.
    Title(usize),
    /// A caption field printed with a table (编制单位：…).
    Caption(usize),
    /// A note under a table.
    Note(usize),
    /// A text cell of a table.
    Cell(usize),
    /// A column header of a table.
    Header(usize),
}

/// One printed text.
pub(crate) struct Printed<'a> {
    pub text: &'a str,
    pub provenance: &'a Provenance,
    pub origin: Origin,
}

impl Printed<'_> {
    /// The table the text belongs to, if any.
    pub fn table_index(&self) -> Option<usize> {
        match self.origin {
            Origin::Title(t) | Origin::Caption(t) | Origin::Note(t) | Origin::Cell(t) | Origin::Header(t) => Some(t),
            Origin::Heading | Origin::Paragraph => None,
        }
    }

    /// A heading, a table title, or a short line without sentence punctuation: the places where a
    /// part or table is named.
    pub fn is_heading_like(&self) -> bool {
        match self.origin {
            Origin::Heading | Origin::Title(_) => true,
            Origin::Paragraph | Origin::Cell(_) => {
                let t = compact(self.text);
                let body = strip_numbering(&t);
                t.chars().count() <= 40 && !body.contains([',', '。', ';', '；', '、'])
            }
            Origin::Caption(_) | Origin::Note(_) | Origin::Header(_) => false,
        }
    }

    /// The text cited as a finding's word, with its provenance.
    pub fn reference(&self, role: &str, label: &str, word: &str) -> NumberRef {
        NumberRef {
            role: role.to_string(),
            label: label.to_string(),
            amount: None,
            amount_printed: word.to_string(),
            provenance: self.provenance.clone(),
            table_index: self.table_index(),
            fact_index: None,
        }
    }
}

/// Every printed text of the document, narrative first, then each table's title, caption, notes
/// and text cells (cells holding a number are left out).
pub(crate) fn printed(doc: &Document) -> Vec<Printed<'_>> {
    let mut out = Vec::new();
    for block in &doc.residual {
        let (text, origin) = match &block.kind {
            BlockKind::Heading { text, .. } => (text.as_str(), Origin::Heading),
            BlockKind::Paragraph { text } => (text.as_str(), Origin::Paragraph),
            BlockKind::Table(_) => continue,
        };
        out.push(Printed { text, provenance: &block.provenance, origin });
    }
    for table in &doc.tables {
        if let Some(title) = &table.title {
            out.push(Printed { text: title, provenance: &table.provenance, origin: Origin::Title(table.index) });
        }
        for (_, value) in &table.caption {
            out.push(Printed { text: value, provenance: &table.provenance, origin: Origin::Caption(table.index) });
        }
        for note in &table.notes {
            out.push(Printed { text: note, provenance: &table.provenance, origin: Origin::Note(table.index) });
        }
        for (row, provenance) in table.rows.iter().zip(&table.row_provenance) {
            for cell in row.iter().filter(|c| !c.is_empty() && !matches!(parse_amount(c), CellValue::Number(_))) {
                out.push(Printed { text: cell, provenance, origin: Origin::Cell(table.index) });
            }
        }
    }
    out
}

/// A heading's text without its leading number (`二、`, `（三）`, `3.`, `第二部分`, `附件1：`).
pub(crate) fn strip_numbering(text: &str) -> &str {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^(?:附件\d*[:：]?|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[、.．])")
            .expect("numbering pattern compiles")
    });
    re.find(text).map_or(text, |m| &text[m.end()..])
}

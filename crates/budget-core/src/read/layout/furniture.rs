//! Page furniture: running headers and footers repeated across pages at the page's edge, and
//! page numbers. They are removed from the text and listed in warnings, never dropped silently.

use std::collections::BTreeMap;

use super::page_layout::PageLayout;
use super::PageItem;

/// Header lines lie in this top share of the page, footer lines in this bottom share.
const EDGE_SHARE: f32 = 0.1;
/// A page number lies in this bottom share (or the top [`EDGE_SHARE`]).
const PAGE_NUMBER_SHARE: f32 = 0.15;

/// The text of a line as a furniture key: whitespace removed, digits generalised.
fn key(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
}

/// `3`, `- 3 -`, `第3页`, `第 3 页 共 20 页`, `3/20`, `— 3 —`.
pub(crate) fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.chars().filter(char::is_ascii_digit).count();
    let others_ok = compact.chars().all(|c| c.is_ascii_digit() || "-—－–/第页共·.".contains(c));
    digits > 0 && digits <= 4 && others_ok && compact.chars().count() <= 12 && !compact.contains('.')
}

/// Indices of the lines in the edge zones of a page, above or below every table.
fn edge_lines(page: &PageLayout, share: f32) -> Vec<usize> {
    let first_table = page.items.iter().position(|i| matches!(i, PageItem::Table(_))).unwrap_or(page.items.len());
    let last_table = page.items.iter().rposition(|i| matches!(i, PageItem::Table(_)));
    page.items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let PageItem::Line(line) = item else { return None };
            let top = line.bbox[3] <= page.height * share && index < first_table;
            let bottom = line.bbox[1] >= page.height * (1.0 - share) && last_table.is_none_or(|t| index > t);
            (top || bottom).then_some(index)
        })
        .collect()
}

/// Remove running headers/footers and page numbers; returns warnings describing what went.
pub(crate) fn remove_page_furniture(pages: &mut [PageLayout]) -> Vec<String> {
    let mut pages_of_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = edge_lines(page, EDGE_SHARE)
            .into_iter()
            .filter_map(|i| match &page.items[i] {
                PageItem::Line(line) => Some(key(&line.text())),
                PageItem::Table(_) => None,
            })
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            pages_of_key.entry(k).or_default().push(page.number);
        }
    }
    let min_pages = 3.max(pages.len() / 4);
    let repeated = |k: &str| {
        !k.contains("单位") && pages_of_key.get(k).is_some_and(|p| p.len() >= min_pages) && k.chars().count() <= 60
    };
    let mut removed: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    let mut page_numbers: Vec<u32> = Vec::new();
    for page in pages.iter_mut() {
        let mut drop: Vec<usize> = Vec::new();
        for index in edge_lines(page, PAGE_NUMBER_SHARE) {
            let PageItem::Line(line) = &page.items[index] else { continue };
            let text = line.text();
            let in_header_or_footer =
                line.bbox[3] <= page.height * EDGE_SHARE || line.bbox[1] >= page.height * (1.0 - EDGE_SHARE);
            if is_page_number(&text) {
                page_numbers.push(page.number);
                drop.push(index);
            } else if in_header_or_footer && repeated(&key(&text)) {
                removed.entry(key(&text)).or_insert_with(|| (text.clone(), Vec::new())).1.push(page.number);
                drop.push(index);
            }
        }
        for index in drop.into_iter().rev() {
            page.items.remove(index);
        }
    }
    let mut warnings = Vec::new();
    page_numbers.dedup();
    if !page_numbers.is_empty() {
        warnings.push(format!("page numbers removed from the text on pages {}", page_list(&page_numbers)));
    }
    for (text, pages) in removed.values() {
        warnings.push(format!("running header/footer {text:?} removed from pages {}", page_list(pages)));
    }
    warnings
}

/// `1–3, 5, 7–9`.
pub(crate) fn page_list(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < pages.len() {
        let start = pages[index];
        let mut end = start;
        while index + 1 < pages.len() && pages[index + 1] == end + 1 {
            index += 1;
            end = pages[index];
        }
        parts.push(if start == end { start.to_string() } else { format!("{start}–{end}") });
        index += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_lists() {
        assert!(is_page_number("- 3 -"));
        assert!(is_page_number("第 3 页 共 20 页"));
        assert!(is_page_number("12"));
        assert!(!is_page_number("12.50"));
        assert!(!is_page_number("合计 12"));
        assert_eq!(page_list(&[1, 2, 3, 5, 7, 8]), "1–3, 5, 7–8");
    }
}

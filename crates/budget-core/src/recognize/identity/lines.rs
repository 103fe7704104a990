//! The text lines identity is read from, and the cover title: the largest type on the first
//! page with text (PDF), else the first heading or line naming a 预算/决算.

use super::agency::agency_shape;
use super::title::parse_title;
use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;
use crate::text::squeeze;

/// Most lines a cover title spans.
const MAX_TITLE_LINES: usize = 4;
/// Lines in the title's type size: at least this share of the largest type.
const TITLE_SIZE_SHARE: f32 = 0.85;

/// One line of text (a heading, a paragraph, or a cell of a text-only table).
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// As printed, whitespace runs made one space.
    pub printed: String,
    /// Whitespace removed, digits made ASCII (see [`squeeze`]).
    pub text: String,
    /// Where it is.
    pub provenance: Provenance,
    /// The line is a table title or caption (consumed by a table).
    pub by_table: bool,
}

/// Every text line of the document in reading order: headings, paragraphs and the cells of
/// one- and two-column tables (spreadsheets print their covers and narratives so).
pub(super) fn lines(blocks: &[Block], consumed: &[bool]) -> Vec<Line> {
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let by_table = consumed.get(index).copied().unwrap_or(false);
        match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => {
                push(&mut out, text, &block.provenance, by_table);
            }
            BlockKind::Table(grid) if grid.n_cols <= 2 => {
                for cell in &grid.cells {
                    for piece in cell.text.split('\n') {
                        let provenance =
                            if cell.provenance == Provenance::default() { &block.provenance } else { &cell.provenance };
                        push(&mut out, piece, provenance, false);
                    }
                }
            }
            BlockKind::Table(_) => {}
        }
    }
    out
}

fn push(out: &mut Vec<Line>, text: &str, provenance: &Provenance, by_table: bool) {
    let printed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let compacted = squeeze(&printed);
    if compacted.is_empty() {
        return;
    }
    out.push(Line { printed, text: compacted, provenance: provenance.clone(), by_table });
}

/// The cover title: indices into `lines` of the title lines.
///
/// With type sizes (PDF): on the first page that has text, the run of consecutive lines in the
/// largest type (a table of contents heading `目录` does not count). Without: the first heading
/// or short line within the first lines that names a 预算/决算, with the agency line printed
/// just above it when the title itself names none.
pub(super) fn cover_title(lines: &[Line]) -> Vec<usize> {
    if lines.iter().take(60).any(|l| l.provenance.font_size.is_some()) {
        return cover_by_type_size(lines);
    }
    let candidate = lines.iter().take(40).position(|l| {
        let n = l.text.chars().count();
        (6..=80).contains(&n)
            && (l.text.contains("预算") || l.text.contains("决算"))
            && !l.text.ends_with('。')
            && !l.text.contains('，')
            && !is_contents(&l.text)
    });
    let Some(at) = candidate else { return Vec::new() };
    if at > 0 && parse_title(&lines[at].text).agency.is_none() && agency_shape(&lines[at - 1].text).is_some() {
        return vec![at - 1, at];
    }
    vec![at]
}

fn cover_by_type_size(lines: &[Line]) -> Vec<usize> {
    let Some(first_page) = lines.iter().find_map(|l| l.provenance.page) else { return Vec::new() };
    let size = |i: usize| lines[i].provenance.font_size.unwrap_or(0.0);
    let title_like = |i: usize| !lines[i].text.is_ascii() && !is_date(&lines[i].text);
    // The lines of the first page before its contents heading (a page that starts with `目录`
    // has no cover title).
    let on_first: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].provenance.page == Some(first_page))
        .take(80)
        .take_while(|&i| !is_contents(&lines[i].text))
        .collect();
    let Some(largest) = on_first.iter().copied().filter(|&i| title_like(i)).map(size).reduce(f32::max) else {
        return Vec::new();
    };
    let Some(start) = on_first.iter().position(|&i| title_like(i) && size(i) >= TITLE_SIZE_SHARE * largest) else {
        return Vec::new();
    };
    on_first[start..]
        .iter()
        .copied()
        .take_while(|&i| size(i) >= TITLE_SIZE_SHARE * largest && title_like(i))
        .take(MAX_TITLE_LINES)
        .collect()
}

/// A date line such as `2021年4月`, `二〇二六年三月`, `2026年2月14日`.
fn is_date(text: &str) -> bool {
    let digits = text.chars().take_while(|c| c.is_ascii_digit() || "〇零○一二三四五六七八九".contains(*c)).count();
    digits == 4 && text.chars().nth(4) == Some('年') && text.chars().skip(5).take(3).any(|c| c == '月')
}

/// `目录` / `目 录`.
fn is_contents(text: &str) -> bool {
    text == "目录" || text == "目次"
}

/// The lines of the page the cover title is on (or of the first page with text).
pub(super) fn cover_page(lines: &[Line], title: &[usize]) -> Vec<usize> {
    let page =
        title.first().and_then(|&i| lines[i].provenance.page).or_else(|| lines.iter().find_map(|l| l.provenance.page));
    match page {
        Some(page) => (0..lines.len()).filter(|&i| lines[i].provenance.page == Some(page)).take(30).collect(),
        None => {
            let start = title.first().copied().unwrap_or(0);
            (start.saturating_sub(2)..lines.len().min(start + 6)).collect()
        }
    }
}

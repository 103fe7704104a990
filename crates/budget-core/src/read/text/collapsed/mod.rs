//! Table text whose columns were collapsed to single spaces, as crawlers store a PDF page
//! (`项目 预算数 项目预算数` / `一、财政拨款收入 76,306,134 一、一般公共服务支出 3,353,072 3,353,072`).
//!
//! Such text keeps no column positions, so the layout reader cannot see its columns. A table is
//! recovered from its lines instead: a body row is a label followed by a run of numbers (one
//! label and run per side of a two-sided table); the header lines above it name the value
//! columns (the `header` module); a row printing fewer numbers than there are columns lost its
//! blank cells, and its numbers are placed by the sums the document prints (the `align` and
//! `grid` modules: the row's own total, the column totals of a 合计 row, a parent code's row).
//! A table with a number that cannot be placed for certain is not built: its lines are kept as
//! text (residual) with a warning, never assigned to a column by guess. A table may run on over
//! pages ([`Reader`]).

mod align;
mod grid;
mod header;
mod rows;

use self::header::SideColumns;
use self::rows::{is_label_only_row, row_segments, Segment};
use super::layout_dump;
use super::lines::{lines, Line};
use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;

/// Longest header line, in characters.
const MAX_HEADER_CHARS: usize = 60;

/// A table being read: its columns and its lines so far (it may run on over pages).
#[derive(Debug, Clone)]
pub struct OpenTable {
    /// The header lines, whitespace removed (a page repeating them continues the table).
    header: String,
    sides: Vec<SideColumns>,
    sums: Vec<Vec<(usize, Vec<usize>)>>,
    header_lines: Vec<TableLine>,
    body: Vec<TableLine>,
    /// The slot its blocks go in.
    slot: usize,
}

/// A line of a table, kept with its page: 1-based line number in the page's text, byte offset,
/// text and what it reads as.
#[derive(Debug, Clone)]
struct TableLine {
    page: u32,
    number: usize,
    start: usize,
    text: String,
    kind: Kind,
}

impl TableLine {
    fn new(line: &Line, kind: &Kind, page: u32) -> TableLine {
        TableLine { page, number: line.number, start: line.start, text: line.text.to_string(), kind: kind.clone() }
    }

    fn provenance(&self, start: usize, end: usize) -> Provenance {
        let mut provenance = Provenance::lines(self.number, self.number, start, end);
        provenance.page = Some(self.page);
        provenance
    }
}

/// Reads the collapsed pages of one dump in order; a table running on over pages is built once
/// its last page is read.
#[derive(Debug, Default)]
pub struct Reader {
    open: Option<OpenTable>,
    slots: usize,
}

/// What one page gives.
#[derive(Debug, Default)]
pub struct PageRead {
    /// Headings, paragraphs and tables in line order; a table is a slot (an empty grid) to be
    /// filled when it is finished: see `slots` and `filled`.
    pub blocks: Vec<Block>,
    /// (index into `blocks`, slot number) of each table started on this page.
    pub slots: Vec<(usize, usize)>,
    /// (slot number, blocks) of each table finished while reading this page.
    pub filled: Vec<(usize, Vec<Block>)>,
    /// Things noticed: tables read as text, and why.
    pub warnings: Vec<String>,
}

/// Whether a page's text is collapsed table text: at least two lines that read as table rows of
/// two or more numbers (or one row of three or more), and either no aligned columns at all or a
/// header line right above the rows whose words are joined by single spaces (the body kept its
/// alignment, the header did not: `部门经济分类科目名称 合计 人员经费 公用经费`).
pub fn is_collapsed(text: &str) -> bool {
    let all = lines(text);
    let rows: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            row_segments(l.text, l.start).map(|s| (i, s.iter().map(|g| g.numbers.len()).sum::<usize>()))
        })
        .filter(|&(_, n)| n >= 2)
        .collect();
    if !(rows.len() >= 2 || rows.iter().any(|&(_, n)| n >= 3)) {
        return false;
    }
    if !layout_dump::looks_like_layout_text(text) {
        return true;
    }
    let first_row = rows[0].0;
    all[first_row.saturating_sub(6)..first_row].iter().any(|l| {
        let t = l.text.trim();
        t.split(' ').count() >= 3 && !t.contains("  ") && row_segments(l.text, l.start).is_none()
    })
}

#[derive(Debug, Clone)]
enum Kind {
    Row(Vec<Segment>),
    LabelOnly,
    Other,
}

impl Reader {
    /// Whether this reader reads the page: collapsed text ([`is_collapsed`]), or a page whose
    /// first line is a row continuing the open table.
    pub fn takes(&self, text: &str) -> bool {
        is_collapsed(text)
            || self.open.is_some()
                && text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| row_segments(l, 0).is_some())
    }

    /// Finish the table still open (end of the dump, or a page that is not collapsed text):
    /// (slot number, its blocks) and warnings.
    pub fn close(&mut self) -> Option<(usize, Vec<Block>, Option<String>)> {
        let table = self.open.take()?;
        Some(finish(table))
    }

    /// Read one page of collapsed text (page number `page`).
    pub fn page(&mut self, text: &str, page: u32) -> PageRead {
        let all = lines(text);
        let kinds: Vec<Kind> = all
            .iter()
            .map(|l| match row_segments(l.text, l.start) {
                Some(segments) => Kind::Row(segments),
                None if is_label_only_row(l.text) => Kind::LabelOnly,
                None => Kind::Other,
            })
            .collect();
        let mut out = PageRead::default();
        let mut used = vec![false; all.len()];
        let mut starts: Vec<(usize, usize, Vec<Block>)> = Vec::new(); // (line, slot, title/caption blocks)
        let mut previous_end = 0;
        let mut i = 0;
        while i < all.len() {
            if !matches!(kinds[i], Kind::Row(_)) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            let mut j = i + 1;
            while j < all.len() && matches!(kinds[j], Kind::Row(_) | Kind::LabelOnly) {
                if matches!(kinds[j], Kind::Row(_)) {
                    end = j;
                }
                j += 1;
            }
            i = end + 1;
            // Header lines above the body, then a caption and a title.
            let mut top = start;
            while top > previous_end && is_header_line(all[top - 1].text, &kinds[top - 1]) {
                top -= 1;
            }
            let header_lines: Vec<&Line> = all[top..start].iter().filter(|l| !l.is_blank()).collect();
            let mut caption_top = top;
            while caption_top > previous_end && is_caption_line(all[caption_top - 1].text) {
                caption_top -= 1;
            }
            let title_line =
                (caption_top > previous_end && is_title_line(all[caption_top - 1].text)).then(|| caption_top - 1);
            let header_key: String = header_lines.iter().flat_map(|l| l.text.split_whitespace()).collect();
            let body: Vec<TableLine> = (start..=end).map(|r| TableLine::new(&all[r], &kinds[r], page)).collect();
            let nothing_above = all[previous_end..top].iter().all(Line::is_blank);
            let continues = self.open.as_ref().is_some_and(|t| {
                previous_end == 0
                    && nothing_above
                    && title_line.is_none()
                    && (header_lines.is_empty() || t.header == header_key)
            });
            if continues {
                if let Some(table) = self.open.as_mut() {
                    table.body.extend(body);
                }
                used[top..=end].iter_mut().for_each(|u| *u = true);
            } else {
                if let Some(done) = self.close() {
                    push_finished(&mut out, done);
                }
                let widths = side_widths(&body);
                let line_texts: Vec<&str> = header_lines.iter().map(|l| l.text).collect();
                match header::columns(&line_texts, &widths).filter(|_| !header_lines.is_empty()) {
                    Some(sides) => {
                        let sums = sides.iter().map(|s| header::sums(&s.leaves, s.shared)).collect();
                        let slot = self.slots;
                        self.slots += 1;
                        let header_lines = header_lines.iter().map(|l| TableLine::new(l, &Kind::Other, page)).collect();
                        self.open = Some(OpenTable { header: header_key, sides, sums, header_lines, body, slot });
                        let mut captions = Vec::new();
                        for l in title_line.into_iter().chain(caption_top..top) {
                            captions.extend(caption_blocks(&all[l], Some(l) == title_line));
                        }
                        starts.push((title_line.unwrap_or(caption_top), slot, captions));
                        used[title_line.unwrap_or(caption_top)..=end].iter_mut().for_each(|u| *u = true);
                    }
                    None => {
                        out.warnings.push(format!(
                            "line {}: collapsed table rows whose header does not name their columns; read as text",
                            all[start].number
                        ));
                        previous_end = end + 1;
                        continue;
                    }
                }
            }
            previous_end = end + 1;
            if !all[end + 1..].iter().all(Line::is_blank) {
                if let Some(done) = self.close() {
                    push_finished(&mut out, done);
                }
            }
        }
        if previous_end == 0 {
            // Nothing on this page continues the open table.
            if let Some(done) = self.close() {
                push_finished(&mut out, done);
            }
        }
        // The rest of the page is read as before, line numbers kept.
        let remaining: Vec<&str> = all.iter().zip(&used).map(|(l, &u)| if u { "" } else { l.text }).collect();
        let mut blocks: Vec<(usize, Option<usize>, Block)> = Vec::new();
        if remaining.iter().any(|l| !l.trim().is_empty()) {
            let rest = layout_dump::read(&remaining.join("\n"));
            out.warnings.extend(rest.warnings);
            blocks.extend(rest.blocks.into_iter().map(|b| (b.provenance.line_start, None, b)));
        }
        for (line, slot, captions) in starts {
            let number = all[line].number;
            blocks.extend(captions.into_iter().map(|b| (number, None, b)));
            let placeholder = Block { kind: BlockKind::Table(Default::default()), provenance: Provenance::default() };
            blocks.push((number, Some(slot), placeholder));
        }
        blocks.sort_by_key(|(line, _, _)| *line);
        for (index, (_, slot, block)) in blocks.into_iter().enumerate() {
            if let Some(slot) = slot {
                out.slots.push((index, slot));
            }
            out.blocks.push(block);
        }
        out
    }
}

fn push_finished(out: &mut PageRead, (slot, blocks, warning): (usize, Vec<Block>, Option<String>)) {
    out.filled.push((slot, blocks));
    out.warnings.extend(warning);
}

/// The blocks of a finished table: its grid, or (when its numbers cannot all be placed) its lines
/// as paragraphs, with a warning.
fn finish(table: OpenTable) -> (usize, Vec<Block>, Option<String>) {
    match grid::grid_block(&table) {
        Ok(mut block) => {
            block.provenance.page = table.header_lines.first().or(table.body.first()).map(|l| l.page);
            (table.slot, vec![block], None)
        }
        Err(warning) => {
            let blocks = table
                .header_lines
                .iter()
                .chain(&table.body)
                .map(|l| {
                    let leading = l.text.len() - l.text.trim_start().len();
                    let provenance = l.provenance(l.start + leading, l.start + leading + l.text.trim().len());
                    Block { kind: BlockKind::Paragraph { text: l.text.trim().to_string() }, provenance }
                })
                .collect();
            let page = table.body.first().map_or(0, |l| l.page);
            (table.slot, blocks, Some(format!("table of page {page}, {warning}")))
        }
    }
}

fn is_caption_line(text: &str) -> bool {
    let t = text.trim();
    (t.contains("单位：") || t.contains("单位:")) && t.chars().count() <= 80
}

fn is_title_line(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('表') && t.chars().count() <= MAX_HEADER_CHARS
}

fn is_header_line(text: &str, kind: &Kind) -> bool {
    let t = text.trim();
    t.is_empty()
        || (!matches!(kind, Kind::Row(_))
            && t.chars().count() <= MAX_HEADER_CHARS
            && !is_caption_line(t)
            && !is_title_line(t)
            && !t.contains(['，', '。', '；', '：', ':']))
}

/// The title (one paragraph) or a caption line (one paragraph per space-separated field:
/// `编制单位：… 单位：元` → two).
fn caption_blocks(line: &Line, is_title: bool) -> Vec<Block> {
    let (start, end) = line.trimmed_span();
    if is_title {
        let text = line.text.trim().to_string();
        return vec![Block { kind: BlockKind::Paragraph { text }, provenance: line.provenance(start, end) }];
    }
    rows::tokens(line.text, line.start)
        .into_iter()
        .map(|p| Block { kind: BlockKind::Paragraph { text: p.text }, provenance: line.provenance(p.start, p.end) })
        .collect()
}

/// The most numbers each side prints in one row; as many sides as the widest row has segments.
fn side_widths(body: &[TableLine]) -> Vec<usize> {
    let sides =
        body.iter().filter_map(|l| if let Kind::Row(s) = &l.kind { Some(s.len()) } else { None }).max().unwrap_or(1);
    let mut widths = vec![0; sides];
    for line in body {
        let Kind::Row(segments) = &line.kind else { continue };
        if segments.len() == sides {
            for (w, s) in widths.iter_mut().zip(segments) {
                *w = (*w).max(s.numbers.len());
            }
        }
    }
    for line in body {
        let Kind::Row(segments) = &line.kind else { continue };
        if segments.len() < sides {
            for (segment, side) in segments.iter().zip(assign_sides(segments, &widths)) {
                widths[side] = widths[side].max(segment.numbers.len());
            }
        }
    }
    widths
}

/// The side of each segment of a row printing fewer sides than the table has: the first side
/// (left to right) wide enough for its numbers that leaves room for the segments after it.
fn assign_sides(segments: &[Segment], widths: &[usize]) -> Vec<usize> {
    let sides = widths.len();
    let mut out = Vec::new();
    let mut cursor = 0;
    for (i, segment) in segments.iter().enumerate() {
        let left = segments.len() - i;
        let last_possible = sides.saturating_sub(left);
        let side = (cursor..=last_possible.max(cursor))
            .find(|&s| segment.numbers.len() <= widths[s] || s == last_possible)
            .unwrap_or(cursor)
            .min(sides - 1);
        out.push(side);
        cursor = side + 1;
    }
    out
}

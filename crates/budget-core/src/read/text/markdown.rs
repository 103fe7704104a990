//! Reader for Markdown written by PDF/DOCX converters.
//!
//! - `#`..`######` headings become [`BlockKind::Heading`];
//! - `- `/`* `/`+ ` list items and `1. ` numbered items are paragraphs of their own (the bullet is
//!   markup and removed; a number is printed content and kept);
//! - other lines form paragraphs separated by blank lines; wrapped lines are joined (tight for
//!   CJK text), with provenance over all their lines;
//! - tables are runs of TSV rows (lines with a tab) or `|` pipe rows (the `|---|` separator row is
//!   skipped), possibly with blank lines between rows;
//! - inline markup (`<b>`, `<strong>`, `**`, `~~`, `\` escapes, …) is removed from all text.
//!
//! Page-break debris: converters leave stray text from page headers or from a cell split across
//! a page inside a table (a lone `况`, `三、绩效指标`) and may repeat the header rows on the next
//! page. A short non-table line between two rows of the same width, with the table continuing
//! right after, is debris; a row after a page gap that repeats one of the table's first rows is a
//! repeated header. Both are kept out of the grid and reported in [`Blocks::warnings`] with their
//! line number. A heading, a list item, a unit/note caption or a line of normal length ends a table.

use crate::blocks::{Block, BlockKind, Blocks, Grid};
use crate::provenance::Provenance;
use crate::read::text::lines::{
    atx_heading, join_wrapped, lines, narrow_span, strip_inline_markup, trimmed_span, Line,
};

/// Longest line (in characters) that may be page-break debris inside a table.
const DEBRIS_MAX_CHARS: usize = 12;
/// Most debris lines read past between two rows of one table.
const DEBRIS_MAX_LINES: usize = 3;
/// How many of a table's first rows count as its header when looking for repeated headers.
const HEADER_ROWS: usize = 3;
/// Captions that always end a table even when short: unit and note lines. This is the one place
/// where the reader needs budget-document wording, because such a caption and page debris look
/// alike by layout.
const TABLE_ENDING_CAPTIONS: &[&str] = &["单位：", "单位:", "金额单位", "计量单位", "注：", "注:", "备注"];

/// Read converter Markdown into blocks: headings, paragraphs and table grids in document order.
pub fn read(text: &str) -> Blocks {
    let lines = lines(text);
    let mut blocks = Blocks::default();
    let mut paragraph: Vec<Line<'_>> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        let kind = classify(&line);
        if !matches!(kind, Kind::Text) {
            flush_paragraph(text, &mut paragraph, &mut blocks);
        }
        match kind {
            Kind::Blank => index += 1,
            Kind::Heading(level, raw) => {
                let heading = strip_inline_markup(raw).trim().to_string();
                if !heading.is_empty() {
                    let (start, end) = narrow_span(text, line.trimmed_span().0, line.end(), &heading);
                    let provenance = line.provenance(start, end);
                    blocks.blocks.push(Block { kind: BlockKind::Heading { level, text: heading }, provenance });
                }
                index += 1;
            }
            Kind::Row(style) => {
                let (table, next) = read_table(text, &lines, index, style, &mut blocks.warnings);
                blocks.blocks.push(table);
                index = next.max(index + 1);
            }
            Kind::ListItem(start) => {
                paragraph.push(Line { number: line.number, start: line.start + start, text: &line.text[start..] });
                flush_paragraph(text, &mut paragraph, &mut blocks);
                index += 1;
            }
            Kind::NumberedItem => {
                paragraph.push(line);
                flush_paragraph(text, &mut paragraph, &mut blocks);
                index += 1;
            }
            Kind::Text | Kind::Separator => {
                paragraph.push(line);
                index += 1;
            }
        }
    }
    flush_paragraph(text, &mut paragraph, &mut blocks);
    blocks
}

/// Row syntax of a table: tab-separated or `|` pipes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowStyle {
    Tsv,
    Pipe,
}

/// What one line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    Blank,
    Heading(u8, &'a str),
    /// A pipe table separator row `|---|:--:|`.
    Separator,
    Row(RowStyle),
    /// A bulleted item; the value is the byte offset of its text in the line.
    ListItem(usize),
    NumberedItem,
    Text,
}

fn classify<'a>(line: &Line<'a>) -> Kind<'a> {
    let trimmed = line.text.trim();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    if let Some((level, text)) = atx_heading(line.text) {
        return Kind::Heading(level, text);
    }
    if trimmed.starts_with('|') {
        let is_separator = trimmed.contains('-') && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        return if is_separator { Kind::Separator } else { Kind::Row(RowStyle::Pipe) };
    }
    if line.text.contains('\t') {
        return Kind::Row(RowStyle::Tsv);
    }
    let indent = line.text.len() - line.text.trim_start_matches(' ').len();
    let body = &line.text[indent..];
    if ["- ", "* ", "+ "].iter().any(|bullet| body.starts_with(bullet)) {
        return Kind::ListItem(indent + 2);
    }
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && (body[digits..].starts_with(". ") || body[digits..].starts_with(") ")) {
        return Kind::NumberedItem;
    }
    Kind::Text
}

/// Emit the pending paragraph lines as one paragraph (markup removed, wrapped lines joined).
fn flush_paragraph(text: &str, paragraph: &mut Vec<Line<'_>>, blocks: &mut Blocks) {
    let (Some(first), Some(last)) = (paragraph.first().copied(), paragraph.last().copied()) else {
        return;
    };
    let cleaned: Vec<String> = paragraph.iter().map(|line| strip_inline_markup(line.text)).collect();
    let joined = join_wrapped(cleaned.iter().map(String::as_str));
    paragraph.clear();
    if joined.is_empty() {
        return;
    }
    let start = first.trimmed_span().0;
    let end = last.trimmed_span().1.max(start);
    // Narrowing past markup is only safe on one line: across lines it could move the byte range
    // off the first line while `line_start` still names it.
    let (start, end) = if first.number == last.number { narrow_span(text, start, end, &joined) } else { (start, end) };
    blocks.blocks.push(Block {
        kind: BlockKind::Paragraph { text: joined },
        provenance: Provenance::lines(first.number, last.number, start, end),
    });
}

type Row = Vec<(String, Provenance)>;

/// Read the table whose first row is line `first`; returns it and the index of the first line
/// not consumed (blank lines and text after the last row are left to the caller).
fn read_table(
    text: &str,
    lines: &[Line<'_>],
    first: usize,
    style: RowStyle,
    warnings: &mut Vec<String>,
) -> (Block, usize) {
    let mut rows: Vec<Row> = Vec::new();
    let mut last_row = first;
    let mut after_gap = false;
    let mut index = first;
    while index < lines.len() {
        let line = lines[index];
        match classify(&line) {
            Kind::Row(found) if found == style => {
                let row = split_row(text, &line, style);
                if after_gap && repeats_header(&row, &rows) {
                    warnings.push(format!(
                        "line {}: dropped a repeated table header row after a page break: {:?}",
                        line.number,
                        row_text(&row)
                    ));
                } else {
                    rows.push(row);
                }
                last_row = index;
                after_gap = false;
                index += 1;
            }
            Kind::Separator if style == RowStyle::Pipe => index += 1,
            Kind::Blank => {
                after_gap = true;
                index += 1;
            }
            Kind::Text => {
                let Some(resume) = debris_run_end(text, lines, index, style, rows.last()) else {
                    break;
                };
                for debris in lines[index..resume].iter().filter(|l| !l.is_blank()) {
                    warnings.push(format!(
                        "line {}: dropped page-break debris inside a table: {:?}",
                        debris.number,
                        debris.text.trim()
                    ));
                }
                after_gap = true;
                index = resume;
            }
            _ => break,
        }
    }
    let start_line = lines[first];
    let end_line = lines[last_row.max(first)];
    let provenance = Provenance::lines(start_line.number, end_line.number, start_line.start, end_line.end());
    (Block { kind: BlockKind::Table(Grid::from_rows(rows)), provenance }, last_row + 1)
}

/// If lines from `from` on are short debris (and blanks) followed by a row of the same style and
/// width as `previous`, the index of that row.
fn debris_run_end(
    text: &str,
    lines: &[Line<'_>],
    from: usize,
    style: RowStyle,
    previous: Option<&Row>,
) -> Option<usize> {
    let previous = previous?;
    let mut debris = 0;
    for (index, line) in lines.iter().enumerate().skip(from) {
        match classify(line) {
            Kind::Blank => {}
            Kind::Text if debris < DEBRIS_MAX_LINES && is_short_debris(line.text) => debris += 1,
            Kind::Row(found) if found == style && debris > 0 => {
                let next = split_row(text, line, style);
                let same_width = content_width(&next) == content_width(previous) || next.len() == previous.len();
                return same_width.then_some(index);
            }
            _ => return None,
        }
    }
    None
}

fn is_short_debris(line: &str) -> bool {
    let cleaned = strip_inline_markup(line);
    let cleaned = cleaned.trim();
    cleaned.chars().count() <= DEBRIS_MAX_CHARS && !TABLE_ENDING_CAPTIONS.iter().any(|c| cleaned.starts_with(c))
}

/// Cells of one row, markup removed, each with the span it was read from.
fn split_row(text: &str, line: &Line<'_>, style: RowStyle) -> Row {
    let mut cells = Vec::new();
    let (body, body_start) = match style {
        RowStyle::Tsv => (line.text, line.start),
        RowStyle::Pipe => {
            let (start, end) = line.trimmed_span();
            let inner = text.get(start..end).unwrap_or_default();
            let without_lead = inner.strip_prefix('|').unwrap_or(inner);
            let without_trail = match without_lead.strip_suffix('|') {
                Some(stripped) if !stripped.ends_with('\\') => stripped,
                _ => without_lead,
            };
            (without_trail, start + (inner.len() - without_lead.len()))
        }
    };
    let separator = if style == RowStyle::Tsv { '\t' } else { '|' };
    let mut piece_start = 0;
    let bytes = body.as_bytes();
    for (position, c) in body.char_indices().chain(std::iter::once((body.len(), separator))) {
        let escaped = style == RowStyle::Pipe && position > 0 && bytes.get(position - 1) == Some(&b'\\');
        if c != separator || (escaped && position < body.len()) {
            continue;
        }
        let piece = &body[piece_start..position];
        let absolute = body_start + piece_start;
        let (span_start, span_end) = match style {
            RowStyle::Tsv => (absolute, absolute + piece.len()),
            RowStyle::Pipe => trimmed_span(piece, absolute),
        };
        let mut cleaned = strip_inline_markup(piece);
        if style == RowStyle::Pipe {
            cleaned = cleaned.trim().to_string();
        }
        let (span_start, span_end) = narrow_span(text, span_start, span_end, &cleaned);
        cells.push((cleaned, line.provenance(span_start, span_end)));
        piece_start = position + 1;
    }
    cells
}

/// Columns from the first to the last non-empty cell (0 for an empty row).
fn content_width(row: &Row) -> usize {
    let first = row.iter().position(|(text, _)| !text.trim().is_empty());
    let last = row.iter().rposition(|(text, _)| !text.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => last - first + 1,
        _ => 0,
    }
}

fn row_key(row: &Row) -> Vec<String> {
    let texts: Vec<String> = row.iter().map(|(text, _)| crate::text::compact(text)).collect();
    let first = texts.iter().position(|t| !t.is_empty()).unwrap_or(texts.len());
    let last = texts.iter().rposition(|t| !t.is_empty()).map_or(first, |last| last + 1);
    texts.get(first..last).map(<[String]>::to_vec).unwrap_or_default()
}

/// Whether `row` repeats one of the first rows of the table read so far.
fn repeats_header(row: &Row, rows: &[Row]) -> bool {
    let key = row_key(row);
    key.iter().filter(|t| !t.is_empty()).count() >= 2
        && rows.len() > HEADER_ROWS
        && rows.iter().take(HEADER_ROWS).any(|header| row_key(header) == key)
}

fn row_text(row: &Row) -> String {
    row.iter().map(|(text, _)| text.as_str()).collect::<Vec<_>>().join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(blocks: &Blocks) -> Vec<&Grid> {
        blocks
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(grid) => Some(grid),
                _ => None,
            })
            .collect()
    }

    fn row(grid: &Grid, row: usize) -> Vec<&str> {
        grid.row(row).map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn headings_lists_and_wrapped_paragraphs() {
        let text = "## **（二）内设机构**\n\n- 1、参保科。\n- 2、基金财务科。\n公务用车购置及运\n行维护费\n\n1. 机关运行经费\n2. 政府采购";
        let blocks = read(text);
        let texts: Vec<_> = blocks.blocks.iter().map(|b| b.text().unwrap_or_default()).collect();
        assert_eq!(
            texts,
            [
                "（二）内设机构",
                "1、参保科。",
                "2、基金财务科。",
                "公务用车购置及运行维护费",
                "1. 机关运行经费",
                "2. 政府采购"
            ]
        );
        assert!(matches!(blocks.blocks[0].kind, BlockKind::Heading { level: 2, .. }));
        let joined = &blocks.blocks[3].provenance;
        assert_eq!((joined.line_start, joined.line_end), (5, 6));
        assert_eq!(&text[joined.byte_start..joined.byte_end], "公务用车购置及运\n行维护费");
        let markup_only_first_line = read("**\n正文");
        let provenance = &markup_only_first_line.blocks[0].provenance;
        assert_eq!(
            (provenance.line_start, provenance.line_end, provenance.byte_start, provenance.byte_end),
            (1, 2, 0, 9)
        );
        let item = &blocks.blocks[1].provenance;
        assert_eq!(&text[item.byte_start..item.byte_end], "1、参保科。");
    }

    #[test]
    fn pipe_tables_skip_the_separator_and_trim_cells() {
        let text = "| 科目 | 金额 |\n|---|:--:|\n| <b>合计</b> | 1.00 |\n| a\\|b |  |\n";
        let blocks = read(text);
        let grids = tables(&blocks);
        assert_eq!(grids.len(), 1);
        assert_eq!((grids[0].n_rows, grids[0].n_cols), (3, 2));
        assert_eq!(row(grids[0], 1), ["合计", "1.00"]);
        assert_eq!(row(grids[0], 2), ["a|b", ""]);
        let total = grids[0].get(1, 0).unwrap();
        assert_eq!(&text[total.provenance.byte_start..total.provenance.byte_end], "合计");
    }

    #[test]
    fn page_debris_and_repeated_headers_stay_out_of_the_grid() {
        let text = "科目\t金额\n编码\t名称\n栏次\t1\n一\t1.00\n\n况\n\n科目\t金额\n二\t2.00\n\n单位：万元\n\n甲\t乙\n";
        let blocks = read(text);
        let grids = tables(&blocks);
        assert_eq!(grids.len(), 2, "{blocks:?}");
        assert_eq!(grids[0].n_rows, 5);
        assert_eq!(row(grids[0], 4), ["二", "2.00"]);
        assert_eq!(blocks.warnings.len(), 2);
        assert!(blocks.warnings[0].starts_with("line 6: dropped page-break debris"));
        assert!(blocks.warnings[1].starts_with("line 8: dropped a repeated table header"));
        assert_eq!(blocks.blocks[1].text(), Some("单位：万元"));
    }

    #[test]
    fn a_heading_or_a_long_line_ends_a_table() {
        let text = "a\tb\n## 下一表\nc\td\n\n这是一段正常长度的说明文字，不是分页残片。\n\ne\tf\n";
        let blocks = read(text);
        assert_eq!(tables(&blocks).len(), 3);
        assert!(blocks.warnings.is_empty());
    }
}

//! Unruled tables: runs of lines whose numbers line up in columns.
//!
//! A *data line* has at least two numeric words, or one money-looking number (with a comma or
//! decimal point) and a label. Data lines close together form a table body; their words' x
//! ranges, merged where they overlap, give the column bands. Lines between data lines become
//! rows of their own when their words fall in several columns, else (a label wrapped onto a
//! second line) they are joined to the nearer data row. Up to [`MAX_HEADER_LINES`] lines
//! directly above the body are its header: words over several columns become spanning group
//! cells in a first header row, the other words are stacked per column in a second one.

use super::lines::{push_joined, union, BBox, TextLine, Word};
use super::table::{DraftCell, TableDraft};
use super::PageItem;

/// Most lines above a body taken as its header.
const MAX_HEADER_LINES: usize = 6;
/// Data lines further apart than this many ems do not belong to one table.
const MAX_BODY_GAP_EM: f32 = 4.0;
/// Most non-data lines between two data lines of one table.
const MAX_INNER_LINES: usize = 3;

fn is_number(text: &str) -> bool {
    let t = text.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '%' | '-' | '+' | '－'));
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_dash(text: &str) -> bool {
    matches!(text, "-" | "—" | "－" | "--" | "——" | "/")
}

fn is_money(text: &str) -> bool {
    is_number(text) && (text.contains(',') || text.contains('.'))
}

fn is_data_line(line: &TextLine) -> bool {
    let numbers = line.words.iter().filter(|w| is_number(&w.text) || is_dash(&w.text)).count();
    let has_digits = line.words.iter().any(|w| is_number(&w.text));
    (numbers >= 2 && has_digits) || (line.words.len() >= 2 && line.words.iter().any(|w| is_money(&w.text)))
}

/// Most numbers on a line of running text (`年初预算为 1560.05 万元，支出决算为 1511.89 万元`):
/// a line with more is a table row even if one of its cells is a sentence.
const MAX_NUMBERS_IN_PROSE: usize = 2;

/// A line of running text: a word carries sentence punctuation (，。；) and the line has at most
/// [`MAX_NUMBERS_IN_PROSE`] numbers. Such a line is neither a table row nor a header line, and
/// where it reaches over several columns it ends the table, so numbers of a paragraph that
/// happen to line up (printed on their own baseline, as some converters do) never become one;
/// a sentence wrapped inside one cell (a 绩效目标 column) stays in its table.
fn is_prose_line(line: &TextLine) -> bool {
    let sentence = line.words.iter().any(|w| !is_number(&w.text) && w.text.contains(['，', '。', '；']));
    (sentence && line.words.iter().filter(|w| is_number(&w.text)).count() <= MAX_NUMBERS_IN_PROSE)
        || numbers_carry_units(line)
}

/// A line of running text whose words a converter spaced apart (`2026 年度收入预算 1448787.35 万元，比
/// 2025 年年初预`): every number is followed by its unit or a year word, and an amount's unit runs
/// on into the sentence (`万元，比…`, `万元（本年…`). In a row of cells a number stands alone in its
/// cell; a cell that prints its unit (`1,000.00 万元`) ends with it.
fn numbers_carry_units(line: &TextLine) -> bool {
    let words = &line.words;
    let opens_with_unit = |text: &str| text.starts_with(['万', '亿', '元', '年', '%', '％']);
    let mut numbers = (0..words.len()).filter(|&i| is_number(&words[i].text)).peekable();
    if numbers.peek().is_none() {
        return false;
    }
    let mut runs_on = false;
    for i in numbers {
        let text = &words[i].text;
        if text.ends_with(['%', '％']) {
            continue;
        }
        let Some(next) = words.get(i + 1).map(|w| w.text.as_str()).filter(|t| opens_with_unit(t)) else {
            return false;
        };
        let unit_len = ["万元", "亿元", "元"].iter().find(|u| next.starts_with(*u)).map(|u| u.chars().count());
        runs_on |= is_money(text) && unit_len.is_some_and(|len| next.chars().count() > len);
    }
    runs_on
}

/// Lines → items: unruled tables where lines line up in columns, other lines as they are.
///
/// A table needs a column structure over several rows: a body of at least two rows, or one row
/// under a header. Lines of running text (see [`is_prose_line`]) end a table; a body without a
/// header of which a third of the lines are running text is a paragraph, not a table.
pub(crate) fn split_tables(lines: Vec<TextLine>, page: u32) -> Vec<PageItem> {
    let prose: Vec<bool> = lines.iter().map(is_prose_line).collect();
    let data: Vec<bool> = lines.iter().zip(&prose).map(|(line, prose)| !prose && is_data_line(line)).collect();
    let mut runs: Vec<(usize, usize)> = Vec::new(); // inclusive line ranges of bodies
    let mut index = 0;
    while index < lines.len() {
        if !data[index] {
            index += 1;
            continue;
        }
        let (start, mut end) = (index, index);
        let mut next = index + 1;
        while next < lines.len() && next - end <= MAX_INNER_LINES + 1 {
            let gap = lines[next].bbox[1] - lines[end].bbox[3];
            if gap > MAX_BODY_GAP_EM * lines[end].em
                || (prose[next] && spans_columns(&lines[next], &lines[start..=end], &data[start..=end]))
            {
                break;
            }
            if data[next] {
                end = next;
            }
            next += 1;
        }
        runs.push((start, end));
        index = end + 1;
    }
    let mut items: Vec<PageItem> = Vec::new();
    let mut consumed_until = 0;
    let mut lines: Vec<Option<TextLine>> = lines.into_iter().map(Some).collect();
    for (start, end) in runs {
        let header_start = header_start(&lines, &prose, start, consumed_until);
        let body: Vec<TextLine> = lines[start..=end].iter_mut().filter_map(Option::take).collect();
        let header: Vec<TextLine> = lines[header_start..start].iter_mut().filter_map(Option::take).collect();
        let mut returned = Vec::new();
        let prose_lines = prose[start..=end].iter().filter(|p| **p).count();
        let rows_enough = !header.is_empty()
            || (data[start..=end].iter().filter(|d| **d).count() >= 2 && 3 * prose_lines < end + 1 - start);
        match build_table(&header, &body, &data[start..=end], page).filter(|_| rows_enough) {
            Some(table) => items.push(PageItem::Table(table)),
            None => returned.extend(header.into_iter().chain(body)),
        }
        items.extend(returned.into_iter().map(PageItem::Line));
        consumed_until = end + 1;
    }
    items.extend(lines.into_iter().flatten().map(PageItem::Line));
    items
}

/// Whether a sentence of `line` is running text rather than a cell of the body so far: it
/// reaches over two column bands, or lies between two bands in none (between the numbers of a
/// paragraph printed on their own baseline). A sentence wrapped inside a cell (a 绩效目标
/// column) lies in or beside its band.
fn spans_columns(line: &TextLine, body: &[TextLine], data: &[bool]) -> bool {
    let bands = bands(body, data);
    line.words.iter().filter(|w| w.text.contains(['，', '。', '；'])).any(|w| {
        let (x0, x1) = (w.bbox[0], w.bbox[2]);
        let overlapped = bands.iter().filter(|(b0, b1)| x1 > *b0 && x0 < *b1).count();
        let between = bands.iter().any(|b| b.1 <= x0) && bands.iter().any(|b| b.0 >= x1);
        overlapped >= 2 || (overlapped == 0 && between)
    })
}

/// The first header line above the body starting at `start`.
fn header_start(lines: &[Option<TextLine>], prose: &[bool], start: usize, floor: usize) -> usize {
    let mut first = start;
    while first > floor && start - first < MAX_HEADER_LINES && !prose[first - 1] {
        let (Some(above), Some(below)) = (&lines[first - 1], lines[first].as_ref()) else { break };
        let text = above.text();
        let gap = below.bbox[1] - above.bbox[3];
        let caption = ["单位：", "单位:", "单位名称：", "编制单位"].iter().any(|c| text.contains(c));
        let title = text.ends_with('表') || text.starts_with('注') || (above.em - below.em).abs() > 0.2 * below.em;
        let running_text = above.words.len() == 1 && above.bbox[2] - above.bbox[0] > 30.0 * above.em;
        if caption || title || running_text || gap > 3.0 * above.em {
            break;
        }
        first -= 1;
    }
    first
}

/// Column bands: x ranges of body words merged where they overlap.
fn bands(body: &[TextLine], data: &[bool]) -> Vec<(f32, f32)> {
    let mut ranges: Vec<(f32, f32)> = body
        .iter()
        .zip(data)
        .filter(|(_, d)| **d)
        .flat_map(|(l, _)| l.words.iter().map(|w| (w.bbox[0], w.bbox[2])))
        .collect();
    ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (x0, x1) in ranges {
        match merged.last_mut() {
            Some(last) if x0 <= last.1 => last.1 = last.1.max(x1),
            _ => merged.push((x0, x1)),
        }
    }
    merged
}

fn column_of(edges: &[f32], x: f32) -> usize {
    edges.partition_point(|e| *e <= x).saturating_sub(1).min(edges.len().saturating_sub(2))
}

/// Columns whose band the word covers by at least half (at least one: the one at its centre).
fn columns_covered(word: &Word, bands: &[(f32, f32)], edges: &[f32]) -> (usize, usize) {
    let covered: Vec<usize> = bands
        .iter()
        .enumerate()
        .filter(|(_, (b0, b1))| (word.bbox[2].min(*b1) - word.bbox[0].max(*b0)) >= 0.5 * (b1 - b0))
        .map(|(i, _)| i)
        .collect();
    match (covered.first(), covered.last()) {
        (Some(&a), Some(&b)) if b > a => (a, b),
        _ => {
            let col = column_of(edges, (word.bbox[0] + word.bbox[2]) / 2.0);
            (col, col)
        }
    }
}

struct Row {
    texts: Vec<String>,
    boxes: Vec<Option<BBox>>,
}

impl Row {
    fn new(n: usize) -> Row {
        Row { texts: vec![String::new(); n], boxes: vec![None; n] }
    }
    fn put(&mut self, col: usize, word: &Word) {
        push_joined(&mut self.texts[col], &word.text);
        self.boxes[col] = Some(self.boxes[col].map_or(word.bbox, |b| union(b, word.bbox)));
    }
}

fn build_table(header: &[TextLine], body: &[TextLine], data: &[bool], page: u32) -> Option<TableDraft> {
    let bands = bands(body, data);
    if bands.len() < 2 {
        return None;
    }
    let mut edges: Vec<f32> = vec![bands[0].0];
    edges.extend(bands.windows(2).map(|w| (w[0].1 + w[1].0) / 2.0));
    edges.push(bands[bands.len() - 1].1);
    let n_cols = bands.len();
    let mut cells: Vec<DraftCell> = Vec::new();
    let mut row_index = 0;
    // Header: spanning words in a group row, the others stacked per column.
    if !header.is_empty() {
        let mut groups: Vec<(usize, usize, &Word)> = Vec::new();
        let mut leaves = Row::new(n_cols);
        for word in header.iter().flat_map(|l| &l.words) {
            match columns_covered(word, &bands, &edges) {
                (a, b) if b > a => groups.push((a, b, word)),
                (a, _) => leaves.put(a, word),
            }
        }
        let group_rows = usize::from(!groups.is_empty());
        for (a, b, word) in &groups {
            cells.push(cell(0, *a, 1, b - a + 1, word.text.clone(), word.bbox, page));
        }
        for col in 0..n_cols {
            let under_group = groups.iter().any(|(a, b, _)| (*a..=*b).contains(&col));
            let (row, span) = if under_group { (group_rows, 1) } else { (0, group_rows + 1) };
            let bbox = leaves.boxes[col].unwrap_or([edges[col], 0.0, edges[col + 1], 0.0]);
            cells.push(cell(row, col, span, 1, std::mem::take(&mut leaves.texts[col]), bbox, page));
        }
        row_index = group_rows + 1;
    }
    // Body: data lines and multi-column lines are rows; single-column lines join the nearer row.
    let mut rows: Vec<(Row, f32, f32)> = Vec::new(); // row, top, bottom
    let mut pending_above: Vec<&TextLine> = Vec::new();
    for (line, is_data) in body.iter().zip(data) {
        let columns: Vec<usize> = line.words.iter().map(|w| column_of(&edges, (w.bbox[0] + w.bbox[2]) / 2.0)).collect();
        let multi = columns.windows(2).any(|w| w[0] != w[1]);
        if !is_data && !multi {
            pending_above.push(line);
            continue;
        }
        let mut row = Row::new(n_cols);
        for pending in pending_above.drain(..) {
            let closer_below =
                rows.last().is_none_or(|(_, _, bottom)| pending.bbox[1] - bottom > line.bbox[1] - pending.bbox[3]);
            let target = match rows.last_mut() {
                Some((previous, _, _)) if !closer_below => previous,
                _ => &mut row,
            };
            for word in &pending.words {
                target.put(column_of(&edges, (word.bbox[0] + word.bbox[2]) / 2.0), word);
            }
        }
        for (word, col) in line.words.iter().zip(columns) {
            row.put(col, word);
        }
        rows.push((row, line.bbox[1], line.bbox[3]));
    }
    if let Some((last, _, _)) = rows.last_mut() {
        for pending in pending_above {
            for word in &pending.words {
                last.put(column_of(&edges, (word.bbox[0] + word.bbox[2]) / 2.0), word);
            }
        }
    }
    for (row, top, bottom) in rows {
        for col in 0..n_cols {
            let bbox = row.boxes[col].unwrap_or([edges[col], top, edges[col + 1], bottom]);
            cells.push(cell(row_index, col, 1, 1, row.texts[col].clone(), bbox, page));
        }
        row_index += 1;
    }
    let top = header.first().unwrap_or(&body[0]).bbox;
    let bbox = body.iter().map(|l| l.bbox).fold(top, union);
    cells.sort_by_key(|c| (c.row, c.col));
    Some(TableDraft { page, last_page: page, bbox, col_edges: edges, n_rows: row_index, n_cols, cells })
}

fn cell(row: usize, col: usize, row_span: usize, col_span: usize, text: String, bbox: BBox, page: u32) -> DraftCell {
    DraftCell { row, col, row_span, col_span, text, bbox, page }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, x1: f32, y: f32) -> Word {
        Word { text: text.into(), bbox: [x0, y, x1, y + 10.0] }
    }
    fn line(words: Vec<Word>) -> TextLine {
        let bbox = words.iter().map(|w| w.bbox).reduce(union).unwrap_or_default();
        TextLine { words, bbox, em: 10.0 }
    }

    #[test]
    fn running_text_spaced_into_words_is_no_table_row() {
        let words = |texts: &[&str]| {
            line(texts.iter().enumerate().map(|(i, t)| word(t, i as f32 * 60.0, i as f32 * 60.0 + 50.0, 0.0)).collect())
        };
        assert!(is_prose_line(&words(&["2026", "年度收入预算", "1448787.35", "万元，比", "2025", "年年初预"])));
        assert!(is_prose_line(&words(&["1283.94", "万元，包括本年收入", "1,136.23", "万元，上年结转结余", "0", "万"])));
        assert!(is_prose_line(&words(&["我校", "2021", "年收入预算", "490,808.40", "万元（本年预算收入"])));
        // Cells: numbers alone, or an amount with its unit and nothing after it.
        assert!(!is_prose_line(&words(&["合计", "7,651.71", "20.00"])));
        assert!(!is_prose_line(&words(&["项目总成本", "≤", "1,000.00", "万元"])));
        assert!(!is_prose_line(&words(&["项目", "2025", "年预算数", "2026", "年预算数"])));
    }

    #[test]
    fn numbers_line_up_into_columns_under_a_header() {
        let lines = vec![
            line(vec![
                word("项目", 10.0, 30.0, 0.0),
                word("合计", 110.0, 130.0, 0.0),
                word("基本支出", 180.0, 220.0, 0.0),
            ]),
            line(vec![
                word("合计", 10.0, 30.0, 12.0),
                word("7,651.71", 100.0, 140.0, 12.0),
                word("20.00", 200.0, 225.0, 12.0),
            ]),
            line(vec![word("行政运行", 10.0, 50.0, 24.0), word("51.71", 115.0, 140.0, 24.0)]),
            line(vec![word("注：无。", 10.0, 50.0, 90.0)]),
        ];
        let items = split_tables(lines, 3);
        assert_eq!(items.len(), 2);
        let PageItem::Table(table) = &items[0] else { panic!("a table first") };
        assert_eq!((table.n_rows, table.n_cols), (3, 3));
        assert_eq!(table.row_texts(0), ["项目", "合计", "基本支出"]);
        assert_eq!(table.row_texts(2), ["行政运行", "51.71", ""]);
        assert!(matches!(&items[1], PageItem::Line(l) if l.text() == "注：无。"));
    }
}

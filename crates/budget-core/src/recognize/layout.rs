//! Grid → table layout: caption rows, header rows flattened into column paths, body rows.
//!
//! Two header conventions meet here. Tika text of a DOCX drops merged cells, so a merged header
//! row simply has fewer cells than the table is wide; Markdown/TSV keeps every position and leaves
//! merged positions blank. [`analyse`] turns both into one column path per column, e.g.
//! `本年收入 / 财政拨款收入`.

use crate::blocks::Grid;
use crate::money::{parse_amount, CellValue};
use crate::text::compact;

/// The layout of one table grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Layout {
    /// A title printed as a row of the grid itself.
    pub title: Option<String>,
    /// Caption fields printed as rows of the grid (编制单位, 预算年度, 单位).
    pub caption: Vec<(String, String)>,
    /// Grid rows that are captions, headers or column-number (栏次) rows.
    pub non_body_rows: Vec<usize>,
    /// One flattened header path per column.
    pub columns: Vec<String>,
    /// Body rows: grid row index and the cell index (into `grid.cells`) at each column.
    pub body: Vec<(usize, Vec<Option<usize>>)>,
}

/// Analyse `grid`. `money_table` says whether body rows are expected to carry numbers, which
/// decides where the header ends.
pub(crate) fn analyse(grid: &Grid, money_table: bool) -> Layout {
    let rows = aligned_rows(grid);
    let text = |cell: Option<usize>| cell.map_or("", |i| grid.cells[i].text.trim());
    let mut layout = Layout::default();

    let mut first = 0;
    while first < rows.len() {
        let mut cells: Vec<&str> = Vec::new();
        let mut seen = Vec::new();
        for &cell in rows[first].iter().flatten() {
            let t = grid.cells[cell].text.trim();
            if !seen.contains(&cell) && !t.is_empty() {
                seen.push(cell);
                cells.push(t);
            }
        }
        if cells.is_empty() && layout.caption.is_empty() && layout.title.is_none() {
            layout.non_body_rows.push(first);
            first += 1;
            continue;
        }
        let caption_cells = cells.iter().filter(|t| is_caption_cell(t)).count();
        if cells.len() == 1 && is_table_title(cells[0]) && layout.title.is_none() {
            layout.title = Some(cells[0].to_string());
        } else if caption_cells > 0 && caption_cells * 2 >= cells.len() {
            layout.caption.extend(cells.iter().map(|t| caption_field(t)));
        } else {
            break;
        }
        layout.non_body_rows.push(first);
        first += 1;
    }

    let body_start = (first..rows.len())
        .find(|&r| is_body_row(&rows[r], grid, money_table) || is_column_number_row(&rows[r], grid))
        .unwrap_or(if money_table { rows.len() } else { rows.len().min(first + 1) });
    let header_rows: Vec<usize> = (first..body_start).collect();
    layout.columns = flatten_header(&rows, &header_rows, grid);
    layout.non_body_rows.extend(&header_rows);
    for (r, row) in rows.iter().enumerate().skip(body_start) {
        if is_column_number_row(row, grid) {
            layout.non_body_rows.push(r);
        } else if row.iter().any(|&c| !text(c).is_empty()) {
            layout.body.push((r, row.clone()));
        }
    }
    layout
}

/// Rows as cell indices aligned to columns. Cells with explicit spans cover their positions
/// (top-left only in body rows); a Tika-style row with fewer cells than the table is wide gets
/// its spans inferred from the row below.
fn aligned_rows(grid: &Grid) -> Vec<Vec<Option<usize>>> {
    let width = grid.n_cols;
    let explicit_spans = grid.cells.iter().any(|c| c.col_span > 1 || c.row_span > 1);
    if explicit_spans {
        return grid.coverage();
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); grid.n_rows];
    for (i, cell) in grid.cells.iter().enumerate() {
        rows[cell.row].push(i);
    }
    let mut aligned: Vec<Vec<Option<usize>>> = rows.iter().map(|_| vec![None; width]).collect();
    for r in (0..rows.len()).rev() {
        let cells = &rows[r];
        if cells.len() >= width || r + 1 >= rows.len() || rows[r + 1].len() <= cells.len() {
            for (c, &cell) in cells.iter().enumerate() {
                aligned[r][c] = Some(cell);
            }
            continue;
        }
        let below: Vec<String> =
            aligned[r + 1].iter().map(|c| c.map_or(String::new(), |i| compact(&grid.cells[i].text))).collect();
        for (cell, (start, span)) in cells.iter().zip(infer_spans(&below, cells.len())) {
            for slot in aligned[r].iter_mut().skip(start).take(span) {
                *slot = Some(*cell);
            }
        }
    }
    aligned
}

/// Spread `count` merged cells over the positions of the row below: each blank position below
/// is a vertical merge (span 1); each run of labelled positions is shared by the cells left for
/// it, split where the run repeats its first label (`项目 金额 | 项目 合计 …`), else evenly.
/// Returns (start, span) per cell.
fn infer_spans(below: &[String], count: usize) -> Vec<(usize, usize)> {
    let mut segments: Vec<(usize, usize, bool)> = Vec::new(); // (start, len, labelled)
    for (i, label) in below.iter().enumerate() {
        let filled = !label.is_empty();
        match segments.last_mut() {
            Some((_, len, f)) if *f && filled => *len += 1,
            _ => segments.push((i, 1, filled)),
        }
    }
    let blanks = segments.iter().filter(|s| !s.2).count();
    let runs = segments.len() - blanks;
    let mut extra = count.saturating_sub(blanks + runs);
    let mut spans = Vec::new();
    for (start, len, filled) in segments {
        if !filled {
            spans.push((start, 1));
            continue;
        }
        let share = (1 + extra).min(len);
        extra -= share - 1;
        let repeats: Vec<usize> = (start + 1..start + len).filter(|&i| below[i] == below[start]).collect();
        let cuts: Vec<usize> =
            if repeats.len() + 1 == share { repeats } else { (1..share).map(|k| start + k * (len / share)).collect() };
        let mut offset = start;
        for cut in cuts.into_iter().chain([start + len]) {
            spans.push((offset, cut - offset));
            offset = cut;
        }
    }
    spans.truncate(count);
    spans
}

fn flatten_header(rows: &[Vec<Option<usize>>], header_rows: &[usize], grid: &Grid) -> Vec<String> {
    let width = rows.first().map_or(0, Vec::len);
    let mut labels: Vec<Vec<String>> = header_rows
        .iter()
        .map(|&r| rows[r].iter().map(|c| c.map_or(String::new(), |i| clean_label(&grid.cells[i].text))).collect())
        .collect();
    // Markdown/TSV: a blank in a header row, with a label deeper down in its column, continues
    // the merged label to its left (converters print a merged label once, in its first column).
    for h in 0..labels.len() {
        for c in 1..width {
            let deeper = labels[h + 1..].iter().any(|row| !row[c].is_empty());
            if labels[h][c].is_empty() && deeper && !labels[h][c - 1].is_empty() {
                labels[h][c] = labels[h][c - 1].clone();
            }
        }
    }
    (0..width)
        .map(|c| {
            let mut path: Vec<&str> = Vec::new();
            for row in &labels {
                let label = row[c].as_str();
                if !label.is_empty() && path.last() != Some(&label) {
                    path.push(label);
                }
            }
            path.join(" / ")
        })
        .collect()
}

/// A header label as used in column paths: whitespace inside removed, brackets kept as printed.
pub(crate) fn clean_label(text: &str) -> String {
    text.split_whitespace().collect::<String>()
}

fn is_table_title(text: &str) -> bool {
    let t = compact(text);
    t.chars().count() <= 60 && (t.ends_with('表') || t.ends_with("情况")) && parse_amount(&t) == CellValue::Text
}

/// A caption cell: 单位：万元, 预算年度：2023, 编制单位：…, 截止时间：…, or an agency code + name.
pub(crate) fn is_caption_cell(text: &str) -> bool {
    let t = compact(text);
    let keys =
        ["单位:", "单位：", "预算年度", "编制单位", "编制部门", "截止时间", "截止日期", "填报单位", "名称:", "名称："];
    keys.iter().any(|k| t.contains(k))
}

/// Split a caption cell into (label, value): `预算年度：2023` → (`预算年度`, `2023`);
/// `320001成安县医疗保障局机关本级` → (`编制单位`, as printed).
fn caption_field(text: &str) -> (String, String) {
    let t = text.trim();
    match t.split_once(['：', ':']) {
        Some((label, value)) => (clean_label(label), value.trim().to_string()),
        None => ("编制单位".to_string(), t.to_string()),
    }
}

/// Column-number row: `栏次 | 1 | 2 | 3`, or just `1 | 2 | 3 | …` in order; label columns may
/// hold a placeholder (`** | ** | 1 | 2 | 3`).
fn is_column_number_row(row: &[Option<usize>], grid: &Grid) -> bool {
    let placeholder = |t: &str| t.chars().all(|c| matches!(c, '*' | '＊' | '-' | '—' | '/' | '／'));
    let mut seen: Vec<&str> = Vec::new();
    for &cell in row.iter().flatten() {
        let t = grid.cells[cell].text.trim();
        if !placeholder(t) && seen.last() != Some(&t) {
            seen.push(t);
        }
    }
    let numbers: Vec<u32> = seen.iter().filter_map(|t| t.parse().ok()).collect();
    let labelled = seen.first().is_some_and(|t| compact(t) == "栏次");
    let sequence = numbers.len() >= 3 && numbers.windows(2).all(|w| w[1] == w[0] + 1) && numbers[0] <= 1;
    sequence && (labelled || numbers.len() == seen.len())
}

/// A body row carries a classification code or an amount outside the first column.
fn is_body_row(row: &[Option<usize>], grid: &Grid, money_table: bool) -> bool {
    if !money_table {
        return false;
    }
    let texts: Vec<&str> = row.iter().map(|c| c.map_or("", |i| grid.cells[i].text.trim())).collect();
    let has_amount = texts.iter().skip(1).any(|t| matches!(parse_amount(t), CellValue::Number(_)) && !t.is_empty());
    let has_code = texts.iter().any(|t| is_code_like(t));
    has_amount || has_code
}

/// 3, 5 or 7 digits starting with 2, 3 or 5 (a function or economic classification code).
pub(crate) fn is_code_like(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.len(), 3 | 5 | 7)
        && t.bytes().all(|b| b.is_ascii_digit())
        && matches!(t.as_bytes()[0], b'2' | b'3' | b'5')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_header_spans_follow_the_row_below() {
        // 序号 | 收入 | 支出 over '' | 项目 | 预算数 | 项目 | 预算数
        let labels = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(infer_spans(&labels(&["", "项目", "预算数", "项目", "预算数"]), 3), vec![(0, 1), (1, 2), (3, 2)]);
        // 序号 | 收入 | 支出 over '' | 项目 | 金额 | 项目 | 合计 | 三种拨款: split at the repeated 项目
        let below = labels(&["", "项目", "金额", "项目", "合计", "一般", "基金", "国资"]);
        assert_eq!(infer_spans(&below, 3), vec![(0, 1), (1, 2), (3, 5)]);
        // 序号 | 功能分类科目 | 合计 | 本年收入 | 上年结转 over a 13-column row
        let below = labels(&["", "编码", "名称", "", "小计", "a", "b", "c", "d", "e", "f", "g", ""]);
        assert_eq!(infer_spans(&below, 5), vec![(0, 1), (1, 2), (3, 1), (4, 8), (12, 1)]);
    }

    #[test]
    fn tsv_header_group_labels_continue_right() {
        let row = |cells: &[&str]| cells.iter().map(|t| (t.to_string(), Default::default())).collect();
        let grid = Grid::from_rows(vec![
            row(&["功能分类科目", "", "2022年预算数", "", ""]),
            row(&["科目编码", "科目名称", "小计", "基本支出", "项目支出"]),
            row(&["2101502", "一般行政管理事务", "15.60", "", "15.60"]),
        ]);
        let layout = analyse(&grid, true);
        assert_eq!(layout.columns[1], "功能分类科目 / 科目名称");
        assert_eq!(layout.columns[3], "2022年预算数 / 基本支出");
        assert_eq!(layout.body.len(), 1);
    }
}

//! A recovered table → a grid: header rows from the column paths (merged cells as spans), body
//! rows with each number in the column its placement says.
//!
//! Placements are narrowed in three steps: each row by its own sums ([`super::align`]), then the
//! rows under a total row (合计 / 总计) by the column sums that total prints, then the rows under
//! a classification code by the sums of their parent row (`2120101` and `2120102` add up to
//! `21201`), repeated while anything is decided.

use rust_decimal::Decimal;

use super::align;
use super::rows::{self, Segment};
use super::{assign_sides, Kind, OpenTable, TableLine};
use crate::blocks::{Block, BlockKind, Cell, Grid};
use crate::provenance::Provenance;

/// Column paths, left to right: per side its code part columns (`类 | 款` where the labels print
/// their code in parts, `302 07邮电费`), its label column, then its value columns.
fn column_paths(table: &OpenTable, split: &[bool]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (side, columns) in table.sides.iter().enumerate() {
        if split[side] {
            out.extend(CODE_PARTS.iter().map(|p| vec![p.to_string()]));
        }
        out.push(columns.label.clone());
        out.extend(columns.leaves.iter().cloned());
    }
    out
}

/// The columns of a code printed in parts.
const CODE_PARTS: [&str; 2] = ["类", "款"];

/// A label printing its code in parts: a 3-digit class, then a 2-digit 款 glued to the name
/// (`302 07邮电费`, `301 01基本工资`).
fn code_in_parts(label: &str) -> bool {
    let mut tokens = label.split_whitespace();
    let (Some(class), Some(rest)) = (tokens.next(), tokens.next()) else { return false };
    class.len() == 3
        && class.bytes().all(|b| b.is_ascii_digit())
        && rest.len() > 2
        && rest.bytes().take(2).all(|b| b.is_ascii_digit())
        && !rest.as_bytes()[2].is_ascii_digit()
}

/// A label split into its code parts and name: (类, 款, name) with their byte spans.
fn label_parts(label: &rows::Piece) -> Vec<(usize, rows::Piece)> {
    let pieces = rows::tokens(&label.text, label.start);
    let mut out = Vec::new();
    let mut rest = pieces.as_slice();
    if let Some(first) = rest.first().filter(|p| p.text.len() == 3 && p.text.bytes().all(|b| b.is_ascii_digit())) {
        out.push((0, first.clone()));
        rest = &rest[1..];
        if let Some(second) = rest.first().filter(|p| code_in_parts(&format!("{} {}", first.text, p.text))) {
            out.push((
                1,
                rows::Piece { text: second.text[..2].to_string(), start: second.start, end: second.start + 2 },
            ));
            let name = rows::Piece { text: second.text[2..].to_string(), start: second.start + 2, end: second.end };
            rest = &rest[1..];
            let mut name = name;
            for p in rest {
                name.text.push(' ');
                name.text.push_str(&p.text);
                name.end = p.end;
            }
            out.push((2, name));
            return out;
        }
    }
    if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
        let text = rest.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        out.push((2, rows::Piece { text, start: first.start, end: last.end }));
    }
    out
}

/// The grid of a table, or a warning saying why its numbers cannot all be placed.
pub(super) fn grid_block(table: &OpenTable) -> Result<Block, String> {
    let split: Vec<bool> = (0..table.sides.len()).map(|side| splits_codes(table, side)).collect();
    let paths = column_paths(table, &split);
    let depth = paths.iter().map(Vec::len).max().unwrap_or(1);
    let header_provenance = table
        .header_lines
        .iter()
        .map(|l| {
            let (s, e) = trimmed(l);
            l.provenance(s, e)
        })
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    let mut cells = Vec::new();
    for level in 0..depth {
        let mut c = 0;
        while c < paths.len() {
            let path = &paths[c];
            if path.len() <= level {
                c += 1;
                continue;
            }
            let is_leaf = path.len() == level + 1;
            let mut span = 1;
            while !is_leaf
                && c + span < paths.len()
                && paths[c + span].len() > level + 1
                && paths[c + span][..=level] == path[..=level]
            {
                span += 1;
            }
            cells.push(Cell {
                row: level,
                col: c,
                row_span: if is_leaf { depth - level } else { 1 },
                col_span: span,
                text: path[level].clone(),
                provenance: header_provenance.clone(),
            });
            c += span;
        }
    }
    let mut body_cells = body_cells(table, depth, &split)?;
    cells.append(&mut body_cells);
    let n_rows = cells.iter().map(|c| c.row + c.row_span).max().unwrap_or(0);
    let provenance = cells.iter().map(|c| c.provenance.clone()).reduce(|a, b| a.union(&b)).unwrap_or_default();
    Ok(Block { kind: BlockKind::Table(Grid { n_rows, n_cols: paths.len(), cells }), provenance })
}

fn trimmed(line: &TableLine) -> (usize, usize) {
    let leading = line.text.len() - line.text.trim_start().len();
    (line.start + leading, line.start + leading + line.text.trim().len())
}

/// Whether the labels of a side print their codes in parts (then 类 | 款 columns are added).
fn splits_codes(table: &OpenTable, side: usize) -> bool {
    let widths: Vec<usize> = table.sides.iter().map(|s| s.leaves.len()).collect();
    table.body.iter().any(|line| {
        let Kind::Row(segments) = &line.kind else { return false };
        let sides = if segments.len() == widths.len() {
            (0..segments.len()).collect()
        } else {
            assign_sides(segments, &widths)
        };
        segments.iter().zip(sides).any(|(s, at)| at == side && s.label.as_ref().is_some_and(|l| code_in_parts(&l.text)))
    })
}

/// One side of one body row: its segment and the placements of its numbers that add up.
struct Placed<'a> {
    line: &'a TableLine,
    side: usize,
    segment: Segment,
    values: Vec<Decimal>,
    options: Vec<Vec<usize>>,
}

impl Placed<'_> {
    fn label(&self) -> &str {
        self.segment.label.as_ref().map_or("", |l| l.text.as_str())
    }

    /// The amounts of the row by column, when its placement is decided.
    fn columns(&self, width: usize) -> Option<Vec<Decimal>> {
        let [positions] = self.options.as_slice() else { return None };
        let mut out = vec![Decimal::ZERO; width];
        for (v, &p) in self.values.iter().zip(positions) {
            out[p] = *v;
        }
        Some(out)
    }
}

/// The classification code a label starts with (`2120101行政运行`, `201 一般公共服务支出`,
/// `302 07邮电费` → `30207`).
fn code_of(label: &str) -> Option<String> {
    let mut code = String::new();
    for token in label.split_whitespace() {
        let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
        code.push_str(&digits);
        if digits.len() != token.len() {
            break;
        }
    }
    (code.len() >= 3).then_some(code)
}

/// The cells of the body rows, the first at grid row `first_row`.
fn body_cells(table: &OpenTable, first_row: usize, split: &[bool]) -> Result<Vec<Cell>, String> {
    let widths: Vec<usize> = table.sides.iter().map(|s| s.leaves.len()).collect();
    let starts: Vec<usize> = table
        .sides
        .iter()
        .zip(split)
        .scan(0, |at, (s, &split)| {
            let here = *at + if split { CODE_PARTS.len() } else { 0 };
            *at = here + 1 + s.leaves.len();
            Some(here)
        })
        .collect();
    let mut placed: Vec<Placed> = Vec::new();
    for line in &table.body {
        let segments = match &line.kind {
            Kind::Row(segments) => segments.clone(),
            _ => {
                let (s, e) = trimmed(line);
                let label = line.text.trim().to_string();
                vec![Segment { label: Some(rows::Piece { text: label, start: s, end: e }), numbers: Vec::new() }]
            }
        };
        let sides = if segments.len() == widths.len() {
            (0..segments.len()).collect()
        } else {
            assign_sides(&segments, &widths)
        };
        for (segment, side) in segments.into_iter().zip(sides) {
            let values: Vec<Decimal> = segment.numbers.iter().filter_map(|n| rows::value(&n.text)).collect();
            let options = if values.len() == segment.numbers.len() {
                align::placements(&values, widths[side], &table.sums[side])
            } else {
                Vec::new()
            };
            placed.push(Placed { line, side, segment, values, options });
        }
    }
    for (side, &width) in widths.iter().enumerate() {
        narrow_side(&mut placed, side, width);
    }
    let mut cells = Vec::new();
    let mut row = first_row;
    let mut last_line: Option<(u32, usize)> = None;
    for p in &placed {
        let here = (p.line.page, p.line.number);
        if last_line.is_some_and(|l| l != here) {
            row += 1;
        }
        last_line = Some(here);
        if let Some(label) = &p.segment.label {
            if split[p.side] {
                for (part, piece) in label_parts(label) {
                    let col = starts[p.side] + part - CODE_PARTS.len();
                    cells.push(cell(row, col, &piece.text, p.line.provenance(piece.start, piece.end)));
                }
            } else {
                cells.push(cell(row, starts[p.side], &label.text, p.line.provenance(label.start, label.end)));
            }
        }
        if p.segment.numbers.is_empty() {
            continue;
        }
        let [positions] = p.options.as_slice() else {
            return Err(format!(
                "line {}: {} numbers under {} columns (blank cells dropped) and {} placements add up; table read as text",
                p.line.number,
                p.segment.numbers.len(),
                widths[p.side],
                if p.options.is_empty() { "no".to_string() } else { p.options.len().to_string() }
            ));
        };
        for (number, column) in p.segment.numbers.iter().zip(positions) {
            cells.push(cell(
                row,
                starts[p.side] + 1 + column,
                &number.text,
                p.line.provenance(number.start, number.end),
            ));
        }
    }
    Ok(cells)
}

/// Narrow the placements of one side's rows by the sums of total rows and parent codes.
fn narrow_side(placed: &mut [Placed], side: usize, width: usize) {
    let on_side: Vec<usize> =
        (0..placed.len()).filter(|&i| placed[i].side == side && !placed[i].values.is_empty()).collect();
    let codes: Vec<Option<String>> = on_side.iter().map(|&i| code_of(placed[i].label())).collect();
    let shortest = codes.iter().flatten().map(String::len).min();
    // (parent, children) groups: a total row over the top-level rows, a code over its sub-codes.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    if let Some(at) = on_side.iter().rposition(|&i| {
        let label = placed[i].label();
        label.contains("合计") || label.contains("总计")
    }) {
        let children: Vec<usize> = on_side
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != at && shortest.is_none_or(|s| codes[k].as_ref().is_some_and(|c| c.len() == s)))
            .map(|(_, &i)| i)
            .collect();
        groups.push((on_side[at], children));
    }
    for (k, code) in codes.iter().enumerate() {
        let Some(code) = code else { continue };
        let longer: Vec<usize> = (0..on_side.len())
            .filter(|&j| codes[j].as_ref().is_some_and(|c| c.len() > code.len() && c.starts_with(code.as_str())))
            .collect();
        let Some(next) = longer.iter().filter_map(|&j| codes[j].as_ref().map(String::len)).min() else { continue };
        let children = longer
            .into_iter()
            .filter(|&j| codes[j].as_ref().is_some_and(|c| c.len() == next))
            .map(|j| on_side[j])
            .collect();
        groups.push((on_side[k], children));
    }
    loop {
        let mut progress = false;
        for (parent, children) in &groups {
            let Some(total) = placed[*parent].columns(width) else { continue };
            if children.is_empty() || children.iter().all(|&c| placed[c].options.len() == 1) {
                continue;
            }
            let problem: Vec<(Vec<Decimal>, Vec<Vec<usize>>)> =
                children.iter().map(|&c| (placed[c].values.clone(), placed[c].options.clone())).collect();
            if let Some(choice) = align::solve_columns(&problem, &total) {
                for (&c, o) in children.iter().zip(choice) {
                    let one = placed[c].options[o].clone();
                    placed[c].options = vec![one];
                }
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
}

fn cell(row: usize, col: usize, text: &str, provenance: Provenance) -> Cell {
    Cell { row, col, row_span: 1, col_span: 1, text: text.to_string(), provenance }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_labels() {
        assert_eq!(code_of("2120101行政运行").as_deref(), Some("2120101"));
        assert_eq!(code_of("201 一般公共服务支出").as_deref(), Some("201"));
        assert_eq!(code_of("302 07邮电费").as_deref(), Some("30207"));
        assert_eq!(code_of("合计"), None);
        assert!(
            code_in_parts("302 07邮电费")
                && !code_in_parts("201 一般公共服务支出")
                && !code_in_parts("2120101行政运行")
        );
        let label = rows::Piece { text: "301 01基本工资".to_string(), start: 10, end: 28 };
        let parts: Vec<(usize, String)> = label_parts(&label).into_iter().map(|(i, p)| (i, p.text)).collect();
        assert_eq!(parts, vec![(0, "301".to_string()), (1, "01".to_string()), (2, "基本工资".to_string())]);
        let total = rows::Piece { text: "合计".to_string(), start: 0, end: 6 };
        assert_eq!(label_parts(&total)[0].0, 2);
    }
}

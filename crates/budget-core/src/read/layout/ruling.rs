//! Ruling segments → cell grids.
//!
//! Horizontal and vertical segments that touch form one table. The distinct x of its verticals
//! and y of its horizontals (plus the extent of the other direction, for tables without outer
//! borders) cut it into slots; two neighbouring slots whose shared boundary is not drawn belong
//! to one spanning cell. A grid needs at least two columns: a frame or a three-line table
//! (horizontals only) is left to the unruled-table layer.

use super::lines::BBox;
use super::Segment;

/// Coordinates closer than this (points) are the same ruling.
const SNAP: f32 = 2.0;
/// Segments shorter than this (points) are ignored (dots, tick marks).
const MIN_LENGTH: f32 = 3.0;
/// A boundary counts as drawn when segments cover at least this share of it.
const DRAWN_SHARE: f32 = 0.5;
/// Most slot pairs examined when connecting segments (bounds work on pathological pages).
const MAX_PAIRS: usize = 4_000_000;
/// Most slots in one grid.
const MAX_SLOTS: usize = 200_000;

/// One cell of a ruled grid: its top-left slot, spans and box.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuledCell {
    /// Top slot row.
    pub row: usize,
    /// Left slot column.
    pub col: usize,
    /// Slot rows covered.
    pub row_span: usize,
    /// Slot columns covered.
    pub col_span: usize,
    /// The cell's rectangle.
    pub bbox: BBox,
}

/// A table drawn with rulings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuledGrid {
    /// Column boundaries, left to right (`n_cols + 1` values).
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (`n_rows + 1` values).
    pub ys: Vec<f32>,
    /// The cells; every slot belongs to exactly one.
    pub cells: Vec<RuledCell>,
}

impl RuledGrid {
    /// The grid's outer box.
    pub fn bbox(&self) -> BBox {
        [self.xs[0], self.ys[0], self.xs[self.xs.len() - 1], self.ys[self.ys.len() - 1]]
    }

    /// The index of the cell containing point `(x, y)`, if inside the grid.
    pub fn cell_at(&self, x: f32, y: f32, slot_owner: &[usize]) -> Option<usize> {
        let col = interval_index(&self.xs, x)?;
        let row = interval_index(&self.ys, y)?;
        slot_owner.get(row * (self.xs.len() - 1) + col).copied()
    }

    /// For each slot (row-major), the index of the cell that covers it.
    pub fn slot_owners(&self) -> Vec<usize> {
        let n_cols = self.xs.len() - 1;
        let mut owners = vec![0; n_cols * (self.ys.len() - 1)];
        for (index, cell) in self.cells.iter().enumerate() {
            for row in cell.row..cell.row + cell.row_span {
                for col in cell.col..cell.col + cell.col_span {
                    if let Some(slot) = owners.get_mut(row * n_cols + col) {
                        *slot = index;
                    }
                }
            }
        }
        owners
    }
}

fn interval_index(bounds: &[f32], value: f32) -> Option<usize> {
    if value < bounds[0] || value > bounds[bounds.len() - 1] {
        return None;
    }
    let index = bounds.partition_point(|b| *b <= value);
    Some(index.saturating_sub(1).min(bounds.len() - 2))
}

/// Find the ruled grids of a page; the second value is a warning when work limits were hit.
pub(crate) fn find_grids(segments: &[Segment]) -> (Vec<RuledGrid>, Option<String>) {
    let horizontal = merge_collinear(segments.iter().filter(|s| s.is_horizontal()).map(|s| (s.y0, s.x0, s.x1)));
    let vertical = merge_collinear(segments.iter().filter(|s| !s.is_horizontal()).map(|s| (s.x0, s.y0, s.y1)));
    if horizontal.len().saturating_mul(vertical.len()) > MAX_PAIRS {
        let message = format!(
            "{} horizontal × {} vertical rulings are too many to analyse; tables read without rulings",
            horizontal.len(),
            vertical.len()
        );
        return (Vec::new(), Some(message));
    }
    let mut parent: Vec<usize> = (0..horizontal.len() + vertical.len()).collect();
    for (h, &(y, hx0, hx1)) in horizontal.iter().enumerate() {
        for (v, &(x, vy0, vy1)) in vertical.iter().enumerate() {
            if x >= hx0 - SNAP && x <= hx1 + SNAP && y >= vy0 - SNAP && y <= vy1 + SNAP {
                join(&mut parent, h, horizontal.len() + v);
            }
        }
    }
    let mut components: Vec<(Vec<Line>, Vec<Line>)> = Vec::new();
    let mut component_of = std::collections::HashMap::new();
    for index in 0..parent.len() {
        let root = find(&mut parent, index);
        let slot = *component_of.entry(root).or_insert_with(|| {
            components.push((Vec::new(), Vec::new()));
            components.len() - 1
        });
        if index < horizontal.len() {
            components[slot].0.push(horizontal[index]);
        } else {
            components[slot].1.push(vertical[index - horizontal.len()]);
        }
    }
    let mut warning = None;
    let mut grids = Vec::new();
    for (h, v) in components {
        if h.is_empty() || v.is_empty() {
            continue;
        }
        match build_grid(&h, &v) {
            Ok(Some(grid)) => grids.push(grid),
            Ok(None) => {}
            Err(message) => warning = Some(message),
        }
    }
    grids.sort_by(|a, b| a.ys[0].total_cmp(&b.ys[0]));
    (grids, warning)
}

/// A merged ruling: (position across, start along, end along).
type Line = (f32, f32, f32);

fn merge_collinear(items: impl Iterator<Item = Line>) -> Vec<Line> {
    let mut items: Vec<Line> =
        items.filter(|(at, a, b)| at.is_finite() && a.is_finite() && b.is_finite() && b - a >= MIN_LENGTH).collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut merged: Vec<Line> = Vec::new();
    let mut group_start = 0;
    for item in items {
        let same_group = merged.get(group_start).is_some_and(|first| (item.0 - first.0).abs() <= SNAP / 2.0);
        if !same_group {
            group_start = merged.len();
            merged.push(item);
            continue;
        }
        // Within a group (same position), sorted by start: extend the last when they touch.
        match merged.last_mut() {
            Some(last) if item.1 <= last.2 + SNAP => {
                last.1 = last.1.min(item.1);
                last.2 = last.2.max(item.2);
            }
            _ => merged.push(item),
        }
    }
    merged
}

fn find(parent: &mut [usize], mut index: usize) -> usize {
    while parent[index] != index {
        parent[index] = parent[parent[index]];
        index = parent[index];
    }
    index
}

fn join(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Distinct positions, nearby ones snapped together (the first of a cluster is kept).
fn distinct(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for value in values {
        if out.last().is_none_or(|last| value - last > SNAP) {
            out.push(value);
        }
    }
    out
}

/// Share of `[from, to]` covered by the lines at `at`.
fn drawn_share(lines: &[Line], at: f32, from: f32, to: f32) -> f32 {
    let length = to - from;
    if length <= 0.0 {
        return 1.0;
    }
    let covered: f32 = lines
        .iter()
        .filter(|(position, _, _)| (position - at).abs() <= SNAP)
        .map(|(_, a, b)| (b.min(to) - a.max(from)).max(0.0))
        .sum();
    covered / length
}

fn build_grid(horizontal: &[Line], vertical: &[Line]) -> Result<Option<RuledGrid>, String> {
    let left = horizontal.iter().map(|h| h.1).fold(f32::INFINITY, f32::min);
    let right = horizontal.iter().map(|h| h.2).fold(f32::NEG_INFINITY, f32::max);
    let top = vertical.iter().map(|v| v.1).fold(f32::INFINITY, f32::min);
    let bottom = vertical.iter().map(|v| v.2).fold(f32::NEG_INFINITY, f32::max);
    let xs = distinct(vertical.iter().map(|v| v.0).chain([left, right]).collect());
    let ys = distinct(horizontal.iter().map(|h| h.0).chain([top, bottom]).collect());
    if xs.len() < 3 || ys.len() < 2 {
        return Ok(None);
    }
    let (n_rows, n_cols) = (ys.len() - 1, xs.len() - 1);
    if n_rows * n_cols > MAX_SLOTS {
        return Err(format!("a ruled grid of {n_rows} × {n_cols} slots is too large; read without rulings"));
    }
    let mut parent: Vec<usize> = (0..n_rows * n_cols).collect();
    for row in 0..n_rows {
        for col in 0..n_cols {
            let slot = row * n_cols + col;
            let inset_y = ((ys[row + 1] - ys[row]) * 0.1).min(SNAP);
            if col + 1 < n_cols
                && drawn_share(vertical, xs[col + 1], ys[row] + inset_y, ys[row + 1] - inset_y) < DRAWN_SHARE
            {
                join(&mut parent, slot, slot + 1);
            }
            let inset_x = ((xs[col + 1] - xs[col]) * 0.1).min(SNAP);
            if row + 1 < n_rows
                && drawn_share(horizontal, ys[row + 1], xs[col] + inset_x, xs[col + 1] - inset_x) < DRAWN_SHARE
            {
                join(&mut parent, slot, slot + n_cols);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    for slot in 0..n_rows * n_cols {
        let root = find(&mut parent, slot);
        groups.entry(root).or_default().push(slot);
    }
    let mut cells = Vec::new();
    for slots in groups.values() {
        let rows = slots.iter().map(|s| s / n_cols);
        let cols = slots.iter().map(|s| s % n_cols);
        let (r0, r1) = (rows.clone().min().unwrap_or(0), rows.max().unwrap_or(0));
        let (c0, c1) = (cols.clone().min().unwrap_or(0), cols.max().unwrap_or(0));
        let rectangular = (r1 - r0 + 1) * (c1 - c0 + 1) == slots.len();
        let pieces: Vec<(usize, usize, usize, usize)> = if rectangular {
            vec![(r0, c0, r1 - r0 + 1, c1 - c0 + 1)]
        } else {
            slots.iter().map(|s| (s / n_cols, s % n_cols, 1, 1)).collect()
        };
        for (row, col, row_span, col_span) in pieces {
            let bbox = [xs[col], ys[row], xs[col + col_span], ys[row + row_span]];
            cells.push(RuledCell { row, col, row_span, col_span, bbox });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Ok(Some(RuledGrid { xs, ys, cells }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Segment {
        Segment { x0, y0: y, x1, y1: y }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Segment {
        Segment { x0: x, y0, x1: x, y1 }
    }

    #[test]
    fn missing_inner_ruling_makes_a_spanning_cell() {
        // Three columns, two rows; the header row has no ruling between columns 1 and 2.
        let segments = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 20.0, 40.0),
            v(300.0, 0.0, 40.0),
        ];
        let (grids, warning) = find_grids(&segments);
        assert!(warning.is_none());
        assert_eq!(grids.len(), 1);
        let grid = &grids[0];
        assert_eq!((grid.xs.len(), grid.ys.len()), (4, 3));
        assert_eq!(grid.cells.len(), 5);
        assert_eq!((grid.cells[1].col, grid.cells[1].col_span), (1, 2));
        let owners = grid.slot_owners();
        assert_eq!(grid.cell_at(250.0, 30.0, &owners), Some(4));
        assert_eq!(grid.cell_at(250.0, 10.0, &owners), Some(1));
        assert_eq!(grid.cell_at(350.0, 10.0, &owners), None);
    }

    #[test]
    fn horizontal_rules_alone_make_no_grid() {
        let segments = vec![h(0.0, 0.0, 300.0), h(20.0, 0.0, 300.0), h(40.0, 0.0, 300.0)];
        assert!(find_grids(&segments).0.is_empty());
    }
}

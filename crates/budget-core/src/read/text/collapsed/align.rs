//! Which columns the numbers of a row with dropped blank cells belong to.
//!
//! A row printing `k` numbers under `n > k` columns lost `n − k` blank cells. Every order-keeping
//! placement of the numbers is tried against the row's sums (a total column is the sum of its
//! parts, blanks adding nothing); a number is placed only where every placement that adds up puts
//! it. The others are left unplaced, to be reported, never guessed.

use rust_decimal::Decimal;

/// Most placements tried for one row (C(n, k) above this is not searched).
const MAX_PLACEMENTS: usize = 20_000;

/// The column of each value, `None` where the placement is not certain. `sums` are (total
/// column, part columns) over `columns` columns.
#[cfg(test)]
pub(super) fn place(values: &[Decimal], columns: usize, sums: &[(usize, Vec<usize>)]) -> Vec<Option<usize>> {
    let all = placements(values, columns, sums);
    let Some(first) = all.first() else { return vec![None; values.len()] };
    let mut agreed: Vec<Option<usize>> = first.iter().copied().map(Some).collect();
    for other in &all[1..] {
        for (a, &p) in agreed.iter_mut().zip(other) {
            *a = a.filter(|&c| c == p);
        }
    }
    agreed
}

/// Every order-keeping placement of `values` in `columns` columns that satisfies `sums` (a row
/// printing every column has its one placement, whatever its sums).
pub(super) fn placements(values: &[Decimal], columns: usize, sums: &[(usize, Vec<usize>)]) -> Vec<Vec<usize>> {
    let k = values.len();
    if k == columns {
        return vec![(0..k).collect()];
    }
    if k > columns || binomial(columns, k) > MAX_PLACEMENTS {
        return Vec::new();
    }
    let tolerance = tolerance(values);
    let mut out = Vec::new();
    let mut positions: Vec<usize> = (0..k).collect();
    loop {
        if adds_up(values, &positions, columns, sums, tolerance) {
            out.push(positions.clone());
        }
        if !next_combination(&mut positions, columns) {
            break;
        }
    }
    out
}

/// Choose one placement per row so that every column of the rows adds up to `total` (the total
/// row's columns). `None` unless exactly one choice does (search capped).
pub(super) fn solve_columns(rows: &[(Vec<Decimal>, Vec<Vec<usize>>)], total: &[Decimal]) -> Option<Vec<usize>> {
    let mut sums = vec![Decimal::ZERO; total.len()];
    let mut choice = vec![0; rows.len()];
    let mut found: Option<Vec<usize>> = None;
    let mut count = 0usize;
    let mut budget = MAX_PLACEMENTS * 10;
    // With no negative amounts a column over its total cannot come back: those branches are cut.
    let prune = rows.iter().flat_map(|(v, _)| v).chain(total).all(|v| !v.is_sign_negative());
    search(rows, total, 0, &mut sums, &mut choice, &mut found, &mut count, &mut budget, prune);
    (count == 1 && budget > 0).then_some(found?)
}

#[allow(clippy::too_many_arguments)]
fn search(
    rows: &[(Vec<Decimal>, Vec<Vec<usize>>)],
    total: &[Decimal],
    at: usize,
    sums: &mut [Decimal],
    choice: &mut [usize],
    found: &mut Option<Vec<usize>>,
    count: &mut usize,
    budget: &mut usize,
    prune: bool,
) {
    if *count > 1 || *budget == 0 || (prune && sums.iter().zip(total).any(|(s, t)| s > t)) {
        return;
    }
    *budget -= 1;
    if at == rows.len() {
        if sums.iter().zip(total).all(|(s, t)| s == t) {
            *count += 1;
            *found = Some(choice.to_vec());
        }
        return;
    }
    let (values, options) = &rows[at];
    for (o, positions) in options.iter().enumerate() {
        for (v, &p) in values.iter().zip(positions) {
            sums[p] += *v;
        }
        choice[at] = o;
        search(rows, total, at + 1, sums, choice, found, count, budget, prune);
        for (v, &p) in values.iter().zip(positions) {
            sums[p] -= *v;
        }
    }
}

/// Rounding allowed in a sum: one unit of the finest printed decimal per part.
fn tolerance(values: &[Decimal]) -> Decimal {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    Decimal::new(1, scale)
}

fn adds_up(
    values: &[Decimal],
    positions: &[usize],
    columns: usize,
    sums: &[(usize, Vec<usize>)],
    unit: Decimal,
) -> bool {
    let mut row = vec![Decimal::ZERO; columns];
    for (&value, &column) in values.iter().zip(positions) {
        row[column] = value;
    }
    sums.iter().all(|(total, parts)| {
        let sum: Decimal = parts.iter().map(|&p| row[p]).sum();
        (row[*total] - sum).abs() <= unit * Decimal::from(parts.len())
    })
}

fn binomial(n: usize, k: usize) -> usize {
    let k = k.min(n - k);
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Advance `positions` (strictly increasing, below `n`) to the next combination.
fn next_combination(positions: &mut [usize], n: usize) -> bool {
    let k = positions.len();
    for i in (0..k).rev() {
        if positions[i] < n - k + i {
            positions[i] += 1;
            for j in i + 1..k {
                positions[j] = positions[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(values: &[&str]) -> Vec<Decimal> {
        values.iter().map(|v| v.parse().expect("decimal")).collect()
    }

    #[test]
    fn the_total_is_placed_and_an_ambiguous_part_is_not() {
        let sums = vec![(0, vec![1, 2, 3])];
        assert_eq!(place(&d(&["3353072", "3353072"]), 4, &sums), vec![Some(0), None]);
        assert_eq!(
            place(&d(&["8568532", "4396960", "391000", "3780572"]), 4, &sums),
            vec![Some(0), Some(1), Some(2), Some(3)]
        );
    }

    #[test]
    fn nested_sums_decide_where_they_can() {
        // 合计 | 因公出国 | 公务接待 | 公务用车: 小计 购置 运行 — 8.53 1.53 7 7
        let sums = vec![(0, vec![1, 2, 3]), (3, vec![4, 5])];
        let placed = place(&d(&["8.53", "1.53", "7", "7"]), 6, &sums);
        assert_eq!(placed[0], Some(0));
        assert_eq!(placed[1], None); // 因公出国 or 公务接待: the row cannot tell
        assert_eq!(placed[2], Some(3));
        assert_eq!(place(&d(&["5", "1"]), 3, &[(0, vec![1, 2])]), vec![None, None]);
    }

    #[test]
    fn column_sums_decide_between_rows() {
        // 合计 | 人员经费 | 公用经费 | 项目支出, total 10 | 3 | 0 | 7: a row 3 3 and a row 7 7.
        let sums = vec![(0, vec![1, 2, 3])];
        let rows: Vec<(Vec<Decimal>, Vec<Vec<usize>>)> =
            [["3", "3"], ["7", "7"]].iter().map(|r| (d(r), placements(&d(r), 4, &sums))).collect();
        let choice = solve_columns(&rows, &d(&["10", "3", "0", "7"])).expect("one choice");
        assert_eq!(rows[0].1[choice[0]], vec![0, 1]);
        assert_eq!(rows[1].1[choice[1]], vec![0, 3]);
        assert_eq!(solve_columns(&rows, &d(&["10", "5", "0", "5"])), None);
    }
}

//! The row hierarchy read from the amounts, for lists without codes or printed numbering (a
//! project table listing `单位 | 项目类别 | 项目` rows, a 三公 table with `公务用车购置及运行维护费`
//! over its members, a table whose 序号 column is not part of the names): a row equal to the sum
//! of the run of rows right after it is their group row, and only the top level adds up to the
//! total.

use rust_decimal::Decimal;

use super::super::tolerance::Num;

/// The top level of `rows` (indices, in order) when the amounts show groups: read from the last
/// row up, a row whose amount equals the sum of the shortest run of (already grouped) rows right
/// after it, within the rounding tolerance, takes them as its members. `None` when no row groups
/// others (the list is flat as printed).
pub(super) fn amount_tops(rows: &[Num]) -> Option<Vec<usize>> {
    // The rows read so far that are in no group yet, nearest first (reversed at the end).
    let mut forest: Vec<usize> = Vec::new();
    let mut grouped = false;
    for (i, row) in rows.iter().enumerate().rev() {
        let members = row.amount.and_then(|amount| members_run(amount, row.half_unit, &forest, rows));
        if let Some(count) = members {
            forest.truncate(forest.len() - count);
            grouped = true;
        }
        forest.push(i);
    }
    forest.reverse();
    grouped.then_some(forest)
}

/// How many of the rows nearest the group row (`forest` holds them nearest last) add up to
/// `amount`: the shortest such run of at least one row, when the run reaches a row with an amount.
fn members_run(amount: Decimal, half_unit: Decimal, forest: &[usize], rows: &[Num]) -> Option<usize> {
    let (mut sum, mut tolerance) = (Decimal::ZERO, half_unit);
    for (count, &k) in forest.iter().rev().enumerate() {
        let member = &rows[k];
        sum = sum.checked_add(member.value())?;
        tolerance = tolerance.checked_add(member.half_unit)?;
        if member.amount.is_some() && (sum - amount).abs() <= tolerance {
            return Some(count + 1);
        }
        if sum.abs() > amount.abs() + tolerance && member.value() >= Decimal::ZERO {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    /// Rows printed in 万元 with two decimals (amounts in 元).
    fn rows(printed: &[&str]) -> Vec<Num> {
        printed
            .iter()
            .map(|p| Num {
                label: String::new(),
                amount: Some(Decimal::from_str(&p.replace(',', "")).expect("a number") * Decimal::new(10_000, 0)),
                printed: (*p).to_string(),
                half_unit: Decimal::new(50, 0),
                provenance: Default::default(),
                table_index: None,
                fact_index: None,
            })
            .collect()
    }

    fn top_sum(rows: &[Num], tops: &[usize]) -> Decimal {
        tops.iter().map(|&k| rows[k].value()).sum()
    }

    /// 长沙市国资委 项目支出情况表 (p7-9), 预算批复: groups 一…四 (序号 in a column of its own) over
    /// their projects; 合计 13,237.00 is the sum of the groups.
    #[test]
    fn group_rows_over_their_projects() {
        let approved = rows(&[
            "6,000.00", "5,000.00", "1,000.00", "3,750.00", "3,000.00", "400.00", "350.00", "3,087.00", "600.00",
            "57.00", "700.00", "210.00", "1,020.00", "220.00", "280.00", "400.00", "400.00",
        ]);
        let tops = amount_tops(&approved).expect("groups");
        assert_eq!(tops, [0, 3, 7, 15]);
        assert_eq!(top_sum(&approved, &tops), Decimal::new(132_370_000, 0));
    }

    /// The same table, 预算到位: the groups add up to 13,027.00 while 合计 prints 13,237.00 (the
    /// document's own inconsistency stays visible: the tree does not bend to the total).
    #[test]
    fn groups_of_a_column_that_does_not_add_up() {
        let allocated = rows(&[
            "6,000.00", "5,000.00", "1,000.00", "3,750.00", "3,000.00", "400.00", "350.00", "2,877.00", "600.00",
            "57.00", "700.00", "210.00", "1,020.00", "220.00", "70.00", "400.00", "400.00",
        ]);
        let tops = amount_tops(&allocated).expect("groups");
        assert_eq!(top_sum(&allocated, &tops), Decimal::new(130_270_000, 0));
    }

    /// 广州市气象局 表7 items under 302: a flat list, no row the sum of those after it.
    #[test]
    fn a_flat_list_has_no_groups() {
        assert_eq!(amount_tops(&rows(&["18.50", "137.00", "7.00", "168.00", "148.17", "592.82"])), None);
    }
}

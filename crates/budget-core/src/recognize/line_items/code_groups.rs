//! Several `code | name | amount` groups side by side in one table (a 基本支出 table printing
//! 人员经费 | 公用经费 as two halves of each row): each group after the first is a side of its own,
//! so the row rules sum each half against its own total (`人员经费合计 | 公用经费合计` printed in
//! one row are two totals, not one).

use crate::recognize::columns::ColumnRole;
use crate::text::compact;

/// Body rows of a table: grid row index and the cell (index into `grid.cells`) at each column.
pub(crate) type BodyRows = [(usize, Vec<Option<usize>>)];

/// The side of each code group (starting at the given code columns): `None` for the first (the
/// table's own side), then the group's name from its total label (`公用经费合计` → `公用经费`), or
/// `第N组` when no row of the group prints a total label.
pub(crate) fn group_sides<'a>(
    roles: &[ColumnRole],
    code_columns: &[usize],
    body: &BodyRows,
    text: &impl Fn(Option<usize>) -> &'a str,
) -> Vec<Option<String>> {
    let range = |k: usize| code_columns[k]..code_columns.get(k + 1).copied().unwrap_or(roles.len());
    // Halves each print their own names and amounts; a second code column without them (the
    // economic code of a 政府采购 row) is an attribute of the row, not a group of its own.
    let halves = code_columns.len() > 1
        && (0..code_columns.len()).all(|k| {
            let has = |pick: fn(&ColumnRole) -> bool| range(k).any(|c| pick(&roles[c]));
            has(|r| matches!(r, ColumnRole::Label)) && has(|r| matches!(r, ColumnRole::Value(_)))
        });
    (0..code_columns.len())
        .map(|k| {
            if k == 0 || !halves {
                return None;
            }
            let labels = range(k).filter(|&c| matches!(roles[c], ColumnRole::Label));
            let total = labels
                .flat_map(|c| body.iter().map(move |(_, cells)| cells.get(c).copied().flatten()))
                .map(|cell| compact(text(cell)))
                .find_map(|label| group_name(&label));
            Some(total.unwrap_or_else(|| format!("第{}组", k + 1)))
        })
        .collect()
}

/// `公用经费合计` → `公用经费`; `None` for a label that is no group total (or only `合计`).
fn group_name(label: &str) -> Option<String> {
    let name = label.strip_suffix("合计").or_else(|| label.strip_suffix("小计"))?;
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_names_from_total_labels() {
        assert_eq!(group_name("公用经费合计").as_deref(), Some("公用经费"));
        assert_eq!(group_name("合计"), None);
        assert_eq!(group_name("办公费"), None);
    }
}

//! Label columns split in two by the drawing: a ruled table boxing its indented rows on their
//! own (`合计` centred over the names, `[302]商品和服务支出` at the left border, `[30205]水费` in
//! a box starting further right) gets a vertical ruling at each indentation, so a label column
//! comes out as two or three columns, each row's label in one of them. Adjacent columns holding
//! only labels that never share a row are one column.

use super::{DraftCell, TableDraft};

/// A cell text that reads as a number or a placeholder for one (a value column's content).
fn is_value(text: &str) -> bool {
    let t = text.trim();
    let digits = t.chars().any(|c| c.is_ascii_digit());
    let numeric = t.chars().all(|c| c.is_ascii_digit() || ",.-+%() （）".contains(c));
    (digits && numeric) || matches!(t, "-" | "—" | "－" | "--" | "——" | "/" | "*")
}

/// Whether columns `left` and `left + 1` hold labels only and never both on one row.
fn split_label_pair(draft: &TableDraft, left: usize) -> bool {
    let filled = |col: usize| draft.cells.iter().filter(move |c| c.col == col && !c.text.trim().is_empty());
    let labels_only = |col: usize| filled(col).all(|c| !is_value(&c.text)) && filled(col).next().is_some();
    if !labels_only(left) || !labels_only(left + 1) {
        return false;
    }
    let rows = |c: &DraftCell| c.row..c.row + c.row_span.max(1);
    !filled(left).any(|a| filled(left + 1).any(|b| rows(a).start < rows(b).end && rows(b).start < rows(a).end))
}

/// Merge column `left + 1` into `left`: cells starting in it move left (an empty cell they land
/// on goes), cells over both lose one column of span.
fn merge_into_left(draft: &mut TableDraft, left: usize) {
    let right = left + 1;
    let moved: Vec<(usize, usize)> = draft
        .cells
        .iter()
        .filter(|c| c.col == right && c.col_span <= 1 && !c.text.trim().is_empty())
        .map(|c| (c.row, c.row_span.max(1)))
        .collect();
    draft.cells.retain(|c| {
        let landed_on = c.col == left
            && c.col_span <= 1
            && c.text.trim().is_empty()
            && moved.iter().any(|&(row, span)| c.row < row + span && row < c.row + c.row_span.max(1));
        let empty_right = c.col == right && c.col_span <= 1 && c.text.trim().is_empty();
        !landed_on && !empty_right
    });
    for cell in &mut draft.cells {
        if cell.col > right {
            cell.col -= 1;
        } else if cell.col == right {
            cell.col = left;
        } else if cell.col + cell.col_span > right {
            cell.col_span -= 1;
        }
    }
    draft.col_edges.remove(right);
    draft.n_cols -= 1;
    draft.cells.sort_by_key(|c| (c.row, c.col));
}

/// Merge every run of adjacent label-only columns that never share a row into one column.
pub(crate) fn merge_split_label_columns(draft: &mut TableDraft) {
    let mut left = 0;
    while left + 1 < draft.n_cols {
        if split_label_pair(draft, left) {
            merge_into_left(draft, left);
        } else {
            left += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page draft of three columns (edges 0, 10, 100, 200) holding `rows`.
    fn draft<const N: usize>(page: u32, rows: &[[&str; N]]) -> TableDraft {
        let cells = rows
            .iter()
            .enumerate()
            .flat_map(|(row, texts)| {
                texts.iter().enumerate().map(move |(col, text)| DraftCell {
                    row,
                    col,
                    row_span: 1,
                    col_span: 1,
                    text: (*text).into(),
                    bbox: [0.0; 4],
                    page,
                })
            })
            .collect();
        TableDraft {
            page,
            last_page: page,
            bbox: [0.0; 4],
            col_edges: vec![0.0, 10.0, 100.0, 200.0],
            n_rows: rows.len(),
            n_cols: N,
            cells,
        }
    }

    /// 广州市气象局 2026 表7 (p16): names printed in boxes indented by level.
    #[test]
    fn indented_boxes_are_one_label_column() {
        let rows = [
            ["", "部门预算支出经济科目", "预算"],
            ["", "合计", "1,505.38"],
            ["[302]商品和服务支出", "", "1,460.03"],
            ["[30205]水费", "", "18.50"],
        ];
        let mut draft = draft(16, &rows);
        merge_split_label_columns(&mut draft);
        assert_eq!(draft.n_cols, 2);
        assert_eq!(draft.row_texts(1), ["合计", "1,505.38"]);
        assert_eq!(draft.row_texts(2), ["[302]商品和服务支出", "1,460.03"]);
        assert_eq!(draft.col_edges, [0.0, 100.0, 200.0]);
    }

    /// A code column next to a name column shares its rows: two columns.
    #[test]
    fn codes_and_names_stay_apart() {
        let rows = [["科目编码", "科目名称", "合计"], ["", "合计", "7,651.71"], ["206", "科学技术支出", "53.44"]];
        let mut draft = draft(8, &rows);
        merge_split_label_columns(&mut draft);
        assert_eq!(draft.n_cols, 3);
    }
}

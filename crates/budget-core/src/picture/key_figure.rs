//! A key figure drawn where it was printed: its table cell and the number of its narrative
//! sentence, each boxed and labelled, with the caption saying whether the two agree.

use super::{Highlight, Role};
use crate::model::KeyFigure;

/// The boxes of a key figure: its table cell ([`Role::Table`], labelled `table: 4,749.30`) and its
/// number inside the narrative sentence ([`Role::Text`], narrowed to the printed number); only
/// those with a page box.
pub fn key_figure_highlights(figure: &KeyFigure) -> Vec<Highlight> {
    let mut marks = Vec::new();
    if let Some(cell) = &figure.table {
        if let (Some(page), Some(bbox)) = (cell.provenance.page, cell.provenance.bbox) {
            let label = format!("table: {}", cell.amount_printed);
            marks.push(Highlight { page, bbox, label, role: Role::Table, text: Some(cell.amount_printed.clone()) });
        }
    }
    if let Some(statement) = &figure.text {
        if let (Some(page), Some(bbox)) = (statement.provenance.page, statement.provenance.bbox) {
            let label = format!("text: {}", statement.amount_printed);
            let text = Some(statement.amount_printed.clone());
            marks.push(Highlight { page, bbox, label, role: Role::Text, text });
        }
    }
    marks
}

/// Whether a key figure's table and text values agree, in words: `agree`, `DIFFER`, `table only`,
/// `text only`.
pub fn agreement(figure: &KeyFigure) -> &'static str {
    match (figure.agree, figure.table.is_some(), figure.text.is_some()) {
        (Some(true), _, _) => "agree",
        (Some(false), _, _) => "DIFFER",
        (None, true, false) => "table only",
        (None, false, true) => "text only",
        (None, _, _) => "not compared",
    }
}

/// The caption of a key figure's picture: key, label, funds and phase; the table value and
/// where it is; the text value and its sentence; whether they agree.
pub fn key_figure_caption(figure: &KeyFigure) -> Vec<String> {
    let mut lines = vec![format!(
        "{} · {} · funds {} · {} · {}",
        figure.key,
        figure.label,
        figure.funds.as_str(),
        figure.phase.as_str(),
        agreement(figure)
    )];
    if let Some(cell) = &figure.table {
        lines.push(format!(
            "table: {} ({} 元) · table {} {} · {} | {} · {}",
            cell.amount_printed,
            cell.amount,
            cell.table_index,
            cell.table_kind.as_str(),
            cell.row,
            cell.measure,
            cell.provenance.location()
        ));
    }
    if let Some(statement) = &figure.text {
        lines.push(format!(
            "text: {} ({} 元) · {} · {}",
            statement.amount_printed,
            statement.amount,
            statement.sentence,
            statement.provenance.location()
        ));
    }
    lines
}

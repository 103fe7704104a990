//! The key figures of a report: the panel (table value, text value, agreement), then each figure
//! drawn where it was printed: the crop of its page(s) for PDFs, else its table row with the
//! cell highlighted and its sentence with the number marked.

use std::fmt::Write;

use super::findings::{cell_at, marked_sentence, table_html};
use super::{escape, grouped};
use crate::model::{Document, KeyFigure};
use crate::picture::{agreement, key_figure_highlights, PdfPages, Role};

pub(super) fn key_figures(html: &mut String, doc: &Document, pages: Option<&PdfPages>) {
    let figures = &doc.key_figures;
    let both = figures.iter().filter(|f| f.agree.is_some()).count();
    let differ = figures.iter().filter(|f| f.agree == Some(false)).count();
    let _ = write!(
        html,
        "<h2 id=\"key-figures\">Key figures ({})</h2><p>{both} stated by a table and the narrative, {differ} of them \
         differ.</p>",
        figures.len()
    );
    if figures.is_empty() {
        return;
    }
    html.push_str(
        "<p class=\"legend\"><span style=\"color:#7b3fb5\">■ table cell</span>\
         <span style=\"color:#0f8a8a\">■ number in the narrative</span></p><table class=\"key-figures\"><tr><th>key</th>\
         <th>label</th><th>funds</th><th>phase</th><th class=\"num\">amount (元)</th><th>table</th><th>text</th>\
         <th>agreement</th></tr>",
    );
    for (index, figure) in figures.iter().enumerate() {
        let table = figure.table.as_ref().map_or_else(String::new, |c| {
            format!(
                "<a href=\"#table-{}\">{}</a> <small>{}</small>",
                c.table_index,
                escape(&c.amount_printed),
                escape(&c.provenance.location())
            )
        });
        let text = figure.text.as_ref().map_or_else(String::new, |s| {
            format!("{} <small>{}</small>", escape(&s.amount_printed), escape(&s.provenance.location()))
        });
        let verdict = agreement(figure);
        let _ = write!(
            html,
            "<tr><td><a href=\"#figure-{index}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td>{table}</td><td>{text}</td><td class=\"agreement {}\">{verdict}</td></tr>",
            escape(figure.key.as_str()),
            escape(&figure.label),
            figure.funds.as_str(),
            figure.phase.as_str(),
            grouped(figure.amount),
            verdict.replace(' ', "_").to_lowercase()
        );
    }
    html.push_str("</table><h3>Where each figure is printed</h3>");
    for (index, figure) in figures.iter().enumerate() {
        let open = if figure.agree.is_some() { " open" } else { "" };
        let _ = write!(
            html,
            "<details{open} class=\"figure\" id=\"figure-{index}\"><summary>{} · {} · {} · {} · {}</summary>",
            escape(figure.key.as_str()),
            escape(&figure.label),
            figure.funds.as_str(),
            figure.phase.as_str(),
            agreement(figure)
        );
        if let Some(picture) = figure_picture(doc, figure, pages) {
            let _ = write!(html, "<div class=\"picture\">{picture}</div>");
        }
        html.push_str("</details>");
    }
}

/// A key figure's picture: the crop of its page(s) with both values boxed (PDF), else its table
/// row with the cell highlighted and its sentence with the number marked.
pub(super) fn figure_picture(doc: &Document, figure: &KeyFigure, pages: Option<&PdfPages>) -> Option<String> {
    if let Some(svg) = pages.and_then(|p| p.crop_svg(&key_figure_highlights(figure), &[])) {
        return Some(svg);
    }
    let mut out = String::new();
    if let Some(cell) = &figure.table {
        if let Some(table) = doc.tables.get(cell.table_index) {
            let place = doc.line_items.get(cell.line_item).map(|item| &item.provenance).unwrap_or(&cell.provenance);
            if let Some((r, c)) = cell_at(table, place, &cell.measure, &cell.amount_printed) {
                let _ = write!(
                    out,
                    "<div>table {}: {} <small>({})</small></div>",
                    cell.table_index,
                    escape(table.title.as_deref().unwrap_or("")),
                    escape(&cell.provenance.location())
                );
                out.push_str(&table_html(table, &[(r, c, Role::Table)]));
            }
        }
    }
    if let Some(statement) = &figure.text {
        let _ = write!(
            out,
            "<blockquote>{} <small>({})</small></blockquote>",
            marked_sentence(&statement.sentence, &statement.amount_printed, Role::Text),
            escape(&statement.provenance.location())
        );
    }
    (!out.is_empty()).then_some(out)
}

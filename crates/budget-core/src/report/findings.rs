//! The findings of a report, grouped by status, each with its picture: the crop of its page(s)
//! for PDFs, the cited rows of its tables (cells highlighted) or its sentence otherwise.

use std::fmt::Write;

use super::{escape, STATUS_ORDER};
use crate::model::{Document, Table};
use crate::picture::{finding_highlights, PdfPages, Role};
use crate::provenance::Provenance;
use crate::validate::{Finding, FindingStatus, NumberRef};

pub(super) fn findings(html: &mut String, doc: &Document, pages: Option<&PdfPages>) {
    let _ = write!(html, "<h2 id=\"findings\">Findings ({})</h2>", doc.findings.len());
    html.push_str(
        "<p class=\"legend\"><span style=\"color:#d62728\">■ expected</span><span style=\"color:#1f5fd6\">■ actual</span>\
         <span style=\"color:#e07b00\">■ part</span><span style=\"color:#2ca02c\">■ other cited value</span></p>",
    );
    for status in STATUS_ORDER {
        let of_status: Vec<(usize, &Finding)> =
            doc.findings.iter().enumerate().filter(|(_, f)| f.status == status).collect();
        if of_status.is_empty() {
            continue;
        }
        let open = if matches!(status, FindingStatus::Fail | FindingStatus::Warn) { " open" } else { "" };
        let _ = write!(
            html,
            "<details{open} class=\"status-group\" id=\"status-{0}\"><summary><span class=\"status {0}\">{0}</span> {1}</summary>",
            status.as_str(),
            of_status.len()
        );
        for (index, finding) in of_status {
            finding_section(html, doc, index, finding, pages);
        }
        html.push_str("</details>");
    }
}

pub(super) fn finding_section(
    html: &mut String,
    doc: &Document,
    index: usize,
    finding: &Finding,
    pages: Option<&PdfPages>,
) {
    let _ = write!(
        html,
        "<section class=\"finding\" id=\"finding-{index}\" data-status=\"{0}\"><div><span class=\"status {0}\">{0}</span> \
         <b>{1}</b> <small>({2})</small></div><div class=\"msg\">{3}</div><div class=\"msg en\">{4}</div>",
        finding.status.as_str(),
        escape(&finding.rule),
        escape(&finding.family),
        escape(&finding.message_zh),
        escape(&finding.message_en)
    );
    if !finding.numbers.is_empty() {
        let many = finding.numbers.len() > 8;
        if many {
            let _ = write!(html, "<details><summary>{} numbers</summary>", finding.numbers.len());
        }
        html.push_str("<table class=\"numbers\"><tr><th>role</th><th>label</th><th>printed</th><th>where</th></tr>");
        for n in &finding.numbers {
            let _ = write!(
                html,
                "<tr><td class=\"{}\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                Role::of_number(&n.role).as_str(),
                escape(&n.role),
                escape(&n.label),
                escape(&n.amount_printed),
                escape(&n.provenance.location())
            );
        }
        html.push_str("</table>");
        if many {
            html.push_str("</details>");
        }
        let picture = match pages {
            Some(pages) => pages.crop_svg(&finding_highlights(finding), &[]),
            None => native_picture(doc, finding),
        };
        if let Some(picture) = picture {
            let _ = write!(html, "<div class=\"picture\">{picture}</div>");
        }
    }
    html.push_str("</section>");
}

/// For formats without pages: the cited rows of each cited table, and the cited sentences.
fn native_picture(doc: &Document, finding: &Finding) -> Option<String> {
    let mut out = String::new();
    let mut tables: Vec<usize> = finding.numbers.iter().filter_map(|n| n.table_index).collect();
    tables.sort_unstable();
    tables.dedup();
    for index in tables {
        let Some(table) = doc.tables.get(index) else { continue };
        let cited: Vec<(usize, usize, Role)> = finding
            .numbers
            .iter()
            .filter(|n| n.table_index == Some(index))
            .filter_map(|n| cell_of(table, n).map(|(r, c)| (r, c, Role::of_number(&n.role))))
            .collect();
        if cited.is_empty() {
            continue;
        }
        let _ = write!(out, "<div>table {index}: {}</div>", escape(table.title.as_deref().unwrap_or("")));
        out.push_str(&table_html(table, &cited));
    }
    for n in finding.numbers.iter().filter(|n| n.fact_index.is_some()) {
        let Some(fact) = n.fact_index.and_then(|i| doc.facts.get(i)) else { continue };
        let marked = marked_sentence(&fact.sentence, &n.amount_printed, Role::of_number(&n.role));
        let _ =
            write!(out, "<blockquote>{marked} <small>({})</small></blockquote>", escape(&fact.provenance.location()));
    }
    (!out.is_empty()).then_some(out)
}

/// `sentence` escaped, with the first place `printed` appears in it marked in the colour of `role`.
pub(super) fn marked_sentence(sentence: &str, printed: &str, role: Role) -> String {
    let printed = printed.trim();
    let sentence = escape(sentence);
    match (!printed.is_empty()).then(|| escape(printed)) {
        Some(p) if sentence.contains(&p) => {
            sentence.replacen(&p, &format!("<mark class=\"{}\">{p}</mark>", role.as_str()), 1)
        }
        _ => sentence,
    }
}

/// Whether `number` is printed in the row whose provenance is `row`.
fn same_row(row: &Provenance, number: &Provenance) -> bool {
    match (row.table_cell, number.table_cell) {
        (Some([t, r, _]), Some([nt, nr, _])) => t == nt && r == nr,
        _ if row.sheet.is_some() => row.sheet == number.sheet && row.line_start == number.line_start,
        _ => number.line_start >= row.line_start && number.line_start <= row.line_end.max(row.line_start),
    }
}

/// The body row and column of `table` where `number` is printed, if found.
fn cell_of(table: &Table, number: &NumberRef) -> Option<(usize, usize)> {
    let measure = number.label.rsplit(" | ").next().unwrap_or("");
    cell_at(table, &number.provenance, measure, &number.amount_printed)
}

/// The body row and column of `table` where `printed` is printed in the row at `provenance`
/// (under the column `measure` when several cells of the row print it), if found.
pub(super) fn cell_at(table: &Table, provenance: &Provenance, measure: &str, printed: &str) -> Option<(usize, usize)> {
    let printed = printed.trim();
    table.row_provenance.iter().enumerate().filter(|(_, p)| same_row(p, provenance)).find_map(|(r, _)| {
        let row = table.rows.get(r)?;
        let matching: Vec<usize> = (0..row.len()).filter(|&c| row[c].trim() == printed).collect();
        let by_measure = matching.iter().copied().find(|&c| table.columns.get(c).is_some_and(|h| h == measure));
        by_measure.or_else(|| matching.first().copied()).map(|c| (r, c))
    })
}

/// A table as HTML: the header paths, then the body rows (only the cited ones when any are
/// cited), cited cells highlighted in the colour of their role.
pub(super) fn table_html(table: &Table, cited: &[(usize, usize, Role)]) -> String {
    table_rows_html(table, cited, !cited.is_empty())
}

/// The cells of `table` the document's failed and warned findings cite (in the colour of their
/// role) and its key figures' cells ([`Role::Table`]), for the tables of formats without pages.
pub(super) fn cited_cells(doc: &Document, index: usize) -> Vec<(usize, usize, Role)> {
    let Some(table) = doc.tables.get(index) else { return Vec::new() };
    let mut cited: Vec<(usize, usize, Role)> = doc
        .findings
        .iter()
        .filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Warn))
        .flat_map(|f| f.numbers.iter())
        .filter(|n| n.table_index == Some(index))
        .filter_map(|n| cell_of(table, n).map(|(r, c)| (r, c, Role::of_number(&n.role))))
        .collect();
    for cell in doc.key_figures.iter().filter_map(|f| f.table.as_ref()).filter(|c| c.table_index == index) {
        let place = doc.line_items.get(cell.line_item).map_or(&cell.provenance, |item| &item.provenance);
        if let Some((r, c)) = cell_at(table, place, &cell.measure, &cell.amount_printed) {
            if !cited.iter().any(|(cr, cc, _)| (*cr, *cc) == (r, c)) {
                cited.push((r, c, Role::Table));
            }
        }
    }
    cited
}

/// A table as HTML, every body row (`only_cited` false) or only the rows of `cited` cells, the
/// cited cells highlighted in the colour of their role.
pub(super) fn table_rows_html(table: &Table, cited: &[(usize, usize, Role)], only_cited: bool) -> String {
    let mut html = String::from("<table class=\"native\"><tr><th>#</th>");
    for column in &table.columns {
        let _ = write!(html, "<th>{}</th>", escape(column));
    }
    html.push_str("</tr>");
    for (r, row) in table.rows.iter().enumerate() {
        if only_cited && !cited.iter().any(|(cr, _, _)| *cr == r) {
            continue;
        }
        let place = table.row_provenance.get(r).map(Provenance::location).unwrap_or_default();
        let _ = write!(html, "<tr><td title=\"{}\">{}</td>", escape(&place), r + 1);
        for (c, text) in row.iter().enumerate() {
            match cited.iter().find(|(cr, cc, _)| *cr == r && *cc == c) {
                Some((_, _, role)) => {
                    let _ = write!(html, "<td class=\"cited {}\">{}</td>", role.as_str(), escape(text));
                }
                None => {
                    let _ = write!(html, "<td>{}</td>", escape(text));
                }
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    html
}

//! One self-contained HTML report per document: identity, key figures, tables by kind, findings
//! grouped by status, each figure and finding drawn on its page (PDF) or in its table (other
//! formats). Inline SVG and
//! CSS only: no script, no network, no font shipped (the browser's CJK fonts draw the text).
//!
//! ```
//! let text = "单位预算支出总表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t2101202\n\t财政对城乡居民基本医疗保险基金的补助\n\t4749.30\n";
//! let doc = budget_core::parse_bytes("demo.txt", text.as_bytes()).unwrap();
//! let html = budget_core::report::document_html(&doc, None);
//! assert!(html.starts_with("<!DOCTYPE html>") && html.contains("4749.30"));
//! ```

mod corpus;
mod findings;
mod key_figures;

pub use corpus::{corpus_html, headline_figure, write_corpus_report, CorpusEntry, INDEX_KEYS};

use std::fmt::Write;

use crate::model::{Document, Table, TableKind};
use crate::picture::{table_highlights, PdfPages};
use crate::validate::FindingStatus;

pub(crate) use crate::picture::escape;

/// The order findings are listed in: what needs a look first.
pub const STATUS_ORDER: [FindingStatus; 5] = [
    FindingStatus::Fail,
    FindingStatus::Warn,
    FindingStatus::InsufficientData,
    FindingStatus::Pass,
    FindingStatus::NotApplicable,
];

pub(crate) const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC',\
'Microsoft YaHei','PingFang SC',sans-serif;margin:24px;color:#111;max-width:1400px}\
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}\
h3{font-size:15px;margin:18px 0 6px}table{border-collapse:collapse;font-size:13px;margin:6px 0}\
td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}th{background:#f2f2f2;text-align:left}\
.finding{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0;background:#fafafa}\
.finding .msg{margin:4px 0}.finding .en{color:#555;font-size:13px}\
.status{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:bold}\
.fail{background:#d62728}.warn{background:#e07b00}.insufficient_data{background:#8c6d31}.pass{background:#2ca02c}\
.not_applicable{background:#888}.picture{overflow-x:auto;margin-top:6px}\
td.cited{outline:2px solid currentColor;font-weight:bold}td.expected{color:#d62728;background:#fde8e8}\
td.actual{color:#1f5fd6;background:#e6eefc}td.part{color:#b35f00;background:#fdf0e0}td.cell{color:#2ca02c}\
mark.expected{background:#fde8e8;color:#d62728}mark.actual{background:#e6eefc;color:#1f5fd6}\
mark.part{background:#fdf0e0;color:#b35f00}.legend span{margin-right:12px;font-size:12px}\
details>summary{cursor:pointer;font-weight:bold;margin:8px 0}.num{text-align:right}\
td.table{color:#7b3fb5;background:#f1e8fa}td.text{color:#0f8a8a;background:#e3f4f4}\
mark.table{background:#f1e8fa;color:#7b3fb5}mark.text{background:#e3f4f4;color:#0f8a8a}\
td.agreement.differ{color:#d62728;font-weight:bold}td.agreement.agree{color:#2ca02c}\
nav.toc a{margin-right:14px}details.figure{margin:2px 0}details.figure>summary{font-weight:normal;font-size:14px;margin:2px 0}";

/// An amount with its integer digits grouped by thousands: `29953900.00` → `29,953,900.00`.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(budget_core::report::grouped(Decimal::new(2995390000, 2)), "29,953,900.00");
/// assert_eq!(budget_core::report::grouped(Decimal::new(-95, 1)), "-9.5");
/// ```
pub fn grouped(amount: rust_decimal::Decimal) -> String {
    let text = amount.to_string();
    let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').map_or((digits, None), |(w, f)| (w, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// The report of one document. `data` is the file's bytes: for a PDF the findings and tables are
/// drawn on their pages; without it (or for other formats) the tables are HTML tables with the
/// cited cells highlighted.
pub fn document_html(doc: &Document, data: Option<&[u8]>) -> String {
    let pages = if doc.format == "pdf" { data.and_then(|d| PdfPages::read(d).ok()) } else { None };
    document_html_with_pages(doc, pages.as_ref())
}

/// The report of one document, drawn on `pages` (the document's PDF pages, read once by the
/// caller) or, without them, with HTML tables.
pub fn document_html_with_pages(doc: &Document, pages: Option<&PdfPages>) -> String {
    let title = doc.meta.title.clone().unwrap_or_else(|| doc.source.clone());
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style>\
         </head><body><h1>{}</h1><nav class=\"toc\"><a href=\"#identity\">Identity</a>\
         <a href=\"#key-figures\">Key figures</a><a href=\"#tables\">Tables</a><a href=\"#findings\">Findings</a></nav>",
        escape(&title),
        escape(&title)
    );
    identity(&mut html, doc);
    key_figures::key_figures(&mut html, doc, pages);
    tables(&mut html, doc, pages);
    findings::findings(&mut html, doc, pages);
    html.push_str("</body></html>\n");
    html
}

/// Key figure `index` (of [`Document::key_figures`]) as an HTML fragment (with its style): the
/// crop of its page(s) with its table cell and narrative number boxed when `pages` is given,
/// else its table row and sentence. Empty when there is no figure `index`.
pub fn key_figure_html(doc: &Document, index: usize, pages: Option<&PdfPages>) -> String {
    let Some(figure) = doc.key_figures.get(index) else { return String::new() };
    let mut html = format!("<div class=\"cnbudget\"><style>{STYLE}</style>");
    for line in crate::picture::key_figure_caption(figure) {
        let _ = write!(html, "<div>{}</div>", escape(&line));
    }
    if let Some(picture) = key_figures::figure_picture(doc, figure, pages) {
        html.push_str(&picture);
    }
    html.push_str("</div>");
    html
}

/// One finding as an HTML fragment (with its style): status, rule, messages, the numbers used
/// and where they are, and its picture (the page crop when `pages` is given, else its table
/// rows or sentence). Empty when there is no finding `index`.
pub fn finding_html(doc: &Document, index: usize, pages: Option<&PdfPages>) -> String {
    let Some(finding) = doc.findings.get(index) else { return String::new() };
    let mut html = format!("<div class=\"cnbudget\"><style>{STYLE}</style>");
    findings::finding_section(&mut html, doc, index, finding, pages);
    html.push_str("</div>");
    html
}

/// A table as an HTML fragment: its header paths and body rows as printed.
pub fn table_html(table: &Table) -> String {
    format!("<div class=\"cnbudget\"><style>{STYLE}</style>{}</div>", findings::table_html(table, &[]))
}

fn identity(html: &mut String, doc: &Document) {
    let m = &doc.meta;
    let counts = STATUS_ORDER
        .iter()
        .map(|s| format!("{} {}", doc.findings.iter().filter(|f| f.status == *s).count(), s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let rows: [(&str, Option<String>); 12] = [
        ("source", Some(doc.source.clone())),
        (
            "format",
            Some(if doc.encoding.is_empty() {
                doc.format.clone()
            } else {
                format!("{} ({})", doc.format, doc.encoding)
            }),
        ),
        ("agency", m.agency.clone()),
        ("agency code", m.agency_code.clone()),
        ("region", m.region.as_ref().map(|r| format!("{r} ({})", m.adcode.as_deref().unwrap_or("?")))),
        ("year", m.year.map(|y| y.to_string())),
        ("kind", m.kind.map(|k| k.as_str().to_string())),
        ("scope", m.scope.map(|s| s.as_str().to_string())),
        ("unit", m.unit.map(|u| u.as_str().to_string())),
        ("tables / line items", Some(format!("{} / {}", doc.tables.len(), doc.line_items.len()))),
        ("facts / indicators", Some(format!("{} / {}", doc.facts.len(), doc.indicators.len()))),
        ("findings", Some(counts)),
    ];
    html.push_str("<h2 id=\"identity\">Identity</h2><table class=\"identity\">");
    for (key, value) in rows {
        let _ = write!(html, "<tr><th>{key}</th><td>{}</td></tr>", escape(value.as_deref().unwrap_or("—")));
    }
    html.push_str("</table>");
}

fn tables(html: &mut String, doc: &Document, pages: Option<&PdfPages>) {
    let _ = write!(html, "<h2 id=\"tables\">Tables ({})</h2>", doc.tables.len());
    for kind in TableKind::ALL {
        let of_kind: Vec<_> = doc.tables.iter().filter(|t| t.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = write!(html, "<h3>{} ({})</h3>", kind.as_str(), of_kind.len());
        for table in of_kind {
            let items = doc.line_items.iter().filter(|i| i.table_index == table.index).count();
            let place = table.provenance.location();
            let _ = write!(
                html,
                "<details id=\"table-{}\"><summary>table {} · {} · {} rows · {items} line items{}{}</summary>",
                table.index,
                table.index,
                escape(table.title.as_deref().unwrap_or("(untitled)")),
                table.rows.len(),
                table.unit.map(|u| format!(" · 单位：{}", u.as_str())).unwrap_or_default(),
                if place.is_empty() { String::new() } else { format!(" · {}", escape(&place)) },
            );
            let marks = table_highlights(doc, table.index);
            let picture = pages.and_then(|p| {
                let first = table.provenance.page?;
                let on_first: Vec<_> = marks.iter().filter(|h| h.page == first).cloned().collect();
                p.page_svg(first, &on_first)
            });
            match picture {
                Some(svg) => {
                    let _ = write!(html, "<div class=\"picture\">{svg}</div>");
                }
                None => {
                    let cited = findings::cited_cells(doc, table.index);
                    html.push_str(&findings::table_rows_html(table, &cited, false));
                }
            }
            html.push_str("</details>");
        }
    }
}

//! The corpus form of the report: one page per document and an index with one row per
//! document linking to it.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::{document_html, escape, grouped, STATUS_ORDER, STYLE};
use crate::model::{Document, DocumentKind, FactKey, Funds, KeyFigure, Phase};

/// The key figures the corpus index shows, one column each (in 万元).
pub const INDEX_KEYS: [FactKey; 5] = [
    FactKey::IncomeTotal,
    FactKey::ExpenditureTotal,
    FactKey::BasicExpenditure,
    FactKey::ProjectExpenditure,
    FactKey::ThreePublicTotal,
];

/// One row of the corpus index.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEntry {
    /// The file, as given.
    pub path: String,
    /// The document's report, relative to the index (`None` when the file failed).
    pub href: Option<String>,
    /// Title, agency, region, year, kind (empty when unknown).
    pub identity: [String; 5],
    /// Findings by status, in [`STATUS_ORDER`].
    pub counts: [usize; 5],
    /// Tables and line items.
    pub tables: usize,
    /// Line items.
    pub line_items: usize,
    /// Why the file could not be parsed.
    pub error: Option<String>,
    /// The amounts (元) of [`INDEX_KEYS`]: the figure of the document's own year and kind
    /// (决算数 in a 决算, 预算数 in a 预算), all funds before fiscal grants before the budgets.
    pub key_figures: [Option<Decimal>; 5],
}

/// The figure of `key` a cross-document panel shows for `doc`: this year's (决算数 in a 决算,
/// 预算数 otherwise), of all funds if stated, else of the narrowest money stated.
pub fn headline_figure(doc: &Document, key: FactKey) -> Option<&KeyFigure> {
    let own = if doc.meta.kind == Some(DocumentKind::FinalAccount) { Phase::Actual } else { Phase::Budget };
    let phase_rank = |p: Phase| {
        if p == own {
            0
        } else if p == Phase::PreviousYear {
            2
        } else {
            1
        }
    };
    let funds_rank = |f: Funds| {
        [Funds::All, Funds::FiscalGrants, Funds::GeneralBudget, Funds::GovFund, Funds::StateCapital]
            .iter()
            .position(|x| *x == f)
            .unwrap_or(5)
    };
    doc.key_figures
        .iter()
        .filter(|f| f.key == key && f.phase != Phase::PreviousYear)
        .min_by_key(|f| (phase_rank(f.phase), funds_rank(f.funds)))
}

impl CorpusEntry {
    /// The index row of a parsed document whose report is at `href`.
    pub fn of(doc: &Document, path: &str, href: &str) -> CorpusEntry {
        let m = &doc.meta;
        let text = |v: Option<&str>| v.unwrap_or("").to_string();
        CorpusEntry {
            path: path.to_string(),
            href: Some(href.to_string()),
            identity: [
                text(m.title.as_deref()),
                text(m.agency.as_deref()),
                text(m.region.as_deref()),
                m.year.map(|y| y.to_string()).unwrap_or_default(),
                text(m.kind.map(|k| k.as_str())),
            ],
            counts: STATUS_ORDER.map(|s| doc.findings.iter().filter(|f| f.status == s).count()),
            tables: doc.tables.len(),
            line_items: doc.line_items.len(),
            error: None,
            key_figures: INDEX_KEYS.map(|key| headline_figure(doc, key).map(|f| f.amount)),
        }
    }
}

/// An amount in 元 as 万元 with two decimals (`12082000` → `1208.20`).
fn wan_yuan(amount: Decimal) -> Decimal {
    let mut wan = (amount / Decimal::from(10_000)).round_dp(2);
    wan.rescale(2);
    wan
}

/// The column headers of [`INDEX_KEYS`], as printed in disclosures.
const INDEX_HEADERS: [&str; 5] = ["收入总计", "支出总计", "基本支出", "项目支出", "“三公”经费"];

/// The index page: one row per document (its title linking to its report, the file name under
/// it), identity, headline figures in 万元 and findings by status.
pub fn corpus_html(entries: &[CorpusEntry]) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>cnbudget report: {} documents</title>\
         <style>{STYLE}table.corpus{{font-size:12px}}table.corpus td.doc{{min-width:17em}}table.corpus td.num,\
         table.corpus th.num{{white-space:nowrap}}table.corpus td.doc small{{color:#777}}table.corpus td.agency{{min-width:8em}}\
         </style></head><body><h1>cnbudget report: {} documents</h1><p>Headline figures in 万元: this year's \
         (预算数 in a 预算, 决算数 in a 决算), all funds where stated.</p><table class=\"corpus\"><tr>\
         <th>document</th><th>agency</th><th>region</th><th>year</th><th>kind</th><th class=\"num\">tables / items</th>",
        entries.len(),
        entries.len()
    );
    for (key, header) in INDEX_KEYS.iter().zip(INDEX_HEADERS) {
        let _ = write!(html, "<th class=\"num\" title=\"{key}\">{header}</th>");
    }
    for status in STATUS_ORDER {
        // `insufficient data`, `not applicable`: headers that may wrap, so the row fits a window.
        let _ = write!(
            html,
            "<th><span class=\"status {}\">{}</span></th>",
            status.as_str(),
            status.as_str().replace('_', " ")
        );
    }
    html.push_str("</tr>");
    for entry in entries {
        let name = Path::new(&entry.path).file_name().map_or(entry.path.clone(), |n| n.to_string_lossy().into_owned());
        let title = if entry.identity[0].is_empty() { name.clone() } else { entry.identity[0].clone() };
        let link = match &entry.href {
            Some(href) => format!("<a href=\"{}\">{}</a>", escape(href), escape(&title)),
            None => escape(&title),
        };
        let _ = write!(html, "<tr><td class=\"doc\">{link}<br><small>{}</small></td>", escape(&name));
        if let Some(error) = &entry.error {
            let _ = write!(html, "<td colspan=\"15\">error: {}</td></tr>", escape(error));
            continue;
        }
        let _ = write!(html, "<td class=\"agency\">{}</td>", escape(&entry.identity[1]));
        for value in &entry.identity[2..] {
            let _ = write!(html, "<td>{}</td>", escape(value));
        }
        let _ = write!(html, "<td class=\"num\">{} / {}</td>", entry.tables, entry.line_items);
        for amount in &entry.key_figures {
            let shown = amount.map(|a| grouped(wan_yuan(a))).unwrap_or_default();
            let _ = write!(html, "<td class=\"num\">{shown}</td>");
        }
        for count in entry.counts {
            let _ = write!(html, "<td class=\"num\">{count}</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</table></body></html>\n");
    html
}

/// Every regular file under `dir` (recursively, sorted, hidden entries skipped).
fn files_under(dir: &Path, skip: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden || (path.is_dir() && path.canonicalize().is_ok_and(|p| p == skip)) {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Write the report of every file under `dir` into `out_dir` (`NNNN_name.html`, one per file)
/// and `index.html` linking them; a file that cannot be parsed gets an index row with its error.
/// Returns the index rows.
///
/// # Errors
/// When `dir` cannot be listed or `out_dir` cannot be written.
pub fn write_corpus_report(dir: &Path, out_dir: &Path) -> std::io::Result<Vec<CorpusEntry>> {
    std::fs::create_dir_all(out_dir)?;
    let skip = out_dir.canonicalize()?;
    let files = files_under(dir, &skip)?;
    let mut entries = Vec::with_capacity(files.len());
    for (number, path) in files.iter().enumerate() {
        let shown = path.to_string_lossy().into_owned();
        let parsed = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|data| crate::parse_bytes(&shown, &data).map(|doc| (doc, data)).map_err(|e| e.to_string()));
        match parsed {
            Ok((doc, data)) => {
                let stem = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                let href =
                    format!("{:04}_{}.html", number + 1, stem.replace(['/', '\\', '"', '<', '>', '#', '?'], "_"));
                std::fs::write(out_dir.join(&href), document_html(&doc, Some(&data)))?;
                entries.push(CorpusEntry::of(&doc, &shown, &href));
            }
            Err(error) => entries.push(CorpusEntry {
                path: shown,
                href: None,
                identity: Default::default(),
                counts: [0; 5],
                tables: 0,
                line_items: 0,
                error: Some(error),
                key_figures: [None; 5],
            }),
        }
    }
    std::fs::write(out_dir.join("index.html"), corpus_html(&entries))?;
    Ok(entries)
}

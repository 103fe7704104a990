//! `cnbudget.Document`: one parsed disclosure.

use budget_core::Document;
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use crate::meta::PyMeta;
use crate::table::PyTable;
use crate::{display, error, frames, key_figure_frames, narrative_frames, picture};

/// One parsed disclosure: meta, tables, line items, residual blocks and warnings.
///
/// The second field keeps the bytes of a PDF given to `parse_bytes`, for page pictures (a PDF
/// read from a path is re-read from it when a picture is asked for); the third keeps the PDF's
/// pages once a picture has read them, so that later pictures do not read the PDF again.
#[pyclass(frozen, module = "cnbudget._native", name = "Document")]
pub struct PyDocument(pub Document, pub Option<std::sync::Arc<[u8]>>, pub picture::PageCache);

impl From<Document> for PyDocument {
    fn from(doc: Document) -> Self {
        PyDocument(doc, None, picture::PageCache::default())
    }
}

#[pymethods]
impl PyDocument {
    /// Name of the source (file path or the `name` given to `parse_bytes`).
    #[getter]
    fn source(&self) -> String {
        self.0.source.clone()
    }

    /// The format the document was read from (`tika_text`, `markdown`, `plain_text`, …).
    #[getter]
    fn format(&self) -> String {
        self.0.format.clone()
    }

    /// The encoding the bytes were decoded from (`UTF-8`, `GB18030`, …).
    #[getter]
    fn encoding(&self) -> String {
        self.0.encoding.clone()
    }

    /// Title, agency, year, kind, scope and unit.
    #[getter]
    fn meta(&self) -> PyMeta {
        PyMeta(self.0.meta.clone())
    }

    /// Every table found, in document order.
    #[getter]
    fn tables(slf: Bound<'_, Self>) -> Vec<PyTable> {
        let doc = slf.clone().unbind();
        slf.get().0.tables.iter().map(|t| PyTable(t.clone(), Some(doc.clone_ref(slf.py())))).collect()
    }

    /// One row per table of `tables`: index, kind, title, unit, declared_empty, n_rows, n_columns,
    /// line_start, line_end (the columns of `Corpus.tables_frame` after `document_id`).
    #[getter]
    fn tables_frame(&self) -> PyResult<PyDataFrame> {
        crate::corpus::tables_frame(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// One row per (table row, measure) of every money table; amounts in 元 as Decimal(38, 6).
    #[getter]
    fn line_items(&self) -> PyResult<PyDataFrame> {
        frames::line_items(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// Numbers stated in narrative sentences: key, label, value, unit, amount_yuan, year, period,
    /// change, change_rate, reason, code, code_scheme, sentence, provenance.
    #[getter]
    fn facts(&self) -> PyResult<PyDataFrame> {
        narrative_frames::facts(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// Performance targets (绩效指标): scope, project, level1, level2, name, operator, target, unit,
    /// target_printed, weight, grades, basis, provenance.
    #[getter]
    fn indicators(&self) -> PyResult<PyDataFrame> {
        narrative_frames::indicators(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// Validation findings: rule, family, status, expected, actual, difference, tolerance (in 元),
    /// messages in Chinese and English, the numbers used, provenance of the first one.
    #[getter]
    fn findings(&self) -> PyResult<PyDataFrame> {
        narrative_frames::findings(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// The headline figures, one row per (key, funds, phase): key, label, funds, phase, amount (元),
    /// amount_printed, source (`table` / `text` / `both`), agree, the table cell (table_amount,
    /// table_index, table_kind, row, measure, page) and the narrative sentence (text_amount,
    /// text_label, fact_index, sentence, text_page).
    #[getter]
    fn key_figures(&self) -> PyResult<PyDataFrame> {
        key_figure_frames::key_figures(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// A text summary of the findings: counts by status, then each failed or warned finding
    /// with its numbers side by side.
    fn summary(&self) -> String {
        self.0.summary()
    }

    /// Blocks nothing consumed: kind, text, line_start, line_end, page.
    #[getter]
    fn residual(&self) -> PyResult<PyDataFrame> {
        frames::residual(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// Things noticed while parsing: code, message, line_start, line_end, page.
    #[getter]
    fn warnings(&self) -> PyResult<PyDataFrame> {
        frames::warnings(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    /// The whole document as JSON (amounts as exact decimal strings).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| error::json_error(&e))
    }

    /// Page `number` (1-based) of a PDF drawn from cnbudget's own layout layer, as SVG: its
    /// characters, ruling lines and table grids, with `highlights` (`((x0, y0, x1, y1), label)`
    /// boxes in points) drawn over it. Shows itself in Jupyter; `.save("p.svg")`.
    #[pyo3(signature = (number, highlights = None))]
    fn page(
        &self,
        py: Python<'_>,
        number: u32,
        highlights: Option<Vec<([f32; 4], String)>>,
    ) -> PyResult<picture::PyPicture> {
        picture::page(py, self, number, highlights.unwrap_or_default())
    }

    /// The findings as objects (same order as the rows of `findings`), each with `show()`.
    #[getter]
    fn findings_list(slf: Bound<'_, Self>) -> Vec<picture::PyFinding> {
        let n = slf.get().0.findings.len();
        (0..n).map(|i| picture::PyFinding::new(slf.clone().unbind(), i)).collect()
    }

    /// Finding `index` (a row of `findings`) drawn on its page, its numbers boxed.
    fn show_finding(&self, py: Python<'_>, index: usize) -> PyResult<picture::PyPicture> {
        picture::finding(py, self, index)
    }

    /// Table `index` drawn: its first page with the cells of its line items boxed (PDF), else
    /// the table as HTML.
    fn show_table(&self, py: Python<'_>, index: usize) -> PyResult<picture::PyPicture> {
        picture::table(py, self, index)
    }

    /// The self-contained HTML report: identity, findings by status each on its page crop,
    /// tables by kind (what `cnbudget report FILE` writes).
    fn report_html(&self, py: Python<'_>) -> PyResult<String> {
        picture::report(py, self)
    }

    /// Key figure `key` drawn where it was printed: its table cell and the number in its narrative
    /// sentence boxed on their page crops (PDF), else its table row and sentence, under a caption
    /// with both values and whether they agree. `key` is a key (`income_total`, narrowed by `funds`
    /// and `phase` as in the `key_figures` frame; the first match) or a row of `key_figures`.
    #[pyo3(signature = (key, funds = None, phase = None))]
    fn show_key_figure(
        &self,
        py: Python<'_>,
        key: picture::FigureKey,
        funds: Option<String>,
        phase: Option<String>,
    ) -> PyResult<picture::PyPicture> {
        let index = picture::key_figure_index(&self.0, &key, funds.as_deref(), phase.as_deref())?;
        picture::key_figure(py, self, index)
    }

    fn __repr__(&self) -> String {
        let d = &self.0;
        let m = &d.meta;
        format!(
            "Document(source={}, title={}, year={}, kind={}, unit={}, tables={}, line_items={}, residual={}, \
             warnings={})",
            display::repr_str(&d.source),
            display::repr_opt(m.title.as_deref()),
            m.year.map_or_else(|| "None".to_string(), |y| y.to_string()),
            display::repr_opt(m.kind.map(|k| k.as_str())),
            display::repr_opt(m.unit.map(|u| u.as_str())),
            d.tables.len(),
            d.line_items.len(),
            d.residual.len(),
            d.warnings.len(),
        )
    }

    fn _repr_html_(&self) -> String {
        let d = &self.0;
        let m = &d.meta;
        let rows = [
            ("source", Some(d.source.clone())),
            ("title", m.title.clone()),
            ("agency", m.agency.clone()),
            ("year", m.year.map(|y| y.to_string())),
            ("kind", m.kind.map(|k| k.as_str().to_string())),
            ("unit", m.unit.map(|u| u.as_str().to_string())),
            ("tables", Some(d.tables.len().to_string())),
            ("region", m.region.as_ref().map(|r| format!("{r} ({})", m.adcode.as_deref().unwrap_or("?")))),
            ("line items", Some(d.line_items.len().to_string())),
            ("facts", Some(d.facts.len().to_string())),
            ("indicators", Some(d.indicators.len().to_string())),
            ("findings", Some(findings_counts(d))),
            ("residual blocks", Some(d.residual.len().to_string())),
            ("warnings", Some(d.warnings.len().to_string())),
        ];
        let mut html = display::key_value_table("cnbudget.Document", &rows);
        html.push_str(&failed_findings_html(d));
        html
    }
}

/// The failed and warned findings with their numbers side by side, for notebooks.
fn failed_findings_html(doc: &Document) -> String {
    use budget_core::validate::FindingStatus::{Fail, Warn};
    let shown = |v: Option<rust_decimal::Decimal>| v.map_or_else(String::new, |v| v.to_string());
    let rows: Vec<Vec<String>> = doc
        .findings
        .iter()
        .filter(|f| matches!(f.status, Fail | Warn))
        .map(|f| {
            let numbers = f.numbers.iter().map(|n| format!("{} = {}", n.label, n.amount_printed)).collect::<Vec<_>>();
            vec![
                f.status.as_str().to_string(),
                f.rule.clone(),
                shown(f.expected),
                shown(f.actual),
                shown(f.difference),
                numbers.join("; "),
                f.message_zh.clone(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let header = ["status", "rule", "expected (元)", "actual (元)", "difference", "numbers", "message"];
    display::grid_table("failed and warned findings", &header, &rows)
}

/// `335 pass, 0 fail, 2 warn, …`: finding counts by status, in status order.
fn findings_counts(doc: &Document) -> String {
    use budget_core::validate::FindingStatus::*;
    [Pass, Fail, Warn, InsufficientData, NotApplicable]
        .iter()
        .map(|&status| format!("{} {}", doc.findings.iter().filter(|f| f.status == status).count(), status.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

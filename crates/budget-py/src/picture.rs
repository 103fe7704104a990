//! `cnbudget.Picture` (a page, a finding or a table drawn from cnbudget's own layout layer) and
//! `cnbudget.Finding` (one validation finding that can show itself). Pure conversion: the SVG and
//! HTML are built in `budget_core::picture` and `budget_core::report`.

use std::sync::{Arc, OnceLock};

use budget_core::picture::{
    finding_caption, finding_highlights, key_figure_caption, key_figure_highlights, table_highlights, Highlight,
    PdfPages, Role,
};
use budget_core::Document;
use pyo3::exceptions::{PyIndexError, PyKeyError, PyValueError};
use pyo3::prelude::*;

use crate::document::PyDocument;
use crate::error;

/// A drawing: SVG for PDF pages, HTML (a table with its cited cells highlighted) otherwise.
/// Shows itself in Jupyter; `save(path)` writes it.
#[pyclass(frozen, module = "cnbudget._native", name = "Picture")]
pub struct PyPicture {
    svg: Option<String>,
    html: String,
}

impl PyPicture {
    fn from_svg(svg: String) -> PyPicture {
        PyPicture { html: svg.clone(), svg: Some(svg) }
    }

    /// A table as HTML.
    pub(crate) fn of_table(table: &budget_core::Table) -> PyPicture {
        PyPicture { svg: None, html: budget_core::report::table_html(table) }
    }
}

#[pymethods]
impl PyPicture {
    /// The SVG, for pictures of PDF pages (`None` for HTML-only pictures).
    #[getter]
    fn svg(&self) -> Option<String> {
        self.svg.clone()
    }

    /// The picture as HTML (the inline SVG, or an HTML table).
    #[getter]
    fn html(&self) -> String {
        self.html.clone()
    }

    /// Write the picture: SVG when it is one (e.g. `p.svg`), else HTML.
    fn save(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        let text = self.svg.as_deref().unwrap_or(&self.html);
        py.detach(|| std::fs::write(&path, text)).map_err(|e| error::io_error(&e, &path.to_string_lossy()))
    }

    fn _repr_svg_(&self) -> Option<String> {
        self.svg.clone()
    }

    fn _repr_html_(&self) -> String {
        self.html.clone()
    }

    fn __repr__(&self) -> String {
        let kind = if self.svg.is_some() { "svg" } else { "html" };
        format!("Picture({kind}, {} bytes)", self.svg.as_deref().unwrap_or(&self.html).len())
    }
}

/// The pages of a document's PDF, read on the first picture and kept for the next ones.
pub type PageCache = OnceLock<Arc<PdfPages>>;

/// The pages of a document's PDF (from the bytes kept from `parse_bytes`, else re-read from its
/// path), read once per document: later calls return the kept pages.
pub(crate) fn pdf_pages(py: Python<'_>, doc: &PyDocument) -> PyResult<Arc<PdfPages>> {
    if doc.0.format != "pdf" {
        return Err(PyValueError::new_err(format!(
            "{}: page pictures are drawn for PDFs; this document is {}",
            doc.0.source, doc.0.format
        )));
    }
    if let Some(pages) = doc.2.get() {
        return Ok(Arc::clone(pages));
    }
    let data: Arc<[u8]> = match &doc.1 {
        Some(data) => Arc::clone(data),
        None => {
            let path = doc.0.source.clone();
            py.detach(|| std::fs::read(&path)).map_err(|e| error::io_error(&e, &doc.0.source))?.into()
        }
    };
    let pages = Arc::new(py.detach(|| PdfPages::read(&data)).map_err(|e| error::parse_error(py, &e))?);
    Ok(Arc::clone(doc.2.get_or_init(|| pages)))
}

/// Page `number` with highlights given as `(x0, y0, x1, y1)` boxes and labels.
pub(crate) fn page(
    py: Python<'_>,
    doc: &PyDocument,
    number: u32,
    highlights: Vec<([f32; 4], String)>,
) -> PyResult<PyPicture> {
    let pages = pdf_pages(py, doc)?;
    let marks: Vec<Highlight> =
        highlights.into_iter().map(|(bbox, label)| Highlight::new(number, bbox, label, Role::Expected)).collect();
    let svg = pages.page_svg(number, &marks).ok_or_else(|| {
        PyIndexError::new_err(format!("{}: no page {number} (the document has {} pages)", doc.0.source, pages.len()))
    })?;
    Ok(PyPicture::from_svg(svg))
}

/// Finding `index` drawn: the crop of its page(s) with its numbers boxed, or its table(s).
pub(crate) fn finding(py: Python<'_>, doc: &PyDocument, index: usize) -> PyResult<PyPicture> {
    let finding = doc.0.findings.get(index).ok_or_else(|| {
        PyIndexError::new_err(format!("no finding {index} (the document has {})", doc.0.findings.len()))
    })?;
    if doc.0.format == "pdf" {
        let pages = pdf_pages(py, doc)?;
        if let Some(svg) = pages.crop_svg(&finding_highlights(finding), &finding_caption(finding)) {
            return Ok(PyPicture::from_svg(svg));
        }
    }
    Ok(PyPicture { svg: None, html: budget_core::report::finding_html(&doc.0, index, None) })
}

/// Table `index` drawn: its first page with the cells of its line items boxed, or the table.
pub(crate) fn table(py: Python<'_>, doc: &PyDocument, index: usize) -> PyResult<PyPicture> {
    let table =
        doc.0.tables.get(index).ok_or_else(|| {
            PyIndexError::new_err(format!("no table {index} (the document has {})", doc.0.tables.len()))
        })?;
    if let (true, Some(first)) = (doc.0.format == "pdf", table.provenance.page) {
        let pages = pdf_pages(py, doc)?;
        let marks: Vec<Highlight> = table_highlights(&doc.0, index).into_iter().filter(|h| h.page == first).collect();
        if let Some(svg) = pages.page_svg(first, &marks) {
            return Ok(PyPicture::from_svg(svg));
        }
    }
    Ok(PyPicture::of_table(table))
}

/// The HTML report of a document (with page crops for PDFs, read once per document).
pub(crate) fn report(py: Python<'_>, doc: &PyDocument) -> PyResult<String> {
    let pages = if doc.0.format == "pdf" { Some(pdf_pages(py, doc)?) } else { None };
    let document: &Document = &doc.0;
    Ok(py.detach(|| budget_core::report::document_html_with_pages(document, pages.as_deref())))
}

/// A key figure asked for by key (`income_total`) or by its row in `Document.key_figures`.
#[derive(FromPyObject)]
pub enum FigureKey {
    /// A row of `key_figures`.
    Row(usize),
    /// A key.
    Key(String),
}

/// The index of the key figure asked for: row `n`, or the first figure of `key` whose funds
/// (`all`, `fiscal_grants`, …) and phase (`预算数`, `决算数`, …) match when given.
pub(crate) fn key_figure_index(
    doc: &Document,
    key: &FigureKey,
    funds: Option<&str>,
    phase: Option<&str>,
) -> PyResult<usize> {
    let figures = &doc.key_figures;
    match key {
        FigureKey::Row(n) if *n < figures.len() => Ok(*n),
        FigureKey::Row(n) => {
            Err(PyIndexError::new_err(format!("no key figure {n} (the document has {})", figures.len())))
        }
        FigureKey::Key(key) => figures
            .iter()
            .position(|f| {
                f.key.as_str() == key
                    && funds.is_none_or(|x| f.funds.as_str() == x)
                    && phase.is_none_or(|x| f.phase.as_str() == x)
            })
            .ok_or_else(|| {
                let stated: Vec<String> = figures
                    .iter()
                    .filter(|f| f.key.as_str() == key)
                    .map(|f| format!("{}/{}", f.funds.as_str(), f.phase.as_str()))
                    .collect();
                PyKeyError::new_err(format!(
                    "{}: no key figure {key} with funds {} and phase {} (stated: {})",
                    doc.source,
                    funds.unwrap_or("any"),
                    phase.unwrap_or("any"),
                    if stated.is_empty() { "none".to_string() } else { stated.join(", ") }
                ))
            }),
    }
}

/// Key figure `index` drawn: the crop of its page(s) with its table cell and narrative number
/// boxed under its caption (PDF), else its table row and sentence as HTML.
pub(crate) fn key_figure(py: Python<'_>, doc: &PyDocument, index: usize) -> PyResult<PyPicture> {
    let figure = doc.0.key_figures.get(index).ok_or_else(|| {
        PyIndexError::new_err(format!("no key figure {index} (the document has {})", doc.0.key_figures.len()))
    })?;
    if doc.0.format == "pdf" {
        let pages = pdf_pages(py, doc)?;
        if let Some(svg) = pages.crop_svg(&key_figure_highlights(figure), &key_figure_caption(figure)) {
            return Ok(PyPicture::from_svg(svg));
        }
    }
    Ok(PyPicture { svg: None, html: budget_core::report::key_figure_html(&doc.0, index, None) })
}

/// One validation finding of a document; `show()` draws it on its page.
#[pyclass(frozen, module = "cnbudget._native", name = "Finding")]
pub struct PyFinding {
    doc: Py<PyDocument>,
    index: usize,
}

impl PyFinding {
    pub(crate) fn new(doc: Py<PyDocument>, index: usize) -> PyFinding {
        PyFinding { doc, index }
    }

    fn with<T>(&self, py: Python<'_>, f: impl FnOnce(&budget_core::Finding) -> T) -> T {
        let doc = self.doc.bind(py).get();
        f(&doc.0.findings[self.index])
    }
}

#[pymethods]
impl PyFinding {
    /// Position in the document's findings (and row of `Document.findings`).
    #[getter]
    fn index(&self) -> usize {
        self.index
    }

    /// The rule id.
    #[getter]
    fn rule(&self, py: Python<'_>) -> String {
        self.with(py, |f| f.rule.clone())
    }

    /// `pass`, `fail`, `warn`, `insufficient_data` or `not_applicable`.
    #[getter]
    fn status(&self, py: Python<'_>) -> &'static str {
        self.with(py, |f| f.status.as_str())
    }

    /// What was checked and found, in Chinese.
    #[getter]
    fn message_zh(&self, py: Python<'_>) -> String {
        self.with(py, |f| f.message_zh.clone())
    }

    /// What was checked and found, in English.
    #[getter]
    fn message_en(&self, py: Python<'_>) -> String {
        self.with(py, |f| f.message_en.clone())
    }

    /// The numbers used: `(role, label, printed, location)` each.
    #[getter]
    fn numbers(&self, py: Python<'_>) -> Vec<(String, String, String, String)> {
        self.with(py, |f| {
            f.numbers
                .iter()
                .map(|n| (n.role.clone(), n.label.clone(), n.amount_printed.clone(), n.provenance.location()))
                .collect()
        })
    }

    /// The finding drawn: the crop of its page(s) with its numbers boxed (expected red, actual
    /// blue, parts orange) under its message; for other formats its table(s) as HTML.
    fn show(&self, py: Python<'_>) -> PyResult<PyPicture> {
        finding(py, self.doc.bind(py).get(), self.index)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.with(py, |f| format!("Finding({} {}: {})", f.status.as_str(), f.rule, f.message_en))
    }
}

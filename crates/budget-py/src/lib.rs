//! `cnbudget._native`: the thin PyO3 layer over `budget-core`.
//!
//! Every function here only converts: extract Python arguments, call the core (with the GIL
//! released), wrap the result. Frames are built in [`frames`], errors mapped in [`error`], and the
//! Python classes live in [`document`] (`Document`), [`meta`] (`Meta`) and [`table`] (`Table`).
#![deny(missing_docs)]

pub mod corpus;
mod display;
pub mod document;
pub mod error;
pub mod frames;
pub mod key_figure_frames;
pub mod limits;
pub mod meta;
pub mod narrative_frames;
mod picture;
mod positions;
mod rows;
pub mod table;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::document::PyDocument;

/// The extension's Rust allocations (documents, frames) go through mimalloc: parsing makes many
/// small, short-lived allocations, and mimalloc takes ≈ 16 % less CPU than glibc's malloc over the
/// sample documents. The interpreter and the `polars` package keep their own allocators; a frame
/// handed to Python is freed by this extension when Python drops it (Arrow's release callback).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Read and parse the document at `path` (`str` or `os.PathLike`); `limits` overrides read
/// limits by name (see [`limits`]).
///
/// Raises `FileNotFoundError`/`OSError` when the file cannot be read, `ParseError` (or
/// `UnsupportedFormatError`) when it cannot be parsed, `ValueError` for an unknown limit.
#[pyfunction]
#[pyo3(signature = (path, limits = None))]
fn read_document(
    py: Python<'_>,
    path: PathBuf,
    limits: Option<std::collections::HashMap<String, u64>>,
) -> PyResult<PyDocument> {
    let options = limits::read_options(limits)?;
    // Same as `budget_core::parse_path`, but keeps the `std::io::Error` so Python gets the right
    // `OSError` subclass (the core's `ErrorKind::Io` only keeps the message).
    let name = path.to_string_lossy().into_owned();
    let parsed = py.detach(|| std::fs::read(&path).map(|data| budget_core::parse_bytes_with(&name, &data, &options)));
    match parsed {
        Err(io) => Err(error::io_error(&io, &name)),
        Ok(result) => result.map(PyDocument::from).map_err(|e| error::parse_error(py, &e)),
    }
}

/// Parse one document from its bytes, `(name, data)` as `budget_core::parse_bytes`; `name` is used
/// for messages, provenance and format hints; `limits` overrides read limits by name.
#[pyfunction]
#[pyo3(signature = (name, data, limits = None))]
fn parse_bytes(
    py: Python<'_>,
    name: &str,
    data: &[u8],
    limits: Option<std::collections::HashMap<String, u64>>,
) -> PyResult<PyDocument> {
    let options = limits::read_options(limits)?;
    let doc =
        py.detach(|| budget_core::parse_bytes_with(name, data, &options)).map_err(|e| error::parse_error(py, &e))?;
    // A PDF's bytes are kept for page pictures (`Document.page`, `Finding.show`).
    let kept = (doc.format == "pdf").then(|| std::sync::Arc::from(data));
    Ok(PyDocument(doc, kept, picture::PageCache::default()))
}

/// One file of a corpus report: its path, its report's file name (`None` when it failed), the error.
type ReportEntry = (String, Option<String>, Option<String>);

/// Write the HTML report of every file under `directory` into `out_dir` (one page per document
/// and `index.html` linking them); returns `(path, report file or None, error or None)` per file.
#[pyfunction]
fn write_corpus_report(py: Python<'_>, directory: PathBuf, out_dir: PathBuf) -> PyResult<Vec<ReportEntry>> {
    let entries = py
        .detach(|| budget_core::report::write_corpus_report(&directory, &out_dir))
        .map_err(|e| error::io_error(&e, &directory.to_string_lossy()))?;
    Ok(entries.into_iter().map(|e| (e.path, e.href, e.error)).collect())
}

/// The `cnbudget._native` extension module.
#[pymodule(gil_used = false)]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("AMOUNT_PRECISION", frames::AMOUNT_PRECISION)?;
    m.add("AMOUNT_SCALE", frames::AMOUNT_SCALE)?;
    m.add("LINE_ITEM_COLUMNS", PyTuple::new(py, frames::LINE_ITEM_COLUMNS)?)?;
    m.add("FACT_COLUMNS", PyTuple::new(py, narrative_frames::FACT_COLUMNS)?)?;
    m.add("INDICATOR_COLUMNS", PyTuple::new(py, narrative_frames::INDICATOR_COLUMNS)?)?;
    m.add("FINDING_COLUMNS", PyTuple::new(py, narrative_frames::FINDING_COLUMNS)?)?;
    m.add("KEY_FIGURE_COLUMNS", PyTuple::new(py, key_figure_frames::KEY_FIGURE_COLUMNS)?)?;
    m.add("KEY_FIGURE_KEYS", PyTuple::new(py, budget_core::recognize::KEY_FIGURE_KEYS)?)?;
    m.add_function(wrap_pyfunction!(read_document, m)?)?;
    m.add_function(wrap_pyfunction!(parse_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(corpus::read_files, m)?)?;
    m.add_class::<corpus::PySeenFiles>()?;
    m.add_function(wrap_pyfunction!(write_corpus_report, m)?)?;
    m.add_class::<picture::PyPicture>()?;
    m.add_class::<picture::PyFinding>()?;
    m.add_class::<PyDocument>()?;
    m.add_class::<meta::PyMeta>()?;
    m.add_class::<table::PyTable>()?;
    m.add("CnbudgetError", py.get_type::<error::CnbudgetError>())?;
    m.add("ParseError", py.get_type::<error::ParseError>())?;
    m.add("UnsupportedFormatError", py.get_type::<error::UnsupportedFormatError>())?;
    Ok(())
}

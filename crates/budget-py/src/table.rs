//! `cnbudget.Table`: one table as found in a document.

use budget_core::Table;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_polars::PyDataFrame;

use crate::{display, error, frames};

/// A table with its recognised kind, flattened header paths and cells as printed.
///
/// The second field is the document it belongs to (for `show()`), when it came from one.
#[pyclass(frozen, module = "cnbudget._native", name = "Table")]
pub struct PyTable(pub Table, pub Option<Py<crate::document::PyDocument>>);

impl From<Table> for PyTable {
    fn from(table: Table) -> Self {
        PyTable(table, None)
    }
}

#[pymethods]
impl PyTable {
    /// The table drawn: its first page with the cells of its line items boxed (PDF), else the
    /// table as HTML.
    fn show(&self, py: Python<'_>) -> PyResult<crate::picture::PyPicture> {
        match &self.1 {
            Some(doc) => crate::picture::table(py, doc.bind(py).get(), self.0.index),
            None => Ok(crate::picture::PyPicture::of_table(&self.0)),
        }
    }

    /// Position among the document's tables (0-based).
    #[getter]
    fn index(&self) -> usize {
        self.0.index
    }

    /// The `TableKind` identifier, e.g. `GeneralBudgetExpenditure` (`Unknown` if unrecognised).
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The title as printed.
    #[getter]
    fn title(&self) -> Option<String> {
        self.0.title.clone()
    }

    /// The declared money unit (`万元`, `元`, …).
    #[getter]
    fn unit(&self) -> Option<&'static str> {
        self.0.unit.map(|u| u.as_str())
    }

    /// Whether the document declares the table empty (空表, 本单位无此项, …).
    #[getter]
    fn declared_empty(&self) -> bool {
        self.0.declared_empty
    }

    /// One flattened header path per column, e.g. `支出 / 基本支出 / 人员经费`, as printed.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.0.columns.clone()
    }

    /// The body rows as printed, one string per column.
    #[getter]
    fn rows(&self) -> Vec<Vec<String>> {
        self.0.rows.clone()
    }

    /// Caption fields printed with the table (编制单位, 预算年度, …) as a dict label → value.
    #[getter]
    fn caption<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (label, value) in &self.0.caption {
            dict.set_item(label, value)?;
        }
        Ok(dict)
    }

    /// Notes printed under the table (注：…).
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.0.notes.clone()
    }

    /// First source line of the table (1-based).
    #[getter]
    fn line_start(&self) -> usize {
        self.0.provenance.line_start
    }

    /// Last source line of the table (1-based, inclusive).
    #[getter]
    fn line_end(&self) -> usize {
        self.0.provenance.line_end
    }

    /// The table as a `polars.DataFrame` of strings as printed; column names are the header
    /// paths, made unique (`name_1`, `name_2`, … for repeats, `column_{j}` for blanks).
    fn to_polars(&self) -> PyResult<PyDataFrame> {
        frames::table(&self.0).map(PyDataFrame).map_err(error::frame_error)
    }

    fn __len__(&self) -> usize {
        self.0.rows.len()
    }

    fn __repr__(&self) -> String {
        let t = &self.0;
        format!(
            "Table(index={}, kind={}, title={}, unit={}, columns={}, rows={}, declared_empty={})",
            t.index,
            display::repr_str(t.kind.as_str()),
            display::repr_opt(t.title.as_deref()),
            display::repr_opt(t.unit.map(|u| u.as_str())),
            t.columns.len(),
            t.rows.len(),
            if t.declared_empty { "True" } else { "False" },
        )
    }
}

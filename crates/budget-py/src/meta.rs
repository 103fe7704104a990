//! `cnbudget.Meta`: what a document says about itself.

use budget_core::Meta;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::display;

/// Title, agency, year, kind (预算/决算), scope and unit of a document.
#[pyclass(frozen, module = "cnbudget._native", name = "Meta")]
#[repr(transparent)]
pub struct PyMeta(pub Meta);

impl From<Meta> for PyMeta {
    fn from(meta: Meta) -> Self {
        PyMeta(meta)
    }
}

impl PyMeta {
    fn fields(&self) -> [(&'static str, Option<String>); 10] {
        let m = &self.0;
        [
            ("title", m.title.clone()),
            ("agency", m.agency.clone()),
            ("agency_code", m.agency_code.clone()),
            ("region", m.region.clone()),
            ("adcode", m.adcode.clone()),
            ("year", m.year.map(|y| y.to_string())),
            ("kind", m.kind.map(|k| k.as_str().to_string())),
            ("scope", m.scope.map(|s| s.as_str().to_string())),
            ("unit", m.unit.map(|u| u.as_str().to_string())),
            ("approval_ref", m.approval_ref.clone()),
        ]
    }

    /// The HTML shown in notebooks.
    pub fn html(&self) -> String {
        let rows: Vec<(&str, Option<String>)> = self.fields().into_iter().collect();
        display::key_value_table("Meta", &rows)
    }
}

#[pymethods]
impl PyMeta {
    /// The title as printed.
    #[getter]
    fn title(&self) -> Option<String> {
        self.0.title.clone()
    }

    /// The agency (部门 / 单位) name.
    #[getter]
    fn agency(&self) -> Option<String> {
        self.0.agency.clone()
    }

    /// The agency code where printed (e.g. `320001`).
    #[getter]
    fn agency_code(&self) -> Option<String> {
        self.0.agency_code.clone()
    }

    /// The region as printed (e.g. `重庆市綦江区`), resolved with the administrative division catalog.
    #[getter]
    fn region(&self) -> Option<String> {
        self.0.region.clone()
    }

    /// The region's 6-digit administrative division code (行政区划代码) valid for the budget year.
    #[getter]
    fn adcode(&self) -> Option<String> {
        self.0.adcode.clone()
    }

    /// The approval reference (批复文号) when printed.
    #[getter]
    fn approval_ref(&self) -> Option<String> {
        self.0.approval_ref.clone()
    }

    /// Budget year.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.0.year
    }

    /// `预算` or `决算`.
    #[getter]
    fn kind(&self) -> Option<&'static str> {
        self.0.kind.map(|k| k.as_str())
    }

    /// `部门`, `单位` or `本级`.
    #[getter]
    fn scope(&self) -> Option<&'static str> {
        self.0.scope.map(|s| s.as_str())
    }

    /// The declared money unit: `万元`, `元`, `千元` or `亿元`.
    #[getter]
    fn unit(&self) -> Option<&'static str> {
        self.0.unit.map(|u| u.as_str())
    }

    /// The fields as a plain dict (year as int, the rest as str or None).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, value) in self.fields() {
            if key == "year" {
                dict.set_item(key, self.0.year)?;
            } else {
                dict.set_item(key, value)?;
            }
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let fields: Vec<String> = self
            .fields()
            .into_iter()
            .map(|(key, value)| match (key, value) {
                ("year", Some(v)) => format!("{key}={v}"),
                (_, v) => format!("{key}={}", display::repr_opt(v.as_deref())),
            })
            .collect();
        format!("Meta({})", fields.join(", "))
    }

    fn _repr_html_(&self) -> String {
        self.html()
    }
}

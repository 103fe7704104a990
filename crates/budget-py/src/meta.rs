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
    fn fields(&self) -> [(&'static str, Option<String>); 13] {
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
            ("is_disclosure", Some(if m.is_disclosure { "True" } else { "False" }.to_string())),
            ("not_disclosure_reason", m.not_disclosure_reason.clone()),
            ("level", m.level.map(|s| s.as_str().to_string())),
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

    /// Whether the document is a budget or final-accounts disclosure at all.
    #[getter]
    fn is_disclosure(&self) -> bool {
        self.0.is_disclosure
    }

    /// Why the document is not a disclosure (a notice, a template, a landing page …); `None` for one.
    #[getter]
    fn not_disclosure_reason(&self) -> Option<String> {
        self.0.not_disclosure_reason.clone()
    }

    /// `部门` (a department, possibly with its units) or `单位` (one unit).
    #[getter]
    fn level(&self) -> Option<&'static str> {
        self.0.level.map(|s| s.as_str())
    }

    /// For a 部门 document, the units it lists (单位构成) when printed.
    #[getter]
    fn sub_units(&self) -> Vec<String> {
        self.0.sub_units.clone()
    }

    /// Where each field was read: field name → `{"evidence", "text", "page", "line", "label"}`
    /// (`evidence` e.g. `cover_title`, `caption_field`, `title_line`, `narrative`, `file_name`).
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (field, source) in &self.0.sources {
            let entry = PyDict::new(py);
            entry.set_item("evidence", &source.evidence)?;
            entry.set_item("text", &source.text)?;
            entry.set_item("page", source.provenance.page)?;
            entry.set_item("line", (source.provenance.line_start > 0).then_some(source.provenance.line_start))?;
            entry.set_item("label", source.label())?;
            dict.set_item(field, entry)?;
        }
        Ok(dict)
    }

    /// The fields as a plain dict (year as int, is_disclosure as bool, the rest as str or None).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, value) in self.fields() {
            if key == "year" {
                dict.set_item(key, self.0.year)?;
            } else if key == "is_disclosure" {
                dict.set_item(key, self.0.is_disclosure)?;
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
                ("year" | "is_disclosure", Some(v)) => format!("{key}={v}"),
                (_, v) => format!("{key}={}", display::repr_opt(v.as_deref())),
            })
            .collect();
        format!("Meta({})", fields.join(", "))
    }

    fn _repr_html_(&self) -> String {
        self.html()
    }
}

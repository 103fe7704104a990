//! Read limits passed from Python as a mapping of [`ReadOptions`] field names to integers.

use std::collections::HashMap;

use budget_core::ReadOptions;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// The read options for `limits` (`None`: the defaults). Raises `ValueError` naming an
/// unknown limit and the known ones.
pub fn read_options(limits: Option<HashMap<String, u64>>) -> PyResult<ReadOptions> {
    let mut options = ReadOptions::default();
    for (name, value) in limits.into_iter().flatten() {
        options.set_limit(&name, value).map_err(PyValueError::new_err)?;
    }
    Ok(options)
}

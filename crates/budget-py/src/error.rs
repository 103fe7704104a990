//! Errors → Python exceptions. One place maps every [`budget_core::ErrorKind`] to a named exception.
//!
//! | core kind | Python exception |
//! |---|---|
//! | `Io` | `OSError` (its `FileNotFoundError`, `PermissionError`, … subclass when the errno says so) |
//! | `UnsupportedFormat` | [`UnsupportedFormatError`] (a [`ParseError`]) |
//! | `Empty`, `Decode`, `Malformed`, `LimitExceeded`, anything newer | [`ParseError`] |
//!
//! A [`ParseError`] carries the location in its message (`x.txt, line 3: …`) and as attributes
//! `kind` (the core kind name, [`Error::kind_name`]: `empty`, `malformed`, …), `source` (the
//! source name), `line` (1-based or `None`) and `byte`.

use budget_core::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError};
use pyo3::prelude::*;

use crate::frames::FrameError;

create_exception!(cnbudget, CnbudgetError, PyException, "Base class of every error raised by cnbudget.");
create_exception!(
    cnbudget,
    ParseError,
    CnbudgetError,
    "A document could not be read. Attributes: kind, source, line, byte."
);
create_exception!(
    cnbudget,
    UnsupportedFormatError,
    ParseError,
    "The document is in a format cnbudget recognises but cannot read, e.g. a binary Word .doc."
);

/// Convert a core error into the matching Python exception, location attached.
pub fn parse_error(py: Python<'_>, err: &Error) -> PyErr {
    let message = err.to_string();
    let pyerr = match err.kind() {
        ErrorKind::Io { .. } => return PyOSError::new_err(message),
        ErrorKind::UnsupportedFormat { .. } => UnsupportedFormatError::new_err(message),
        _ => ParseError::new_err(message),
    };
    let location = err.location();
    let value = pyerr.value(py);
    let attributes = [
        value.setattr("kind", err.kind_name()),
        value.setattr("source", location.source.as_str()),
        value.setattr("line", location.line),
        value.setattr("byte", location.byte),
    ];
    match attributes.into_iter().find_map(Result::err) {
        Some(failure) => failure,
        None => pyerr,
    }
}

/// Convert an operating-system error on `path` into `OSError(errno, strerror, filename)`, which
/// Python turns into the matching subclass (`FileNotFoundError` for errno 2, …).
pub fn io_error(err: &std::io::Error, path: &str) -> PyErr {
    let text = err.to_string();
    let strerror = text.split(" (os error").next().unwrap_or(&text).to_string();
    match err.raw_os_error() {
        Some(errno) => PyOSError::new_err((errno, strerror, path.to_string())),
        None => PyOSError::new_err(format!("{path}: {strerror}")),
    }
}

/// A frame could not be built (a value that would not stay exact, or a Polars failure).
pub fn frame_error(err: FrameError) -> PyErr {
    CnbudgetError::new_err(err.to_string())
}

/// JSON serialisation failed (should not happen for a parsed document).
pub fn json_error(err: &serde_json::Error) -> PyErr {
    CnbudgetError::new_err(format!("cannot serialise the document to JSON: {err}"))
}

//! Errors: one [`Error`] type for the whole crate, cheap to move (one box), always with a location.
//!
//! The shape follows `rust-csv`: `Error(Box<ErrorKind>)` with a `#[non_exhaustive]` kind, so new
//! failure modes can be added without breaking callers, and [`Error::location`] says where.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in a source something happened. Lines are 1-based; bytes are 0-based offsets into the
/// decoded UTF-8 text (for text formats) or into the raw input (for binary formats).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Name of the source (file name or the `name` given to [`crate::parse_bytes`]).
    pub source: String,
    /// 1-based line number, when the input is line-oriented.
    pub line: Option<usize>,
    /// Byte offset, when known.
    pub byte: Option<usize>,
}

impl Location {
    /// A location that names only the source.
    pub fn source(source: impl Into<String>) -> Self {
        Location { source: source.into(), line: None, byte: None }
    }

    /// A location at a 1-based line of a source.
    pub fn line(source: impl Into<String>, line: usize) -> Self {
        Location { source: source.into(), line: Some(line), byte: None }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", if self.source.is_empty() { "<input>" } else { &self.source })?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(byte) = self.byte {
            write!(f, " (byte {byte})")?;
        }
        Ok(())
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read from disk.
    #[error("cannot read file: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
    /// The input is empty (zero bytes or only whitespace).
    #[error("the input is empty")]
    Empty,
    /// The bytes are not text in any encoding we detect (UTF-8, UTF-16 with BOM, GB18030).
    #[error("cannot decode the text: {message}")]
    Decode {
        /// What the decoder saw.
        message: String,
    },
    /// The input is in a format we recognise but do not read (binary Word `.doc`, a zip that is no document, …).
    #[error("unsupported format: {format}")]
    UnsupportedFormat {
        /// The detected format, e.g. `DOC (Word 97-2003 binary)` or `ODT (OpenDocument text)`.
        format: String,
    },
    /// The input is structurally malformed for its format.
    #[error("malformed {format}: {message}")]
    Malformed {
        /// The format being read.
        format: String,
        /// What is wrong.
        message: String,
    },
    /// A hard limit (size, depth, count) was exceeded; raise it in [`crate::ReadOptions`].
    #[error("limit exceeded: {what} is {actual}, the limit is {limit}")]
    LimitExceeded {
        /// Which limit.
        what: String,
        /// The value found (or a lower bound of it).
        actual: u64,
        /// The limit in force.
        limit: u64,
    },
}

/// An error with its location. See [`ErrorKind`] for the cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<(ErrorKind, Location)>);

impl Error {
    /// Build an error of `kind` at `location`.
    pub fn new(kind: ErrorKind, location: Location) -> Self {
        Error(Box::new((kind, location)))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0 .0
    }

    /// Where it went wrong.
    pub fn location(&self) -> &Location {
        &self.0 .1
    }

    /// A short stable snake_case name of the kind (`io`, `empty`, `decode`, `unsupported_format`,
    /// `malformed`, `limit_exceeded`), used for error columns in data frames and Python's
    /// `ParseError.kind`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind() {
            ErrorKind::Io { .. } => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::Decode { .. } => "decode",
            ErrorKind::UnsupportedFormat { .. } => "unsupported_format",
            ErrorKind::Malformed { .. } => "malformed",
            ErrorKind::LimitExceeded { .. } => "limit_exceeded",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.kind())
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_source_line_and_kind() {
        let err = Error::new(ErrorKind::Empty, Location::line("a.txt", 3));
        assert_eq!(err.to_string(), "a.txt, line 3: the input is empty");
        assert_eq!(err.kind_name(), "empty");
    }
}

//! XML helpers shared by the readers of XML-based formats (DOCX, XLSX, ODS): attribute look-up
//! by local name and the nesting-depth limit.

use quick_xml::events::BytesStart;

use crate::error::{Error, ErrorKind, Location, Result};

/// The value of the attribute with local name `key` (any namespace prefix).
pub(crate) fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| {
        let raw = String::from_utf8_lossy(&a.value);
        quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
    })
}

/// Depth check for the streaming XML readers: an error past `limit` levels of nesting.
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] with the depth reached.
pub(crate) fn check_depth(depth: usize, limit: u64, location: impl FnOnce() -> Location) -> Result<()> {
    if depth as u64 > limit {
        return Err(Error::new(
            ErrorKind::LimitExceeded { what: "XML nesting depth".into(), actual: depth as u64, limit },
            location(),
        ));
    }
    Ok(())
}

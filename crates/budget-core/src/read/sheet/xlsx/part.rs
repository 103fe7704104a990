//! XML plumbing of the XLSX reader: a part read in one streaming pass under the depth limit
//! (empty elements come as a start and an end; end tags must match their start tags), attribute
//! look-ups by local name, text and rich-text strings, cell references.
//!
//! Errors are [`ErrorKind::Malformed`] located at the part's entry and the byte in it.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::sheet::grid::Area;
use crate::read::xml::check_depth;
use crate::read::ReadOptions;

/// The format named in errors.
pub(crate) const FORMAT: &str = "XLSX";

/// One XML part, read event by event.
pub(crate) struct Part<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: u64,
    root_seen: bool,
    at: Location,
}

impl<'a> Part<'a> {
    /// A part of `xml` whose errors are located at `at` (its entry).
    pub fn new(xml: &'a [u8], options: &ReadOptions, at: Location) -> Self {
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().expand_empty_elements = true;
        Part { reader, depth: 0, max_depth: options.max_xml_depth, root_seen: false, at }
    }

    fn location(&self, byte: u64) -> Location {
        Location { byte: Some(byte as usize), ..self.at.clone() }
    }

    /// A [`ErrorKind::Malformed`] error at the current position.
    pub fn malformed(&self, message: impl Into<String>) -> Error {
        let kind = ErrorKind::Malformed { format: FORMAT.into(), message: message.into() };
        Error::new(kind, self.location(self.reader.buffer_position()))
    }

    /// How many elements are open (1 inside the root element).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The next event. The part may not end inside an element or before its root element.
    pub fn next(&mut self) -> Result<Event<'a>> {
        let event = self.reader.read_event().map_err(|e| {
            let kind = ErrorKind::Malformed { format: FORMAT.into(), message: format!("XML: {e}") };
            Error::new(kind, self.location(self.reader.error_position()))
        })?;
        match &event {
            Event::Start(_) => {
                (self.depth, self.root_seen) = (self.depth + 1, true);
                if self.depth as u64 > self.max_depth {
                    check_depth(self.depth, self.max_depth, || self.location(self.reader.buffer_position()))?;
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Eof if self.depth > 0 => return Err(self.malformed("XML: the part ends inside an element")),
            Event::Eof if !self.root_seen => return Err(self.malformed("XML: the part has no root element")),
            _ => {}
        }
        Ok(event)
    }

    /// The text of the element just started (the text of nested elements included), unescaped.
    pub fn text(&mut self) -> Result<Cow<'a, str>> {
        let depth = self.depth;
        let mut text = Cow::Borrowed("");
        loop {
            match self.next()? {
                Event::Text(t) => {
                    let piece = t.unescape().map_err(|e| self.malformed(format!("text: {e}")))?;
                    if text.is_empty() {
                        text = piece;
                    } else {
                        text.to_mut().push_str(&piece);
                    }
                }
                Event::End(_) if self.depth < depth => return Ok(text),
                _ => {}
            }
        }
    }

    /// Read past the end of the element just started.
    pub fn skip(&mut self) -> Result<()> {
        let depth = self.depth;
        while self.depth >= depth {
            self.next()?;
        }
        Ok(())
    }

    /// The string of the `<si>` or `<is>` just started: the text of its `<t>` elements (those of
    /// the rich-text runs `<r>` joined), phonetic runs `<rPh>` left out.
    pub fn rich_text(&mut self) -> Result<String> {
        let depth = self.depth;
        let mut text = String::new();
        loop {
            match self.next()? {
                Event::Start(e) if e.local_name().as_ref() == b"t" => text.push_str(&self.text()?),
                Event::Start(e) if e.local_name().as_ref() == b"rPh" => self.skip()?,
                Event::End(_) if self.depth < depth => return Ok(text),
                _ => {}
            }
        }
    }

    /// The values (unescaped) of the attributes of `e` whose local names are `keys`, the first
    /// of each name; a malformed attribute is an error.
    pub fn attrs<'e, const N: usize>(
        &self,
        e: &'e BytesStart<'_>,
        keys: [&str; N],
    ) -> Result<[Option<Cow<'e, str>>; N]> {
        let mut found: [Option<Cow<'e, str>>; N] = std::array::from_fn(|_| None);
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for attribute in attributes {
            let attribute = attribute.map_err(|err| self.malformed(format!("XML attribute: {err}")))?;
            let key = attribute.key.local_name();
            if let Some(i) = keys.iter().position(|k| k.as_bytes() == key.as_ref()) {
                if found[i].is_none() {
                    let value = attribute.decode_and_unescape_value(self.reader.decoder());
                    found[i] = Some(value.map_err(|err| self.malformed(format!("XML attribute: {err}")))?);
                }
            }
        }
        Ok(found)
    }
}

/// A non-negative decimal integer made of ASCII digits only.
pub(crate) fn digits(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() {
        return None;
    }
    bytes.iter().try_fold(0usize, |n, &b| {
        b.is_ascii_digit().then_some(())?;
        n.checked_mul(10)?.checked_add(usize::from(b - b'0'))
    })
}

/// `B3` → (2, 1): the 0-based row and column of a cell reference (letters of either case).
pub(crate) fn cell_reference(text: &[u8]) -> Result<(u32, u32), String> {
    let split = text.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(text.len());
    let (letters, row) = text.split_at(split);
    let col = letters
        .iter()
        .try_fold(0u32, |n, &b| n.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1));
    let row = digits(row).and_then(|r| u32::try_from(r).ok());
    match (row.and_then(|r| r.checked_sub(1)), col.and_then(|c| c.checked_sub(1))) {
        (Some(row), Some(col)) => Ok((row, col)),
        _ => Err(format!("not a cell reference: {:?}", String::from_utf8_lossy(text))),
    }
}

/// `A1:C2` (or one cell `A1`) → (top-left, bottom-right), 0-based.
pub(crate) fn area(range: &[u8]) -> Result<Area, String> {
    let mut parts = range.splitn(3, |&b| b == b':');
    let start = cell_reference(parts.next().unwrap_or_default())?;
    match (parts.next().map(cell_reference).transpose()?, parts.next()) {
        (None, _) => Ok((start, start)),
        (Some(end), None) => Ok((start, end)),
        (Some(_), Some(_)) => Err(format!("not an area: {:?}", String::from_utf8_lossy(range))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_areas() {
        assert_eq!(cell_reference(b"B3"), Ok((2, 1)));
        assert_eq!(cell_reference(b"ab10"), Ok((9, 27)));
        assert_eq!(cell_reference(b"XFD1048576"), Ok((1_048_575, 16_383)));
        for bad in [&b"A0"[..], b"A", b"1A", b"12", b"", b"A1B", b"AAAAAAAAAAAAAAAAA1", b"A99999999999"] {
            assert!(cell_reference(bad).is_err(), "{bad:?}");
        }
        assert_eq!(area(b"A1:C2"), Ok(((0, 0), (1, 2))));
        assert_eq!(area(b"D4"), Ok(((3, 3), (3, 3))));
        assert!(area(b"A1:B2:C3").is_err() && area(b"").is_err() && area(b"A1:B").is_err());
        assert_eq!((digits(b"0012"), digits(b"+1"), digits(b"")), (Some(12), None, None));
    }
}

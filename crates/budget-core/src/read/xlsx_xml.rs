//! XML plumbing of the XLSX reader: a part read event by event under the depth limit, with
//! empty elements expanded for the readers that expect them (`<v/>` as `<v></v>`, as calamine
//! reads them) while observers see the events as written; cell references, attribute look-ups
//! and rich-text strings read the way calamine 0.30 reads them, so a workbook reads as it did.
//!
//! Errors carry the part's entry and the byte offset in it.

use std::borrow::Cow;

use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::zip_limits::check_depth;
use crate::read::ReadOptions;

/// The format named in errors.
pub(crate) const FORMAT: &str = "XLSX";

/// One XML part read event by event. `strict` parts also check that end tags match their start
/// tags (as every part read for the number formats always was); the others accept mismatched
/// end tags as calamine does.
pub(crate) struct Part<'a> {
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: u64,
    at: Location,
    /// An XML or limit error stopped the part: it cannot be read further.
    pub fatal: bool,
}

impl<'a> Part<'a> {
    /// A part of `xml` whose errors are located at `at` (the entry).
    pub fn new(xml: &'a [u8], strict: bool, options: &ReadOptions, at: Location) -> Self {
        let mut reader = Reader::from_reader(xml);
        reader.config_mut().check_end_names = strict;
        Part { reader, depth: 0, max_depth: options.max_xml_depth, at, fatal: false }
    }

    fn location(&self, byte: u64) -> Location {
        Location { byte: Some(byte as usize), ..self.at.clone() }
    }

    /// A [`ErrorKind::Malformed`] error at the current position.
    pub fn malformed(&self, message: impl Into<String>) -> Error {
        let kind = ErrorKind::Malformed { format: FORMAT.into(), message: message.into() };
        Error::new(kind, self.location(self.reader.buffer_position()))
    }

    /// The decoder of the part (its declared encoding).
    pub fn decoder(&self) -> Decoder {
        self.reader.decoder()
    }

    fn next_raw(&mut self) -> Result<Event<'a>> {
        let event = match self.reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                self.fatal = true;
                let kind = ErrorKind::Malformed { format: FORMAT.into(), message: format!("XML: {e}") };
                return Err(Error::new(kind, self.location(self.reader.error_position())));
            }
        };
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth as u64 > self.max_depth {
                    self.fatal = true;
                    let at = self.location(self.reader.buffer_position());
                    check_depth(self.depth, self.max_depth, || at)?;
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }
}

/// Sees every event of a part as written (empty elements once, as `Empty`).
pub(crate) trait Observe<'a> {
    /// Look at one event; an error message stops the part.
    fn observe(&mut self, event: &Event<'a>) -> Result<(), String>;
}

/// No observer.
impl<'a> Observe<'a> for () {
    fn observe(&mut self, _: &Event<'a>) -> Result<(), String> {
        Ok(())
    }
}

/// An event as the calamine-style readers see it: empty elements come as a start and an end.
pub(crate) enum Xml<'a> {
    /// A start tag (or the start of an empty element).
    Start(BytesStart<'a>),
    /// An end tag (or the end of an empty element).
    End(EndTag<'a>),
    /// Text.
    Text(BytesText<'a>),
    /// The end of the part.
    Eof,
    /// Anything else (CDATA, comments, declarations).
    Other,
}

/// The end of an element: written, or implied by an empty element.
pub(crate) enum EndTag<'a> {
    /// `</name>`.
    Written(BytesEnd<'a>),
    /// The end of `<name/>`.
    Implied(BytesStart<'a>),
}

impl EndTag<'_> {
    /// The qualified name.
    pub fn name(&self) -> QName<'_> {
        match self {
            EndTag::Written(e) => e.name(),
            EndTag::Implied(e) => e.name(),
        }
    }
}

/// A part with empty elements expanded for a puller, and an observer fed first.
pub(crate) struct Source<'a, O> {
    /// The part.
    pub part: Part<'a>,
    pending_end: Option<BytesStart<'a>>,
    /// Sees every event before the puller does, when `observing`.
    pub observer: O,
    observing: bool,
}

impl<'a, O: Observe<'a>> Source<'a, O> {
    /// A source over `part`; `observer` sees its events only when `observing`.
    pub fn new(part: Part<'a>, observer: O, observing: bool) -> Self {
        Source { part, pending_end: None, observer, observing }
    }

    /// The next event, empty elements expanded.
    pub fn next(&mut self) -> Result<Xml<'a>> {
        if let Some(start) = self.pending_end.take() {
            return Ok(Xml::End(EndTag::Implied(start)));
        }
        let event = self.part.next_raw()?;
        self.observe(&event)?;
        Ok(match event {
            Event::Start(e) => Xml::Start(e),
            Event::Empty(e) => {
                self.pending_end = Some(e.clone());
                Xml::Start(e)
            }
            Event::End(e) => Xml::End(EndTag::Written(e)),
            Event::Text(t) => Xml::Text(t),
            Event::Eof => Xml::Eof,
            _ => Xml::Other,
        })
    }

    fn observe(&mut self, event: &Event<'a>) -> Result<()> {
        if self.observing {
            if let Err(message) = self.observer.observe(event) {
                self.part.fatal = true;
                return Err(self.part.malformed(message));
            }
        }
        Ok(())
    }

    /// Read the rest of the part for the observer (nothing when it is not observing).
    pub fn drain(&mut self) -> Result<()> {
        if !self.observing || self.part.fatal {
            return Ok(());
        }
        loop {
            let event = self.part.next_raw()?;
            if matches!(event, Event::Eof) {
                return Ok(());
            }
            self.observe(&event)?;
        }
    }

    /// Text up to the end of `start` (nested elements skipped, CDATA ignored), unescaped.
    pub fn text_of(&mut self, start: &BytesStart<'_>, what: &str) -> Result<Cow<'a, str>> {
        let mut text = Cow::Borrowed("");
        loop {
            match self.next()? {
                Xml::Text(t) => {
                    let piece = t.unescape().map_err(|e| self.part.malformed(format!("{what}: {e}")))?;
                    if text.is_empty() {
                        text = piece;
                    } else {
                        text.to_mut().push_str(&piece);
                    }
                }
                Xml::End(end) if end.name() == start.name() => return Ok(text),
                Xml::Eof => return Err(self.part.malformed(format!("{what}: unexpected end of the part"))),
                _ => {}
            }
        }
    }

    /// Skip to the end tag named `name`, counting nested elements of the same name.
    pub fn skip_to_end(&mut self, name: QName<'_>) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Xml::Start(e) if e.name() == name => depth += 1,
                Xml::End(end) if end.name() == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Xml::Eof => {
                    let name = String::from_utf8_lossy(name.as_ref()).into_owned();
                    return Err(self.part.malformed(format!("unexpected end of the part, expecting </{name}>")));
                }
                _ => {}
            }
        }
    }

    /// A plain or rich-text string up to the end of `closing` (`<si>` or `<is>`): the first `<t>`
    /// of a plain string, or the `<t>` of every run `<r>`; phonetic runs `<rPh>` are left out;
    /// `None` when there is no `<t>`. Escapes like `_x000D_` are kept as written.
    pub fn rich_text(&mut self, closing: QName<'_>) -> Result<Option<String>> {
        let mut runs: Option<String> = None;
        let mut phonetic = false;
        loop {
            match self.next()? {
                Xml::Start(e) if e.local_name().as_ref() == b"r" => {
                    runs.get_or_insert_with(String::new);
                }
                Xml::Start(e) if e.local_name().as_ref() == b"rPh" => phonetic = true,
                Xml::End(end) if end.name() == closing => return Ok(runs),
                Xml::End(end) if end.name().local_name().as_ref() == b"rPh" => phonetic = false,
                Xml::Start(e) if e.local_name().as_ref() == b"t" && !phonetic => {
                    let text = self.text_of(&e, "string")?;
                    match &mut runs {
                        Some(runs) => runs.push_str(&text),
                        None => {
                            self.skip_to_end(closing)?;
                            return Ok(Some(text.into_owned()));
                        }
                    }
                }
                Xml::Eof => return Err(self.part.malformed("string: unexpected end of the part")),
                _ => {}
            }
        }
    }
}

/// Visit the attributes of `e` in order, as quick-xml's checked iterator gives them (an error
/// for a malformed or duplicated attribute, then the following ones), until `visit` says stop.
/// Plain `key="value"` lists (the usual case) are split here without the iterator's bookkeeping.
pub(crate) fn each_attribute<'e>(
    e: &'e BytesStart<'_>,
    mut visit: impl FnMut(Result<(&'e [u8], Cow<'e, [u8]>), String>) -> bool,
) {
    if let Some((plain, count)) = plain_attributes(e) {
        for &(key, value) in &plain[..count] {
            if !visit(Ok((key, Cow::Borrowed(value)))) {
                return;
            }
        }
        return;
    }
    for attribute in e.attributes() {
        let attribute = attribute.map(|a| (a.key.into_inner(), a.value)).map_err(|err| format!("XML attribute: {err}"));
        if !visit(attribute) {
            return;
        }
    }
}

/// Up to 8 attributes written `key="value"` or `key='value'` (no space around `=`), distinct
/// keys: exactly what quick-xml reads from them; `None` for anything else.
#[allow(clippy::type_complexity)]
fn plain_attributes<'e>(e: &'e BytesStart<'_>) -> Option<([(&'e [u8], &'e [u8]); 8], usize)> {
    let content: &'e [u8] = e;
    let mut at = e.name().as_ref().len();
    let mut found: [(&[u8], &[u8]); 8] = [(&[], &[]); 8];
    let mut count = 0;
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    loop {
        while content.get(at).is_some_and(|&b| space(b)) {
            at += 1;
        }
        if at >= content.len() {
            return Some((found, count));
        }
        let key_start = at;
        at += 1 + content.get(at + 1..)?.iter().position(|&b| b == b'=' || space(b))?;
        let key = &content[key_start..at];
        if content[at] != b'=' || count == found.len() || found[..count].iter().any(|&(k, _)| k == key) {
            return None;
        }
        let quote = *content.get(at + 1).filter(|&&q| q == b'"' || q == b'\'')?;
        let value_start = at + 2;
        let value_len = content.get(value_start..)?.iter().position(|&b| b == quote)?;
        found[count] = (key, &content[value_start..value_start + value_len]);
        count += 1;
        at = value_start + value_len + 1;
    }
}

/// The value of the attribute named exactly `key` (prefix included), or the attribute error met
/// before it, as calamine looks attributes up.
pub(crate) fn exact_attr<'e>(e: &'e BytesStart<'_>, key: &[u8]) -> Result<Option<Cow<'e, [u8]>>, String> {
    let mut found = Ok(None);
    each_attribute(e, |attribute| match attribute {
        Ok((name, value)) if name == key => {
            found = Ok(Some(value));
            false
        }
        Ok(_) => true,
        Err(err) => {
            found = Err(err);
            false
        }
    });
    found
}

/// An attribute value as text, unescaped when it can be (the raw text otherwise).
pub(crate) fn attr_text(raw: &[u8]) -> Cow<'_, str> {
    let text = std::str::from_utf8(raw).map_or_else(|_| String::from_utf8_lossy(raw), Cow::Borrowed);
    if !text.contains('&') {
        return text;
    }
    match quick_xml::escape::unescape(&text) {
        Ok(unescaped) => Cow::Owned(unescaped.into_owned()),
        Err(_) => text,
    }
}

/// The first well-formed attribute whose local name is `key`, as text.
pub(crate) fn local_attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    let mut found = None;
    each_attribute(e, |attribute| match attribute {
        Ok((name, value)) if QName(name).local_name().as_ref() == key => {
            found = Some(attr_text(&value).into_owned());
            false
        }
        _ => true,
    });
    found
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

/// `B3` → (2, Some(1)), `3` → (2, None): 0-based row and column of a reference, read from the
/// end as calamine does (letters of either case; arithmetic wraps as in a release build).
pub(crate) fn reference(range: &[u8]) -> Result<(u32, Option<u32>), String> {
    let (mut row, mut col, mut pow, mut reading_row) = (0u32, 0u32, 1u32, true);
    for &c in range.iter().rev() {
        match c {
            b'0'..=b'9' if reading_row => {
                row = row.wrapping_add(u32::from(c - b'0').wrapping_mul(pow));
                pow = pow.wrapping_mul(10);
            }
            b'0'..=b'9' => return Err(format!("a digit in the column of {:?}", String::from_utf8_lossy(range))),
            b'A'..=b'Z' | b'a'..=b'z' => {
                if reading_row {
                    if row == 0 {
                        return Err(format!("no row in {:?}", String::from_utf8_lossy(range)));
                    }
                    (pow, reading_row) = (1, false);
                }
                col = col.wrapping_add(u32::from(c.to_ascii_uppercase() - b'A' + 1).wrapping_mul(pow));
                pow = pow.wrapping_mul(26);
            }
            _ => return Err(format!("not a cell reference: {:?}", String::from_utf8_lossy(range))),
        }
    }
    let row = row.checked_sub(1).ok_or_else(|| format!("no row in {:?}", String::from_utf8_lossy(range)))?;
    Ok((row, col.checked_sub(1)))
}

/// A cell reference with both row and column.
pub(crate) fn cell_reference(range: &[u8]) -> Result<(u32, u32), String> {
    match reference(range)? {
        (row, Some(col)) => Ok((row, col)),
        _ => Err(format!("no column in {:?}", String::from_utf8_lossy(range))),
    }
}

/// A rectangle of cells: (top, left), (bottom, right), 0-based.
pub(crate) type Area = ((u32, u32), (u32, u32));

/// `A1:C2` (or one cell `A1`) → (top-left, bottom-right), 0-based.
pub(crate) fn area(range: &[u8]) -> Result<Area, String> {
    let parts = range.split(|&b| b == b':').map(cell_reference).collect::<Result<Vec<_>, _>>()?;
    match parts[..] {
        [one] => Ok((one, one)),
        [start, end] => Ok((start, end)),
        _ => Err(format!("an area of {} references: {:?}", parts.len(), String::from_utf8_lossy(range))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_from_the_end() {
        assert_eq!(reference(b"B3"), Ok((2, Some(1))));
        assert_eq!(reference(b"ab10"), Ok((9, Some(27))));
        assert_eq!(reference(b"7"), Ok((6, None)));
        assert!(reference(b"A0").is_err() && reference(b"A").is_err() && reference(b"1A").is_err());
        assert!(cell_reference(b"12").is_err());
        assert_eq!(area(b"A1:C2"), Ok(((0, 0), (1, 2))));
        assert_eq!(area(b"D4"), Ok(((3, 3), (3, 3))));
        assert!(area(b"A1:B2:C3").is_err() && area(b"").is_err());
        assert_eq!((digits(b"0012"), digits(b"+1"), digits(b"")), (Some(12), None, None));
    }
}

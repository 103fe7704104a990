//! What calamine does not tell about an ODS: merged cells (`table:number-columns-spanned` /
//! `number-rows-spanned`), the text a numeric cell displays (`<text:p>`, so 130 formatted with
//! two decimals is `130.00`), and hidden rows. One streaming pass over `content.xml`.

use std::collections::{BTreeSet, HashMap};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, ErrorKind, Result};
use crate::read::xml::{attr, check_depth};
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;

/// Facts about one table (sheet) of an ODS.
#[derive(Debug, Default)]
pub struct OdsSheet {
    /// Top-left (row, col), 0-based → (row span, col span).
    pub spans: HashMap<(u32, u32), (u32, u32)>,
    /// (row, col) → the displayed text of a numeric cell.
    pub display: HashMap<(u32, u32), String>,
    /// 0-based hidden (collapsed) rows.
    pub hidden_rows: BTreeSet<u32>,
}

fn number(e: &BytesStart<'_>, key: &[u8]) -> u32 {
    attr(e, key).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).clamp(1, 1 << 20)
}

/// Read the sheets' spans, displayed numbers and hidden rows from `content.xml`.
///
/// # Errors
/// Limits of [`ReadOptions`], or malformed XML.
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<HashMap<String, OdsSheet>> {
    let mut zip = LimitedZip::open(source, data, "ODS", options)?;
    let Some(xml) = zip.read_entry("content.xml", options.max_xml_bytes)? else { return Ok(HashMap::new()) };
    let location = |byte: u64| zip.location("content.xml", Some(byte as usize));
    let mut sheets = HashMap::new();
    let mut reader = Reader::from_reader(xml.as_slice());
    let (mut depth, mut row, mut col) = (0usize, 0u32, 0u32);
    let mut name = String::new();
    let mut sheet = OdsSheet::default();
    // The numeric cell whose text is being collected, and the text so far.
    let mut numeric: Option<(u32, u32)> = None;
    let mut text = String::new();
    let mut in_p = 0usize;
    let mut row_repeat = 1u32;
    loop {
        let event = reader.read_event().map_err(|e| {
            let kind = ErrorKind::Malformed { format: "ODS".into(), message: format!("XML: {e}") };
            Error::new(kind, location(reader.error_position()))
        })?;
        let empty = matches!(event, Event::Empty(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                if !empty {
                    depth += 1;
                    check_depth(depth, options.max_xml_depth, || location(reader.buffer_position()))?;
                }
                match e.local_name().as_ref() {
                    b"table" => {
                        name = attr(e, b"name").unwrap_or_default();
                        (row, col) = (0, 0);
                    }
                    b"table-row" => {
                        col = 0;
                        row_repeat = number(e, b"number-rows-repeated");
                        if attr(e, b"visibility").is_some_and(|v| v == "collapse" || v == "filter") {
                            let n = number(e, b"number-rows-repeated").min(1000);
                            sheet.hidden_rows.extend(row..row.saturating_add(n));
                        }
                        if empty {
                            row = row.saturating_add(number(e, b"number-rows-repeated"));
                        }
                    }
                    b"table-cell" | b"covered-table-cell" => {
                        let repeat = number(e, b"number-columns-repeated");
                        let (rows, cols) = (number(e, b"number-rows-spanned"), number(e, b"number-columns-spanned"));
                        if rows > 1 || cols > 1 {
                            sheet.spans.insert((row, col), (rows, cols));
                        }
                        let kind = attr(e, b"value-type").unwrap_or_default();
                        if !empty && matches!(kind.as_str(), "float" | "percentage" | "currency") && repeat == 1 {
                            numeric = Some((row, col));
                            text.clear();
                        }
                        col = col.saturating_add(repeat);
                    }
                    b"p" if numeric.is_some() => {
                        if in_p == 0 && !text.is_empty() {
                            text.push('\n');
                        }
                        in_p += usize::from(!empty);
                    }
                    b"s" if in_p > 0 => text.push_str(&" ".repeat(number(e, b"c").min(100) as usize)),
                    _ => {}
                }
            }
            Event::Text(t) if in_p > 0 => {
                text.push_str(
                    &t.unescape().map_or_else(|_| String::from_utf8_lossy(t).into_owned(), |c| c.into_owned()),
                );
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.local_name().as_ref() {
                    b"p" => in_p = in_p.saturating_sub(1),
                    b"table-cell" => {
                        if let Some(at) = numeric.take() {
                            sheet.display.insert(at, std::mem::take(&mut text));
                        }
                    }
                    b"table-row" => row = row.saturating_add(row_repeat),
                    b"table" => {
                        sheets.insert(std::mem::take(&mut name), std::mem::take(&mut sheet));
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sheets)
}

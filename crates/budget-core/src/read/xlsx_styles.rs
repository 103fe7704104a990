//! What calamine does not tell about an XLSX: each cell's number format (`xl/styles.xml` and the
//! `s` attribute of the cells), hidden rows and columns, and the extent of the cells that hold
//! values (checked against the cell limit before calamine allocates the sheet). One streaming
//! quick-xml pass per part, under the zip and XML limits.

use std::collections::{BTreeSet, HashMap};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::read::zip_limits::{check_depth, LimitedZip};
use crate::read::ReadOptions;

const FORMAT: &str = "XLSX";

/// How a number is displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFormat {
    /// `General` or a format we print as general (dates, scientific, text).
    General,
    /// A fixed number of decimals (`0.00`, `#,##0.00`, `0.0%`).
    Fixed {
        /// Digits after the decimal point.
        decimals: u32,
        /// A percentage: the value × 100 with a `%` sign.
        percent: bool,
    },
}

/// The styles of a workbook and the per-sheet facts.
#[derive(Debug, Default)]
pub struct Styles {
    /// Number format of each cell style (`cellXfs` index).
    pub cell_formats: Vec<NumberFormat>,
    /// Per sheet name.
    pub sheets: HashMap<String, SheetStyles>,
}

/// Facts about one sheet.
#[derive(Debug, Default)]
pub struct SheetStyles {
    /// (row, col), 0-based → cell style index, for cells with a value.
    pub cell_styles: HashMap<(u32, u32), u32>,
    /// 0-based hidden rows.
    pub hidden_rows: BTreeSet<u32>,
    /// 0-based hidden columns.
    pub hidden_cols: BTreeSet<u32>,
    /// Bounding box of the cells with a value: (min row, min col, max row, max col).
    pub value_box: Option<(u32, u32, u32, u32)>,
}

impl SheetStyles {
    /// Cells in the bounding box of the valued cells (what calamine will allocate).
    pub fn value_box_cells(&self) -> u64 {
        self.value_box.map_or(0, |(r0, c0, r1, c1)| u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1))
    }
}

/// Read the styles, sheet paths and sheets of an XLSX.
///
/// # Errors
/// Limits of [`ReadOptions`], or malformed XML.
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Styles> {
    let mut zip = LimitedZip::open(source, data, FORMAT, options)?;
    let mut styles = Styles::default();
    let max = options.max_xml_bytes;
    if let Some(xml) = zip.read_entry("xl/styles.xml", max)? {
        styles.cell_formats = parse_styles(&xml, options, || zip.location("xl/styles.xml", None))?;
    }
    let workbook = zip.read_entry("xl/workbook.xml", max)?.unwrap_or_default();
    let rels = zip.read_entry("xl/_rels/workbook.xml.rels", max)?.unwrap_or_default();
    let mut targets: HashMap<String, String> = HashMap::new();
    walk(
        &rels,
        options,
        || zip.location("xl/_rels/workbook.xml.rels", None),
        |e, _| {
            if e.local_name().as_ref() == b"Relationship" {
                if let (Some(id), Some(target)) = (attr(e, b"Id"), attr(e, b"Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id, path);
                }
            }
        },
    )?;
    let mut sheets: Vec<(String, String)> = Vec::new();
    walk(
        &workbook,
        options,
        || zip.location("xl/workbook.xml", None),
        |e, _| {
            if e.local_name().as_ref() == b"sheet" {
                if let (Some(name), Some(id)) = (attr(e, b"name"), attr(e, b"id")) {
                    if let Some(path) = targets.get(&id) {
                        sheets.push((name, path.clone()));
                    }
                }
            }
        },
    )?;
    for (name, path) in sheets {
        let Some(xml) = zip.read_entry(&path, max)? else { continue };
        let sheet = parse_sheet(&xml, options, || zip.location(&path, None))?;
        styles.sheets.insert(name, sheet);
    }
    Ok(styles)
}

/// `A` → 0, `AB` → 27 …; the inverse of [`column_name`].
fn column_index(letters: &str) -> u32 {
    letters.bytes().fold(0u32, |n, b| n.saturating_mul(26).saturating_add(u32::from(b - b'A') + 1)).saturating_sub(1)
}

/// 0 → `A`, 27 → `AB`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// `B3` → (2, 1).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column_index(letters)))
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| {
        let raw = String::from_utf8_lossy(&a.value);
        quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
    })
}

/// Stream `xml`, calling `visit(element, is_start)` for each start or empty element, and
/// `visit` is not called for ends; checks depth. Returns nothing.
fn walk(
    xml: &[u8],
    options: &ReadOptions,
    location: impl Fn() -> Location,
    mut visit: impl FnMut(&BytesStart<'_>, bool),
) -> Result<()> {
    walk_events(xml, options, location, |event| match event {
        Event::Start(e) => visit(e, true),
        Event::Empty(e) => visit(e, false),
        _ => {}
    })
}

fn walk_events(
    xml: &[u8],
    options: &ReadOptions,
    location: impl Fn() -> Location,
    mut visit: impl FnMut(&Event<'_>),
) -> Result<()> {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            let mut at = location();
            at.byte = Some(reader.error_position() as usize);
            Error::new(ErrorKind::Malformed { format: FORMAT.into(), message: format!("XML: {e}") }, at)
        })?;
        match &event {
            Event::Start(_) => {
                depth += 1;
                check_depth(depth, options.max_xml_depth, &location)?;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        visit(&event);
    }
    Ok(())
}

fn parse_styles(xml: &[u8], options: &ReadOptions, location: impl Fn() -> Location) -> Result<Vec<NumberFormat>> {
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut xf_ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    walk_events(xml, options, location, |event| match event {
        Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
            b"numFmt" => {
                if let (Some(id), Some(code)) = (attr(e, b"numFmtId"), attr(e, b"formatCode")) {
                    if let Ok(id) = id.parse() {
                        custom.insert(id, code);
                    }
                }
            }
            b"cellXfs" => in_cell_xfs = matches!(event, Event::Start(_)),
            b"xf" if in_cell_xfs => xf_ids.push(attr(e, b"numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0)),
            _ => {}
        },
        Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
        _ => {}
    })?;
    Ok(xf_ids
        .into_iter()
        .map(|id| match custom.get(&id) {
            Some(code) => parse_format(code),
            None => builtin_format(id),
        })
        .collect())
}

fn builtin_format(id: u32) -> NumberFormat {
    let fixed = |decimals, percent| NumberFormat::Fixed { decimals, percent };
    match id {
        1 | 3 | 37 | 38 => fixed(0, false),
        2 | 4 | 39 | 40 | 43 | 44 => fixed(2, false),
        9 => fixed(0, true),
        10 => fixed(2, true),
        _ => NumberFormat::General,
    }
}

/// The decimals of a format code's first (positive) section: `#,##0.00_ ` → 2.
pub fn parse_format(code: &str) -> NumberFormat {
    let mut section = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => section.push(c),
        }
    }
    let lower = section.to_ascii_lowercase();
    if lower.contains("general")
        || lower.contains('e')
        || lower.contains('@')
        || ['y', 'm', 'd', 'h', 's'].iter().any(|&c| lower.contains(c))
        || !section.contains(['0', '#', '?'])
    {
        return NumberFormat::General;
    }
    let decimals = section.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(|c| matches!(c, '0' | '#' | '?' | ',')).filter(|c| *c != ',').count() as u32
    });
    NumberFormat::Fixed { decimals: decimals.min(28), percent: section.contains('%') }
}

fn parse_sheet(xml: &[u8], options: &ReadOptions, location: impl Fn() -> Location) -> Result<SheetStyles> {
    let mut sheet = SheetStyles::default();
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut started_row = false;
    let mut current: Option<((u32, u32), u32)> = None;
    walk_events(xml, options, location, |event| match event {
        Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
            b"row" => {
                row = attr(e, b"r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .map_or(if started_row { row.saturating_add(1) } else { 0 }, |r| r.saturating_sub(1));
                started_row = true;
                col = 0;
                if matches!(attr(e, b"hidden").as_deref(), Some("1") | Some("true")) {
                    sheet.hidden_rows.insert(row);
                }
            }
            b"col" => {
                if matches!(attr(e, b"hidden").as_deref(), Some("1") | Some("true")) {
                    let min = attr(e, b"min").and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
                    let max = attr(e, b"max").and_then(|v| v.parse::<u32>().ok()).unwrap_or(min).min(min + 16_384);
                    sheet.hidden_cols.extend((min - 1)..max);
                }
            }
            b"c" => {
                let at = attr(e, b"r").and_then(|r| cell_ref(&r)).unwrap_or((row, col));
                col = at.1.saturating_add(1);
                let style = attr(e, b"s").and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
                current = matches!(event, Event::Start(_)).then_some((at, style));
            }
            b"v" | b"is" => {
                if let Some(((r, c), style)) = current.take() {
                    sheet.cell_styles.insert((r, c), style);
                    sheet.value_box = Some(match sheet.value_box {
                        None => (r, c, r, c),
                        Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
                    });
                }
            }
            _ => {}
        },
        Event::End(e) if e.local_name().as_ref() == b"c" => current = None,
        _ => {}
    })?;
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_give_decimals() {
        let fixed = |decimals, percent| NumberFormat::Fixed { decimals, percent };
        assert_eq!(parse_format("#,##0.00"), fixed(2, false));
        assert_eq!(parse_format("#,##0.00_ ;[Red]\\-#,##0.00\\ "), fixed(2, false));
        assert_eq!(parse_format("0.0%"), fixed(1, true));
        assert_eq!(parse_format("\"¥\"#,##0.000"), fixed(3, false));
        assert_eq!(parse_format("General"), NumberFormat::General);
        assert_eq!(parse_format("yyyy-mm-dd"), NumberFormat::General);
        assert_eq!(parse_format("0.00E+00"), NumberFormat::General);
        assert_eq!(builtin_format(4), fixed(2, false));
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("B3"), Some((2, 1)));
        assert_eq!(cell_ref("AB10"), Some((9, 27)));
        assert_eq!(cell_ref("3"), None);
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(0), "A");
    }
}

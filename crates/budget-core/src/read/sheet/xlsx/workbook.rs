//! The workbook parts of an XLSX, each found once ([`LimitedZip::find_part`]: the entry named
//! exactly, else the first one named so ignoring case), inflated once and read in one streaming
//! pass: the relationships, the sheet list, the styles and the shared strings.

use std::collections::HashMap;

use quick_xml::events::Event;

use crate::error::{Location, Result};
use crate::read::sheet::xlsx::part::Part;
use crate::read::sheet::xlsx::styles::{self, Style};
use crate::read::zip::LimitedZip;
use crate::read::ReadOptions;

/// The relationships part, which every XLSX has.
pub(crate) const RELS: &str = "xl/_rels/workbook.xml.rels";

/// A sheet of the workbook.
#[derive(Debug, Clone)]
pub(crate) struct SheetRef {
    /// Its name.
    pub name: String,
    /// Its part (`xl/worksheets/sheet1.xml`).
    pub path: String,
    /// `state="hidden"` or `"veryHidden"`.
    pub hidden: bool,
}

/// What the workbook parts say.
#[derive(Debug, Default)]
pub(crate) struct Workbook {
    /// The shared strings, one per `<si>`.
    pub strings: Vec<String>,
    /// The cell styles.
    pub styles: Vec<Style>,
    /// The sheets in workbook order.
    pub sheets: Vec<SheetRef>,
}

/// Inflate part `path` under the XML size limit: its bytes and the location of its entry;
/// `None` when there is no such part.
///
/// # Errors
/// The zip limits, damaged data.
pub(crate) fn read_part(
    zip: &mut LimitedZip<'_>,
    path: &str,
    options: &ReadOptions,
) -> Result<Option<(Vec<u8>, Location)>> {
    let Some(index) = zip.find_part(path) else { return Ok(None) };
    let xml = zip.read_index(index, options.max_xml_bytes)?;
    Ok(Some((xml, zip.location(zip.name_of(index), None))))
}

/// Read the workbook parts (a missing part reads as empty).
///
/// # Errors
/// Zip and XML limits, malformed XML, a sheet whose relationship or state is unknown.
pub(crate) fn read(zip: &mut LimitedZip<'_>, options: &ReadOptions) -> Result<Workbook> {
    let mut book = Workbook::default();
    let mut rels = HashMap::new();
    if let Some((xml, at)) = read_part(zip, RELS, options)? {
        let mut part = Part::new(&xml, options, at);
        loop {
            match part.next()? {
                Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                    if let [Some(id), Some(target)] = part.attrs(&e, ["Id", "Target"])? {
                        rels.insert(id.into_owned(), target.into_owned());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    if let Some((xml, at)) = read_part(zip, "xl/workbook.xml", options)? {
        book.sheets = read_sheets(&mut Part::new(&xml, options, at), &rels)?;
    }
    if let Some((xml, at)) = read_part(zip, "xl/styles.xml", options)? {
        book.styles = styles::read(&mut Part::new(&xml, options, at))?;
    }
    if let Some((xml, at)) = read_part(zip, "xl/sharedStrings.xml", options)? {
        let mut part = Part::new(&xml, options, at);
        loop {
            match part.next()? {
                Event::Start(e) if e.local_name().as_ref() == b"si" => book.strings.push(part.rich_text()?),
                Event::Eof => break,
                _ => {}
            }
        }
    }
    Ok(book)
}

/// The `<sheet>`s of `xl/workbook.xml` in order, their parts from `rels`: an absolute target
/// without its `/`, `xl/…` as is, other targets under `xl/`.
fn read_sheets(part: &mut Part<'_>, rels: &HashMap<String, String>) -> Result<Vec<SheetRef>> {
    let mut sheets = Vec::new();
    loop {
        match part.next()? {
            Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let [name, state, id] = part.attrs(&e, ["name", "state", "id"])?;
                let name = name.unwrap_or_default().into_owned();
                let hidden = match state.as_deref() {
                    None | Some("visible") => false,
                    Some("hidden" | "veryHidden") => true,
                    Some(other) => return Err(part.malformed(format!("sheet {name:?}: state {other:?}"))),
                };
                let Some(target) = id.as_deref().and_then(|id| rels.get(id)) else {
                    let id = id.unwrap_or_default();
                    return Err(part.malformed(format!("sheet {name:?}: no relationship {id:?}")));
                };
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None if target.starts_with("xl/") => target.clone(),
                    None => format!("xl/{target}"),
                };
                if !matches!(path.split('/').nth(1), Some("worksheets" | "chartsheets" | "dialogsheets")) {
                    return Err(part.malformed(format!("sheet {name:?}: not a sheet part: {path:?}")));
                }
                sheets.push(SheetRef { name, path, hidden });
            }
            Event::Eof => return Ok(sheets),
            _ => {}
        }
    }
}

//! The workbook parts of an XLSX: relationships, the sheet list, shared strings and styles, each
//! inflated once and read in one streaming pass.
//!
//! Two views of the same parts are kept so that a workbook reads exactly as it did through
//! calamine 0.30 plus our styles pass: the sheets, their order and visibility, the shared strings
//! and the date styles as calamine read them (parts found ignoring case, reading stopped at the
//! root's end tag, empty elements expanded), and the sheet paths and number formats as the styles
//! pass read them (parts named exactly, every event observed). When both views read the same
//! entry, one pass serves both.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::Event;
use quick_xml::name::QName;

use crate::error::Result;
use crate::read::xlsx_styles::{self, FormatsObserver, NumberFormat};
use crate::read::xlsx_xml::{local_attr, Observe, Part, Source, Xml};
use crate::read::zip_limits::LimitedZip;
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
    /// The shared strings (`<si>` without any `<t>` are not counted).
    pub strings: Vec<String>,
    /// Whether each cell style is a date style (its numbers print as dates).
    pub date_styles: Vec<bool>,
    /// How each cell style prints a number.
    pub number_formats: Vec<NumberFormat>,
    /// The sheets in workbook order.
    pub sheets: Vec<SheetRef>,
    /// (name, part) of the sheets whose styles and hidden rows are read.
    pub styled_sheets: Vec<(String, String)>,
}

/// Read the workbook parts.
///
/// # Errors
/// Zip and XML limits, malformed XML, a sheet whose relationship or state is unknown, a part that
/// ends early.
pub(crate) fn read(zip: &mut LimitedZip<'_>, options: &ReadOptions) -> Result<Workbook> {
    let mut book = Workbook::default();
    let (rels, targets) = both_views(zip, RELS, options, RelsObserver::default(), read_rels)?;
    let rels = rels.unwrap_or_default();
    let sheets = SheetsObserver { targets: targets.targets, sheets: Vec::new() };
    let (sheets, observed) = both_views(zip, "xl/workbook.xml", options, sheets, |src| read_sheets(src, &rels))?;
    book.sheets = sheets.unwrap_or_default();
    book.styled_sheets = observed.sheets;
    let (dates, formats) =
        both_views(zip, "xl/styles.xml", options, FormatsObserver::default(), xlsx_styles::read_date_styles)?;
    book.date_styles = dates.unwrap_or_default();
    book.number_formats = formats.finish();
    if let Some(index) = zip.find_part("xl/sharedStrings.xml") {
        let xml = zip.read_index(index, options.max_xml_bytes)?;
        let at = zip.location(zip.name_of(index), None);
        book.strings = read_strings(&mut Source::new(Part::new(&xml, false, options, at), (), false))?;
    }
    Ok(book)
}

/// Read part `path` for both views: `pull` on the entry found ignoring case, `observer` on the
/// entry named exactly (the same entry read once when they coincide). `None` when the pulled
/// entry does not exist; the observer sees nothing when its entry does not exist.
fn both_views<T, O>(
    zip: &mut LimitedZip<'_>,
    path: &str,
    options: &ReadOptions,
    observer: O,
    pull: impl for<'a> FnOnce(&mut Source<'a, O>) -> Result<T>,
) -> Result<(Option<T>, O)>
where
    O: for<'a> Observe<'a> + Default,
{
    let (pulled, observed) = (zip.find_part(path), zip.index_of(path));
    if let (Some(index), Some(same)) = (pulled, observed) {
        if index == same {
            let xml = zip.read_index(index, options.max_xml_bytes)?;
            let at = zip.location(zip.name_of(index), None);
            let mut src = Source::new(Part::new(&xml, true, options, at), observer, true);
            let value = pull(&mut src)?;
            src.drain()?;
            return Ok((Some(value), src.observer));
        }
    }
    let value = match pulled {
        Some(index) => {
            let xml = zip.read_index(index, options.max_xml_bytes)?;
            let at = zip.location(zip.name_of(index), None);
            Some(pull(&mut Source::new(Part::new(&xml, false, options, at), O::default(), false))?)
        }
        None => None,
    };
    let Some(index) = observed else { return Ok((value, observer)) };
    let xml = zip.read_index(index, options.max_xml_bytes)?;
    let at = zip.location(zip.name_of(index), None);
    let mut src = Source::new(Part::new(&xml, true, options, at), observer, true);
    src.drain()?;
    Ok((value, src.observer))
}

/// Relationship id (as written) → target (decoded, not unescaped).
fn read_rels<O: for<'a> Observe<'a>>(src: &mut Source<'_, O>) -> Result<BTreeMap<Vec<u8>, String>> {
    let mut rels = BTreeMap::new();
    loop {
        match src.next()? {
            Xml::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                let (mut id, mut target) = (Vec::new(), String::new());
                for attribute in e.attributes() {
                    let attribute = attribute.map_err(|err| src.part.malformed(format!("Relationship: {err}")))?;
                    match attribute.key {
                        QName(b"Id") => id.extend_from_slice(&attribute.value),
                        QName(b"Target") => {
                            let decoded = src.part.decoder().decode(&attribute.value);
                            target =
                                decoded.map_err(|err| src.part.malformed(format!("Relationship: {err}")))?.into_owned();
                        }
                        _ => {}
                    }
                }
                rels.insert(id, target);
            }
            Xml::End(end) if end.name().local_name().as_ref() == b"Relationships" => return Ok(rels),
            Xml::Eof => return Err(src.part.malformed("relationships: the part ends before </Relationships>")),
            _ => {}
        }
    }
}

/// The sheets of `xl/workbook.xml` in order, their parts from `rels` (`/xl/…` and `xl/…` as is,
/// other targets under `xl/`); defined names are read past.
fn read_sheets<O: for<'a> Observe<'a>>(
    src: &mut Source<'_, O>,
    rels: &BTreeMap<Vec<u8>, String>,
) -> Result<Vec<SheetRef>> {
    let mut sheets = Vec::new();
    loop {
        match src.next()? {
            Xml::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let mut sheet = SheetRef { name: String::new(), path: String::new(), hidden: false };
                for attribute in e.attributes() {
                    let attribute = attribute.map_err(|err| src.part.malformed(format!("sheet: {err}")))?;
                    let text = || {
                        let text = attribute.decode_and_unescape_value(src.part.decoder());
                        text.map_err(|err| src.part.malformed(format!("sheet: {err}")))
                    };
                    match attribute.key.as_ref() {
                        b"name" => sheet.name = text()?.into_owned(),
                        b"state" => {
                            sheet.hidden = match text()?.as_ref() {
                                "visible" => false,
                                "hidden" | "veryHidden" => true,
                                other => return Err(src.part.malformed(format!("sheet state {other:?}"))),
                            }
                        }
                        b"r:id" | b"relationships:id" => {
                            let Some(target) = rels.get(attribute.value.as_ref()) else {
                                let id = String::from_utf8_lossy(&attribute.value).into_owned();
                                return Err(src
                                    .part
                                    .malformed(format!("sheet {:?}: no relationship {id:?}", sheet.name)));
                            };
                            sheet.path = if target.starts_with("/xl/") {
                                target[1..].to_string()
                            } else if target.starts_with("xl/") {
                                target.clone()
                            } else {
                                format!("xl/{target}")
                            };
                        }
                        _ => {}
                    }
                }
                if !matches!(sheet.path.split('/').nth(1), Some("worksheets" | "chartsheets" | "dialogsheets")) {
                    return Err(src
                        .part
                        .malformed(format!("sheet {:?}: not a sheet part: {:?}", sheet.name, sheet.path)));
                }
                sheets.push(sheet);
            }
            Xml::Start(e) if e.name().as_ref() == b"workbookPr" => {
                let date1904 = e.try_get_attribute("date1904").map_err(|err| src.part.malformed(format!("{err}")))?;
                if let Some(attribute) = date1904 {
                    attribute
                        .decode_and_unescape_value(src.part.decoder())
                        .map_err(|err| src.part.malformed(format!("{err}")))?;
                }
            }
            Xml::Start(e) if e.local_name().as_ref() == b"definedName" => {
                if let Some(name) = e.attributes().flatten().find(|a| a.key == QName(b"name")) {
                    name.decode_and_unescape_value(src.part.decoder())
                        .map_err(|err| src.part.malformed(format!("{err}")))?;
                    src.text_of(&e, "defined name")?;
                }
            }
            Xml::End(end) if end.name().local_name().as_ref() == b"workbook" => return Ok(sheets),
            Xml::Eof => return Err(src.part.malformed("workbook: the part ends before </workbook>")),
            _ => {}
        }
    }
}

/// The shared strings, up to `</sst>`.
fn read_strings(src: &mut Source<'_, ()>) -> Result<Vec<String>> {
    let mut strings = Vec::new();
    loop {
        match src.next()? {
            Xml::Start(e) if e.local_name().as_ref() == b"si" => {
                if let Some(text) = src.rich_text(e.name())? {
                    strings.push(text);
                }
            }
            Xml::End(end) if end.name().local_name().as_ref() == b"sst" => return Ok(strings),
            Xml::Eof => return Err(src.part.malformed("shared strings: the part ends before </sst>")),
            _ => {}
        }
    }
}

/// Relationship targets as the styles pass read them: `Id` → part (`/` stripped from absolute
/// targets, `xl/` put before relative ones), attributes unescaped.
#[derive(Debug, Default)]
struct RelsObserver {
    targets: HashMap<String, String>,
}

impl<'a> Observe<'a> for RelsObserver {
    fn observe(&mut self, event: &Event<'a>) -> std::result::Result<(), String> {
        if let Event::Start(e) | Event::Empty(e) = event {
            if e.local_name().as_ref() == b"Relationship" {
                if let (Some(id), Some(target)) = (local_attr(e, b"Id"), local_attr(e, b"Target")) {
                    let path = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("xl/{target}"),
                    };
                    self.targets.insert(id, path);
                }
            }
        }
        Ok(())
    }
}

/// The sheets as the styles pass read them: (name, part) for each `<sheet>` whose `id`
/// attribute (any prefix) has a target.
#[derive(Debug, Default)]
struct SheetsObserver {
    targets: HashMap<String, String>,
    sheets: Vec<(String, String)>,
}

impl<'a> Observe<'a> for SheetsObserver {
    fn observe(&mut self, event: &Event<'a>) -> std::result::Result<(), String> {
        if let Event::Start(e) | Event::Empty(e) = event {
            if e.local_name().as_ref() == b"sheet" {
                if let (Some(name), Some(id)) = (local_attr(e, b"name"), local_attr(e, b"id")) {
                    if let Some(path) = self.targets.get(&id) {
                        self.sheets.push((name, path.clone()));
                    }
                }
            }
        }
        Ok(())
    }
}

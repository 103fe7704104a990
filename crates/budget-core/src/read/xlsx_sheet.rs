//! One sheet part of an XLSX in one streaming pass: the cell values, the merged areas, and what
//! the number formats need (each valued cell's style, hidden rows and columns, the extent of the
//! valued cells, checked against the cell limit before a grid is allocated).
//!
//! Cells are read as calamine 0.30 read them, so that a workbook gives the same blocks: values
//! from `<v>` by the cell type (`s` shared string, `str` formula text, `b`, `e`, `d`, `n` or
//! none: a number, else text), `<is>` inline strings, formulas by their cached value, numbers
//! of a date style as dates; positions from `r`, else counted along the row. Styles, hidden rows
//! and the extent are read as the styles pass read them (its own reading of `r` and `s`).

use std::borrow::Cow;
use std::collections::BTreeSet;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;

use crate::error::{Location, Result};
use crate::read::xlsx_styles::cell_ref;
use crate::read::xlsx_workbook::Workbook;
use crate::read::xlsx_xml::{
    area, attr_text, cell_reference, digits, each_attribute, exact_attr, local_attr, reference, Area, Observe, Part,
    Source, Xml,
};
use crate::read::ReadOptions;

/// A cell value (empty cells are not kept).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Text.
    Text(String),
    /// Shared string `i`.
    Shared(usize),
    /// A number.
    Number(f64),
    /// A number of a date style (a date serial).
    Date(f64),
    /// An ISO 8601 date (`t="d"`), as written.
    Iso(String),
    /// A boolean.
    Bool(bool),
    /// An error value, as printed (`#Div0`, `#NA`, …).
    Error(&'static str),
}

/// A cell with a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    /// (row, column), 0-based.
    pub pos: (u32, u32),
    /// The value.
    pub value: Value,
}

/// What one pass over a sheet part gives.
#[derive(Debug, Default)]
pub(crate) struct SheetPass {
    /// The cells (`None` inside: not a worksheet, no `<sheetData>`); `None` when not asked for.
    /// An error here concerns only the sheets whose cells come from this part.
    pub cells: Option<Result<Option<Vec<RawCell>>>>,
    /// The merged areas.
    pub merges: Vec<Area>,
    /// Styles, hidden rows and columns; `None` when not asked for.
    pub styles: Option<SheetStyles>,
}

/// Read one sheet part: `cells` (values and merged areas) and/or `styles`. A part read for its
/// styles checks that end tags match.
///
/// # Errors
/// Malformed XML, the depth limit, a malformed merged area. Errors of the cell values are
/// returned in [`SheetPass::cells`].
pub(crate) fn read_sheet(
    xml: &[u8],
    cells: bool,
    styles: bool,
    book: &Workbook,
    options: &ReadOptions,
    at: Location,
) -> Result<SheetPass> {
    let observer =
        SheetObserver { styles: styles.then(SheetStyles::default), merges: cells.then(Vec::new), cell: None };
    let mut src = Source::new(Part::new(xml, styles, options, at), observer, true);
    let values = if cells {
        match read_cells(&mut src, book) {
            Err(err) if src.part.fatal => return Err(err),
            result => Some(result),
        }
    } else {
        None
    };
    src.drain()?;
    let SheetObserver { styles, merges, .. } = src.observer;
    Ok(SheetPass { cells: values, merges: merges.unwrap_or_default(), styles })
}

/// The cells, up to `</sheetData>`. A `<dimension>` must have a valid `ref`; a part without
/// `<sheetData>` whose root is another element (a chart sheet) has no cells.
fn read_cells<'a>(src: &mut Source<'a, SheetObserver>, book: &Workbook) -> Result<Option<Vec<RawCell>>> {
    let mut root_seen = false;
    loop {
        match src.next()? {
            Xml::Start(e) => match e.local_name().as_ref() {
                b"dimension" => match exact_attr(&e, b"ref") {
                    Ok(Some(range)) => {
                        area(&range).map_err(|m| src.part.malformed(format!("dimension: {m}")))?;
                    }
                    Ok(None) => return Err(src.part.malformed("dimension without ref")),
                    Err(m) => return Err(src.part.malformed(format!("dimension: {m}"))),
                },
                b"sheetData" => break,
                name if !root_seen => {
                    src.part.decoder().decode(name).map_err(|err| src.part.malformed(format!("{err}")))?;
                    root_seen = true;
                }
                _ => {}
            },
            Xml::Eof if root_seen => return Ok(None),
            Xml::Eof => return Err(src.part.malformed("the part ends before <worksheet>")),
            _ => {}
        }
    }
    let (mut row, mut col) = (0u32, 0u32);
    let mut cells = Vec::new();
    loop {
        match src.next()? {
            Xml::Start(e) if e.local_name().as_ref() == b"row" => match exact_attr(&e, b"r") {
                Ok(None) => {}
                Ok(Some(r)) => row = reference(&r).map_err(|m| src.part.malformed(format!("row: {m}")))?.0,
                Err(m) => return Err(src.part.malformed(format!("row: {m}"))),
            },
            Xml::End(end) if end.name().local_name().as_ref() == b"row" => (row, col) = (row.wrapping_add(1), 0),
            Xml::Start(e) if e.local_name().as_ref() == b"c" => {
                let attrs = src.observer.cell.take().unwrap_or_else(|| CellAttrs::read(&e));
                let pos = match &attrs.pos {
                    Ok(Some(pos)) => {
                        col = pos.1;
                        *pos
                    }
                    Ok(None) => (row, col),
                    Err(m) => return Err(src.part.malformed(format!("cell: {m}"))),
                };
                let mut value = None;
                loop {
                    match src.next()? {
                        Xml::Start(child) => value = read_value(src, &child, &attrs, book)?,
                        Xml::End(end) if end.name().local_name().as_ref() == b"c" => break,
                        Xml::Eof => return Err(src.part.malformed("the part ends inside a cell")),
                        _ => {}
                    }
                }
                col = col.wrapping_add(1);
                if let Some(value) = value {
                    cells.push(RawCell { pos, value });
                }
            }
            Xml::End(end) if end.name().local_name().as_ref() == b"sheetData" => return Ok(Some(cells)),
            Xml::Eof => return Err(src.part.malformed("the part ends before </sheetData>")),
            _ => {}
        }
    }
}

/// The value of one child of a cell: `<v>`, `<is>`, or `<f>` (no value: formulas are read by
/// their cached `<v>`, which follows).
fn read_value<'a>(
    src: &mut Source<'a, SheetObserver>,
    child: &BytesStart<'a>,
    attrs: &CellAttrs,
    book: &Workbook,
) -> Result<Option<Value>> {
    match child.local_name().as_ref() {
        b"is" => Ok(src.rich_text(child.name())?.map(Value::Text)),
        b"f" => src.skip_to_end(child.name()).map(|()| None),
        b"v" => {
            let text = src.text_of(child, "cell value")?;
            typed_value(text, attrs, book).map_err(|m| src.part.malformed(m))
        }
        _ => Err(src.part.malformed("a cell holds an element other than <v>, <f> or <is>")),
    }
}

/// A `<v>` read by the cell type.
fn typed_value(v: Cow<'_, str>, attrs: &CellAttrs, book: &Workbook) -> Result<Option<Value>, String> {
    let date = attrs.style.and_then(|s| book.date_styles.get(s).copied()).unwrap_or(false);
    let number = |n: f64| if date { Value::Date(n) } else { Value::Number(n) };
    Ok(Some(match attrs.kind.as_ref().map_err(|m| format!("cell type: {m}"))? {
        Kind::Shared => {
            let index = digits(v.as_bytes()).unwrap_or(0);
            if index >= book.strings.len() {
                return Err(format!("shared string {index} of {}", book.strings.len()));
            }
            Value::Shared(index)
        }
        Kind::Bool => Value::Bool(v != "0"),
        Kind::Error => Value::Error(match v.as_ref() {
            "#DIV/0!" => "#Div0",
            "#N/A" => "#NA",
            "#NAME?" => "#Name",
            "#NULL!" => "#Null",
            "#NUM!" => "#Num",
            "#REF!" => "#Ref",
            "#VALUE!" => "#Value",
            _ => return Err(format!("unknown error value {v:?}")),
        }),
        Kind::Iso => Value::Iso(v.into_owned()),
        Kind::Str => Value::Text(v.into_owned()),
        Kind::Number if v.is_empty() => return Ok(None),
        Kind::Number => number(v.parse().map_err(|_| format!("not a number: {v:?}"))?),
        Kind::Untyped => match v.parse() {
            Ok(n) => number(n),
            Err(_) => Value::Text(v.into_owned()),
        },
        Kind::Inline => return Err("an inline string cell with a <v>".into()),
        Kind::Unknown(t) => return Err(format!("unknown cell type {t:?}")),
    }))
}

/// The `t` attribute of a cell.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Untyped,
    Shared,
    Bool,
    Error,
    Iso,
    Str,
    Number,
    Inline,
    Unknown(String),
}

/// The attributes of a `<c>`, from one walk over them, for both readings: the cell values look
/// names up exactly and stop at a malformed attribute; the styles pass looks local names up among
/// the well-formed attributes and unescapes them.
#[derive(Debug)]
struct CellAttrs {
    pos: Result<Option<(u32, u32)>, String>,
    kind: Result<Kind, String>,
    style: Option<usize>,
    styled_at: Option<(u32, u32)>,
    styled_style: u32,
}

impl CellAttrs {
    fn read(e: &BytesStart<'_>) -> Self {
        // Per exact name: the first attribute with that name, or the first error before it.
        let mut exact: [Option<Result<Cow<'_, [u8]>, String>>; 3] = [None, None, None];
        let (mut styled_r, mut styled_s) = (None, None);
        each_attribute(e, |attribute| {
            match attribute {
                Err(err) => {
                    for slot in exact.iter_mut().filter(|slot| slot.is_none()) {
                        *slot = Some(Err(err.clone()));
                    }
                }
                Ok((key, value)) => {
                    match QName(key).local_name().as_ref() {
                        b"r" if styled_r.is_none() => styled_r = Some(value.clone()),
                        b"s" if styled_s.is_none() => styled_s = Some(value.clone()),
                        _ => {}
                    }
                    let slot = match key {
                        b"r" => 0,
                        b"t" => 1,
                        b"s" => 2,
                        _ => 3,
                    };
                    if let Some(free @ None) = exact.get_mut(slot) {
                        *free = Some(Ok(value));
                    }
                }
            }
            true
        });
        let [r, t, s] = exact;
        CellAttrs {
            pos: r.transpose().and_then(|r| r.map(|r| cell_reference(&r)).transpose()),
            kind: t.transpose().map(|t| match t.as_deref() {
                None => Kind::Untyped,
                Some(b"s") => Kind::Shared,
                Some(b"b") => Kind::Bool,
                Some(b"e") => Kind::Error,
                Some(b"d") => Kind::Iso,
                Some(b"str") => Kind::Str,
                Some(b"n") => Kind::Number,
                Some(b"is") => Kind::Inline,
                Some(other) => Kind::Unknown(String::from_utf8_lossy(other).into_owned()),
            }),
            style: s.and_then(|s| s.ok()).map(|s| digits(&s).unwrap_or(0)),
            styled_at: styled_r.and_then(|r| cell_ref(&attr_text(&r))),
            styled_style: styled_s.and_then(|s| attr_text(&s).parse().ok()).unwrap_or(0),
        }
    }
}

/// What the styles pass knew of a sheet.
#[derive(Debug, Default)]
pub(crate) struct SheetStyles {
    /// ((row, col), cell style) of each cell with a `<v>` or `<is>`, in document order.
    pub cell_styles: Vec<((u32, u32), u32)>,
    /// 0-based hidden rows.
    pub hidden_rows: BTreeSet<u32>,
    /// 0-based hidden columns.
    pub hidden_cols: BTreeSet<u32>,
    /// Bounding box of the cells with a value: (min row, min col, max row, max col).
    pub value_box: Option<(u32, u32, u32, u32)>,
    row: u32,
    col: u32,
    started_row: bool,
    current: Option<((u32, u32), u32)>,
}

impl SheetStyles {
    /// Cells in the bounding box of the valued cells.
    pub fn value_box_cells(&self) -> u64 {
        self.value_box.map_or(0, |(r0, c0, r1, c1)| (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1))
    }

    fn row(&mut self, e: &BytesStart<'_>) {
        let (mut r, mut hidden) = (None, None);
        each_attribute(e, |attribute| {
            if let Ok((key, value)) = attribute {
                match QName(key).local_name().as_ref() {
                    b"r" if r.is_none() => r = Some(value),
                    b"hidden" if hidden.is_none() => hidden = Some(value),
                    _ => {}
                }
            }
            true
        });
        let next = if self.started_row { self.row.saturating_add(1) } else { 0 };
        let r = r.and_then(|r| attr_text(&r).parse::<u32>().ok());
        self.row = r.map_or(next, |r| r.saturating_sub(1));
        (self.started_row, self.col) = (true, 0);
        if hidden.is_some_and(|h| matches!(attr_text(&h).as_ref(), "1" | "true")) {
            self.hidden_rows.insert(self.row);
        }
    }

    fn col(&mut self, e: &BytesStart<'_>) {
        if matches!(local_attr(e, b"hidden").as_deref(), Some("1" | "true")) {
            let min = local_attr(e, b"min").and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1);
            // `min + 16384` wraps for a huge `min` (an empty range), as it always did.
            let max =
                local_attr(e, b"max").and_then(|v| v.parse::<u32>().ok()).unwrap_or(min).min(min.wrapping_add(16_384));
            self.hidden_cols.extend((min - 1)..max);
        }
    }

    fn cell(&mut self, attrs: &CellAttrs, start: bool) {
        let at = attrs.styled_at.unwrap_or((self.row, self.col));
        self.col = at.1.saturating_add(1);
        self.current = start.then_some((at, attrs.styled_style));
    }

    fn value(&mut self) {
        if let Some(((r, c), style)) = self.current.take() {
            self.cell_styles.push(((r, c), style));
            self.value_box = Some(match self.value_box {
                None => (r, c, r, c),
                Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
            });
        }
    }
}

/// Sees every event of a sheet part: cell attributes for both readings, the styles pass, the
/// merged areas (anywhere in the part, as calamine collected them).
struct SheetObserver {
    styles: Option<SheetStyles>,
    merges: Option<Vec<Area>>,
    cell: Option<CellAttrs>,
}

impl<'a> Observe<'a> for SheetObserver {
    fn observe(&mut self, event: &Event<'a>) -> std::result::Result<(), String> {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"c" => {
                    let attrs = CellAttrs::read(e);
                    if let Some(styles) = &mut self.styles {
                        styles.cell(&attrs, matches!(event, Event::Start(_)));
                    }
                    self.cell = Some(attrs);
                }
                b"row" => self.styles.iter_mut().for_each(|s| s.row(e)),
                b"col" => self.styles.iter_mut().for_each(|s| s.col(e)),
                b"v" | b"is" => self.styles.iter_mut().for_each(SheetStyles::value),
                b"mergeCell" => {
                    if let Some(merges) = &mut self.merges {
                        if let Some(range) = exact_attr(e, b"ref").map_err(|m| format!("mergeCell: {m}"))? {
                            merges.push(area(&range).map_err(|m| format!("mergeCell: {m}"))?);
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"c" => {
                if let Some(styles) = &mut self.styles {
                    styles.current = None;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

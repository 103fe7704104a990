//! Reader for Word documents (DOCX): `word/document.xml` streamed with quick-xml.
//!
//! - Paragraphs become [`BlockKind::Paragraph`], or [`BlockKind::Heading`] when their style (or
//!   a style it is based on) is a heading (`heading N`, `Title`, an outline level) or the
//!   paragraph has its own outline level.
//! - Tables become grids: `w:gridSpan` is a column span, `w:vMerge` restart/continue a row span,
//!   `w:gridBefore` shifts a row. A table inside a cell is emitted as its own block after the
//!   outer table; a wrapper table with no text of its own is dropped for the tables it holds.
//!   Two tables with only a page or section break between them, and the same width, are one.
//! - Field codes (`w:instrText`, the part of a field before `separate`), deleted text, bookmarks
//!   and the `mc:Fallback` copies of drawings are not text. Text boxes and footnotes/endnotes are
//!   kept as paragraphs (a text box after the block holding it, notes at the end), each with a
//!   warning, so nothing is silently dropped.
//!
//! Provenance: `line_start`/`line_end` count the paragraphs of `word/document.xml` (1-based),
//! `byte_start`/`byte_end` are offsets into that XML part.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::provenance::Provenance;
use crate::read::zip_limits::{check_depth, LimitedZip};
use crate::read::ReadOptions;

const FORMAT: &str = "DOCX";
/// Elements whose whole subtree carries no visible text of the current version.
const SKIPPED: [&[u8]; 11] = [
    b"instrText",
    b"delInstrText",
    b"delText",
    b"del",
    b"moveFrom",
    b"Fallback",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"tcPrChange",
    b"trPrChange",
];

/// Read a DOCX file.
///
/// # Errors
/// [`ErrorKind::Malformed`] for a damaged zip or XML, [`ErrorKind::LimitExceeded`] past the
/// limits of [`ReadOptions`].
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let mut zip = LimitedZip::open(source, data, FORMAT, options)?;
    read_zip(&mut zip, options)
}

/// Read a DOCX from an opened zip.
///
/// # Errors
/// As [`read`].
pub fn read_zip(zip: &mut LimitedZip<'_>, options: &ReadOptions) -> Result<Blocks> {
    let entry = "word/document.xml";
    let Some(document) = zip.read_entry(entry, options.max_xml_bytes)? else {
        return Err(Error::new(
            ErrorKind::Malformed { format: FORMAT.into(), message: "no word/document.xml".into() },
            zip.location(entry, None),
        ));
    };
    let styles = match zip.read_entry("word/styles.xml", options.max_xml_bytes)? {
        Some(xml) => heading_styles(&xml, options, || zip.location("word/styles.xml", None))?,
        None => HashMap::new(),
    };
    let mut blocks = Blocks::default();
    let mut parser = Parser::new(&styles, options);
    parser.run(&document, &mut blocks, &|byte| zip.location(entry, Some(byte)))?;
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        let Some(xml) = zip.read_entry(notes, options.max_xml_bytes)? else { continue };
        let mut note_blocks = Blocks::default();
        let mut parser = Parser::new(&styles, options);
        parser.notes = true;
        parser.run(&xml, &mut note_blocks, &|byte| zip.location(notes, Some(byte)))?;
        for mut block in note_blocks.blocks {
            if let BlockKind::Heading { text, .. } = block.kind {
                block.kind = BlockKind::Paragraph { text };
            }
            blocks.warnings.push(format!("{notes}: note kept as a paragraph at the end: {:?}", block.text()));
            blocks.blocks.push(block);
        }
    }
    blocks.format = "docx".into();
    blocks.encoding = "UTF-8".into();
    Ok(blocks)
}

/// Paragraph style id → heading level (1-based), following `w:basedOn`.
fn heading_styles(xml: &[u8], options: &ReadOptions, location: impl Fn() -> Location) -> Result<HashMap<String, u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut depth = 0usize;
    // id → (name, based_on, outline level)
    let mut styles: HashMap<String, (String, Option<String>, Option<u8>)> = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(&e, reader.error_position(), &location))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    check_depth(depth, options.max_xml_depth, &location)?;
                }
                let name = e.local_name();
                match name.as_ref() {
                    b"style" => {
                        current = attr(e, b"styleId");
                        if let Some(id) = &current {
                            styles.entry(id.clone()).or_default();
                        }
                    }
                    b"name" | b"basedOn" | b"outlineLvl" => {
                        if let (Some(id), Some(val)) = (&current, attr(e, b"val")) {
                            let entry = styles.entry(id.clone()).or_default();
                            match name.as_ref() {
                                b"name" => entry.0 = val.to_ascii_lowercase(),
                                b"basedOn" => entry.1 = Some(val),
                                _ => entry.2 = val.parse::<u8>().ok().filter(|&l| l < 9).map(|l| l + 1),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
    }
    let own = |id: &str| -> Option<u8> {
        let (name, _, outline) = styles.get(id)?;
        outline
            .or_else(|| {
                let n = name.strip_prefix("heading ")?.trim().parse::<u8>().ok()?;
                Some(n)
            })
            .or_else(|| (name == "title").then_some(1))
    };
    let mut levels = HashMap::new();
    for id in styles.keys() {
        let mut cursor = Some(id.clone());
        for _ in 0..16 {
            let Some(c) = cursor else { break };
            if let Some(level) = own(&c) {
                levels.insert(id.clone(), level);
                break;
            }
            cursor = styles.get(&c).and_then(|s| s.1.clone());
        }
    }
    Ok(levels)
}

fn xml_error(error: &quick_xml::Error, position: u64, location: &impl Fn() -> Location) -> Error {
    let mut at = location();
    at.byte = Some(position as usize);
    Error::new(ErrorKind::Malformed { format: FORMAT.into(), message: format!("XML: {error}") }, at)
}

/// The value of the attribute with local name `key` (any namespace prefix).
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key).map(|a| {
        let raw = String::from_utf8_lossy(&a.value);
        quick_xml::escape::unescape(&raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
    })
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    has_break: bool,
    start: usize,
    ordinal: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

struct CellBuild {
    paras: Vec<String>,
    span: usize,
    vmerge: VMerge,
    start: usize,
    ordinal: usize,
}

#[derive(Default)]
struct TableBuild {
    rows: Vec<(usize, Vec<CellBuild>)>,
    nested: Vec<Block>,
    start: usize,
    ordinal: usize,
}

struct Parser<'s> {
    styles: &'s HashMap<String, u8>,
    options: &'s ReadOptions,
    notes: bool,
    paras: Vec<Para>,
    tables: Vec<TableBuild>,
    textbox_depth: usize,
    textbox_paras: Vec<Block>,
    fields: Vec<bool>,
    in_text: bool,
    in_run: bool,
    ordinal: usize,
    /// After a top-level table: `Some(true)` once only empty paragraphs with a break followed.
    after_table: Option<bool>,
    cells: u64,
}

impl<'s> Parser<'s> {
    fn new(styles: &'s HashMap<String, u8>, options: &'s ReadOptions) -> Self {
        Parser {
            styles,
            options,
            notes: false,
            paras: Vec::new(),
            tables: Vec::new(),
            textbox_depth: 0,
            textbox_paras: Vec::new(),
            fields: Vec::new(),
            in_text: false,
            in_run: false,
            ordinal: 0,
            after_table: None,
            cells: 0,
        }
    }

    fn run(&mut self, xml: &[u8], blocks: &mut Blocks, location: &dyn Fn(usize) -> Location) -> Result<()> {
        let mut reader = Reader::from_reader(xml);
        let mut depth = 0usize;
        let mut skip_until: Option<usize> = None;
        loop {
            let start = reader.buffer_position() as usize;
            let event = reader.read_event().map_err(|e| xml_error(&e, reader.error_position(), &|| location(start)))?;
            let end = reader.buffer_position() as usize;
            match event {
                Event::Start(e) => {
                    depth += 1;
                    check_depth(depth, self.options.max_xml_depth, || location(start))?;
                    if skip_until.is_none() {
                        if SKIPPED.contains(&e.local_name().as_ref()) {
                            skip_until = Some(depth);
                        } else {
                            self.start(&e, start, location)?;
                        }
                    }
                }
                Event::Empty(e) if skip_until.is_none() => {
                    self.start(&e, start, location)?;
                    self.end(e.local_name().as_ref(), end, blocks, location)?;
                }
                Event::End(e) => {
                    if skip_until == Some(depth) {
                        skip_until = None;
                    } else if skip_until.is_none() {
                        self.end(e.local_name().as_ref(), end, blocks, location)?;
                    }
                    depth = depth.saturating_sub(1);
                }
                Event::Text(t) if self.in_text && skip_until.is_none() => {
                    let text =
                        t.unescape().map_or_else(|_| String::from_utf8_lossy(&t).into_owned(), |c| c.into_owned());
                    self.push_text(&text);
                }
                Event::CData(t) if self.in_text && skip_until.is_none() => {
                    self.push_text(&String::from_utf8_lossy(&t));
                }
                Event::Eof => {
                    if depth > 0 {
                        let kind = ErrorKind::Malformed {
                            format: FORMAT.into(),
                            message: format!("the XML ends inside {depth} open elements"),
                        };
                        return Err(Error::new(kind, location(start)));
                    }
                    break;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str) {
        if self.fields.iter().any(|&instr| instr) {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, pos: usize, location: &dyn Fn(usize) -> Location) -> Result<()> {
        match e.local_name().as_ref() {
            b"p" => {
                self.ordinal += 1;
                self.paras.push(Para { start: pos, ordinal: self.ordinal, ..Para::default() });
            }
            b"t" => self.in_text = true,
            b"r" => self.in_run = true,
            b"tab" if self.in_run => self.push_text(" "),
            b"br" | b"cr" => match attr(e, b"type").as_deref() {
                Some("page") | Some("column") => self.mark_break(),
                _ => self.push_text("\n"),
            },
            b"lastRenderedPageBreak" | b"sectPr" => self.mark_break(),
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"pStyle" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"outlineLvl" => {
                if let Some(p) = self.paras.last_mut() {
                    p.outline = attr(e, b"val").and_then(|v| v.parse::<u8>().ok());
                }
            }
            b"txbxContent" => self.textbox_depth += 1,
            b"tbl" => {
                self.tables.push(TableBuild { start: pos, ordinal: self.ordinal + 1, ..TableBuild::default() });
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push((0, Vec::new()));
                }
            }
            b"gridBefore" => {
                let n = attr(e, b"val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(1000);
                if let Some((before, _)) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    *before = n;
                }
            }
            b"tc" => {
                self.cells += 1;
                if self.cells > self.options.max_cells_per_sheet {
                    return Err(Error::new(
                        ErrorKind::LimitExceeded {
                            what: "table cells".into(),
                            actual: self.cells,
                            limit: self.options.max_cells_per_sheet,
                        },
                        location(pos),
                    ));
                }
                let ordinal = self.ordinal + 1;
                if let Some((_, row)) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(CellBuild { paras: Vec::new(), span: 1, vmerge: VMerge::None, start: pos, ordinal });
                }
            }
            b"gridSpan" => {
                let n = attr(e, b"val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 1000);
                if let Some(cell) = self.current_cell() {
                    cell.span = n;
                }
            }
            b"vMerge" => {
                let restart = attr(e, b"val").as_deref() == Some("restart");
                if let Some(cell) = self.current_cell() {
                    cell.vmerge = if restart { VMerge::Restart } else { VMerge::Continue };
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn mark_break(&mut self) {
        if let Some(p) = self.paras.last_mut() {
            p.has_break = true;
        }
    }

    fn current_cell(&mut self) -> Option<&mut CellBuild> {
        self.tables.last_mut()?.rows.last_mut()?.1.last_mut()
    }

    fn end(
        &mut self,
        name: &[u8],
        pos: usize,
        blocks: &mut Blocks,
        location: &dyn Fn(usize) -> Location,
    ) -> Result<()> {
        match name {
            b"t" => self.in_text = false,
            b"r" => self.in_run = false,
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.end_paragraph(p, pos, blocks);
                }
            }
            b"txbxContent" => self.textbox_depth = self.textbox_depth.saturating_sub(1),
            b"tbl" => {
                if let Some(table) = self.tables.pop() {
                    self.end_table(table, pos, blocks, location)?;
                }
            }
            _ => {}
        }
        if self.paras.is_empty() && self.textbox_depth == 0 && self.tables.is_empty() && !self.textbox_paras.is_empty()
        {
            for block in self.textbox_paras.drain(..) {
                blocks.warnings.push(format!("text box kept as a paragraph after its block: {:?}", block.text()));
                blocks.blocks.push(block);
            }
        }
        Ok(())
    }

    fn end_paragraph(&mut self, p: Para, pos: usize, blocks: &mut Blocks) {
        let text = p.text.trim().to_string();
        let provenance = Provenance::lines(p.ordinal, p.ordinal, p.start, pos);
        if self.textbox_depth > 0 {
            if !text.is_empty() {
                self.textbox_paras.push(Block { kind: BlockKind::Paragraph { text }, provenance });
            }
            return;
        }
        if let Some(table) = self.tables.last_mut() {
            if let Some(cell) = table.rows.last_mut().and_then(|r| r.1.last_mut()) {
                cell.paras.push(p.text);
            }
            return;
        }
        if text.is_empty() {
            if p.has_break && self.after_table.is_some() {
                self.after_table = Some(true);
            }
            return;
        }
        self.after_table = None;
        let level = p
            .outline
            .filter(|&l| l < 9)
            .map(|l| l + 1)
            .or_else(|| p.style.as_ref().and_then(|s| self.styles.get(s).copied()));
        let kind = match level {
            Some(level) if !self.notes => BlockKind::Heading { level, text },
            _ => BlockKind::Paragraph { text },
        };
        blocks.blocks.push(Block { kind, provenance });
    }

    fn end_table(
        &mut self,
        table: TableBuild,
        pos: usize,
        blocks: &mut Blocks,
        location: &dyn Fn(usize) -> Location,
    ) -> Result<()> {
        let provenance = Provenance::lines(table.ordinal, self.ordinal.max(table.ordinal), table.start, pos);
        let grid = build_grid(&table.rows, table.ordinal, self.options, || location(table.start))?;
        let block = Block { kind: BlockKind::Table(grid), provenance };
        if let Some(parent) = self.tables.last_mut() {
            parent.nested.push(block);
            parent.nested.extend(table.nested);
            return Ok(());
        }
        let BlockKind::Table(grid) = &block.kind else { return Ok(()) };
        let has_text = grid.cells.iter().any(|c| !c.text.trim().is_empty());
        if !has_text && !table.nested.is_empty() {
            blocks.warnings.push(format!(
                "paragraph {}: layout table without text dropped for the tables it holds",
                table.ordinal
            ));
        } else {
            self.push_table(block, blocks);
        }
        for nested in table.nested {
            blocks.warnings.push(format!(
                "paragraph {}: table nested in a table cell emitted after it",
                nested.provenance.line_start
            ));
            self.push_table(nested, blocks);
        }
        Ok(())
    }

    /// Emit a table, joining it to the table before when only a page/section break separates them.
    fn push_table(&mut self, block: Block, blocks: &mut Blocks) {
        let joinable = self.after_table == Some(true);
        self.after_table = Some(false);
        if let (true, Some(Block { kind: BlockKind::Table(prev), provenance }), BlockKind::Table(next)) =
            (joinable, blocks.blocks.last_mut(), &block.kind)
        {
            if prev.n_cols == next.n_cols {
                let offset = prev.n_rows;
                prev.cells.extend(next.cells.iter().cloned().map(|mut c| {
                    c.row += offset;
                    c
                }));
                prev.n_rows += next.n_rows;
                *provenance = provenance.union(&block.provenance);
                blocks.warnings.push(format!(
                    "paragraph {}: table continued after a page/section break joined to the table before",
                    block.provenance.line_start
                ));
                return;
            }
        }
        blocks.blocks.push(block);
    }
}

/// Resolve `w:gridSpan` / `w:vMerge` / `w:gridBefore` into a grid of spans.
fn build_grid(
    rows: &[(usize, Vec<CellBuild>)],
    ordinal: usize,
    options: &ReadOptions,
    location: impl Fn() -> Location,
) -> Result<Grid> {
    let mut grid = Grid { n_rows: rows.len(), ..Grid::default() };
    // Column → index of the cell whose vertical merge is open there.
    let mut open: HashMap<usize, usize> = HashMap::new();
    for (r, (before, cells)) in rows.iter().enumerate() {
        let mut col = *before;
        for cell in cells {
            if col as u64 > options.max_cells_per_sheet {
                return Err(Error::new(
                    ErrorKind::LimitExceeded {
                        what: "table columns".into(),
                        actual: col as u64,
                        limit: options.max_cells_per_sheet,
                    },
                    location(),
                ));
            }
            let owner = open.get(&col).copied().filter(|&i| {
                let c: &Cell = &grid.cells[i];
                c.row + c.row_span == r && c.col_span == cell.span
            });
            match (cell.vmerge, owner) {
                (VMerge::Continue, Some(i)) => grid.cells[i].row_span += 1,
                _ => {
                    let text = cell.paras.join("\n").trim().to_string();
                    let provenance =
                        Provenance::lines(cell.ordinal.max(ordinal), cell.ordinal.max(ordinal), cell.start, cell.start);
                    grid.cells.push(Cell { row: r, col, row_span: 1, col_span: cell.span, text, provenance });
                    if cell.vmerge == VMerge::Restart {
                        open.insert(col, grid.cells.len() - 1);
                    } else {
                        open.remove(&col);
                    }
                }
            }
            col += cell.span;
        }
        grid.n_cols = grid.n_cols.max(col);
    }
    Ok(grid)
}

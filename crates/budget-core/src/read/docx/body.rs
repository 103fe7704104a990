//! The body of `word/document.xml` (and of notes parts): a streaming state machine over
//! quick-xml events that yields paragraphs, headings and table grids. See [`crate::read::docx`].

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::provenance::Provenance;
use crate::read::docx::{xml_error, FORMAT};
use crate::read::xml::{attr, check_depth};
use crate::read::ReadOptions;

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

pub(crate) struct Parser<'s> {
    styles: &'s HashMap<String, u8>,
    options: &'s ReadOptions,
    pub(crate) notes: bool,
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
    pub(crate) fn new(styles: &'s HashMap<String, u8>, options: &'s ReadOptions) -> Self {
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

    pub(crate) fn run(&mut self, xml: &[u8], blocks: &mut Blocks, location: &dyn Fn(usize) -> Location) -> Result<()> {
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
        if grid.cells.is_empty() {
            // `<w:tbl/>` or a table without rows: nothing to keep.
        } else if !has_text && !table.nested.is_empty() {
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
        // Grid columns skipped before the first cell (w:gridBefore) are blank cells, so the row
        // keeps its width as in a text layout.
        for col in 0..*before {
            let provenance = Provenance::lines(ordinal, ordinal, 0, 0);
            grid.cells.push(Cell { row: r, col, row_span: 1, col_span: 1, text: String::new(), provenance });
        }
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

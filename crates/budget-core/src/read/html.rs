//! Reader for HTML pages: html5ever's tokenizer (entities, comments, `<script>`/`<style>` raw
//! text as the standard says) and a small tree builder that knows the implied ends of table,
//! row, cell and paragraph elements.
//!
//! - The charset comes from the BOM, else a `<meta charset>` / `http-equiv` declaration in the
//!   first 4 KiB, else UTF-8 when valid, else GB18030 (a GBK/GB2312 declaration is read as
//!   GB18030, its superset).
//! - `h1`–`h6` are headings; `p`, `div`, `li` and other blocks are paragraphs, split at `<br>`.
//! - A `<table>` is a grid with `rowspan`/`colspan` placed as browsers do; `&nbsp;` is a space,
//!   `<br>` inside a cell a line break. A table that holds tables in its cells is page layout:
//!   its content is read as blocks in order.
//! - `script`, `style`, `head` content, comments and `<title>` are not text.
//! - Element nesting deeper than [`ReadOptions::max_html_depth`] is an error, and so are more
//!   elements and text runs than [`ReadOptions::max_cells_per_sheet`] (the tree is in memory).
//!
//! Provenance: `line_start`/`line_end` are the lines of the decoded text.

use std::cell::RefCell;
use std::collections::HashSet;

use encoding_rs::{Encoding, GB18030, GBK, UTF_8};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

use crate::blocks::{Block, BlockKind, Blocks, Cell, Grid};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::provenance::Provenance;
use crate::read::{decode, ReadOptions};

const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const HIDDEN: [&str; 6] = ["script", "style", "title", "template", "noscript", "select"];
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "section",
    "article",
    "center",
    "form",
    "pre",
    "address",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "figure",
    "caption",
];

/// Decode the bytes of an HTML page, honouring its charset declaration.
///
/// # Errors
/// [`ErrorKind::Decode`] when the bytes are not text in the chosen encoding.
pub fn decode_html(data: &[u8]) -> std::result::Result<(String, &'static str), ErrorKind> {
    if Encoding::for_bom(data).is_none() && std::str::from_utf8(data).is_err() {
        if let Some(encoding) = declared_charset(data) {
            let encoding = if encoding == GBK { GB18030 } else { encoding };
            if encoding != UTF_8 && encoding.is_ascii_compatible() {
                let (text, _, _) = encoding.decode(data);
                return Ok((text.replace("\r\n", "\n").replace('\r', "\n"), encoding.name()));
            }
        }
    }
    let decoded = decode::decode(data)?;
    Ok((decoded.text, decoded.encoding))
}

/// The encoding named by `<meta charset=…>` or `content="…; charset=…"` in the first 4 KiB.
fn declared_charset(data: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&data[..data.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("charset") {
        rest = &rest[at + "charset".len()..];
        let value = rest.trim_start().strip_prefix('=')?.trim_start().trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
        if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
            return Some(encoding);
        }
    }
    None
}

/// Read an HTML page.
///
/// # Errors
/// [`ErrorKind::Decode`] for undecodable bytes, [`ErrorKind::LimitExceeded`] past the nesting
/// or cell limits of [`ReadOptions`].
pub fn read(source: &str, data: &[u8], options: &ReadOptions) -> Result<Blocks> {
    let (text, encoding) = decode_html(data).map_err(|kind| Error::new(kind, Location::source(source)))?;
    let tree = parse(&text, options).map_err(|(kind, line)| Error::new(kind, Location::line(source, line)))?;
    let mut out = Output { options, blocks: Blocks::default(), pending: String::new(), pending_lines: None };
    out.walk(&tree, 0).map_err(|kind| Error::new(kind, Location::source(source)))?;
    out.flush();
    let mut blocks = out.blocks;
    blocks.format = "html".into();
    blocks.encoding = encoding.to_string();
    Ok(blocks)
}

#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    /// Text content (for text nodes, `name` is empty).
    text: String,
    children: Vec<usize>,
    line: usize,
    last_line: usize,
}

#[derive(Debug)]
struct Tree {
    nodes: Vec<Node>,
    /// Whether a node has a `<table>` among its descendants (computed once, bottom-up).
    table_below: Vec<bool>,
}

struct Sink {
    state: RefCell<Builder>,
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<usize>,
    hidden: usize,
    max_depth: u64,
    max_nodes: u64,
    error: Option<(ErrorKind, usize)>,
}

impl Builder {
    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn open_index(&self, names: &[&str], stop: &[&str]) -> Option<usize> {
        for (i, &node) in self.stack.iter().enumerate().rev() {
            let name = self.nodes[node].name.as_str();
            if names.contains(&name) {
                return Some(i);
            }
            if stop.contains(&name) {
                return None;
            }
        }
        None
    }

    fn close_to(&mut self, index: usize, line: usize) {
        while self.stack.len() > index.max(1) {
            if let Some(node) = self.stack.pop() {
                self.nodes[node].last_line = line;
                if HIDDEN.contains(&self.nodes[node].name.as_str()) {
                    self.hidden = self.hidden.saturating_sub(1);
                }
            }
        }
    }

    fn push(&mut self, name: &str, attrs: Vec<(String, String)>, line: usize) {
        // The root is on the stack: a new element's depth is the stack's length.
        if self.stack.len() as u64 > self.max_depth {
            let depth = self.stack.len() as u64;
            self.error.get_or_insert((
                ErrorKind::LimitExceeded { what: "HTML nesting depth".into(), actual: depth, limit: self.max_depth },
                line,
            ));
            return;
        }
        if !self.room(line) {
            return;
        }
        let index = self.nodes.len();
        self.nodes.push(Node { name: name.to_string(), attrs, line, last_line: line, ..Node::default() });
        let parent = self.current();
        self.nodes[parent].children.push(index);
        self.stack.push(index);
        if HIDDEN.contains(&name) {
            self.hidden += 1;
        }
    }

    /// Is there room for one more node under the element limit? Records the error if not.
    fn room(&mut self, line: usize) -> bool {
        if self.nodes.len() as u64 >= self.max_nodes {
            let actual = self.nodes.len() as u64 + 1;
            let kind =
                ErrorKind::LimitExceeded { what: "HTML elements and text runs".into(), actual, limit: self.max_nodes };
            self.error.get_or_insert((kind, line));
            return false;
        }
        true
    }

    fn start(&mut self, tag: &Tag, line: usize) {
        let name = tag.name.as_ref().to_ascii_lowercase();
        let name = name.as_str();
        let attrs =
            tag.attrs.iter().map(|a| (a.name.local.as_ref().to_ascii_lowercase(), a.value.to_string())).collect();
        match name {
            "td" | "th" => {
                if let Some(i) = self.open_index(&["td", "th"], &["tr", "table"]) {
                    self.close_to(i, line);
                }
                if self.open_index(&["tr"], &["table"]).is_none() {
                    if self.open_index(&["table"], &[]).is_none() {
                        return;
                    }
                    self.push("tr", Vec::new(), line);
                }
            }
            "tr" => {
                if let Some(i) = self.open_index(&["tr"], &["table"]) {
                    self.close_to(i, line);
                }
            }
            "thead" | "tbody" | "tfoot" => {
                if let Some(i) = self.open_index(&["thead", "tbody", "tfoot"], &["table"]) {
                    self.close_to(i, line);
                }
            }
            "p" | "li" | "dt" | "dd" => {
                if let Some(i) = self.open_index(&[name], &["table", "td", "th", "div", "ul", "ol"]) {
                    self.close_to(i, line);
                }
            }
            _ => {}
        }
        if VOID.contains(&name) {
            if name == "br" && self.room(line) {
                let parent = self.current();
                self.nodes.push(Node { name: "br".into(), line, last_line: line, ..Node::default() });
                let index = self.nodes.len() - 1;
                self.nodes[parent].children.push(index);
            }
            return;
        }
        if !tag.self_closing {
            self.push(name, attrs, line);
        }
    }

    fn end(&mut self, tag: &Tag, line: usize) {
        let name = tag.name.as_ref().to_ascii_lowercase();
        let stop: &[&str] = match name.as_str() {
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" => &["table"],
            "table" => &[],
            _ => &["table", "td", "th"],
        };
        if let Some(i) = self.open_index(&[name.as_str()], stop) {
            self.close_to(i, line);
        }
    }

    fn text(&mut self, text: &str, line: usize) {
        if self.hidden > 0 {
            return;
        }
        let parent = self.current();
        if let Some(&last) = self.nodes[parent].children.last() {
            if self.nodes[last].name.is_empty() {
                self.nodes[last].text.push_str(text);
                self.nodes[last].last_line = line;
                return;
            }
        }
        if !self.room(line) {
            return;
        }
        self.nodes.push(Node { text: text.to_string(), line, last_line: line, ..Node::default() });
        let index = self.nodes.len() - 1;
        self.nodes[parent].children.push(index);
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = line as usize;
        let mut b = self.state.borrow_mut();
        if b.error.is_some() {
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    b.start(&tag, line);
                    match tag.name.as_ref() {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => return TokenSinkResult::Plaintext,
                        _ => {}
                    }
                }
                TagKind::EndTag => b.end(&tag, line),
            },
            Token::CharacterTokens(text) => b.text(&text, line),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn parse(text: &str, options: &ReadOptions) -> std::result::Result<Tree, (ErrorKind, usize)> {
    let root = Node { name: "#root".into(), ..Node::default() };
    let builder = Builder {
        nodes: vec![root],
        stack: vec![0],
        hidden: 0,
        max_depth: options.max_html_depth,
        max_nodes: options.max_cells_per_sheet,
        error: None,
    };
    let sink = Sink { state: RefCell::new(builder) };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let builder = tokenizer.sink.state.into_inner();
    if let Some(error) = builder.error {
        return Err(error);
    }
    // Children always come after their parent in the arena: one backward pass.
    let mut table_below = vec![false; builder.nodes.len()];
    for i in (0..builder.nodes.len()).rev() {
        table_below[i] = builder.nodes[i].children.iter().any(|&c| builder.nodes[c].name == "table" || table_below[c]);
    }
    Ok(Tree { nodes: builder.nodes, table_below })
}

struct Output<'o> {
    options: &'o ReadOptions,
    blocks: Blocks,
    pending: String,
    pending_lines: Option<(usize, usize)>,
}

impl Output<'_> {
    fn flush(&mut self) {
        let Some((first, last)) = self.pending_lines.take() else { return };
        let text = std::mem::take(&mut self.pending);
        for line in text.split('\n') {
            let line = collapse(line);
            if !line.is_empty() {
                let provenance = Provenance::lines(first, last, 0, 0);
                self.blocks.blocks.push(Block { kind: BlockKind::Paragraph { text: line }, provenance });
            }
        }
    }

    fn inline(&mut self, text: &str, first: usize, last: usize) {
        self.pending.push_str(text);
        let (a, b) = self.pending_lines.unwrap_or((first, last));
        self.pending_lines = Some((a.min(first), b.max(last)));
    }

    fn walk(&mut self, tree: &Tree, index: usize) -> std::result::Result<(), ErrorKind> {
        // An explicit stack keeps deep (but allowed) nesting off the call stack.
        let mut work: Vec<(usize, bool)> = vec![(index, false)];
        while let Some((i, closing)) = work.pop() {
            let node = &tree.nodes[i];
            let name = node.name.as_str();
            if closing {
                if BLOCKS.contains(&name) {
                    self.flush();
                }
                continue;
            }
            match name {
                "" => self.inline(&node.text, node.line, node.last_line),
                "br" => self.inline("\n", node.line, node.line),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush();
                    let text = collapse(&inner_text(tree, i));
                    if !text.is_empty() {
                        let level = name.as_bytes()[1] - b'0';
                        let provenance = Provenance::lines(node.line, node.last_line, 0, 0);
                        self.blocks.blocks.push(Block { kind: BlockKind::Heading { level, text }, provenance });
                    }
                }
                "table" if holds_table(tree, i) => {
                    self.flush();
                    self.blocks.warnings.push(format!("line {}: layout table read as its content", node.line));
                    for &child in table_cells(tree, i).iter().rev() {
                        work.push((child, true));
                        work.push((child, false));
                    }
                }
                "table" => {
                    self.flush();
                    let grid = table_grid(tree, i, self.options)?;
                    let provenance = Provenance::lines(node.line, node.last_line, 0, 0);
                    self.blocks.blocks.push(Block { kind: BlockKind::Table(grid), provenance });
                }
                _ => {
                    if BLOCKS.contains(&name) || name == "td" || name == "th" {
                        self.flush();
                    }
                    work.push((i, true));
                    for &child in node.children.iter().rev() {
                        work.push((child, false));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Collapse whitespace runs to one space (a no-break space counts as a space), trimmed.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The text under a node: `<br>` and block ends as line breaks.
fn inner_text(tree: &Tree, index: usize) -> String {
    let mut out = String::new();
    let mut work = vec![(index, false)];
    while let Some((i, closing)) = work.pop() {
        let node = &tree.nodes[i];
        if closing {
            if BLOCKS.contains(&node.name.as_str()) && !out.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        match node.name.as_str() {
            "" => out.push_str(&node.text),
            "br" => out.push('\n'),
            _ => {
                work.push((i, true));
                work.extend(node.children.iter().rev().map(|&c| (c, false)));
            }
        }
    }
    out
}

/// The cell text: each line collapsed, blank lines dropped, joined with `\n`.
fn cell_text(tree: &Tree, index: usize) -> String {
    inner_text(tree, index).split('\n').map(collapse).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn is_table_part(name: &str) -> bool {
    matches!(name, "tr" | "thead" | "tbody" | "tfoot")
}

/// The cells (`td`/`th`) of a table, in order, not descending into nested tables.
fn table_cells(tree: &Tree, table: usize) -> Vec<usize> {
    rows(tree, table).into_iter().flat_map(|r| cells_of_row(tree, r)).collect()
}

fn rows(tree: &Tree, table: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut work: Vec<usize> = tree.nodes[table].children.iter().rev().copied().collect();
    while let Some(i) = work.pop() {
        match tree.nodes[i].name.as_str() {
            "tr" => out.push(i),
            n if is_table_part(n) || n == "form" => work.extend(tree.nodes[i].children.iter().rev().copied()),
            _ => {}
        }
    }
    out
}

fn cells_of_row(tree: &Tree, row: usize) -> Vec<usize> {
    tree.nodes[row].children.iter().copied().filter(|&c| matches!(tree.nodes[c].name.as_str(), "td" | "th")).collect()
}

/// Does a cell of this table hold a table?
fn holds_table(tree: &Tree, table: usize) -> bool {
    table_cells(tree, table).into_iter().any(|cell| tree.table_below[cell])
}

fn span(node: &Node, key: &str, max: usize) -> usize {
    node.attrs
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.trim().trim_end_matches(';').parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// Place the cells as browsers do: each cell at the first free column of its row.
fn table_grid(tree: &Tree, table: usize, options: &ReadOptions) -> std::result::Result<Grid, ErrorKind> {
    let rows = rows(tree, table);
    let mut grid = Grid { n_rows: rows.len(), ..Grid::default() };
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    let mut area = 0u64;
    for (r, &row) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in cells_of_row(tree, row) {
            while taken.contains(&(r, col)) {
                col += 1;
            }
            let node = &tree.nodes[cell];
            let col_span = span(node, "colspan", 1000);
            let row_span = span(node, "rowspan", 65_534).min(rows.len() - r);
            area += (col_span * row_span) as u64;
            if area > options.max_cells_per_sheet {
                return Err(ErrorKind::LimitExceeded {
                    what: format!("cells of the table at line {}", tree.nodes[table].line),
                    actual: area,
                    limit: options.max_cells_per_sheet,
                });
            }
            for rr in r..r + row_span {
                for cc in col..col + col_span {
                    taken.insert((rr, cc));
                }
            }
            let provenance = Provenance::lines(node.line, node.last_line, 0, 0);
            let text = cell_text(tree, cell);
            grid.cells.push(Cell { row: r, col, row_span, col_span, text, provenance });
            col += col_span;
            grid.n_cols = grid.n_cols.max(col);
        }
    }
    Ok(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Blocks {
        read("t.html", html.as_bytes(), &ReadOptions::default()).unwrap()
    }

    #[test]
    fn spans_entities_and_breaks() {
        let b = blocks(
            "<html><body><h2>收支总表</h2><p>单位：万元<br>编制单位：某局</p><table><tr><td rowspan=2>序号<td colspan=2>收入\
             <tr><td>项&nbsp;目<br>名称<td>&nbsp;</table><script>var x = '<td>';</script>",
        );
        assert_eq!(b.blocks[0].kind, BlockKind::Heading { level: 2, text: "收支总表".into() });
        assert_eq!(b.blocks[1].text(), Some("单位：万元"));
        assert_eq!(b.blocks[2].text(), Some("编制单位：某局"));
        let BlockKind::Table(grid) = &b.blocks[3].kind else { panic!("{:?}", b.blocks[3]) };
        assert_eq!((grid.n_rows, grid.n_cols), (2, 3));
        assert_eq!(grid.get(0, 0).map(|c| c.row_span), Some(2));
        assert_eq!(grid.get(0, 1).map(|c| (c.col_span, c.text.as_str())), Some((2, "收入")));
        assert_eq!(grid.get(1, 1).map(|c| c.text.as_str()), Some("项 目\n名称"));
        assert_eq!(grid.get(1, 2).map(|c| c.text.as_str()), Some(""));
        assert_eq!(b.blocks.len(), 4);
    }

    #[test]
    fn layout_tables_are_read_as_their_content() {
        let b = blocks("<table><tr><td>导航</td></tr><tr><td><p>标题</p><table><tr><td>合计</td><td>1.00</td></tr></table></td></tr></table>");
        assert_eq!(b.blocks[0].text(), Some("导航"));
        assert_eq!(b.blocks[1].text(), Some("标题"));
        assert!(matches!(&b.blocks[2].kind, BlockKind::Table(g) if g.n_cols == 2));
    }

    #[test]
    fn element_count_is_limited() {
        let options = ReadOptions { max_cells_per_sheet: 1000, ..ReadOptions::default() };
        let page = "<b>x</b>".repeat(600);
        let err = read("many.html", page.as_bytes(), &options).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::LimitExceeded { limit: 1000, .. }), "{err}");
        assert!(read("few.html", "<b>x</b>".repeat(400).as_bytes(), &options).is_ok());
    }

    #[test]
    fn meta_charset_is_honoured() {
        let (bytes, _, _) = GB18030.encode("<meta charset=\"gb2312\"><p>单位：万元</p>");
        let b = read("gb.html", &bytes, &ReadOptions::default()).unwrap();
        assert_eq!((b.encoding.as_str(), b.blocks[0].text()), ("gb18030", Some("单位：万元")));
    }
}

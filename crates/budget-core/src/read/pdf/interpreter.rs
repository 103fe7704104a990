//! The content stream interpreter: operators → positioned glyphs and ruling segments.
//!
//! lopdf tokenises; this module keeps the graphics state (CTM, `q`/`Q`), the text state and
//! text matrices, follows Form XObjects (bounded depth, cycle-checked), and hands paths to
//! [`PathBuilder`]. Every loop is bounded by [`PdfOptions`] limits.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::matrix::Matrix;
use super::objects::{get_array, get_dict, get_name, number, stream_bytes};
use super::path::{PathBuilder, RawSegment};
use super::state::{GraphicsState, TextPosition};
use super::PdfOptions;

/// Deepest `q` nesting kept; deeper saves are counted and ignored with their `Q`.
const MAX_SAVE_DEPTH: usize = 1024;

/// Most distinct warnings kept per page.
const MAX_WARNINGS: usize = 64;

/// A glyph placed in default user space (y up), before page normalisation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawChar {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub font_size: f32,
    pub font: Rc<str>,
}

/// Fonts parsed once per document, by object id.
pub(crate) type FontCache = HashMap<ObjectId, Rc<Font>>;

/// What a page's content produced.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub chars: Vec<RawChar>,
    pub segments: Vec<RawSegment>,
    pub has_images: bool,
    pub warnings: Vec<String>,
    /// Glyphs whose font gives no Unicode text.
    pub unmapped_glyphs: usize,
    /// Glyphs not kept because the page reached [`PdfOptions::max_chars_per_page`].
    pub dropped_chars: usize,
}

/// Interprets the content of one page (and the forms it draws).
pub(crate) struct Interpreter<'a> {
    pub(super) doc: &'a Document,
    pub(super) options: &'a PdfOptions,
    pub(super) fonts: &'a mut FontCache,
    pub(super) out: PageContent,
    pub(super) state: GraphicsState,
    pub(super) text: TextPosition,
    stack: Vec<GraphicsState>,
    ignored_saves: usize,
    path: PathBuilder,
    forms: Vec<ObjectId>,
    operations_left: usize,
    content_bytes_left: usize,
    font_names: HashMap<Vec<u8>, Rc<str>>,
    started: std::time::Instant,
    stopped: bool,
}

impl<'a> Interpreter<'a> {
    /// An interpreter for a page whose default CTM is `ctm`.
    pub fn new(doc: &'a Document, options: &'a PdfOptions, fonts: &'a mut FontCache, ctm: Matrix) -> Self {
        Interpreter {
            doc,
            options,
            fonts,
            out: PageContent::default(),
            state: GraphicsState::new(ctm),
            text: TextPosition::default(),
            stack: Vec::new(),
            ignored_saves: 0,
            path: PathBuilder::default(),
            forms: Vec::new(),
            operations_left: options.max_operations_per_page,
            content_bytes_left: options.max_content_bytes_per_page,
            font_names: HashMap::new(),
            started: std::time::Instant::now(),
            stopped: false,
        }
    }

    /// Note a warning once: a flood of the same problem (a form skipped a million times)
    /// gives one line, and a page keeps at most [`MAX_WARNINGS`] distinct ones.
    pub(super) fn warn(&mut self, message: String) {
        if self.out.warnings.len() < MAX_WARNINGS && !self.out.warnings.contains(&message) {
            self.out.warnings.push(message);
        }
    }

    /// Content bytes charged so far on this page.
    pub fn bytes_used(&self) -> usize {
        self.options.max_content_bytes_per_page - self.content_bytes_left
    }

    /// The result, once all content ran.
    pub fn finish(self) -> PageContent {
        self.out
    }

    /// Charge `len` content bytes against the page budget; false (with a warning) when spent.
    pub fn charge_bytes(&mut self, len: usize) -> bool {
        if len > self.content_bytes_left {
            self.warn(format!(
                "content exceeds the limit of {} bytes per page; the rest is skipped",
                self.options.max_content_bytes_per_page
            ));
            self.content_bytes_left = 0;
            return false;
        }
        self.content_bytes_left -= len;
        true
    }

    /// Run a content stream with `resources`: the prefix within the operand and nesting limits
    /// (see [`content_guard`](super::content_guard)), while operators and time last.
    pub fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>) {
        if self.stopped {
            return;
        }
        let limits =
            super::content_guard::Limits { operands: self.options.max_operands, nesting: self.options.max_nesting };
        let content = match super::content_guard::check(content, limits) {
            Some(cut) => {
                self.warn(format!(
                    "content stream has {} at byte {}; the rest of the stream is skipped",
                    cut.reason, cut.keep
                ));
                &content[..cut.keep]
            }
            None => content,
        };
        for (index, operation) in Content::decode_iter(content).enumerate() {
            let operation = match operation {
                Ok(operation) => operation,
                Err(_) => {
                    self.warn(format!("content stream syntax error after {index} operators; rest skipped"));
                    return;
                }
            };
            if self.operations_left == 0 {
                self.warn(format!(
                    "more than {} operators on the page; the rest is skipped",
                    self.options.max_operations_per_page
                ));
                self.stopped = true;
                return;
            }
            self.operations_left -= 1;
            if self.operations_left.is_multiple_of(4096) && self.started.elapsed() > self.options.max_time_per_page {
                self.warn(format!(
                    "interpreting the page took longer than {:?} (the time limit per page); the rest is skipped",
                    self.options.max_time_per_page
                ));
                self.stopped = true;
                return;
            }
            self.execute(&operation.operator, &operation.operands, resources);
        }
    }

    fn execute(&mut self, operator: &str, operands: &[Object], resources: Option<&'a Dictionary>) {
        let n = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
        let ctm = self.state.ctm;
        match operator {
            "q" => {
                if self.stack.len() < MAX_SAVE_DEPTH {
                    self.stack.push(self.state.clone());
                } else {
                    self.ignored_saves += 1;
                }
            }
            "Q" => {
                if self.ignored_saves > 0 {
                    self.ignored_saves -= 1;
                } else if let Some(saved) = self.stack.pop() {
                    self.state = saved;
                }
            }
            "cm" => self.state.ctm = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5)).then(&ctm),
            "m" => self.path.move_to(&ctm, n(0), n(1)),
            "l" => self.path.line_to(&ctm, n(0), n(1)),
            "c" => self.path.curve_to(&ctm, n(4), n(5)),
            "v" | "y" => self.path.curve_to(&ctm, n(2), n(3)),
            "h" => self.path.close(),
            "re" => self.path.rectangle(&ctm, n(0), n(1), n(2), n(3)),
            "S" => self.paint(true, false, false),
            "s" => self.paint(true, false, true),
            "f" | "F" | "f*" => self.paint(false, true, false),
            "B" | "B*" => self.paint(true, true, false),
            "b" | "b*" => self.paint(true, true, true),
            "n" => self.path.discard(),
            "BT" => self.text = TextPosition::default(),
            "Tc" => self.state.text.char_spacing = n(0),
            "Tw" => self.state.text.word_spacing = n(0),
            "Tz" => self.state.text.horizontal_scale = n(0) / 100.0,
            "TL" => self.state.text.leading = n(0),
            "Ts" => self.state.text.rise = n(0),
            "Tf" => self.set_font(operands.first(), n(1), resources),
            "Td" => self.move_line(n(0), n(1)),
            "TD" => {
                self.state.text.leading = -n(1);
                self.move_line(n(0), n(1));
            }
            "Tm" => {
                self.text.line = Matrix::new(n(0), n(1), n(2), n(3), n(4), n(5));
                self.text.matrix = self.text.line;
            }
            "T*" => self.next_line(),
            "Tj" => self.show_operand(operands.first()),
            "'" => {
                self.next_line();
                self.show_operand(operands.first());
            }
            "\"" => {
                self.state.text.word_spacing = n(0);
                self.state.text.char_spacing = n(1);
                self.next_line();
                self.show_operand(operands.get(2));
            }
            "TJ" => self.show_array(operands.first()),
            "Do" => self.draw_xobject(operands.first(), resources),
            "BI" | "ID" | "EI" => self.out.has_images = true,
            _ => {}
        }
    }

    fn paint(&mut self, stroke: bool, fill: bool, close: bool) {
        let limit = self.options.max_segments_per_page;
        if self.out.segments.len() >= limit {
            self.path.discard();
            return;
        }
        self.path.paint(stroke, fill, close, self.options.thin_fill_max, &mut self.out.segments);
        if self.out.segments.len() >= limit {
            self.out.segments.truncate(limit);
            self.warn(format!("more than {limit} ruling segments on the page; the rest is skipped"));
        }
    }

    fn move_line(&mut self, x: f32, y: f32) {
        self.text.line = Matrix::translate(x, y).then(&self.text.line);
        self.text.matrix = self.text.line;
    }

    fn next_line(&mut self) {
        self.move_line(0.0, -self.state.text.leading);
    }

    fn set_font(&mut self, name: Option<&Object>, size: f32, resources: Option<&'a Dictionary>) {
        self.state.text.font_size = size;
        let Some(Object::Name(name)) = name else { return };
        let doc = self.doc;
        let entry = resources.and_then(|res| get_dict(doc, res, b"Font")).and_then(|fonts| fonts.get(name).ok());
        let font = match entry {
            Some(Object::Reference(id)) => match self.fonts.get(id) {
                Some(font) => Some(font.clone()),
                None => doc.get_dictionary(*id).ok().map(|dict| {
                    let font = Rc::new(Font::load(doc, dict, &mut self.out.warnings));
                    self.fonts.insert(*id, font.clone());
                    font
                }),
            },
            Some(Object::Dictionary(dict)) => Some(Rc::new(Font::load(doc, dict, &mut self.out.warnings))),
            _ => None,
        };
        if font.is_none() {
            self.warn(format!("font /{} not found in the resources", String::from_utf8_lossy(name)));
        }
        self.state.text.font = font;
    }

    /// The shared name of the current font, for [`RawChar::font`].
    pub(super) fn font_name(&mut self, font: &Font) -> Rc<str> {
        self.font_names.entry(font.name.as_bytes().to_vec()).or_insert_with(|| Rc::from(font.name.as_str())).clone()
    }

    fn draw_xobject(&mut self, name: Option<&Object>, resources: Option<&'a Dictionary>) {
        let doc = self.doc;
        let Some(Object::Name(name)) = name else { return };
        let Some(entry) =
            resources.and_then(|res| get_dict(doc, res, b"XObject")).and_then(|xobjects| xobjects.get(name).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Some(stream) = super::objects::resolve(doc, entry).as_stream().ok() else { return };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => self.out.has_images = true,
            Some(b"Form") => {
                if self.forms.len() >= self.options.max_form_depth {
                    self.warn(format!("Form XObjects nested deeper than {}; skipped", self.options.max_form_depth));
                    return;
                }
                if id.is_some_and(|id| self.forms.contains(&id)) {
                    self.warn("Form XObject draws itself; the cycle is skipped".to_string());
                    return;
                }
                let content = match stream_bytes(stream, self.content_bytes_left.min(self.options.max_stream_bytes)) {
                    Ok(content) => content,
                    Err(err) => {
                        self.warn(format!("unreadable Form XObject: {err}"));
                        return;
                    }
                };
                if !self.charge_bytes(content.len()) {
                    return;
                }
                let matrix = get_array(doc, &stream.dict, b"Matrix")
                    .filter(|m| m.len() == 6)
                    .map(|m| {
                        let v: Vec<f32> = m.iter().map(|o| number(o).unwrap_or(0.0)).collect();
                        Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5])
                    })
                    .unwrap_or(Matrix::IDENTITY);
                let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
                let saved_state = self.state.clone();
                let saved_stack = self.stack.len();
                let saved_text = self.text;
                self.state.ctm = matrix.then(&self.state.ctm);
                self.forms.push(id.unwrap_or((0, 0)));
                self.path.discard();
                self.run(&content, form_resources);
                self.forms.pop();
                self.stack.truncate(saved_stack);
                self.state = saved_state;
                self.text = saved_text;
            }
            _ => {}
        }
    }
}

//! Graphics and text state of the content interpreter.

use std::rc::Rc;

use super::font::Font;
use super::matrix::Matrix;

/// The text state parameters (PDF 32000-1, 9.3), kept in the graphics state.
#[derive(Debug, Clone)]
pub(crate) struct TextState {
    /// `Tc`, unscaled text space units.
    pub char_spacing: f32,
    /// `Tw`, applied to single-byte code 32.
    pub word_spacing: f32,
    /// `Tz` / 100.
    pub horizontal_scale: f32,
    /// `TL`.
    pub leading: f32,
    /// `Tf` font, if one was set and could be found.
    pub font: Option<Rc<Font>>,
    /// `Tf` size.
    pub font_size: f32,
    /// `Ts`.
    pub rise: f32,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            font: None,
            font_size: 0.0,
            rise: 0.0,
        }
    }
}

/// What `q` saves and `Q` restores.
#[derive(Debug, Clone)]
pub(crate) struct GraphicsState {
    /// The current transformation matrix (user space → default user space of the page).
    pub ctm: Matrix,
    /// Text state parameters.
    pub text: TextState,
}

impl GraphicsState {
    /// The state at the start of a page, with its CTM.
    pub fn new(ctm: Matrix) -> Self {
        GraphicsState { ctm, text: TextState::default() }
    }
}

/// The text object's matrices (reset by `BT`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextPosition {
    /// `Tm`, moved by each glyph.
    pub matrix: Matrix,
    /// The start of the current line.
    pub line: Matrix,
}

impl Default for TextPosition {
    fn default() -> Self {
        TextPosition { matrix: Matrix::IDENTITY, line: Matrix::IDENTITY }
    }
}

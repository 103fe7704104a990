//! Text showing (`Tj`, `TJ`, `'`, `"`): glyphs → positioned characters, advancing `Tm`.

use lopdf::Object;

use super::font::Glyph;
use super::interpreter::{Interpreter, RawChar};
use super::matrix::Matrix;
use super::objects::number;
use crate::text::unify_ideograph;

/// Where a glyph box's bottom sits below the baseline, as a share of the font size, for every
/// font. Descriptors' `/Descent` is not used: producers disagree on it (a CJK font at 0 and the
/// digits' Times New Roman at −0.41 in one document), and boxes placed by it put a number off its
/// label's line; with one descent, glyphs on one baseline share their box's top and bottom.
const GLYPH_DESCENT: f32 = -0.12;

impl Interpreter<'_> {
    /// `Tj` and friends: show one string operand.
    pub(super) fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show_bytes(bytes);
        }
    }

    /// `TJ`: strings and position adjustments (thousandths of text space, subtracted).
    pub(super) fn show_array(&mut self, operand: Option<&Object>) {
        let Some(Object::Array(items)) = operand else { return };
        for item in items {
            match item {
                Object::String(bytes, _) => self.show_bytes(bytes),
                other => {
                    if let Some(adjustment) = number(other) {
                        let text = &self.state.text;
                        let shift = -adjustment / 1000.0 * text.font_size;
                        let vertical = text.font.as_ref().is_some_and(|font| font.vertical);
                        let step = if vertical {
                            Matrix::translate(0.0, shift)
                        } else {
                            Matrix::translate(shift * text.horizontal_scale, 0.0)
                        };
                        self.text.matrix = step.then(&self.text.matrix);
                    }
                }
            }
        }
    }

    fn show_bytes(&mut self, bytes: &[u8]) {
        let Some(font) = self.state.text.font.clone() else {
            if !bytes.is_empty() && !self.out.warnings.iter().any(|w| w.starts_with("text shown without a font")) {
                self.warn("text shown without a font; skipped".to_string());
            }
            return;
        };
        let mut glyphs = Vec::with_capacity(bytes.len());
        font.glyphs(bytes, &mut glyphs);
        let font_name = self.font_name(&font);
        for glyph in glyphs {
            self.place_glyph(&glyph, font.vertical, &font_name);
        }
    }

    fn place_glyph(&mut self, glyph: &Glyph, vertical: bool, font_name: &std::rc::Rc<str>) {
        let text_state = &self.state.text;
        let size = text_state.font_size;
        let scale = text_state.horizontal_scale;
        let render = Matrix::new(size * scale, 0.0, 0.0, size, 0.0, text_state.rise)
            .then(&self.text.matrix)
            .then(&self.state.ctm);
        // The glyph's box in glyph space (1 = one em): its advance wide, one em tall, placed on the
        // baseline with one descent for every font.
        let (left, right, bottom, top) =
            if vertical { (-0.5, 0.5, -1.0, 0.0) } else { (0.0, glyph.width, GLYPH_DESCENT, GLYPH_DESCENT + 1.0) };
        let corners = [
            render.apply(left, bottom),
            render.apply(right, bottom),
            render.apply(left, top),
            render.apply(right, top),
        ];
        let (x0, x1) = corners.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
        let (y0, y1) = corners.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
        let font_size = render.c.hypot(render.d);
        let text: Option<String> =
            glyph.text.as_ref().map(|t| t.chars().filter(|c| !c.is_control()).map(unify_ideograph).collect());
        match text {
            Some(text) if text.is_empty() => {}
            Some(text) => self.push_char(RawChar { text, x0, y0, x1, y1, font_size, font: font_name.clone() }),
            None => {
                self.out.unmapped_glyphs += 1;
                let text = "\u{FFFD}".to_string();
                self.push_char(RawChar { text, x0, y0, x1, y1, font_size, font: font_name.clone() });
            }
        }
        let text_state = &self.state.text;
        let spacing = text_state.char_spacing + if glyph.is_word_space { text_state.word_spacing } else { 0.0 };
        let step = if vertical {
            Matrix::translate(0.0, -size + spacing)
        } else {
            Matrix::translate((glyph.width * size + spacing) * scale, 0.0)
        };
        self.text.matrix = step.then(&self.text.matrix);
    }

    fn push_char(&mut self, raw: RawChar) {
        if self.out.chars.len() < self.options.max_chars_per_page {
            self.out.chars.push(raw);
        } else {
            self.out.dropped_chars += 1;
        }
    }
}

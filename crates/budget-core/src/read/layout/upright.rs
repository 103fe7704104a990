//! Pages as a viewer shows them: `/Rotate` applied.
//!
//! Some producers draw a landscape table sideways on a portrait page and set `/Rotate 90`
//! (烟台信访 p7–25): in unrotated user space its text runs bottom to top. [`Page::upright`]
//! turns such a page so that lines are horizontal again.

use super::{Char, Page, Segment};

impl Page {
    /// This page with its `/Rotate` applied: coordinates as a viewer shows the page (top-left
    /// origin, y down), `width`/`height` swapped for 90° and 270°, and `rotation` 0.
    pub fn upright(&self) -> Page {
        let rotation = self.rotation.rem_euclid(360);
        let turn = |x0: f32, y0: f32, x1: f32, y1: f32| -> [f32; 4] {
            match rotation {
                90 => [self.height - y1, x0, self.height - y0, x1],
                180 => [self.width - x1, self.height - y1, self.width - x0, self.height - y0],
                270 => [y0, self.width - x1, y1, self.width - x0],
                _ => [x0, y0, x1, y1],
            }
        };
        let chars = self
            .chars
            .iter()
            .map(|c| {
                let [x0, y0, x1, y1] = turn(c.x0, c.y0, c.x1, c.y1);
                Char { x0, y0, x1, y1, ..c.clone() }
            })
            .collect();
        let segments = self
            .segments
            .iter()
            .map(|s| {
                let [x0, y0, x1, y1] = turn(s.x0, s.y0, s.x1, s.y1);
                Segment { x0, y0, x1, y1 }
            })
            .collect();
        let (width, height) =
            if rotation == 90 || rotation == 270 { (self.height, self.width) } else { (self.width, self.height) };
        Page { number: self.number, width, height, rotation: 0, chars, segments, has_images: self.has_images }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(rotation: i32) -> Page {
        let glyph =
            Char { text: "公".into(), x0: 65.0, y0: 37.0, x1: 73.0, y1: 45.0, font_size: 8.0, font: "F".into() };
        let segment = Segment { x0: 10.0, y0: 20.0, x1: 10.0, y1: 120.0 };
        Page {
            number: 1,
            width: 595.0,
            height: 842.0,
            rotation,
            chars: vec![glyph],
            segments: vec![segment],
            has_images: false,
        }
    }

    #[test]
    fn quarter_turns_move_boxes_like_a_viewer() {
        let turned = page(90).upright();
        assert_eq!((turned.width, turned.height, turned.rotation), (842.0, 595.0, 0));
        let c = &turned.chars[0];
        assert_eq!([c.x0, c.y0, c.x1, c.y1], [797.0, 65.0, 805.0, 73.0]);
        let s = turned.segments[0];
        assert_eq!([s.x0, s.y0, s.x1, s.y1], [722.0, 10.0, 822.0, 10.0]);
        assert!(s.is_horizontal());
        let c = &page(270).upright().chars[0];
        assert_eq!([c.x0, c.y0, c.x1, c.y1], [37.0, 522.0, 45.0, 530.0]);
        let c = &page(180).upright().chars[0];
        assert_eq!([c.x0, c.y0, c.x1, c.y1], [522.0, 797.0, 530.0, 805.0]);
        assert_eq!(page(0).upright(), page(0));
    }
}

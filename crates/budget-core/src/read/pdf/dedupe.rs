//! Duplicate glyphs: some producers draw text twice at (nearly) the same place to fake bold
//! (惠州 p1, `20262026`). The later copy is dropped, as poppler and pdfplumber do.

use std::collections::HashMap;

use super::interpreter::RawChar;

/// Largest offset, in points, between two copies of one glyph.
const TOLERANCE: f32 = 1.0;

/// Remove glyphs identical in text to an earlier one within [`TOLERANCE`] (and a quarter of
/// the font size); returns how many were removed.
pub(crate) fn remove_duplicates(chars: &mut Vec<RawChar>) -> usize {
    let before = chars.len();
    let mut seen: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
    let mut kept: Vec<RawChar> = Vec::with_capacity(chars.len());
    for raw in chars.drain(..) {
        let cell = ((raw.x0 / TOLERANCE).floor() as i32, (raw.y0 / TOLERANCE).floor() as i32);
        let tolerance = TOLERANCE.min(raw.font_size * 0.25);
        let duplicate = (-1..=1)
            .flat_map(|dx: i32| (-1..=1).map(move |dy: i32| (cell.0.saturating_add(dx), cell.1.saturating_add(dy))))
            .any(|key| {
                seen.get(&key).is_some_and(|indices| {
                    indices.iter().any(|&index| {
                        let other = &kept[index];
                        other.text == raw.text
                            && (other.x0 - raw.x0).abs() <= tolerance
                            && (other.y0 - raw.y0).abs() <= tolerance
                            && (other.x1 - raw.x1).abs() <= tolerance
                    })
                })
            });
        if !duplicate {
            seen.entry(cell).or_default().push(kept.len());
            kept.push(raw);
        }
    }
    *chars = kept;
    before - chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32) -> RawChar {
        RawChar { text: text.into(), x0, y0: 100.0, x1: x0 + 5.0, y1: 110.0, font_size: 10.0, font: "F".into() }
    }

    #[test]
    fn second_copy_at_the_same_place_is_dropped_but_neighbours_stay() {
        let mut chars = vec![glyph("2", 10.0), glyph("0", 15.0), glyph("2", 10.3), glyph("0", 15.2), glyph("0", 20.0)];
        assert_eq!(remove_duplicates(&mut chars), 2);
        let text: String = chars.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(text, "200");
    }
}

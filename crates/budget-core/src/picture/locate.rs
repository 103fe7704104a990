//! Characters inside a box, in reading order, and where a printed text sits among them.

use crate::read::layout::{Char, Page};
use crate::text::normalize_numeric;

/// The non-blank characters of `page` whose centre lies inside `bbox`, in reading order (lines
/// top to bottom on the centre of their em box, each left to right).
pub fn chars_in_box(page: &Page, bbox: [f32; 4]) -> Vec<&Char> {
    let inside = |c: &&Char| {
        let (x, y) = ((c.x0 + c.x1) / 2.0, (c.y0 + c.y1) / 2.0);
        !c.text.trim().is_empty() && x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]
    };
    let mut chars: Vec<&Char> = page.chars.iter().filter(inside).collect();
    chars.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let mut lines: Vec<Vec<&Char>> = Vec::new();
    for c in chars {
        match lines.last_mut() {
            Some(line) if line.last().is_some_and(|last| (centre(c) - centre(last)).abs() <= 0.4 * em(last)) => {
                line.push(c);
            }
            _ => lines.push(vec![c]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines.into_iter().flatten().collect()
}

fn centre(c: &Char) -> f32 {
    (c.y0 + c.y1) / 2.0
}

fn em(c: &Char) -> f32 {
    (c.y1 - c.y0).max(1.0)
}

/// The text of `chars` without whitespace, numeric punctuation made ASCII.
pub fn compact_text(chars: &[&Char]) -> String {
    chars.iter().map(|c| normalize_numeric(c.text.trim())).collect()
}

/// The box of the first run of characters inside `bbox` that spell `text` (whitespace ignored;
/// a trailing unit such as `万元` may be missing from the page); `None` if not found.
pub fn text_in_box(page: &Page, bbox: [f32; 4], text: &str) -> Option<[f32; 4]> {
    let chars = chars_in_box(page, bbox);
    let wanted: String = normalize_numeric(text).chars().filter(|c| !c.is_whitespace()).collect();
    let number: String = wanted.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '%').to_string();
    for needle in [wanted.as_str(), number.as_str()] {
        if needle.is_empty() {
            continue;
        }
        if let Some(found) = find_run(&chars, needle) {
            return Some(found);
        }
    }
    None
}

fn find_run(chars: &[&Char], needle: &str) -> Option<[f32; 4]> {
    let pieces: Vec<String> = chars.iter().map(|c| normalize_numeric(c.text.trim())).collect();
    for start in 0..chars.len() {
        let mut spelled = String::new();
        for end in start..chars.len() {
            spelled.push_str(&pieces[end]);
            if !needle.starts_with(spelled.as_str()) {
                break;
            }
            if spelled == needle {
                let run = &chars[start..=end];
                let bbox =
                    run.iter().fold([f32::INFINITY, f32::INFINITY, f32::NEG_INFINITY, f32::NEG_INFINITY], |b, c| {
                        [b[0].min(c.x0), b[1].min(c.y0), b[2].max(c.x1), b[3].max(c.y1)]
                    });
                return Some(bbox);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, y0: f32) -> Char {
        Char { text: text.into(), x0, y0, x1: x0 + 5.0, y1: y0 + 10.0, font_size: 10.0, font: "F".into() }
    }

    #[test]
    fn a_number_inside_a_sentence_box_is_found_at_its_characters() {
        let mut chars: Vec<Char> = "支出213.25万元"
            .chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), 10.0 + 5.0 * i as f32, 20.0))
            .collect();
        chars.push(glyph("下", 10.0, 40.0));
        let page = Page { number: 1, width: 200.0, height: 100.0, chars, ..Page::default() };
        let found = text_in_box(&page, [0.0, 0.0, 200.0, 100.0], "213.25万元").unwrap();
        assert_eq!(found, [20.0, 20.0, 60.0, 30.0]);
        assert_eq!(text_in_box(&page, [0.0, 0.0, 200.0, 100.0], "213.25亿元").unwrap()[2], 50.0);
        assert_eq!(compact_text(&chars_in_box(&page, [0.0, 0.0, 200.0, 100.0])), "支出213.25万元下");
        assert!(text_in_box(&page, [0.0, 0.0, 200.0, 100.0], "99").is_none());
    }
}

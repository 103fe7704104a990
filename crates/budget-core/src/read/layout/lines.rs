//! Characters → text lines → words, by position (never by stream order).
//!
//! Characters are grouped into lines on the centre of their em box with a tolerance relative to
//! the em (numbers printed slightly off their label's baseline stay on its line); a line's
//! characters are ordered by x and split into words where the gap is wide. Whitespace next to a
//! CJK character is dropped (spaced labels `本 年 收 入 合 计` become `本年收入合计`), except
//! full-width spaces at the start of a line, kept as indentation. A lone decimal fragment
//! (`.64`) printed on its own baseline right after an integer (`174,900`) is merged into it.

use super::Char;

/// A line's characters are within this share of an em of the line's centre.
const CENTRE_TOLERANCE_EM: f32 = 0.4;
/// A gap wider than this many ems (or a space of at least this width) starts a new word.
const WORD_GAP_EM: f32 = 1.0;
/// Between a digit and a CJK character, a gap wider than this many ems starts a new word.
const NUMBER_LABEL_GAP_EM: f32 = 0.5;
/// Between two non-CJK characters, a gap wider than this many ems becomes one space.
const SPACE_GAP_EM: f32 = 0.25;

/// An axis-aligned box `[x0, y0, x1, y1]`, top-left origin, y down.
pub(crate) type BBox = [f32; 4];

/// A run of characters without a wide gap: one cell value or one label in an unruled table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    /// The text, with the whitespace rules of this module applied.
    pub text: String,
    /// Its box.
    pub bbox: BBox,
}

/// One visual line of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    /// The words, left to right.
    pub words: Vec<Word>,
    /// The box of all its characters.
    pub bbox: BBox,
    /// The median em (font size) of its characters, in points.
    pub em: f32,
}

impl TextLine {
    /// The line's text: words joined by one space (a wide gap separated them).
    pub fn text(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        words.join(" ")
    }
}

/// Append `piece` to `text`, with a space between them unless either side is CJK.
pub(crate) fn push_joined(text: &mut String, piece: &str) {
    let needs_space = match (text.chars().last(), piece.chars().next()) {
        (Some(before), Some(after)) => !is_wide(before) && !is_wide(after) && !before.is_whitespace(),
        _ => false,
    };
    if needs_space {
        text.push(' ');
    }
    text.push_str(piece);
}

/// CJK ideographs, CJK punctuation, full-width forms and the like: no spaces between them.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x201C..=0x201D | 0x2018..=0x2019)
}

fn em_of(c: &Char) -> f32 {
    let height = c.y1 - c.y0;
    if height > 0.5 {
        height
    } else {
        c.font_size.abs().max(1.0)
    }
}

fn centre_y(c: &Char) -> f32 {
    (c.y0 + c.y1) / 2.0
}

/// Group characters into lines, top to bottom; each line's words left to right.
pub(crate) fn group_lines(chars: &[&Char]) -> Vec<TextLine> {
    let mut order: Vec<&Char> = chars.iter().copied().filter(|c| c.x0.is_finite() && c.y0.is_finite()).collect();
    order.sort_by(|a, b| centre_y(a).total_cmp(&centre_y(b)).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Char>> = Vec::new();
    let mut centre = f32::NEG_INFINITY;
    let mut em = 0.0f32;
    for c in order {
        let tolerance = CENTRE_TOLERANCE_EM * em.min(em_of(c));
        match groups.last_mut() {
            Some(group) if (centre_y(c) - centre).abs() <= tolerance => {
                group.push(c);
                let n = group.len() as f32;
                centre += (centre_y(c) - centre) / n;
                em += (em_of(c) - em) / n;
            }
            _ => {
                groups.push(vec![c]);
                centre = centre_y(c);
                em = em_of(c);
            }
        }
    }
    let mut lines: Vec<TextLine> = groups.into_iter().filter_map(build_line).collect();
    merge_decimal_fragments(&mut lines);
    lines
}

fn build_line(mut chars: Vec<&Char>) -> Option<TextLine> {
    chars.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut ems: Vec<f32> = chars.iter().map(|c| em_of(c)).collect();
    ems.sort_by(f32::total_cmp);
    let em = *ems.get(ems.len() / 2)?;
    let mut words: Vec<Vec<&Char>> = Vec::new();
    let mut last_end = f32::NEG_INFINITY;
    let mut last_char: Option<char> = None;
    for c in chars {
        let blank = c.text.trim().is_empty();
        let indentation = blank && c.text.contains('\u{3000}') && words.iter().all(Vec::is_empty);
        if blank && !indentation && c.x1 - c.x0 >= WORD_GAP_EM * em {
            // A wide blank glyph separates words.
            words.push(Vec::new());
            continue;
        }
        let gap = c.x0 - last_end;
        let first = c.text.chars().next().unwrap_or(' ');
        // A number and a CJK label side by side are two cells even when close (广州 p5).
        let kind_changes = last_char.is_some_and(|before| {
            (before.is_ascii_digit() && is_wide(first)) || (is_wide(before) && first.is_ascii_digit())
        });
        // Two amounts close together (`0.00 19,904.01` in a dense row) are two cells: a
        // complete decimal amount ends where a gap wide enough for a space comes before a digit.
        let amount_ends = first.is_ascii_digit()
            && gap > SPACE_GAP_EM * em
            && words.last().is_some_and(|word| is_decimal_amount(word));
        let new_word = gap > WORD_GAP_EM * em || (kind_changes && gap > NUMBER_LABEL_GAP_EM * em) || amount_ends;
        if new_word || words.is_empty() {
            words.push(Vec::new());
        }
        if let Some(word) = words.last_mut() {
            word.push(c);
        }
        if !blank || indentation {
            last_end = if new_word { c.x1 } else { last_end.max(c.x1) };
        }
        if !blank {
            last_char = c.text.chars().last();
        }
    }
    let words: Vec<Word> = words.into_iter().filter_map(|w| build_word(&w, em)).collect();
    let bbox = words.iter().map(|w| w.bbox).reduce(union)?;
    Some(TextLine { words, bbox, em })
}

/// Characters reading as one decimal amount: `-`, digits and thousands commas, a point, decimals.
fn is_decimal_amount(chars: &[&Char]) -> bool {
    let text: String = chars.iter().map(|c| c.text.trim()).collect();
    let unsigned = text.strip_prefix('-').unwrap_or(&text);
    let Some((whole, decimals)) = unsigned.split_once('.') else { return false };
    whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !decimals.is_empty()
        && decimals.chars().all(|c| c.is_ascii_digit())
}

/// A word's text: whitespace next to a CJK character dropped, a wide gap between other
/// characters made one space, leading full-width spaces kept as indentation.
pub(crate) fn word_text(chars: &[&Char], em: f32) -> String {
    let mut text = String::new();
    let mut pending_space = false;
    let mut last_end = f32::NEG_INFINITY;
    let mut started = false;
    for c in chars {
        if c.text.trim().is_empty() {
            if !started && c.text.contains('\u{3000}') {
                text.push('\u{3000}');
            } else if started {
                pending_space = true;
            }
            continue;
        }
        let first = c.text.chars().next().unwrap_or(' ');
        let gap_space = started && c.x0 - last_end > SPACE_GAP_EM * em;
        if (pending_space || gap_space) && !text.ends_with(is_wide) && !is_wide(first) && !text.ends_with(' ') {
            text.push(' ');
        }
        pending_space = false;
        text.push_str(&c.text);
        started = true;
        last_end = c.x1;
    }
    text.trim_end().to_string()
}

fn build_word(chars: &[&Char], em: f32) -> Option<Word> {
    let text = word_text(chars, em);
    if text.trim().is_empty() {
        return None;
    }
    let bbox = chars.iter().filter(|c| !c.text.trim().is_empty()).map(|c| [c.x0, c.y0, c.x1, c.y1]).reduce(union)?;
    Some(Word { text, bbox })
}

/// The smallest box containing both.
pub(crate) fn union(a: BBox, b: BBox) -> BBox {
    [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]
}

fn is_decimal_fragment(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('.') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

fn ends_with_integer(text: &str) -> bool {
    text.bytes().last().is_some_and(|b| b.is_ascii_digit()) && !text.contains('.')
}

/// Merge lines that are only a decimal fragment (`.64`) into the integer word just left of
/// them on a neighbouring baseline (`174,900` → `174,900.64`).
fn merge_decimal_fragments(lines: &mut Vec<TextLine>) {
    let mut index = 0;
    while index < lines.len() {
        let fragment_only = lines[index].words.iter().all(|w| is_decimal_fragment(&w.text));
        if !fragment_only {
            index += 1;
            continue;
        }
        let mut merged_all = true;
        let fragments = lines[index].words.clone();
        let em = lines[index].em;
        for fragment in &fragments {
            let target = [index.wrapping_sub(1), index + 1].into_iter().filter(|&i| i < lines.len()).find_map(|i| {
                let line = &lines[i];
                let near = (line.bbox[1] - fragment.bbox[1]).abs() <= 1.2 * em.max(line.em);
                let word = line.words.iter().position(|w| {
                    ends_with_integer(&w.text) && (fragment.bbox[0] - w.bbox[2]).abs() <= 0.6 * em && near
                })?;
                Some((i, word))
            });
            match target {
                Some((i, w)) => {
                    let word = &mut lines[i].words[w];
                    word.text.push_str(&fragment.text);
                    word.bbox = union(word.bbox, fragment.bbox);
                    lines[i].bbox = union(lines[i].bbox, fragment.bbox);
                }
                None => merged_all = false,
            }
        }
        if merged_all {
            lines.remove(index);
        } else {
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x0: f32, y0: f32, size: f32) -> Char {
        Char { text: text.into(), x0, y0, x1: x0 + size * 0.9, y1: y0 + size, font_size: size, font: "F".into() }
    }

    #[test]
    fn spaced_labels_join_and_offset_numbers_stay_on_their_line() {
        let mut chars = Vec::new();
        for (i, t) in ["本", " ", "年", " ", "合", " ", "计"].iter().enumerate() {
            chars.push(glyph(t, 10.0 + i as f32 * 6.0, 100.0, 10.0));
        }
        // A number 2.5 pt lower than the label, far to the right.
        for (i, t) in ["1", "2", ".", "5"].iter().enumerate() {
            chars.push(glyph(t, 200.0 + i as f32 * 5.0, 102.5, 10.0));
        }
        chars.push(glyph("下", 10.0, 120.0, 10.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let lines = group_lines(&refs);
        assert_eq!(lines.len(), 2);
        let texts: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["本年合计", "12.5"]);
        assert_eq!(lines[1].text(), "下");
    }

    #[test]
    fn decimal_fragment_on_another_baseline_joins_its_integer() {
        let mut chars = Vec::new();
        for (i, t) in ["1", "7", "4", ",", "9", "0", "0"].iter().enumerate() {
            chars.push(glyph(t, 100.0 + i as f32 * 5.0, 50.0, 10.0));
        }
        chars.push(glyph(".", 136.0, 58.0, 10.0));
        chars.push(glyph("6", 140.0, 58.0, 10.0));
        chars.push(glyph("4", 145.0, 58.0, 10.0));
        let refs: Vec<&Char> = chars.iter().collect();
        let lines = group_lines(&refs);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text(), "174,900.64");
    }
}

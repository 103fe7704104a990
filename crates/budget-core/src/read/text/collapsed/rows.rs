//! One collapsed line → its pieces: runs of label words and runs of numbers, with their byte spans.
//!
//! A table row whose cells were joined by single spaces reads as `label n n … label n n …`: each
//! label starts a side (收入 | 支出 printed side by side), the numbers after it are that side's
//! cells. Numbers in front of a label (`201 一般公共服务支出`, `302 07邮电费`) are its code, not
//! cells.

use rust_decimal::Decimal;

/// A piece of a line: its text and its byte span in the whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    /// The text as printed.
    pub text: String,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One side of a row: a label (possibly empty, possibly with a code in front) and the numbers
/// printed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Segment {
    /// The label words joined by one space, `None` when the row starts with numbers.
    pub label: Option<Piece>,
    /// The numbers after the label, in order.
    pub numbers: Vec<Piece>,
}

/// Longest label of a table row, in characters; longer text is running prose.
const MAX_LABEL_CHARS: usize = 48;

/// Whether `token` is a printed amount: digits with optional thousands commas, an optional
/// decimal part and sign.
pub(super) fn is_number(token: &str) -> bool {
    let body = token.strip_prefix(['-', '－']).unwrap_or(token);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let whole_ok = match groups.as_slice() {
        [single] => !single.is_empty() && single.bytes().all(|b| b.is_ascii_digit()),
        [first, rest @ ..] => {
            (1..=3).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_digit())
                && rest.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        }
        [] => false,
    };
    whole_ok && fraction.bytes().all(|b| b.is_ascii_digit()) && !(body.contains('.') && fraction.is_empty())
}

/// The value of a printed amount (commas removed).
pub(super) fn value(token: &str) -> Option<Decimal> {
    token.replace(',', "").replace('－', "-").parse().ok()
}

/// The whitespace-separated tokens of `line`, which starts at byte `offset` of the whole text.
pub(super) fn tokens(line: &str, offset: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(Piece { text: line[s..i].to_string(), start: offset + s, end: offset + i });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// Text that marks running prose, not a table row.
fn is_prose(text: &str) -> bool {
    text.contains(['，', '。', '；', ';']) || text.contains("万元") || text.contains("元，")
}

/// The segments of a line that reads as a table row: at least one number, labels short and not
/// prose. `None` for anything else (headings, prose, header lines).
pub(super) fn row_segments(line: &str, offset: usize) -> Option<Vec<Segment>> {
    let pieces = tokens(line, offset);
    if !pieces.last().is_some_and(|p| is_number(&p.text)) || is_prose(line) {
        return None;
    }
    let mut segments: Vec<Segment> = Vec::new();
    let mut label: Vec<&Piece> = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let piece = &pieces[i];
        if is_number(&piece.text) {
            // A number directly followed by a label word is a code in front of that label, unless
            // a previous segment is still collecting numbers (`… 76,306,134 一、…`).
            let next_is_label = pieces.get(i + 1).is_some_and(|p| !is_number(&p.text));
            let continuing = label.is_empty() && segments.last().is_some_and(|s| !s.numbers.is_empty());
            if next_is_label && (!label.is_empty() || !continuing) && label_run_ahead(&pieces[i..]) {
                label.push(piece);
            } else if !label.is_empty() || segments.is_empty() {
                segments.push(Segment { label: join(&label), numbers: vec![piece.clone()] });
                label.clear();
            } else if let Some(last) = segments.last_mut() {
                last.numbers.push(piece.clone());
            }
        } else {
            if !label.is_empty() && label_is_complete(&label) {
                segments.push(Segment { label: join(&label), numbers: Vec::new() });
                label.clear();
            }
            label.push(piece);
        }
        i += 1;
    }
    if !label.is_empty() {
        return None; // ends with numbers, checked above
    }
    let labels_ok = segments.iter().filter_map(|s| s.label.as_ref()).all(|l| l.text.chars().count() <= MAX_LABEL_CHARS);
    labels_ok.then_some(segments)
}

/// Whether the numbers at the start of `pieces` are a code: only digits (no commas or decimals)
/// followed by a label word.
fn label_run_ahead(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .take_while(|p| is_number(&p.text))
        .all(|p| p.text.bytes().all(|b| b.is_ascii_digit()) && p.text.len() <= 7)
}

/// A label already holding a word (not just a code) is complete: the next word starts another
/// side (`3、国有资本经营预算 四、科学技术支出 …`).
fn label_is_complete(label: &[&Piece]) -> bool {
    label.iter().any(|p| !is_number(&p.text))
}

fn join(label: &[&Piece]) -> Option<Piece> {
    let (first, last) = (label.first()?, label.last()?);
    let text = label.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
    Some(Piece { text, start: first.start, end: last.end })
}

/// Whether `line` is a label-only row inside a table body (`303 01离休费`, `3、国有资本经营预算`):
/// short, no numbers at its end, not prose.
pub(super) fn is_label_only_row(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && trimmed.chars().count() <= MAX_LABEL_CHARS
        && !is_prose(trimmed)
        && !trimmed.contains(['：', ':'])
        && !tokens(trimmed, 0).last().is_some_and(|p| is_number(&p.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(line: &str) -> Vec<(String, Vec<String>)> {
        row_segments(line, 0)
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.label.map(|l| l.text).unwrap_or_default(), s.numbers.into_iter().map(|n| n.text).collect()))
            .collect()
    }

    #[test]
    fn numbers_are_amounts() {
        assert!(is_number("76,306,134") && is_number("8.53") && is_number("7") && is_number("-1,200.50"));
        assert!(!is_number("1,23") && !is_number("8.") && !is_number("2120101行政运行") && !is_number(""));
    }

    #[test]
    fn two_sided_rows_split_at_each_label() {
        assert_eq!(
            shape("一、财政拨款收入 76,306,134 一、一般公共服务支出 3,353,072 3,353,072 "),
            vec![
                ("一、财政拨款收入".to_string(), vec!["76,306,134".to_string()]),
                ("一、一般公共服务支出".to_string(), vec!["3,353,072".to_string(), "3,353,072".to_string()]),
            ]
        );
        assert_eq!(
            shape("3、国有资本经营预算 四、科学技术支出 100,000 100,000"),
            vec![
                ("3、国有资本经营预算".to_string(), vec![]),
                ("四、科学技术支出".to_string(), vec!["100,000".to_string(), "100,000".to_string()]),
            ]
        );
    }

    #[test]
    fn codes_stay_with_their_label() {
        assert_eq!(shape("201 一般公共服务支出 3,353,072 3,353,072")[0].0, "201 一般公共服务支出");
        assert_eq!(shape("302 07邮电费        70,000        70,000")[0].0, "302 07邮电费");
        assert_eq!(shape("8.53 1.53 7 7 386.02")[0].1.len(), 5);
        assert!(row_segments("比2025年预算减少25万元，主要原因是 7", 0).is_none());
        assert!(is_label_only_row("303 01离休费") && !is_label_only_row("编制单位：某某 单位：元"));
    }
}

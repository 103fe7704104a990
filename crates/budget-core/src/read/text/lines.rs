//! Line and provenance helpers shared by the text readers (Tika text, Markdown, plain text).
//!
//! Every reader works on the decoded text line by line and needs the same things: the 1-based line
//! number and byte offset of each line, the byte span of a piece of a line after trimming or after
//! markup was removed, and a way to join wrapped lines of running text.

use crate::provenance::Provenance;

/// One source line: its 1-based number, the byte offset of its first byte, and its text without
/// the line end (`\n`, and a `\r` before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the first byte of the line in the whole text.
    pub start: usize,
    /// The line without its line end.
    pub text: &'a str,
}

impl Line<'_> {
    /// Byte offset one past the last byte of the line (line end excluded).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Whether the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Provenance of the bytes `start..end` of the whole text, on this line.
    pub fn provenance(&self, start: usize, end: usize) -> Provenance {
        Provenance::lines(self.number, self.number, start, end)
    }

    /// The span of the line's text with surrounding whitespace removed, as whole-text offsets.
    pub fn trimmed_span(&self) -> (usize, usize) {
        trimmed_span(self.text, self.start)
    }
}

/// Split `text` into lines. A final line end does not start another (empty) line.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    if text.is_empty() {
        return out;
    }
    let mut start = 0;
    for (index, raw) in text.split('\n').enumerate() {
        let line_start = start;
        start += raw.len() + 1;
        if line_start >= text.len() && index > 0 {
            break;
        }
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        out.push(Line { number: index + 1, start: line_start, text: content });
    }
    out
}

/// The byte span of `piece` with surrounding whitespace removed, where `piece` starts at byte
/// `offset` of the whole text. An all-whitespace piece gives an empty span at its end.
pub(crate) fn trimmed_span(piece: &str, offset: usize) -> (usize, usize) {
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    (offset + leading, offset + leading + trimmed.len())
}

/// Narrow the span `start..end` of `text` to the place where `cleaned` (the cell or paragraph
/// text after markup was removed) occurs in it, when it occurs exactly once. Otherwise (empty,
/// absent, or ambiguous like `b` in `<b>b</b>`) the span is kept whole: it then still covers
/// everything the text came from.
pub(crate) fn narrow_span(text: &str, start: usize, end: usize, cleaned: &str) -> (usize, usize) {
    if cleaned.is_empty() {
        return (start, end);
    }
    let Some(raw) = text.get(start..end) else {
        return (start, end);
    };
    match (raw.find(cleaned), raw.rfind(cleaned)) {
        (Some(first), Some(last)) if first == last => (start + first, start + first + cleaned.len()),
        _ => (start, end),
    }
}

/// Join the lines of one wrapped paragraph. Lines are trimmed; a space is put between two lines
/// only where both sides are ASCII letters, digits or punctuation (so `CJK` text is joined tight,
/// as printed, and English words keep their space).
pub(crate) fn join_wrapped<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let needs_space = joined.chars().last().is_some_and(|c| c.is_ascii_graphic())
            && part.chars().next().is_some_and(|c| c.is_ascii_graphic());
        if needs_space {
            joined.push(' ');
        }
        joined.push_str(part);
    }
    joined
}

/// An ATX heading (`#` to `######`, then a space or tab, or nothing): its level and its text with
/// a closing run of `#` removed. Seven or more `#`, or `#` glued to text, is not a heading.
pub(crate) fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = trimmed.get(hashes..)?;
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut text = rest.trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with(' ') || without_closing.ends_with('\t') {
        text = without_closing.trim_end();
    }
    u8::try_from(hashes).ok().map(|level| (level, text))
}

/// HTML tags that converters use for inline styling; removed from text (`<br>` becomes `\n`).
const INLINE_TAGS: &[&str] =
    &["b", "strong", "i", "em", "u", "s", "strike", "del", "ins", "sup", "sub", "span", "font", "mark", "small", "big"];
/// Longest inline tag looked at, in bytes (`<span style="…">`).
const MAX_TAG_BYTES: usize = 96;

/// Remove inline Markdown/HTML markup: the tags in [`INLINE_TAGS`], `<br>` (→ `\n`), `**`, `~~`
/// and backslash escapes of ASCII punctuation. Single `*`/`_` are kept: in these documents they
/// are printed characters (footnote marks, fill-in blanks) more often than emphasis.
pub(crate) fn strip_inline_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(position) = rest.find(['<', '*', '~', '\\']) {
        out.push_str(&rest[..position]);
        let tail = &rest[position..];
        let consumed = if tail.starts_with("**") || tail.starts_with("~~") {
            2
        } else if let Some((length, replacement)) = inline_tag(tail) {
            out.push_str(replacement);
            length
        } else if let Some(escaped) =
            tail.strip_prefix('\\').and_then(|t| t.chars().next()).filter(char::is_ascii_punctuation)
        {
            out.push(escaped);
            2
        } else {
            out.push_str(&tail[..1]);
            1
        };
        rest = tail.get(consumed..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// If `tail` starts with an inline tag, its length in bytes and what replaces it.
fn inline_tag(tail: &str) -> Option<(usize, &'static str)> {
    let close = tail.bytes().take(MAX_TAG_BYTES).position(|b| b == b'>')?;
    let inner = tail.get(1..close)?;
    let name_and_rest = inner.strip_prefix('/').unwrap_or(inner);
    let name_length = name_and_rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let (name, after) = name_and_rest.split_at(name_length);
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('/')) {
        return None;
    }
    let name = name.to_ascii_lowercase();
    if name == "br" {
        Some((close + 1, "\n"))
    } else if INLINE_TAGS.contains(&name.as_str()) {
        Some((close + 1, ""))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_numbers_and_offsets() {
        let text = "一\r\n\n二三\n";
        let lines = lines(text);
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[0].number, lines[0].start, lines[0].text), (1, 0, "一"));
        assert_eq!((lines[1].number, lines[1].text), (2, ""));
        assert_eq!((lines[2].number, lines[2].start, lines[2].text), (3, 6, "二三"));
        assert_eq!(&text[lines[2].start..lines[2].end()], "二三");
        assert_eq!(super::lines("a").len(), 1);
        assert!(super::lines("").is_empty());
    }

    #[test]
    fn spans_are_trimmed_and_narrowed() {
        let text = "  单位：万元 ";
        assert_eq!(trimmed_span(text, 0), (2, 17));
        let raw = "<b>208</b>";
        assert_eq!(narrow_span(raw, 0, raw.len(), "208"), (3, 6));
        assert_eq!(narrow_span(raw, 0, raw.len(), "x"), (0, raw.len()));
        let ambiguous = "<b>b</b>";
        assert_eq!(narrow_span(ambiguous, 0, ambiguous.len(), "b"), (0, ambiguous.len()));
    }

    #[test]
    fn wrapped_lines_join_tight_for_cjk() {
        assert_eq!(join_wrapped(["公务用车购置及运", "行维护费"]), "公务用车购置及运行维护费");
        assert_eq!(join_wrapped(["budget of", "2022"]), "budget of 2022");
        assert_eq!(join_wrapped(["比 2021", "年减少"]), "比 2021年减少");
    }

    #[test]
    fn inline_markup_is_removed() {
        assert_eq!(strip_inline_markup("<b>208</b>"), "208");
        assert_eq!(strip_inline_markup("## **（二）内设机构**"), "## （二）内设机构");
        assert_eq!(strip_inline_markup("<span style=\"x\">甲</span><br/>乙"), "甲\n乙");
        assert_eq!(strip_inline_markup("a < b * c \\| <table>"), "a < b * c | <table>");
        assert_eq!(strip_inline_markup("尾<"), "尾<");
        assert_eq!(strip_inline_markup("\\"), "\\");
    }

    #[test]
    fn headings_follow_atx_rules() {
        assert_eq!(atx_heading("## 一、单位基本情况"), Some((2, "一、单位基本情况")));
        assert_eq!(atx_heading("# 标题 ##"), Some((1, "标题")));
        assert_eq!(atx_heading("#######  x"), None);
        assert_eq!(atx_heading("#号"), None);
        assert_eq!(atx_heading("正文"), None);
    }
}

//! A small RFC 4180 CSV reader for the embedded catalogs.
//!
//! Fields may be quoted (`"a, b"`), a quote inside a quoted field is doubled (`""`), and a quoted
//! field may span line ends. Records end at `\n` or `\r\n`. The reader never fails: malformed input
//! (a quote inside an unquoted field, an unterminated quoted field) is read leniently, character by
//! character, as a spreadsheet would.

use std::borrow::Cow;

/// One record: its fields in order.
pub(crate) type Record = Vec<&'static str>;

/// Split `text` into records of fields. Empty lines are skipped; the header is returned as the
/// first record like any other.
pub(crate) fn parse(text: &'static str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut record: Record = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let (field, next) = read_field(text, pos);
        record.push(into_static(field));
        pos = next;
        match bytes.get(pos) {
            Some(b',') => {
                pos += 1;
                if pos == bytes.len() {
                    record.push("");
                }
            }
            Some(b'\r') | Some(b'\n') => {
                pos += if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') { 2 } else { 1 };
                finish_record(&mut records, &mut record);
            }
            _ => {}
        }
    }
    finish_record(&mut records, &mut record);
    records
}

fn finish_record(records: &mut Vec<Record>, record: &mut Record) {
    let is_blank = record.len() == 1 && record[0].is_empty();
    if !record.is_empty() && !is_blank {
        records.push(std::mem::take(record));
    }
    record.clear();
}

/// Read one field starting at byte `start`; return it and the byte position of the delimiter
/// (`,`, `\r`, `\n`) or end of text that follows it.
fn read_field(text: &'static str, start: usize) -> (Cow<'static, str>, usize) {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') {
        let end =
            bytes[start..].iter().position(|b| matches!(b, b',' | b'\r' | b'\n')).map_or(bytes.len(), |p| start + p);
        return (Cow::Borrowed(&text[start..end]), end);
    }
    // Quoted field: borrow it when it holds no doubled quote, else unescape into an owned string.
    let content_start = start + 1;
    let mut pos = content_start;
    let mut owned: Option<String> = None;
    let mut segment_start = content_start;
    loop {
        match bytes[pos..].iter().position(|&b| b == b'"') {
            None => {
                // Unterminated: the rest of the text is the field.
                let field = join(owned, &text[segment_start..]);
                return (field.unwrap_or(Cow::Borrowed(&text[content_start..])), bytes.len());
            }
            Some(offset) => {
                let quote = pos + offset;
                if bytes.get(quote + 1) == Some(&b'"') {
                    let buffer = owned.get_or_insert_with(String::new);
                    buffer.push_str(&text[segment_start..=quote]);
                    pos = quote + 2;
                    segment_start = pos;
                    continue;
                }
                let field =
                    join(owned, &text[segment_start..quote]).unwrap_or(Cow::Borrowed(&text[content_start..quote]));
                // Anything between the closing quote and the delimiter is kept, leniently.
                let rest_end = bytes[quote + 1..]
                    .iter()
                    .position(|b| matches!(b, b',' | b'\r' | b'\n'))
                    .map_or(bytes.len(), |p| quote + 1 + p);
                if rest_end == quote + 1 {
                    return (field, rest_end);
                }
                let mut combined = field.into_owned();
                combined.push_str(&text[quote + 1..rest_end]);
                return (Cow::Owned(combined), rest_end);
            }
        }
    }
}

fn join(owned: Option<String>, tail: &str) -> Option<Cow<'static, str>> {
    owned.map(|mut buffer| {
        buffer.push_str(tail);
        Cow::Owned(buffer)
    })
}

/// Turn a field into a `&'static str`. Fields are borrowed from the embedded text except the rare
/// one with a doubled quote, which is leaked once (the catalogs are parsed once per process).
fn into_static(field: Cow<'static, str>) -> &'static str {
    match field {
        Cow::Borrowed(text) => text,
        Cow::Owned(text) => Box::leak(text.into_boxed_str()),
    }
}

/// Column positions by header name, so the catalogs do not depend on column order.
pub(crate) struct Columns {
    names: Vec<&'static str>,
}

impl Columns {
    /// The header record's names.
    pub(crate) fn new(header: &Record) -> Self {
        Columns { names: header.clone() }
    }

    /// The column called `name` (absent columns read as empty fields).
    pub(crate) fn column(&self, name: &str) -> Column {
        Column(self.names.iter().position(|column| *column == name))
    }
}

/// One column's position, resolved once per file.
#[derive(Clone, Copy)]
pub(crate) struct Column(Option<usize>);

impl Column {
    /// This column's field in `record`, or `""` when the column or field is missing.
    pub(crate) fn of(self, record: &Record) -> &'static str {
        self.0.and_then(|index| record.get(index)).copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &'static str) -> Vec<Vec<String>> {
        parse(text).into_iter().map(|r| r.into_iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_ends() {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\n\n3,,\"\"";
        assert_eq!(
            fields(text),
            vec![vec!["a", "b", "c"], vec!["1", "x, y", "say \"hi\""], vec!["2", "two\nlines", ""], vec!["3", "", ""],]
        );
    }

    #[test]
    fn malformed_input_is_read_leniently() {
        assert_eq!(fields("\"open, never closed"), vec![vec!["open, never closed"]]);
        assert_eq!(fields("\"ab\"cd,e"), vec![vec!["abcd", "e"]]);
        assert_eq!(fields("a,"), vec![vec!["a", ""]]);
        assert!(fields("").is_empty());
    }
}

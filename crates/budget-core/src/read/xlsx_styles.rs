//! Number formats of an XLSX (`xl/styles.xml`): how each cell style prints a number (decimals,
//! percent), and which styles calamine 0.30 takes for dates (its values print as dates). Read in
//! one pass: the date view by a puller that stops at `</styleSheet>` as calamine did, the number
//! view by an observer that sees the whole part.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::Event;
use quick_xml::name::QName;

use crate::error::Result;
use crate::read::xlsx_xml::{local_attr, Observe, Source, Xml};

/// How a number is displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberFormat {
    /// `General` or a format we print as general (dates, scientific, text).
    General,
    /// A fixed number of decimals (`0.00`, `#,##0.00`, `0.0%`).
    Fixed {
        /// Digits after the decimal point.
        decimals: u32,
        /// A percentage: the value × 100 with a `%` sign.
        percent: bool,
    },
}

/// `A` → 0, `AB` → 27 …; the inverse of [`column_name`].
fn column_index(letters: &str) -> u32 {
    letters.bytes().fold(0u32, |n, b| n.saturating_mul(26).saturating_add(u32::from(b - b'A') + 1)).saturating_sub(1)
}

/// 0 → `A`, 27 → `AB`.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// `B3` → (2, 1): upper-case letters (at most three) and a row number, else `None`.
pub(crate) fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column_index(letters)))
}

fn builtin_format(id: u32) -> NumberFormat {
    let fixed = |decimals, percent| NumberFormat::Fixed { decimals, percent };
    match id {
        1 | 3 | 37 | 38 => fixed(0, false),
        2 | 4 | 39 | 40 | 43 | 44 => fixed(2, false),
        9 => fixed(0, true),
        10 => fixed(2, true),
        _ => NumberFormat::General,
    }
}

/// The decimals of a format code's first (positive) section: `#,##0.00_ ` → 2.
pub fn parse_format(code: &str) -> NumberFormat {
    let mut section = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => section.push(c),
        }
    }
    let lower = section.to_ascii_lowercase();
    if lower.contains("general")
        || lower.contains('e')
        || lower.contains('@')
        || ['y', 'm', 'd', 'h', 's'].iter().any(|&c| lower.contains(c))
        || !section.contains(['0', '#', '?'])
    {
        return NumberFormat::General;
    }
    let decimals = section.split_once('.').map_or(0, |(_, frac)| {
        frac.chars().take_while(|c| matches!(c, '0' | '#' | '?' | ',')).filter(|c| *c != ',').count() as u32
    });
    NumberFormat::Fixed { decimals: decimals.min(28), percent: section.contains('%') }
}

/// Collects the number format of each cell style (`cellXfs`): custom codes by their parsed id
/// (`numFmt` anywhere in the part), built-in ids otherwise.
#[derive(Debug, Default)]
pub(crate) struct FormatsObserver {
    custom: HashMap<u32, String>,
    xf_ids: Vec<u32>,
    in_cell_xfs: bool,
}

impl<'a> Observe<'a> for FormatsObserver {
    fn observe(&mut self, event: &Event<'a>) -> std::result::Result<(), String> {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (local_attr(e, b"numFmtId"), local_attr(e, b"formatCode")) {
                        if let Ok(id) = id.parse() {
                            self.custom.insert(id, code);
                        }
                    }
                }
                b"cellXfs" => self.in_cell_xfs = matches!(event, Event::Start(_)),
                b"xf" if self.in_cell_xfs => {
                    self.xf_ids.push(local_attr(e, b"numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => self.in_cell_xfs = false,
            _ => {}
        }
        Ok(())
    }
}

impl FormatsObserver {
    /// The number format of each cell style.
    pub fn finish(self) -> Vec<NumberFormat> {
        let custom = self.custom;
        self.xf_ids
            .into_iter()
            .map(|id| match custom.get(&id) {
                Some(code) => parse_format(code),
                None => builtin_format(id),
            })
            .collect()
    }
}

/// Whether each cell style (`cellXfs`) is a date or duration style, as calamine decides: custom
/// codes keyed by the `numFmtId` bytes as written, read only inside `<numFmts>` and kept raw
/// (not unescaped); an `xf` without `numFmtId` is not a date.
///
/// # Errors
/// A part that ends before `</styleSheet>`, a bad attribute of a `numFmt`, XML errors.
pub(crate) fn read_date_styles<O: for<'a> Observe<'a>>(src: &mut Source<'_, O>) -> Result<Vec<bool>> {
    let mut codes: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    let mut dates = Vec::new();
    let eof = |src: &Source<'_, O>, what| src.part.malformed(format!("styles: the part ends inside <{what}>"));
    loop {
        match src.next()? {
            Xml::Start(e) if e.local_name().as_ref() == b"numFmts" => loop {
                match src.next()? {
                    Xml::Start(e) if e.local_name().as_ref() == b"numFmt" => {
                        let (mut id, mut code) = (Vec::new(), String::new());
                        for attribute in e.attributes() {
                            let attribute = attribute.map_err(|err| src.part.malformed(format!("numFmt: {err}")))?;
                            match attribute.key {
                                QName(b"numFmtId") => id.extend_from_slice(&attribute.value),
                                QName(b"formatCode") => {
                                    let decoded = src.part.decoder().decode(&attribute.value);
                                    code = decoded
                                        .map_err(|err| src.part.malformed(format!("numFmt: {err}")))?
                                        .into_owned();
                                }
                                _ => {}
                            }
                        }
                        if !code.is_empty() {
                            codes.insert(id, code);
                        }
                    }
                    Xml::End(end) if end.name().local_name().as_ref() == b"numFmts" => break,
                    Xml::Eof => return Err(eof(src, "numFmts")),
                    _ => {}
                }
            },
            Xml::Start(e) if e.local_name().as_ref() == b"cellXfs" => loop {
                match src.next()? {
                    Xml::Start(e) if e.local_name().as_ref() == b"xf" => {
                        let id = e.attributes().flatten().find(|a| a.key == QName(b"numFmtId"));
                        dates.push(id.is_some_and(|a| match codes.get(a.value.as_ref()) {
                            Some(code) => is_date_code(code),
                            None => is_date_id(&a.value),
                        }));
                    }
                    Xml::End(end) if end.name().local_name().as_ref() == b"cellXfs" => break,
                    Xml::Eof => return Err(eof(src, "cellXfs")),
                    _ => {}
                }
            },
            Xml::End(end) if end.name().local_name().as_ref() == b"styleSheet" => return Ok(dates),
            Xml::Eof => return Err(eof(src, "styleSheet")),
            _ => {}
        }
    }
}

/// Built-in date and time formats: 14–22 (dates, times), 45–47 (minutes and seconds, `[h]:mm:ss`),
/// the id as written.
fn is_date_id(id: &[u8]) -> bool {
    matches!(id, b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"46" | b"47")
}

/// A custom code is a date or duration when its first section has a date or time letter
/// (`d m h y s`) outside quotes, escapes and brackets, an `a`…`p`/`m`/`/` pair (`AM/PM`), or a
/// bracketed elapsed-time unit (`[h]`, `[mm]`, `[ss]`).
fn is_date_code(code: &str) -> bool {
    let (mut escaped, mut quoted, mut after_a, mut elapsed) = (false, false, false, false);
    let mut brackets = 0u8;
    let mut prev = ' ';
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if c == '_' || c == '\\' {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else {
            match c {
                '"' => quoted = true,
                ';' => return false,
                // More than 255 brackets wrap around, as in calamine's release build.
                '[' => brackets = brackets.wrapping_add(1),
                ']' if brackets == 1 && elapsed => return true,
                ']' => brackets = brackets.saturating_sub(1),
                'a' | 'A' if !after_a && brackets == 0 => after_a = true,
                'p' | 'm' | '/' | 'P' | 'M' if after_a && brackets == 0 => return true,
                'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S' if !after_a && brackets == 0 => return true,
                _ => {
                    if !(elapsed && c.eq_ignore_ascii_case(&prev)) {
                        elapsed = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                    }
                }
            }
        }
        prev = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_give_decimals() {
        let fixed = |decimals, percent| NumberFormat::Fixed { decimals, percent };
        assert_eq!(parse_format("#,##0.00"), fixed(2, false));
        assert_eq!(parse_format("#,##0.00_ ;[Red]\\-#,##0.00\\ "), fixed(2, false));
        assert_eq!(parse_format("0.0%"), fixed(1, true));
        assert_eq!(parse_format("\"¥\"#,##0.000"), fixed(3, false));
        assert_eq!(parse_format("General"), NumberFormat::General);
        assert_eq!(parse_format("yyyy-mm-dd"), NumberFormat::General);
        assert_eq!(parse_format("0.00E+00"), NumberFormat::General);
        assert_eq!(builtin_format(4), fixed(2, false));
    }

    #[test]
    fn date_styles_as_calamine_sees_them() {
        for code in ["yyyy-mm-dd", "DD/MM/YY", "H:MM:SS;@", "[h]:mm:ss", "[ss]", "m\"M\"d\"D\";@", "ha/p\\\\m"] {
            assert!(is_date_code(code), "{code}");
        }
        for code in
            ["#,##0.00", "0.0%", "General", "\"Y: \"0.00", "[>=100][Magenta].00", "\\Y000000", "0_ ;[Red]\\-0\\ "]
        {
            assert!(!is_date_code(code), "{code}");
        }
        assert!(is_date_id(b"14") && is_date_id(b"46") && !is_date_id(b"014") && !is_date_id(b"4"));
    }

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("B3"), Some((2, 1)));
        assert_eq!(cell_ref("AB10"), Some((9, 27)));
        assert_eq!(cell_ref("3"), None);
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(0), "A");
    }
}

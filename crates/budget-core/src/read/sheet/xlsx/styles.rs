//! Number formats of an XLSX (`xl/styles.xml`, read once): for each cell style (`<xf>` of
//! `<cellXfs>`), how it prints a number (decimals, percent) and whether its numbers are dates.
//! Custom codes come from the `<numFmt>` of `<numFmts>`; other ids are built-in formats.

use std::collections::HashMap;

use quick_xml::events::Event;

use crate::error::Result;
use crate::read::sheet::grid::NumberFormat;
use crate::read::sheet::xlsx::part::Part;

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

/// How a cell style prints numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Style {
    /// Its numbers are date serials, printed as dates (calamine's rules: [`is_date_id`],
    /// [`is_date_code`]).
    pub date: bool,
    /// Its numbers' decimals.
    pub format: NumberFormat,
}

/// The cell styles of a styles part.
///
/// # Errors
/// Malformed XML, the depth limit.
pub(crate) fn read(part: &mut Part<'_>) -> Result<Vec<Style>> {
    let mut codes: HashMap<u32, String> = HashMap::new();
    let mut styles = Vec::new();
    let (mut in_formats, mut in_cell_xfs) = (false, false);
    loop {
        match part.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"numFmts" => in_formats = true,
                b"cellXfs" => in_cell_xfs = true,
                b"numFmt" if in_formats => {
                    let [id, code] = part.attrs(&e, ["numFmtId", "formatCode"])?;
                    if let (Some(id), Some(code)) = (id.and_then(|id| id.parse().ok()), code) {
                        if !code.is_empty() {
                            codes.insert(id, code.into_owned());
                        }
                    }
                }
                b"xf" if in_cell_xfs => {
                    let [id] = part.attrs(&e, ["numFmtId"])?;
                    let id: Option<u32> = id.and_then(|id| id.parse().ok());
                    styles.push(match (id, id.and_then(|id| codes.get(&id))) {
                        (_, Some(code)) => Style { date: is_date_code(code), format: parse_format(code) },
                        (Some(id), None) => Style { date: is_date_id(id), format: builtin_format(id) },
                        (None, None) => Style { date: false, format: NumberFormat::General },
                    });
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"numFmts" => in_formats = false,
                b"cellXfs" => in_cell_xfs = false,
                _ => {}
            },
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// Built-in date and time formats: 14–22 (dates, times), 45–47 (minutes and seconds, `[h]:mm:ss`).
fn is_date_id(id: u32) -> bool {
    matches!(id, 14..=22 | 45..=47)
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
    use crate::read::sheet::grid::column_name;

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
        assert!(is_date_id(14) && is_date_id(46) && !is_date_id(4) && !is_date_id(164));
        assert_eq!((column_name(27).as_str(), column_name(0).as_str()), ("AB", "A"));
    }
}

//! CMaps: the lenient parser for embedded `/ToUnicode` and `/Encoding` CMap streams.
//!
//! Only the sections matter (`codespacerange`, `bfchar`, `bfrange`, `cidchar`, `cidrange`);
//! everything around them is ignored, so CMaps with misspelt or missing PostScript boilerplate
//! (the Suwell OFD converter's `difineresource`) still decode instead of falling back to a
//! standard encoding and producing garbage.

use std::collections::HashMap;

use super::cmap_tokens::{tokenize, Token};

/// Most mappings one CMap may define (expanded ranges count one per code).
const MAX_MAPPINGS: usize = 1 << 20;

/// A code of 1 to 4 bytes: (byte length, big-endian value).
pub(crate) type Code = (u8, u32);

/// One `begincodespacerange` entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Codespace {
    len: u8,
    low: u32,
    high: u32,
}

/// A parsed CMap: code lengths, code → Unicode text, code → CID.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    codespaces: Vec<Codespace>,
    unicode: HashMap<Code, String>,
    cid_ranges: Vec<(Code, u32, u32)>,
    /// Mappings dropped because the CMap exceeded [`MAX_MAPPINGS`].
    pub truncated: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Codespace,
    BfChar,
    BfRange,
    CidChar,
    CidRange,
}

impl CMap {
    /// Parse a CMap program. Never fails; an unreadable program yields an empty CMap.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut section = Section::None;
        let mut operands: Vec<Token> = Vec::new();
        for token in tokenize(data) {
            if let Token::Keyword(word) = &token {
                let next = match word.as_slice() {
                    b"begincodespacerange" => Some(Section::Codespace),
                    b"beginbfchar" => Some(Section::BfChar),
                    b"beginbfrange" => Some(Section::BfRange),
                    b"begincidchar" => Some(Section::CidChar),
                    b"begincidrange" => Some(Section::CidRange),
                    w if w.starts_with(b"end") => Some(Section::None),
                    _ => None,
                };
                if let Some(next) = next {
                    section = next;
                    operands.clear();
                }
                continue;
            }
            if section == Section::None {
                continue;
            }
            operands.push(token);
            let wanted = match section {
                Section::Codespace | Section::BfChar | Section::CidChar => 2,
                _ => 3,
            };
            if operands.len() == wanted {
                cmap.add_entry(section, &operands);
                operands.clear();
            }
        }
        cmap
    }

    fn add_entry(&mut self, section: Section, operands: &[Token]) {
        match (section, operands) {
            (Section::Codespace, [Token::Hex(low), Token::Hex(high)]) => {
                if let (Some(low), Some(high)) = (code_of(low), code_of(high)) {
                    self.codespaces.push(Codespace { len: low.0, low: low.1, high: high.1 });
                }
            }
            (Section::BfChar, [Token::Hex(src), target]) => {
                if let (Some(code), Some(text)) = (code_of(src), target_text(target)) {
                    self.insert(code, text);
                }
            }
            (Section::BfRange, [Token::Hex(low), Token::Hex(high), target]) => {
                let (Some(low), Some(high)) = (code_of(low), code_of(high)) else { return };
                let count = high.1.saturating_sub(low.1).min(0xFFFF);
                match target {
                    Token::Array(items) => {
                        for (offset, item) in items.iter().enumerate().take(count as usize + 1) {
                            if let Some(text) = target_text(item) {
                                self.insert((low.0, low.1 + offset as u32), text);
                            }
                        }
                    }
                    Token::Hex(bytes) => {
                        let units = utf16_units(bytes);
                        for offset in 0..=count {
                            let mut shifted = units.clone();
                            if let Some(last) = shifted.last_mut() {
                                *last = last.wrapping_add(offset as u16);
                            }
                            self.insert((low.0, low.1 + offset), String::from_utf16_lossy(&shifted));
                        }
                    }
                    _ => {}
                }
            }
            (Section::CidChar, [Token::Hex(src), Token::Integer(cid)]) => {
                if let (Some(code), Ok(cid)) = (code_of(src), u32::try_from(*cid)) {
                    self.cid_ranges.push((code, code.1, cid));
                }
            }
            (Section::CidRange, [Token::Hex(low), Token::Hex(high), Token::Integer(cid)]) => {
                if let (Some(low), Some(high), Ok(cid)) = (code_of(low), code_of(high), u32::try_from(*cid)) {
                    if self.cid_ranges.len() < MAX_MAPPINGS {
                        self.cid_ranges.push((low, high.1, cid));
                    }
                }
            }
            _ => {}
        }
    }

    fn insert(&mut self, code: Code, text: String) {
        if self.unicode.len() >= MAX_MAPPINGS {
            self.truncated = true;
        } else {
            self.unicode.insert(code, text);
        }
    }

    /// Whether the CMap maps anything to Unicode.
    pub fn has_unicode(&self) -> bool {
        !self.unicode.is_empty()
    }

    /// Whether the CMap declares code lengths.
    pub fn has_codespaces(&self) -> bool {
        !self.codespaces.is_empty()
    }

    /// The Unicode text of a code, if mapped.
    pub fn unicode(&self, code: Code) -> Option<&str> {
        self.unicode.get(&code).map(String::as_str)
    }

    /// The CID of a code, if the CMap has `cidchar` / `cidrange` entries covering it.
    pub fn cid(&self, code: Code) -> Option<u32> {
        self.cid_ranges
            .iter()
            .find(|(low, high, _)| low.0 == code.0 && low.1 <= code.1 && code.1 <= *high)
            .map(|(low, _, cid)| cid + (code.1 - low.1))
    }

    /// The length in bytes of the code starting `bytes`, by the codespace ranges; `None` when
    /// no range matches (the caller picks a fallback length).
    pub fn code_length(&self, bytes: &[u8]) -> Option<usize> {
        (1..=4usize).find(|&len| {
            bytes.len() >= len && {
                let value = bytes[..len].iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
                self.codespaces
                    .iter()
                    .any(|space| usize::from(space.len) == len && space.low <= value && value <= space.high)
            }
        })
    }
}

/// A code from 1–4 bytes.
fn code_of(bytes: &[u8]) -> Option<Code> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some((bytes.len() as u8, bytes.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b))))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|pair| u16::from_be_bytes([pair[0], pair.get(1).copied().unwrap_or(0)])).collect()
}

/// The text a bfchar/bfrange target stands for: UTF-16BE hex, or a glyph name.
fn target_text(token: &Token) -> Option<String> {
    match token {
        Token::Hex(bytes) if bytes.len() == 1 => Some(char::from(bytes[0]).to_string()),
        Token::Hex(bytes) => Some(String::from_utf16_lossy(&utf16_units(bytes))),
        Token::Name(name) => super::glyph_names::glyph_name_text(name),
        Token::Literal(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_bfrange_and_array_ranges_despite_misspellings() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <6536> endbfchar\n\
              2 beginbfrange <0020> <0022> <5165> <0030> <0031> [<652F> <51FA>] endbfrange\n\
              endcmap CMapName currentdict /CMap difineresource pop end end",
        );
        assert_eq!(cmap.unicode((2, 0x10)), Some("收"));
        assert_eq!(cmap.unicode((2, 0x21)), Some("\u{5166}"));
        assert_eq!(cmap.unicode((2, 0x31)), Some("出"));
        assert_eq!(cmap.code_length(&[0x00, 0x10]), Some(2));
    }

    #[test]
    fn cid_ranges_map_codes_to_cids() {
        let cmap = CMap::parse(b"1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <20> 1 endcidchar");
        assert_eq!(cmap.cid((2, 0x8141)), Some(634));
        assert_eq!(cmap.cid((1, 0x20)), Some(1));
        assert_eq!(cmap.cid((2, 0x9000)), None);
    }
}

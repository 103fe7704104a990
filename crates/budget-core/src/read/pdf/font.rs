//! Fonts: from a font dictionary to glyphs (Unicode text + advance width) for a string's bytes.
//!
//! Simple fonts (Type1, TrueType, Type3) use `/Widths` and `/Encoding` (+ `/Differences`);
//! composite (Type0) fonts use `/W` `/DW` of their CIDFont and an encoding CMap: `Identity-H/V`,
//! an embedded CMap stream, or a predefined CJK CMap decoded with `encoding_rs`
//! (GBK-EUC-H, GB-EUC-H, UniGB-UCS2-H, UniGB-UTF16-H, Big5, Shift-JIS, EUC-KR families).
//! A `/ToUnicode` CMap, when present, wins for the text.

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, Code};
use super::objects::{get, get_array, get_dict, get_name, get_number, get_stream, name_text, number_in, stream_bytes};
use super::widths::CidWidths;

/// Largest CMap stream read, in bytes.
const MAX_CMAP_BYTES: usize = 16 * 1024 * 1024;

/// One glyph of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// Unicode text; `None` when the font gives no way to know it.
    pub text: Option<String>,
    /// Advance in text space units per unit of font size (1000 glyph units = 1.0).
    pub width: f32,
    /// A single-byte code 32, to which word spacing applies.
    pub is_word_space: bool,
}

/// How a composite font's bytes become codes and text.
#[derive(Debug, Clone)]
enum CidEncoding {
    /// Two-byte codes equal to CIDs.
    Identity,
    /// A CMap stream embedded in the file.
    Embedded(CMap),
    /// A predefined CMap whose codes are a legacy character encoding.
    Predefined(Legacy),
}

/// The legacy encodings behind predefined CJK CMaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    Gbk,
    Utf16,
    Big5,
    ShiftJis,
    EucKr,
}

#[derive(Debug, Clone)]
enum FontKind {
    Simple { widths: Box<[f32; 256]>, text: Box<[Option<String>; 256]> },
    Composite { encoding: CidEncoding, widths: CidWidths },
}

/// A loaded font, ready to decode strings.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// The base font name without a subset tag (`ABCDEF+`).
    pub name: String,
    /// Vertical writing (`-V` CMaps).
    pub vertical: bool,
    kind: FontKind,
    to_unicode: Option<CMap>,
}

impl Font {
    /// Load a font dictionary. Never fails: what cannot be read falls back to defaults, and a
    /// note is pushed to `warnings`.
    pub fn load(doc: &Document, dict: &Dictionary, warnings: &mut Vec<String>) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"Type1");
        let base = get_name(doc, dict, b"BaseFont").map(name_text).unwrap_or_default();
        let name = match base.split_once('+') {
            Some((tag, rest)) if tag.len() == 6 => rest.to_string(),
            _ => base,
        };
        let to_unicode =
            get_stream(doc, dict, b"ToUnicode").and_then(|stream| match stream_bytes(stream, MAX_CMAP_BYTES) {
                Ok(bytes) => Some(CMap::parse(&bytes)).filter(CMap::has_unicode),
                Err(err) => {
                    warnings.push(format!("font {name}: unreadable ToUnicode CMap ({err})"));
                    None
                }
            });
        if subtype == b"Type0" {
            let descendant = get_array(doc, dict, b"DescendantFonts")
                .and_then(|fonts| fonts.first())
                .and_then(|first| super::objects::resolve(doc, first).as_dict().ok());
            let (encoding, vertical) = composite_encoding(doc, dict, &name, warnings);
            let widths = descendant.map(|cid_font| CidWidths::load(doc, cid_font)).unwrap_or_default();
            Font { name, vertical, kind: FontKind::Composite { encoding, widths }, to_unicode }
        } else {
            let kind = simple_font(doc, dict, subtype);
            Font { name, vertical: false, kind, to_unicode }
        }
    }

    /// Split `bytes` into glyphs.
    pub fn glyphs(&self, bytes: &[u8], out: &mut Vec<Glyph>) {
        match &self.kind {
            FontKind::Simple { widths, text } => {
                for &byte in bytes {
                    // Some producers write two-byte source codes even for simple fonts.
                    let mapped = self.to_unicode.as_ref().and_then(|cmap| {
                        cmap.unicode((1, u32::from(byte))).or_else(|| cmap.unicode((2, u32::from(byte))))
                    });
                    let text = mapped.map(str::to_string).or_else(|| text[usize::from(byte)].clone());
                    out.push(Glyph { text, width: widths[usize::from(byte)], is_word_space: byte == 32 });
                }
            }
            FontKind::Composite { encoding, widths } => {
                let mut rest = bytes;
                while !rest.is_empty() {
                    let len = code_length(encoding, rest).clamp(1, rest.len());
                    let (code_bytes, tail) = rest.split_at(len);
                    rest = tail;
                    let code: Code = (len as u8, code_bytes.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)));
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|cmap| cmap.unicode(code))
                        .map(str::to_string)
                        .or_else(|| legacy_text(encoding, code_bytes));
                    let width = match encoding {
                        CidEncoding::Identity => widths.width(code.1),
                        CidEncoding::Embedded(cmap) => widths.width(cmap.cid(code).unwrap_or(code.1)),
                        // The CIDs of predefined CMaps need Adobe's tables: half width for
                        // ASCII, the default width for the rest.
                        CidEncoding::Predefined(_) if code.1 < 0x80 => 0.5,
                        CidEncoding::Predefined(_) => widths.default_width(),
                    };
                    out.push(Glyph { text, width, is_word_space: code == (1, 32) });
                }
            }
        }
    }
}

fn composite_encoding(
    doc: &Document,
    dict: &Dictionary,
    name: &str,
    warnings: &mut Vec<String>,
) -> (CidEncoding, bool) {
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(cmap_name)) => {
            let vertical = cmap_name.ends_with(b"-V");
            let text = String::from_utf8_lossy(cmap_name);
            let legacy = if text.starts_with("Identity") {
                return (CidEncoding::Identity, vertical);
            } else if text.starts_with("Uni") {
                Some(Legacy::Utf16)
            } else if text.starts_with("GB") {
                Some(Legacy::Gbk)
            } else if text.starts_with("B5") || text.starts_with("ETen") || text.starts_with("HKscs") {
                Some(Legacy::Big5)
            } else if text.starts_with("90") || text.starts_with("83pv") || text.starts_with("Add-RKSJ") {
                Some(Legacy::ShiftJis)
            } else if text.starts_with("KSC") {
                Some(Legacy::EucKr)
            } else {
                None
            };
            match legacy {
                Some(legacy) => (CidEncoding::Predefined(legacy), vertical),
                None => {
                    warnings.push(format!("font {name}: predefined CMap {text} not supported; read as Identity"));
                    (CidEncoding::Identity, vertical)
                }
            }
        }
        Some(Object::Stream(stream)) => match stream_bytes(stream, MAX_CMAP_BYTES) {
            Ok(bytes) => {
                let cmap = CMap::parse(&bytes);
                let vertical = get_number(doc, &stream.dict, b"WMode") == Some(1.0);
                (CidEncoding::Embedded(cmap), vertical)
            }
            Err(err) => {
                warnings.push(format!("font {name}: unreadable encoding CMap ({err}); read as Identity"));
                (CidEncoding::Identity, false)
            }
        },
        _ => (CidEncoding::Identity, false),
    }
}

fn code_length(encoding: &CidEncoding, bytes: &[u8]) -> usize {
    let first = bytes[0];
    match encoding {
        CidEncoding::Identity => 2,
        CidEncoding::Embedded(cmap) => cmap.code_length(bytes).unwrap_or(if cmap.has_codespaces() { 1 } else { 2 }),
        CidEncoding::Predefined(Legacy::Utf16) => {
            if (0xD8..=0xDB).contains(&first) && bytes.len() >= 4 {
                4
            } else {
                2
            }
        }
        CidEncoding::Predefined(Legacy::ShiftJis) => {
            if first <= 0x80 || (0xA0..=0xDF).contains(&first) {
                1
            } else {
                2
            }
        }
        CidEncoding::Predefined(_) => {
            if first <= 0x80 {
                1
            } else {
                2
            }
        }
    }
}

fn legacy_text(encoding: &CidEncoding, bytes: &[u8]) -> Option<String> {
    let decoder = match encoding {
        CidEncoding::Predefined(Legacy::Gbk) => encoding_rs::GBK,
        CidEncoding::Predefined(Legacy::Utf16) => encoding_rs::UTF_16BE,
        CidEncoding::Predefined(Legacy::Big5) => encoding_rs::BIG5,
        CidEncoding::Predefined(Legacy::ShiftJis) => encoding_rs::SHIFT_JIS,
        CidEncoding::Predefined(Legacy::EucKr) => encoding_rs::EUC_KR,
        _ => return None,
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn simple_font(doc: &Document, dict: &Dictionary, subtype: &[u8]) -> FontKind {
    let scale = if subtype == b"Type3" {
        get_array(doc, dict, b"FontMatrix")
            .and_then(|matrix| matrix.first())
            .and_then(|a| number_in(doc, a))
            .map_or(0.001, f32::abs)
    } else {
        0.001
    };
    let mut widths = Box::new([0.0f32; 256]);
    let base = get_name(doc, dict, b"BaseFont").unwrap_or_default();
    let fallback_width = if base.windows(7).any(|window| window == b"Courier") { 0.6 } else { 0.5 };
    let missing = get_dict(doc, dict, b"FontDescriptor")
        .and_then(|descriptor| get_number(doc, descriptor, b"MissingWidth"))
        .map(|width| width * scale);
    match get_array(doc, dict, b"Widths") {
        Some(array) => {
            let first = get_number(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
            widths.fill(missing.unwrap_or(0.0));
            for (index, value) in array.iter().enumerate() {
                if let (Some(slot), Some(width)) = (widths.get_mut(first + index), number_in(doc, value)) {
                    *slot = width * scale;
                }
            }
        }
        None => {
            widths.fill(missing.unwrap_or(fallback_width));
            if fallback_width < 0.6 {
                widths[32] = 0.25;
            }
        }
    }
    FontKind::Simple { widths, text: Box::new(super::simple_encoding::code_texts(doc, dict, subtype)) }
}

//! The text of each code of a simple font: `/Encoding` (a base encoding name or a dictionary
//! with `/BaseEncoding` and `/Differences`), resolved with lopdf's encoding tables and glyph
//! list, then our own glyph-name rules for names lopdf does not know (`uniXXXX`, …).

use lopdf::{Dictionary, Document, Object};

use super::glyph_names::glyph_name_text;
use super::objects::{get, resolve};

/// The text of the 256 codes of a simple font (`None` where unknown).
pub(crate) fn code_texts(doc: &Document, font: &Dictionary, subtype: &[u8]) -> [Option<String>; 256] {
    let mut texts: [Option<String>; 256] = std::array::from_fn(|_| None);
    let encoding_entry = get(doc, font, b"Encoding");
    // lopdf prefers /ToUnicode when /Encoding is absent; we read ToUnicode ourselves, so give
    // it a font dictionary with the encoding only (WinAnsi for TrueType, Standard otherwise).
    let mut bare = Dictionary::new();
    bare.set("Type", Object::Name(b"Font".to_vec()));
    match encoding_entry {
        Some(entry) => bare.set("Encoding", entry.clone()),
        None if subtype == b"TrueType" => bare.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
        None => {}
    }
    if let Ok(encoding) = bare.get_font_encoding(doc) {
        for (code, slot) in texts.iter_mut().enumerate() {
            if let Ok(text) = encoding.bytes_to_string(&[code as u8]) {
                if !text.is_empty() {
                    *slot = Some(text);
                }
            }
        }
    }
    // Differences entries lopdf could not name.
    if let Some(Object::Dictionary(dict)) = encoding_entry {
        if let Some(Object::Array(differences)) = get(doc, dict, b"Differences") {
            let mut code: usize = 0;
            for item in differences {
                match resolve(doc, item) {
                    Object::Integer(value) => code = usize::try_from(*value).unwrap_or(256),
                    Object::Name(name) => {
                        if let Some(slot) = texts.get_mut(code) {
                            if let Some(text) = glyph_name_text(name) {
                                *slot = Some(text);
                            }
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    // Without any encoding, printable ASCII stands for itself.
    if encoding_entry.is_none() {
        for (code, slot) in texts.iter_mut().enumerate().take(0x7F).skip(0x20) {
            if slot.is_none() {
                *slot = Some(char::from(code as u8).to_string());
            }
        }
    }
    texts
}

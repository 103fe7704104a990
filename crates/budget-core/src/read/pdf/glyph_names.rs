//! Glyph names → text, for `/Differences` entries and name targets in CMaps: `uniXXXX`,
//! `uXXXX[XX]`, single letters, and the common names of digits and punctuation. Names that
//! only a full Adobe Glyph List knows are resolved by lopdf's tables first (see `font.rs`).

/// The text a glyph name stands for, if known.
pub(crate) fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 {
            let units: Option<Vec<u16>> = hex
                .as_bytes()
                .chunks(4)
                .map(|chunk| u16::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok())
                .collect();
            return units.map(|units| String::from_utf16_lossy(&units));
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c.to_string());
            }
        }
    }
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return Some(base.to_string());
    }
    const NAMES: &[(&str, &str)] = &[
        ("space", " "),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("period", "."),
        ("comma", ","),
        ("hyphen", "-"),
        ("minus", "−"),
        ("percent", "%"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("colon", ":"),
        ("semicolon", ";"),
        ("slash", "/"),
        ("plus", "+"),
        ("equal", "="),
        ("less", "<"),
        ("greater", ">"),
        ("bracketleft", "["),
        ("bracketright", "]"),
        ("underscore", "_"),
        ("quotesingle", "'"),
        ("quotedbl", "\""),
        ("ampersand", "&"),
        ("asterisk", "*"),
        ("numbersign", "#"),
        ("dollar", "$"),
        ("at", "@"),
        ("question", "?"),
        ("exclam", "!"),
        ("bullet", "•"),
        ("endash", "–"),
        ("emdash", "—"),
        ("periodcentered", "·"),
        ("quoteleft", "‘"),
        ("quoteright", "’"),
        ("quotedblleft", "“"),
        ("quotedblright", "”"),
        ("fi", "fi"),
        ("fl", "fl"),
        ("ff", "ff"),
        ("ffi", "ffi"),
        ("ffl", "ffl"),
        ("nbspace", "\u{a0}"),
    ];
    NAMES.iter().find(|(known, _)| *known == base).map(|(_, text)| (*text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_uni_u_and_common_names() {
        assert_eq!(glyph_name_text(b"uni6536").as_deref(), Some("收"));
        assert_eq!(glyph_name_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_text(b"period").as_deref(), Some("."));
        assert_eq!(glyph_name_text(b"g123"), None);
    }
}

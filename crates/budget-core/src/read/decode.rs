//! Bytes → text: UTF-8 (with or without BOM), UTF-16 (with BOM, or detected from NUL bytes) and
//! GB18030/GBK, detected, through `encoding_rs`.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::ErrorKind;

/// Decoded text and the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text; line ends normalised to `\n`.
    pub text: String,
    /// The encoding name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `GB18030`).
    pub encoding: &'static str,
}

/// Decode bytes, choosing the encoding from the BOM, else by validity: UTF-8 if valid, else
/// UTF-16 if the NUL pattern says so, else GB18030 (a superset of GBK and GB2312).
///
/// # Errors
/// [`ErrorKind::Decode`] when the chosen decoding has malformed sequences in more than 1% of the
/// characters (binary data, or an encoding we do not know).
///
/// ```
/// let gbk = [0xB5, 0xA5, 0xCE, 0xBB, 0xA3, 0xBA, 0xCD, 0xF2, 0xD4, 0xAA]; // 单位：万元 in GBK
/// let decoded = budget_core::read::decode::decode(&gbk).unwrap();
/// assert_eq!(decoded.text, "单位：万元");
/// assert_eq!(decoded.encoding, "GB18030");
/// ```
pub fn decode(data: &[u8]) -> Result<Decoded, ErrorKind> {
    let (encoding, body): (&'static Encoding, &[u8]) = if let Some((enc, bom_len)) = Encoding::for_bom(data) {
        (enc, &data[bom_len..])
    } else if std::str::from_utf8(data).is_ok() {
        (UTF_8, data)
    } else if let Some(enc) = sniff_utf16(data) {
        (enc, data)
    } else {
        (GB18030, data)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        if bad * 100 > total || text.contains('\0') {
            return Err(ErrorKind::Decode {
                message: format!("{bad} of {total} characters are not valid {}", encoding.name()),
            });
        }
    }
    if text.chars().filter(|&c| c == '\0').count() > 0 {
        return Err(ErrorKind::Decode { message: "the input contains NUL characters: binary data?".into() });
    }
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.into_owned() };
    Ok(Decoded { text, encoding: encoding_name(encoding) })
}

fn encoding_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_8 {
        "UTF-8"
    } else if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// UTF-16 without a BOM shows NUL bytes in every other position for ASCII-heavy text.
fn sniff_utf16(data: &[u8]) -> Option<&'static Encoding> {
    let sample = &data[..data.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let pairs = sample.len() / 2;
    if odd_nul * 4 > pairs && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 4 > pairs && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_with_bom(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("收入总计".as_bytes()).unwrap().text, "收入总计");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend("收入总计".as_bytes());
        let decoded = decode(&bom).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("收入总计", "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let decoded = decode(&utf16le_with_bom("合计\r\n7414.81")).unwrap();
        assert_eq!((decoded.text.as_str(), decoded.encoding), ("合计\n7414.81", "UTF-16LE"));
    }

    #[test]
    fn gb18030_round_trip() {
        let (bytes, _, _) = GB18030.encode("成安县医疗保障局 单位：万元 7414.81");
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, "成安县医疗保障局 单位：万元 7414.81");
        assert_eq!(decoded.encoding, "GB18030");
    }

    #[test]
    fn binary_noise_is_a_decode_error() {
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&noise), Err(ErrorKind::Decode { .. })));
    }
}

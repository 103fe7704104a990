//! A cheap pass over a content stream before lopdf tokenises it: lopdf keeps every operand of
//! an operator in memory until the operator comes (a 10 KB file whose content is five million
//! numbers took 1.6 GB), and refuses arrays nested past its own depth only after building them.
//! This pass finds the longest prefix of the stream whose operators each take at most
//! [`PdfOptions::max_operands`](super::PdfOptions::max_operands) operands (array and dictionary
//! elements included) nested at most [`PdfOptions::max_nesting`](super::PdfOptions::max_nesting)
//! deep; the interpreter runs only that prefix.

/// Where a stream must be cut, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Length of the prefix that stays within the limits (it ends after an operator).
    pub keep: usize,
    /// The limit that was exceeded, for the warning.
    pub reason: String,
}

/// The limits checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Most objects between two operators, array and dictionary elements included.
    pub operands: usize,
    /// Deepest array/dictionary nesting.
    pub nesting: usize,
}

fn is_whitespace(byte: u8) -> bool {
    matches!(byte, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(byte: u8) -> bool {
    matches!(byte, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// The end of the literal string whose `(` is at `start` (or the end of the data).
fn skip_literal_string(data: &[u8], start: usize) -> usize {
    let (mut depth, mut pos) = (0usize, start);
    while pos < data.len() {
        match data[pos] {
            b'\\' => pos += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return pos + 1;
                }
            }
            _ => {}
        }
        pos += 1;
    }
    data.len()
}

/// The end of the inline image data that starts after `ID` at `start`: past the first `EI`
/// between whitespace (or at the end of the data).
fn skip_inline_image(data: &[u8], start: usize) -> usize {
    let mut pos = start;
    while pos + 2 <= data.len() {
        if &data[pos..pos + 2] == b"EI"
            && pos > start
            && is_whitespace(data[pos - 1])
            && data.get(pos + 2).is_none_or(|&byte| is_whitespace(byte) || is_delimiter(byte))
        {
            return pos + 2;
        }
        pos += 1;
    }
    data.len()
}

/// Check `data` against `limits`: `None` when the whole stream is within them.
pub(crate) fn check(data: &[u8], limits: Limits) -> Option<Cut> {
    let (mut pos, mut depth, mut operands, mut boundary) = (0usize, 0usize, 0usize, 0usize);
    while pos < data.len() {
        let byte = data[pos];
        let token_start = pos;
        if is_whitespace(byte) {
            pos += 1;
            continue;
        }
        match byte {
            b'%' => {
                while pos < data.len() && data[pos] != b'\n' && data[pos] != b'\r' {
                    pos += 1;
                }
                continue;
            }
            b'(' => pos = skip_literal_string(data, pos),
            b'<' if data.get(pos + 1) == Some(&b'<') => {
                depth += 1;
                pos += 2;
            }
            b'<' => pos = data[pos..].iter().position(|&b| b == b'>').map_or(data.len(), |end| pos + end + 1),
            b'>' if data.get(pos + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                pos += 2;
                continue;
            }
            b'[' => {
                depth += 1;
                pos += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                pos += 1;
                continue;
            }
            b')' | b'>' | b'{' | b'}' => {
                pos += 1;
                continue;
            }
            _ => {
                pos += 1;
                while pos < data.len() && !is_whitespace(data[pos]) && !is_delimiter(data[pos]) {
                    pos += 1;
                }
                let token = &data[token_start..pos];
                let is_operand = byte == b'/'
                    || matches!(byte, b'0'..=b'9' | b'+' | b'-' | b'.')
                    || matches!(token, b"true" | b"false" | b"null");
                if !is_operand && depth == 0 {
                    operands = 0;
                    if token == b"ID" {
                        pos = skip_inline_image(data, pos);
                    }
                    boundary = pos;
                    continue;
                }
            }
        }
        operands += 1;
        if operands > limits.operands {
            let reason = format!("an operator with more than {} operands (the operand stack limit)", limits.operands);
            return Some(Cut { keep: boundary, reason });
        }
        if depth > limits.nesting {
            let reason = format!("arrays or dictionaries nested deeper than {} (the nesting limit)", limits.nesting);
            return Some(Cut { keep: boundary, reason });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { operands: 6, nesting: 3 };

    #[test]
    fn ordinary_content_is_kept_whole() {
        let content = b"q 1 0 0 1 0 0 cm BT /F1 12 Tf [(a\\)b) -20 <4142>] TJ ET % note 1 2 3 4 5 6 7\n\
            BI /W 2 /H 1 /CS /G ID \x001 2 3 4 5 6 7 8 9 EI Q";
        assert_eq!(check(content, LIMITS), None);
    }

    #[test]
    fn an_operand_flood_is_cut_after_the_last_operator() {
        let content = b"1 0 0 1 0 0 cm 1 2 3 4 5 6 7 8 9";
        let cut = check(content, LIMITS).expect("cut");
        assert_eq!(&content[..cut.keep], b"1 0 0 1 0 0 cm");
        assert!(cut.reason.contains("operand"), "{}", cut.reason);
        // Elements inside an array count too.
        let cut = check(b"q [1 2 3 4 5 6 7] TJ", LIMITS).expect("cut");
        assert_eq!(cut.keep, 1);
    }

    #[test]
    fn deep_nesting_is_cut() {
        let cut = check(b"Q [[[[1]]]] TJ", LIMITS).expect("cut");
        assert_eq!(cut.keep, 1);
        assert!(cut.reason.contains("nested"), "{}", cut.reason);
        assert_eq!(check(b"<< /A << /B [1] >> >> BDC", LIMITS), None);
    }
}

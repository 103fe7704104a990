//! A forgiving tokenizer for CMap programs (PostScript subset): hex strings, literal strings,
//! numbers, names, arrays and bare keywords. It never fails: bytes it does not understand are
//! skipped, so a misspelt operator (the Suwell OFD converter writes `difineresource`) costs
//! nothing.

/// One token of a CMap program.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// `<…>`: the bytes it encodes.
    Hex(Vec<u8>),
    /// `(…)`: the raw bytes, escapes resolved for the common cases.
    Literal(Vec<u8>),
    /// An integer.
    Integer(i64),
    /// `/Name`, without the slash.
    Name(Vec<u8>),
    /// `[ … ]`.
    Array(Vec<Token>),
    /// Any other bare word (`beginbfchar`, `def`, …).
    Keyword(Vec<u8>),
}

/// Deepest array nesting followed; deeper brackets are flattened.
const MAX_ARRAY_DEPTH: usize = 8;

/// Split `data` into tokens.
pub(crate) fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut stack: Vec<Vec<Token>> = vec![Vec::new()];
    let mut pos = 0;
    while pos < data.len() {
        let byte = data[pos];
        let token = match byte {
            b'%' => {
                while pos < data.len() && data[pos] != b'\n' && data[pos] != b'\r' {
                    pos += 1;
                }
                continue;
            }
            b'<' if data.get(pos + 1) == Some(&b'<') => {
                pos += 2;
                continue;
            }
            b'>' => {
                pos += 1;
                continue;
            }
            b'<' => {
                let (bytes, next) = read_hex(data, pos + 1);
                pos = next;
                Token::Hex(bytes)
            }
            b'(' => {
                let (bytes, next) = read_literal(data, pos + 1);
                pos = next;
                Token::Literal(bytes)
            }
            b'[' => {
                pos += 1;
                if stack.len() < MAX_ARRAY_DEPTH {
                    stack.push(Vec::new());
                }
                continue;
            }
            b']' => {
                pos += 1;
                if stack.len() > 1 {
                    let items = stack.pop().unwrap_or_default();
                    Token::Array(items)
                } else {
                    continue;
                }
            }
            b'/' => {
                let end = word_end(data, pos + 1);
                let name = data[pos + 1..end].to_vec();
                pos = end;
                Token::Name(name)
            }
            _ if byte.is_ascii_whitespace() || byte == b'{' || byte == b'}' || byte == b')' => {
                pos += 1;
                continue;
            }
            _ => {
                let end = word_end(data, pos).max(pos + 1);
                let word = &data[pos..end];
                pos = end;
                match std::str::from_utf8(word).ok().and_then(|text| text.parse::<i64>().ok()) {
                    Some(number) => Token::Integer(number),
                    None => Token::Keyword(word.to_vec()),
                }
            }
        };
        if let Some(top) = stack.last_mut() {
            top.push(token);
        }
    }
    while stack.len() > 1 {
        let items = stack.pop().unwrap_or_default();
        if let Some(top) = stack.last_mut() {
            top.push(Token::Array(items));
        }
    }
    stack.pop().unwrap_or_default()
}

fn word_end(data: &[u8], mut pos: usize) -> usize {
    while pos < data.len() && !data[pos].is_ascii_whitespace() && !b"/<>[](){}%".contains(&data[pos]) {
        pos += 1;
    }
    pos
}

fn read_hex(data: &[u8], mut pos: usize) -> (Vec<u8>, usize) {
    let mut digits = Vec::new();
    while pos < data.len() && data[pos] != b'>' {
        if let Some(value) = (data[pos] as char).to_digit(16) {
            digits.push(value as u8);
        }
        pos += 1;
    }
    if digits.len() % 2 == 1 {
        digits.push(0);
    }
    let bytes = digits.chunks(2).map(|pair| pair[0] * 16 + pair.get(1).copied().unwrap_or(0)).collect();
    (bytes, (pos + 1).min(data.len()))
}

fn read_literal(data: &[u8], mut pos: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 0usize;
    while pos < data.len() {
        let byte = data[pos];
        pos += 1;
        match byte {
            b'\\' if pos < data.len() => {
                let escaped = data[pos];
                pos += 1;
                match escaped {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'0'..=b'7' => {
                        let mut value = u32::from(escaped - b'0');
                        for _ in 0..2 {
                            match data.get(pos) {
                                Some(digit @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(digit - b'0');
                                    pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((value & 0xFF) as u8);
                    }
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(byte);
            }
            b')' if depth == 0 => return (out, pos),
            b')' => {
                depth -= 1;
                out.push(byte);
            }
            _ => out.push(byte),
        }
    }
    (out, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_hex_arrays_and_misspelt_keywords() {
        let tokens =
            tokenize(b"%c\n/CMapName /X def 1 beginbfrange <0001> <0002> [<4E00> <4E8C>] endbfrange difineresource");
        assert_eq!(tokens[0], Token::Name(b"CMapName".to_vec()));
        assert_eq!(tokens[3], Token::Integer(1));
        assert_eq!(tokens[5], Token::Hex(vec![0, 1]));
        assert_eq!(tokens[7], Token::Array(vec![Token::Hex(vec![0x4E, 0]), Token::Hex(vec![0x4E, 0x8C])]));
        assert_eq!(tokens.last(), Some(&Token::Keyword(b"difineresource".to_vec())));
    }
}

//! The printed numbering of row labels (一、/（一）/(1)/1、/1.) and labels without it: what the
//! row rules read as structure and what the table views compare by.

/// How a row label is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// `一、`
    Chinese(u32),
    /// `（一）` / `(1)`
    Paren(u32),
    /// `1、` / `1.`
    Arabic(u32),
}

impl Numbering {
    pub(crate) fn same_kind(self, other: Numbering) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    pub(crate) fn number(self) -> u32 {
        match self {
            Numbering::Chinese(n) | Numbering::Paren(n) | Numbering::Arabic(n) => n,
        }
    }
}

/// The numbering of a compacted label and the rest of it.
pub(crate) fn numbering(label: &str) -> (Option<Numbering>, &str) {
    let prefix_len = |keep: fn(char) -> bool| label.find(|c: char| !keep(c)).unwrap_or(label.len());
    let chinese = &label[..prefix_len(|c| "一二三四五六七八九十".contains(c))];
    if !chinese.is_empty() {
        if let Some(rest) = label[chinese.len()..].strip_prefix('、') {
            return (chinese_number(chinese).map(Numbering::Chinese), rest);
        }
    }
    if let Some(inner) = label.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            let number = &inner[..close];
            let value = chinese_number(number).or_else(|| number.parse().ok());
            if let Some(value) = value {
                let rest = inner[close + 1..].trim_start_matches('、');
                return (Some(Numbering::Paren(value)), rest);
            }
        }
    }
    let digits = &label[..prefix_len(|c| c.is_ascii_digit())];
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &label[digits.len()..];
        if let Some(rest) =
            rest.strip_prefix('、').or_else(|| rest.strip_prefix('.').filter(|r| !r.starts_with(char::is_numeric)))
        {
            return (digits.parse().ok().map(Numbering::Arabic), rest);
        }
    }
    (None, label)
}

/// `一` → 1, `十一` → 11, `三十一` → 31 (up to 99).
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let mut chars = text.chars();
    let parts = (chars.next(), chars.next(), chars.next(), chars.next());
    match parts {
        (Some('十'), None, ..) => Some(10),
        (Some(c), None, ..) => digit(c),
        (Some('十'), Some(c), None, _) => Some(10 + digit(c)?),
        (Some(c), Some('十'), None, _) => Some(digit(c)? * 10),
        (Some(a), Some('十'), Some(b), None) => Some(digit(a)? * 10 + digit(b)?),
        _ => None,
    }
}

/// Drop a leading `一、` / `（一）` / `1、` / `其中：` from a compacted label.
pub(crate) fn strip_numbering(label: &str) -> &str {
    let label = label.trim_start_matches("其中:").trim_start_matches("其中：");
    let (_, rest) = numbering(label);
    rest
}

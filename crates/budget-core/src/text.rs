//! Text normalisation shared by readers and recognizers.
//!
//! Documents print numbers with full-width digits and punctuation (１２３．４５, （ ）, ，) and
//! labels with spaces between characters (`项  目`, `本 年 收 入 合 计`). The original text is
//! always kept; these functions produce the forms used for matching and number parsing.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Map full-width digits, signs and the punctuation that carries numbers to ASCII:
/// `０-９`, `．`, `，`, `－`, `（`, `）`, `％`, full-width space.
///
/// ```
/// assert_eq!(budget_core::text::normalize_numeric("１２３．４５"), "123.45");
/// assert_eq!(budget_core::text::normalize_numeric("（１，２００）"), "(1,200)");
/// ```
pub fn normalize_numeric(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(numeric_char));
    out
}

/// One character of [`normalize_numeric`].
pub(crate) fn numeric_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' | '−' => '-',
        '（' => '(',
        '）' => ')',
        '％' => '%',
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The form of a label used for matching: whitespace removed, full-width brackets and digits
/// made ASCII, CJK compatibility / Kangxi radical code points mapped to unified ideographs.
///
/// ```
/// assert_eq!(budget_core::text::compact("本 年 收 入 合 计"), "本年收入合计");
/// assert_eq!(budget_core::text::compact("因公出国（境）费"), "因公出国(境)费");
/// ```
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(numeric_char).filter(|c| !c.is_whitespace()).map(unify_ideograph));
    out
}

/// The last `n` characters of `text` (all of it when shorter), without copying.
pub(crate) fn last_chars(text: &str, n: usize) -> &str {
    match n.checked_sub(1) {
        None => "",
        Some(skip) => &text[text.char_indices().rev().nth(skip).map_or(0, |(at, _)| at)..],
    }
}

/// Map a Kangxi radical (U+2F00–U+2FD5) or a CJK compatibility ideograph that some PDF producers
/// emit to the unified ideograph a reader expects (⽇ → 日, ⾦ → 金). Other characters pass through.
pub fn unify_ideograph(c: char) -> char {
    // Kangxi radicals and the unified ideographs they look like, position by position.
    const KANGXI_FROM: &str = "⼀⼈⼊⼋⼒⼗⼝⼟⼤⼥⼦⼯⼴⼼⽀⽂⽅⽇⽉⽊⽔⽕⽣⽤⽥⽬⽰⽴⽶⾁⾃⾄⾏⾐⾒⾓⾔⾦⾧⾨⾯⾼⾸⾹⾞⾥⾬⾮⾳⼆⼚⼠⼩⼭⼰⼲⽃⽆⽒⽓⽜⽩⽪⽯⾎⾝⾷⾺";
    const KANGXI_TO: &str = "一人入八力十口土大女子工广心支文方日月木水火生用田目示立米肉自至行衣见角言金长门面高首香车里雨非音二厂士小山己干斗无氏气牛白皮石血身食马";
    let code = c as u32;
    if (0x2F00..=0x2FDF).contains(&code) {
        return KANGXI_FROM.chars().zip(KANGXI_TO.chars()).find(|(from, _)| *from == c).map_or(c, |(_, to)| to);
    }
    if (0xF900..=0xFAFF).contains(&code) {
        // Compatibility ideographs normalise canonically (NFC) to one unified ideograph; the ones
        // PDF producers emit for common characters are listed here.
        const COMPAT: &[(char, char)] =
            &[('\u{F9B2}', '零'), ('\u{F9D1}', '六'), ('\u{F967}', '不'), ('\u{FA08}', '行')];
        return COMPAT.iter().find(|(from, _)| *from == c).map_or(c, |(_, to)| *to);
    }
    c
}

/// Parse a printed number: full-width digits and `．` made ASCII, thousands commas removed.
pub(crate) fn parse_number(printed: &str) -> Option<Decimal> {
    let plain: String = normalize_numeric(printed).chars().filter(|c| *c != ',').collect();
    Decimal::from_str(&plain).ok()
}

/// `text` without whitespace, full-width digits made ASCII, compatibility ideographs unified;
/// brackets and punctuation as printed (unlike [`compact`]).
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => unify_ideograph(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_become_ideographs() {
        assert_eq!(compact("⽇常公⽤经费"), "日常公用经费");
        assert_eq!(compact("资⾦"), "资金");
    }

    #[test]
    fn last_chars_counts_characters_not_bytes() {
        assert_eq!(last_chars("比2025年", 4), "025年");
        assert_eq!(last_chars("上年", 4), "上年");
        assert_eq!(last_chars("上年", 0), "");
    }
}

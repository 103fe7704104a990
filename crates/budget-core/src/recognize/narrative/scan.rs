//! Numbers in running text: segments (paragraphs joined where a sentence runs across a line
//! break), sentences, and every printed number with its unit, or the reason it is no quantity
//! (a year `2020年`, a date `12月31日`, a list ordinal `（一）`/`1.`, a document number
//! `〔2019〕4号`, a phone number).

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::blocks::{Block, BlockKind};
use crate::provenance::Provenance;
use crate::text::parse_number;

/// Running text to read: one or more adjacent unconsumed headings/paragraphs.
pub(crate) struct Segment {
    /// The text, joined without separator where a sentence was broken across blocks.
    pub text: String,
    /// Where it is.
    pub provenance: Provenance,
}

/// One printed number.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte range of the number (without unit) in the sentence.
    pub start: usize,
    /// Byte offset one past the unit (or the number when there is no unit).
    pub end: usize,
    /// The number as printed.
    pub printed: String,
    /// The value, exact (thousands separators removed, full-width digits made ASCII).
    pub value: Option<Decimal>,
    /// The unit as printed (`万元`, `人`, `%`).
    pub unit: Option<String>,
    /// A year, date, ordinal, document number or phone number: not a quantity.
    pub ignored: bool,
}

const SENTENCE_END: [char; 5] = ['。', '；', ';', '！', '？'];

/// Unconsumed headings and paragraphs in order; a paragraph whose last sentence stops mid-way
/// (no final punctuation, a comma or colon inside) is joined with the paragraph right after it
/// (`…基本支出中，人` + `员经费 235 万元…`).
pub(crate) fn segments(blocks: &[Block], consumed: &[bool]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut open_index: Option<usize> = None;
    let margins = page_margins(blocks);
    for (index, block) in blocks.iter().enumerate() {
        if consumed.get(index).copied().unwrap_or(false) {
            open_index = None;
            continue;
        }
        let text = match &block.kind {
            BlockKind::Heading { text, .. } | BlockKind::Paragraph { text } => text.trim(),
            BlockKind::Table(_) => {
                open_index = None;
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        let adjacent = open_index.is_some_and(|open| open + 1 == index);
        let continues = matches!(block.kind, BlockKind::Paragraph { .. })
            && adjacent
            && out.last().is_some_and(|last| {
                breaks_mid_sentence(&last.text)
                    || wrapped_line(&blocks[index - 1], block, &margins)
                    || (ends_open(&last.text) && opens_mid_figure(text))
            });
        match out.last_mut() {
            Some(last) if continues => {
                last.text.push_str(text);
                last.provenance = last.provenance.union(&block.provenance);
            }
            _ => out.push(Segment { text: text.to_string(), provenance: block.provenance.clone() }),
        }
        open_index = Some(index);
    }
    out
}

/// Per page: the leftmost start and rightmost end of its paragraph lines (PDF points).
fn page_margins(blocks: &[Block]) -> HashMap<u32, (f32, f32)> {
    let mut margins: HashMap<u32, (f32, f32)> = HashMap::new();
    for block in blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph { .. })) {
        if let (Some(page), Some([x0, _, x1, _])) = (block.provenance.page, block.provenance.bbox) {
            let entry = margins.entry(page).or_insert((x0, x1));
            entry.0 = entry.0.min(x0);
            entry.1 = entry.1.max(x1);
        }
    }
    margins
}

/// A PDF line that runs to the right margin without closing its sentence, followed on the same
/// page by a line that starts at the left margin (not indented: no new paragraph): one paragraph
/// wrapped over two lines (`…公务用车购置及运行维护费0万元（公` + `务用车购置费0万元…`).
fn wrapped_line(previous: &Block, next: &Block, margins: &HashMap<u32, (f32, f32)>) -> bool {
    let (Some(page), Some([_, y0, x1, y1])) = (previous.provenance.page, previous.provenance.bbox) else {
        return false;
    };
    let (Some(next_page), Some([next_x0, ..])) = (next.provenance.page, next.provenance.bbox) else { return false };
    let (BlockKind::Paragraph { text } | BlockKind::Heading { text, .. }) = &previous.kind else { return false };
    let Some(&(left, right)) = margins.get(&page) else { return false };
    let size = (y1 - y0).abs().max(1.0);
    next_page == page && ends_open(text) && x1 >= right - size && next_x0 <= left + size * 0.5
}

/// Whether a text stops without closing its sentence or clause: no end punctuation, no colon.
fn ends_open(text: &str) -> bool {
    text.trim_end().chars().last().is_some_and(|c| !SENTENCE_END.contains(&c) && !matches!(c, '：' | ':'))
}

/// A paragraph that cannot open a sentence: it starts with an amount and its unit (`1,136.23 万元，
/// 包括…`), a unit whose number closed the line before (`元，较上年…`), or a bare `支出` / `收入`
/// before an amount (`支出 3942.61 万元`): the line before it was cut there, and the label of its
/// first figure (`…2026 年收入预算合计`, `…及相关机构事务`) is at the end of that line.
fn opens_mid_figure(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^\s*(?:(?:支出|收入)?\s*(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?\s*(?:万元|亿元|千元|元)|(?:万元|元)\s*[，,。；;（(])",
        )
        .expect("cut figure pattern compiles")
    });
    re.is_match(text)
}

fn breaks_mid_sentence(text: &str) -> bool {
    let trimmed = text.trim_end();
    let Some(last) = trimmed.chars().last() else { return false };
    if SENTENCE_END.contains(&last) || matches!(last, '：' | ':' | '。' | '.' | '）' | ')') {
        return false;
    }
    let tail = trimmed.rsplit(SENTENCE_END).next().unwrap_or(trimmed);
    tail.contains(['，', ',', '：', ':'])
}

/// Split a text into sentences at `。；;！？` and line ends, trimmed, empty ones dropped.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    text.split(|c: char| SENTENCE_END.contains(&c) || c == '\n').map(str::trim).filter(|s| !s.is_empty()).collect()
}

fn number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?P<num>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?)\s*(?P<unit>万元|亿元|千元|元/人|元|平方米|人次|万人|人|名|辆|台|个|套|次|家|%|％)?",
        )
        .expect("number pattern compiles")
    })
}

/// Every number of a sentence, classified.
pub(crate) fn tokens(sentence: &str) -> Vec<Token> {
    number_regex()
        .captures_iter(sentence)
        .filter_map(|caps| {
            let num = caps.name("num")?;
            let unit = caps.name("unit").map(|u| u.as_str().to_string());
            let end = caps.get(0).map_or(num.end(), |m| m.end());
            let before = sentence.get(..num.start()).unwrap_or("");
            let after = sentence.get(num.end()..).unwrap_or("");
            let ignored = unit.is_none() && not_a_quantity(num.as_str(), before, after);
            Some(Token {
                start: num.start(),
                end: if unit.is_some() { end } else { num.end() },
                printed: num.as_str().to_string(),
                value: parse_number(num.as_str()),
                unit,
                ignored,
            })
        })
        .collect()
}

/// Years, dates, ordinals, document numbers and phone numbers (for a number printed without unit).
fn not_a_quantity(number: &str, before: &str, after: &str) -> bool {
    let next = after.trim_start().chars().next();
    let next_raw = after.chars().next();
    let previous = before.chars().last();
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let is_integer = !number.contains(['.', '．']);
    // 2020年, 12月31日, 218号, 2017-2019年
    if matches!(next, Some('年' | '月' | '日' | '号' | '届' | '期')) {
        return true;
    }
    if digits == 4 && is_integer && matches!(next_raw, Some('-' | '—' | '～' | '~' | '至')) {
        return true;
    }
    // 〔2019〕, [2020], 【2022】
    if matches!(previous, Some('〔' | '[' | '【' | '［')) {
        return true;
    }
    // （1）, (2), 1.xxx, 2、xxx, 第3
    if matches!(previous, Some('（' | '(')) && matches!(next_raw, Some('）' | ')')) {
        return true;
    }
    let opens_text = before.trim_end().chars().last().is_none_or(|c| !c.is_alphanumeric());
    if is_integer && opens_text && matches!(next_raw, Some('.' | '．' | '、' | '：' | ':')) {
        return true;
    }
    // 023-81766666
    if is_integer && (previous == Some('-') || next_raw == Some('-')) {
        return true;
    }
    if previous == Some('第') {
        return true;
    }
    // phone numbers and long codes
    is_integer && digits >= 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(sentence: &str) -> Vec<(String, Option<String>)> {
        tokens(sentence).into_iter().filter(|t| !t.ignored).map(|t| (t.printed, t.unit)).collect()
    }

    #[test]
    fn years_dates_ordinals_document_and_phone_numbers_are_no_quantities() {
        assert_eq!(kept("截止2019年12月31日实有人数13人"), [("13".to_string(), Some("人".to_string()))]);
        assert!(kept("（一）基本支出情况说明").is_empty());
        assert!(kept("1.参保人数").is_empty());
        assert!(kept("批复文件文号承财预[2020]12号").is_empty());
        assert!(kept("（綦江委发〔2019〕4号）").is_empty());
        assert!(kept("联系电话13883200729，023-81766666").is_empty());
        assert!(kept("城乡居民基本医疗保险2017-2019年自治区结算资金").is_empty());
        assert_eq!(kept("基本支出213.25     万元"), [("213.25".to_string(), Some("万元".to_string()))]);
    }

    #[test]
    fn a_sentence_broken_across_paragraphs_is_joined() {
        let paragraph =
            |text: &str| Block { kind: BlockKind::Paragraph { text: text.into() }, provenance: Provenance::default() };
        let blocks = [
            paragraph("其中基本支出 242.30 万元，占 100%。基本支出中，人"),
            paragraph("员经费 235 万元。"),
            paragraph("二、机构设置"),
        ];
        let joined: Vec<String> = segments(&blocks, &[false; 3]).into_iter().map(|s| s.text).collect();
        assert_eq!(joined, ["其中基本支出 242.30 万元，占 100%。基本支出中，人员经费 235 万元。", "二、机构设置"]);
    }

    #[test]
    fn a_label_cut_by_a_line_break_is_joined_to_its_figure() {
        let paragraph =
            |text: &str| Block { kind: BlockKind::Paragraph { text: text.into() }, provenance: Provenance::default() };
        let joined = |texts: &[&str]| -> Vec<String> {
            let blocks: Vec<Block> = texts.iter().map(|t| paragraph(t)).collect();
            segments(&blocks, &vec![false; blocks.len()]).into_iter().map(|s| s.text).collect()
        };
        assert_eq!(
            joined(&["某市应急管理局 2026 年收入预算合计", "1,136.23 万元，包括本年收入 1,136.23 万元。"]),
            ["某市应急管理局 2026 年收入预算合计1,136.23 万元，包括本年收入 1,136.23 万元。"]
        );
        assert_eq!(
            joined(&["（四）2010399-其他政府办公厅（室）及相关机构事务", "支出 3942.61 万元。"]),
            ["（四）2010399-其他政府办公厅（室）及相关机构事务支出 3942.61 万元。"]
        );
        assert_eq!(joined(&["部门预算收入 28,283.46 万", "元，较上年增加 5.00 万元。"]).len(), 1);
        // A closed sentence, a heading before a sentence of its own, a year opening a line: apart.
        assert_eq!(joined(&["财政拨款收入 20.00 万元。", "支出预算 20.00 万元。"]).len(), 2);
        assert_eq!(joined(&["二、收入预算情况说明", "2026 年收入预算 20.00 万元。"]).len(), 2);
        assert_eq!(joined(&["一般公共预算", "支出预算表"]).len(), 2);
    }
}

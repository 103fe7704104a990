//! Punctuation a reviewer flags, as warnings: a doubled mark (`。。`, `，，`) and brackets or
//! quotes left unpaired inside one complete sentence (a sentence cut by a page or a block
//! boundary is not judged).

use super::finding::{Finding, FindingStatus};
use super::printed::{printed, Printed};
use super::rules;
use super::tables::DocumentView;

/// Marks that are never printed twice in a row.
const DOUBLED: [&str; 6] = ["。。", "，，", "；；", "、、", "：：", "！！"];
/// Opening and closing marks that come in pairs.
const PAIRS: [(char, char); 4] = [('（', '）'), ('【', '】'), ('《', '》'), ('“', '”')];

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let mut checked = false;
    let before = findings.len();
    for piece in printed(view.doc) {
        checked = true;
        for mark in DOUBLED {
            if let Some(at) = piece.text.find(mark) {
                findings.push(warn(&piece, mark, &excerpt(piece.text, at), "重复的标点", "doubled punctuation"));
            }
        }
        for sentence in complete_sentences(piece.text) {
            if let Some((open, close)) = PAIRS.iter().find(|(open, close)| unpaired(sentence, *open, *close)) {
                let pair = format!("{open}{close}");
                findings.push(warn(&piece, &pair, sentence, "括号或引号不成对", "unpaired brackets or quotes"));
            }
        }
    }
    // A text repeated in several places (a project name in every row) is reported once.
    let mut seen = std::collections::HashSet::new();
    let mut at = before;
    while at < findings.len() {
        if seen.insert(findings[at].message_zh.clone()) {
            at += 1;
        } else {
            findings.remove(at);
        }
    }
    if checked {
        findings.push(rules::TYPOGRAPHY_PUNCTUATION.finding(
            FindingStatus::Pass,
            [None; 3],
            None,
            "已检查全文标点".to_string(),
            "punctuation checked throughout".to_string(),
            Vec::new(),
        ));
    }
}

fn warn(piece: &Printed, mark: &str, context: &str, what_zh: &str, what_en: &str) -> Finding {
    rules::TYPOGRAPHY_PUNCTUATION.finding(
        FindingStatus::Warn,
        [None; 3],
        None,
        format!("{what_zh}「{mark}」：{context}"),
        format!("{what_en} '{mark}': {context}"),
        vec![piece.reference("actual", what_zh, context)],
    )
}

/// Up to 12 characters either side of byte `at`.
fn excerpt(text: &str, at: usize) -> String {
    let before = crate::text::last_chars(&text[..at], 12);
    let after: String = text[at..].chars().take(14).collect();
    format!("{before}{after}")
}

/// The sentences of a text that both start after a sentence end and end with one: the first
/// fragment may continue the block before, the last may run on into the next.
fn complete_sentences(text: &str) -> impl Iterator<Item = &str> {
    let ends: Vec<usize> = text.match_indices(['。', '！', '？']).map(|(at, m)| at + m.len()).collect();
    let starts = ends.clone();
    starts.into_iter().zip(ends.into_iter().skip(1)).map(move |(start, end)| &text[start..end])
}

/// Whether `sentence` opens a pair it does not close (full-width and ASCII brackets pair with
/// each other). A stray closing mark is left alone: extraction debris (a list number `(三)` cut in
/// two) leaves those.
fn unpaired(sentence: &str, open: char, close: char) -> bool {
    let as_ascii = |c: char| crate::text::numeric_char(c);
    let (open, close) = (as_ascii(open), as_ascii(close));
    let count = |mark: char| sentence.chars().filter(|&c| as_ascii(c) == mark).count();
    count(open) > count(close)
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn warned(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "typography.punctuation", FindingStatus::Warn)
    }

    #[test]
    fn doubled_full_stop_warns() {
        let found = warned("一、部门职责\n\n本部门负责全市医疗保障工作。。主要职能如下。\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("。。"));
    }

    #[test]
    fn unpaired_bracket_in_a_complete_sentence_warns() {
        let found = warned("概况。本部门下设办公室（含财务科、综合科两个内设机构。主要职能如下。\n");
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn paired_marks_and_cut_sentences_pass() {
        assert!(warned("概况。本部门下设办公室（含财务科）。“三公”经费支出如下。\n").is_empty());
        // A sentence cut at the end of a block is not judged.
        assert!(warned("概况。本部门下设办公室（含财务科、综合\n").is_empty());
    }
}

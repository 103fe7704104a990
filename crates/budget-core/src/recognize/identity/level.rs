//! Level (部门 / 单位) from the words the document uses for itself in its headings and contents,
//! and the units a 部门 document lists (单位构成).

use super::agency::{agency_shape, same_agency, starts_with_region};
use super::lines::Line;
use crate::model::Scope;

/// Longest line counted as a heading or contents entry.
const HEADING_CHARS: usize = 40;
/// Lines read after a 单位构成 heading.
const UNIT_LIST_LINES: usize = 30;

/// 部门 or 单位 by the majority of the heading words (`部门概况`, `单位预算表`, …), with the first
/// line of the majority.
pub(super) fn level_from_headings(lines: &[Line]) -> Option<(Scope, usize)> {
    const UNIT: &[&str] = &["单位概况", "单位预算", "单位决算", "单位主要职", "单位机构设置", "单位职能"];
    const DEPARTMENT: &[&str] =
        &["部门概况", "部门预算", "部门决算", "部门主要职", "部门机构设置", "部门职责", "部门综合预算"];
    let mut counts = [(Scope::Department, 0usize, None), (Scope::Unit, 0, None)];
    for (index, line) in lines.iter().enumerate().filter(|(_, l)| l.text.chars().count() <= HEADING_CHARS) {
        for (words, slot) in [(DEPARTMENT, 0), (UNIT, 1)] {
            if words.iter().any(|w| line.text.contains(w)) {
                counts[slot].1 += 1;
                counts[slot].2.get_or_insert(index);
            }
        }
    }
    let [department, unit] = counts;
    let winner = if unit.1 > department.1 { unit } else { department };
    winner.2.filter(|_| winner.1 > 0).map(|line| (winner.0, line))
}

/// The units listed after a `单位构成` heading (names separated by 、，； or one per line), until
/// the next heading: names that begin with a region (internal offices such as `办公室`, `综合处`
/// do not); the agency itself is left out.
pub(super) fn sub_units(lines: &[Line], agency: Option<&str>) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if !(line.text.contains("单位构成") && line.text.chars().count() <= HEADING_CHARS) {
            continue;
        }
        for next in lines.iter().skip(index + 1).take(UNIT_LIST_LINES) {
            if is_heading(&next.text) {
                break;
            }
            let body = next.text.split_once(['：', ':']).map_or(next.text.as_str(), |(_, rest)| rest);
            for piece in body.split(['、', '，', ',', '；', ';', '。']) {
                let piece = piece.trim_start_matches(|c: char| c.is_ascii_digit() || "．.、）)（(".contains(c));
                let piece = piece.strip_prefix("即").unwrap_or(piece);
                if let Some(name) = agency_shape(piece).filter(|n| starts_with_region(n, None)) {
                    if !agency.is_some_and(|a| same_agency(a, &name)) && !units.contains(&name) {
                        units.push(name);
                    }
                }
            }
        }
    }
    units
}

fn is_heading(text: &str) -> bool {
    text.starts_with('第') && text.contains("部分")
        || text.chars().next().is_some_and(|c| "一二三四五六七八九十".contains(c)) && text.chars().nth(1) == Some('、')
}

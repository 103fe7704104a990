//! Find the administrative division named inside a free text (an agency name, a title).

use std::ops::Range;

use serde::Serialize;

use super::{catalog, Division, DivisionLevel};

/// The division [`resolve_region`] found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionMatch {
    /// The most specific division named in the text.
    pub division: &'static Division,
    /// Byte range of its name in the text.
    pub span: Range<usize>,
    /// Its province and/or city when the text names them too (supporting evidence).
    pub named_ancestors: Vec<&'static Division>,
    /// Other divisions with the same name that the text does not rule out (e.g. the other three
    /// 鼓楼区 when no city is named). Empty when the match is unambiguous; when not empty,
    /// `division` is the one with the lowest code.
    pub alternatives: Vec<&'static Division>,
}

/// A division name found in the text with the divisions it may mean in the year asked for.
struct Occurrence {
    chars: Range<usize>,
    bytes: Range<usize>,
    candidates: Vec<&'static Division>,
}

/// The most specific division named in `text`, using the division names of the list of `year`
/// (`None`: the current list).
///
/// Rules, in order:
/// 1. Only full names count (`綦江区`, `承德市`; not the short forms `綦江`, `承德`).
/// 2. Overlapping names: the longer wins, then the earlier one.
/// 3. A two-character name (`东区`, `城区`, `郊区`, `新区`, `通县`) counts only at the start of the
///    text, after a non-CJK character, or right after another division name, and not before `域`
///    (so `华东区域`, `开发新区` do not match).
/// 4. A division is ruled out when the text names a province (or a city) and none of the named
///    ones is its own (`天津市鼓楼区`: no 鼓楼区 is in 天津, so the answer is 天津市 120000).
/// 5. Among the rest: county over city over province, then more named ancestors, then the
///    longer name, then the earlier position.
///
/// `None` when no division name valid in that year occurs. Meant for titles and agency names: the
/// cost grows linearly with the text (about 1 µs for an agency name, tens of ms for 50,000 chars).
///
/// ```
/// use budget_core::catalog::admin::resolve_region;
/// let found = resolve_region("重庆市綦江区医疗保障事务中心", Some(2022)).unwrap();
/// assert_eq!((found.division.adcode, found.span.clone()), ("500110", 9..18));
/// assert_eq!(found.named_ancestors[0].adcode, "500000");
/// assert_eq!(resolve_region("天津市蓟江区", Some(2020)).unwrap().division.adcode, "120000");
/// ```
pub fn resolve_region(text: &str, year: Option<i32>) -> Option<RegionMatch> {
    let occurrences = accepted_occurrences(text, year);
    let mut best: Option<(Key, usize, &'static Division)> = None;
    let mut ties: Vec<&'static Division> = Vec::new();
    for (index, occurrence) in occurrences.iter().enumerate() {
        for &division in &occurrence.candidates {
            let Some(support) = support_if_consistent(division, index, &occurrences) else { continue };
            let key = Key {
                level: level_rank(division.level),
                support,
                name_chars: occurrence.chars.len(),
                earlier: usize::MAX - occurrence.chars.start,
            };
            match &best {
                Some((best_key, _, _)) if key < *best_key => {}
                Some((best_key, best_index, _)) if key == *best_key && *best_index == index => ties.push(division),
                _ => {
                    best = Some((key, index, division));
                    ties.clear();
                }
            }
        }
    }
    let (_, index, division) = best?;
    let occurrence = &occurrences[index];
    let named_ancestors = division
        .ancestor_codes()
        .into_iter()
        .flatten()
        .filter_map(|code| occurrences.iter().flat_map(|o| o.candidates.iter()).find(|d| d.adcode == code).copied())
        .collect();
    let mut all: Vec<&'static Division> = std::iter::once(division).chain(ties).collect();
    all.sort_by_key(|d| d.adcode);
    all.dedup_by_key(|d| d.adcode);
    let division = all.remove(0);
    Some(RegionMatch { division, span: occurrence.bytes.clone(), named_ancestors, alternatives: all })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    level: u8,
    support: usize,
    name_chars: usize,
    earlier: usize,
}

fn level_rank(level: DivisionLevel) -> u8 {
    match level {
        DivisionLevel::Province => 0,
        DivisionLevel::City => 1,
        DivisionLevel::County => 2,
    }
}

/// How many of `division`'s ancestors the other occurrences name, or `None` when the text names a
/// province (or city) and none of the named ones is `division`'s.
fn support_if_consistent(division: &Division, own: usize, occurrences: &[Occurrence]) -> Option<usize> {
    let [province, city] = division.ancestor_codes();
    let mut support = 0;
    for (level, ancestor) in [(DivisionLevel::Province, province), (DivisionLevel::City, city)] {
        if level >= division.level {
            continue;
        }
        let named: Vec<&str> = occurrences
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != own)
            .flat_map(|(_, o)| o.candidates.iter())
            .filter(|d| d.level == level)
            .map(|d| d.adcode)
            .collect();
        if named.is_empty() {
            continue;
        }
        match ancestor {
            Some(code) if named.contains(&code) => support += 1,
            _ => return None,
        }
    }
    Some(support)
}

/// Every division name valid in `year` that occurs in `text`, after rules 2 and 3 of
/// [`resolve_region`], in text order.
fn accepted_occurrences(text: &str, year: Option<i32>) -> Vec<Occurrence> {
    let catalog = catalog();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |char_index: usize| chars.get(char_index).map_or(text.len(), |(byte, _)| *byte);
    let mut found: Vec<Occurrence> = Vec::new();
    for (start, &(_, first)) in chars.iter().enumerate() {
        let Some(&(shortest, longest)) = catalog.name_lengths_by_first_char.get(&first) else { continue };
        for length in shortest..=longest.min(chars.len() - start) {
            let bytes = byte_at(start)..byte_at(start + length);
            let Some(indices) = text.get(bytes.clone()).and_then(|name| catalog.by_name.get(name)) else { continue };
            let candidates: Vec<&'static Division> =
                indices.iter().map(|&i| &catalog.divisions[i]).filter(|d| d.is_valid_in(year)).collect();
            if !candidates.is_empty() {
                found.push(Occurrence { chars: start..start + length, bytes, candidates });
            }
        }
    }
    let ends: Vec<usize> = found.iter().filter(|o| o.chars.len() > 2).map(|o| o.chars.end).collect();
    found.retain(|o| o.chars.len() > 2 || short_name_stands_alone(&chars, &o.chars, &ends));
    found.sort_by_key(|o| (usize::MAX - o.chars.len(), o.chars.start));
    let mut accepted: Vec<Occurrence> = Vec::new();
    for occurrence in found {
        let overlaps =
            accepted.iter().any(|a| a.chars.start < occurrence.chars.end && occurrence.chars.start < a.chars.end);
        if !overlaps {
            accepted.push(occurrence);
        }
    }
    accepted.sort_by_key(|o| o.chars.start);
    accepted
}

/// Rule 3 of [`resolve_region`] for a two-character name at `span` (character indices).
fn short_name_stands_alone(chars: &[(usize, char)], span: &Range<usize>, name_ends: &[usize]) -> bool {
    let before_ok = span.start == 0
        || chars.get(span.start - 1).is_some_and(|&(_, c)| !is_cjk(c))
        || name_ends.contains(&span.start);
    let after_ok = chars.get(span.end).is_none_or(|&(_, c)| c != '域');
    before_ok && after_ok
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

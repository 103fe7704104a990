//! Whether a document is a budget / final-accounts disclosure at all.
//!
//! A disclosure names itself (a cover title or a line such as `2026年度部门预算`, or standard
//! budget tables) and holds budget content (money tables or amounts in its narrative). A notice,
//! a regulation, a report, a form, a blank template with `XX` placeholders, a JSON index or a
//! landing page that only links to the document is not, and says why.

use super::lines::Line;
use super::title::{other_document_type, parse_title};
use crate::model::TableKind;
use crate::recognize::tables::FoundTable;

/// Lines searched for a title naming a disclosure.
const TITLE_SEARCH_LINES: usize = 120;

/// The verdict: `None` for a disclosure, else the reason; with the index of the line it rests on.
pub(super) struct Verdict {
    /// Why the document is not a disclosure (`None`: it is one).
    pub reason: Option<String>,
    /// The line the verdict rests on, if any.
    pub line: Option<usize>,
    /// The kind of evidence (`cover_title`, `title_line`, `content`).
    pub evidence: &'static str,
}

/// Judge the document from its lines, its cover title (indices into `lines`) and its tables.
pub(super) fn judge(lines: &[Line], cover: &[usize], tables: &[FoundTable]) -> Verdict {
    let cover_text: String = cover.iter().map(|&i| lines[i].text.as_str()).collect();
    let not = |reason: String, line: Option<usize>, evidence| Verdict { reason: Some(reason), line, evidence };
    // A template has placeholders and no amounts; a disclosure with a placeholder left in it
    // is still a disclosure (the reviewer's check `consistency.agency_name` reports it).
    if let Some(at) = placeholder_line(lines).filter(|_| !tables.iter().any(holds_amounts)) {
        return not("a blank template: placeholders (XX) instead of an agency and amounts".into(), Some(at), "content");
    }
    if lines
        .first()
        .is_some_and(|l| matches!(l.text.as_str(), "[" | "{") || l.text.starts_with("{\"") || l.text.starts_with("[{"))
    {
        return not("JSON data (an index or a record), not a document".into(), Some(0), "content");
    }
    let money_tables =
        tables.iter().filter(|t| t.table.kind != TableKind::Unknown && t.table.kind.holds_money()).count();
    let amounts = lines.iter().filter(|l| !l.by_table && mentions_amount(&l.text)).count();
    let cover_parts = parse_title(&cover_text);
    let first_title = lines
        .iter()
        .take(TITLE_SEARCH_LINES)
        .position(|l| l.text.chars().count() <= 60 && parse_title(&l.text).names_disclosure);
    if let Some(what) = other_document_type(&cover_text) {
        let evaluation = what.contains("evaluation");
        let rescued = !evaluation && !cover_parts.names_disclosure && money_tables >= 3 && first_title.is_some();
        if !rescued && !cover_parts.names_disclosure || evaluation {
            let title = cover.iter().map(|&i| lines[i].printed.as_str()).collect::<Vec<_>>().join("");
            return not(
                format!("{what}: `{title}`, not a budget or final-accounts disclosure"),
                cover.first().copied(),
                "cover_title",
            );
        }
    }
    let has_content = money_tables >= 1 || amounts >= 3;
    let names = if cover_parts.names_disclosure {
        cover.first().copied().map(|i| (i, "cover_title"))
    } else {
        first_title.map(|i| (i, "title_line"))
    };
    match (names, has_content) {
        (Some((line, evidence)), true) => Verdict { reason: None, line: Some(line), evidence },
        (None, true) if money_tables >= 2 => Verdict { reason: None, line: None, evidence: "content" },
        (Some((line, _)), false) => not(
            format!("names a disclosure (`{}`) but holds none of its content (no budget tables, no amounts): a landing or index page", lines[line].printed),
            Some(line),
            "content",
        ),
        _ => not("no 部门/单位 预算·决算 title and no budget tables: not a budget or final-accounts disclosure".into(), cover.first().copied(), "content"),
    }
}

/// A line with a placeholder agency or amount (`XX局`, `XX（单位）`, `x,xxx万元`), when at least two
/// lines have one.
fn placeholder_line(lines: &[Line]) -> Option<usize> {
    let is_placeholder = |t: &str| {
        let t = t.replace('Ｘ', "X");
        t.contains("XX单位")
            || t.contains("XX局")
            || t.contains("XX（")
            || t.contains("XX部门")
            || t.contains("x,xxx")
            || t.contains("XX是")
    };
    let found: Vec<usize> =
        lines.iter().take(400).enumerate().filter(|(_, l)| is_placeholder(&l.text)).map(|(i, _)| i).collect();
    (found.len() >= 2).then(|| found[0])
}

/// Whether any body cell of `table` holds an amount other than zero, printed as amounts are
/// (`1,234.56`, `0.50`, `38,610`): codes (`2010101`) and column numbers (`1`, `2`) are not.
fn holds_amounts(table: &FoundTable) -> bool {
    table.table.rows.iter().flatten().any(|cell| {
        let cell = cell.trim();
        let numeric = !cell.is_empty() && cell.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'));
        numeric && (cell.contains('.') || cell.contains(',')) && cell.chars().any(|c| matches!(c, '1'..='9'))
    })
}

/// `174,900.64万元`, `38610万元`, `1.2亿元`.
fn mentions_amount(text: &str) -> bool {
    let bytes = text.as_bytes();
    ["万元", "亿元"].iter().any(|unit| text.match_indices(unit).any(|(at, _)| at > 0 && bytes[at - 1].is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert!(mentions_amount("2018年一般公共预算财政拨款收入324970.32万元"));
        assert!(!mentions_amount("单位：万元"));
    }
}

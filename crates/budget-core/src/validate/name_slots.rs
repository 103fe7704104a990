//! Places of the narrative that name the document's own agency: the first unit a 部门预算 or
//! 部门决算 is said to cover (`部门决算反映西南大学本级、…`, `预算包括：某市水利局（本级）`) and the
//! unit whose budget takes in the items listed (`某市水利局（本级）纳入2026年部门预算的政府采购项目`).
//! Another agency's name there, printed nowhere else in the document, is a contradiction.
//!
//! Conventions (read from published disclosures): `X本级` after `包括` / `包含` / `反映` is the
//! department itself (its subordinate units follow it); short forms (`局本级`, `部门本级`) and
//! names printed again elsewhere (a subordinate unit listed among the units) are not judged.

use std::sync::OnceLock;

use regex::Regex;

use super::printed::Printed;
use crate::text::compact;

/// How agencies' names end.
pub(super) const AGENCY_ENDINGS: [&str; 19] = [
    "局",
    "委员会",
    "委",
    "办公室",
    "办公厅",
    "厅",
    "中心",
    "院",
    "馆",
    "所",
    "站",
    "队",
    "部",
    "会",
    "社",
    "署",
    "处",
    "校",
    "大学",
];

/// [`AGENCY_ENDINGS`] as a regex alternation (`学院` is matched through `院`).
fn name_endings() -> String {
    AGENCY_ENDINGS.join("|")
}

fn own_level_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let endings = name_endings();
        Regex::new(&format!(
            r"(?:包括|包含|反映)[：:]?(\p{{Han}}{{1,24}}?(?:{endings}))(?:机关)?(?:（本级）|\(本级\)|本级)"
        ))
        .expect("own-level pattern compiles")
    })
}

fn taking_in_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let endings = name_endings();
        Regex::new(&format!(
            r"(\p{{Han}}{{1,16}}(?:{endings}))(?:（本级）|\(本级\))?纳入(?:本部门)?(?:19|20)\d{{2}}年度?(?:部门|单位)(?:预算|决算)"
        ))
        .expect("taking-in pattern compiles")
    })
}

/// The names printed where the document's own agency belongs that are another agency's:
/// `(name, piece)` for each.
pub(super) fn other_agency_in_slots<'a, 'p>(
    pieces: &'p [Printed<'a>],
    related: impl Fn(&str) -> bool,
) -> Vec<(String, &'p Printed<'a>)> {
    let whole: String = pieces.iter().map(|p| compact(p.text)).collect::<Vec<_>>().join("\n");
    let printed_elsewhere = |name: &str| whole.matches(name).count() >= 2;
    let mut found = Vec::new();
    for piece in pieces.iter().filter(|p| p.table_index().is_none()) {
        let text = compact(piece.text);
        for captures in own_level_regex().captures_iter(&text) {
            let Some(name) = captures.get(1).map(|m| m.as_str()) else { continue };
            let short_form = name.chars().count() < 3 || name.starts_with(['本', '非', '各', '该', '我']);
            if !short_form && !name.starts_with("部门") && !related(name) && !printed_elsewhere(name) {
                found.push((name.to_string(), piece));
            }
        }
        for captures in taking_in_regex().captures_iter(&text) {
            let Some(run) = captures.get(1).map(|m| m.as_str()) else { continue };
            // The run may begin with the heading before it (`政府采购情况某市水利局`): the name is
            // one of its endings; the shortest one of three characters or more is looked for elsewhere.
            let suffixes: Vec<&str> =
                run.char_indices().map(|(i, _)| &run[i..]).filter(|s| s.chars().count() >= 3).collect();
            let Some(shortest) = suffixes.last() else { continue };
            if suffixes.iter().any(|s| related(s)) || printed_elsewhere(shortest) || shortest.starts_with('本') {
                continue;
            }
            found.push((run.to_string(), piece));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn failed(text: &str) -> Vec<String> {
        crate::validate::messages_of(text, "consistency.agency_name", FindingStatus::Fail)
    }

    use crate::validate::TEST_BUDGET_HEAD as HEAD;

    #[test]
    fn another_agency_where_the_own_level_is_named_fails() {
        let text = format!("{HEAD}本部门预算反映某市教育局本级、某市水文站的收支。\n");
        assert_eq!(failed(&text).len(), 1, "{:?}", failed(&text));
        let text = format!("{HEAD}五、政府采购情况\n\n某市教育局纳入2026年部门预算的政府采购项目共3个。\n");
        assert_eq!(failed(&text).len(), 1, "{:?}", failed(&text));
    }

    #[test]
    fn the_own_agency_its_short_forms_and_listed_units_pass() {
        assert!(failed(&format!("{HEAD}本部门预算包括：某市水利局（本级）、某市水文站。\n")).is_empty());
        assert!(failed(&format!("{HEAD}本部门预算包括：局本级、某市水文站。\n")).is_empty());
        assert!(failed(&format!("{HEAD}水利局（本级）纳入2026年部门预算的政府采购项目共3个。\n")).is_empty());
        // A subordinate unit named in the list of units, then in a sentence of its own.
        let listed = format!(
            "{HEAD}纳入本部门预算编制范围的单位包括：某市水利局本级、某市水文站。\n\n某市水文站纳入2026年部门预算的政府采购项目共1个。\n"
        );
        assert!(failed(&listed).is_empty(), "{:?}", failed(&listed));
    }
}

//! Document metadata from the title, headings and table captions: title, agency, agency code,
//! region, year, kind (预算/决算), scope, money unit and approval reference.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::region::{self, RegionSource};
use super::tables::FoundTable;
use crate::blocks::{Block, BlockKind};
use crate::model::{DocumentKind, Meta, Scope, Warning};
use crate::provenance::Provenance;
use crate::text::compact;

/// Read the metadata of a document.
pub(crate) fn read_meta(
    blocks: &[Block],
    consumed: &[bool],
    tables: &[FoundTable],
    warnings: &mut Vec<Warning>,
) -> Meta {
    let title = find_title(blocks, consumed);
    let captions: Vec<&(String, String)> = tables.iter().flat_map(|t| &t.table.caption).collect();
    let caption_agency =
        captions.iter().find(|(label, _)| label == "编制单位" || label == "编制部门").map(|(_, v)| v.as_str());
    let (agency_code, caption_agency) = match caption_agency.map(split_agency_code) {
        Some((code, name)) => (code, Some(name)),
        None => (None, None),
    };
    let year = captions
        .iter()
        .find(|(label, _)| label.contains("预算年度") || label.contains("年度"))
        .and_then(|(_, v)| first_year(v))
        .or_else(|| title.as_deref().and_then(first_year));
    let compact_title = title.as_deref().map(compact).unwrap_or_default();
    let kind = if compact_title.contains("决算") {
        Some(DocumentKind::FinalAccount)
    } else if compact_title.contains("预算") || !tables.is_empty() {
        Some(DocumentKind::Budget)
    } else {
        None
    };
    let scope = if compact_title.contains("本级") || caption_agency.as_deref().is_some_and(|a| a.contains("本级")) {
        Some(Scope::OwnOffice)
    } else if compact_title.contains("单位预算") || compact_title.contains("单位决算") {
        Some(Scope::Unit)
    } else if compact_title.contains("部门预算") || compact_title.contains("部门决算") {
        Some(Scope::Department)
    } else {
        None
    };
    let agency = caption_agency.or_else(|| title.as_deref().and_then(agency_from_title));
    let mut units = HashMap::new();
    for unit in tables.iter().filter_map(|t| t.table.unit) {
        *units.entry(unit).or_insert(0usize) += 1;
    }
    let unit = units.into_iter().max_by_key(|&(unit, n)| (n, unit.yuan_factor())).map(|(unit, _)| unit);
    let region = region_by_evidence(blocks, tables, title.as_deref(), agency.as_deref(), year, warnings);
    let (region, adcode) = region.map_or((None, None), |r| (Some(r.name), Some(r.adcode)));
    let approval_ref = region::approval_ref(blocks);
    Meta { title, agency, agency_code, region, adcode, year, kind, scope, unit, approval_ref }
}

/// The region named by the agency, the title, the table titles and the caption agencies.
fn region_by_evidence(
    blocks: &[Block],
    tables: &[FoundTable],
    title: Option<&str>,
    agency: Option<&str>,
    year: Option<i32>,
    warnings: &mut Vec<Warning>,
) -> Option<region::Region> {
    let title_provenance =
        || blocks.iter().find(|b| b.text().map(str::trim) == title).map(|b| b.provenance.clone()).unwrap_or_default();
    let mut sources = Vec::new();
    if let Some(agency) = agency {
        sources.push(RegionSource { what: "agency", text: agency, provenance: Provenance::default() });
    }
    if let Some(title) = title {
        sources.push(RegionSource { what: "title", text: title, provenance: title_provenance() });
    }
    for found in tables {
        let table = &found.table;
        if let Some(text) = &table.title {
            sources.push(RegionSource { what: "table title", text, provenance: table.provenance.clone() });
        }
        for (label, value) in &table.caption {
            if label == "编制单位" || label == "编制部门" {
                sources.push(RegionSource { what: "table caption", text: value, provenance: table.provenance.clone() });
            }
        }
    }
    region::resolve(&sources, year, warnings)
}

/// The title: the first heading, else the first paragraph near the top that names a 预算/决算
/// and is short. Table titles (already consumed) do not count.
fn find_title(blocks: &[Block], consumed: &[bool]) -> Option<String> {
    let candidates = || {
        blocks.iter().zip(consumed).filter(|(_, used)| !**used).map(|(b, _)| b).take(40).filter(|b| {
            let Some(text) = b.text() else { return false };
            let c = compact(text);
            (6..=80).contains(&c.chars().count())
                && (c.contains("预算") || c.contains("决算"))
                && !c.ends_with('。')
                && !c.contains('，')
        })
    };
    let heading = candidates().find(|b| matches!(b.kind, BlockKind::Heading { .. }));
    heading
        .or_else(|| candidates().next())
        .and_then(Block::text)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn first_year(text: &str) -> Option<i32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR.get_or_init(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)").expect("valid regex"));
    year.captures(&compact(text)).and_then(|c| c[1].parse().ok())
}

/// `320001成安县医疗保障局机关本级` → (`320001`, `成安县医疗保障局机关本级`).
fn split_agency_code(text: &str) -> (Option<String>, String) {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if (3..=12).contains(&digits.len()) && digits.len() < text.len() {
        (Some(digits.clone()), text[digits.len()..].trim().to_string())
    } else {
        (None, text.trim().to_string())
    }
}

/// The agency named in a title: the text before the year or before 部门预算/单位预算.
fn agency_from_title(title: &str) -> Option<String> {
    static AGENCY: OnceLock<Regex> = OnceLock::new();
    let pattern = AGENCY.get_or_init(|| {
        Regex::new(r"^(?:(?:19|20)\d{2}年度?)?(.+?)(?:(?:19|20)\d{2}年度?)?(?:部门|单位)?(?:预算|决算)")
            .expect("valid regex")
    });
    let t = compact(title);
    let agency = pattern.captures(&t)?.get(1)?.as_str().trim_end_matches('年').to_string();
    (agency.chars().count() >= 3).then_some(agency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_and_year_from_titles() {
        assert_eq!(
            agency_from_title("重庆市綦江区医疗保障事务中心 2022 年部门预算情况说明").as_deref(),
            Some("重庆市綦江区医疗保障事务中心")
        );
        assert_eq!(agency_from_title("2026年上海市卫生健康委员会部门预算").as_deref(), Some("上海市卫生健康委员会"));
        assert_eq!(first_year("重庆市綦江区医疗保障事务中心 2022 年部门预算"), Some(2022));
        assert_eq!(
            split_agency_code("320001成安县医疗保障局机关本级"),
            (Some("320001".into()), "成安县医疗保障局机关本级".into())
        );
    }
}

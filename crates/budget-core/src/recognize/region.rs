//! The document's region: resolved from the agency name, the title and the table captions with
//! the administrative division catalog, valid for the budget year. Sources that name another
//! region are reported as warnings, never silently overruled.

use crate::blocks::Block;
use crate::catalog::admin::resolve_region;
use crate::model::Warning;
use crate::provenance::Provenance;

/// A text that may name the region, with where it is printed and how much it weighs.
pub(crate) struct RegionSource<'a> {
    /// What the text is (`agency`, `title`, `table title`, `caption`).
    pub what: &'static str,
    /// The text.
    pub text: &'a str,
    /// Where it is printed.
    pub provenance: Provenance,
}

/// The region chosen: the division name as printed (with the province/city printed before it),
/// its 6-digit code, and warnings for every source naming a different region.
pub(crate) struct Region {
    /// The name as printed, e.g. `重庆市綦江区`.
    pub name: String,
    /// The 6-digit administrative division code.
    pub adcode: String,
}

/// Choose the region by evidence: the agency name first, then the title, then the most frequent
/// answer among the other sources. Sources that name a region that is neither the chosen one nor
/// one of its ancestors or descendants yield a `region_conflict` warning.
pub(crate) fn resolve(sources: &[RegionSource<'_>], year: Option<i32>, warnings: &mut Vec<Warning>) -> Option<Region> {
    let found: Vec<(usize, String, &'static str, Vec<String>)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, source)| {
            let found = resolve_region(source.text, year)?;
            let mut start = found.span.start;
            for ancestor in found.named_ancestors.iter().rev() {
                if source.text[..start].ends_with(ancestor.name) {
                    start -= ancestor.name.len();
                }
            }
            let name = source.text[start..found.span.end].to_string();
            let lineage = lineage(found.division.adcode);
            Some((i, name, found.division.adcode, lineage))
        })
        .collect();
    let chosen = found
        .iter()
        .find(|f| sources[f.0].what == "agency")
        .or_else(|| found.iter().find(|f| sources[f.0].what == "title"))
        .or_else(|| {
            found.iter().max_by_key(|f| (found.iter().filter(|g| g.2 == f.2).count(), std::cmp::Reverse(f.0)))
        })?;
    for (i, name, adcode, lineage) in &found {
        let related = lineage.iter().any(|c| c == chosen.2) || chosen.3.iter().any(|c| c == adcode);
        if !related {
            let source = &sources[*i];
            warnings.push(Warning {
                code: "region_conflict".into(),
                message: format!(
                    "the {} `{}` names {name} ({adcode}), but the document is for {} ({}); kept {}",
                    source.what, source.text, chosen.1, chosen.2, chosen.1
                ),
                provenance: source.provenance.clone(),
            });
        }
    }
    Some(Region { name: chosen.1.clone(), adcode: chosen.2.to_string() })
}

/// A division code with the codes of its city and province, by the GB/T 2260 structure
/// (`500110` → 500110, 500100, 500000).
fn lineage(adcode: &'static str) -> Vec<String> {
    match (adcode.get(..2), adcode.get(..4)) {
        (Some(province), Some(city)) => vec![adcode.to_string(), format!("{city}00"), format!("{province}0000")],
        _ => vec![adcode.to_string()],
    }
}

/// The approval reference (批复文号) printed in the document, e.g. `承财预[2020]12号` in
/// `批复文件文号承财预[2020]12号`.
pub(crate) fn approval_ref(blocks: &[Block]) -> Option<String> {
    use std::sync::OnceLock;
    static PATTERN: OnceLock<regex::Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        regex::Regex::new(r"(?:批复文号|批复文件文号|批复文件|批准文号)[:：为是]?\s*([^\s，。；:：]{1,12}[〔\[【(（]\d{4}[〕\]】)）]\s*\d+\s*号)")
            .expect("valid regex")
    });
    blocks.iter().filter_map(Block::text).find_map(|t| pattern.captures(t).map(|c| c[1].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::BlockKind;

    fn paragraph(text: &str) -> Block {
        Block { kind: BlockKind::Paragraph { text: text.into() }, provenance: Provenance::default() }
    }

    #[test]
    fn approval_reference() {
        let blocks = [paragraph("预算批准日为2020年2月5日，批复文件文号承财预[2020]12号。")];
        assert_eq!(approval_ref(&blocks).as_deref(), Some("承财预[2020]12号"));
        assert_eq!(approval_ref(&[paragraph("批复文号：冀财预〔2023〕7号")]).as_deref(), Some("冀财预〔2023〕7号"));
        assert_eq!(approval_ref(&[paragraph("綦江委发〔2019〕4号")]), None);
    }

    #[test]
    fn conflicting_region_is_kept_out_and_reported() {
        let source = |what, text| RegionSource { what, text, provenance: Provenance::default() };
        let sources = [
            source("agency", "重庆市綦江区医疗保障事务中心"),
            source("table title", "天津市蓟江区医疗保障事务中心一般公共预算财政拨款基本支出预算"),
            source("table title", "重庆市綦江区医疗保障事务中心部门收入总表"),
        ];
        let mut warnings = Vec::new();
        let region = resolve(&sources, Some(2022), &mut warnings).unwrap();
        assert_eq!((region.name.as_str(), region.adcode.as_str()), ("重庆市綦江区", "500110"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("天津市 (120000)"), "{}", warnings[0].message);
    }
}

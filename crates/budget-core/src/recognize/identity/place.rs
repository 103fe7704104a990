//! Region and 行政区划代码: the division named by the agency, else by the cover, the table titles
//! and captions (short forms such as `市城管执法局` take the region of the cover), valid for the
//! document's year; central units (`国家…`, a university under a ministry) are `中央` without a code.

use std::collections::BTreeMap;

use super::lines::Line;
use crate::catalog::admin::resolve_region;
use crate::model::{Meta, MetaSource, Warning};
use crate::recognize::region::{self, RegionSource};
use crate::recognize::tables::FoundTable;

/// Prefixes of central (中央) agencies.
const CENTRAL_PREFIXES: &[&str] = &["国家", "中央", "全国", "中华人民共和国", "中国人民银行", "海关总署"];
/// Phrases by which a document says it belongs to the central budget.
const CENTRAL_HINTS: &[&str] =
    &["教育部直属", "中央部门", "中央本级", "中央级", "中央和国家机关", "中央高校", "中央部委直属"];

/// Fill `meta.region` and `meta.adcode` (and their sources).
pub(super) fn region_of(
    lines: &[Line],
    cover: &[usize],
    cover_page: &[usize],
    tables: &[FoundTable],
    meta: &mut Meta,
    sources: &mut BTreeMap<String, MetaSource>,
    warnings: &mut Vec<Warning>,
) {
    let agency_source = sources.get("agency").cloned();
    if let Some(agency) = meta.agency.clone() {
        if resolve_region(&agency, meta.year).is_none() {
            if let Some(source) = central(&agency, lines, cover, cover_page, meta.year, agency_source.as_ref()) {
                meta.region = Some("中央".into());
                meta.adcode = None;
                sources.insert("region".into(), source);
                return;
            }
        }
    }
    let cover_text: String = cover.iter().map(|&i| lines[i].printed.as_str()).collect();
    let cover_provenance =
        cover.iter().map(|&i| lines[i].provenance.clone()).reduce(|a, b| a.union(&b)).unwrap_or_default();
    let mut candidates: Vec<(RegionSource<'_>, &'static str)> = Vec::new();
    if let (Some(agency), Some(source)) = (meta.agency.as_deref(), agency_source.as_ref()) {
        candidates
            .push((RegionSource { what: "agency", text: agency, provenance: source.provenance.clone() }, "agency"));
    }
    if !cover_text.is_empty() {
        candidates
            .push((RegionSource { what: "title", text: &cover_text, provenance: cover_provenance }, "cover_title"));
    }
    // Short lines only: a sentence on the cover page names other places.
    for &i in cover_page.iter().filter(|i| !cover.contains(i) && lines[**i].text.chars().count() <= 40) {
        let line = &lines[i];
        candidates.push((
            RegionSource { what: "cover", text: &line.printed, provenance: line.provenance.clone() },
            "cover_page",
        ));
    }
    for found in tables {
        let table = &found.table;
        if let Some(text) = &table.title {
            candidates
                .push((RegionSource { what: "table title", text, provenance: table.provenance.clone() }, "title_line"));
        }
        for (label, value) in &table.caption {
            if label == "编制单位" || label == "编制部门" {
                candidates.push((
                    RegionSource { what: "table caption", text: value, provenance: table.provenance.clone() },
                    "caption_field",
                ));
            }
        }
    }
    let region_sources: Vec<RegionSource<'_>> = candidates
        .iter()
        .map(|(s, _)| RegionSource { what: s.what, text: s.text, provenance: s.provenance.clone() })
        .collect();
    let Some(found) = region::resolve(&region_sources, meta.year, warnings) else { return };
    let source = candidates.iter().find(|(s, _)| s.text.contains(found.name.as_str())).map(|(s, evidence)| {
        MetaSource { evidence: (*evidence).to_string(), text: s.text.to_string(), provenance: s.provenance.clone() }
    });
    if let Some(source) = source {
        sources.insert("region".into(), source.clone());
        sources.insert(
            "adcode".into(),
            MetaSource { text: format!("{} (admin_divisions, {})", source.text, year_label(meta.year)), ..source },
        );
    }
    meta.region = Some(found.name);
    meta.adcode = Some(found.adcode);
}

fn year_label(year: Option<i32>) -> String {
    year.map_or_else(|| "current list".to_string(), |y| format!("list of {y}"))
}

/// The source saying the agency is central: its name (`国家信访局`), or a phrase of the document
/// (`教育部直属`) when neither the agency nor the cover names a region.
fn central(
    agency: &str,
    lines: &[Line],
    cover: &[usize],
    cover_page: &[usize],
    year: Option<i32>,
    agency_source: Option<&MetaSource>,
) -> Option<MetaSource> {
    if CENTRAL_PREFIXES.iter().any(|p| agency.starts_with(p)) {
        let mut source = agency_source.cloned().unwrap_or_default();
        source.evidence = "agency".into();
        return Some(source);
    }
    if ["省", "市", "县", "区", "州", "盟", "旗"].iter().any(|p| agency.starts_with(p)) {
        return None;
    }
    let names_region = cover.iter().chain(cover_page).any(|&i| resolve_region(&lines[i].text, year).is_some());
    if names_region {
        return None;
    }
    let line = lines.iter().find(|l| CENTRAL_HINTS.iter().any(|h| l.text.contains(h)))?;
    Some(MetaSource { evidence: "narrative".into(), text: line.printed.clone(), provenance: line.provenance.clone() })
}

//! Document identity (who, where, when, what) read from the document itself, with evidence
//! ranked: the cover title (the largest type on the first page with text), caption fields on the
//! cover and by the tables (`预算单位：`, `部门名称：`, `编制单位：`, `部门：`), lines naming the
//! document (running heads, part headings, table titles), the first sentences of the narrative,
//! and the file name as the last resort. Every field records where it was read
//! ([`Meta::sources`]); a different value from weaker evidence is a `…_conflict` warning.
//!
//! - `title`: the cover title; `agency`: as printed (see [`agency`] for the name shape);
//! - `year`, `kind`, `level`: from titles ([`title`]) and headings ([`level`]);
//! - `region`, `adcode`: the division named by the agency, else the cover, valid for the year
//!   (`中央` without a code for central units); `is_disclosure`: see [`disclosure`].

mod agency;
mod disclosure;
mod evidence;
mod level;
mod lines;
mod place;
mod title;

use std::collections::BTreeMap;

use evidence::{best, conflict, Candidate};
use lines::Line;

use crate::blocks::{Block, BlockKind};
use crate::model::{DocumentKind, Meta, MetaSource, Scope, Warning};
use crate::provenance::Provenance;
use crate::recognize::tables::FoundTable;

/// Longest line read as a title line.
const TITLE_LINE_CHARS: usize = 60;
/// Lines read for opening sentences of the narrative.
const NARRATIVE_LINES: usize = 400;

/// Read the identity of a document. `source` is its file name (the last resort).
pub(crate) fn read_meta(
    source: &str,
    blocks: &[Block],
    consumed: &[bool],
    tables: &[FoundTable],
    warnings: &mut Vec<Warning>,
) -> Meta {
    let lines = lines::lines(blocks, consumed);
    let cover = lines::cover_title(&lines);
    let cover_page = lines::cover_page(&lines, &cover);
    let cover_text: String = cover.iter().map(|&i| lines[i].text.as_str()).collect();
    let cover_printed = cover.iter().map(|&i| lines[i].printed.as_str()).collect::<Vec<_>>().join(" ");
    let cover_provenance =
        cover.iter().map(|&i| lines[i].provenance.clone()).reduce(|a, b| a.union(&b)).unwrap_or_default();
    let cover_parts = title::parse_title(&cover_text);

    let mut found = Found::default();
    if !cover.is_empty() {
        found.add_title(&cover_parts, "cover_title", &cover_printed, &cover_provenance);
    }
    fields(&lines, &cover_page, tables, blocks, &mut found);
    // A name standing alone on the cover (`2026年部门预算` in large type, the agency below it).
    for &index in cover_page.iter().filter(|i| !cover.contains(i)) {
        let line = &lines[index];
        if let Some(name) = agency::agency_shape(&line.text) {
            found.agencies.push(Candidate::new(name, "cover_field", &line.printed, &line.provenance));
        }
    }
    for (index, line) in lines.iter().enumerate() {
        let n = line.text.chars().count();
        if cover.contains(&index) || n > TITLE_LINE_CHARS || line.text.contains(['，', '。', '；']) {
            continue;
        }
        let parts = title::parse_title(&line.text);
        if parts.names_disclosure || (line.by_table && parts.kind.is_some()) {
            found.add_title(&parts, "title_line", &line.printed, &line.provenance);
        }
    }
    let year_hint = best(&found.years, &|a, b| a == b).map(|c| c.value);
    for line in lines.iter().filter(|l| !l.by_table).take(NARRATIVE_LINES) {
        if let Some(name) = agency::agency_opening_sentence(&line.text, year_hint) {
            found.agencies.push(Candidate::new(name, "narrative", &line.printed, &line.provenance));
        }
    }
    from_file_name(source, &mut found);

    let mut meta = Meta { is_disclosure: true, ..Meta::default() };
    let mut sources: BTreeMap<String, MetaSource> = BTreeMap::new();
    let mut conflicts: Vec<Warning> = Vec::new();
    let same_name = |a: &String, b: &String| agency::same_agency(a, b);
    if let Some(chosen) = best(&found.agencies, &same_name) {
        meta.agency = Some(chosen.value.clone());
        sources.insert("agency".into(), chosen.source());
        conflicts.extend(conflict("agency", chosen, &found.agencies, &same_name));
    }
    if let Some(chosen) = best(&found.years, &|a, b| a == b) {
        meta.year = Some(chosen.value);
        sources.insert("year".into(), chosen.source());
        conflicts.extend(conflict("year", chosen, &found.years, &|a, b| a == b));
    }
    let kind_label = |k: &DocumentKind| k.as_str().to_string();
    if let Some(chosen) = best(&found.kinds, &|a, b| a == b) {
        meta.kind = Some(chosen.value);
        sources.insert("kind".into(), chosen.source());
        let labelled: Vec<Candidate<String>> = found.kinds.iter().map(|c| relabel(c, kind_label(&c.value))).collect();
        conflicts.extend(conflict("kind", &relabel(chosen, kind_label(&chosen.value)), &labelled, &|a, b| a == b));
    } else if !tables.is_empty() {
        meta.kind = Some(DocumentKind::Budget);
        sources.insert("kind".into(), content_source("budget tables without 决算"));
    }
    level_of(&lines, &cover_parts, &cover_printed, &cover_provenance, &mut meta, &mut sources);
    meta.agency_code = found.agency_code.take();
    if !cover.is_empty() {
        meta.title = Some(cover_printed.clone());
        sources.insert("title".into(), Candidate::new((), "cover_title", &cover_printed, &cover_provenance).source());
    }
    let own_office = |t: &str| t.contains("本级");
    meta.scope = if meta.agency.as_deref().is_some_and(own_office) || own_office(&cover_text) {
        Some(Scope::OwnOffice)
    } else {
        meta.level
    };
    if meta.scope.is_some() {
        if let Some(source) = sources.get("level").cloned() {
            sources.insert("scope".into(), source);
        }
    }
    place::region_of(&lines, &cover, &cover_page, tables, &mut meta, &mut sources, &mut conflicts);
    if meta.level == Some(Scope::Department) {
        meta.sub_units = level::sub_units(&lines, meta.agency.as_deref());
    }
    unit_and_approval(blocks, &lines, tables, &mut meta, &mut sources);

    let verdict = disclosure::judge(&lines, &cover, tables);
    let verdict_source = match verdict.line {
        Some(i) => Candidate::new((), verdict.evidence, &lines[i].printed, &lines[i].provenance).source(),
        None => content_source(if verdict.reason.is_none() { "standard budget tables" } else { "" }),
    };
    sources.insert("is_disclosure".into(), verdict_source);
    if let Some(reason) = verdict.reason {
        let template = reason.contains("template");
        meta.is_disclosure = false;
        meta.not_disclosure_reason = Some(reason);
        meta.agency = None;
        meta.agency_code = None;
        meta.sub_units.clear();
        let mut cleared = vec!["agency", "agency_code", "scope"];
        if !template {
            (meta.year, meta.kind, meta.level, meta.scope, meta.region, meta.adcode) =
                (None, None, None, None, None, None);
            cleared.extend(["year", "kind", "level", "region", "adcode"]);
        }
        for field in cleared {
            sources.remove(field);
        }
    }
    if meta.is_disclosure {
        warnings.extend(conflicts);
    }
    meta.sources = sources;
    meta
}

/// Candidates for each field.
#[derive(Default)]
struct Found {
    agencies: Vec<Candidate<String>>,
    years: Vec<Candidate<i32>>,
    kinds: Vec<Candidate<DocumentKind>>,
    agency_code: Option<String>,
}

impl Found {
    fn add_title(&mut self, parts: &title::TitleParts, evidence: &'static str, text: &str, provenance: &Provenance) {
        if let Some(agency) = &parts.agency {
            self.agencies.push(Candidate::new(agency.clone(), evidence, text, provenance));
        }
        if let Some(year) = parts.year {
            self.years.push(Candidate::new(year, evidence, text, provenance));
        }
        if let Some(kind) = parts.kind {
            self.kinds.push(Candidate::new(kind, evidence, text, provenance));
        }
    }
}

fn relabel<T>(c: &Candidate<T>, value: String) -> Candidate<String> {
    Candidate { value, evidence: c.evidence, text: c.text.clone(), provenance: c.provenance.clone() }
}

fn content_source(text: &str) -> MetaSource {
    MetaSource { evidence: "content".into(), text: text.into(), provenance: Provenance::default() }
}

/// Caption fields: in lines (`部门：…`), in table captions, and label cells inside grids
/// (`部门名称 | 北京市医疗保障局`); a year field (`预算年度：2023`) too.
fn fields(lines: &[Line], cover_page: &[usize], tables: &[FoundTable], blocks: &[Block], found: &mut Found) {
    for (index, line) in lines.iter().enumerate() {
        let evidence = if cover_page.contains(&index) { "cover_field" } else { "caption_field" };
        for (_, name, code) in agency::fields_in_line(&line.text) {
            found.agencies.push(Candidate::new(name, evidence, &line.printed, &line.provenance));
            if code.is_some() && found.agency_code.is_none() {
                found.agency_code = code;
            }
        }
    }
    for found_table in tables {
        let table = &found_table.table;
        for (label, value) in &table.caption {
            let printed = format!("{label}：{value}");
            if agency::FIELD_LABELS.contains(&label.as_str()) || label == "说明" {
                let (code, value) = agency::split_agency_code(value);
                if let Some(name) = agency::agency_shape(&value) {
                    found.agencies.push(Candidate::new(name, "caption_field", &printed, &table.provenance));
                    if code.is_some() && found.agency_code.is_none() {
                        found.agency_code = code;
                    }
                }
            } else if label.contains("年度") {
                if let Some((year, _)) = title::year_tokens(&format!("{}年", crate::text::squeeze(value))).first() {
                    found.years.push(Candidate::new(*year, "caption_field", &printed, &table.provenance));
                }
            }
        }
        let Some(BlockKind::Table(grid)) = blocks.get(found_table.block).map(|b| &b.kind) else { continue };
        for cell in &grid.cells {
            let label = crate::text::squeeze(&cell.text);
            let label = label.trim_end_matches([':', '：']);
            if !agency::FIELD_LABELS.contains(&label) {
                continue;
            }
            let value = grid
                .row(cell.row)
                .filter(|c| c.col > cell.col)
                .find(|c| !c.text.trim().is_empty())
                .map(|c| (c.text.as_str(), &c.provenance));
            if let Some((value, provenance)) = value {
                if let Some(name) = agency::agency_shape(value) {
                    let provenance = if provenance.page.is_some() { provenance } else { &table.provenance };
                    let printed = format!("{label} {}", value.trim());
                    found.agencies.push(Candidate::new(name, "caption_field", &printed, provenance));
                }
            }
        }
    }
}

/// The level: the cover title's word (部门/单位), else the majority of heading words, else 部门.
fn level_of(
    lines: &[Line],
    cover: &title::TitleParts,
    cover_printed: &str,
    cover_provenance: &Provenance,
    meta: &mut Meta,
    sources: &mut BTreeMap<String, MetaSource>,
) {
    if let Some(level) = cover.level {
        meta.level = Some(level);
        sources.insert("level".into(), Candidate::new((), "cover_title", cover_printed, cover_provenance).source());
    } else if let Some((level, index)) = level::level_from_headings(lines) {
        meta.level = Some(level);
        sources.insert(
            "level".into(),
            Candidate::new((), "title_line", &lines[index].printed, &lines[index].provenance).source(),
        );
    } else if meta.kind.is_some() {
        meta.level = Some(Scope::Department);
        sources.insert("level".into(), content_source("no 单位 named: 部门 by default"));
    }
}

/// The money unit most tables declare and the approval reference, with their sources.
fn unit_and_approval(
    blocks: &[Block],
    lines: &[Line],
    tables: &[FoundTable],
    meta: &mut Meta,
    sources: &mut BTreeMap<String, MetaSource>,
) {
    let mut units = std::collections::HashMap::new();
    for unit in tables.iter().filter_map(|t| t.table.unit) {
        *units.entry(unit).or_insert(0usize) += 1;
    }
    meta.unit = units.into_iter().max_by_key(|&(unit, n)| (n, unit.yuan_factor())).map(|(unit, _)| unit);
    if let Some(table) = tables.iter().find(|t| t.table.unit.is_some() && t.table.unit == meta.unit) {
        let text = table.table.title.clone().unwrap_or_default();
        sources.insert("unit".into(), Candidate::new((), "caption_field", &text, &table.table.provenance).source());
    }
    meta.approval_ref = crate::recognize::region::approval_ref(blocks);
    if let Some(reference) = &meta.approval_ref {
        if let Some(line) = lines.iter().find(|l| l.printed.contains(reference.as_str())) {
            sources.insert(
                "approval_ref".into(),
                Candidate::new((), "narrative", &line.printed, &line.provenance).source(),
            );
        }
    }
}

/// The last resort: a title in the file name (`2026年北京市交通委员会部门预算.pdf`).
fn from_file_name(source: &str, found: &mut Found) {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let provenance = Provenance::default();
    let mut pieces: Vec<&str> = vec![stem];
    pieces.extend(stem.split('_'));
    for piece in pieces {
        let parts = title::parse_title(piece);
        if parts.agency.is_some() && !found.agencies.iter().any(|c| c.evidence == "file_name") {
            found.add_title(&title::TitleParts { kind: None, ..parts }, "file_name", name, &provenance);
        }
    }
}

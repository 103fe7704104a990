//! How each [`MutationKind`] changes a document's blocks.

use std::sync::OnceLock;

use regex::Regex;
use rust_decimal::Decimal;

use super::MutationKind;
use crate::blocks::{Block, BlockKind, Blocks};
use crate::model::{Document, FactKey, TableKind};
use crate::money::{parse_amount, CellValue};
use crate::text::compact;
use crate::validate::standard_set_entry;

/// A document publishes its table set when it has at least this many standard tables; only then
/// is a removed table a detectable error (one fewer still shows the set).
const SET_TABLES: usize = 5;

/// The mutated blocks and what was changed, or `None` when the kind does not apply.
pub(super) fn mutate(kind: MutationKind, blocks: &Blocks, base: &Document) -> Option<(String, Blocks)> {
    let mut out = blocks.clone();
    let description = match kind {
        MutationKind::MissingTable => missing_table(&mut out, base)?,
        MutationKind::BlankTable => blank_table(&mut out, base)?,
        MutationKind::NarrativeTotal => narrative_total(&mut out, base, false)?,
        MutationKind::NarrativeZero => narrative_total(&mut out, base, true)?,
        MutationKind::WrongYear => wrong_year(&mut out, base)?,
        MutationKind::Placeholder => agency_name(&mut out, base, None)?,
        MutationKind::OtherAgency => agency_name(&mut out, base, Some(()))?,
        MutationKind::Comparison => comparison(&mut out)?,
        MutationKind::Typography => typography(&mut out, base)?,
    };
    Some((description, out))
}

/// Block index of each of the document's tables (the k-th table is the k-th table block).
fn table_blocks(blocks: &[Block]) -> Vec<usize> {
    blocks.iter().enumerate().filter(|(_, b)| matches!(b.kind, BlockKind::Table(_))).map(|(i, _)| i).collect()
}

/// Which blocks no recognizer kept as narrative (tables, captions, notes).
fn consumed(blocks: &[Block], base: &Document) -> Vec<bool> {
    let mut residual = base.residual.iter().peekable();
    blocks
        .iter()
        .map(|block| {
            if residual.peek().is_some_and(|r| *r == block) {
                residual.next();
                false
            } else {
                true
            }
        })
        .collect()
}

fn missing_table(out: &mut Blocks, base: &Document) -> Option<String> {
    let standard: Vec<usize> = base
        .tables
        .iter()
        .filter(|t| standard_set_entry(t).is_some() && (t.declared_empty || !t.rows.is_empty()))
        .map(|t| t.index)
        .collect();
    let distinct: std::collections::HashSet<usize> =
        standard.iter().filter_map(|&i| standard_set_entry(&base.tables[i])).collect();
    if distinct.len() < SET_TABLES {
        return None;
    }
    // The standard table whose kind is printed once, preferring the middle of the set.
    let order = [
        TableKind::GeneralBudgetBasicExpenditure,
        TableKind::FiscalGrantSummary,
        TableKind::IncomeSummary,
        TableKind::ExpenditureSummary,
        TableKind::ThreePublicExpenditure,
        TableKind::GeneralBudgetExpenditure,
        TableKind::GovFundExpenditure,
    ];
    let entry_count =
        |entry: usize| standard.iter().filter(|&&i| standard_set_entry(&base.tables[i]) == Some(entry)).count();
    let table = order.iter().find_map(|&kind| {
        standard.iter().copied().find(|&i| {
            let t = &base.tables[i];
            t.kind == kind && standard_set_entry(t).is_some_and(|e| entry_count(e) == 1)
        })
    })?;
    let grids = table_blocks(&out.blocks);
    let consumed = consumed(&out.blocks, base);
    let at = *grids.get(table)?;
    // The caption before the grid and the notes after it, as far as they were consumed.
    let mut start = at;
    while start > 0
        && at - start < 4
        && consumed[start - 1]
        && !matches!(out.blocks[start - 1].kind, BlockKind::Table(_))
    {
        start -= 1;
    }
    let mut end = at + 1;
    while end < out.blocks.len()
        && end - at <= 2
        && consumed[end]
        && !matches!(out.blocks[end].kind, BlockKind::Table(_))
    {
        end += 1;
    }
    out.blocks.drain(start..end);
    let title = base.tables[table].title.clone().unwrap_or_default();
    Some(format!("removed table {table} {title}"))
}

fn blank_table(out: &mut Blocks, base: &Document) -> Option<String> {
    let has_money = |t: &crate::model::Table| {
        t.rows.iter().flatten().any(|c| matches!(parse_amount(c), CellValue::Number(n) if !n.is_zero()))
    };
    let candidates = base.tables.iter().filter(|t| standard_set_entry(t).is_some() && has_money(t));
    let mut candidates: Vec<&crate::model::Table> = candidates.collect();
    candidates.sort_by_key(|t| t.kind != TableKind::ThreePublicExpenditure);
    let table = candidates.first()?;
    let at = *table_blocks(&out.blocks).get(table.index)?;
    let BlockKind::Table(grid) = &mut out.blocks[at].kind else { return None };
    let mut blanked = 0;
    for cell in &mut grid.cells {
        if matches!(parse_amount(&cell.text), CellValue::Number(_)) && cell.text.chars().any(|c| c.is_ascii_digit()) {
            // Keep code cells (2010301) and years: only amounts are blanked.
            let digits = cell.text.trim();
            if digits.contains('.') || digits.len() < 6 {
                cell.text.clear();
                blanked += 1;
            }
        }
    }
    (blanked > 0).then(|| {
        format!("blanked {blanked} cells of table {} {}", table.index, table.title.clone().unwrap_or_default())
    })
}

fn number_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\d[\d,]*(?:\.\d+)?").expect("number pattern compiles"))
}

/// Replace the printed number worth `value` in a narrative block (the first one whose text holds
/// it within the fact's sentence) by `replacement(printed)`.
fn replace_number(
    out: &mut Blocks,
    consumed: &[bool],
    sentence: &str,
    value: Decimal,
    replacement: impl Fn(&str) -> String,
) -> bool {
    let sentence = compact(sentence);
    for (index, block) in out.blocks.iter_mut().enumerate() {
        if consumed[index] {
            continue;
        }
        let (BlockKind::Heading { text, .. } | BlockKind::Paragraph { text }) = &mut block.kind else { continue };
        let compacted = compact(text);
        let overlap =
            compacted.chars().count() >= 8 && (sentence.contains(&compacted) || compacted.contains(&sentence));
        let part_of = overlap
            || sentence.chars().take(10).collect::<String>().chars().count() >= 6
                && compacted.contains(&sentence.chars().take(10).collect::<String>());
        if !part_of {
            continue;
        }
        let found = number_regex().find_iter(text).find(|m| crate::text::parse_number(m.as_str()) == Some(value));
        if let Some(m) = found {
            let new = replacement(m.as_str());
            text.replace_range(m.range(), &new);
            return true;
        }
    }
    false
}

fn narrative_total(out: &mut Blocks, base: &Document, zero: bool) -> Option<String> {
    const KEYS: [(FactKey, &[TableKind]); 6] = [
        (FactKey::IncomeTotal, &[TableKind::IncomeExpenditureSummary, TableKind::IncomeSummary]),
        (FactKey::ExpenditureTotal, &[TableKind::IncomeExpenditureSummary, TableKind::ExpenditureSummary]),
        (FactKey::GeneralBudgetGrant, &[TableKind::FiscalGrantSummary, TableKind::GeneralBudgetExpenditure]),
        (FactKey::BasicExpenditure, &[TableKind::ExpenditureSummary, TableKind::GeneralBudgetExpenditure]),
        (FactKey::ProjectExpenditure, &[TableKind::ExpenditureSummary, TableKind::GeneralBudgetExpenditure]),
        (FactKey::ThreePublicTotal, &[TableKind::ThreePublicExpenditure]),
    ];
    let consumed = consumed(&out.blocks, base);
    for (key, kinds) in KEYS {
        let has_table = base.line_items.iter().any(|i| kinds.contains(&i.table_kind) && i.amount.is_some());
        if !has_table {
            continue;
        }
        let fact = base.facts.iter().find(|f| {
            f.key == key
                && f.period == "this_year"
                && f.year.is_none_or(|y| Some(y) == base.meta.year)
                && f.amount_yuan.is_some_and(|a| !a.is_zero())
        });
        let Some(fact) = fact else { continue };
        let replacement = |printed: &str| {
            if zero {
                "0".to_string()
            } else {
                let value = crate::text::parse_number(printed).unwrap_or_default();
                let scale = printed.split('.').nth(1).map_or(0, |d| d.len() as u32);
                (value * Decimal::new(113, 2)).round_dp(scale).to_string()
            }
        };
        if replace_number(out, &consumed, &fact.sentence, fact.value, replacement) {
            return Some(format!("{} {} → {}", fact.label, fact.value, if zero { "0" } else { "×1.13" }));
        }
    }
    None
}

fn wrong_year(out: &mut Blocks, base: &Document) -> Option<String> {
    let year = base.meta.year?.to_string();
    let consumed = consumed(&out.blocks, base);
    let heading_like = |text: &str| {
        let t = compact(text);
        let compares = ["比", "较", "与", "持平", "增", "减", "执行", "上年"].iter().any(|w| t.contains(w));
        t.chars().count() <= 40
            && !compares
            && !t.contains([',', '。', ';', '；'])
            && ["预算", "决算", "情况说明", "表"].iter().any(|w| t.contains(w))
    };
    // A part heading or a table title after the cover, else the asset date.
    let skip = 3.min(out.blocks.len());
    let at = out.blocks.iter().enumerate().skip(skip).position(|(i, b)| {
        b.text().is_some_and(|t| t.contains(&year) && heading_like(t)) && (!consumed[i] || looks_like_table_title(b))
    });
    let at = at.map(|p| p + skip).or_else(|| {
        out.blocks
            .iter()
            .position(|b| b.text().is_some_and(|t| compact(t).contains(&format!("截至{}", asset_year(base)))))
    })?;
    let (BlockKind::Heading { text, .. } | BlockKind::Paragraph { text }) = &mut out.blocks[at].kind else {
        return None;
    };
    let target = if text.contains(&year) { year.clone() } else { asset_year(base).to_string() };
    let moved = (target.parse::<i32>().ok()? - 1).to_string();
    let before = text.clone();
    *text = text.replacen(&target, &moved, 1);
    Some(format!("{} → {}", before.trim(), text.trim()))
}

fn asset_year(base: &Document) -> i32 {
    let year = base.meta.year.unwrap_or_default();
    match base.meta.kind {
        Some(crate::model::DocumentKind::Budget) => year - 1,
        _ => year,
    }
}

fn looks_like_table_title(block: &Block) -> bool {
    block.text().is_some_and(|t| compact(t).ends_with('表'))
}

fn agency_name(out: &mut Blocks, base: &Document, other: Option<()>) -> Option<String> {
    let agency = compact(base.meta.agency.as_deref()?);
    if agency.chars().count() < 4 {
        return None;
    }
    let region_end =
        agency.char_indices().find(|(_, c)| matches!(c, '省' | '市' | '区' | '县')).map(|(i, c)| i + c.len_utf8());
    let region = region_end.map_or("", |end| &agency[..end]);
    let replacement = match other {
        None => format!("{region}XX局"),
        Some(()) if agency.ends_with("教育局") => format!("{region}民政局"),
        Some(()) => format!("{region}教育局"),
    };
    let skip = 3.min(out.blocks.len());
    for block in out.blocks.iter_mut().skip(skip) {
        let (BlockKind::Heading { text, .. } | BlockKind::Paragraph { text }) = &mut block.kind else { continue };
        let compacted = compact(text);
        let names_owner = compacted.contains(&agency)
            && (compacted.contains("部门预算")
                || compacted.contains("部门决算")
                || compacted.contains("单位预算")
                || compacted.contains("单位决算"));
        if !names_owner || compacted.chars().count() > 40 || compacted.contains([',', '。', ';', '；', '：', ':']) {
            continue;
        }
        let before = text.clone();
        *text = compacted.replacen(&agency, &replacement, 1);
        return Some(format!("{} → {}", before.trim(), text));
    }
    None
}

fn comparison(out: &mut Blocks) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"决算数?(大于|小于)(?:年初)?预算|(增加|减少)\s*\d[\d,]*(?:\.\d+)?\s*万元\s*[，,]\s*(?:增长|下降|增幅|降幅)").expect("compiles")
    });
    for block in &mut out.blocks {
        let (BlockKind::Heading { text, .. } | BlockKind::Paragraph { text }) = &mut block.kind else { continue };
        let Some(captures) = re.captures(text) else { continue };
        let Some(word) = captures.get(1).or_else(|| captures.get(2)) else { continue };
        let flipped = match word.as_str() {
            "大于" => "小于",
            "小于" => "大于",
            "增加" => "减少",
            _ => "增加",
        };
        let original = word.as_str().to_string();
        text.replace_range(word.range(), flipped);
        return Some(format!("{original} → {flipped}"));
    }
    None
}

fn typography(out: &mut Blocks, base: &Document) -> Option<String> {
    let consumed = consumed(&out.blocks, base);
    let narrative: Vec<usize> = (0..out.blocks.len())
        .filter(|&i| !consumed[i] && out.blocks[i].text().is_some_and(|t| t.contains('。')))
        .collect();
    let at = *narrative.get(narrative.len() / 2)?;
    let (BlockKind::Heading { text, .. } | BlockKind::Paragraph { text }) = &mut out.blocks[at].kind else {
        return None;
    };
    let stop = text.find('。')?;
    text.replace_range(stop..stop + '。'.len_utf8(), "。。");
    Some(format!("doubled a full stop in block {at}"))
}

//! Table blocks with their context → [`Table`]s: the title and unit printed before a table,
//! the notes printed after it, the kind, the flattened header, and whether it is declared empty.

use super::classify::{classify, declares_empty, looks_like_title};
use super::layout::{analyse, is_caption_cell, Layout};
use crate::blocks::{Block, BlockKind, Grid};
use crate::model::{Table, TableKind};
use crate::money::{parse_amount, CellValue, MoneyUnit};
use crate::provenance::Provenance;
use crate::text::compact;

/// How many non-table blocks before a table may belong to its caption.
const CAPTION_LOOKBACK: usize = 4;
/// How many short header lines between a table and its title may be passed over.
const MAX_STRAY_HEADER_LINES: usize = 3;
/// How many paragraphs after a table may be its notes.
const NOTES_LOOKAHEAD: usize = 2;

/// A recognised table with the layout its line items are read from.
pub(crate) struct FoundTable {
    /// The table.
    pub table: Table,
    /// The grid layout (body rows as cell indices).
    pub layout: Layout,
    /// The block index of the table in the stream.
    pub block: usize,
}

/// Find every table in `blocks` with its caption and notes. `consumed[i]` is set for each
/// block that became part of a table.
pub(crate) fn find_tables(blocks: &[Block], consumed: &mut [bool]) -> Vec<FoundTable> {
    let mut found = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let BlockKind::Table(grid) = &block.kind else { continue };
        consumed[i] = true;
        let mut table_blocks = vec![];
        let mut title = None;
        let mut unit = None;
        let mut caption = Vec::new();
        // Short header lines printed outside the grid (`财政拨款“三公”经费` above a 三公 grid) are
        // passed over on the way to the title, and belong to the table once the title is found.
        let mut passed_over = Vec::new();
        for j in (i.saturating_sub(CAPTION_LOOKBACK)..i).rev() {
            let Some(text) = blocks[j].text().filter(|_| !consumed[j]) else { break };
            let text = text.trim();
            if title.is_none() && is_stray_header_line(text) && passed_over.len() < MAX_STRAY_HEADER_LINES {
                passed_over.push(j);
                continue;
            }
            if let Some(u) = MoneyUnit::declared_in(text).filter(|_| text.chars().count() <= 30) {
                unit = unit.or(Some(u));
                caption.extend(fields_beside_unit(text));
            } else if is_attachment_label(text) {
                caption.push(("附件".to_string(), text.to_string()));
            } else if title.is_none() && looks_like_title(text) {
                title = Some(text.to_string());
            } else if (is_caption_cell(text) || is_owner_caption(text)) && text.chars().count() <= 40 {
                caption.push(split_caption(text));
            } else {
                break;
            }
            table_blocks.push(j);
            consumed[j] = true;
            if title.is_some() {
                for &k in &passed_over {
                    table_blocks.push(k);
                    consumed[k] = true;
                }
                passed_over.clear();
            }
            if title.is_some() && !blocks.get(j.wrapping_sub(1)).and_then(Block::text).is_some_and(is_attachment_label)
            {
                break;
            }
        }
        let mut notes = Vec::new();
        for (k, next) in blocks.iter().enumerate().skip(i + 1).take(NOTES_LOOKAHEAD) {
            let Some(text) = next.text() else { break };
            if !is_note(text) {
                break;
            }
            notes.push(text.trim().to_string());
            table_blocks.push(k);
            consumed[k] = true;
        }
        let provenance = table_blocks.iter().fold(block.provenance.clone(), |p, &j| p.union(&blocks[j].provenance));
        found.push(build(found.len(), grid, title, unit, caption, notes, provenance, i));
    }
    found
}

#[allow(clippy::too_many_arguments)]
fn build(
    index: usize,
    grid: &Grid,
    title: Option<String>,
    unit: Option<MoneyUnit>,
    mut caption: Vec<(String, String)>,
    notes: Vec<String>,
    provenance: Provenance,
    block: usize,
) -> FoundTable {
    let first_rows: String =
        grid.cells.iter().filter(|c| c.row < 4).map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ");
    let provisional_title = title.clone().unwrap_or_default();
    let provisional = classify(&provisional_title, &first_rows);
    let layout = analyse(grid, provisional.holds_money() || has_amounts(grid));
    let title = title.or_else(|| layout.title.clone());
    let header = layout.columns.join(" ");
    let kind = match classify(title.as_deref().unwrap_or_default(), &header) {
        // A list of units without amounts (序号 | 单位名称 | 备注 under 部门决算单位构成).
        TableKind::Unknown if provisional == TableKind::Unknown && lists_units(&header, grid) => TableKind::SubUnits,
        TableKind::Unknown => provisional,
        kind => kind,
    };
    caption.extend(layout.caption.iter().cloned());
    let unit = unit
        .or_else(|| caption.iter().find_map(|(label, value)| MoneyUnit::declared_in(&format!("{label}：{value}"))))
        .or_else(|| MoneyUnit::declared_in(&header));
    let rows: Vec<Vec<String>> = layout
        .body
        .iter()
        .map(|(_, cells)| {
            cells.iter().map(|c| c.map_or(String::new(), |i| grid.cells[i].text.trim().to_string())).collect()
        })
        .collect();
    let row_provenance = layout
        .body
        .iter()
        .map(|(_, cells)| {
            cells
                .iter()
                .flatten()
                .map(|&i| grid.cells[i].provenance.clone())
                .reduce(|a, b| a.union(&b))
                .unwrap_or_default()
        })
        .collect();
    let no_values = !rows.iter().flatten().any(|t| matches!(parse_amount(t), CellValue::Number(_)));
    let declared_empty =
        no_values && (notes.iter().any(|n| declares_empty(n)) || rows.iter().flatten().any(|t| declares_empty(t)));
    let table = Table {
        index,
        kind,
        title,
        unit,
        caption,
        columns: layout.columns.clone(),
        rows,
        row_provenance,
        declared_empty,
        notes,
        provenance,
    };
    FoundTable { table, layout, block }
}

/// A header naming units (单位名称) over a body without amounts.
fn lists_units(header: &str, grid: &Grid) -> bool {
    compact(header).contains("单位名称")
        && !grid
            .cells
            .iter()
            .any(|c| c.col > 0 && matches!(parse_amount(&c.text), CellValue::Number(_)) && c.text.contains('.'))
}

fn has_amounts(grid: &Grid) -> bool {
    grid.cells
        .iter()
        .filter(|c| c.col > 0 && c.text.contains('.'))
        .any(|c| matches!(parse_amount(&c.text), CellValue::Number(_)))
}

/// A short line that may be a header line printed outside its grid: at most 30 characters, no
/// sentence punctuation, no unit, not a title, not a numbered heading (一、…).
fn is_stray_header_line(text: &str) -> bool {
    let t = compact(text);
    let n = t.chars().count();
    (2..=30).contains(&n)
        && !t.contains(['，', '。', '；', ':', '：', '、'])
        && !looks_like_title(&t)
        && MoneyUnit::declared_in(&t).is_none()
        && !is_attachment_label(&t)
}

/// The owner line of a caption printed apart from its unit (`部门：中国共产党江苏省委员会办`, its
/// `单位：万元` on the next line): a caption field, kept as one.
fn is_owner_caption(text: &str) -> bool {
    let t = compact(text);
    ["部门：", "部门:", "部门名称"].iter().any(|k| t.starts_with(k))
}

/// `附件3-2`, `附件1`, `附表2`.
fn is_attachment_label(text: &str) -> bool {
    let t = compact(text);
    (t.starts_with("附件") || t.starts_with("附表")) && t.chars().count() <= 8
}

/// A note printed under a table: 注：…, 备注：…, （备注：…）, or a sentence declaring it empty.
fn is_note(text: &str) -> bool {
    let t = compact(text);
    let t = t.trim_start_matches(['(', '（']);
    t.starts_with("注")
        || t.starts_with("备注")
        || t.starts_with("说明:")
        || t.starts_with("说明：")
        || (declares_empty(t) && t.chars().count() <= 60)
}

/// The caption field printed on the unit's line (`部门：某某局 单位：万元`), split as
/// (label, value): the line without its unit declaration, when a labelled field remains.
fn fields_beside_unit(text: &str) -> Option<(String, String)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let unit = RE.get_or_init(|| {
        regex::Regex::new(r"(?:金额|货币)?单位\s*[：:为]?\s*(?:亿元|千元|万元|元)").expect("unit pattern compiles")
    });
    let rest = unit.replace_all(text, " ");
    let rest = rest.trim();
    (!rest.is_empty() && (is_caption_cell(rest) || is_labelled(rest))).then(|| split_caption(rest))
}

/// `部门：…`: a short label, a colon and a value.
fn is_labelled(field: &str) -> bool {
    field.split_once(['：', ':']).is_some_and(|(label, value)| {
        let label = compact(label);
        (1..=6).contains(&label.chars().count()) && !value.trim().is_empty()
    })
}

fn split_caption(text: &str) -> (String, String) {
    match text.split_once(['：', ':']) {
        Some((label, value)) => (compact(label), value.trim().to_string()),
        None => ("说明".to_string(), text.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::fields_beside_unit;

    #[test]
    fn the_field_printed_on_the_units_line_is_kept() {
        assert_eq!(
            fields_beside_unit("部门：中共某省委办公厅 单位：万元"),
            Some(("部门".to_string(), "中共某省委办公厅".to_string()))
        );
        assert_eq!(
            fields_beside_unit("单位名称：某市水利局 单位：万元"),
            Some(("单位名称".to_string(), "某市水利局".to_string()))
        );
        assert_eq!(fields_beside_unit("单位：万元"), None);
        assert_eq!(fields_beside_unit("金额单位：万元"), None);
    }

    #[test]
    fn a_title_over_an_owner_line_printed_apart_from_its_unit_heads_its_table() {
        let text = "某省委办公厅2017年部门预算\n\n收入预算总表\n部门：中国共产党某省委员会办\n单位：万元公厅\n\t项目名称\n\t金额\n\n\t收入总计\n\t20.00\n\n";
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        let table = &doc.tables[0];
        assert_eq!(table.title.as_deref(), Some("收入预算总表"));
        assert_eq!(table.kind, crate::model::TableKind::IncomeSummary);
        assert!(
            table.caption.iter().any(|(label, value)| label == "部门" && value.contains("委员会办")),
            "{:?}",
            table.caption
        );
        // An owner line under a paragraph that is not a title leaves the table untitled.
        let untitled = text.replace("收入预算总表\n", "本部门收入情况如下，单位为万元。\n");
        let doc = crate::parse_bytes("t.txt", untitled.as_bytes()).expect("parses");
        assert_ne!(doc.tables[0].title.as_deref(), Some("收入预算总表"));
    }
}

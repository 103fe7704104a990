//! Row sums within a table: parent codes versus their children (类 = Σ款, 款 = Σ项), the total row
//! versus the top-level codes, and for tables without codes the printed numbering (一、/（一）/1、,
//! 其中) as the structure: totals versus numbered parts, numbered rows versus the rows under them.

use std::collections::{HashMap, HashSet};

use super::finding::Finding;
use super::numbering::{numbering, strip_numbering, Numbering};
use super::rules::{self, Rule};
use super::tables::TableView;
use super::tolerance::{compare, Num};
use crate::catalog::{economic, function};
use crate::model::{CodeScheme, Level, LineItem, RowRole, TableKind};
use crate::text::compact;

mod amount_tree;

/// `其中…`: a row or column that is part of the one before it.
pub(crate) fn is_of_which(label: &str) -> bool {
    label.starts_with("其中")
}

/// `其中：专项资金…` (a part of the row before), not `其中：（1）公务用车购置费` (the first child).
fn is_unnumbered_of_which(name: &str) -> bool {
    let label = compact(name);
    let rest = label.trim_start_matches("其中").trim_start_matches([':', '：', ',', '，']);
    is_of_which(&label) && numbering(rest).0.is_none()
}

fn is_total(item: &LineItem) -> bool {
    item.code.is_none()
        && (item.row_role == RowRole::Total
            || (item.row_role == RowRole::Subtotal && compact(&item.name).ends_with("小计")))
}

/// Evaluate the row rules of one table.
pub(crate) fn evaluate(table: &TableView, findings: &mut Vec<Finding>) {
    let codes: HashSet<&str> = table.rows.iter().flatten().filter_map(|c| c.code.as_deref()).collect();
    for side in table.sides() {
        let coded = table.rows.iter().flatten().any(|c| c.side == side && c.code.is_some());
        for measure in table.measures(&side) {
            let cells: Vec<&LineItem> = table
                .rows
                .iter()
                .filter_map(|row| TableView::cell(row, &side, measure))
                .filter(|c| c.unit_printed.as_deref() != Some("%"))
                .collect();
            if coded {
                coded_rows(table, &codes, &cells, findings);
            } else {
                numbered_rows(table.table.kind, &cells, findings);
            }
        }
    }
}

fn coded_rows(table: &TableView, codes: &HashSet<&str>, cells: &[&LineItem], findings: &mut Vec<Finding>) {
    let what = |item: &LineItem| format!("表{} {}", table.table.index, item.measure);
    // A code printed on several rows (a table keying each row by a 部门经济 and a 政府经济 code:
    // `301 工资福利支出 | 505 对事业单位经常性补助`, then `302 商品和服务支出 | 505 …`): each of
    // those rows is the parent of the rows after it up to the next one.
    let mut parent_rows: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(code) = cell.code.as_deref() {
            parent_rows.entry(code).or_default().push(i);
        }
    }
    let mut children_of: HashMap<usize, Vec<&LineItem>> = HashMap::new();
    for (i, &cell) in cells.iter().enumerate() {
        let Some(rows) = cell.parent_code.as_deref().and_then(|p| parent_rows.get(p)) else { continue };
        let parent = rows.iter().rev().find(|&&r| r < i).unwrap_or(&rows[0]);
        children_of.entry(*parent).or_default().push(cell);
    }
    for (i, parent) in cells.iter().enumerate().filter(|(_, c)| c.code.is_some()) {
        let code = parent.code.as_deref().unwrap_or_default();
        let Some(children) = children_of.get(&i) else { continue };
        if parent.amount.is_none() && children.iter().all(|c| c.amount.is_none()) {
            continue;
        }
        let context = format!("{} {code} {}", what(parent), parent.name.trim());
        findings.push(sum_check(rules::ROWS_CODE_CHILDREN, parent, children, &context));
    }
    let tops: Vec<&LineItem> = cells
        .iter()
        .copied()
        .filter(|c| c.code.is_some() && c.parent_code.as_deref().is_none_or(|parent| !codes.contains(parent)))
        .collect();
    if let Some(total) = cells.iter().copied().find(|c| is_total(c)) {
        if !tops.is_empty() && (total.amount.is_some() || tops.iter().any(|c| c.amount.is_some())) {
            findings.push(sum_check(rules::ROWS_TOTAL_CODES, total, &tops, &format!("{} 合计行", what(total))));
        }
    }
}

fn sum_check(rule: &Rule, total: &LineItem, parts: &[&LineItem], context: &str) -> Finding {
    let expected = Num::from_item(total);
    let parts: Vec<Num> = parts.iter().map(|c| Num::from_item(c)).collect();
    let refs: Vec<&Num> = parts.iter().collect();
    compare(rule, &[&expected], &refs, context, context)
}

/// Rows of a table without codes: totals versus numbered parts, parents versus children.
fn numbered_rows(kind: TableKind, cells: &[&LineItem], findings: &mut Vec<Finding>) {
    let mut index = 0;
    let mut previous_block: Option<&LineItem> = None;
    let mut previous_end = 0;
    while index < cells.len() {
        if !is_total(cells[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < cells.len() && is_total(cells[index]) {
            index += 1;
        }
        let before = &cells[previous_end..start];
        let next_total = (index..cells.len()).find(|&i| is_total(cells[i])).unwrap_or(cells.len());
        let after = &cells[index..next_total];
        for &total in &cells[start..index] {
            let total_label = compact(&total.name);
            let (segment, carried) = if !before.is_empty() {
                // The total above is a part: 总计 after 合计, or 收入合计 after 本年收入合计 (a
                // narrower total of the same thing, the year's, before carry-overs).
                let running = previous_block.filter(|p| {
                    let previous_label = compact(&p.name);
                    (1..total_rank(&total_label)).contains(&total_rank(&previous_label))
                        || (previous_label.len() > total_label.len() && previous_label.ends_with(total_label.as_str()))
                });
                (before, running)
            } else {
                (after, None)
            };
            // A numbered total carried (`一、本年支出合计`, its breakdown, `二、年终结转结余`,
            // `支出总计`): the rows under it are its breakdown, the parts are the rows numbered on.
            let carried_number = carried.and_then(|c| numbering(&compact(&c.name)).0);
            let tops = match carried_number {
                Some(number) => numbered_after(segment, number),
                None => top_rows(segment),
            };
            if tops.is_empty() && carried_number.is_none() {
                continue;
            }
            if carried.is_none() {
                if let Some(found) = department_then_units(total, segment, &tops) {
                    findings.extend(found);
                    continue;
                }
            }
            let mut parts: Vec<&LineItem> = carried.into_iter().collect();
            parts.extend(tops.iter().map(|&(i, _)| segment[i]));
            if total.amount.is_none() && parts.iter().all(|c| c.amount.is_none()) {
                continue;
            }
            let rule = match kind {
                TableKind::Assets => rules::ASSETS_TABLE,
                TableKind::ThreePublicExpenditure => rules::THREE_PUBLIC_TABLE,
                _ => rules::ROWS_TOTAL_PARTS,
            };
            let context = format!("表{} {} {}", total.table_index, total.name.trim(), total.measure);
            let mut finding = sum_check(rule, total, &parts, &context);
            // Parts that do not add up: group rows printed over their members without codes or
            // numbering (the flat sum a multiple of the total). The top level of the hierarchy
            // the amounts show is checked instead, when the amounts show one.
            let grouped = (finding.status == super::FindingStatus::Fail && carried.is_none())
                .then(|| grouped_parts(total, &parts, rule, &context))
                .flatten();
            let nested = grouped.as_ref().is_some_and(|g| g.status == super::FindingStatus::Pass);
            if let Some(regrouped) = grouped {
                finding = regrouped;
            }
            findings.push(finding);
            if !nested {
                children_rows(kind, segment, &tops, findings);
            }
        }
        previous_block = cells[start..index].last().copied();
        previous_end = index;
    }
}

/// The check of `total` against the top level of the hierarchy the amounts of `parts` show (see
/// [`amount_tree`]), when they show one.
fn grouped_parts(total: &LineItem, parts: &[&LineItem], rule: &Rule, context: &str) -> Option<Finding> {
    let nums: Vec<Num> = parts.iter().map(|c| Num::from_item(c)).collect();
    let tops = amount_tree::amount_tops(&nums)?;
    let top_parts: Vec<&LineItem> = tops.iter().map(|&k| parts[k]).collect();
    Some(sum_check(rule, total, &top_parts, context))
}

/// A table by 单位名称 often lists the 部门 first and then its 单位 (`合计 | 部门 | 单位1 | 单位2`):
/// when the first of several unnumbered rows repeats the total and the others add up to it, they
/// are its children, not more parts of the total. Gives the two findings (total = 部门, 部门 = Σ单位).
fn department_then_units(
    total: &LineItem,
    segment: &[&LineItem],
    tops: &[(usize, Option<Numbering>)],
) -> Option<[Finding; 2]> {
    if tops.len() < 3 || tops.iter().any(|(_, n)| n.is_some()) {
        return None;
    }
    let department = segment[tops[0].0];
    if department.amount.is_none() || department.amount != total.amount {
        return None;
    }
    let units: Vec<&LineItem> = tops[1..].iter().map(|&(i, _)| segment[i]).collect();
    let context = format!("表{} {} {}", department.table_index, department.name.trim(), department.measure);
    let children = sum_check(rules::ROWS_PARENT_CHILDREN, department, &units, &context);
    if children.status != super::FindingStatus::Pass {
        return None;
    }
    let context = format!("表{} {} {}", total.table_index, total.name.trim(), total.measure);
    Some([sum_check(rules::ROWS_TOTAL_PARTS, total, &[department], &context), children])
}

/// How wide a total is by its word: 小计 (a subtotal, e.g. 当年收入小计) < 合计 < 总计 / 总数. A total
/// row after a narrower one of the same column carries it as a part (`当年收入小计 | 上年结转 |
/// 收入合计`, `合计 | 结转下年 | 总计`).
fn total_rank(label: &str) -> u8 {
    if label.contains("总计") || label.contains("总数") {
        3
    } else if label.contains("合计") {
        2
    } else {
        u8::from(label.contains("小计"))
    }
}

/// The top rows of a segment (index, numbering): numbered rows of the first numbering kind in
/// sequence, and unnumbered rows before the first numbered one. Unnumbered rows listing the
/// function classification without codes (a 收支总表 printing `科学技术支出 | 技术研究与开发 |
/// 科技成果转化与扩散 | 社会保障和就业支出 | …`) are a tree in order: from the first row named like a
/// 类, only the rows named like a 类 are top rows, the rows between them their 款 and 项.
fn top_rows(segment: &[&LineItem]) -> Vec<(usize, Option<Numbering>)> {
    let tops = numbered_tops(segment);
    if tops.len() < 2 || tops.iter().any(|(_, n)| n.is_some()) {
        return tops;
    }
    let rows: Vec<&LineItem> = tops.iter().map(|&(i, _)| segment[i]).collect();
    match catalog_tree(&rows, Level::Class) {
        Some(kept) => kept.into_iter().map(|k| tops[k]).collect(),
        None => tops,
    }
}

/// Rows listing the function classification without codes are a tree in order: when some are
/// named like entries of `level`, the rows from the first of those on that are not at `level` are
/// below one of them. Gives the indices of the rows at `level` (and of those before the first), or
/// `None` when no row is named at `level`.
fn catalog_tree(rows: &[&LineItem], level: Level) -> Option<Vec<usize>> {
    let at_level: Vec<bool> = rows.iter().map(|row| function_level(&row.name) == Some(level)).collect();
    let first = at_level.iter().position(|&at| at)?;
    Some((0..rows.len()).filter(|&k| k < first || at_level[k]).collect())
}

/// The level of a row named like a function class entry: 类 when any entry of that name is a 类,
/// else 款 or 项; `None` for a name the catalog does not know.
fn function_level(name: &str) -> Option<Level> {
    let name = strip_numbering(&compact(name)).to_string();
    let entries = function::entries_named(&name);
    // A 基本支出 table without codes lists the economic classification the same way
    // (`工资福利支出 | 基本工资 | … | 商品和服务支出 | 办公费 | …`): for names the function
    // classification does not know.
    let economic = [CodeScheme::DeptEconomic, CodeScheme::GovEconomic].map(|scheme| {
        if entries.is_empty() {
            economic::by_name(&name, scheme)
        } else {
            Vec::new()
        }
    });
    let levels = entries.iter().map(|e| e.level).chain(economic.iter().flatten().map(|e| e.level));
    levels.min_by_key(|level| match level {
        Level::Class => 0,
        Level::Section => 1,
        Level::Item => 2,
    })
}

/// The rows of a segment numbered on from `number` (same kind, in sequence).
fn numbered_after(segment: &[&LineItem], number: Numbering) -> Vec<(usize, Option<Numbering>)> {
    let mut current = number;
    let mut tops = Vec::new();
    for (i, cell) in segment.iter().enumerate() {
        if let Some(n) = numbering(&compact(&cell.name)).0 {
            if n.same_kind(current) && n.number() == current.number() + 1 {
                current = n;
                tops.push((i, Some(n)));
            }
        }
    }
    tops
}

fn numbered_tops(segment: &[&LineItem]) -> Vec<(usize, Option<Numbering>)> {
    let mut tops = Vec::new();
    let mut current: Option<Numbering> = None;
    let mut nested: Option<u32> = None;
    for (i, cell) in segment.iter().enumerate() {
        let label = compact(&cell.name);
        let (number, _) = numbering(&label);
        match (current, number) {
            // `上年结余、结转` then `1.财政拨款结余、结转`, `2.…` (or `年初财政拨款结转和结余` then
            // `一、一般公共预算财政拨款`, …): rows numbered after an unnumbered top row are its
            // parts, not tops.
            (None, Some(_)) if !tops.is_empty() => {}
            (None, Some(n)) => {
                current = Some(n);
                tops.push((i, Some(n)));
            }
            (None, None) if !is_of_which(&label) && tops.iter().all(|(_, n)| n.is_none()) => tops.push((i, None)),
            // A list restarting at 一 under a numbered top (`一、本年支出`, then `一、一般公共服务支出`,
            // `二、社会保障和就业支出`, …, then `二、结转下年支出`) is nested under it while it counts on.
            (Some(c), Some(n)) if c.same_kind(n) && nested.is_some_and(|m| n.number() == m + 1) => {
                nested = Some(n.number());
            }
            (Some(c), Some(n)) if c.same_kind(n) && n.number() == c.number() + 1 => {
                current = Some(n);
                nested = None;
                tops.push((i, Some(n)));
            }
            (Some(c), Some(n)) if c.same_kind(n) && n.number() == 1 => nested = Some(1),
            _ => {}
        }
    }
    tops
}

fn children_rows(
    kind: TableKind,
    segment: &[&LineItem],
    tops: &[(usize, Option<Numbering>)],
    findings: &mut Vec<Finding>,
) {
    for (k, &(start, number)) in tops.iter().enumerate() {
        let end = tops.get(k + 1).map_or(segment.len(), |&(i, _)| i);
        let parent = segment[start];
        let children = &segment[start + 1..end];
        // An unnumbered top has parts only when they are numbered (see `numbered_tops`).
        if number.is_none() && children.iter().any(|c| numbering(&compact(&c.name)).0.is_none()) {
            continue;
        }
        if children.is_empty() || (parent.amount.is_none() && children.iter().all(|c| c.amount.is_none())) {
            continue;
        }
        let labels: Vec<String> = children.iter().map(|c| compact(&c.name)).collect();
        let kinds: Vec<Option<Numbering>> = labels.iter().map(|l| numbering(l).0).collect();
        let numbered = kinds.iter().flatten().count();
        let of_which = labels.iter().filter(|l| is_of_which(l)).count();
        let plain = labels.len() - numbered - of_which;
        let mixed = kinds.iter().flatten().any(|n| kinds.iter().flatten().any(|m| !n.same_kind(*m)));
        let context = format!("表{} {} {}", parent.table_index, parent.name.trim(), parent.measure);
        if of_which == labels.len() {
            let children: Vec<&LineItem> = children.to_vec();
            let sum = sum_check(rules::ROWS_OF_WHICH, parent, &children, &context);
            findings.push(within_parent(sum));
        } else if !mixed && (numbered == 0 || plain == 0) {
            let rule = if kind == TableKind::ThreePublicExpenditure && compact(&parent.name).contains("公务用车") {
                rules::VEHICLES_TABLE
            } else {
                rules::ROWS_PARENT_CHILDREN
            };
            // Under a 类 printed as `一、教育支出`: its 款 rows, not their 项 rows as well.
            // A `其中` row among numbered or plain children is part of the child before it
            // (`1、一般公共预算拨款 | 其中：专项资金… | 2、政府性基金拨款`), not one more child;
            // `其中：（1）公务用车购置费 | （2）公务用车运行费` numbers the children themselves.
            let direct: Vec<&LineItem> = match catalog_tree(children, Level::Section).filter(|_| numbered == 0) {
                Some(kept) => kept.into_iter().map(|k| children[k]).collect(),
                None => children.to_vec(),
            };
            let direct: Vec<&LineItem> = direct.into_iter().filter(|c| !is_unnumbered_of_which(&c.name)).collect();
            findings.push(sum_check(rule, parent, &direct, &context));
        }
    }
}

/// An "of which" comparison passes when the parts do not exceed the parent.
fn within_parent(mut finding: Finding) -> Finding {
    if let (Some(difference), Some(tolerance)) = (finding.difference, finding.tolerance) {
        if difference <= tolerance {
            finding.status = super::FindingStatus::Pass;
        }
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_of_labels() {
        assert_eq!(numbering("三十一、人行科目").0, Some(Numbering::Chinese(31)));
        assert_eq!(numbering("十、卫生健康支出").0, Some(Numbering::Chinese(10)));
        assert_eq!(numbering("(一)收入预算").0, Some(Numbering::Paren(1)));
        assert_eq!(numbering("2、车辆(台、辆)").0, Some(Numbering::Arabic(2)));
        assert_eq!(numbering("2101202行政运行").0, None);
        assert_eq!(numbering("一般公共预算拨款").0, None);
    }
}

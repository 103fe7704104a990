//! 表内平衡: 收入总计 = 支出总计 in the summary tables, column totals versus their sibling columns
//! (合计 = 基本 + 项目, 基本 = 人员 + 公用, 三公 parts) in every row, and the row rules of [`super::rows`].

use std::collections::HashSet;

use super::finding::Finding;
use super::rows;
use super::rules::{self, Rule};
use super::tables::{is_total_measure, last_segment, DocumentView, TableView};
use super::tolerance::{compare, Num};
use crate::model::{LineItem, TableKind};
use crate::text::compact;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    for table in &view.tables {
        if !table.table.kind.holds_money() || table.rows.is_empty() {
            continue;
        }
        if matches!(table.table.kind, TableKind::IncomeExpenditureSummary | TableKind::FiscalGrantSummary) {
            summary_balance(table, findings);
        }
        columns(table, findings);
        rows::evaluate(table, findings);
    }
}

/// The first amount measure of a side: its total column, else its first measure.
pub(crate) fn side_amount_measure<'a>(table: &TableView<'a>, side: &Option<String>) -> Option<&'a str> {
    let measures = table.measures(side);
    measures.iter().copied().find(|m| is_total_measure(m)).or_else(|| measures.first().copied())
}

fn summary_balance(table: &TableView, findings: &mut Vec<Finding>) {
    let income_side = Some("收入".to_string());
    let expenditure_side = Some("支出".to_string());
    let grand = |label: &str| label.contains("总计") || label.contains("总数");
    let income =
        side_amount_measure(table, &income_side).and_then(|m| table.labelled_cell(&income_side, grand, |x| x == m));
    let expenditure = side_amount_measure(table, &expenditure_side)
        .and_then(|m| table.labelled_cell(&expenditure_side, grand, |x| x == m));
    let context = format!("表{} 收入总计与支出总计", table.table.index);
    let finding = match (income, expenditure) {
        (Some(income), Some(expenditure)) => compare(
            rules::SUMMARY_BALANCE,
            &[&Num::from_item(income)],
            &[&Num::from_item(expenditure)],
            &context,
            &context,
        ),
        _ => rules::SUMMARY_BALANCE.finding(
            super::FindingStatus::InsufficientData,
            [None; 3],
            None,
            format!("{context}：未找到总计行"),
            format!("table {}: no 收入总计/支出总计 row found", table.table.index),
            Vec::new(),
        ),
    };
    findings.push(finding);
}

/// Column groups of a side: every total column (`P / 合计`, `P / 小计`, root `合计`) with the
/// contributions of its siblings under the same prefix.
fn column_groups<'a>(measures: &[&'a str]) -> Vec<(&'a str, Vec<&'a str>)> {
    let prefix_of = |m: &'a str| m.rsplit_once(" / ").map_or("", |(p, _)| p);
    let mut groups = Vec::new();
    for &total in measures.iter().filter(|m| is_total_measure(m)) {
        let prefix = prefix_of(total);
        let parts = contributions(measures, prefix, total);
        // Two totals side by side (`总计 | 合计 | …`, a header whose grouping was not printed as
        // nesting): which columns each one sums is unknown, so neither is checked.
        let sibling_total = parts.iter().any(|p| is_total_measure(p) && prefix_of(p) == prefix);
        if !parts.is_empty() && !sibling_total {
            groups.push((total, parts));
        }
    }
    groups
}

/// The measures that add up to the total of `prefix`: leaf siblings, and for sub-groups their own
/// total column or else their members. Comparison columns (增减, 上年), "of which" columns
/// (其中…) and restatements (扣除…后) are left out.
fn contributions<'a>(measures: &[&'a str], prefix: &str, total: &str) -> Vec<&'a str> {
    let head = if prefix.is_empty() { String::new() } else { format!("{prefix} / ") };
    let mut children: Vec<&str> = Vec::new();
    for m in measures.iter().copied().filter(|m| *m != total && m.starts_with(&head)) {
        let child = m[head.len()..].split(" / ").next().unwrap_or_default();
        if !children.contains(&child) {
            children.push(child);
        }
    }
    let mut parts = Vec::new();
    for child in children {
        let compacted = compact(child);
        if ["增减", "增长", "变动", "比上年", "上年预算", "上年执行", "上年决算"].iter().any(|w| compacted.contains(w))
        {
            continue;
        }
        // `其中：经费拨款` is part of the column before it, not one more part of the total.
        // `扣除基建项目后预算数` restates the column before it less a part: no addend either.
        if rows::is_of_which(&compacted) || compacted.starts_with("扣除") {
            continue;
        }
        let path = format!("{head}{child}");
        if let Some(leaf) = measures.iter().copied().find(|m| *m == path) {
            parts.push(leaf);
            continue;
        }
        let group: Vec<&str> = measures.iter().copied().filter(|m| m.starts_with(&format!("{path} / "))).collect();
        match group
            .iter()
            .copied()
            .find(|m| is_total_measure(m) && m.matches(" / ").count() == path.matches(" / ").count() + 1)
        {
            Some(sub_total) => parts.push(sub_total),
            None => parts.extend(contributions(measures, &path, "")),
        }
    }
    parts
}

fn column_rule(table: &TableView, parts: &[&str]) -> &'static Rule {
    let names: Vec<String> = parts.iter().map(|p| compact(last_segment(p))).collect();
    let has = |word: &str| names.iter().any(|n| n.contains(word));
    if table.table.kind == TableKind::ThreePublicExpenditure && has("出国") && has("接待") {
        rules::THREE_PUBLIC_TABLE
    } else if table.table.kind == TableKind::ThreePublicExpenditure && has("购置") && has("运行") {
        rules::VEHICLES_TABLE
    } else if has("基本支出") && has("项目支出") {
        rules::COLUMNS_BASIC_PROJECT
    } else if has("人员经费") && has("公用经费") {
        rules::COLUMNS_PERSONNEL_PUBLIC
    } else {
        rules::COLUMNS_SUM
    }
}

fn columns(table: &TableView, findings: &mut Vec<Finding>) {
    for side in table.sides() {
        let money_measures: HashSet<&str> =
            table.rows.iter().flatten().filter(|c| c.is_money && c.side == side).map(|c| c.measure.as_str()).collect();
        let money: Vec<&str> = table.measures(&side).into_iter().filter(|m| money_measures.contains(m)).collect();
        for (total, parts) in column_groups(&money) {
            let rule = column_rule(table, &parts);
            for row in &table.rows {
                let Some(total_cell) = TableView::cell(row, &side, total) else { continue };
                let part_cells: Vec<&LineItem> = parts.iter().filter_map(|p| TableView::cell(row, &side, p)).collect();
                if total_cell.amount.is_none() && part_cells.iter().all(|c| c.amount.is_none()) {
                    continue;
                }
                let expected = Num::from_item(total_cell);
                let actual: Vec<Num> = part_cells.iter().map(|c| Num::from_item(c)).collect();
                let refs: Vec<&Num> = actual.iter().collect();
                let context = format!("表{} {} {}", table.table.index, total_cell.name.trim(), total);
                findings.push(compare(rule, &[&expected], &refs, &context, &context));
            }
        }
    }
}

//! 表间一致: the same totals in different tables (收支总表, 收入总表, 支出总表, 财政拨款收支总表,
//! 一般公共预算支出表, 基本支出表), guarded by scope; class amounts across tables; tables declared
//! empty versus amounts elsewhere.

use super::finding::{Finding, FindingStatus};
use super::rules::{self, Rule};
use super::tables::{is_total_measure, DocumentView, TableView};
use super::tolerance::{compare, Num};
use super::within_table::side_amount_measure;
use crate::model::{DocumentKind, Level, LineItem, RowRole, TableKind};
use crate::text::compact;

type Pick = fn(&TableView) -> Option<Vec<LineItem>>;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    use TableKind::*;
    cross(
        view,
        rules::ACROSS_INCOME,
        (IncomeExpenditureSummary, summary_income),
        (IncomeSummary, root_total),
        findings,
    );
    cross(
        view,
        rules::ACROSS_EXPENDITURE,
        (IncomeExpenditureSummary, summary_expenditure),
        (ExpenditureSummary, root_total),
        findings,
    );
    cross(
        view,
        rules::ACROSS_GENERAL_BUDGET,
        (FiscalGrantSummary, fiscal_general_budget),
        (GeneralBudgetExpenditure, root_total),
        findings,
    );
    cross(
        view,
        rules::ACROSS_BASIC,
        (GeneralBudgetExpenditure, basic_column_total),
        (GeneralBudgetBasicExpenditure, root_total),
        findings,
    );
    if view.doc.meta.kind != Some(DocumentKind::FinalAccount) {
        match carried_out(view) {
            // Income that is carried over to the next year (结转下年) is no spending of the year.
            Some(carried) => income_eq_expenditure_plus_carried(view, carried, findings),
            None => {
                cross(
                    view,
                    rules::ACROSS_INCOME_EXPENDITURE,
                    (IncomeSummary, root_total),
                    (ExpenditureSummary, root_total),
                    findings,
                );
                per_code(view, findings);
            }
        }
    }
    classes(view, IncomeExpenditureSummary, ExpenditureSummary, |_| false, findings);
    classes(view, FiscalGrantSummary, GeneralBudgetExpenditure, |m| compact(m).contains("一般公共预算"), findings);
    super::facts::declared_empty(view, findings);
}

fn one(cell: Option<&LineItem>) -> Option<Vec<LineItem>> {
    cell.map(|c| vec![c.clone()])
}

fn summary_side_total(table: &TableView, side: &str, this_year: &str) -> Option<Vec<LineItem>> {
    let side = Some(side.to_string());
    let measure = side_amount_measure(table, &side)?;
    let this_year_cell = table.labelled_cell(&side, |l| l.starts_with(this_year), |m| m == measure);
    one(this_year_cell
        .or_else(|| table.labelled_cell(&side, |l| l.contains("总计") || l.contains("总数"), |m| m == measure)))
}

fn summary_income(table: &TableView) -> Option<Vec<LineItem>> {
    let side = Some("收入".to_string());
    let measure = side_amount_measure(table, &side)?;
    one(table.labelled_cell(&side, |l| l.contains("总计") || l.contains("总数"), |m| m == measure))
}

fn summary_expenditure(table: &TableView) -> Option<Vec<LineItem>> {
    summary_side_total(table, "支出", "本年支出")
}

fn fiscal_general_budget(table: &TableView) -> Option<Vec<LineItem>> {
    let side = Some("支出".to_string());
    let general = |m: &str| compact(m).contains("一般公共预算");
    let cell = table.labelled_cell(&side, |l| l.starts_with("本年支出"), general);
    one(cell.or_else(|| table.labelled_cell(&side, |l| l.contains("总计") || l.contains("总数"), general)))
}

/// The total row's cell in the table's total column: `合计`, else a top-level `…总计`/`…合计`
/// (`支出总计`, not `本年收入合计`: the other tables' totals include the carry-over), else another
/// total column (`小计`), top-level first.
fn root_total(table: &TableView) -> Option<Vec<LineItem>> {
    let measures = table.measures(&None);
    let top_level = |m: &&str| !m.contains(" / ");
    let named_total = |m: &&str| {
        let m = compact(m);
        !m.starts_with("本年") && (m.ends_with("总计") || m.ends_with("合计"))
    };
    let measure = [
        measures.iter().copied().find(|m| compact(m) == "合计"),
        measures.iter().copied().find(|m| top_level(m) && named_total(m)),
        measures.iter().copied().find(|m| top_level(m) && is_total_measure(m)),
        measures.iter().copied().find(|m| is_total_measure(m)),
    ]
    .into_iter()
    .flatten()
    .next()?;
    one(table.total_cell(&None, |m| m == measure))
}

fn basic_column_total(table: &TableView) -> Option<Vec<LineItem>> {
    one(table.total_cell(&None, |m| compact(m).ends_with("基本支出")))
}

fn cross(view: &DocumentView, rule: &Rule, a: (TableKind, Pick), b: (TableKind, Pick), findings: &mut Vec<Finding>) {
    let (kind_a, pick_a) = a;
    let (kind_b, pick_b) = b;
    let tables_a: Vec<&TableView> = view.of_kind(kind_a).collect();
    let tables_b: Vec<&TableView> = view.of_kind(kind_b).collect();
    if tables_a.is_empty() || tables_b.is_empty() {
        return;
    }
    let Some((ta, tb)) = tables_a
        .iter()
        .flat_map(|ta| tables_b.iter().map(move |tb| (*ta, *tb)))
        .find(|(ta, tb)| view.comparable(ta.table, tb.table))
    else {
        findings.push(rule.finding(
            FindingStatus::NotApplicable,
            [None; 3],
            None,
            format!("{} 与 {} 的编制范围不同，不比较", kind_a.as_str(), kind_b.as_str()),
            format!("{} and {} cover different scopes; not compared", kind_a.as_str(), kind_b.as_str()),
            Vec::new(),
        ));
        return;
    };
    let context_zh =
        format!("表{}（{}）与表{}（{}）", ta.table.index, kind_a.as_str(), tb.table.index, kind_b.as_str());
    let context_en =
        format!("table {} ({}) vs table {} ({})", ta.table.index, kind_a.as_str(), tb.table.index, kind_b.as_str());
    match (pick_a(ta), pick_b(tb)) {
        (Some(x), Some(y)) => {
            let x: Vec<Num> = x.iter().map(Num::from_item).collect();
            let y: Vec<Num> = y.iter().map(Num::from_item).collect();
            findings.push(compare(
                rule,
                &x.iter().collect::<Vec<_>>(),
                &y.iter().collect::<Vec<_>>(),
                &context_zh,
                &context_en,
            ));
        }
        _ => findings.push(rule.finding(
            FindingStatus::InsufficientData,
            [None; 3],
            None,
            format!("{context_zh}：未找到合计数"),
            format!("{context_en}: a total was not found"),
            Vec::new(),
        )),
    }
}

/// The 收入总表 and the 支出总表, when the document prints both in comparable units and scope.
fn summary_pair<'v, 'a>(view: &'v DocumentView<'a>) -> Option<(&'v TableView<'a>, &'v TableView<'a>)> {
    let income = view.of_kind(TableKind::IncomeSummary).next()?;
    let expenditure = view.of_kind(TableKind::ExpenditureSummary).next()?;
    view.comparable(income.table, expenditure.table).then_some((income, expenditure))
}

/// Budgets: 收入总表 and 支出总表 have the same 合计 for every function code.
fn per_code(view: &DocumentView, findings: &mut Vec<Finding>) {
    let Some((income, expenditure)) = summary_pair(view) else { return };
    let coded = |table: &TableView| -> Vec<LineItem> {
        let Some(total) = root_total(table).and_then(|t| t.into_iter().next()) else { return Vec::new() };
        table
            .rows
            .iter()
            .flatten()
            .filter(|c| c.code.is_some() && c.measure == total.measure)
            .map(|c| (*c).clone())
            .collect()
    };
    let expenditure_rows = coded(expenditure);
    for row in coded(income) {
        let Some(other) = expenditure_rows.iter().find(|c| c.code == row.code) else { continue };
        let context =
            format!("科目 {} {}：收入总表与支出总表", row.code.as_deref().unwrap_or_default(), row.name.trim());
        findings.push(compare(
            rules::ACROSS_INCOME_EXPENDITURE,
            &[&Num::from_item(&row)],
            &[&Num::from_item(other)],
            &context,
            &context,
        ));
    }
}

/// Class (类) amounts of a summary table side versus the class rows of a coded table.
fn classes(
    view: &DocumentView,
    summary: TableKind,
    coded: TableKind,
    measure: fn(&str) -> bool,
    findings: &mut Vec<Finding>,
) {
    let (Some(s), Some(c)) = (view.of_kind(summary).next(), view.of_kind(coded).next()) else { return };
    if !view.comparable(s.table, c.table) {
        return;
    }
    let side = Some("支出".to_string());
    let measures = s.measures(&side);
    let picked = measures.iter().copied().find(|m| measure(m) && !is_total_measure(m));
    let Some(summary_measure) = picked.or_else(|| side_amount_measure(s, &side)) else { return };
    let Some(coded_total) = root_total(c).and_then(|t| t.into_iter().next()) else { return };
    // Tables of different scope (a 财政拨款收支总表 that spends the carry-over too, an 一般公共预算
    // 支出表 of this year's grant only) list different class amounts: compared only when their
    // totals agree.
    let summary_total = s
        .labelled_cell(&side, |l| l.starts_with("本年支出"), |m| m == summary_measure)
        .or_else(|| s.labelled_cell(&side, |l| l.contains("总计") || l.contains("总数"), |m| m == summary_measure));
    if let Some(total) = summary_total.filter(|t| t.amount.is_some() && t.amount != coded_total.amount) {
        findings.push(rules::ACROSS_CLASSES.finding(
            FindingStatus::NotApplicable,
            [None; 3],
            None,
            format!(
                "表{}与表{}的合计不同（{} 对 {}），编制口径不同，不比较类级金额",
                c.table.index,
                s.table.index,
                coded_total.amount_printed.trim(),
                total.amount_printed.trim()
            ),
            format!(
                "tables {} and {} have different totals ({} vs {}): different scopes, classes not compared",
                c.table.index,
                s.table.index,
                coded_total.amount_printed.trim(),
                total.amount_printed.trim()
            ),
            Vec::new(),
        ));
        return;
    }
    for class in
        c.rows.iter().flatten().filter(|x| {
            x.level == Some(Level::Class) && x.measure == coded_total.measure && x.row_role != RowRole::Total
        })
    {
        let name = compact(class.name.trim());
        let Some(printed) = s.labelled_cell(&side, |l| l == name, |m| m == summary_measure) else { continue };
        let context = format!(
            "类 {} {}：表{}与表{}",
            class.code.as_deref().unwrap_or_default(),
            name,
            c.table.index,
            s.table.index
        );
        findings.push(compare(
            rules::ACROSS_CLASSES,
            &[&Num::from_item(class)],
            &[&Num::from_item(printed)],
            &context,
            &context,
        ));
    }
}

/// The 结转下年 the 收支总表 prints on its spending side, when not zero.
fn carried_out<'a>(view: &DocumentView<'a>) -> Option<&'a LineItem> {
    let summary = view.of_kind(TableKind::IncomeExpenditureSummary).next()?;
    let side = Some("支出".to_string());
    let measure = side_amount_measure(summary, &side)?;
    summary
        .labelled_cell(&side, |l| l.starts_with("结转下年") || l.starts_with("年末结转"), |m| m == measure)
        .filter(|c| c.amount.is_some_and(|a| !a.is_zero()))
}

/// Budgets that carry income over: the 收入总表's total is the 支出总表's plus the 结转下年 (per
/// code the carry-over is not printed, so codes are not compared).
fn income_eq_expenditure_plus_carried(view: &DocumentView, carried: &LineItem, findings: &mut Vec<Finding>) {
    let Some((income, expenditure)) = summary_pair(view) else { return };
    let (Some(x), Some(y)) = (
        root_total(income).and_then(|t| t.into_iter().next()),
        root_total(expenditure).and_then(|t| t.into_iter().next()),
    ) else {
        return;
    };
    let context_zh =
        format!("表{}（收入总表）与表{}（支出总表）加结转下年", income.table.index, expenditure.table.index);
    let context_en = format!(
        "table {} (income) vs table {} (expenditure) plus the carry-over",
        income.table.index, expenditure.table.index
    );
    findings.push(compare(
        rules::ACROSS_INCOME_EXPENDITURE,
        &[&Num::from_item(&x)],
        &[&Num::from_item(&y), &Num::from_item(carried)],
        &context_zh,
        &context_en,
    ));
}

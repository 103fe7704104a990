//! 表文一致: narrative amounts versus the table amounts of the same concept (by fact key) or of the
//! same classification code, read in the table of the figure's scope ([`super::fact_scope`]):
//! all funds in the 收支总表 / 支出总表, 财政拨款 in the 财政拨款收支总表, 一般公共预算 in the
//! 一般公共预算支出表, a 项目支出 part in the 项目支出 column, in the column of the figure's phase
//! (this year's 预算数, or 决算数 in a 决算). Where no table of the scope is printed, nothing is
//! compared.

use super::fact_scope::{fact_scopes, FactScope, Part};
use super::finding::{Finding, FindingStatus};
use super::rules;
use super::tables::{is_total_measure, DocumentView, TableView};
use super::tolerance::{compare, Num};
use crate::model::{CodeScheme, Fact, FactKey, Funds, LineItem, Phase, TableKind};
use crate::recognize::key_figures::{fact_funds, fact_phase, measure_phase};
use crate::text::compact;

/// The table cells a fact may be stated as: alternatives, each a list of cells that add up (a
/// grant with or without its carry-over); the first is the one reported when none agrees.
type Alternatives<'a> = Vec<Vec<&'a LineItem>>;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let (year, kind) = (view.doc.meta.year, view.doc.meta.kind);
    let funds = fact_funds(&view.doc.facts);
    let scopes = fact_scopes(&view.doc.facts);
    for (index, fact) in view.doc.facts.iter().enumerate() {
        if fact.amount_yuan.is_none() || fact.period != "this_year" || fact.year.is_some_and(|y| Some(y) != year) {
            continue;
        }
        let Some(phase) = fact_phase(fact, kind, year) else { continue };
        let lookup = Lookup { view, phase };
        let alternatives = lookup.concept_cells(fact, funds[index], scopes[index]);
        if let Some(first) = alternatives.first().and_then(|a| a.first()) {
            let context = format!("「{}」与表{} {}", fact.label, first.table_index, first.name.trim());
            findings.push(best(rules::TEXT_FACT_TABLE, index, fact, &alternatives, &context));
        }
        if let Some(cell) = lookup.coded_cell(fact, scopes[index]) {
            let context =
                format!("「{}」与表{} 科目 {}", fact.label, cell.table_index, cell.code.as_deref().unwrap_or_default());
            findings.push(best(rules::TEXT_CODED_FACT, index, fact, &vec![vec![cell]], &context));
        }
    }
}

/// The comparison with the first alternative that agrees, else with the first.
fn best(rule: &super::rules::Rule, index: usize, fact: &Fact, alternatives: &Alternatives, context: &str) -> Finding {
    let stated = Num::from_fact(index, fact);
    let mut first = None;
    for cells in alternatives {
        let parts: Vec<Num> = cells.iter().map(|c| Num::from_item(c)).collect();
        let finding = compare(rule, &[&stated], &parts.iter().collect::<Vec<_>>(), context, context);
        if finding.status == FindingStatus::Pass {
            return finding;
        }
        first.get_or_insert(finding);
    }
    first.expect("at least one alternative")
}

/// Change columns (`增减变化情况`, `比上年增减`) state no figure.
fn is_change(measure: &str) -> bool {
    let text = compact(measure);
    ["增减", "变化", "比上年", "增长"].iter().any(|w| text.contains(w))
}

/// The first segment of a measure path: `基本支出 / 小计` → `基本支出`.
fn first_segment(measure: &str) -> String {
    compact(measure.split(" / ").next().unwrap_or(measure))
}

struct Lookup<'v, 'a> {
    view: &'v DocumentView<'a>,
    phase: Phase,
}

impl<'v, 'a> Lookup<'v, 'a> {
    fn table(&self, kind: TableKind) -> Option<&'v TableView<'a>> {
        self.view.of_kind(kind).next()
    }

    /// The measures of a side in the fact's phase (no change columns), in column order.
    fn measures(&self, table: &TableView<'a>, side: &Option<String>) -> Vec<&'a str> {
        let (kind, year) = (self.view.doc.meta.kind, self.view.doc.meta.year);
        table
            .measures(side)
            .into_iter()
            .filter(|m| !is_change(m) && measure_phase(m, kind, year) == self.phase)
            .collect()
    }

    /// The amount column of a side in the fact's phase: a total column, else the first.
    fn amount_measure(&self, table: &TableView<'a>, side: &Option<String>) -> Option<&'a str> {
        let measures = self.measures(table, side);
        measures.iter().copied().find(|m| is_total_measure(m)).or_else(|| measures.first().copied())
    }

    /// The total row's cell in the first column of the fact's phase that `pick` accepts.
    fn total(&self, table: &TableView<'a>, pick: impl Fn(&str) -> bool) -> Option<&'a LineItem> {
        let measures = self.measures(table, &None);
        table.total_cell(&None, |m| measures.contains(&m) && pick(&compact(m)))
    }

    /// Every cell of a side, in the side's amount column, whose label `label` accepts.
    fn labelled(&self, table: &TableView<'a>, side: &str, label: impl Fn(&str) -> bool) -> Vec<&'a LineItem> {
        // A side named `收入`, else one that ends with it (`本年收入`).
        let sides = table.sides();
        let named = |exact: bool| {
            sides.iter().find(|s| s.as_deref().is_some_and(|s| if exact { s == side } else { s.ends_with(side) }))
        };
        let Some(side) = named(true).or_else(|| named(false)).cloned() else { return Vec::new() };
        let Some(measure) = self.amount_measure(table, &side) else { return Vec::new() };
        table
            .rows
            .iter()
            .filter_map(|row| TableView::cell(row, &side, measure))
            .filter(|c| label(super::numbering::strip_numbering(&compact(&c.name))))
            .collect()
    }

    /// The column of a part of the spending (`基本支出`, `基本支出 / 小计`), not of a part of the part.
    fn part_measure(&self, table: &TableView<'a>, word: &str) -> Option<&'a str> {
        self.measures(table, &None)
            .into_iter()
            .find(|m| first_segment(m).ends_with(word) && (!m.contains(" / ") || is_total_measure(m)))
    }

    /// The table cells that state the same concept as a keyed fact, in the tables of its scope.
    /// `funds`: the fund the fact speaks of, named by its label or by the statement it is part of.
    fn concept_cells(&self, fact: &Fact, funds: Option<Funds>, scope: FactScope) -> Alternatives<'a> {
        let label = compact(&fact.label);
        if label.contains("政府性基金") || label.contains("国有资本") || label.contains("上年") {
            return Vec::new();
        }
        if matches!(funds, Some(Funds::GovFund | Funds::StateCapital)) {
            return Vec::new();
        }
        let one = |cell: Option<&'a LineItem>| cell.map(|c| vec![vec![c]]).unwrap_or_default();
        let summary = self.table(TableKind::IncomeExpenditureSummary);
        let expenditure = self.table(TableKind::ExpenditureSummary);
        let general = self.table(TableKind::GeneralBudgetExpenditure);
        let basic = self.table(TableKind::GeneralBudgetBasicExpenditure);
        let grand = |l: &str| l.contains("总计") || l.contains("总数");
        match fact.key {
            FactKey::IncomeTotal => {
                one(summary.and_then(|t| self.labelled(t, "收入", grand).into_iter().next()).or_else(|| {
                    self.table(TableKind::IncomeSummary).and_then(|t| self.total(t, |m| m == "合计" || grand(m)))
                }))
            }
            FactKey::ExpenditureTotal => one(summary
                .and_then(|t| self.labelled(t, "支出", grand).into_iter().next())
                .or_else(|| expenditure.and_then(|t| self.total(t, |m| m == "合计")))),
            FactKey::BasicExpenditure | FactKey::ProjectExpenditure => {
                let word = if fact.key == FactKey::BasicExpenditure { "基本支出" } else { "项目支出" };
                let in_general = general
                    .and_then(|t| self.total(t, |m| Some(m) == self.part_measure(t, word).map(compact).as_deref()));
                let in_expenditure = expenditure.and_then(|t| self.total(t, |m| m.ends_with(word)));
                let in_basic_table =
                    || basic.filter(|_| word == "基本支出").and_then(|t| self.total(t, is_total_measure));
                one(match funds {
                    Some(Funds::GeneralBudget | Funds::FiscalGrants) => in_general.or_else(in_basic_table),
                    Some(_) => in_expenditure,
                    None => in_expenditure.or(in_general),
                })
            }
            // 人员经费 / 公用经费 are parts of 基本支出: a `…人员经费` item of a 项目支出 list is a project.
            FactKey::PersonnelExpenditure | FactKey::PublicExpenditure
                if matches!(scope.part, Part::Project | Part::Own) =>
            {
                Vec::new()
            }
            FactKey::PersonnelExpenditure => one(basic.and_then(|t| self.total(t, |m| m.ends_with("人员经费")))),
            FactKey::PublicExpenditure => one(basic.and_then(|t| self.total(t, |m| m.ends_with("公用经费")))),
            FactKey::GeneralBudgetGrant if label.starts_with("一般公共预算") => self.general_budget_grant(scope),
            FactKey::ThreePublicTotal => one(self.three_public_total()),
            _ => Vec::new(),
        }
    }

    /// 一般公共预算拨款: in a statement of all funds, the 收支总表's income row; else the 财政拨款
    /// 收支总表's, this year's grant alone or with the fund's carry-over (a narrative may count
    /// the carry-over in: `结转金额已纳入相应性质的资金收入中`).
    fn general_budget_grant(&self, scope: FactScope) -> Alternatives<'a> {
        let rows = |kind| {
            self.table(kind).map(|t| self.labelled(t, "收入", |l| l.starts_with("一般公共预算"))).unwrap_or_default()
        };
        let (summary, fiscal) = (rows(TableKind::IncomeExpenditureSummary), rows(TableKind::FiscalGrantSummary));
        let from_fiscal = || -> Alternatives<'a> {
            match fiscal[..] {
                [] => Vec::new(),
                [this_year] => vec![vec![this_year]],
                [this_year, carried, ..] => vec![vec![this_year], vec![this_year, carried]],
            }
        };
        let from_summary = || -> Alternatives<'a> { summary.first().map(|c| vec![vec![*c]]).unwrap_or_default() };
        let (first, second) = if scope.funds == Some(Funds::All) {
            (from_summary(), from_fiscal())
        } else {
            (from_fiscal(), from_summary())
        };
        if first.is_empty() {
            second
        } else {
            first
        }
    }

    /// The “三公”经费 total of this year's (or the 决算's) columns: the column named for the
    /// “三公” total, else the first total column; on its labelled row, the total row or the only row.
    fn three_public_total(&self) -> Option<&'a LineItem> {
        let table = self.table(TableKind::ThreePublicExpenditure)?;
        let measures = self.measures(table, &None);
        let named_total = |m: &&str| {
            let text = compact(m);
            text.contains("三公") && (is_total_measure(m) || text.ends_with("合计") || text.ends_with("总计"))
        };
        let measure = measures
            .iter()
            .copied()
            .find(named_total)
            .or_else(|| measures.iter().copied().find(|m| !m.contains(" / ") && is_total_measure(m)))
            .or_else(|| measures.iter().copied().find(|m| is_total_measure(m)))?;
        // A table of 行政经费 and “三公”经费 prints the “三公” total on its own labelled row.
        table
            .labelled_cell(
                &None,
                |l| l.starts_with("“三公”") || l.starts_with("\"三公\"") || l.starts_with("三公"),
                |m| m == measure,
            )
            .or_else(|| table.total_cell(&None, |m| m == measure))
            .or_else(|| table.rows.first().and_then(|r| TableView::cell(r, &None, measure)))
    }

    /// The table row with the fact's classification code, in the table and column of its scope:
    /// function codes in the 支出总表 (all funds), the 一般公共预算支出表, the 财政拨款收支总表's
    /// spending side (by code or name), the 基本支出 / 项目支出 column of a part; economic codes in
    /// the 基本支出表, for figures of 基本支出 only (a “三公” or 委托业务费 figure counts project
    /// spending too).
    fn coded_cell(&self, fact: &Fact, scope: FactScope) -> Option<&'a LineItem> {
        let code = fact.code.as_deref()?;
        let by_code = |table: &TableView<'a>, measure: &str| {
            table
                .rows
                .iter()
                .filter_map(|r| TableView::cell(r, &None, measure))
                .find(|c| c.code.as_deref() == Some(code))
        };
        let total_column = |kind| {
            let table = self.table(kind)?;
            let measure = self.measures(table, &None).into_iter().find(|m| is_total_measure(m))?;
            by_code(table, measure)
        };
        match fact.code_scheme? {
            CodeScheme::DeptEconomic | CodeScheme::GovEconomic => {
                (scope.part == Part::Basic).then(|| total_column(TableKind::GeneralBudgetBasicExpenditure)).flatten()
            }
            CodeScheme::Function => match (scope.part, scope.funds) {
                (Part::Own, _) => None,
                (Part::Basic | Part::Project, funds) => {
                    let word = if scope.part == Part::Basic { "基本支出" } else { "项目支出" };
                    let kinds: &[TableKind] = match funds {
                        Some(Funds::GeneralBudget | Funds::FiscalGrants) => &[TableKind::GeneralBudgetExpenditure],
                        Some(Funds::All) => &[TableKind::ExpenditureSummary],
                        Some(_) => &[],
                        None => &[TableKind::GeneralBudgetExpenditure, TableKind::ExpenditureSummary],
                    };
                    kinds.iter().find_map(|&kind| {
                        let table = self.table(kind)?;
                        by_code(table, self.part_measure(table, word)?)
                    })
                }
                (Part::Whole, Some(Funds::All)) => total_column(TableKind::ExpenditureSummary),
                (Part::Whole, Some(Funds::GeneralBudget)) => total_column(TableKind::GeneralBudgetExpenditure),
                (Part::Whole, Some(Funds::GovFund)) => total_column(TableKind::GovFundExpenditure),
                (Part::Whole, Some(Funds::StateCapital)) => total_column(TableKind::StateCapitalExpenditure),
                (Part::Whole, Some(Funds::FiscalGrants)) => self.fiscal_class(fact, code),
                (Part::Whole, None) => total_column(TableKind::GeneralBudgetExpenditure)
                    .or_else(|| total_column(TableKind::ExpenditureSummary)),
            },
        }
    }

    /// A class of the 财政拨款收支总表's spending side, by code or by name (`（二）教育支出`).
    fn fiscal_class(&self, fact: &Fact, code: &str) -> Option<&'a LineItem> {
        let table = self.table(TableKind::FiscalGrantSummary)?;
        let name = compact(&fact.label).replace("（类）", "").replace("(类)", "");
        let side = Some("支出".to_string());
        let measure = self.amount_measure(table, &side)?;
        table
            .rows
            .iter()
            .filter_map(|row| TableView::cell(row, &side, measure))
            .find(|c| c.code.as_deref() == Some(code) || super::numbering::strip_numbering(&compact(&c.name)) == name)
    }
}

#[cfg(test)]
mod tests {
    use crate::FindingStatus;

    fn statuses(text: &str) -> Vec<FindingStatus> {
        let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
        doc.findings.iter().filter(|f| f.rule == "text.fact_eq_table").map(|f| f.status).collect()
    }

    /// A 收入总表 whose total column is headed 总计 (no 收支总表 to read the total from).
    fn document(stated: &str) -> String {
        format!(
            "某市水利局2026年部门预算\n\n2026年收入预算{stated}万元，其中一般公共预算拨款收入10.00万元。\n\n部门收入总表\n\t单位：万元\n\n\t项目\n\t总计\n\t一般公共预算\n\n\t合计\n\t10.00\n\t10.00\n\n"
        )
    }

    #[test]
    fn income_stated_otherwise_than_the_income_tables_grand_total_fails() {
        assert!(statuses(&document("11.30")).contains(&FindingStatus::Fail), "{:?}", statuses(&document("11.30")));
        assert!(!statuses(&document("10.00")).contains(&FindingStatus::Fail), "{:?}", statuses(&document("10.00")));
        assert!(statuses(&document("10.00")).contains(&FindingStatus::Pass), "{:?}", statuses(&document("10.00")));
    }

    /// A 收支总表 whose sides are headed `本年收入` / `本年支出`.
    fn summary_with_sides(stated: &str) -> String {
        format!(
            "某市水利局2026年部门预算\n\n2026年收入预算{stated}万元。\n\n部门收支总表\n\t单位：万元\n\n\t本年收入\n\t\n\t本年支出\n\t\n\n\t项目\n\t预算数\n\t项目\n\t预算数\n\n\t一般公共预算拨款收入\n\t10.00\n\t一般公共服务支出\n\t10.00\n\n\t收入总计\n\t10.00\n\t支出总计\n\t10.00\n\n"
        )
    }

    #[test]
    fn a_total_is_read_on_a_side_headed_this_years_income() {
        assert_eq!(statuses(&summary_with_sides("11.30")), [FindingStatus::Fail]);
        assert_eq!(statuses(&summary_with_sides("0")), [FindingStatus::Fail]);
        assert_eq!(statuses(&summary_with_sides("10.00")), [FindingStatus::Pass]);
    }
}

//! Validation: rules as data, evaluated in one place, each yielding [`Finding`]s that point at
//! every number they used.
//!
//! Rule families (see `docs/GLOSSARY.md`): 表内平衡 `within_table`, 表间一致 `across_tables`, 表文一致
//! `text_vs_table` (with the narrative's own sums), `catalog` (code/name pairs against the
//! classification of the budget year) and `plausibility` (units, regions). A rule that applies but
//! lacks inputs says [`FindingStatus::InsufficientData`]; a rule whose tables or facts are absent says
//! [`FindingStatus::NotApplicable`] once. Nothing here panics on any document.
//!
//! ```
//! let text = "单位预算支出总表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\t基本支出\n\t项目支出\n\n\t\n\t合计\n\t10.00\n\t4.00\n\t6.00\n";
//! let doc = budget_core::parse_bytes("demo.txt", text.as_bytes()).unwrap();
//! let findings = doc.validate();
//! let finding = findings.iter().find(|f| f.rule == "columns.total_eq_basic_plus_project").unwrap();
//! assert_eq!(finding.status, budget_core::FindingStatus::Pass);
//! ```

mod across_tables;
mod catalog_rules;
mod fact_scope;
mod facts;
mod facts_parts;
pub use crate::model::finding;
mod key_figures;
mod plausibility;
mod rows;
mod rules;
mod summary;
mod tables;
mod text_vs_table;
pub(crate) mod tolerance;
mod within_table;
// A reviewer's checks (completeness, years, names, comparison words, punctuation).
mod blank_tables;
mod change_parts;
mod comparisons;
mod completeness;
mod listed_numbers;
mod name_slots;
mod names;
mod numbering;
mod parallel_tables;
mod printed;
mod printed_titles;
mod reasons;
mod standard_set;
mod three_public_basic;
mod titled_blank;
mod typography;
mod unlisted_tables;
mod years;
// The narrative's stated totals (收支平衡).
mod text_balance;

use rust_decimal::Decimal;

pub use finding::{Finding, FindingStatus, NumberRef};
pub use rules::{Rule, RuleFamily, TolerancePolicy, RULES};
pub(crate) use standard_set::entry_of_table as standard_set_entry;
pub use summary::summary;

use crate::model::Document;

impl Document {
    /// Evaluate every rule of [`RULES`] on the document.
    pub fn validate(&self) -> Vec<Finding> {
        validate(self)
    }

    /// A text summary of the document's findings: counts by status and the failed findings with
    /// their numbers side by side.
    pub fn summary(&self) -> String {
        summary(&self.findings)
    }
}

/// Evaluate every rule on `doc`, in rule order; rules with nothing to evaluate say `NotApplicable`.
pub fn validate(doc: &Document) -> Vec<Finding> {
    let view = tables::DocumentView::new(doc);
    let mut findings = Vec::new();
    within_table::evaluate(&view, &mut findings);
    across_tables::evaluate(&view, &mut findings);
    key_figures::evaluate(&view, &mut findings);
    text_vs_table::evaluate(&view, &mut findings);
    facts::evaluate(&view, &mut findings);
    facts_parts::evaluate(&view, &mut findings);
    catalog_rules::evaluate(&view, &mut findings);
    plausibility::evaluate(&view, &mut findings);
    completeness::evaluate(&view, &mut findings);
    titled_blank::evaluate(&view, &mut findings);
    blank_tables::evaluate(&view, &mut findings);
    years::evaluate(&view, &mut findings);
    names::evaluate(&view, &mut findings);
    comparisons::evaluate(&view, &mut findings);
    typography::evaluate(&view, &mut findings);
    reasons::evaluate(&view, &mut findings);
    change_parts::evaluate(&view, &mut findings);
    unlisted_tables::evaluate(&view, &mut findings);
    parallel_tables::evaluate(&view, &mut findings);
    text_balance::evaluate(&view, &mut findings);
    three_public_basic::evaluate(&view, &mut findings);
    // Each finding with its rule's position in RULES, looked up once (not at every comparison).
    let position = |f: &Finding| RULES.iter().position(|r| r.id == f.rule).unwrap_or(usize::MAX);
    let mut ordered: Vec<(usize, Finding)> = findings.into_iter().map(|f| (position(&f), f)).collect();
    let mut evaluated = vec![false; RULES.len()];
    for &(at, _) in &ordered {
        if let Some(seen) = evaluated.get_mut(at) {
            *seen = true;
        }
    }
    for (at, rule) in RULES.iter().enumerate().filter(|&(at, _)| !evaluated[at]) {
        let finding = rule.finding(
            FindingStatus::NotApplicable,
            [None; 3],
            None,
            "本文件无适用的表格或数字".to_string(),
            "nothing in the document this rule applies to".to_string(),
            Vec::new(),
        );
        ordered.push((at, finding));
    }
    ordered.sort_by_key(|&(at, _)| at); // stable: a rule's findings stay in evaluation order
    ordered.into_iter().map(|(_, f)| f).collect()
}

impl Rule {
    /// A finding of this rule.
    pub(crate) fn finding(
        &self,
        status: FindingStatus,
        [expected, actual, difference]: [Option<Decimal>; 3],
        tolerance: Option<Decimal>,
        message_zh: String,
        message_en: String,
        numbers: Vec<NumberRef>,
    ) -> Finding {
        Finding {
            rule: self.id.to_string(),
            family: self.family.as_str().to_string(),
            status,
            expected,
            actual,
            difference,
            tolerance,
            message_zh,
            message_en,
            numbers,
        }
    }
}

/// The messages (中文) of the findings of `rule` with `status` when `text` is parsed: what the
/// rule tests of the reviewer's checks assert on.
/// A budget text with the given 目录 and five standard tables of 10.00 each, all but the one at
/// `skip` (the completeness rules' tests).
#[cfg(test)]
pub(crate) fn contents_and_tables(contents: &str, skip: Option<usize>) -> String {
    const TABLES: [(&str, &str); 5] = [
        ("部门收支总表", "\t项目\n\t金额\n\n\t收入总计\n\t10.00\n"),
        ("部门收入总表", "\t项目\n\t合计\n\n\t合计\n\t10.00\n"),
        ("部门支出总表", "\t项目\n\t合计\n\n\t合计\n\t10.00\n"),
        ("财政拨款收支总表", "\t项目\n\t金额\n\n\t收入总计\n\t10.00\n"),
        ("一般公共预算支出表", "\t项目\n\t合计\n\n\t合计\n\t10.00\n"),
    ];
    let mut text = format!("某市水利局2026年部门预算\n\n目录\n\n{contents}\n\n");
    for (at, (title, body)) in TABLES.iter().enumerate() {
        if Some(at) != skip {
            text.push_str(&format!("{title}\n\t单位：万元\n\n{body}\n"));
        }
    }
    text
}

/// The opening of a small 2026 department budget for the rules' tests: a title and the totals
/// that make its year and agency certain.
#[cfg(test)]
pub(crate) const TEST_BUDGET_HEAD: &str =
    "某市水利局2026年部门预算\n\n收入预算总额100.00万元。\n\n支出预算总额100.00万元。\n\n基本支出80.00万元。\n\n";

#[cfg(test)]
pub(crate) fn messages_of(text: &str, rule: &str, status: FindingStatus) -> Vec<String> {
    let doc = crate::parse_bytes("t.txt", text.as_bytes()).expect("parses");
    doc.findings.iter().filter(|f| f.rule == rule && f.status == status).map(|f| f.message_zh.clone()).collect()
}

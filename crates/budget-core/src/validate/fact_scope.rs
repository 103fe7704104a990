//! The scope a narrative figure speaks of (口径): whose money (all funds, 财政拨款, 一般公共预算, …)
//! and which part of the spending (all, 基本支出, 项目支出, “三公”经费, 机关运行经费), read from the
//! statement the figure belongs to. A figure is compared only with a table of the same scope.
//!
//! A statement opens with a total (`支出预算186549.30万元` = all funds, `财政拨款收支总预算…` =
//! 财政拨款, `一般公共预算当年拨款…` = 一般公共预算) and runs until the next one; a 基本支出 /
//! 项目支出 figure followed by `其中` opens a part (`项目支出40233.95万元…其中：…公共安全支出
//! 40230.95万元` speaks of project spending only).

use crate::model::{Fact, FactKey, Funds};
use crate::recognize::key_figures::fact_funds;
use crate::text::compact;

/// The part of the spending a figure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The whole statement (a total and its classes).
    Whole,
    /// 基本支出 (and 人员经费 / 公用经费).
    Basic,
    /// 项目支出.
    Project,
    /// “三公”经费, 机关运行经费, 政府采购: figures of their own tables.
    Own,
}

/// The scope of one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FactScope {
    /// Whose money: `Some(Funds::All)` for a statement of all funds, `None` when no statement
    /// before the fact says.
    pub funds: Option<Funds>,
    /// The part of the spending.
    pub part: Part,
}

/// Whether a figure is split into the figures after it: its sentence goes on with `其中` after the
/// fact's own label, or the next figure of the same sentence is no sibling total (`项目支出474.56万元，
/// 信访接待中心运行费116万元，…`).
fn split_after(facts: &[Fact], index: usize) -> bool {
    let fact = &facts[index];
    let itemised = facts.get(index + 1).is_some_and(|next| {
        next.sentence == fact.sentence && !(next.key.opens_statement() || next.key.is_income_source())
    });
    let sentence = compact(&fact.sentence);
    let label = compact(&fact.label);
    let start = sentence.find(&label).map_or(0, |at| at + label.len());
    itemised || sentence.get(start..).is_some_and(|rest| rest.contains("其中"))
}

/// An unkeyed total that opens a statement of all funds (`（二）支出预算：2026年年初预算数186549.30万元`
/// read as `支出（年初）`: the subject comes from the clause before the phase word, not from a line
/// break, so the join of cut lines does not key it).
fn unkeyed_total(fact: &Fact) -> bool {
    let label = compact(&fact.label);
    fact.key == FactKey::Other
        && fact.code.is_none()
        && ["支出（", "收入（", "支出(", "收入("].iter().any(|w| label.starts_with(w))
}

/// The scope the sentence names before the fact's label (`支出预算：…其中：教育支出…` = all funds,
/// `财政拨款支出预算…其中教育支出…` = 财政拨款), when it names one.
fn sentence_funds(fact: &Fact) -> Option<Funds> {
    let sentence = compact(&fact.sentence);
    let before = sentence[..sentence.find(&compact(&fact.label)).unwrap_or(0)]
        .replace("项目支出预算", "")
        .replace("基本支出预算", "");
    let before = before.as_str();
    crate::recognize::key_figures::funds_named_in(before).or_else(|| {
        ["支出预算", "收入预算", "收支预算", "收支总预算", "预算总额"]
            .iter()
            .any(|w| before.contains(w))
            .then_some(Funds::All)
    })
}

/// The scope of every fact, in order.
pub(crate) fn fact_scopes(facts: &[Fact]) -> Vec<FactScope> {
    use FactKey::*;
    let named = fact_funds(facts);
    let mut current = FactScope { funds: None, part: Part::Whole };
    let mut out = Vec::with_capacity(facts.len());
    for (index, fact) in facts.iter().enumerate() {
        let label_funds = crate::recognize::key_figures::funds_named_in(&compact(&fact.label));
        let key = Some(fact.key);
        let scope = match key {
            Some(IncomeTotal | ExpenditureTotal | IncomeThisYear | ExpenditureThisYear) => {
                current = FactScope { funds: Some(label_funds.unwrap_or(Funds::All)), part: Part::Whole };
                current
            }
            Some(FiscalGrantTotal) => {
                current = FactScope { funds: Some(Funds::FiscalGrants), part: Part::Whole };
                current
            }
            // `一般公共预算当年拨款…` opens a statement of the fund, unless it is one source of a
            // statement of all funds (`收入预算…其中：一般公共预算拨款收入…`).
            Some(GeneralBudgetGrant | GovFundGrant | StateCapitalGrant) => {
                // A grant listed as one source of a statement of all funds is read in the
                // statement's tables; a grant stated on its own (`2026年一般公共预算当年拨款…`) is
                // read in the grant tables and opens a statement of its fund.
                let cue = sentence_funds(fact);
                let headline = cue != Some(Funds::All) && (fact.year.is_some() || current.funds.is_none());
                let source_of_all = cue == Some(Funds::All) || (!headline && current.funds == Some(Funds::All));
                let funds = if source_of_all { Funds::All } else { Funds::FiscalGrants };
                if headline {
                    current = FactScope { funds: label_funds.or(Some(Funds::FiscalGrants)), part: Part::Whole };
                }
                FactScope { funds: Some(funds), part: Part::Whole }
            }
            Some(BasicExpenditure | ProjectExpenditure) => {
                let part = if key == Some(BasicExpenditure) { Part::Basic } else { Part::Project };
                let funds = named[index].or(current.funds);
                if split_after(facts, index) {
                    current = FactScope { funds, part };
                }
                FactScope { funds, part: Part::Whole }
            }
            Some(PersonnelExpenditure | PublicExpenditure) => {
                FactScope { funds: named[index].or(current.funds), part: current.part }
            }
            Some(ThreePublicTotal | OperatingCosts | ProcurementTotal) => {
                current = FactScope { funds: label_funds.or(current.funds), part: Part::Own };
                current
            }
            _ if unkeyed_total(fact) => {
                current = FactScope { funds: Some(Funds::All), part: Part::Whole };
                current
            }
            // A class listed in a sentence that names its statement (`支出预算…其中：教育支出…`).
            _ if fact.code.is_some() => match sentence_funds(fact) {
                Some(funds) if current.part != Part::Own => FactScope { funds: Some(funds), part: current.part },
                _ => current,
            },
            _ => current,
        };
        out.push(scope);
    }
    out
}

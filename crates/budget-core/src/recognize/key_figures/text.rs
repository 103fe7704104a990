//! The narrative side of key figures: each keyed money fact joins the table figure of the same key
//! and phase (of the fund its label names, else the one it agrees with), or stands alone.

use crate::model::{
    Document, DocumentKind, Fact, FactKey, FigureSource, FigureStatement, Funds, KeyFigure, LineItem, Phase,
};
use crate::rounding::{within_rounding, Num};
use crate::text::compact;

use super::concepts::funds_named;

/// The phase a fact states: 上年 for the year before, else the document's phase (a 决算 narrative
/// that says 预算 states the budget).
pub(crate) fn fact_phase(fact: &Fact, kind: Option<DocumentKind>, year: Option<i32>) -> Option<Phase> {
    if fact.period == "last_year" || matches!((fact.year, year), (Some(f), Some(y)) if f < y) {
        return Some(Phase::PreviousYear);
    }
    if matches!((fact.year, year), (Some(f), Some(y)) if f > y) {
        return None;
    }
    let label = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
        .iter()
        .fold(compact(&fact.label), |l, n| l.replace(n, ""));
    Some(match kind {
        Some(DocumentKind::FinalAccount) if label.contains("预算") => Phase::Budget,
        Some(DocumentKind::FinalAccount) => Phase::Actual,
        _ => Phase::Budget,
    })
}

/// Whether a table cell and a fact state the same amount within printed rounding.
fn agrees(item: &LineItem, index: usize, fact: &Fact) -> bool {
    within_rounding(&Num::from_item(item), &Num::from_fact(index, fact))
}

fn statement(index: usize, fact: &Fact, amount: rust_decimal::Decimal) -> FigureStatement {
    FigureStatement {
        fact: index,
        label: fact.label.clone(),
        amount,
        amount_printed: format!("{}{}", fact.value, fact.unit.as_deref().unwrap_or("")),
        sentence: fact.sentence.clone(),
        provenance: fact.provenance.clone(),
    }
}

/// Join every keyed money fact of `doc` to `figures` (table figures), adding text-only figures.
pub(super) fn merge_facts(doc: &Document, figures: &mut Vec<KeyFigure>) {
    let (kind, year) = (doc.meta.kind, doc.meta.year);
    let funds_of = fact_funds(&doc.facts);
    for (index, fact) in doc.facts.iter().enumerate() {
        let Some(amount) = fact.amount_yuan else { continue };
        if !fact.key.is_key_figure() {
            continue;
        }
        let Some(phase) = fact_phase(fact, kind, year) else { continue };
        let named = funds_of[index];
        let agree_with = |figure: &KeyFigure| {
            let cell = figure.table.as_ref().and_then(|c| doc.line_items.get(c.line_item));
            cell.is_some_and(|item| agrees(item, index, fact))
        };
        let candidates: Vec<usize> = (0..figures.len())
            .filter(|&i| {
                let f = &figures[i];
                f.key == fact.key && f.phase == phase && f.table.is_some() && named.is_none_or(|n| n == f.funds)
            })
            .collect();
        let open = |i: &usize| figures[*i].agree != Some(true);
        let target = candidates.iter().copied().filter(open).find(|&i| agree_with(&figures[i])).or_else(|| {
            let free: Vec<usize> = candidates.iter().copied().filter(|&i| figures[i].text.is_none()).collect();
            free.iter().copied().find(|&i| figures[i].funds == named.unwrap_or(Funds::All)).or(match free[..] {
                [only] => Some(only),
                _ => None,
            })
        });
        match target {
            Some(i) => {
                let agree = agree_with(&figures[i]);
                let figure = &mut figures[i];
                figure.text = Some(statement(index, fact, amount));
                figure.source = FigureSource::Both;
                figure.agree = Some(agree);
            }
            None => {
                let funds = named.unwrap_or(Funds::All);
                // One row per (key, funds, phase): a later sentence that states the figure again
                // (a part's scope, a subset, another amount) stays a fact; the first one is the figure.
                let same = |f: &KeyFigure| f.key == fact.key && f.funds == funds && f.phase == phase;
                if figures.iter().any(same) {
                    continue;
                }
                figures.push(KeyFigure {
                    key: fact.key,
                    label: fact.label.clone(),
                    funds,
                    phase,
                    amount,
                    amount_printed: format!("{}{}", fact.value, fact.unit.as_deref().unwrap_or("")),
                    source: FigureSource::Text,
                    table: None,
                    text: Some(statement(index, fact, amount)),
                    agree: None,
                });
            }
        }
    }
}

/// The fund each fact speaks of: the one its label names (not for income keys, whose label names
/// the fund as the figure itself: `一般公共预算拨款收入`), else, for 基本支出 / 项目支出 and the parts
/// of 基本支出 (人员经费, 公用经费), the fund of the spending stated before them
/// (`一般公共预算财政拨款支出128148.56万元…其中：基本支出33325.21万元`,
/// `政府性基金预算财政拨款基本支出0.00万元` … `人员经费0.00万元`) until another statement opens.
pub fn fact_funds(facts: &[Fact]) -> Vec<Option<Funds>> {
    use FactKey::{
        BasicExpenditure, ExpenditureThisYear, ExpenditureTotal, PersonnelExpenditure, ProjectExpenditure,
        PublicExpenditure,
    };
    let mut context: Option<Funds> = None;
    facts
        .iter()
        .map(|fact| {
            let named = funds_named(&compact(&fact.label)).filter(|_| !fact.key.is_income());
            match fact.key {
                ExpenditureTotal | ExpenditureThisYear => {
                    context = named;
                    named
                }
                BasicExpenditure | ProjectExpenditure => {
                    if named.is_some() {
                        context = named;
                    }
                    named.or(context)
                }
                PersonnelExpenditure | PublicExpenditure => named.or(context),
                key if key.opens_statement() => {
                    context = None;
                    named
                }
                _ => named,
            }
        })
        .collect()
}

//! Plausibility: an amount labelled 元 where the document speaks in 万元 (seed 003: 2020年部门支出
//! 预算为1752.16元 next to 基本支出1262.16万元), and regions named in table titles and captions that
//! are not the document's region (seed 002: a 天津市蓟江区 caption in a 重庆市綦江区 budget).

use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules;
use super::tables::DocumentView;
use crate::catalog::admin::resolve_region;
use crate::model::Fact;
use crate::money::MoneyUnit;
use crate::provenance::Provenance;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    units(view, findings);
    regions(view, findings);
}

fn is_wan(fact: &Fact) -> bool {
    fact.unit.as_deref() == Some("万元")
}

fn units(view: &DocumentView, findings: &mut Vec<Finding>) {
    let facts = &view.doc.facts;
    let wan = facts.iter().filter(|f| is_wan(f)).count();
    let yuan: Vec<(usize, &Fact)> = facts.iter().enumerate().filter(|(_, f)| f.unit.as_deref() == Some("元")).collect();
    let context_is_wan = view.doc.meta.unit == Some(MoneyUnit::WanYuan) || wan > 2 * yuan.len();
    if !context_is_wan {
        return;
    }
    for (index, fact) in yuan {
        let Some(amount) = fact.amount_yuan else { continue };
        let same_printed = facts.iter().any(|f| is_wan(f) && f.value == fact.value);
        let larger_part = facts.iter().any(|f| {
            is_wan(f)
                && f.provenance.byte_start == fact.provenance.byte_start
                && f.amount_yuan.zip(amount.checked_mul(rust_decimal::Decimal::from(100))).is_some_and(|(a, b)| a > b)
        });
        let table_printed =
            view.doc.line_items.iter().any(|i| i.is_money && i.amount_printed == fact.value.to_string());
        let suspicious = same_printed || larger_part || table_printed;
        let reference = NumberRef {
            role: "actual".into(),
            label: fact.label.clone(),
            amount: Some(amount),
            amount_printed: format!("{}元", fact.value),
            provenance: fact.provenance.clone(),
            table_index: None,
            fact_index: Some(index),
        };
        let sentence: String = fact.sentence.chars().take(60).collect();
        let (status, zh, en) = if suspicious {
            (FindingStatus::Warn, "按上下文应为万元", "looks like 万元 from its context")
        } else {
            (FindingStatus::Pass, "与上下文相符", "fits its context")
        };
        findings.push(rules::UNIT_PLAUSIBILITY.finding(
            status,
            [None, Some(amount), None],
            None,
            format!("「{sentence}」中的 {}元 {zh}", fact.value),
            format!("{}元 in `{sentence}` {en}", fact.value),
            vec![reference],
        ));
    }
}

/// Whether two administrative codes name the same place or one contains the other.
fn nested(a: &str, b: &str) -> bool {
    let significant = |code: &str| {
        if code.ends_with("0000") {
            2
        } else if code.ends_with("00") {
            4
        } else {
            6
        }
    };
    let n = significant(a).min(significant(b)).min(a.len()).min(b.len());
    a.get(..n) == b.get(..n)
}

fn regions(view: &DocumentView, findings: &mut Vec<Finding>) {
    let meta = &view.doc.meta;
    let Some(adcode) = meta.adcode.as_deref() else { return };
    let mut texts: Vec<(String, Provenance, Option<usize>)> = Vec::new();
    for table in &view.doc.tables {
        if let Some(title) = &table.title {
            texts.push((title.clone(), table.provenance.clone(), Some(table.index)));
        }
        for (label, value) in &table.caption {
            if label.contains("单位") && !label.trim().eq("单位") {
                texts.push((value.clone(), table.provenance.clone(), Some(table.index)));
            }
        }
    }
    if let Some(title) = &meta.title {
        texts.push((title.clone(), crate::position::printed_at(view.doc, title), None));
    }
    for (text, provenance, table_index) in texts {
        let Some(found) = resolve_region(&text, meta.year) else { continue };
        let division = found.division;
        let region = meta.region.as_deref().unwrap_or(adcode);
        let reference = NumberRef {
            role: "region".into(),
            label: text.clone(),
            amount: None,
            amount_printed: division.name.to_string(),
            provenance,
            table_index,
            fact_index: None,
        };
        let (status, zh, en) = if nested(division.adcode, adcode) {
            (FindingStatus::Pass, "一致".to_string(), "agrees".to_string())
        } else {
            (
                FindingStatus::Warn,
                format!("指向{}（{}），与文件所属{region}（{adcode}）不符", division.name, division.adcode),
                format!("names {} ({}), not the document's {region} ({adcode})", division.name, division.adcode),
            )
        };
        findings.push(rules::REGION.finding(
            status,
            [None; 3],
            None,
            format!("“{text}”{zh}"),
            format!("`{text}` {en}"),
            vec![reference],
        ));
    }
}

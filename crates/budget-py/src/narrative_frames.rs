//! Facts, indicators and findings → Polars frames. Pure conversion, like [`crate::frames`]:
//! numbers stay exact `Decimal(38, 6)`, enums become their identifier strings.

use budget_core::{Document, Fact, Indicator};
use polars::prelude::*;

use crate::frames::{decimal_col, provenance_cols, str_col, FrameResult, AMOUNT_SCALE};

/// The columns of [`facts`], in order.
pub const FACT_COLUMNS: [&str; 17] = [
    "source",
    "key",
    "label",
    "value",
    "unit",
    "amount_yuan",
    "year",
    "period",
    "change",
    "change_rate",
    "reason",
    "code",
    "code_scheme",
    "sentence",
    "line_start",
    "line_end",
    "page",
];

/// The columns of [`indicators`], in order.
pub const INDICATOR_COLUMNS: [&str; 16] = [
    "source",
    "scope",
    "project",
    "level1",
    "level2",
    "name",
    "operator",
    "target",
    "unit",
    "target_printed",
    "weight",
    "grades",
    "basis",
    "line_start",
    "line_end",
    "page",
];

/// The columns of [`findings`], in order.
pub const FINDING_COLUMNS: [&str; 14] = [
    "source",
    "rule",
    "family",
    "status",
    "expected",
    "actual",
    "difference",
    "tolerance",
    "message_zh",
    "message_en",
    "numbers",
    "line_start",
    "line_end",
    "page",
];

fn at<'a>(doc: &'a Document, what: &'static str) -> impl Fn(usize) -> String + 'a {
    move |i| format!("{}, {what} {i}", doc.source)
}

/// One row per narrative fact ([`FACT_COLUMNS`]); `value`, `amount_yuan`, `change` and
/// `change_rate` exact decimals.
pub fn facts(doc: &Document) -> FrameResult<DataFrame> {
    let facts: &[Fact] = &doc.facts;
    let [line_start, line_end, page] = provenance_cols(facts.iter().map(|f| &f.provenance))?;
    let columns = vec![
        str_col("source", facts.iter().map(|_| Some(doc.source.as_str()))),
        str_col("key", facts.iter().map(|f| Some(f.key.as_str()))),
        str_col("label", facts.iter().map(|f| Some(f.label.as_str()))),
        decimal_col("value", facts.iter().map(|f| Some(f.value)), at(doc, "fact"))?,
        str_col("unit", facts.iter().map(|f| f.unit.as_deref())),
        decimal_col("amount_yuan", facts.iter().map(|f| f.amount_yuan), at(doc, "fact"))?,
        Column::new("year".into(), facts.iter().map(|f| f.year).collect::<Vec<_>>()),
        str_col("period", facts.iter().map(|f| Some(f.period.as_str()))),
        decimal_col("change", facts.iter().map(|f| f.comparison.as_ref().and_then(|c| c.change)), at(doc, "fact"))?,
        decimal_col(
            "change_rate",
            facts.iter().map(|f| f.comparison.as_ref().and_then(|c| c.change_rate)),
            at(doc, "fact"),
        )?,
        str_col("reason", facts.iter().map(|f| f.comparison.as_ref().and_then(|c| c.reason.as_deref()))),
        str_col("code", facts.iter().map(|f| f.code.as_deref())),
        str_col("code_scheme", facts.iter().map(|f| f.code_scheme.map(|s| s.as_str()))),
        str_col("sentence", facts.iter().map(|f| Some(f.sentence.as_str()))),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(facts.len(), columns)?)
}

/// Grade thresholds as one string: `优 ≥95%; 良 ≥90%; 中 ≥80%; 差 <80%`.
fn grades(indicator: &Indicator) -> Option<String> {
    (!indicator.grades.is_empty()).then(|| {
        indicator.grades.iter().map(|(grade, threshold)| format!("{grade} {threshold}")).collect::<Vec<_>>().join("; ")
    })
}

/// One row per performance target ([`INDICATOR_COLUMNS`]); `target` and `weight` exact decimals.
pub fn indicators(doc: &Document) -> FrameResult<DataFrame> {
    let rows: &[Indicator] = &doc.indicators;
    let grade_text: Vec<Option<String>> = rows.iter().map(grades).collect();
    let [line_start, line_end, page] = provenance_cols(rows.iter().map(|i| &i.provenance))?;
    let columns = vec![
        str_col("source", rows.iter().map(|_| Some(doc.source.as_str()))),
        str_col("scope", rows.iter().map(|i| Some(i.scope.as_str()))),
        str_col("project", rows.iter().map(|i| i.project.as_deref())),
        str_col("level1", rows.iter().map(|i| i.level1.as_deref())),
        str_col("level2", rows.iter().map(|i| i.level2.as_deref())),
        str_col("name", rows.iter().map(|i| Some(i.name.as_str()))),
        str_col("operator", rows.iter().map(|i| i.operator.as_deref())),
        decimal_col("target", rows.iter().map(|i| i.target), at(doc, "indicator"))?,
        str_col("unit", rows.iter().map(|i| i.unit.as_deref())),
        str_col("target_printed", rows.iter().map(|i| Some(i.target_printed.as_str()))),
        decimal_col("weight", rows.iter().map(|i| i.weight), at(doc, "indicator"))?,
        str_col("grades", grade_text.iter().map(Option::as_deref)),
        str_col("basis", rows.iter().map(|i| i.basis.as_deref())),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(rows.len(), columns)?)
}

/// One row per validation finding ([`FINDING_COLUMNS`]): amounts in 元 as decimals, `numbers` the
/// numbers used (`label = printed` joined by `; `), provenance of the first one.
///
/// Unlike printed amounts, `expected`/`actual`/`difference`/`tolerance` are computed, and a
/// computed share (占 %) can have any number of decimals: these four are rounded to the column's
/// 6 decimals (half to even). Sums of printed amounts are exact at that scale anyway.
pub fn findings(doc: &Document) -> FrameResult<DataFrame> {
    let rows = &doc.findings;
    let computed = |v: Option<rust_decimal::Decimal>| v.map(|v| v.round_dp(AMOUNT_SCALE));
    let numbers: Vec<String> = rows
        .iter()
        .map(|f| f.numbers.iter().map(|n| format!("{} = {}", n.label, n.amount_printed)).collect::<Vec<_>>().join("; "))
        .collect();
    let default = budget_core::Provenance::default();
    let first = rows.iter().map(|f| f.numbers.first().map_or(&default, |n| &n.provenance));
    let [line_start, line_end, page] = provenance_cols(first)?;
    let columns = vec![
        str_col("source", rows.iter().map(|_| Some(doc.source.as_str()))),
        str_col("rule", rows.iter().map(|f| Some(f.rule.as_str()))),
        str_col("family", rows.iter().map(|f| Some(f.family.as_str()))),
        str_col("status", rows.iter().map(|f| Some(f.status.as_str()))),
        decimal_col("expected", rows.iter().map(|f| computed(f.expected)), at(doc, "finding"))?,
        decimal_col("actual", rows.iter().map(|f| computed(f.actual)), at(doc, "finding"))?,
        decimal_col("difference", rows.iter().map(|f| computed(f.difference)), at(doc, "finding"))?,
        decimal_col("tolerance", rows.iter().map(|f| computed(f.tolerance)), at(doc, "finding"))?,
        str_col("message_zh", rows.iter().map(|f| Some(f.message_zh.as_str()))),
        str_col("message_en", rows.iter().map(|f| Some(f.message_en.as_str()))),
        str_col("numbers", numbers.iter().map(|n| Some(n.as_str()))),
        line_start,
        line_end,
        page,
    ];
    Ok(DataFrame::new(rows.len(), columns)?)
}

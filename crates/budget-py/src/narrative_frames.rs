//! Facts, indicators and findings → Polars frames. Pure conversion, like [`crate::frames`]:
//! numbers stay exact `Decimal(38, 6)`, enums become their identifier strings.

use budget_core::{Document, Fact, Indicator};
use polars::prelude::*;
use rust_decimal::Decimal;

use crate::frames::{fixed_point, lines, FrameResult, AMOUNT_SCALE};
use crate::rows::{frame_rows, Decimals, Strs, Vals};

/// The columns of [`facts`], in order.
pub const FACT_COLUMNS: &[&str] = FactRows::COLUMNS;

/// The columns of [`indicators`], in order.
pub const INDICATOR_COLUMNS: &[&str] = IndicatorRows::COLUMNS;

/// The columns of [`findings`], in order.
pub const FINDING_COLUMNS: &[&str] = FindingRows::COLUMNS;

/// `values` (row `i` named `what i` in an error) as fixed-point decimals, one list per value kind.
fn fixed<const N: usize>(
    doc: &Document,
    what: &str,
    values: impl Iterator<Item = [Option<Decimal>; N]>,
) -> FrameResult<Vec<[Option<i128>; N]>> {
    values
        .enumerate()
        .map(|(i, row)| {
            let mut out = [None; N];
            for (slot, value) in out.iter_mut().zip(row) {
                *slot = value.map(|v| fixed_point(v, || format!("{}, {what} {i}", doc.source))).transpose()?;
            }
            Ok(out)
        })
        .collect()
}

frame_rows! {
    /// The rows of [`facts`], for one document or many.
    pub(crate) struct FactRows {
        source: Strs,
        key: Strs,
        label: Strs,
        value: Decimals,
        unit: Strs,
        amount_yuan: Decimals,
        year: Vals<Option<i32>>,
        period: Strs,
        change: Decimals,
        change_rate: Decimals,
        reason: Strs,
        code: Strs,
        code_scheme: Strs,
        sentence: Strs,
        line_start: Vals<Option<u32>>,
        line_end: Vals<Option<u32>>,
        page: Vals<Option<u32>>,
        x0: Vals<Option<f32>>,
        y0: Vals<Option<f32>>,
        x1: Vals<Option<f32>>,
        y1: Vals<Option<f32>>,
        page_width: Vals<Option<f32>>,
        page_height: Vals<Option<f32>>,
        sheet: Strs,
        cell: Strs,
        location: Strs,
        unkeyed: Strs,
    }
}

impl FactRows {
    /// Append the facts of `doc` (document id `id`): all, or none when a value does not fit.
    pub fn push(&mut self, doc: &Document, id: &str) -> FrameResult<()> {
        let facts: &[Fact] = &doc.facts;
        let amounts = fixed(
            doc,
            "fact",
            facts.iter().map(|f| {
                let comparison = f.comparison.as_ref();
                [
                    Some(f.value),
                    f.amount_yuan,
                    comparison.and_then(|c| c.change),
                    comparison.and_then(|c| c.change_rate),
                ]
            }),
        )?;
        let places = facts.iter().map(|f| lines(&f.provenance)).collect::<FrameResult<Vec<_>>>()?;
        for ((f, [value, amount_yuan, change, change_rate]), (start, end, page)) in
            facts.iter().zip(amounts).zip(places)
        {
            self.source.push_str(&doc.source);
            self.key.push_str(f.key.as_str());
            self.label.push_str(&f.label);
            self.value.0.push(value);
            self.unit.push(f.unit.as_deref());
            self.amount_yuan.0.push(amount_yuan);
            self.year.0.push(f.year);
            self.period.push_str(f.period.as_str());
            self.change.0.push(change);
            self.change_rate.0.push(change_rate);
            self.reason.push(f.comparison.as_ref().and_then(|c| c.reason.as_deref()));
            self.code.push(f.code.as_deref());
            self.code_scheme.push(f.code_scheme.map(|s| s.as_str()));
            self.sentence.push_str(&f.sentence);
            self.line_start.0.push(start);
            self.line_end.0.push(end);
            self.page.0.push(page);
            crate::positions::push_position!(self, &f.provenance);
            self.unkeyed.push(f.unkeyed.as_deref());
        }
        self.rows_added(id, facts.len());
        Ok(())
    }
}

/// One row per narrative fact ([`FACT_COLUMNS`]); `value`, `amount_yuan`, `change` and
/// `change_rate` exact decimals.
pub fn facts(doc: &Document) -> FrameResult<DataFrame> {
    let mut rows = FactRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

/// Grade thresholds as one string: `优 ≥95%; 良 ≥90%; 中 ≥80%; 差 <80%`.
fn grades(indicator: &Indicator) -> Option<String> {
    (!indicator.grades.is_empty()).then(|| {
        indicator.grades.iter().map(|(grade, threshold)| format!("{grade} {threshold}")).collect::<Vec<_>>().join("; ")
    })
}

frame_rows! {
    /// The rows of [`indicators`], for one document or many.
    pub(crate) struct IndicatorRows {
        source: Strs,
        scope: Strs,
        project: Strs,
        level1: Strs,
        level2: Strs,
        name: Strs,
        operator: Strs,
        target: Decimals,
        unit: Strs,
        target_printed: Strs,
        weight: Decimals,
        grades: Strs,
        basis: Strs,
        line_start: Vals<Option<u32>>,
        line_end: Vals<Option<u32>>,
        page: Vals<Option<u32>>,
    }
}

impl IndicatorRows {
    /// Append the indicators of `doc` (document id `id`): all, or none when a value does not fit.
    pub fn push(&mut self, doc: &Document, id: &str) -> FrameResult<()> {
        let rows: &[Indicator] = &doc.indicators;
        let amounts = fixed(doc, "indicator", rows.iter().map(|i| [i.target, i.weight]))?;
        let places = rows.iter().map(|i| lines(&i.provenance)).collect::<FrameResult<Vec<_>>>()?;
        for ((i, [target, weight]), (start, end, page)) in rows.iter().zip(amounts).zip(places) {
            self.source.push_str(&doc.source);
            self.scope.push_str(i.scope.as_str());
            self.project.push(i.project.as_deref());
            self.level1.push(i.level1.as_deref());
            self.level2.push(i.level2.as_deref());
            self.name.push_str(&i.name);
            self.operator.push(i.operator.as_deref());
            self.target.0.push(target);
            self.unit.push(i.unit.as_deref());
            self.target_printed.push_str(&i.target_printed);
            self.weight.0.push(weight);
            self.grades.push(grades(i).as_deref());
            self.basis.push(i.basis.as_deref());
            self.line_start.0.push(start);
            self.line_end.0.push(end);
            self.page.0.push(page);
        }
        self.rows_added(id, rows.len());
        Ok(())
    }
}

/// One row per performance target ([`INDICATOR_COLUMNS`]); `target` and `weight` exact decimals.
pub fn indicators(doc: &Document) -> FrameResult<DataFrame> {
    let mut rows = IndicatorRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

frame_rows! {
    /// The rows of [`findings`], for one document or many.
    pub(crate) struct FindingRows {
        source: Strs,
        rule: Strs,
        family: Strs,
        status: Strs,
        expected: Decimals,
        actual: Decimals,
        difference: Decimals,
        tolerance: Decimals,
        message_zh: Strs,
        message_en: Strs,
        numbers: Strs,
        line_start: Vals<Option<u32>>,
        line_end: Vals<Option<u32>>,
        page: Vals<Option<u32>>,
        x0: Vals<Option<f32>>,
        y0: Vals<Option<f32>>,
        x1: Vals<Option<f32>>,
        y1: Vals<Option<f32>>,
        page_width: Vals<Option<f32>>,
        page_height: Vals<Option<f32>>,
        sheet: Strs,
        cell: Strs,
        location: Strs,
    }
}

impl FindingRows {
    /// Append the findings of `doc` (document id `id`): all, or none when a value does not fit.
    pub fn push(&mut self, doc: &Document, id: &str) -> FrameResult<()> {
        let rows = &doc.findings;
        // Computed values are rounded to the column's scale (see [`findings`]).
        let computed = |v: Option<Decimal>| v.map(|v| v.round_dp(AMOUNT_SCALE));
        let amounts = fixed(
            doc,
            "finding",
            rows.iter().map(|f| [f.expected, f.actual, f.difference, f.tolerance].map(computed)),
        )?;
        let default = budget_core::Provenance::default();
        let places = rows
            .iter()
            .map(|f| lines(f.numbers.first().map_or(&default, |n| &n.provenance)))
            .collect::<FrameResult<Vec<_>>>()?;
        let mut numbers = String::new();
        for ((f, [expected, actual, difference, tolerance]), (start, end, page)) in rows.iter().zip(amounts).zip(places)
        {
            self.source.push_str(&doc.source);
            self.rule.push_str(&f.rule);
            self.family.push_str(&f.family);
            self.status.push_str(f.status.as_str());
            self.expected.0.push(expected);
            self.actual.0.push(actual);
            self.difference.0.push(difference);
            self.tolerance.0.push(tolerance);
            self.message_zh.push_str(&f.message_zh);
            self.message_en.push_str(&f.message_en);
            numbers.clear();
            for (k, n) in f.numbers.iter().enumerate() {
                if k > 0 {
                    numbers.push_str("; ");
                }
                numbers.push_str(&n.label);
                numbers.push_str(" = ");
                numbers.push_str(&n.amount_printed);
            }
            self.numbers.push_str(&numbers);
            self.line_start.0.push(start);
            self.line_end.0.push(end);
            self.page.0.push(page);
            crate::positions::push_position!(self, f.numbers.first().map_or(&default, |n| &n.provenance));
        }
        self.rows_added(id, rows.len());
        Ok(())
    }
}

/// One row per validation finding ([`FINDING_COLUMNS`]): amounts in 元 as decimals, `numbers` the
/// numbers used (`label = printed` joined by `; `), provenance of the first one.
///
/// Unlike printed amounts, `expected`/`actual`/`difference`/`tolerance` are computed, and a
/// computed share (占 %) can have any number of decimals: these four are rounded to the column's
/// 6 decimals (half to even). Sums of printed amounts are exact at that scale anyway.
pub fn findings(doc: &Document) -> FrameResult<DataFrame> {
    let mut rows = FindingRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

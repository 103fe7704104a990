//! Code/name pairs of table rows and narrative facts versus the classification catalogs of the
//! budget year: a name of another year (e.g. 210 医疗卫生与计划生育支出 in a 2024 budget) or a name
//! that is none of the code's names is a `Warn`; an unknown code is `NotApplicable` (the catalogs
//! are incomplete, unknown is not wrong).

use super::finding::{Finding, FindingStatus, NumberRef};
use super::rules::{self, Rule};
use super::tables::DocumentView;
use crate::catalog::{economic, function, normalize_name, CatalogStatus};
use crate::model::CodeScheme;

pub(crate) fn evaluate(view: &DocumentView, findings: &mut Vec<Finding>) {
    let year = view.doc.meta.year;
    let mut seen: Vec<(usize, &str)> = Vec::new();
    for item in &view.doc.line_items {
        let (Some(code), Some(scheme)) = (item.code.as_deref(), item.code_scheme) else { continue };
        // A code printed without a name (or a value column before the name column) has nothing
        // to compare; the row's named cell is checked instead.
        if item.name.trim().is_empty() || seen.contains(&(item.table_index, code)) {
            continue;
        }
        seen.push((item.table_index, code));
        let reference = NumberRef {
            role: "code".into(),
            label: format!("{code} {}", item.name.trim()),
            amount: item.amount,
            amount_printed: item.amount_printed.clone(),
            provenance: item.provenance.clone(),
            table_index: Some(item.table_index),
            fact_index: None,
        };
        findings.push(check(
            scheme,
            code,
            &printed_name(&item.name, code),
            year,
            reference,
            &format!("表{}", item.table_index),
        ));
    }
    for (index, fact) in view.doc.facts.iter().enumerate() {
        let (Some(code), Some(scheme)) = (fact.code.as_deref(), fact.code_scheme) else { continue };
        let reference = NumberRef {
            role: "code".into(),
            label: fact.label.clone(),
            amount: fact.amount_yuan,
            amount_printed: format!("{}{}", fact.value, fact.unit.as_deref().unwrap_or("")),
            provenance: fact.provenance.clone(),
            table_index: None,
            fact_index: Some(index),
        };
        findings.push(check(scheme, code, &fact.label, year, reference, "说明"));
    }
}

/// The row label without a leading code (`2101202 行政单位医疗` → `行政单位医疗`, `[301]工资福利支出` →
/// `工资福利支出`).
fn printed_name(name: &str, code: &str) -> String {
    let separators = ['[', ']', '【', '】', '-', '－', '—', ':', '：', '、', '.', ' '];
    let trimmed = name.trim().trim_start_matches(['[', '【']);
    let rest = trimmed.strip_prefix(code).unwrap_or(trimmed);
    rest.trim_start_matches(separators).trim().to_string()
}

/// Name variants to try: as printed, and with an inner level marker removed
/// (`社会保障和就业（类）支出` → `社会保障和就业支出`).
fn variants(name: &str) -> Vec<String> {
    let mut names = vec![name.to_string()];
    for marker in ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"] {
        if name.contains(marker) {
            names.push(name.replace(marker, ""));
        }
    }
    names
}

fn check(scheme: CodeScheme, code: &str, name: &str, year: Option<i32>, reference: NumberRef, place: &str) -> Finding {
    let rule: &Rule = if scheme == CodeScheme::Function { rules::CATALOG_FUNCTION } else { rules::CATALOG_ECONOMIC };
    let status = variants(name)
        .iter()
        .map(|n| match scheme {
            CodeScheme::Function => function::check(code, n, year),
            _ => economic_status(code, n),
        })
        .min_by_key(rank)
        .unwrap_or(CatalogStatus::UnknownCode);
    let year_text = year.map_or_else(|| "?".to_string(), |y| y.to_string());
    let (status, zh, en) = match &status {
        CatalogStatus::Match => (FindingStatus::Pass, "与目录一致".to_string(), "matches the catalog".to_string()),
        CatalogStatus::RenamedForYear { canonical, printed_valid_years } => (
            FindingStatus::Warn,
            format!("为{printed_valid_years}年度名称，{year_text}年度应为“{canonical}”"),
            format!("is the name of {printed_valid_years}; in {year_text} the code is named {canonical}"),
        ),
        CatalogStatus::NameMismatch { canonical } => (
            FindingStatus::Warn,
            format!("与目录名称“{canonical}”不符"),
            format!("differs from the catalog name {canonical}"),
        ),
        CatalogStatus::UnknownCode => {
            (FindingStatus::NotApplicable, "编码不在目录中".to_string(), "code not in the catalog".to_string())
        }
    };
    rule.finding(
        status,
        [None; 3],
        None,
        format!("{place} 科目 {code}“{name}”{zh}"),
        format!("{place}: code {code} `{name}` {en}"),
        vec![reference],
    )
}

fn rank(status: &CatalogStatus) -> u8 {
    match status {
        CatalogStatus::Match => 0,
        CatalogStatus::RenamedForYear { .. } => 1,
        CatalogStatus::NameMismatch { .. } => 2,
        CatalogStatus::UnknownCode => 3,
    }
}

fn economic_status(code: &str, name: &str) -> CatalogStatus {
    match economic::lookup(code) {
        None => CatalogStatus::UnknownCode,
        Some(entry) if normalize_name(entry.name) == normalize_name(name) => CatalogStatus::Match,
        Some(entry) => CatalogStatus::NameMismatch { canonical: entry.name.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::printed_name;

    #[test]
    fn printed_names_without_their_code() {
        assert_eq!(printed_name("2101202 行政单位医疗", "2101202"), "行政单位医疗");
        assert_eq!(printed_name("[301]工资福利支出", "301"), "工资福利支出");
        assert_eq!(printed_name("【30101】基本工资", "30101"), "基本工资");
        assert_eq!(printed_name("基本工资", "30101"), "基本工资");
    }
}

//! A text rendering of findings for the command line: counts by status, then every failed or
//! warned finding with its numbers side by side.

use std::fmt::Write;

use super::finding::{Finding, FindingStatus};

/// Counts by status and the failed/warned findings with the numbers they used.
pub fn summary(findings: &[Finding]) -> String {
    let statuses = [
        FindingStatus::Pass,
        FindingStatus::Fail,
        FindingStatus::Warn,
        FindingStatus::InsufficientData,
        FindingStatus::NotApplicable,
    ];
    let mut out = String::new();
    let counts: Vec<String> = statuses
        .iter()
        .map(|s| format!("{} {}", s.as_str(), findings.iter().filter(|f| f.status == *s).count()))
        .collect();
    let _ = writeln!(out, "findings: {} ({})", findings.len(), counts.join(", "));
    for finding in findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Warn)) {
        let _ = writeln!(out, "{} [{}] {}", finding.status.as_str().to_uppercase(), finding.rule, finding.message_zh);
        for number in &finding.numbers {
            let place = match (number.table_index, number.fact_index) {
                (Some(table), _) => format!("table {table}"),
                (_, Some(fact)) => format!("fact {fact}"),
                _ => String::new(),
            };
            let location = number.provenance.location();
            let place = [place, location].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ");
            let _ = writeln!(out, "    {:<9} {:>16}  {}  ({place})", number.role, number.amount_printed, number.label);
        }
    }
    out
}

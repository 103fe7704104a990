//! A mutation harness: the errors reviewers find in disclosures, injected into a real document's
//! blocks (after reading, before recognition, so it works for every format), to measure which
//! the validation rules catch.
//!
//! [`mutants`] makes at most one mutant per [`MutationKind`] from a document's blocks (a kind
//! does not apply when the document has nothing it could change); [`new_findings`] lists the
//! failed or warned findings of a mutant that the unmutated document does not have. A kind is
//! caught in a document when its mutant has a new finding.
//!
//! ```
//! let text = "某市水利局2026年部门预算\n\n一、部门职责\n\n本部门负责全市水利工作。主要职能如下。\n";
//! let blocks = budget_core::read::read_blocks("t.txt", text.as_bytes(), &Default::default()).unwrap();
//! let base = budget_core::parse_blocks(blocks.clone());
//! let mutant = budget_core::mutate::mutants(&blocks, &base)
//!     .into_iter()
//!     .find(|m| m.kind == budget_core::mutate::MutationKind::Typography)
//!     .unwrap();
//! let mutated = budget_core::parse_blocks(mutant.blocks);
//! let found = budget_core::mutate::new_findings(&base, &mutated);
//! assert_eq!(found[0].rule, "typography.punctuation");
//! ```

mod kinds;

use crate::blocks::Blocks;
use crate::model::Document;
use crate::validate::{Finding, FindingStatus};

/// The kinds of reviewer error the harness injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MutationKind {
    /// A standard table removed (grid, caption and notes).
    MissingTable,
    /// Every amount of a standard table blanked, with no note saying it is empty.
    BlankTable,
    /// A key total of the narrative changed (×1.13), so that it contradicts its table.
    NarrativeTotal,
    /// A key total of the narrative stated as 0 万元.
    NarrativeZero,
    /// The year of a part heading, a table title or the asset date moved one year back.
    WrongYear,
    /// The agency's name in a heading or title replaced by a placeholder (`XX局`).
    Placeholder,
    /// The agency's name in a heading replaced by another agency's name.
    OtherAgency,
    /// A comparison word turned around (大于 ↔ 小于, 增加 ↔ 减少).
    Comparison,
    /// A full stop doubled (`。。`).
    Typography,
}

impl MutationKind {
    /// Every kind, in report order.
    pub const ALL: [MutationKind; 9] = [
        MutationKind::MissingTable,
        MutationKind::BlankTable,
        MutationKind::NarrativeTotal,
        MutationKind::NarrativeZero,
        MutationKind::WrongYear,
        MutationKind::Placeholder,
        MutationKind::OtherAgency,
        MutationKind::Comparison,
        MutationKind::Typography,
    ];

    /// A short identifier: `missing_table`, `blank_table`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            MutationKind::MissingTable => "missing_table",
            MutationKind::BlankTable => "blank_table",
            MutationKind::NarrativeTotal => "narrative_total",
            MutationKind::NarrativeZero => "narrative_zero",
            MutationKind::WrongYear => "wrong_year",
            MutationKind::Placeholder => "placeholder",
            MutationKind::OtherAgency => "other_agency",
            MutationKind::Comparison => "comparison",
            MutationKind::Typography => "typography",
        }
    }
}

/// One mutated copy of a document's blocks.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// What was injected.
    pub kind: MutationKind,
    /// What was changed, e.g. `removed table 4 一般公共预算基本支出表`.
    pub description: String,
    /// The mutated blocks.
    pub blocks: Blocks,
}

/// One mutant per kind that applies to the document. `base` is the document parsed from
/// `blocks` ([`crate::parse_blocks`]); it tells which blocks are tables, facts and headings.
pub fn mutants(blocks: &Blocks, base: &Document) -> Vec<Mutant> {
    MutationKind::ALL
        .iter()
        .filter_map(|&kind| {
            let (description, mutated) = kinds::mutate(kind, blocks, base)?;
            Some(Mutant { kind, description, blocks: mutated })
        })
        .collect()
}

/// A finding as compared across a document and its mutant: the rule and the message with table
/// positions set aside (removing a table renumbers the ones after it).
fn signature(finding: &Finding) -> String {
    let mut out = String::with_capacity(finding.rule.len() + finding.message_zh.len());
    out.push_str(&finding.rule);
    out.push(' ');
    let mut after_table = false;
    for c in finding.message_zh.chars() {
        if after_table && c.is_ascii_digit() {
            continue;
        }
        after_table = c == '表';
        out.push(c);
    }
    out
}

/// The failed or warned findings of `mutant` that `base` does not have.
pub fn new_findings<'a>(base: &Document, mutant: &'a Document) -> Vec<&'a Finding> {
    let flagged = |f: &&Finding| matches!(f.status, FindingStatus::Fail | FindingStatus::Warn);
    let known: std::collections::HashSet<String> = base.findings.iter().filter(flagged).map(signature).collect();
    mutant.findings.iter().filter(flagged).filter(|f| !known.contains(&signature(f))).collect()
}

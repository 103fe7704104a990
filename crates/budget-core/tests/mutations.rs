//! The mutation harness on a sample: the seeds and two corpus documents. Each kind of reviewer
//! error injected at the block level is caught where the rules can see it, and the reviewer rules
//! raise nothing new on the unmutated documents beyond the errors the documents really have.

mod common;

use budget_core::mutate::{mutants, new_findings, MutationKind};
use budget_core::FindingStatus;

const SAMPLE: [&str; 6] = [
    "seeds/000_7ae52973a2e064fc.txt",
    "seeds/001_3de3a280caaff371.txt",
    "seeds/003_54e6d6dfcf4f4fa9.txt",
    "seeds/004_b509f5cd0a0148df.txt",
    "corpus/docs/079_湖州_2026年湖州市交通运输局部门预算.pdf",
    "corpus/docs/上海普陀_上海市普陀区规划和自然资源局2024年度部门决算.pdf",
];

const REVIEW_RULES: [&str; 11] = [
    "completeness.listed_in_contents",
    "completeness.standard_set",
    "completeness.blank_table",
    "consistency.year",
    "consistency.agency_name",
    "text.comparison_words",
    "text.change_rate",
    "typography.punctuation",
    "completeness.contents_lists_printed",
    "completeness.parallel_series",
    "text.change_parts",
];

fn read(path: &str) -> (budget_core::Blocks, budget_core::Document) {
    let full = format!("{}/../../tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let blocks = budget_core::read::read_blocks(path, &data, &Default::default()).expect("reads");
    let base = budget_core::parse_blocks(blocks.clone());
    (blocks, base)
}

#[test]
fn each_kind_is_caught_in_the_sample() {
    let mut tally: Vec<(MutationKind, usize, usize)> = MutationKind::ALL.iter().map(|&k| (k, 0, 0)).collect();
    for path in SAMPLE {
        let (blocks, base) = read(path);
        for mutant in mutants(&blocks, &base) {
            let caught = !new_findings(&base, &budget_core::parse_blocks(mutant.blocks)).is_empty();
            let entry = tally.iter_mut().find(|(k, _, _)| *k == mutant.kind).expect("kind");
            entry.2 += 1;
            entry.1 += usize::from(caught);
        }
    }
    // Every kind that applies to a sample document is caught there (the whole corpus is scored by
    // `examples/mutations`: each kind ≥ 95%).
    for (kind, caught, applicable) in &tally {
        assert_eq!(caught, applicable, "{kind:?}: {tally:?}");
    }
    for kind in MutationKind::ALL {
        assert!(
            tally.iter().any(|(k, _, applicable)| *k == kind && *applicable > 0),
            "{kind:?} applies to none of the sample"
        );
    }
}

#[test]
fn unmutated_sample_raises_only_real_errors() {
    let mut raised = Vec::new();
    for path in SAMPLE {
        let (_, base) = read(path);
        for f in base.findings.iter().filter(|f| matches!(f.status, FindingStatus::Fail | FindingStatus::Warn)) {
            if REVIEW_RULES.contains(&f.rule.as_str()) {
                raised.push(format!("{path}: {}", f.message_zh));
            }
        }
    }
    // Seed 004 is a 2024 budget whose asset section is dated 截至2022年9月30日: a stale date.
    assert_eq!(raised.len(), 1, "{raised:#?}");
    assert!(raised[0].contains("截至2022年9月30日"), "{raised:#?}");
}

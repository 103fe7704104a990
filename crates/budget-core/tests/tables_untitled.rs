//! Tables found without a printed title are named where the document names them: the pieces
//! of a grid broken by its long cells continue the table before them, and an untitled grid whose
//! header speaks of 绩效目标 is a performance table.

use std::path::Path;

use budget_core::{parse_path, TableKind};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data");

#[test]
fn guangzhou_project_table_fragments_continue_their_table() {
    let path = Path::new(DATA).join("corpus/docs/005_广州_2026年广州市气象局部门预算.pdf");
    let doc = parse_path(&path).expect("parses");
    assert_eq!(doc.tables[11].kind, TableKind::ProjectExpenditure);
    assert_eq!(doc.tables[11].title.as_deref(), Some("部门预算项目支出及其他支出预算表"));
    let continued = Some("部门预算项目支出及其他支出预算表（续）");
    let pieces: Vec<_> = doc.tables[12..=17].iter().map(|t| (t.kind, t.title.as_deref(), t.rows.len())).collect();
    let expected: Vec<_> = [4, 1, 1, 1, 1, 2].into_iter().map(|rows| (TableKind::Unknown, continued, rows)).collect();
    assert_eq!(pieces, expected);
}

#[test]
fn shenzhen_performance_goals_table_is_typed_by_its_header() {
    let path = Path::new(DATA).join("corpus/docs/003_深圳_2026年深圳市医疗保障局部门预算.pdf");
    let doc = parse_path(&path).expect("parses");
    let table = &doc.tables[0];
    assert_eq!(table.columns, ["二级预算单位名称", "一级项目名称", "预算数（万元）", "绩效目标"]);
    assert_eq!(table.kind, TableKind::ProjectPerformance);
    assert_eq!(table.rows[0][1], "基金监督管理");
}

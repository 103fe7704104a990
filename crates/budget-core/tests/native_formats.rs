//! Native formats (DOCX, XLSX, XLS, HTML): fixtures built from seeds 001 and 002 give the same
//! line items as the seed text; hostile inputs give typed errors quickly.

use std::path::PathBuf;

use budget_core::BlockKind;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds").join(name)
}

const SEEDS: [(&str, &str); 2] = [("001", "001_3de3a280caaff371.txt"), ("002", "002_b4e440192d61d51e.txt")];

/// Writes the blocks of the seed texts as JSON for `tests/fixtures/make_fixtures.py`:
/// `cargo test -p budget-core --test native_formats -- --ignored write_seed_blocks`.
#[test]
#[ignore = "generates fixture input"]
fn write_seed_blocks() {
    for (id, file) in SEEDS {
        let data = std::fs::read(seed(file)).unwrap();
        let blocks = budget_core::read::read_blocks(file, &data, &budget_core::ReadOptions::default()).unwrap();
        let simple: Vec<serde_json::Value> = blocks
            .blocks
            .iter()
            .map(|block| match &block.kind {
                BlockKind::Heading { level, text } => serde_json::json!({"heading": level, "text": text}),
                BlockKind::Paragraph { text } => serde_json::json!({"text": text}),
                BlockKind::Table(grid) => {
                    let rows: Vec<Vec<&str>> =
                        (0..grid.n_rows).map(|r| grid.row(r).map(|c| c.text.as_str()).collect()).collect();
                    serde_json::json!({ "rows": rows })
                }
            })
            .collect();
        let json = serde_json::to_string(&simple).unwrap().replace("]},{", "]},\n{");
        std::fs::write(fixtures().join(format!("seed_{id}.blocks.json")), json).unwrap();
    }
}

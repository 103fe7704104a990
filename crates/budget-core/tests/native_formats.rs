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

type Key = (String, Option<String>, String, Option<String>, String, Option<String>);

/// The line items as a sorted multiset of (table kind, code, name, side, measure, amount in 元).
fn items(doc: &budget_core::Document) -> Vec<Key> {
    let mut keys: Vec<Key> = doc
        .line_items
        .iter()
        .map(|i| {
            (
                format!("{:?}", i.table_kind),
                i.code.clone(),
                i.name.clone(),
                i.side.clone(),
                i.measure.clone(),
                i.amount.map(|a| a.normalize().to_string()),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// Items in `a` and not in `b` (multiset difference).
fn minus(a: &[Key], b: &[Key]) -> Vec<Key> {
    let mut rest = b.to_vec();
    let mut out = Vec::new();
    for k in a {
        match rest.iter().position(|x| x == k) {
            Some(i) => {
                rest.remove(i);
            }
            None => out.push(k.clone()),
        }
    }
    out
}

fn assert_same_items(id: &str, file: &str, ext: &str) {
    let text = budget_core::parse_path(seed(file)).unwrap();
    let path = fixtures().join(format!("seed_{id}.{ext}"));
    let native = budget_core::parse_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (want, got) = (items(&text), items(&native));
    assert!(want.len() > 50, "seed {id} has {} line items", want.len());
    let missing = minus(&want, &got);
    let extra = minus(&got, &want);
    assert!(
        missing.is_empty() && extra.is_empty(),
        "seed {id} as {ext}: {} items, text has {}\nmissing: {missing:#?}\nextra: {extra:#?}",
        got.len(),
        want.len()
    );
}

#[test]
fn docx_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "docx");
    }
}

#[test]
fn xlsx_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "xlsx");
    }
}

#[test]
fn xls_fixtures_give_the_line_items_of_the_seed_text() {
    for (id, file) in SEEDS {
        assert_same_items(id, file, "xls");
    }
}

//! The native-format readers outside the tests: the seed texts' blocks as JSON (the input of
//! `tests/fixtures/make_fixtures.py`) and reader throughput (next to
//! `tests/fixtures/bench_python.py` for python-docx and openpyxl). They print or write files and
//! assert nothing (the tests are in `tests/native_formats.rs`).
//!
//! ```text
//! cargo run -p budget-core --example native_readers -- seed-blocks         # writes tests/fixtures/seed_*.blocks.json
//! cargo run --release -p budget-core --example native_readers -- throughput
//! ```

use std::path::PathBuf;
use std::time::Instant;

use budget_core::{BlockKind, ReadOptions};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn seed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/seeds").join(name)
}

const SEEDS: [(&str, &str); 2] = [("001", "001_3de3a280caaff371.txt"), ("002", "002_b4e440192d61d51e.txt")];

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("seed-blocks") => write_seed_blocks(),
        Some("throughput") => throughput(),
        _ => eprintln!("usage: native_readers seed-blocks | throughput"),
    }
}

/// Writes the blocks of the seed texts as JSON for `tests/fixtures/make_fixtures.py`.
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

/// Reader throughput: bytes of the file per second, best of 20.
fn throughput() {
    for ext in ["docx", "xlsx", "xls", "ods", "html", "gb18030.html"] {
        for id in ["001", "002"] {
            let Ok(data) = std::fs::read(fixtures().join(format!("seed_{id}.{ext}"))) else { continue };
            let best = (0..20)
                .map(|_| {
                    let start = Instant::now();
                    budget_core::read::read_blocks(ext, &data, &ReadOptions::default()).unwrap();
                    start.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min);
            println!("{ext:13} seed_{id} {:8.2} MB/s ({:.2} ms)", data.len() as f64 / 1e6 / best, best * 1e3);
        }
    }
}

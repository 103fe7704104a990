//! Read each native-format fixture into blocks (the reader alone, no recognition); reports
//! MB/s per format. Run with `cargo bench -p budget-core --bench readers`.

use budget_core::read::{read_blocks, ReadOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn readers(c: &mut Criterion) {
    let options = ReadOptions::default();
    let mut group = c.benchmark_group("read_blocks");
    for name in ["seed_001.docx", "seed_001.xlsx", "seed_001.xls", "seed_001.html", "seed_002.docx", "seed_002.xlsx"] {
        let path = format!("{FIXTURES}/{name}");
        let Ok(data) = std::fs::read(&path) else {
            eprintln!("skipping {path}: not found");
            continue;
        };
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(name, |b| b.iter(|| read_blocks(name, &data, &options).expect("fixture reads")));
    }
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);

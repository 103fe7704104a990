//! Parse each seed document end to end (bytes → Document); reports time and throughput.
//!
//! Run with `cargo bench -p budget-core --bench parse_seeds`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");

fn parse_seeds(c: &mut Criterion) {
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(SEEDS)
        .expect("../shared/seeds beside the repository")
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("readable seed")))
        .collect();
    seeds.sort();
    let mut group = c.benchmark_group("parse_seed");
    for (name, data) in &seeds {
        group.throughput(Throughput::Bytes(data.len() as u64));
        group.bench_function(&name[..3], |b| b.iter(|| budget_core::parse_bytes(name, data).expect("seed parses")));
    }
    group.finish();
}

criterion_group!(benches, parse_seeds);
criterion_main!(benches);

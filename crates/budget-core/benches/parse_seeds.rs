//! Parse each seed document end to end (bytes → Document); reports time and throughput.
//!
//! Run with `cargo bench -p budget-core --bench parse_seeds`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/seeds");

fn parse_seeds(c: &mut Criterion) {
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(SEEDS)
        .expect("tests/data/seeds in the repository")
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
    // The stages of the same pipeline, to see where the time goes.
    let mut group = c.benchmark_group("stage");
    for (name, data) in &seeds {
        let options = budget_core::ReadOptions::default();
        let blocks = budget_core::read::read_blocks(name, data, &options).expect("seed reads");
        let document = budget_core::recognize::recognize(blocks.clone());
        group.bench_function(format!("read/{}", &name[..3]), |b| {
            b.iter(|| budget_core::read::read_blocks(name, data, &options).expect("seed reads"))
        });
        group.bench_function(format!("recognize/{}", &name[..3]), |b| {
            b.iter_batched(|| blocks.clone(), budget_core::recognize::recognize, BatchSize::SmallInput)
        });
        group.bench_function(format!("validate/{}", &name[..3]), |b| {
            b.iter(|| budget_core::validate::validate(&document))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_seeds);
criterion_main!(benches);

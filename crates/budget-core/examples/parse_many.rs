//! Parse files over and over in one thread, for a profiler (`perf record`, `valgrind --tool=callgrind`):
//! `cargo run --release --example parse_many -- ROUNDS FILE...`. Prints the time per round.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(10);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|path| {
            let data = std::fs::read(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
            (path, data)
        })
        .collect();
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..rounds {
        for (name, data) in &files {
            match budget_core::parse_bytes(name, data) {
                Ok(doc) => findings += doc.findings.len(),
                Err(err) => eprintln!("{err}"),
            }
        }
    }
    let per_round = start.elapsed() / rounds.max(1) as u32;
    println!("{} files, {rounds} rounds: {per_round:?} per round, {findings} findings", files.len());
}

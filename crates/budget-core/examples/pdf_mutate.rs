//! A mutation fuzzer for the PDF reader that needs no nightly toolchain:
//! `cargo run --release --example pdf_mutate -- SECONDS SEED_DIR OUT_DIR [SLOW_SECONDS]`. Mutates the seed
//! PDFs (bit flips, cuts, inserted and deleted runs, spliced halves, numbers made huge) and reads
//! each mutant; a panic (escaping, or caught per page and reported as an internal error) or a
//! read over SLOW_SECONDS (default 2; more for a debug build) is written to OUT_DIR. Coverage-guided fuzzing: `fuzz/` (cargo-fuzz).

use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len().max(1);
        match rng.below(7) {
            0 => {
                let at = rng.below(len);
                if let Some(byte) = data.get_mut(at) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            1 => data.truncate(rng.below(len)),
            2 => {
                let at = rng.below(len).min(data.len());
                let run: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                data.splice(at..at, run);
            }
            3 => {
                let at = rng.below(len).min(data.len());
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            4 => {
                let at = rng.below(len).min(data.len());
                let from = rng.below(other.len()).min(other.len());
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            5 => {
                let at = rng.below(len).min(data.len());
                if let Some(pos) = data[at..].iter().position(u8::is_ascii_digit) {
                    let big: &[u8] = [&b"99999999999"[..], b"-1", b"4294967296", b"1e38"][rng.below(4)];
                    data.splice(at + pos..at + pos + 1, big.iter().copied());
                }
            }
            _ => {
                let at = rng.below(len).min(data.len());
                let end = (at + rng.below(256)).min(data.len());
                let copy = data[at..end].to_vec();
                data.splice(at..at, copy);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seeds: Vec<Vec<u8>> = std::fs::read_dir(args.get(1).map_or(".", String::as_str))
        .expect("seed folder")
        .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
        .filter(|data| data.len() < 600_000)
        .collect();
    let out = std::path::PathBuf::from(args.get(2).map_or("/tmp/pdf_mutate_finds", String::as_str));
    std::fs::create_dir_all(&out).expect("output folder");
    let slow = Duration::from_secs(args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2));
    std::panic::set_hook(Box::new(|_| {}));
    let mut options = budget_core::read::pdf::PdfOptions::default();
    options.max_pages = 50;
    options.max_operations_per_page = 200_000;
    let (start, mut rng, mut runs, mut finds) = (Instant::now(), Rng(0x9E37_79B9_7F4A_7C15), 0u64, 0u64);
    while start.elapsed() < Duration::from_secs(seconds) && !seeds.is_empty() {
        let mut data = seeds[rng.below(seeds.len())].clone();
        let other = &seeds[rng.below(seeds.len())];
        mutate(&mut rng, &mut data, other);
        let began = Instant::now();
        let result = std::panic::catch_unwind(|| budget_core::read::pdf::read_blocks(&data, &options));
        let took = began.elapsed();
        let problem = match &result {
            Err(_) => Some("panic"),
            Ok(Ok(blocks)) if blocks.warnings.iter().any(|w| w.contains("internal error")) => Some("page-panic"),
            _ if took > slow => Some("slow"),
            _ => None,
        };
        runs += 1;
        if let Some(kind) = problem {
            finds += 1;
            std::fs::write(out.join(format!("{kind}-{runs}.pdf")), &data).expect("writable");
            println!("{kind} at run {runs} ({took:?})");
        }
    }
    println!("{runs} mutants in {:?}, {finds} finds", start.elapsed());
}

//! Peak memory and time of the PDF reader on each hostile input of
//! `tests/hostile_pdfs/mod.rs`, each read in a child process of its own:
//! `cargo run --release --example pdf_hostile_memory` prints one line per input
//! (peak resident memory from the child's `VmHWM`, CPU and wall time, outcome);
//! `… -- --write DIR` writes the hostile and feature inputs to DIR (fuzz seeds);
//! `… -- --one NAME` reads one input and prints its own peak (what the parent runs).

use std::process::{Command, ExitCode};
use std::time::Instant;

#[path = "../tests/hostile_pdfs/mod.rs"]
mod hostile_pdfs;

/// Peak resident set of this process in KiB (Linux `/proc/self/status`).
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) of this process in milliseconds (Linux `/proc/self/stat`, at
/// 100 ticks per second): unlike wall time, not inflated by other processes on a busy machine.
fn cpu_ms() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |index: usize| fields.get(index).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) * 10
}

fn run_one(name: &str) -> ExitCode {
    let Some((_, data)) = hostile_pdfs::hostile().into_iter().find(|(candidate, _)| candidate == name) else {
        eprintln!("no input named {name}");
        return ExitCode::FAILURE;
    };
    let (start, cpu_start) = (Instant::now(), cpu_ms());
    let outcome = match budget_core::read::pdf::read_blocks(&data, &budget_core::read::pdf::PdfOptions::default()) {
        Ok(blocks) => format!(
            "{} blocks, {} warnings{}",
            blocks.blocks.len(),
            blocks.warnings.len(),
            blocks
                .warnings
                .first()
                .map(|w| format!(": {}", w.chars().take(110).collect::<String>()))
                .unwrap_or_default()
        ),
        Err(err) => format!("error: {}", err.to_string().chars().take(110).collect::<String>()),
    };
    let (elapsed, cpu) = (start.elapsed(), cpu_ms() - cpu_start);
    println!(
        "{name:<26} {:>6} KiB input {:>6.1} MiB peak {cpu:>6} ms CPU {:>7.0} ms wall  {outcome}",
        data.len() / 1024,
        peak_kib() as f64 / 1024.0,
        elapsed.as_secs_f64() * 1000.0
    );
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--one") => return run_one(args.get(1).map_or("", String::as_str)),
        Some("--write") => {
            let dir = std::path::PathBuf::from(args.get(1).map_or(".", String::as_str));
            std::fs::create_dir_all(&dir).expect("output folder");
            for (name, data) in hostile_pdfs::hostile().into_iter().chain(hostile_pdfs::features()) {
                std::fs::write(dir.join(format!("{name}.pdf")), data).expect("writable");
            }
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let exe = std::env::current_exe().expect("own path");
    let mut worst = 0f64;
    println!("peak = VmHWM of a child process that builds the input and reads it (blocks)");
    for (name, _) in hostile_pdfs::hostile() {
        let output = Command::new(&exe).args(["--one", &name]).output().expect("child runs");
        let text = String::from_utf8_lossy(&output.stdout);
        print!("{text}");
        if !output.status.success() {
            println!("{name}: child failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr));
        }
        if let Some(peak) = text
            .split("MiB peak")
            .next()
            .and_then(|head| head.split_whitespace().last())
            .and_then(|v| v.parse::<f64>().ok())
        {
            worst = worst.max(peak);
        }
    }
    println!("largest peak: {worst:.1} MiB");
    ExitCode::SUCCESS
}

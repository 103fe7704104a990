//! Fuzz format detection and dispatch: any bytes give blocks or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(
    init: common::silence_caught_panics(),
    |data: &[u8]| {
        let _ = budget_core::read::read_blocks("fuzz.bin", data, &common::options());
    }
);

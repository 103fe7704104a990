//! Fuzz the xlsx reader directly: any bytes give blocks or a typed error, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(
    init: common::silence_caught_panics(),
    |data: &[u8]| {
        let _ = budget_core::read::sheet::read("fuzz.xlsx", data, &common::options());
    }
);

//! Fuzz the PDF reader directly (objects, xref recovery, content interpreter, fonts, CMaps and
//! layout): any bytes give blocks or a typed error, never a panic, hang or memory blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

fuzz_target!(
    init: common::silence_caught_panics(),
    |data: &[u8]| {
        let _ = budget_core::read::pdf::read_blocks(data, &common::pdf_options());
    }
);

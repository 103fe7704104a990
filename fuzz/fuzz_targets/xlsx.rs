//! Fuzz the xlsx reader directly: any bytes give blocks or a typed error, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // calamine can panic on damaged files; the reader catches that (a typed Malformed error),
        // but libfuzzer-sys's panic hook would abort first. Silence the hook: a panic that escapes
        // the target is still turned into an abort by libfuzzer-sys, so it is still found.
        std::panic::set_hook(Box::new(|_| {}));
    },
    |data: &[u8]| {
        let mut options = budget_core::ReadOptions::default();
        // Small limits keep each run fast; the limits themselves are what is under test.
        options.max_uncompressed_bytes = 64 << 20;
        options.max_cells_per_sheet = 200_000;
        let _ = budget_core::read::xlsx::read("fuzz.xlsx", data, &options);
    }
);

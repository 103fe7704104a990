//! What every fuzz target shares: a quiet panic hook and small read limits.

/// calamine can panic on damaged files; the readers catch that (a typed `Malformed` error), but
/// libfuzzer-sys's panic hook would abort first. Silence the hook: a panic that escapes the
/// target is still turned into an abort by libfuzzer-sys, so it is still found.
pub fn silence_caught_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// Small limits keep each run fast; the limits themselves are what is under test.
#[allow(dead_code)]
pub fn options() -> budget_core::ReadOptions {
    let mut options = budget_core::ReadOptions::default();
    options.max_uncompressed_bytes = 64 << 20;
    options.max_cells_per_sheet = 200_000;
    options
}

/// Small PDF limits keep each run fast; the limits themselves are what is under test.
#[allow(dead_code)]
pub fn pdf_options() -> budget_core::read::pdf::PdfOptions {
    let mut options = budget_core::read::pdf::PdfOptions::default();
    options.max_pages = 50;
    options.max_content_bytes_per_page = 8 << 20;
    options.max_operations_per_page = 200_000;
    options
}

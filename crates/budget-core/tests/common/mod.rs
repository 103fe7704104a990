//! Shared by the integration tests: the real seed disclosures in `tests/data/seeds` (copied from the project's shared seeds).
#![allow(dead_code)] // each test crate uses its own subset

use budget_core::Document;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/seeds");

/// The file name and bytes of the seed whose name starts with `prefix` (`"001"`).
pub fn seed_bytes(prefix: &str) -> (String, Vec<u8>) {
    let entry = std::fs::read_dir(SEEDS)
        .expect("tests/data/seeds in the repository")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("seed {prefix} not found"));
    let name = entry.file_name().to_string_lossy().into_owned();
    (name, std::fs::read(entry.path()).expect("seed readable"))
}

/// The file name and text of a seed (all seeds are UTF-8).
pub fn seed_text(prefix: &str) -> (String, String) {
    let (name, bytes) = seed_bytes(prefix);
    (name, String::from_utf8(bytes).expect("seed is UTF-8"))
}

/// A seed parsed end to end.
pub fn seed(prefix: &str) -> Document {
    let (name, bytes) = seed_bytes(prefix);
    budget_core::parse_bytes(&name, &bytes).expect("seed parses")
}

//! Shared by the integration tests: the real seed disclosures in `tests/data/seeds` (copied from the project's shared seeds).
#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};

use budget_core::text::normalize_numeric;
use budget_core::{parse_bytes, Document};

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

/// The one corpus document (`tests/data/corpus/docs`) whose file name contains `fragment`.
pub fn corpus_file(fragment: &str) -> PathBuf {
    let docs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/corpus/docs"));
    let mut found: Vec<PathBuf> = std::fs::read_dir(docs)
        .expect("the corpus folder exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(fragment)))
        .collect();
    found.sort();
    assert_eq!(found.len(), 1, "one corpus file contains {fragment}: {found:?}");
    found.remove(0)
}

/// The document at `path` and its bytes (pictures need both).
pub fn read(path: &Path) -> (Document, Vec<u8>) {
    let data = std::fs::read(path).expect("readable file");
    let doc = parse_bytes(&path.to_string_lossy(), &data).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (doc, data)
}

/// `text` with numbers normalised and every space removed, to compare printed amounts.
pub fn compact(text: &str) -> String {
    normalize_numeric(text).chars().filter(|c| !c.is_whitespace()).collect()
}

//! What the corpus examples share: the documents of a folder, in name order.

use std::path::{Path, PathBuf};

/// The folder the examples read when none is given.
pub const CORPUS_DOCS: &str = "tests/data/corpus/docs";

/// The files directly in `dir`, sorted by path; panics with the folder's name when it cannot be read.
pub fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{dir}: {err}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The file name of `path`, for printing.
pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

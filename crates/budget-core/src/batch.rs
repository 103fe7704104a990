//! Many files at once: parse a list of paths in parallel (rayon), streaming each result to a sink.
//!
//! [`parse_files`] never stops on one bad file: a file that cannot be read or parsed, or whose
//! parser panics, becomes an [`Outcome::Failed`] with a typed [`Error`], and the batch goes on.
//! Results are *streamed*: the sink is called once per file, from a worker thread, as soon as the
//! file is done, so a caller that converts each [`Document`] and drops it keeps memory flat however
//! many files there are.
//!
//! # Content ids and duplicates
//!
//! Every file gets a content id, [`content_id`]: the 64-bit FNV-1a hash of its bytes, as 16
//! lowercase hex digits. It is fast and not cryptographic; it names a document, it does not protect
//! against forgery. Two files with the same id *and* the same size are taken as duplicates (for
//! 100,000 distinct files the chance of a false match is about 3 × 10⁻¹⁰). Each distinct content
//! is parsed once, for the first of its paths in the given order; later paths get
//! [`Outcome::Duplicate`] naming that first one. The hashes are computed in a first parallel pass
//! (files are read twice; the second read is normally served from the page cache), so which path is
//! the original does not depend on thread timing.
//!
//! # Threads
//!
//! Files are handed to the workers in input order, so the sink sees them roughly in order (at most
//! about `n_threads` out of place): a caller that needs the exact order needs only a small window.
//!
//! Each call builds its own rayon pool of [`BatchOptions::n_threads`] threads (default: the
//! `CNBUDGET_PARALLELISM` environment variable, else the number of CPUs) and drops it at the end.
//! No global pool is used, so a process that forks (multiprocessing, Dask and Ray workers) gets a
//! working pool in the child.
//!
//! ```
//! use std::sync::Mutex;
//! use budget_core::batch::{parse_files, BatchOptions, Outcome};
//!
//! let dir = std::env::temp_dir().join(format!("budget-core-batch-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let text = "单位预算支出总表\n\t单位：万元\n\n\t科目编码\n\t科目名称\n\t合计\n\n\t2101202\n\t医保补助\n\t4749.30\n";
//! let paths = vec![dir.join("a.txt"), dir.join("b.txt"), dir.join("empty.txt")];
//! std::fs::write(&paths[0], text).unwrap();
//! std::fs::write(&paths[1], text).unwrap();
//! std::fs::write(&paths[2], "").unwrap();
//!
//! let outcomes = Mutex::new(Vec::new());
//! let summary = parse_files(&paths, &BatchOptions::default(), |item| {
//!     let what = match &item.outcome {
//!         Outcome::Parsed(doc) => format!("parsed {} line items", doc.line_items.len()),
//!         Outcome::Duplicate { of } => format!("duplicate of #{of}"),
//!         Outcome::SeenBefore { path } => format!("duplicate of {}", path.display()),
//!         Outcome::Failed(err) => format!("failed: {}", err.kind_name()),
//!     };
//!     outcomes.lock().unwrap().push((item.index, what));
//! });
//! let mut outcomes = outcomes.into_inner().unwrap();
//! outcomes.sort();
//! assert_eq!(outcomes[0].1, "parsed 1 line items");
//! assert_eq!(outcomes[1].1, "duplicate of #0");
//! assert_eq!(outcomes[2].1, "failed: empty");
//! assert_eq!((summary.files, summary.parsed, summary.duplicates, summary.failed), (3, 1, 1, 1));
//! std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::error::{Error, ErrorKind, Location};
use crate::read::ReadOptions;
use crate::Document;

/// The environment variable that sets the default number of threads.
pub const PARALLELISM_ENV: &str = "CNBUDGET_PARALLELISM";

/// How to run a batch.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Worker threads; `None` means `CNBUDGET_PARALLELISM`, else the number of CPUs.
    pub n_threads: Option<usize>,
    /// Limits for every reader (see [`ReadOptions`]).
    pub read: ReadOptions,
    /// Set to `true` from any thread to stop: files not yet started are skipped (not reported).
    pub cancel: Option<Arc<AtomicBool>>,
    /// Files of earlier batches of the same run (a dataset written chunk by chunk): a file with the
    /// content of one of them is [`Outcome::SeenBefore`], and this batch's new files are added.
    pub seen: Option<Arc<SeenFiles>>,
}

/// The files seen by the batches of one run, by content (hash and size), with the path of the
/// first file of each content: shared by the batches through [`BatchOptions::seen`], so that
/// duplicates are found across batches as within one.
#[derive(Debug, Default)]
pub struct SeenFiles {
    first: Mutex<HashMap<(u64, u64), PathBuf>>,
}

impl SeenFiles {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many distinct contents were seen.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no file was seen yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(u64, u64), PathBuf>> {
        self.first.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// For each `(key, path)` of this batch's first files: the path of an earlier batch's file with
    /// that content, or `None` (and the file is registered as the first of its content).
    fn claim(&self, files: &[Option<((u64, u64), &PathBuf)>]) -> Vec<Option<PathBuf>> {
        let mut first = self.lock();
        files
            .iter()
            .map(|file| {
                let (key, path) = (*file)?;
                match first.get(&key) {
                    Some(earlier) => Some(earlier.clone()),
                    None => {
                        first.insert(key, path.clone());
                        None
                    }
                }
            })
            .collect()
    }
}

/// What became of one file.
#[derive(Debug)]
pub enum Outcome {
    /// Parsed; the document is the caller's to convert and drop.
    Parsed(Box<Document>),
    /// Not parsed: the file could not be read, could not be parsed, or its parser panicked.
    Failed(Error),
    /// Same content as the file at index `of` (which was parsed, or failed, once).
    Duplicate {
        /// Index in the input list of the first file with this content.
        of: usize,
    },
    /// Same content as a file of an earlier batch of the run (see [`BatchOptions::seen`]).
    SeenBefore {
        /// The path of that earlier file.
        path: PathBuf,
    },
}

/// One file's result, given to the sink.
#[derive(Debug)]
pub struct Item {
    /// Position of the file in the input list.
    pub index: usize,
    /// The path as given.
    pub path: PathBuf,
    /// The content id ([`content_id`]); `None` when the file could not be read.
    pub id: Option<String>,
    /// Size in bytes (0 when the file could not be read).
    pub size: u64,
    /// What happened.
    pub outcome: Outcome,
}

/// Totals of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files given.
    pub files: usize,
    /// Files parsed (distinct contents that parsed).
    pub parsed: usize,
    /// Files that failed (unreadable, unparsable, parser panic).
    pub failed: usize,
    /// Files skipped as duplicates of an earlier file.
    pub duplicates: usize,
    /// Bytes read and parsed (duplicates not counted).
    pub bytes: u64,
    /// Whether the batch was cancelled before every file was done.
    pub cancelled: bool,
}

/// 64-bit FNV-1a of `data`.
pub fn fnv1a64(data: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    data.iter().fold(OFFSET, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// The content id of a file: [`fnv1a64`] of its bytes as 16 lowercase hex digits.
pub fn content_id(data: &[u8]) -> String {
    format!("{:016x}", fnv1a64(data))
}

/// The number of threads a batch uses for `requested` (see [`BatchOptions::n_threads`]).
pub fn thread_count(requested: Option<usize>) -> usize {
    let from_env = || std::env::var(PARALLELISM_ENV).ok().and_then(|v| v.trim().parse::<usize>().ok());
    let cpus = || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    requested.or_else(from_env).filter(|&n| n > 0).unwrap_or_else(cpus)
}

fn io_error(path: &str, err: &std::io::Error) -> Error {
    Error::new(ErrorKind::Io { message: err.to_string() }, Location::source(path))
}

/// Parse `data`, turning a parser panic into a [`ErrorKind::Malformed`] error.
fn parse_guarded(name: &str, data: &[u8], options: &ReadOptions) -> Result<Document, Error> {
    catch_unwind(AssertUnwindSafe(|| crate::parse_bytes_with(name, data, options))).unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_string());
        let message = format!("internal error, the parser panicked ({reason}); please report this file");
        Err(Error::new(ErrorKind::Malformed { format: "document".to_string(), message }, Location::source(name)))
    })
}

/// Parse every file of `paths` in parallel and call `sink` once per file (in completion order, from
/// worker threads). See the [module docs](self) for duplicates, threads and cancellation.
///
/// A failing pool (threads cannot be spawned) falls back to parsing on the calling thread.
pub fn parse_files<F>(paths: &[PathBuf], options: &BatchOptions, sink: F) -> Summary
where
    F: Fn(Item) + Sync,
{
    let run = || run_batch(paths, options, &sink);
    match rayon::ThreadPoolBuilder::new()
        .num_threads(thread_count(options.n_threads))
        .thread_name(|i| format!("cnbudget-{i}"))
        .build()
    {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

fn run_batch<F>(paths: &[PathBuf], options: &BatchOptions, sink: &F) -> Summary
where
    F: Fn(Item) + Sync,
{
    let cancelled = || options.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed));
    // Pass 1: hash every file; the first index of each (hash, size) is the one parsed.
    let keys: Vec<Result<(u64, u64), String>> = paths
        .par_iter()
        .map(|path| match std::fs::read(path) {
            Ok(data) => Ok((fnv1a64(&data), data.len() as u64)),
            Err(err) => Err(err.to_string()),
        })
        .collect();
    let mut first: HashMap<(u64, u64), usize> = HashMap::with_capacity(keys.len());
    let original: Vec<Option<usize>> =
        keys.iter().enumerate().map(|(i, key)| key.as_ref().ok().map(|&k| *first.entry(k).or_insert(i))).collect();
    // Files whose content an earlier batch of the run had (only this batch's first of each content
    // is looked up; its duplicates here point to the same earlier file).
    let earlier: Vec<Option<PathBuf>> = match &options.seen {
        None => vec![None; paths.len()],
        Some(seen) => {
            let firsts: Vec<_> = keys
                .iter()
                .zip(&original)
                .enumerate()
                .map(|(i, (key, of))| match (key, of) {
                    (Ok(key), Some(of)) if *of == i => Some((*key, &paths[i])),
                    _ => None,
                })
                .collect();
            seen.claim(&firsts)
        }
    };

    let (parsed, failed, duplicates, bytes) =
        (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let was_cancelled = AtomicBool::new(false);
    // `par_bridge` hands files to the workers in input order (rather than splitting the list into
    // one range per thread), so results arrive roughly in order and a caller can restore the exact
    // order with a window of about `n_threads` items.
    paths.iter().enumerate().par_bridge().for_each(|(index, path)| {
        if cancelled() {
            was_cancelled.store(true, Ordering::Relaxed);
            return;
        }
        let name = path.to_string_lossy();
        let item = |id, size, outcome| Item { index, path: path.clone(), id, size, outcome };
        let (id, size, outcome) = match (&keys[index], original[index]) {
            (Err(message), _) => {
                let err = Error::new(ErrorKind::Io { message: message.clone() }, Location::source(name.as_ref()));
                (None, 0, Outcome::Failed(err))
            }
            (Ok((hash, size)), Some(of)) if earlier[of].is_some() => {
                duplicates.fetch_add(1, Ordering::Relaxed);
                let path = earlier[of].clone().unwrap_or_default();
                (Some(format!("{hash:016x}")), *size, Outcome::SeenBefore { path })
            }
            (Ok((hash, size)), Some(of)) if of != index => {
                duplicates.fetch_add(1, Ordering::Relaxed);
                (Some(format!("{hash:016x}")), *size, Outcome::Duplicate { of })
            }
            (Ok(_), _) => match std::fs::read(path) {
                Err(err) => (None, 0, Outcome::Failed(io_error(&name, &err))),
                Ok(data) => {
                    bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                    let id = content_id(&data);
                    let outcome = match parse_guarded(&name, &data, &options.read) {
                        Ok(doc) => Outcome::Parsed(Box::new(doc)),
                        Err(err) => Outcome::Failed(err),
                    };
                    (Some(id), data.len() as u64, outcome)
                }
            },
        };
        match &outcome {
            Outcome::Parsed(_) => parsed.fetch_add(1, Ordering::Relaxed),
            Outcome::Failed(_) => failed.fetch_add(1, Ordering::Relaxed),
            Outcome::Duplicate { .. } | Outcome::SeenBefore { .. } => 0,
        };
        sink(item(id, size, outcome));
    });
    let count = |n: AtomicU64| usize::try_from(n.into_inner()).unwrap_or(usize::MAX);
    Summary {
        files: paths.len(),
        parsed: count(parsed),
        failed: count(failed),
        duplicates: count(duplicates),
        bytes: bytes.into_inner(),
        cancelled: was_cancelled.into_inner(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Mutex;

    use super::*;

    fn seeds() -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/seeds");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        paths
    }

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        // From the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/): "" and "a".
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(content_id(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn batch_equals_one_by_one_and_reports_duplicates_and_failures() {
        let mut paths = seeds();
        assert_eq!(paths.len(), 5);
        paths.push(paths[1].clone()); // the same file twice
        paths.push(PathBuf::from("/nonexistent/cnbudget/x.txt"));
        let items = Mutex::new(Vec::new());
        let options = BatchOptions { n_threads: Some(2), ..BatchOptions::default() };
        let summary = parse_files(&paths, &options, |item| items.lock().unwrap().push(item));
        assert_eq!((summary.files, summary.parsed, summary.duplicates, summary.failed), (7, 5, 1, 1));
        let mut items = items.into_inner().unwrap();
        items.sort_by_key(|i| i.index);
        for item in &items[..5] {
            let Outcome::Parsed(doc) = &item.outcome else { panic!("{} not parsed", item.path.display()) };
            let one = crate::parse_path(&item.path).unwrap();
            assert_eq!(doc.line_items, one.line_items);
            assert_eq!(item.id.as_deref(), Some(content_id(&std::fs::read(&item.path).unwrap()).as_str()));
        }
        assert!(matches!(items[5].outcome, Outcome::Duplicate { of: 1 }));
        assert_eq!(items[5].id, items[1].id);
        let Outcome::Failed(err) = &items[6].outcome else { panic!("missing file parsed") };
        assert_eq!(err.kind_name(), "io");
        assert_eq!(summary.bytes, paths[..5].iter().map(|p| std::fs::metadata(p).unwrap().len()).sum::<u64>());
    }

    #[test]
    fn a_file_seen_by_an_earlier_batch_is_a_duplicate_of_it() {
        let paths = seeds();
        let seen = Arc::new(SeenFiles::new());
        let options = BatchOptions { n_threads: Some(2), seen: Some(Arc::clone(&seen)), ..BatchOptions::default() };
        let first = parse_files(&paths[..3], &options, |_| {});
        assert_eq!((first.parsed, first.duplicates, seen.len()), (3, 0, 3));
        // The second batch repeats seed 1 twice and brings two new files.
        let second_paths = vec![paths[1].clone(), paths[3].clone(), paths[1].clone(), paths[4].clone()];
        let items = Mutex::new(Vec::new());
        let second = parse_files(&second_paths, &options, |item| items.lock().unwrap().push(item));
        assert_eq!((second.files, second.parsed, second.duplicates, seen.len()), (4, 2, 2, 5));
        let mut items = items.into_inner().unwrap();
        items.sort_by_key(|i| i.index);
        for index in [0, 2] {
            let Outcome::SeenBefore { path } = &items[index].outcome else { panic!("{index} parsed again") };
            assert_eq!(path, &paths[1]);
            assert_eq!(items[index].id.as_deref(), Some(content_id(&std::fs::read(&paths[1]).unwrap()).as_str()));
        }
        assert!(matches!(items[1].outcome, Outcome::Parsed(_)));
        let bytes: u64 = [3, 4].iter().map(|&i| std::fs::metadata(&paths[i]).unwrap().len()).sum();
        assert_eq!(second.bytes, bytes);
    }

    #[test]
    fn cancelled_batch_reports_nothing() {
        let cancel = Arc::new(AtomicBool::new(true));
        let options = BatchOptions { n_threads: Some(1), cancel: Some(cancel), ..BatchOptions::default() };
        let summary = parse_files(&seeds(), &options, |_| panic!("nothing should be parsed"));
        assert!(summary.cancelled);
        assert_eq!(summary.parsed, 0);
    }

    #[test]
    fn thread_count_prefers_the_request() {
        assert_eq!(thread_count(Some(3)), 3);
        assert!(thread_count(None) >= 1);
    }
}

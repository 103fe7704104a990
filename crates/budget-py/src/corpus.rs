//! `cnbudget._native._read_files`: many files parsed in parallel by [`budget_core::batch`], each
//! document converted to frame rows as soon as it is parsed and then dropped (memory holds the
//! frames, never every `Document`), the frames concatenated in input order at the end.
//!
//! Parsing and conversion run on a rayon pool with the GIL released; the calling thread wakes every
//! 100 ms to report progress to Python and to check for Ctrl-C (which cancels the batch).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use budget_core::batch::{self, BatchOptions, Item, Outcome};
use budget_core::{Document, Error, FindingStatus};
use polars::prelude::*;
use polars_core::utils::accumulate_dataframes_vertical;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_polars::PyDataFrame;

use crate::frames::{self, FrameError};
use crate::narrative_frames;

/// Builds one per-document frame.
type FrameBuilder = fn(&Document) -> Result<DataFrame, FrameError>;

/// The per-document frames a corpus concatenates, in output order, with their builders (each gets
/// a leading `document_id` column).
const DOC_FRAMES: [(&str, FrameBuilder); 4] = [
    ("line_items", frames::line_items),
    ("facts", narrative_frames::facts),
    ("indicators", narrative_frames::indicators),
    ("findings", narrative_frames::findings),
];

/// What one file contributed: its `documents` row, its frames (with `document_id`), or an error.
struct Part {
    index: usize,
    row: DocRow,
    /// One frame per [`DOC_FRAMES`] entry, then the tables frame; empty unless parsed.
    frames: Vec<DataFrame>,
    error: Option<ErrorRow>,
}

/// One row of the `documents` frame.
#[derive(Default)]
struct DocRow {
    id: Option<String>,
    path: String,
    size: u64,
    status: &'static str,
    duplicate_of: Option<usize>,
    format: Option<String>,
    encoding: Option<String>,
    title: Option<String>,
    agency: Option<String>,
    agency_code: Option<String>,
    region: Option<String>,
    adcode: Option<String>,
    year: Option<i32>,
    kind: Option<&'static str>,
    scope: Option<&'static str>,
    unit: Option<&'static str>,
    n_tables: u32,
    n_line_items: u32,
    n_findings: u32,
    n_findings_failed: u32,
    n_warnings: u32,
}

/// One row of the `errors` frame.
struct ErrorRow {
    kind: String,
    message: String,
    line: Option<u64>,
    byte: Option<u64>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn with_id(id: &str, df: DataFrame) -> Result<DataFrame, FrameError> {
    let mut df = df;
    let ids = Column::new("document_id".into(), vec![id; df.height()]);
    df.insert_column(0, ids)?;
    Ok(df)
}

/// One row per table of `doc`: index, kind, title, unit, declared_empty, n_rows, n_columns,
/// line_start, line_end.
fn tables_frame(id: &str, doc: &Document) -> Result<DataFrame, FrameError> {
    let t = &doc.tables;
    let line = |n: usize| u32::try_from(n).ok().filter(|&n| n > 0);
    let columns = vec![
        Column::new("document_id".into(), vec![id; t.len()]),
        Column::new("index".into(), t.iter().map(|t| count(t.index)).collect::<Vec<_>>()),
        Column::new("kind".into(), t.iter().map(|t| t.kind.as_str()).collect::<Vec<_>>()),
        Column::new("title".into(), t.iter().map(|t| t.title.as_deref()).collect::<Vec<_>>()),
        Column::new("unit".into(), t.iter().map(|t| t.unit.map(|u| u.as_str())).collect::<Vec<_>>()),
        Column::new("declared_empty".into(), t.iter().map(|t| t.declared_empty).collect::<Vec<_>>()),
        Column::new("n_rows".into(), t.iter().map(|t| count(t.rows.len())).collect::<Vec<_>>()),
        Column::new("n_columns".into(), t.iter().map(|t| count(t.columns.len())).collect::<Vec<_>>()),
        Column::new("line_start".into(), t.iter().map(|t| line(t.provenance.line_start)).collect::<Vec<_>>()),
        Column::new("line_end".into(), t.iter().map(|t| line(t.provenance.line_end)).collect::<Vec<_>>()),
    ];
    Ok(DataFrame::new(t.len(), columns)?)
}

fn error_row(err: &Error) -> ErrorRow {
    let location = err.location();
    ErrorRow {
        kind: err.kind_name().to_string(),
        message: err.kind().to_string(),
        line: location.line.map(|l| l as u64),
        byte: location.byte.map(|b| b as u64),
    }
}

/// Convert one finished file into its [`Part`] (the document is dropped here).
fn part(item: Item) -> Part {
    let Item { index, path, id, size, outcome } = item;
    let mut row = DocRow { id, path: path.to_string_lossy().into_owned(), size, ..DocRow::default() };
    let mut part = Part { index, row: DocRow::default(), frames: Vec::new(), error: None };
    match outcome {
        Outcome::Failed(err) => {
            row.status = "error";
            part.error = Some(error_row(&err));
        }
        Outcome::Duplicate { of } => {
            row.status = "duplicate";
            row.duplicate_of = Some(of);
        }
        Outcome::Parsed(doc) => {
            let id = row.id.clone().unwrap_or_default();
            // A frame that cannot be built (a value that would not stay exact) is reported and left
            // empty for this document; the document's other frames are kept (status `partial`).
            let mut failures = Vec::new();
            let mut keep = |name: &str, built: Result<DataFrame, FrameError>, empty: fn() -> DataFrame| {
                built.unwrap_or_else(|err| {
                    failures.push(format!("{name}: {err}"));
                    empty()
                })
            };
            let mut frames: Vec<DataFrame> = DOC_FRAMES
                .iter()
                .map(|(name, build)| keep(name, build(&doc).and_then(|df| with_id(&id, df)), DataFrame::empty))
                .collect();
            frames.push(keep("tables", tables_frame(&id, &doc), DataFrame::empty));
            let m = &doc.meta;
            row.format = Some(doc.format.clone());
            row.encoding = Some(doc.encoding.clone());
            row.title.clone_from(&m.title);
            row.agency.clone_from(&m.agency);
            row.agency_code.clone_from(&m.agency_code);
            row.region.clone_from(&m.region);
            row.adcode.clone_from(&m.adcode);
            row.year = m.year;
            row.kind = m.kind.map(|k| k.as_str());
            row.scope = m.scope.map(|s| s.as_str());
            row.unit = m.unit.map(|u| u.as_str());
            row.n_tables = count(doc.tables.len());
            row.n_line_items = count(doc.line_items.len());
            row.n_findings = count(doc.findings.len());
            row.n_findings_failed = count(doc.findings.iter().filter(|f| f.status == FindingStatus::Fail).count());
            row.n_warnings = count(doc.warnings.len());
            row.status = if failures.is_empty() { "ok" } else { "partial" };
            if !failures.is_empty() {
                let message = failures.join("; ");
                part.error = Some(ErrorRow { kind: "Frame".to_string(), message, line: None, byte: None });
            }
            part.frames = frames; // an unbuilt frame is a zero-width placeholder, skipped when compacting
        }
    }
    part.row = row;
    part
}

/// Concatenate `frames` in order (one chunk per input frame), or `empty` when there are none.
fn concat(frames: Vec<DataFrame>, empty: DataFrame) -> PolarsResult<DataFrame> {
    if frames.is_empty() {
        return Ok(empty);
    }
    accumulate_dataframes_vertical(frames)
}

/// Documents per compacted chunk: the small per-document frames of this many documents are copied
/// into one chunk and freed, so memory holds the output plus a window, not thousands of small frames.
const COMPACT_EVERY: usize = 256;

/// Puts the parts back in input order (they arrive roughly in order, see `budget_core::batch`) and
/// compacts their frames every [`COMPACT_EVERY`] documents.
#[derive(Default)]
struct Collector {
    next: usize,
    pending: BTreeMap<usize, Part>,
    ready: Vec<Part>,
    /// Every part in input order, frames taken out.
    done: Vec<Part>,
    /// Compacted chunks, one list per [`DOC_FRAMES`] entry, then the tables.
    chunks: Vec<Vec<DataFrame>>,
    failure: Option<PolarsError>,
}

impl Collector {
    fn push(&mut self, part: Part) {
        self.pending.insert(part.index, part);
        while let Some(part) = self.pending.remove(&self.next) {
            self.next += 1;
            self.ready.push(part);
        }
        if self.ready.len() >= COMPACT_EVERY {
            self.compact();
        }
    }

    /// Move the ready parts' frames into one chunk per frame kind.
    fn compact(&mut self) {
        let mut per_frame: Vec<Vec<DataFrame>> = vec![Vec::new(); DOC_FRAMES.len() + 1];
        for mut part in self.ready.drain(..) {
            for (k, df) in std::mem::take(&mut part.frames).into_iter().enumerate() {
                if df.width() > 0 {
                    per_frame[k].push(df);
                }
            }
            self.done.push(part);
        }
        self.chunks.resize_with(DOC_FRAMES.len() + 1, Vec::new);
        for (k, dfs) in per_frame.into_iter().enumerate() {
            if dfs.is_empty() {
                continue;
            }
            match accumulate_dataframes_vertical(dfs) {
                Ok(mut df) => self.chunks[k].push(std::mem::take(df.rechunk_mut())),
                Err(err) => {
                    self.failure.get_or_insert(err);
                }
            }
        }
    }

    /// Everything left, in order (parts missing after a cancellation are skipped).
    fn finish(mut self) -> Self {
        let pending = std::mem::take(&mut self.pending);
        self.ready.extend(pending.into_values());
        self.compact();
        self
    }
}

/// The `documents` and `errors` frames from the rows, in input order.
fn documents_and_errors(parts: &[Part]) -> PolarsResult<(DataFrame, DataFrame)> {
    let rows: Vec<&DocRow> = parts.iter().map(|p| &p.row).collect();
    let path_of = |i: usize| parts.get(i).map(|p| p.row.path.as_str());
    macro_rules! col {
        ($name:literal, $f:expr) => {
            Column::new($name.into(), rows.iter().map($f).collect::<Vec<_>>())
        };
    }
    let documents = DataFrame::new(
        rows.len(),
        vec![
            col!("document_id", |r| r.id.as_deref()),
            col!("path", |r| r.path.as_str()),
            col!("size_bytes", |r| r.size),
            col!("status", |r| r.status),
            col!("duplicate_of", |r| r.duplicate_of.and_then(path_of)),
            col!("format", |r| r.format.as_deref()),
            col!("encoding", |r| r.encoding.as_deref()),
            col!("title", |r| r.title.as_deref()),
            col!("agency", |r| r.agency.as_deref()),
            col!("agency_code", |r| r.agency_code.as_deref()),
            col!("region", |r| r.region.as_deref()),
            col!("adcode", |r| r.adcode.as_deref()),
            col!("year", |r| r.year),
            col!("kind", |r| r.kind),
            col!("scope", |r| r.scope),
            col!("unit", |r| r.unit),
            col!("n_tables", |r| r.n_tables),
            col!("n_line_items", |r| r.n_line_items),
            col!("n_findings", |r| r.n_findings),
            col!("n_findings_failed", |r| r.n_findings_failed),
            col!("n_warnings", |r| r.n_warnings),
        ],
    )?;
    let failed: Vec<(&DocRow, &ErrorRow)> =
        parts.iter().filter_map(|p| p.error.as_ref().map(|e| (&p.row, e))).collect();
    macro_rules! ecol {
        ($name:literal, $f:expr) => {
            Column::new($name.into(), failed.iter().map($f).collect::<Vec<_>>())
        };
    }
    let errors = DataFrame::new(
        failed.len(),
        vec![
            ecol!("path", |(r, _)| r.path.as_str()),
            ecol!("document_id", |(r, _)| r.id.as_deref()),
            ecol!("kind", |(_, e)| e.kind.as_str()),
            ecol!("message", |(_, e)| e.message.as_str()),
            ecol!("line", |(_, e)| e.line),
            ecol!("byte", |(_, e)| e.byte),
        ],
    )?;
    Ok((documents, errors))
}

/// Parse `paths` in parallel and return `(frames, summary)`: `frames` maps `documents`,
/// `line_items`, `facts`, `indicators`, `findings`, `tables`, `errors` to DataFrames; `summary` maps
/// `files`, `parsed`, `failed`, `partial`, `duplicates`, `bytes`, `seconds` to numbers.
/// `progress(done, total, errors, bytes)` is called from the calling thread at most every 100 ms and
/// once at the end.
#[pyfunction]
#[pyo3(name = "_read_files", signature = (paths, *, n_threads = None, progress = None))]
pub fn read_files<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    n_threads: Option<usize>,
    progress: Option<Py<PyAny>>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let cancel = Arc::new(AtomicBool::new(false));
    let options = BatchOptions { n_threads, cancel: Some(Arc::clone(&cancel)), ..BatchOptions::default() };
    let (done, errors, bytes) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicU64::new(0));
    let parts = Mutex::new(Collector::default());
    let total = paths.len();
    let started = std::time::Instant::now();
    let mut interrupted: Option<PyErr> = None;
    let summary = py.detach(|| {
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            let (parts, done, errors, bytes) = (&parts, &done, &errors, &bytes);
            let options = &options;
            let paths = &paths;
            scope.spawn(move || {
                let summary = batch::parse_files(paths, options, |item| {
                    let size = item.size;
                    let part = part(item);
                    if part.error.is_some() {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    if matches!(part.row.status, "ok" | "partial") {
                        bytes.fetch_add(size, Ordering::Relaxed);
                    }
                    parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(part);

                    done.fetch_add(1, Ordering::Relaxed);
                });
                let _ = tx.send(summary);
            });
            let report = |interrupted: &mut Option<PyErr>| {
                Python::attach(|py| {
                    if let Err(err) = py.check_signals() {
                        cancel.store(true, Ordering::Relaxed);
                        interrupted.get_or_insert(err);
                    }
                    if let Some(callback) = &progress {
                        let args = (
                            done.load(Ordering::Relaxed),
                            total,
                            errors.load(Ordering::Relaxed),
                            bytes.load(Ordering::Relaxed),
                        );
                        if let Err(err) = callback.call1(py, args) {
                            cancel.store(true, Ordering::Relaxed);
                            interrupted.get_or_insert(err);
                        }
                    }
                });
            };
            loop {
                match rx.recv_timeout(Duration::from_millis(100)) {
                    Ok(summary) => {
                        report(&mut interrupted);
                        return Some(summary);
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => report(&mut interrupted),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
        })
    });
    if let Some(err) = interrupted {
        return Err(err);
    }
    let summary =
        summary.ok_or_else(|| crate::error::CnbudgetError::new_err("the batch worker stopped unexpectedly"))?;
    let seconds = started.elapsed().as_secs_f64();
    let frames = py.detach(|| -> PolarsResult<_> {
        let collector = parts.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).finish();
        if let Some(err) = collector.failure {
            return Err(err);
        }
        let (documents, errors) = documents_and_errors(&collector.done)?;
        let mut per_frame = collector.chunks;
        let empty = Document::default();
        let mut out = vec![("documents", documents)];
        let tables = per_frame.pop().unwrap_or_default();
        for ((name, build), dfs) in DOC_FRAMES.iter().zip(per_frame) {
            let schema = with_id("", build(&empty).map_err(to_polars)?).map_err(to_polars)?;
            out.push((name, concat(dfs, schema)?));
        }
        out.push(("tables", concat(tables, tables_frame("", &empty).map_err(to_polars)?)?));
        out.push(("errors", errors));
        Ok(out)
    });
    let frames = frames.map_err(|e| crate::error::frame_error(FrameError::Polars(e)))?;
    let out = PyDict::new(py);
    for (name, df) in frames {
        out.set_item(name, PyDataFrame(df))?;
    }
    let stats = PyDict::new(py);
    stats.set_item("files", summary.files)?;
    // `partial`: parsed, but some frame could not be built for it (reported in `errors`).
    stats.set_item("parsed", summary.parsed)?;
    stats.set_item("failed", summary.failed)?;
    stats.set_item("partial", errors.load(Ordering::Relaxed).saturating_sub(summary.failed))?;
    stats.set_item("duplicates", summary.duplicates)?;
    stats.set_item("bytes", summary.bytes)?;
    stats.set_item("seconds", seconds)?;
    Ok((out, stats))
}

fn to_polars(err: FrameError) -> PolarsError {
    match err {
        FrameError::Polars(e) => e,
        other => PolarsError::ComputeError(other.to_string().into()),
    }
}

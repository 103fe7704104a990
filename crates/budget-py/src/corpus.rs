//! `cnbudget._native._read_files`: many files parsed in parallel by [`budget_core::batch`], each
//! document appended to the corpus frames (columnar builders, [`crate::rows`]) as soon as the
//! documents before it are, and then dropped: memory holds the frames and the few documents that
//! finished early, never every `Document`.
//!
//! Parsing and conversion run on a rayon pool with the GIL released; the calling thread wakes every
//! 100 ms to report progress to Python and to check for Ctrl-C (which cancels the batch).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use budget_core::batch::{self, BatchOptions, Item, Outcome, SeenFiles};
use budget_core::{Document, Error, FindingStatus};
use polars::prelude::*;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_polars::PyDataFrame;

use crate::frames::{lines, FrameError, LineItemRows};
use crate::key_figure_frames::KeyFigureRows;
use crate::narrative_frames::{FactRows, FindingRows, IndicatorRows};
use crate::rows::{frame_rows, Strs, Vals};

/// What one file contributed: its `documents` row, the parsed document (until its rows are in the
/// frames), or an error.
struct Part {
    index: usize,
    row: DocRow,
    doc: Option<Box<Document>>,
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
    /// The path of an earlier batch's file with this content (see `SeenFiles`).
    seen_before: Option<String>,
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
    is_disclosure: Option<bool>,
    not_disclosure_reason: Option<String>,
    level: Option<&'static str>,
    sub_units: Option<String>,
    /// `SOURCE_FIELDS[i]` was read from `sources[i]` (a `MetaSource::label`).
    sources: [Option<String>; SOURCE_FIELDS.len()],
}

/// The meta fields whose source is a `<field>_source` column of the `documents` frame.
const SOURCE_FIELDS: [&str; 8] = ["title", "agency", "year", "kind", "level", "region", "adcode", "is_disclosure"];

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

frame_rows! {
    /// One row per table: index, kind, title, unit, declared_empty, n_rows, n_columns, line_start,
    /// line_end.
    struct TableRows {
        index: Vals<u32>,
        kind: Strs,
        title: Strs,
        unit: Strs,
        declared_empty: Vals<bool>,
        n_rows: Vals<u32>,
        n_columns: Vals<u32>,
        line_start: Vals<Option<u32>>,
        line_end: Vals<Option<u32>>,
    }
}

impl TableRows {
    fn push(&mut self, doc: &Document, id: &str) -> Result<(), FrameError> {
        let places = doc.tables.iter().map(|t| lines(&t.provenance)).collect::<Result<Vec<_>, _>>()?;
        for (t, (start, end, _)) in doc.tables.iter().zip(places) {
            self.index.0.push(count(t.index));
            self.kind.push_str(t.kind.as_str());
            self.title.push(t.title.as_deref());
            self.unit.push(t.unit.map(|u| u.as_str()));
            self.declared_empty.0.push(t.declared_empty);
            self.n_rows.0.push(count(t.rows.len()));
            self.n_columns.0.push(count(t.columns.len()));
            self.line_start.0.push(start);
            self.line_end.0.push(end);
        }
        self.rows_added(id, doc.tables.len());
        Ok(())
    }
}

/// One row per table of `doc` (the columns of [`TableRows`], without `document_id`): Python's
/// `Document.tables_frame`, whose rows `Corpus.tables_frame` stacks.
pub(crate) fn tables_frame(doc: &Document) -> Result<polars::prelude::DataFrame, FrameError> {
    let mut rows = TableRows::default();
    rows.push(doc, "")?;
    Ok(rows.finish(false)?)
}

/// The per-document frames of a corpus, filled in input order.
#[derive(Default)]
struct CorpusRows {
    line_items: LineItemRows,
    facts: FactRows,
    indicators: IndicatorRows,
    findings: FindingRows,
    tables: TableRows,
    key_figures: KeyFigureRows,
}

impl CorpusRows {
    /// Append `doc`'s rows to every frame. A frame that cannot take them (a value that would not
    /// stay exact) gets none of them; its failure is returned, the other frames keep theirs.
    fn push(&mut self, doc: &Document, id: &str) -> Vec<String> {
        let results = [
            ("line_items", self.line_items.push(doc, id)),
            ("facts", self.facts.push(doc, id)),
            ("indicators", self.indicators.push(doc, id)),
            ("findings", self.findings.push(doc, id)),
            ("tables", self.tables.push(doc, id)),
            ("key_figures", self.key_figures.push(doc, id)),
        ];
        results.into_iter().filter_map(|(name, r)| r.err().map(|err| format!("{name}: {err}"))).collect()
    }

    /// The frames, each with its leading `document_id` column, in output order.
    fn finish(self) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
        Ok(vec![
            ("line_items", self.line_items.finish(true)?),
            ("facts", self.facts.finish(true)?),
            ("indicators", self.indicators.finish(true)?),
            ("findings", self.findings.finish(true)?),
            ("tables", self.tables.finish(true)?),
            ("key_figures", self.key_figures.finish(true)?),
        ])
    }
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

/// Convert one finished file into its [`Part`]: its `documents` row, and the document to append.
fn part(item: Item) -> Part {
    let Item { index, path, id, size, outcome } = item;
    let mut row = DocRow { id, path: path.to_string_lossy().into_owned(), size, ..DocRow::default() };
    let mut part = Part { index, row: DocRow::default(), doc: None, error: None };
    match outcome {
        Outcome::Failed(err) => {
            row.status = "error";
            part.error = Some(error_row(&err));
        }
        Outcome::Duplicate { of } => {
            row.status = "duplicate";
            row.duplicate_of = Some(of);
        }
        Outcome::SeenBefore { path } => {
            row.status = "duplicate";
            row.seen_before = Some(path.to_string_lossy().into_owned());
        }
        Outcome::Parsed(doc) => {
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
            row.is_disclosure = Some(m.is_disclosure);
            row.not_disclosure_reason.clone_from(&m.not_disclosure_reason);
            row.level = m.level.map(|s| s.as_str());
            row.sub_units = (!m.sub_units.is_empty()).then(|| m.sub_units.join("、"));
            for (slot, field) in row.sources.iter_mut().zip(SOURCE_FIELDS) {
                *slot = m.sources.get(field).map(budget_core::MetaSource::label);
            }
            row.n_tables = count(doc.tables.len());
            row.n_line_items = count(doc.line_items.len());
            row.n_findings = count(doc.findings.len());
            row.n_findings_failed = count(doc.findings.iter().filter(|f| f.status == FindingStatus::Fail).count());
            row.n_warnings = count(doc.warnings.len());
            row.status = "ok"; // `partial` if a frame cannot take its rows (see `Collector::append`)
            part.doc = Some(doc);
        }
    }
    part.row = row;
    part
}

/// Puts the parts back in input order (they arrive roughly in order, see `budget_core::batch`) and
/// appends each document to the frames as soon as every document before it is in.
#[derive(Default)]
struct Collector {
    next: usize,
    pending: BTreeMap<usize, Part>,
    /// Every part in input order, documents dropped.
    done: Vec<Part>,
    frames: CorpusRows,
}

impl Collector {
    /// Take `part`; returns how many documents became `partial` (a frame could not take them).
    fn push(&mut self, part: Part) -> usize {
        self.pending.insert(part.index, part);
        let mut partial = 0;
        while let Some(part) = self.pending.remove(&self.next) {
            self.next += 1;
            partial += usize::from(self.append(part));
        }
        partial
    }

    /// Append `part`'s document (if any) to the frames and keep its row; whether it became partial.
    fn append(&mut self, mut part: Part) -> bool {
        let mut partial = false;
        if let Some(doc) = part.doc.take() {
            let failures = self.frames.push(&doc, part.row.id.as_deref().unwrap_or_default());
            if !failures.is_empty() {
                // The document's other frames keep its rows.
                part.row.status = "partial";
                let message = failures.join("; ");
                part.error = Some(ErrorRow { kind: "frame".to_string(), message, line: None, byte: None });
                partial = true;
            }
        }
        self.done.push(part);
        partial
    }

    /// Everything left, in order (parts missing after a cancellation are skipped).
    fn finish(mut self) -> Self {
        for part in std::mem::take(&mut self.pending).into_values() {
            self.append(part);
        }
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
            col!("duplicate_of", |r| r.duplicate_of.and_then(path_of).or(r.seen_before.as_deref())),
            col!("format", |r| r.format.as_deref()),
            col!("encoding", |r| r.encoding.as_deref()),
            col!("title", |r| r.title.as_deref()),
            col!("agency", |r| r.agency.as_deref()),
            col!("agency_code", |r| r.agency_code.as_deref()),
            col!("region", |r| r.region.as_deref()),
            col!("adcode", |r| r.adcode.as_deref()),
            col!("province", |r| r.adcode.as_deref().and_then(budget_core::catalog::admin::province_of)),
            col!("year", |r| r.year),
            col!("kind", |r| r.kind),
            col!("scope", |r| r.scope),
            col!("unit", |r| r.unit),
            col!("n_tables", |r| r.n_tables),
            col!("n_line_items", |r| r.n_line_items),
            col!("n_findings", |r| r.n_findings),
            col!("n_findings_failed", |r| r.n_findings_failed),
            col!("n_warnings", |r| r.n_warnings),
            col!("is_disclosure", |r| r.is_disclosure),
            col!("not_disclosure_reason", |r| r.not_disclosure_reason.as_deref()),
            col!("level", |r| r.level),
            col!("sub_units", |r| r.sub_units.as_deref()),
        ],
    )?;
    let mut documents = documents;
    for (i, field) in SOURCE_FIELDS.iter().enumerate() {
        let values: Vec<Option<&str>> = rows.iter().map(|r| r.sources[i].as_deref()).collect();
        documents.with_column(Column::new(format!("{field}_source").into(), values))?;
    }
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
/// `line_items`, `facts`, `indicators`, `findings`, `tables`, `key_figures`, `errors` to DataFrames; `summary` maps
/// `files`, `parsed`, `failed`, `partial`, `duplicates`, `bytes`, `seconds` to numbers.
/// `progress(done, total, errors, bytes)` is called from the calling thread at most every 100 ms and
/// once at the end. `seen` (one per run, shared by its batches) makes a file with the content of an
/// earlier batch's file a `duplicate` of it.
#[pyfunction]
#[pyo3(name = "_read_files", signature = (paths, *, n_threads = None, progress = None, seen = None))]
pub fn read_files<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    n_threads: Option<usize>,
    progress: Option<Py<PyAny>>,
    seen: Option<PyRef<'py, PySeenFiles>>,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let cancel = Arc::new(AtomicBool::new(false));
    let options = BatchOptions {
        n_threads,
        cancel: Some(Arc::clone(&cancel)),
        seen: seen.map(|s| Arc::clone(&s.inner)),
        ..BatchOptions::default()
    };
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
                    let failed = usize::from(part.error.is_some());
                    if part.doc.is_some() {
                        bytes.fetch_add(size, Ordering::Relaxed);
                    }
                    let partial = parts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(part);
                    errors.fetch_add(failed + partial, Ordering::Relaxed);
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
        let (documents, errors) = documents_and_errors(&collector.done)?;
        let mut out = vec![("documents", documents)];
        out.extend(collector.frames.finish()?);
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

/// The files seen by the batches of one run (`budget_core::batch::SeenFiles`): pass the same object
/// to every `_read_files` call of a chunked run so that duplicates are found across chunks.
#[pyclass(name = "_SeenFiles", module = "cnbudget._native", frozen)]
pub struct PySeenFiles {
    inner: Arc<SeenFiles>,
}

#[pymethods]
impl PySeenFiles {
    #[new]
    fn new() -> Self {
        Self { inner: Arc::new(SeenFiles::new()) }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

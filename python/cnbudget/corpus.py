"""Many documents at once: :func:`read_dir` and :func:`read_files` return a :class:`Corpus`.

Parsing runs in Rust on a thread pool with the GIL released. Each document is turned into frame
rows as soon as it is parsed and then dropped, so memory holds the frames, not every document::

    import cnbudget
    corpus = cnbudget.read_dir("disclosures/")       # progress bar; Ctrl-C cancels
    corpus.documents                                 # one row per file, with its parse status
    corpus.line_items                                # every line item, with a document_id column
    corpus.errors                                    # files that failed, and why
    corpus.write_parquet("out/")                     # Parquet, partitioned by year and province

For more documents than fit in memory, :func:`parse_to_parquet` writes the same Parquet layout chunk
by chunk, holding one chunk at a time::

    cnbudget.parse_to_parquet("disclosures/", "out/")  # returns the totals; same progress bar
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Protocol

import polars as pl

from . import _native
from ._parquet import (
    PARTITIONED,
    ChunkWriter,
    part_name,
    partition_keys,
    prepare_dataset,
    release_memory,
    write_partitioned,
)

__all__ = ["Corpus", "parse_to_parquet", "read_dir", "read_files"]

_FUNDS_ORDER = ("all", "fiscal_grants", "general_budget", "gov_fund", "state_capital")
"""The order in which :meth:`Corpus.key_figures_wide` prefers the funds of a figure."""

OnError = Literal["collect", "warn", "raise"]
"""What to do with files that fail: keep them in :attr:`Corpus.errors` (``collect``), also emit a
``UserWarning`` per failure (``warn``), or raise :class:`cnbudget.CnbudgetError` after the batch if any
failed (``raise``). The batch itself always runs to the end."""


class _Bar(Protocol):
    def __call__(self, done: int, total: int, errors: int, nbytes: int) -> None: ...

    def close(self) -> None: ...


class _PlainBar:
    """A one-line progress bar on stderr, used when tqdm is not installed."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.start = time.monotonic()
        self.last = 0.0
        self.tty = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, errors: int, nbytes: int) -> None:
        now = time.monotonic()
        if now - self.last < (0.1 if self.tty else 5.0) and done < total:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        width = 30
        filled = width * done // max(total, 1)
        line = (
            f"cnbudget [{'#' * filled}{'.' * (width - filled)}] {done}/{total} files, "
            f"{rate:.1f} files/s, {nbytes / 1e6:.1f} MB, {errors} errors"
        )
        sys.stderr.write(("\r" if self.tty else "") + line + ("" if self.tty else "\n"))
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown and self.tty:
            sys.stderr.write("\n")
            sys.stderr.flush()


class _TqdmBar:
    """A ``tqdm.auto`` bar (terminal or Jupyter widget) showing files/s, MB and errors."""

    def __init__(self, total: int, tqdm: Any) -> None:
        self.bar = tqdm(total=total, unit="file", desc="cnbudget", dynamic_ncols=True)
        self.done = 0

    def __call__(self, done: int, total: int, errors: int, nbytes: int) -> None:
        self.bar.set_postfix(errors=errors, MB=round(nbytes / 1e6, 1), refresh=False)
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        self.bar.close()


def _progress_bar(total: int) -> _Bar:
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return _PlainBar(total)
    return _TqdmBar(total, tqdm)


class Corpus:
    """The frames of many documents, each with a leading ``document_id`` column.

    ``document_id`` is the content id of the file: the 64-bit FNV-1a hash of its bytes as 16 hex
    digits (fast, not cryptographic). A file whose content equals an earlier file's is parsed once
    and listed in :attr:`documents` with ``status == "duplicate"`` and ``duplicate_of``.
    """

    def __init__(self, frames: dict[str, pl.DataFrame], totals: dict[str, float]) -> None:
        self._frames = frames
        self.totals: dict[str, float] = totals
        """Totals: ``files``, ``parsed``, ``failed`` (not parsed), ``partial`` (parsed, but a frame could
        not be built: see :attr:`errors`), ``duplicates``, ``bytes`` (parsed), ``seconds``."""

    @property
    def summary(self) -> dict[str, float]:
        """Deprecated alias of :attr:`totals` (``Document.summary()`` is the text summary of findings;
        the corpus's counts are its totals). Removed in the next release."""
        warnings.warn("Corpus.summary is deprecated; use Corpus.totals", DeprecationWarning, stacklevel=2)
        return self.totals

    @property
    def documents(self) -> pl.DataFrame:
        """One row per file, in input order: ``document_id``, ``path``, ``size_bytes``, ``status``
        (``ok``/``partial``/``error``/``duplicate``; ``partial``: parsed, but one of its frames could
        not be built and is empty for it, the reason in :attr:`errors`), ``duplicate_of`` (path of the first file with the same
        content), ``format``, ``encoding``, ``title``, ``agency``, ``agency_code``, ``region``,
        ``adcode``, ``province`` (the code of ``adcode``'s province, ``XX0000``, from the core's
        catalog: the key of the partitioned Parquet layout), ``year``, ``kind``, ``scope``, ``unit``, ``n_tables``, ``n_line_items``,
        ``n_findings``, ``n_findings_failed``, ``n_warnings``, ``is_disclosure`` (False for a notice, a
        template, a landing page …), ``not_disclosure_reason``, ``level`` (``部门``/``单位``),
        ``sub_units`` (``、``-joined), and where each identity field was read: ``title_source``,
        ``agency_source``, ``year_source``, ``kind_source``, ``level_source``, ``region_source``,
        ``adcode_source``, ``is_disclosure_source`` (e.g. ``cover_title p1``, ``caption_field p27``,
        ``file_name``)."""
        return self._frames["documents"]

    @property
    def line_items(self) -> pl.DataFrame:
        """``document_id`` followed by the columns of :attr:`cnbudget.Document.line_items`."""
        return self._frames["line_items"]

    @property
    def tables_frame(self) -> pl.DataFrame:
        """One row per table: ``document_id`` followed by the columns of
        :attr:`cnbudget.Document.tables_frame` (``index``, ``kind``, ``title``, ``unit``,
        ``declared_empty``, ``n_rows``, ``n_columns``, ``line_start``, ``line_end``). Written as the
        ``tables`` Parquet dataset."""
        return self._frames["tables"]

    @property
    def tables(self) -> pl.DataFrame:
        """Deprecated alias of :attr:`tables_frame` (``Document.tables`` is a list of
        :class:`cnbudget.Table` objects; the frame of them is ``tables_frame`` on both). Removed in the
        next release."""
        warnings.warn("Corpus.tables is deprecated; use Corpus.tables_frame", DeprecationWarning, stacklevel=2)
        return self.tables_frame

    @property
    def errors(self) -> pl.DataFrame:
        """One row per file that failed: ``path``, ``document_id`` (null if unreadable), ``kind``
        (``io``, ``empty``, ``decode``, ``unsupported_format``, ``malformed``, ``limit_exceeded``,
        ``frame``: :attr:`cnbudget.ParseError.kind`), ``message``, ``line``, ``byte``."""
        return self._frames["errors"]

    @property
    def duplicates(self) -> pl.DataFrame:
        """The files skipped because an earlier file has the same content: ``path``,
        ``document_id``, ``duplicate_of``."""
        docs = self.documents
        return docs.filter(pl.col("status") == "duplicate").select("path", "document_id", "duplicate_of")

    def _optional(self, name: str) -> pl.DataFrame:
        frame = self._frames.get(name)
        if frame is None:
            raise AttributeError(f"Corpus.{name} is not available in this version of cnbudget")
        return frame

    @property
    def facts(self) -> pl.DataFrame:
        """``document_id`` + the columns of :attr:`cnbudget.Document.facts` (numbers stated in the text)."""
        return self._optional("facts")

    @property
    def indicators(self) -> pl.DataFrame:
        """``document_id`` + the columns of :attr:`cnbudget.Document.indicators` (performance targets)."""
        return self._optional("indicators")

    @property
    def findings(self) -> pl.DataFrame:
        """``document_id`` + the columns of :attr:`cnbudget.Document.findings` (validation outcomes)."""
        return self._optional("findings")

    @property
    def key_figures(self) -> pl.DataFrame:
        """``document_id`` + the columns of :attr:`cnbudget.Document.key_figures` (the headline figures,
        one row per document, key, funds and phase). :meth:`key_figures_wide` joins them to the
        documents' identity, one row per document."""
        return self._optional("key_figures")

    def key_figures_wide(self, funds: str | None = None, phase: str | None = None) -> pl.DataFrame:
        """The cross-region panel: one row per parsed document with its identity (``document_id``,
        ``path``, ``agency``, ``level``, ``scope``, ``region``, ``adcode``, ``year``, ``kind``, as in
        :attr:`documents`) and
        one Decimal column per key of :data:`cnbudget.KEY_FIGURE_KEYS` (amounts in 元; null where the
        document states no such figure).

        Per document and key, the figure taken is that of the document's own phase (``预算数`` for a
        预算, ``决算数`` for a 决算) and the widest funds stated (``all``, then ``fiscal_grants``,
        ``general_budget``, …), unless ``funds`` / ``phase`` ask for one (e.g. ``funds="general_budget"``).
        The long frame :attr:`key_figures` holds every figure with its source.
        """
        identity = self.documents.filter(pl.col("status").is_in(["ok", "partial"])).select(
            "document_id",
            "path",
            "agency",
            "level",
            "scope",
            "region",
            "adcode",
            "year",
            "kind",
        )
        figures = self.key_figures.join(identity.select("document_id", "kind"), on="document_id", how="left")
        own_phase = pl.when(pl.col("kind") == "决算").then(pl.lit("决算数")).otherwise(pl.lit("预算数"))
        figures = figures.filter(pl.col("phase") == (pl.lit(phase) if phase is not None else own_phase))
        if funds is not None:
            figures = figures.filter(pl.col("funds") == funds)
        order = {name: rank for rank, name in enumerate(_FUNDS_ORDER)}
        picked = (
            figures.with_columns(
                pl.col("funds").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_rank"),
                pl.int_range(pl.len()).alias("_row"),
            )
            .sort("_rank", "_row")
            .unique(subset=["document_id", "key"], keep="first", maintain_order=True)
            .select("document_id", "key", "amount")
        )
        keys = list(_native.KEY_FIGURE_KEYS)
        wide = identity
        for key in keys:
            column = picked.filter(pl.col("key") == key).select("document_id", pl.col("amount").alias(key))
            wide = wide.join(column, on="document_id", how="left")
        return wide

    @property
    def frame_names(self) -> list[str]:
        """The names of the frames this corpus holds (``documents``, ``line_items``, …)."""
        return list(self._frames)

    def write_parquet(self, directory: str | os.PathLike[str]) -> dict[str, Path]:
        """Write every frame as Parquet under ``directory`` (created if missing).

        Layout::

            documents.parquet                 one row per file (see :attr:`documents`)
            errors.parquet                    one row per failed file (see :attr:`errors`)
            line_items/year=2023/province=130000/00000000.parquet
            tables/year=…/province=…/…        likewise (and facts/, indicators/, findings/, key_figures/)

        The partitioned frames get two extra columns from their document: ``year`` (Int32) and
        ``province`` (String, the first two digits of ``adcode`` + ``0000``, e.g. ``640000``); a
        document without a year or region goes to ``__HIVE_DEFAULT_PARTITION__``. The facts' own
        ``year`` (the year a stated number refers to) is written as ``stated_year``. ``amount`` stays
        ``Decimal(38, 6)``. Read back with
        ``pl.scan_parquet(directory / "line_items", hive_partitioning=True)``. Partition folders left in
        ``line_items/`` etc. by an earlier write are removed first. :func:`parse_to_parquet` writes the
        same layout without holding a corpus in memory.

        Returns:
            The path written for each frame name.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        keys = partition_keys(self.documents)
        written: dict[str, Path] = {}
        for name, frame in self._frames.items():
            if name in PARTITIONED:
                target = out / name
                prepare_dataset(target)
                write_partitioned(frame, keys, target, part_name(0))
            else:
                target = out / f"{name}.parquet"
                frame.write_parquet(target)
            written[name] = target
        return written

    def __repr__(self) -> str:
        s = self.totals
        return (
            f"Corpus(files={int(s['files'])}, parsed={int(s['parsed'])}, failed={int(s['failed'])}, "
            f"duplicates={int(s['duplicates'])}, tables={self.tables_frame.height}, "
            f"line_items={self.line_items.height})"
        )


def _check_on_error(on_error: OnError) -> None:
    if on_error not in ("collect", "warn", "raise"):
        raise ValueError(f"on_error must be 'collect', 'warn' or 'raise', not {on_error!r}")


def _warn(errors: pl.DataFrame, stacklevel: int) -> None:
    """One ``UserWarning`` per row of ``errors``, attributed ``stacklevel`` frames above the caller."""
    import warnings

    for row in errors.iter_rows(named=True):
        warnings.warn(f"cnbudget: {row['path']}: {row['message']}", UserWarning, stacklevel=stacklevel + 1)


def _failure(n_errors: int, n_files: int, first: dict[str, Any]) -> _native.CnbudgetError:
    return _native.CnbudgetError(f"{n_errors} of {n_files} files failed; first: {first['path']}: {first['message']}")


def _run(paths: list[Path], n_threads: int | None, progress: bool, on_error: OnError) -> Corpus:
    _check_on_error(on_error)
    bar = _progress_bar(len(paths)) if progress and paths else None
    callback: Callable[[int, int, int, int], None] | None = bar
    try:
        frames, totals = _native._read_files([str(p) for p in paths], n_threads=n_threads, progress=callback)
    finally:
        if bar is not None:
            bar.close()
    corpus = Corpus(frames, totals)
    errors = corpus.errors
    if errors.height and on_error == "warn":
        _warn(errors, stacklevel=3)
    elif errors.height and on_error == "raise":
        raise _failure(errors.height, len(paths), errors.row(0, named=True))
    return corpus


def read_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    n_threads: int | None = None,
    progress: bool = True,
    on_error: OnError = "collect",
) -> Corpus:
    """Parse the given files in parallel (Rust, GIL released) into one :class:`Corpus`.

    Arguments:
        paths: The files, in the order their rows should appear.
        n_threads: Worker threads (default: ``CNBUDGET_PARALLELISM``, else the number of CPUs).
        progress: Show a progress bar on stderr or in Jupyter (``tqdm.auto`` when installed).
        on_error: ``"collect"`` (default), ``"warn"`` or ``"raise"``; see :data:`OnError`.

    Returns:
        The :class:`Corpus`; every file is in :attr:`Corpus.documents`, failures in
        :attr:`Corpus.errors`.
    """
    return _run([Path(p) for p in paths], n_threads, progress, on_error)


def read_dir(
    path: str | os.PathLike[str],
    *,
    pattern: str = "**/*",
    recursive: bool = True,
    n_threads: int | None = None,
    progress: bool = True,
    on_error: OnError = "collect",
) -> Corpus:
    """Parse every file under ``path`` matching ``pattern`` (sorted by path) into a :class:`Corpus`.

    Hidden files and directories (names starting with ``.``) are skipped.

    Arguments:
        path: The directory.
        pattern: A glob relative to ``path`` (default ``**/*``: every file), e.g. ``**/*.xlsx``.
        recursive: When ``False``, a leading ``**/`` is dropped from ``pattern`` (top level only).
        n_threads: Worker threads (default: ``CNBUDGET_PARALLELISM``, else the number of CPUs).
        progress: Show a progress bar (files/s, MB, errors so far); ``False`` silences it.
        on_error: ``"collect"`` (default), ``"warn"`` or ``"raise"``; see :data:`OnError`.

    Returns:
        The :class:`Corpus`.

    Raises:
        NotADirectoryError: when ``path`` is not a directory.
    """
    return _run(_list_dir(Path(path), pattern, recursive), n_threads, progress, on_error)


def _list_dir(root: Path, pattern: str, recursive: bool) -> list[Path]:
    """The files under ``root`` matching ``pattern``, sorted, hidden ones skipped (see :func:`read_dir`)."""
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    if not recursive:
        while pattern.startswith("**/"):
            pattern = pattern[3:]
    return sorted(
        p
        for p in root.glob(pattern)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


class _ChunkProgress:
    """Shows the per-chunk progress of ``_read_files`` as progress over the whole run on one bar."""

    def __init__(self, bar: _Bar, total: int) -> None:
        self.bar = bar
        self.total = total
        self.before = (0, 0, 0)  # done, errors, bytes of the finished chunks
        self.last = (0, 0, 0)  # the same within the current chunk, as last reported

    def __call__(self, done: int, total: int, errors: int, nbytes: int) -> None:
        self.last = (done, errors, nbytes)
        before = self.before
        self.bar(before[0] + done, self.total, before[1] + errors, before[2] + nbytes)

    def next_chunk(self) -> None:
        self.before = (self.before[0] + self.last[0], self.before[1] + self.last[1], self.before[2] + self.last[2])
        self.last = (0, 0, 0)


def parse_to_parquet(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    pattern: str = "**/*",
    recursive: bool = True,
    n_threads: int | None = None,
    progress: bool = True,
    on_error: OnError = "collect",
    chunk_size: int = 256,
) -> dict[str, float]:
    """Parse many files straight into Parquet under ``out_dir``, with memory independent of their number.

    The files are parsed ``chunk_size`` at a time (each chunk in parallel, as :func:`read_files`
    does) and each chunk's frames are written as Parquet parts and dropped. The output is the layout
    of :meth:`Corpus.write_parquet` (``documents.parquet``, ``errors.parquet``, ``line_items/``,
    ``tables/``, ``facts/``, ``indicators/``, ``findings/``, ``key_figures/`` by ``year=…/province=…/``) with the same
    rows: ``documents.parquet`` lists every file in input order, and a file whose content equals
    that of a file in an earlier chunk is a ``duplicate`` there too. Each partition holds one file per
    chunk that had rows for it (``00000000.parquet``, ``00000001.parquet``, …). Partition folders
    left by an earlier write into ``out_dir`` are removed first. If the run stops (an exception,
    Ctrl-C), the parts written so far stay but ``documents.parquet`` and ``errors.parquet`` are not
    written.

    Arguments:
        source: A directory (searched like :func:`read_dir`), or the files in output order.
        out_dir: The output directory (created if missing).
        pattern: With a directory: a glob relative to it (default ``**/*``: every file).
        recursive: With a directory: when ``False``, a leading ``**/`` is dropped from ``pattern``.
        n_threads: Worker threads (default: ``CNBUDGET_PARALLELISM``, else the number of CPUs).
        progress: Show one progress bar over the whole run; ``False`` silences it.
        on_error: ``"collect"`` (default), ``"warn"`` (a warning per failure, as each chunk ends) or
            ``"raise"`` (:class:`cnbudget.CnbudgetError` after everything is written); see :data:`OnError`.
        chunk_size: Files per chunk: memory grows with it, and a chunk runs as fast as its slowest file.

    Returns:
        The totals of :attr:`Corpus.totals` (``files``, ``parsed``, ``failed``, ``partial``,
        ``duplicates``, ``bytes``, ``seconds``: here the whole run, writing included) plus the rows
        written: ``tables``, ``line_items``, ``key_figures``, ``errors``, and ``findings_failed`` (validation findings
        with status ``fail``, over all documents).

    Raises:
        NotADirectoryError: when ``source`` is a path but not a directory.
    """
    _check_on_error(on_error)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    start = time.perf_counter()
    if isinstance(source, (str, os.PathLike)):
        paths = _list_dir(Path(source), pattern, recursive)
    else:
        paths = [Path(p) for p in source]
    bar = _progress_bar(len(paths)) if progress and paths else None
    tracker = _ChunkProgress(bar, len(paths)) if bar is not None else None
    try:
        with ChunkWriter(Path(out_dir)) as writer:
            # At least one chunk, so that an empty input still writes (empty) frames with their schema.
            for begin in range(0, max(len(paths), 1), chunk_size):
                chunk = [str(p) for p in paths[begin : begin + chunk_size]]
                frames, totals = _native._read_files(chunk, n_threads=n_threads, progress=tracker, seen=writer.seen)
                release_memory()  # what parsing freed, before the frames are written
                errors = writer.write(frames, totals)
                del frames  # before the next chunk is parsed
                release_memory()
                if errors.height and on_error == "warn":
                    _warn(errors, stacklevel=2)
                if tracker is not None:
                    tracker.next_chunk()
            writer.finish()
    finally:
        if bar is not None:
            bar.close()
    totals = writer.totals
    totals["seconds"] = time.perf_counter() - start
    if writer.first_error is not None and on_error == "raise":
        raise _failure(int(totals["errors"]), len(paths), writer.first_error)
    return totals

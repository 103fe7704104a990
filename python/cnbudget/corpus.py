"""Many documents at once: :func:`read_dir` and :func:`read_files` return a :class:`Corpus`.

Parsing runs in Rust on a thread pool with the GIL released. Each document is turned into frame
rows as soon as it is parsed and then dropped, so memory holds the frames, not every document::

    import cnbudget
    corpus = cnbudget.read_dir("disclosures/")       # progress bar; Ctrl-C cancels
    corpus.documents                                 # one row per file, with its parse status
    corpus.line_items                                # every line item, with a document_id column
    corpus.errors                                    # files that failed, and why
    corpus.write_parquet("out/")                     # Parquet, partitioned by year and province
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Protocol

import polars as pl

from . import _native

__all__ = ["Corpus", "read_dir", "read_files"]

OnError = Literal["collect", "warn", "raise"]
"""What to do with files that fail: keep them in :attr:`Corpus.errors` (``collect``), also emit a
``UserWarning`` per failure (``warn``), or raise :class:`cnbudget.CnbudgetError` after the batch if any
failed (``raise``). The batch itself always runs to the end."""

_PARTITIONED = ("line_items", "tables", "facts", "indicators", "findings")
"""The frames written as hive-partitioned datasets (``year=…/province=…/``)."""


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

    def __init__(self, frames: dict[str, pl.DataFrame], summary: dict[str, float]) -> None:
        self._frames = frames
        self.summary: dict[str, float] = summary
        """Totals: ``files``, ``parsed``, ``failed`` (not parsed), ``partial`` (parsed, but a frame could
        not be built: see :attr:`errors`), ``duplicates``, ``bytes`` (parsed), ``seconds``."""

    @property
    def documents(self) -> pl.DataFrame:
        """One row per file, in input order: ``document_id``, ``path``, ``size_bytes``, ``status``
        (``ok``/``partial``/``error``/``duplicate``; ``partial``: parsed, but one of its frames could
        not be built and is empty for it, the reason in :attr:`errors`), ``duplicate_of`` (path of the first file with the same
        content), ``format``, ``encoding``, ``title``, ``agency``, ``agency_code``, ``region``,
        ``adcode``, ``year``, ``kind``, ``scope``, ``unit``, ``n_tables``, ``n_line_items``,
        ``n_findings``, ``n_findings_failed``, ``n_warnings``."""
        return self._frames["documents"]

    @property
    def line_items(self) -> pl.DataFrame:
        """``document_id`` followed by the columns of :attr:`cnbudget.Document.line_items`."""
        return self._frames["line_items"]

    @property
    def tables(self) -> pl.DataFrame:
        """One row per table: ``document_id``, ``index``, ``kind``, ``title``, ``unit``,
        ``declared_empty``, ``n_rows``, ``n_columns``, ``line_start``, ``line_end``."""
        return self._frames["tables"]

    @property
    def errors(self) -> pl.DataFrame:
        """One row per file that failed: ``path``, ``document_id`` (null if unreadable), ``kind``
        (``Io``, ``Empty``, ``Decode``, ``UnsupportedFormat``, ``Malformed``, ``LimitExceeded``,
        ``Frame``), ``message``, ``line``, ``byte``."""
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
    def frame_names(self) -> list[str]:
        """The names of the frames this corpus holds (``documents``, ``line_items``, …)."""
        return list(self._frames)

    def write_parquet(self, directory: str | os.PathLike[str]) -> dict[str, Path]:
        """Write every frame as Parquet under ``directory`` (created if missing).

        Layout::

            documents.parquet                 one row per file (see :attr:`documents`)
            errors.parquet                    one row per failed file (see :attr:`errors`)
            line_items/year=2023/province=130000/00000000.parquet
            tables/year=…/province=…/…        likewise (and facts/, indicators/, findings/ when present)

        The partitioned frames get two extra columns from their document: ``year`` (Int32) and
        ``province`` (String, the first two digits of ``adcode`` + ``0000``, e.g. ``640000``); a
        document without a year or region goes to ``__HIVE_DEFAULT_PARTITION__``. ``amount`` stays
        ``Decimal(38, 6)``. Read back with
        ``pl.scan_parquet(directory / "line_items", hive_partitioning=True)``.

        Returns:
            The path written for each frame name.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        keys = (
            self.documents.filter(pl.col("status") == "ok")
            .select(
                "document_id",
                pl.col("year"),
                (pl.col("adcode").str.slice(0, 2) + "0000").alias("province"),
            )
            .unique("document_id", keep="first")
        )
        written: dict[str, Path] = {}
        for name, frame in self._frames.items():
            if name in _PARTITIONED:
                target = out / name
                joined = frame.join(keys, on="document_id", how="left")
                if joined.height == 0:
                    target.mkdir(exist_ok=True)
                else:
                    joined.write_parquet(target, partition_by=["year", "province"])
            else:
                target = out / f"{name}.parquet"
                frame.write_parquet(target)
            written[name] = target
        return written

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Corpus(files={int(s['files'])}, parsed={int(s['parsed'])}, failed={int(s['failed'])}, "
            f"duplicates={int(s['duplicates'])}, tables={self.tables.height}, line_items={self.line_items.height})"
        )


def _run(paths: list[Path], n_threads: int | None, progress: bool, on_error: OnError) -> Corpus:
    if on_error not in ("collect", "warn", "raise"):
        raise ValueError(f"on_error must be 'collect', 'warn' or 'raise', not {on_error!r}")
    bar = _progress_bar(len(paths)) if progress and paths else None
    callback: Callable[[int, int, int, int], None] | None = bar
    try:
        frames, summary = _native._read_files([str(p) for p in paths], n_threads=n_threads, progress=callback)
    finally:
        if bar is not None:
            bar.close()
    corpus = Corpus(frames, summary)
    errors = corpus.errors
    if errors.height and on_error == "warn":
        import warnings

        for row in errors.iter_rows(named=True):
            warnings.warn(f"cnbudget: {row['path']}: {row['message']}", UserWarning, stacklevel=3)
    elif errors.height and on_error == "raise":
        first = errors.row(0, named=True)
        raise _native.CnbudgetError(
            f"{errors.height} of {len(paths)} files failed; first: {first['path']}: {first['message']}"
        )
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
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {root}")
    if not recursive:
        while pattern.startswith("**/"):
            pattern = pattern[3:]
    paths = sorted(
        p
        for p in root.glob(pattern)
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    return _run(paths, n_threads, progress, on_error)

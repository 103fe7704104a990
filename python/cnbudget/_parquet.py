"""The Parquet layout shared by :meth:`cnbudget.Corpus.write_parquet` and :func:`cnbudget.parse_to_parquet`.

Layout under the output directory::

    documents.parquet                 one row per file
    errors.parquet                    one row per failed file
    line_items/year=2023/province=130000/00000000.parquet
    tables/…, facts/…, indicators/…, findings/…, key_figures/…   likewise

The partitioned datasets are written here, one partition at a time, rather than with Polars'
``write_parquet(partition_by=…)``: that names every file ``00000000.parquet`` and so overwrites the
previous part of a partition, while a streamed run writes one part per chunk (``00000000.parquet``,
``00000001.parquet``, …).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Callable
from urllib.parse import quote

import polars as pl

from . import _native

PARTITIONED = ("line_items", "tables", "facts", "indicators", "findings", "key_figures")
"""The frames written as hive-partitioned datasets (``year=…/province=…/``)."""

PARTITION_KEYS = ("year", "province")
"""The partition columns, in directory order; both are also kept in the files."""

_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


@lru_cache(maxsize=None)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] | None = getattr(ctypes.CDLL(ctypes.util.find_library("c")), "malloc_trim", None)
    except OSError:
        return None
    return trim


def release_memory() -> None:
    """Hand the C heap's free pages back to the system (glibc ``malloc_trim``; elsewhere nothing).

    The extension's own allocations go through mimalloc, which returns freed memory by itself; this
    covers what the rest of the process freed through glibc, which keeps it in per-thread arenas.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def part_name(index: int) -> str:
    """The file name of part ``index`` in every partition: ``00000000.parquet``, ``00000001.parquet``, …"""
    return f"{index:08d}.parquet"


def partition_keys(documents: pl.DataFrame) -> pl.DataFrame:
    """``document_id`` → ``year`` (Int32) and ``province`` (the code of the province of ``adcode``,
    as the core's catalog gives it in the ``documents`` frame) for every parsed document (status
    ``ok`` or ``partial``: the ones that have rows)."""
    return (
        documents.filter(pl.col("status").is_in(["ok", "partial"]))
        .select("document_id", "year", "province")
        .unique("document_id", keep="first", maintain_order=True)
    )


def prepare_dataset(directory: Path) -> None:
    """Create the dataset folder ``directory`` and remove the partitions an earlier write left in it.

    Only ``year=…/province=…/`` folders are removed (other files are left alone), so that a rerun
    into the same output never reads back stale parts of a previous run.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob(f"{PARTITION_KEYS[0]}=*"):
        if stale.is_dir():
            shutil.rmtree(stale)


def _hive_value(value: object) -> str:
    return _HIVE_NULL if value is None else quote(str(value), safe="")


def write_partitioned(frame: pl.DataFrame, keys: pl.DataFrame, directory: Path, file_name: str) -> int:
    """Write ``frame`` (with a ``document_id`` column) under ``directory`` partitioned by year and province.

    ``keys`` is :func:`partition_keys` of the documents; a row whose document has no key (or no year
    or region) goes to ``__HIVE_DEFAULT_PARTITION__``. Each partition gets one file ``file_name``
    holding its rows in order, with the ``year`` and ``province`` columns of the document. A frame's
    own column of the same name (the ``year`` of a fact: the year the stated number refers to) is
    written as ``stated_year``. Returns the rows written.
    """
    if frame.height == 0:
        return 0
    own = {key: f"stated_{key}" for key in PARTITION_KEYS if key in frame.columns}
    joined = frame.rename(own).join(keys, on="document_id", how="left", maintain_order="left")
    parts = joined.partition_by(list(PARTITION_KEYS), as_dict=True, maintain_order=True)
    for values, part in parts.items():
        folder = directory.joinpath(*(f"{key}={_hive_value(v)}" for key, v in zip(PARTITION_KEYS, values)))
        folder.mkdir(parents=True, exist_ok=True)
        part.write_parquet(folder / file_name)
    return frame.height


_COUNTS = ("files", "parsed", "failed", "partial", "duplicates", "bytes")
"""The totals of ``_native._read_files`` that add up over chunks."""


class ChunkWriter:
    """Writes the frames of one ``_native._read_files`` chunk after another into the layout above.

    Duplicates across chunks are found by the core: pass :attr:`seen` to every ``_read_files`` call
    of the run, and a file whose content (hash and size) an earlier chunk had comes back as
    ``status="duplicate"`` with ``duplicate_of`` the first path, not parsed again. The partitioned
    frames are written as one part per chunk and dropped; the documents and errors rows go to part
    files in a temporary folder under the output, joined into ``documents.parquet`` and
    ``errors.parquet`` (input order) by :meth:`finish`. Memory holds one chunk plus one
    ``(document_id, size) → path`` entry per distinct file.

    Use as a context manager: the temporary folder is removed however the run ends.
    """

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.chunks = 0
        self.totals: dict[str, float] = dict.fromkeys(
            (*_COUNTS, "tables", "line_items", "key_figures", "findings_failed", "errors"), 0
        )
        self.first_error: dict[str, Any] | None = None
        self.seen = _native._SeenFiles()
        self._prepared: set[str] = set()
        self._scratch = Path(tempfile.mkdtemp(prefix=".cnbudget-parts-", dir=out))

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)

    def write(self, frames: dict[str, pl.DataFrame], totals: dict[str, float]) -> pl.DataFrame:
        """Write one chunk (read with ``seen=self.seen``); returns its errors rows."""
        for name in _COUNTS:
            self.totals[name] += totals[name]
        documents, errors = frames["documents"], frames["errors"]
        keys = partition_keys(documents)
        for name, frame in frames.items():
            if name not in PARTITIONED:
                continue
            if name not in self._prepared:
                prepare_dataset(self.out / name)
                self._prepared.add(name)
            rows = write_partitioned(frame, keys, self.out / name, part_name(self.chunks))
            if name in ("tables", "line_items", "key_figures"):
                self.totals[name] += rows
        self.totals["findings_failed"] += int(documents["n_findings_failed"].sum() or 0)
        self.totals["errors"] += errors.height
        if self.first_error is None and errors.height:
            self.first_error = errors.row(0, named=True)
        documents.write_parquet(self._scratch / f"documents-{part_name(self.chunks)}")
        errors.write_parquet(self._scratch / f"errors-{part_name(self.chunks)}")
        self.chunks += 1
        return errors

    def finish(self) -> None:
        """Join the documents and errors parts into ``documents.parquet`` and ``errors.parquet``."""
        for name in ("documents", "errors"):
            parts = [self._scratch / f"{name}-{part_name(i)}" for i in range(self.chunks)]
            pl.scan_parquet(parts).sink_parquet(self.out / f"{name}.parquet")

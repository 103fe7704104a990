"""Dump every frame cnbudget builds for the seeds and the corpus, or compare two such dumps.

A restructuring (moves, renames, new modules) must not change what the library returns. Run
``dump`` once on the commit before and once after, then ``compare`` the two folders::

    python scripts/compare_frames.py dump /tmp/frames_before      # on the old build
    python scripts/compare_frames.py dump /tmp/frames_after       # on the new build
    python scripts/compare_frames.py compare /tmp/frames_before /tmp/frames_after

For each document of ``tests/data/seeds`` and ``tests/data/corpus/docs`` the dump holds its meta,
its tables (kind, title, unit, columns, rows, caption, notes, lines), every per-document frame
(line_items, facts, indicators, findings, key_figures, residual, warnings), ``summary()`` and
``to_json()``; for the whole set, every frame of the :class:`cnbudget.Corpus` (documents, tables,
line_items, errors, duplicates, facts, indicators, findings, key_figures) and its totals. Frames
are written as NDJSON (exact decimals as strings), so the comparison is by content, line by line.
Timings (``seconds`` columns) are dropped, they differ from run to run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests/data/seeds", ROOT / "tests/data/corpus/docs"]
DOC_FRAMES = ["line_items", "facts", "indicators", "findings", "key_figures", "residual", "warnings"]
VOLATILE = ("seconds", "elapsed", "duration", "ms")


def _frame_text(frame: pl.DataFrame) -> str:
    """A frame as schema + NDJSON rows; decimals and other exotic types become strings."""
    keep = [c for c in frame.columns if not any(c == v or c.endswith("_" + v) for v in VOLATILE)]
    frame = frame.select(keep)
    schema = "\t".join(f"{name}:{dtype}" for name, dtype in frame.schema.items())
    cast = frame.with_columns(
        [pl.col(c).cast(pl.String) for c, t in frame.schema.items() if isinstance(t, pl.Decimal)]
    )
    return schema + "\n" + cast.write_ndjson()


def _table_dict(table: Any) -> dict[str, Any]:
    return {
        "index": table.index,
        "kind": table.kind,
        "title": table.title,
        "unit": table.unit,
        "declared_empty": table.declared_empty,
        "columns": table.columns,
        "rows": table.rows,
        "caption": table.caption,
        "notes": table.notes,
        "line_start": table.line_start,
        "line_end": table.line_end,
    }


def _files() -> list[Path]:
    return sorted(p for src in SOURCES for p in src.iterdir() if p.is_file())


def dump(out: Path) -> None:
    """Write every frame of every seed and corpus document under ``out``."""
    import cnbudget

    out.mkdir(parents=True, exist_ok=True)
    files = _files()
    for path in files:
        d = out / f"{path.parent.name}__{path.name}"
        d.mkdir(exist_ok=True)
        try:
            doc = cnbudget.read_document(path)
        except cnbudget.CnbudgetError as e:
            (d / "error.txt").write_text(f"{type(e).__name__}: {e}\n", encoding="utf-8")
            continue
        head = {"source": doc.source, "format": doc.format, "encoding": doc.encoding, "meta": doc.meta.to_dict()}
        (d / "meta.json").write_text(json.dumps(head, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        tables = [_table_dict(t) for t in doc.tables]
        (d / "tables.json").write_text(json.dumps(tables, ensure_ascii=False, indent=1), encoding="utf-8")
        for name in DOC_FRAMES:
            (d / f"{name}.ndjson").write_text(_frame_text(getattr(doc, name)), encoding="utf-8")
        (d / "summary.txt").write_text(doc.summary(), encoding="utf-8")
        (d / "document.json").write_text(doc.to_json(), encoding="utf-8")
    corpus = cnbudget.read_files(files, progress=False, on_error="collect")
    c = out / "_corpus"
    c.mkdir(exist_ok=True)
    for name in corpus.frame_names:
        # `Corpus.tables` is `Corpus.tables_frame` since the vocabulary change (0.1 had only `tables`).
        frame = corpus.tables_frame if name == "tables" and hasattr(corpus, "tables_frame") else getattr(corpus, name)
        (c / f"{name}.ndjson").write_text(_frame_text(frame), encoding="utf-8")
    totals = corpus.totals if hasattr(corpus, "totals") else corpus.summary  # `summary` before 0.2
    summary = {k: v for k, v in totals.items() if not any(s in k for s in VOLATILE)}
    (c / "summary.json").write_text(json.dumps(summary, indent=1, sort_keys=True), encoding="utf-8")
    print(f"dumped {len(files)} documents and {len(corpus.frame_names)} corpus frames to {out}")


def compare(a: Path, b: Path) -> int:
    """Compare two dumps file by file; print the differences; return the number of differing files."""
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    diffs = 0
    for name in sorted(names_a ^ names_b):
        print(f"only in {'before' if name in names_a else 'after'}: {name}")
        diffs += 1
    for name in sorted(names_a & names_b):
        ta, tb = (a / name).read_text(encoding="utf-8"), (b / name).read_text(encoding="utf-8")
        if ta != tb:
            diffs += 1
            la, lb = ta.splitlines(), tb.splitlines()
            first = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
            print(f"differs: {name} (line {first + 1}; {len(la)} vs {len(lb)} lines)")
            print(f"  before: {la[first][:200] if first < len(la) else '<end>'}")
            print(f"  after:  {lb[first][:200] if first < len(lb) else '<end>'}")
    n_docs = len({n.parts[0] for n in names_a if n.parts[0] != "_corpus"})
    print(f"compared {len(names_a & names_b)} files ({n_docs} documents + corpus frames): {diffs} differ")
    return diffs


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "dump":
        dump(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "compare":
        return 1 if compare(Path(argv[1]), Path(argv[2])) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

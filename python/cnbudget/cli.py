"""The ``cnbudget`` command line: ``cnbudget demo`` and ``cnbudget check FILE``."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Sequence

import polars as pl

from . import _native
from ._samples import sample_paths

_HEAD_COLUMNS = ["table_kind", "code", "name", "measure", "amount", "amount_printed"]


def _summary(doc: _native.Document, label: str) -> str:
    """Meta and counts of one document, as printed by both subcommands."""
    meta = doc.meta
    lines = [
        f"== {label}",
        f"   title:  {meta.title}",
        f"   agency: {meta.agency}   year: {meta.year}   kind: {meta.kind}   unit: {meta.unit}",
        f"   format: {doc.format} ({doc.encoding})",
    ]
    tables = doc.tables
    counts = Counter(t.kind for t in tables)
    by_kind = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"
    lines.append(f"   tables: {len(tables)} ({by_kind})")
    lines.append(f"   line items: {doc.line_items.height}   residual blocks: {doc.residual.height}")
    return "\n".join(lines)


def _demo(rows: int) -> int:
    """Parse every bundled sample and print its summary and the head of its line items."""
    with pl.Config(tbl_rows=rows, tbl_cols=len(_HEAD_COLUMNS), fmt_str_lengths=24, tbl_width_chars=140):
        for path in sample_paths():
            doc = _native.read_document(path)
            print(_summary(doc, path.name))
            amounts = doc.line_items.filter(pl.col("amount").is_not_null())
            print(amounts.select(_HEAD_COLUMNS).head(rows))
            print()
    return 0


def _check(file: Path) -> int:
    """Parse one file and print its meta and counts (validation findings come later)."""
    try:
        doc = _native.read_document(file)
    except (_native.ParseError, OSError) as err:
        print(f"cnbudget: {err}", file=sys.stderr)
        return 1
    print(_summary(doc, str(file)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # never fail on a terminal that cannot show Chinese
        reconfigure(errors="replace")
    parser = argparse.ArgumentParser(prog="cnbudget", description="Chinese budget disclosures as exact data.")
    parser.add_argument("--version", action="version", version=f"cnbudget {_native.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="parse the bundled sample documents and show what comes out")
    demo.add_argument("--rows", type=int, default=5, help="line items to show per document (default 5)")
    check = commands.add_parser("check", help="parse FILE and print its meta and counts")
    check.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args.rows)
        return _check(args.file)
    except BrokenPipeError:  # e.g. `cnbudget demo | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

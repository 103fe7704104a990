"""The ``cnbudget`` command line: ``cnbudget demo``, ``cnbudget check FILE``, ``cnbudget parse DIR -o OUT``
and ``cnbudget report FILE|DIR [-o OUT]``."""

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
from .corpus import parse_to_parquet

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


def _key_figures(doc: _native.Document) -> str:
    """The document's key figures, one line each: key, funds, phase, amount in 元, where stated."""
    figures = doc.key_figures
    lines = [f"   key figures: {figures.height}"]
    for f in figures.iter_rows(named=True):
        where = []
        if f["table_index"] is not None:
            page = f" p.{f['page']}" if f["page"] is not None else ""
            where.append(f"table {f['table_index']}{page} {f['table_amount_printed']}")
        if f["text_amount_printed"] is not None:
            where.append(f"text {f['text_amount_printed']}")
        verdict = {True: "  agree", False: "  DIFFER", None: ""}[f["agree"]]
        lines.append(
            f"     {f['key']:<24} {f['funds']:<14} {f['phase']:<5} {f['amount']:>20} 元  "
            f"[{'; '.join(where)}]{verdict}"
        )
    return "\n".join(lines)


def _demo(rows: int) -> int:
    """Parse every bundled sample and print its summary, its key figures and the head of its line
    items (narrative-only samples have none)."""
    with pl.Config(tbl_rows=rows, tbl_cols=len(_HEAD_COLUMNS), fmt_str_lengths=24, tbl_width_chars=140):
        for path in sample_paths():
            doc = _native.read_document(path)
            print(_summary(doc, path.name))
            print(_key_figures(doc))
            amounts = doc.line_items.filter(pl.col("amount").is_not_null())
            if amounts.height:
                print(amounts.select(_HEAD_COLUMNS).head(rows))
            print()
    return 0


def _check(file: Path) -> int:
    """Parse one file and print its meta and counts, its key figures and its validation summary."""
    try:
        doc = _native.read_document(file)
    except (_native.ParseError, OSError) as err:
        print(f"cnbudget: {err}", file=sys.stderr)
        return 1
    print(_summary(doc, str(file)))
    print(_key_figures(doc))
    print(doc.summary())
    return 0


def _parse(directory: Path, out: Path, pattern: str, threads: int | None, progress: bool) -> int:
    """Parse every file under ``directory`` into Parquet under ``out`` (streamed); print a summary."""
    if not directory.is_dir():
        print(f"cnbudget: not a directory: {directory}", file=sys.stderr)
        return 2
    s = parse_to_parquet(directory, out, pattern=pattern, n_threads=threads, progress=progress)
    seconds = float(s["seconds"])
    rate = s["files"] / seconds if seconds > 0 else 0.0
    print(
        f"files: {int(s['files'])} (parsed {int(s['parsed'])}, duplicates {int(s['duplicates'])}, "
        f"errors {int(s['failed'])}) in {seconds:.1f} s ({rate:.1f} files/s)\n"
        f"tables: {int(s['tables'])}   line items: {int(s['line_items'])}   "
        f"key figures: {int(s.get('key_figures', 0))}   "
        f"findings failed: {int(s['findings_failed'])}\n"
        f"written: {out}"
    )
    n_errors = int(s["errors"])
    if n_errors:
        for row in pl.read_parquet(out / "errors.parquet", n_rows=10).iter_rows(named=True):
            print(f"  error: {row['path']}: [{row['kind']}] {row['message']}")
    if n_errors > 10:
        print(f"  … and {n_errors - 10} more (see {out / 'errors.parquet'})")
    return 1 if n_errors else 0


def _report(target: Path, out: Path | None) -> int:
    """Write the HTML report of one file (``-o`` file, default ``<name>.html``) or of a directory
    (``-o`` directory, default ``<dir>_report/``, with ``index.html``)."""
    if target.is_dir():
        out_dir = out or target.with_name(target.name + "_report")
        entries = _native.write_corpus_report(target, out_dir)
        failed = [(path, error) for path, _href, error in entries if error]
        print(f"reports: {len(entries) - len(failed)} of {len(entries)} files; index: {out_dir / 'index.html'}")
        for path, error in failed[:10]:
            print(f"  error: {path}: {error}")
        return 1 if failed else 0
    try:
        doc = _native.read_document(target)
        html = doc.report_html()
    except (_native.ParseError, OSError) as err:
        print(f"cnbudget: {err}", file=sys.stderr)
        return 1
    written = out or target.with_suffix(".html")
    written.write_text(html, encoding="utf-8")
    print(f"report: {written} ({doc.key_figures.height} key figures, {len(doc.findings_list)} findings)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # never fail on a terminal that cannot show Chinese
        reconfigure(errors="replace")
    parser = argparse.ArgumentParser(
        prog="cnbudget",
        description="Chinese budget disclosures as exact data.",
        epilog="examples:\n  cnbudget demo\n  cnbudget check 成安县医疗保障局2023年部门预算.docx\n"
        "  cnbudget parse disclosures/ -o out/\n  cnbudget parse disclosures/ -o out/ --pattern '**/*.xlsx' --threads 4",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cnbudget {_native.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="parse the bundled sample documents and show what comes out")
    demo.add_argument("--rows", type=int, default=5, help="line items to show per document (default 5)")
    check = commands.add_parser(
        "check",
        help="parse FILE and print its meta, counts and validation summary",
        epilog="example: cnbudget check 成安县医疗保障局2023年部门预算.docx",
    )
    check.add_argument("file", type=Path)
    parse = commands.add_parser(
        "parse",
        help="parse every file under DIR (in parallel) into Parquet files under OUT_DIR",
        description="Parse every file under DIR in parallel and write documents.parquet, errors.parquet and "
        "line_items/, tables/ partitioned by year and province (hive style, for pl.scan_parquet). "
        "Files are parsed and written in chunks, so memory does not grow with their number. "
        "Exit status 1 when any file failed (the others are still written).",
        epilog="examples:\n  cnbudget parse disclosures/ -o out/\n"
        "  cnbudget parse disclosures/ -o out/ --pattern '**/*.pdf' --threads 2 --no-progress",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parse.add_argument("dir", type=Path, help="directory of disclosures (searched recursively)")
    parse.add_argument("-o", "--out", type=Path, required=True, metavar="OUT_DIR", help="output directory")
    parse.add_argument("--pattern", default="**/*", help="glob of files to read (default: **/*)")
    parse.add_argument("--threads", type=int, default=None, help="worker threads (default: all CPUs)")
    parse.add_argument("--no-progress", action="store_true", help="no progress bar")
    report = commands.add_parser(
        "report",
        help="write a self-contained HTML report: key figures and findings on their pages, tables by kind",
        description="Write one self-contained HTML file (inline SVG, no network): identity, key figures (table "
        "and text values, agreement, each drawn where it was printed), tables by kind, findings grouped by status "
        "each drawn on the crop of its page (PDF) or in its table. For a directory, one page per document and "
        "index.html with one row per document (identity and headline figures).",
        epilog="examples:\n  cnbudget report 预算.pdf -o report.html\n  cnbudget report disclosures/ -o reports/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument("target", type=Path, metavar="FILE|DIR")
    report.add_argument("-o", "--out", type=Path, default=None, help="output file (or directory for DIR)")
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args.rows)
        if args.command == "parse":
            return _parse(args.dir, args.out, args.pattern, args.threads, not args.no_progress)
        if args.command == "report":
            return _report(args.target, args.out)
        return _check(args.file)
    except BrokenPipeError:  # e.g. `cnbudget demo | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())

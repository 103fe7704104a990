"""Time page pictures: how long ``doc.page(n)``, ``show_finding`` and ``report_html`` take on one PDF.

    python scripts/bench_pictures.py [PDF] [--calls 10]

The first picture of a document reads its PDF's pages; the next ones should reuse them. Prints the
time of the first call and the median of the next ``--calls`` calls of each. A benchmark, not a test:
the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import cnbudget

DEFAULT = next(Path(__file__).resolve().parents[1].joinpath("tests/data/corpus/docs").glob("上海普陀_上海市普陀区财政局*.pdf"))


def timed(call: Callable[[], object]) -> float:
    """Seconds one call of ``call()`` takes."""
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Print the timings; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdf", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    doc = cnbudget.read_document(args.pdf)
    print(f"{args.pdf.name}: read_document {time.perf_counter() - start:.3f} s")
    pages = sorted({int(p) for p in doc.line_items["page"].drop_nulls().unique().to_list()}) or [1]
    failed = [f.index for f in doc.findings_list if f.numbers] or [0]
    cases: dict[str, Callable[[int], object]] = {
        "page(n)": lambda k: doc.page(pages[k % len(pages)]),
        "show_finding": lambda k: doc.show_finding(failed[k % len(failed)]),
        "report_html": lambda k: doc.report_html(),
    }
    for name, case in cases.items():
        first = timed(lambda: case(0))
        rest = [timed(lambda k=k: case(k)) for k in range(1, args.calls + 1)]  # type: ignore[misc]
        print(f"  {name:<13} first {first * 1000:8.1f} ms   next {args.calls}: median {statistics.median(rest) * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

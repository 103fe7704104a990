#!/usr/bin/env python3
"""cnbudget vs a typical pure-Python pipeline (``benches/pure_python.py``) on the same files, in one run.

The files: the seed texts (``tests/data/seeds/*.txt``), the native fixtures of seeds 001 and 002
(``tests/fixtures/*.docx``, ``*.xlsx``, ``*.xls``, ``*.html``) and the corpus PDFs
(``tests/data/corpus/docs/*.pdf``). Each pipeline reads the file set repeated ``--repeat`` times
(``--pdf-repeat`` for the PDFs, which pdfplumber reads at about a second each; distinct copies,
``benches/replicas.py``); the best of ``--runs`` is kept (one run for pure Python on PDFs). cnbudget runs as a user runs it over a
directory: one ``read_files`` call (every frame built, validation included), on one thread and on all
cores. Printed per format and for the whole set, as docs/s and as the ratio pure Python / cnbudget.

    python benches/python_compare.py            # natives repeated 20 times, PDFs once, best of 3
    python benches/python_compare.py --repeat 50 --pdf-repeat 2

The pure-Python pipeline does far less than cnbudget, so every ratio flatters Python; for plain text
its regex does a fraction of the work and is as fast as cnbudget or faster.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Callable

import pure_python
from replicas import sample_files, write_replicas

import cnbudget


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20, help="times the file set is repeated (default 20)")
    parser.add_argument("--pdf-repeat", type=int, default=1, help="times the PDFs are repeated (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="runs per pipeline; the best is kept (default 3)")
    args = parser.parse_args()
    groups = sample_files()
    print(f"{'format':<7} {'docs':>5} {'MB':>6} {'Python docs/s':>14} {'cnbudget 1 thread':>18} {'all cores':>10} {'ratio 1 thr':>12} {'ratio all':>10}")
    with tempfile.TemporaryDirectory(prefix="cnbudget-compare-") as tmp:
        every: list[Path] = []
        python_seconds = 0.0
        for name, files in groups.items():
            repeat = args.pdf_repeat if name == "pdf" else args.repeat
            paths = write_replicas(files, len(files) * repeat, Path(tmp) / name)
            t_py = best(lambda: pure_python.run(paths), 1 if name == "pdf" else args.runs)
            every += paths
            python_seconds += t_py
            compare(name, paths, t_py, args.runs)
        # Pure Python reads one file after the other: its time for every file is the sum of the above.
        compare("all", every, python_seconds, args.runs)


def compare(name: str, paths: list[Path], t_py: float, runs: int) -> None:
    """Time cnbudget on ``paths`` (one thread, all cores) and print the row with pure Python's ``t_py``."""
    mb = sum(p.stat().st_size for p in paths) / 1e6
    t_one = best(lambda: cnbudget.read_files(paths, progress=False, n_threads=1), runs)
    t_all = best(lambda: cnbudget.read_files(paths, progress=False), runs)
    n = len(paths)
    print(
        f"{name:<7} {n:>5} {mb:>6.1f} {n / t_py:>14.1f} {n / t_one:>18.1f} {n / t_all:>10.1f} "
        f"{t_py / t_one:>11.1f}x {t_py / t_all:>9.1f}x",
        flush=True,
    )

if __name__ == "__main__":
    main()

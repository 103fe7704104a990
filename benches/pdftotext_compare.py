"""Whole-process time on the corpus PDFs: cnbudget's pipeline vs ``pdftotext -layout`` (poppler).

Each file is read by a fresh process, one after the other, on one thread (RAYON_NUM_THREADS=1):
``parse_many 1 FILE`` (bytes → blocks → tables, line items, facts, findings) against
``pdftotext -layout FILE /dev/null`` (text only). Prints both totals and the ratio::

    cargo build --release -p budget-core --example parse_many
    python benches/pdftotext_compare.py [CORPUS_DIR] [--repeat N]

``apt-get install -y poppler-utils`` if pdftotext is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


def run_all(commands: list[list[str]], env: dict[str, str]) -> float:
    """Run each command to completion, one after the other; the total wall time in seconds."""
    started = time.perf_counter()
    for command in commands:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    corpus = Path(args[0]) if args and not args[0].isdigit() else root / "tests" / "data" / "corpus" / "docs"
    pdfs = sorted(corpus.glob("*.pdf"))
    parse_many = root / "target" / "release" / "examples" / "parse_many"
    if not parse_many.exists():
        sys.exit("build it first: cargo build --release -p budget-core --example parse_many")
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is missing: apt-get install -y poppler-utils")
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    ours = [[str(parse_many), "1", str(p)] for p in pdfs]
    poppler = [["pdftotext", "-layout", str(p), "/dev/null"] for p in pdfs]
    best_ours = min(run_all(ours, env) for _ in range(repeat))
    best_poppler = min(run_all(poppler, env) for _ in range(repeat))
    print(f"{len(pdfs)} PDFs, best of {repeat}, one process per file, one thread")
    print(f"cnbudget pipeline:  {best_ours:.2f} s")
    print(f"pdftotext -layout:  {best_poppler:.2f} s")
    print(f"ratio: cnbudget is {best_poppler / best_ours:.2f}x as fast as pdftotext -layout")


if __name__ == "__main__":
    main()

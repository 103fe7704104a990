"""Pages per second on the PDF corpus: cnbudget's whole pipeline vs pdfplumber's ``extract_tables``.

Both run in this one process, on the same files, one after the other, single-threaded::

    pip install pdfplumber
    python benches/pdf_compare.py [CORPUS_DIR]     # default: tests/data/corpus/docs

cnbudget does more than pdfplumber here (tables recognised, line items, facts, validation), so
the ratio understates the difference in layout work.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import cnbudget

try:
    import pdfplumber
except ImportError:  # pragma: no cover - a benchmark, not a test
    sys.exit("pdfplumber is not installed: pip install pdfplumber")


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests" / "data" / "corpus" / "docs"
    pdfs = sorted(corpus.glob("*.pdf"))
    pages = 0
    started = time.perf_counter()
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
    plumber = time.perf_counter() - started

    started = time.perf_counter()
    line_items = 0
    for path in pdfs:
        line_items += cnbudget.read_document(path).line_items.height
    ours = time.perf_counter() - started

    print(f"{len(pdfs)} PDFs, {pages} pages")
    print(f"pdfplumber extract_tables: {plumber:8.2f} s  {pages / plumber:8.1f} pages/s")
    print(f"cnbudget read_document:    {ours:8.2f} s  {pages / ours:8.1f} pages/s  ({line_items} line items)")
    print(f"ratio: {plumber / ours:.1f}x")


if __name__ == "__main__":
    main()

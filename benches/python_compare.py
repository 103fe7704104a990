#!/usr/bin/env python3
"""cnbudget vs a typical pure-Python pipeline on the same files, in one run; prints the ratio.

The files: the seed texts (``../shared/seeds/*.txt``) and the DOCX and XLSX fixtures
(``tests/fixtures/*.docx``, ``*.xlsx``). The pure-Python pipeline is what a data scientist would write
in an afternoon: decode the text and pick up ``code / name / amounts`` rows with a regex, and read the
DOCX tables with python-docx and the sheets with openpyxl, keeping rows whose first cell is a
function code, amounts as ``Decimal``. It does less than cnbudget (no table kinds, headers, units,
measures, provenance or validation), so the ratio flatters Python.

    python benches/python_compare.py            # default: the file set repeated 10 times, best of 3
    python benches/python_compare.py --repeat 40

Needs ``pip install python-docx openpyxl`` and an installed cnbudget.
"""

from __future__ import annotations

import argparse
import re
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import docx
import openpyxl
import polars as pl

import cnbudget

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?$")


def amount(text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    if not AMOUNT.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def rows_from_cells(source: str, cells: list[str], out: list[dict[str, object]]) -> None:
    """code, name, then the amounts that follow: one output row per amount."""
    if len(cells) < 2 or not CODE.match(cells[0].strip()):
        return
    for j, cell in enumerate(cells[2:]):
        value = amount(cell)
        if value is not None:
            out.append({"source": source, "code": cells[0].strip(), "name": cells[1].strip(), "col": j, "amount": value})


def text_pipeline(path: Path, out: list[dict[str, object]]) -> None:
    text = decode(path.read_bytes())
    for block in re.split(r"\n\s*\n", text):  # Tika text: one cell per line, blank line between rows
        cells = [line.strip() for line in block.splitlines()]
        rows_from_cells(str(path), cells, out)
    for line in text.splitlines():  # Markdown / TSV tables: one row per line
        if "\t" in line or "|" in line:
            rows_from_cells(str(path), [c for c in re.split(r"\t|\|", line) if c.strip()], out)


def docx_pipeline(path: Path, out: list[dict[str, object]]) -> None:
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            rows_from_cells(str(path), [cell.text for cell in row.cells], out)


def xlsx_pipeline(path: Path, out: list[dict[str, object]]) -> None:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows_from_cells(str(path), ["" if v is None else str(v) for v in values], out)
    book.close()


def pure_python(paths: list[Path]) -> pl.DataFrame:
    out: list[dict[str, object]] = []
    for path in paths:
        {".docx": docx_pipeline, ".xlsx": xlsx_pipeline}.get(path.suffix, text_pipeline)(path, out)
    return pl.DataFrame(out, infer_schema_length=None)


def best(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="times the file set is repeated (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per pipeline; the best is kept (default 3)")
    args = parser.parse_args()
    files = sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*.docx")) + sorted(FIXTURES.glob("*.xlsx"))
    paths = files * args.repeat
    mb = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(files)} files x {args.repeat} = {len(paths)} documents, {mb:.1f} MB; best of {args.runs}")

    t_py, frame = best(lambda: pure_python(paths), args.runs)
    t_one, _ = best(lambda: [cnbudget.read_document(p).line_items for p in paths], args.runs)
    # read_files parses identical files once, so each repetition is its own call.
    t_par, _ = best(lambda: [cnbudget.read_files(files, progress=False) for _ in range(args.repeat)], args.runs)
    t_par1, _ = best(lambda: [cnbudget.read_files(files, progress=False, n_threads=1) for _ in range(args.repeat)], args.runs)
    assert isinstance(frame, pl.DataFrame)
    print(f"pure Python (regex + python-docx + openpyxl): {t_py:7.3f} s  {len(paths) / t_py:8.1f} docs/s  {frame.height} rows")
    print(f"cnbudget read_document, one by one:            {t_one:7.3f} s  {len(paths) / t_one:8.1f} docs/s")
    print(f"cnbudget read_files, 1 thread:                 {t_par1:7.3f} s  {len(paths) / t_par1:8.1f} docs/s")
    print(f"cnbudget read_files, all cores:                {t_par:7.3f} s  {len(paths) / t_par:8.1f} docs/s")
    print(f"ratio pure Python / cnbudget (one by one):  {t_py / t_one:6.1f}x")
    print(f"ratio pure Python / cnbudget (read_files, 1 thread): {t_py / t_par1:6.1f}x")
    print(f"ratio pure Python / cnbudget (read_files, all cores): {t_py / t_par:6.1f}x")


if __name__ == "__main__":
    main()

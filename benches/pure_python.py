"""The pure-Python pipeline cnbudget is compared with: what a data scientist writes in an afternoon.

Decode the text and pick up ``code / name / amounts`` rows with a regex; read DOCX tables with
python-docx, XLSX sheets with openpyxl, XLS sheets with xlrd, HTML tables with lxml and PDF tables with
pdfplumber's ``extract_tables``; keep rows whose first cell is a function code, amounts as ``Decimal``. It does far less than cnbudget (no table kinds,
headers, units, measures, provenance, narrative facts or validation), so every ratio flatters Python.

Used by ``benches/python_compare.py`` and ``benches/scale.py``. Needs ``pip install python-docx openpyxl
xlrd lxml pdfplumber``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Callable

CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
AMOUNT = re.compile(r"^-?[\d,]+(?:\.\d+)?$")

Row = dict[str, object]


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


def rows_from_cells(source: str, cells: list[str], out: list[Row]) -> None:
    """code, name, then the amounts that follow: one output row per amount."""
    if len(cells) < 2 or not CODE.match(cells[0].strip()):
        return
    for j, cell in enumerate(cells[2:]):
        value = amount(cell)
        if value is not None:
            out.append({"source": source, "code": cells[0].strip(), "name": cells[1].strip(), "col": j, "amount": value})


def text_pipeline(path: Path, out: list[Row]) -> None:
    text = decode(path.read_bytes())
    for block in re.split(r"\n\s*\n", text):  # Tika text: one cell per line, blank line between rows
        cells = [line.strip() for line in block.splitlines()]
        rows_from_cells(str(path), cells, out)
    for line in text.splitlines():  # Markdown / TSV tables: one row per line
        if "\t" in line or "|" in line:
            rows_from_cells(str(path), [c for c in re.split(r"\t|\|", line) if c.strip()], out)


def docx_pipeline(path: Path, out: list[Row]) -> None:
    import docx

    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            rows_from_cells(str(path), [cell.text for cell in row.cells], out)


def xlsx_pipeline(path: Path, out: list[Row]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for values in sheet.iter_rows(values_only=True):
            rows_from_cells(str(path), ["" if v is None else str(v) for v in values], out)
    book.close()


def xls_pipeline(path: Path, out: list[Row]) -> None:
    import xlrd

    book = xlrd.open_workbook(str(path))
    for sheet in book.sheets():
        for r in range(sheet.nrows):
            rows_from_cells(str(path), [str(v) for v in sheet.row_values(r)], out)


def html_pipeline(path: Path, out: list[Row]) -> None:
    import lxml.html

    page = lxml.html.document_fromstring(path.read_bytes())
    for tr in page.iter("tr"):
        rows_from_cells(str(path), [cell.text_content() for cell in tr if cell.tag in ("td", "th")], out)


def pdf_pipeline(path: Path, out: list[Row]) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for cells in table:
                    rows_from_cells(str(path), ["" if c is None else c for c in cells], out)


PIPELINES: dict[str, Callable[[Path, list[Row]], None]] = {
    ".docx": docx_pipeline,
    ".xlsx": xlsx_pipeline,
    ".xls": xls_pipeline,
    ".html": html_pipeline,
    ".pdf": pdf_pipeline,
}
"""The reader per file extension; everything else is read as text."""


def run(paths: list[Path]) -> list[Row]:
    """Every ``code / name / amount`` row of ``paths``."""
    out: list[Row] = []
    for path in paths:
        PIPELINES.get(path.suffix, text_pipeline)(path, out)
    return out

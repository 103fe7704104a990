"""Distinct copies of the sample documents for the benchmarks: the amounts of copy ``k`` are shifted
by ``k`` cents, inside the XML of a zip container (DOCX, XLSX, ODS), in the bytes of a text or HTML
file; an XLS (binary OLE2) gets one trailing sector carrying ``k``. The layout is untouched, so every
copy parses like its original, and no two copies share a content hash (cnbudget parses identical
files once). A PDF's streams are compressed and its amounts often drawn as glyph ids, so a PDF copy
keeps its amounts and gets a trailing comment after ``%%EOF`` carrying ``k`` (readers ignore it)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "data" / "seeds"
CORPUS = REPO / "tests" / "data" / "corpus" / "docs"
FIXTURES = REPO / "tests" / "fixtures"

AMOUNT = re.compile(rb"(?<![\d.])(\d{1,9})\.(\d{1,2})(?![\d.])")
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")


def sample_files() -> dict[str, list[Path]]:
    """The files compared, by format: the seed texts, the native fixtures of seeds 001 and 002 and the
    PDFs of the corpus (what users mostly have)."""
    return {
        "text": sorted(SEEDS.glob("*.txt")),
        "docx": sorted(FIXTURES.glob("seed_*.docx")),
        "xlsx": sorted(FIXTURES.glob("seed_*.xlsx")),
        "xls": sorted(FIXTURES.glob("seed_*.xls")),
        "html": sorted(FIXTURES.glob("seed_*.html")),
        "pdf": sorted(CORPUS.glob("*.pdf")),
    }


def shift_amounts(data: bytes, k: int) -> bytes:
    """Every ``123.45`` / ``123.4`` in ``data`` plus ``k`` cents, printed with two decimals."""

    def shift(m: re.Match[bytes]) -> bytes:
        cents = int(m.group(1)) * 100 + int(m.group(2).ljust(2, b"0")) + k
        return f"{cents // 100}.{cents % 100:02d}".encode()

    return AMOUNT.sub(shift, data)


def replica(path: Path, k: int) -> bytes:
    """Copy ``k`` of ``path`` (``k >= 1``)."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info)
                target.writestr(info, shift_amounts(content, k) if info.filename.endswith(".xml") else content)
        return out.getvalue()
    if data.startswith(OLE2):
        return data + k.to_bytes(8, "little") + bytes(504)
    if data.startswith(b"%PDF"):
        return data + f"\n% cnbudget replica {k}\n".encode()
    return shift_amounts(data, k)


def write_replicas(files: list[Path], n: int, directory: Path) -> list[Path]:
    """``n`` distinct documents cycling through ``files``, 1,000 per folder as a crawl stores them."""
    paths = []
    for i in range(n):
        source = files[i % len(files)]
        folder = directory / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"doc_{i:06d}_{source.name}"
        path.write_bytes(replica(source, i // len(files) + 1))
        paths.append(path)
    return paths

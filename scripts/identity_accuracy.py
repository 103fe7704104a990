"""Document identity accuracy: per-field shares and every miss, against a truth CSV.

Usage: python scripts/identity_accuracy.py [TRUTH_CSV [DOCS_DIR]]
(defaults: tests/data/corpus/truth.csv and tests/data/corpus). Uses the installed ``cnbudget``.

The truth has one row per file: ``file,is_disclosure,agency,level,region,adcode,year,kind,…``
(``is_disclosure`` is ``yes``, ``no`` or ``template``; only ``yes`` is a disclosure). On every
document ``is_disclosure`` is compared; on disclosures ``agency`` (as printed, whitespace and a
trailing 本级/机关 aside), ``year``, ``kind``, ``adcode`` and ``level``. Each miss is printed with
the source cnbudget read the value from (``meta.sources``).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

import cnbudget

FIELDS = ("is_disclosure", "agency", "year", "kind", "adcode", "level")


def norm_agency(name: object) -> str:
    """The agency as compared: whitespace and a trailing 本级/机关 removed."""
    text = re.sub(r"\s+", "", str(name or ""))
    return re.sub(r"[（(](本级|机关|机关本级)[）)]$|本级$|机关本级$", "", text)


def got(meta: cnbudget.Meta, field: str) -> str:
    """The value of ``field`` as compared with the truth."""
    if field == "is_disclosure":
        return "yes" if meta.is_disclosure else "no"
    if field == "agency":
        return norm_agency(meta.agency)
    value = getattr(meta, field)
    return "" if value is None else str(value)


def want(row: dict[str, str], field: str) -> str:
    """The truth of ``field`` in ``row``."""
    if field == "is_disclosure":
        return "yes" if row["is_disclosure"].strip() == "yes" else "no"
    if field == "agency":
        return norm_agency(row["agency"])
    return row[field].strip()


def main(argv: list[str]) -> int:
    """Print the shares and the misses; exit 1 when a document cannot be read."""
    truth_path = Path(argv[1]) if len(argv) > 1 else Path("tests/data/corpus/truth.csv")
    base = Path(argv[2]) if len(argv) > 2 else truth_path.parent
    with truth_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    failed = 0
    for row in rows:
        path = base / row["file"]
        if not path.exists():
            continue
        try:
            meta = cnbudget.read_document(path).meta
        except Exception as err:  # noqa: BLE001 - every failure is a miss to print
            failed += 1
            misses.append(f"{row['file']}: {type(err).__name__}: {err}")
            continue
        disclosure = want(row, "is_disclosure") == "yes"
        for field in FIELDS:
            if field != "is_disclosure" and not disclosure:
                continue
            total[field] += 1
            have, need = got(meta, field), want(row, field)
            if have == need:
                right[field] += 1
                continue
            source = meta.sources.get(field if field != "is_disclosure" else "is_disclosure", {})
            where = source.get("label") if source else "no source"
            reason = f" ({meta.not_disclosure_reason})" if field == "is_disclosure" and not meta.is_disclosure else ""
            misses.append(f"{field} miss: {row['file']}: got {have!r}, want {need!r} [{where}]{reason}")
    shares = ", ".join(
        f"{field} {right[field]}/{total[field]} ({100 * right[field] / max(total[field], 1):.0f}%)" for field in FIELDS
    )
    print(f"identity: {shares}")
    for miss in misses:
        print(f"  {miss}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Narrative fact keys on a folder of documents: how many facts, the share keyed ``other`` and why.

Usage: ``python scripts/fact_keys_report.py [DIR]`` (default ``tests/data/corpus/docs``), with
cnbudget installed. Prints the number of facts, the ``other`` share, the ``other`` facts by their
``unkeyed`` reason and the most frequent keys.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import cnbudget


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/corpus/docs")
    keys: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    documents = 0
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            doc = cnbudget.read_document(path)
        except Exception:  # noqa: BLE001 - a document that does not parse has no facts
            continue
        documents += 1
        facts = doc.facts
        keys.update(facts["key"].to_list())
        other = facts.filter(facts["key"] == "other")
        reasons.update(str(r) for r in other["unkeyed"].to_list())
    total = sum(keys.values())
    other = keys["other"]
    share = 100.0 * other / total if total else 0.0
    print(f"documents: {documents}; facts: {total}; keyed other: {other} ({share:.1f} %)")
    print("other by reason:")
    for reason, n in reasons.most_common():
        print(f"  {reason:24} {n}")
    print("keys:")
    for key, n in keys.most_common():
        print(f"  {key:24} {n}")


if __name__ == "__main__":
    main()

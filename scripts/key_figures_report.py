"""Key figures and narrative fact keys over a directory of disclosures.

    python scripts/key_figures_report.py tests/data/corpus/docs

Prints (1) the share of narrative facts keyed ``other`` (all facts, and money facts), and (2) per key:
the documents that print the key's term somewhere (a table row or column, or a sentence: what the
document states), the documents where ``Document.key_figures`` gives the figure, and for those where
both a table and the narrative state it, how often they agree. Works with any cnbudget build (part 2
needs ``Document.key_figures``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import polars as pl

import cnbudget

# The printed terms of each key (what a reader looks for), for "documents that state it".
TERMS = {
    "income_total": r"收入总计|收入总预算|收入预算总|总收入|收入总额",
    "income_this_year": r"本年收入合计|本年收入",
    "carryover_in": r"上年结转|上年结余|年初结转",
    "general_budget_grant": r"一般公共预算(财政)?拨款(收入)?",
    "gov_fund_grant": r"政府性基金预算(财政)?拨款",
    "expenditure_total": r"支出总计|支出总预算|支出预算总|总支出|支出总额",
    "expenditure_this_year": r"本年支出合计|本年支出",
    "carryover_out": r"结转下年|年末结转",
    "basic_expenditure": r"基本支出",
    "project_expenditure": r"项目支出",
    "personnel_expenditure": r"人员经费|人员支出",
    "public_expenditure": r"公用经费|日常公用",
    "three_public_total": r"三公",
    "overseas_travel": r"因公出国",
    "official_reception": r"公务接待",
    "official_vehicles": r"公务用车购置及运行|公务用车购置和运行",
    "vehicle_purchase": r"(公务用)?车(辆)?购置",
    "vehicle_operation": r"(公务用)?车(辆)?运行",
    "operating_costs": r"机关运行经费",
    "procurement_total": r"政府采购",
    "meeting_costs": r"会议费",
    "training_costs": r"培训费",
}


def document_text(doc: cnbudget.Document) -> str:
    """Everything printed: table titles, headers and cells, and the residual text."""
    parts = [t.title or "" for t in doc.tables]
    for t in doc.tables:
        parts.extend(t.columns)
        parts.extend(cell for row in t.rows for cell in row)
    parts.extend(doc.residual["text"].to_list())
    return re.sub(r"\s+", "", "\n".join(parts))


def main(directory: str) -> None:
    paths = sorted(p for p in Path(directory).rglob("*") if p.is_file())
    facts = 0
    other = 0
    money = 0
    money_other = 0
    labels: Counter[str] = Counter()
    stated: Counter[str] = Counter()
    given: Counter[str] = Counter()
    both: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    has_figures = False
    for path in paths:
        try:
            doc = cnbudget.read_document(path)
        except (cnbudget.CnbudgetError, OSError):
            continue
        f = doc.facts
        facts += f.height
        other += f.filter(pl.col("key") == "other").height
        m = f.filter(pl.col("amount_yuan").is_not_null())
        money += m.height
        money_other += m.filter(pl.col("key") == "other").height
        labels.update(m.filter(pl.col("key") == "other")["label"].to_list())
        text = document_text(doc)
        for key, term in TERMS.items():
            if re.search(term, text):
                stated[key] += 1
        kf = getattr(doc, "key_figures", None)
        if kf is None:
            continue
        has_figures = True
        own = "决算数" if doc.meta.kind == "决算" else "预算数"
        kf = kf.filter(pl.col("phase") == own)
        for key in set(kf["key"].to_list()):
            given[key] += 1
        joint = kf.filter(pl.col("source") == "both")
        for key in set(joint["key"].to_list()):
            both[key] += 1
            if joint.filter((pl.col("key") == key) & pl.col("agree")).height:
                agree[key] += 1
    print(f"documents: {len(paths)}")
    print(f"facts keyed other: {other}/{facts} ({100 * other / max(facts, 1):.0f}%)")
    print(f"money facts keyed other: {money_other}/{money} ({100 * money_other / max(money, 1):.0f}%)")
    print("most frequent labels of money facts keyed other:")
    for label, n in labels.most_common(25):
        print(f"  {n:4d}  {label}")
    if not has_figures:
        print("no Document.key_figures in this build")
        return
    print(f"\n{'key':<24} {'state it':>8} {'given':>6} {'table+text':>10} {'agree':>6}")
    keys = list(dict.fromkeys([*TERMS, *given]))
    for key in keys:
        print(f"{key:<24} {stated[key]:>8} {given[key]:>6} {both[key]:>10} {agree[key]:>6}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/data/corpus/docs")

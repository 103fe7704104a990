"""Key figures: the hand-read values of ``tests/data/corpus/expected.json`` under their keys, the
frame's schema, and the corpus frames (long and wide)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

import cnbudget

from conftest import CORPUS_DIR, parsed, seed_path

# What the checker wrote (``what`` in expected.json) → the key it is. Values of a classification
# code (``function code …``, ``…（210类）``) are line items, not key figures, and are not listed.
WHAT_TO_KEY = {
    "收入总计": "income_total",
    "总计（收入支出决算总表）": "income_total",
    "本年收入合计": "income_this_year",
    "上年结转结余": "carryover_in",
    "上年结余、结转": "carryover_in",
    "一般公共预算拨款收入": "general_budget_grant",
    "一般公共预算拨款": "general_budget_grant",
    "一般公共预算财政拨款收入": "general_budget_grant",
    "一般公共预算": "general_budget_grant",
    "政府性基金预算": "gov_fund_grant",
    "政府性基金预算收入": "gov_fund_grant",
    "其他收入": "other_income",
    "基本支出合计": "basic_expenditure",
    "基本支出": "basic_expenditure",
    "项目支出合计": "project_expenditure",
    "项目支出": "project_expenditure",
    "人员经费": "personnel_expenditure",
    "公用经费": "public_expenditure",
    "三公经费合计": "three_public_total",
    "三公经费合计（年初预算数）": "three_public_total",
    "因公出国（境）费用": "overseas_travel",
    "公务用车运行维护费": "vehicle_operation",
    "机关运行经费": "operating_costs",
    "政府采购预算": "procurement_total",
    "政府采购预算总额": "procurement_total",
}


def _yuan(value: str, unit: str) -> Decimal:
    amount = Decimal(value.replace(",", ""))
    return amount * 10000 if unit == "万元" else amount


def _checked() -> list[tuple[str, str, str, Decimal]]:
    """(file, what, key, amount in 元) of every expected value that is a key figure."""
    expected = json.loads((CORPUS_DIR / "expected.json").read_text(encoding="utf-8"))
    out = []
    for entry in expected:
        for fact in entry["facts"]:
            key = WHAT_TO_KEY.get(fact["what"])
            if key is not None:
                out.append((entry["file"], fact["what"], key, _yuan(fact["value"], fact["unit"])))
    return out


CHECKED = _checked()


@pytest.mark.parametrize(("file", "what", "key", "amount"), CHECKED, ids=[f"{c[0][5:25]}-{c[1]}" for c in CHECKED])
def test_expected_value_is_under_its_key(file: str, what: str, key: str, amount: Decimal) -> None:
    doc = _document(CORPUS_DIR / file)
    figures = doc.key_figures.filter(pl.col("key") == key)
    assert amount in figures["amount"].to_list(), f"{what}: {figures.select('funds', 'phase', 'amount', 'source')}"


_DOCS: dict[Path, cnbudget.Document] = {}


def _document(path: Path) -> cnbudget.Document:
    if path not in _DOCS:
        _DOCS[path] = cnbudget.read_document(path)
    return _DOCS[path]


def test_seed_values() -> None:
    def amounts(seed: str, key: str) -> list[Decimal]:
        frame = parsed(seed).key_figures
        return frame.filter((pl.col("key") == key) & (pl.col("phase") == "预算数"))["amount"].to_list()

    assert Decimal("74148100") in amounts("001", "income_total")
    assert Decimal("74148100") in amounts("001", "expenditure_total")
    assert Decimal("2350000") in amounts("004", "personnel_expenditure")
    assert Decimal("73000") in amounts("004", "public_expenditure")
    assert Decimal("490200") in amounts("003", "operating_costs")
    assert Decimal("37100") in amounts("003", "three_public_total")
    assert Decimal("2132500") in amounts("000", "basic_expenditure")


def test_frame_schema_and_table_text_agreement() -> None:
    frame = parsed("001").key_figures
    assert tuple(frame.columns) == cnbudget.KEY_FIGURE_COLUMNS
    assert frame.schema["amount"] == pl.Decimal(38, 6)
    assert frame.schema["agree"] == pl.Boolean
    income = frame.filter((pl.col("key") == "income_total") & (pl.col("funds") == "all")).row(0, named=True)
    assert income["source"] == "both"
    assert income["agree"] is True
    assert income["table_kind"] == "IncomeExpenditureSummary"
    assert income["table_amount_printed"] == "7414.81"
    assert income["text_amount"] == Decimal("74148100")
    assert set(frame["key"]) <= set(cnbudget.KEY_FIGURE_KEYS)


def test_corpus_long_and_wide(seeds: Path, tmp_path: Path) -> None:
    corpus = cnbudget.read_dir(seeds, progress=False)
    long = corpus.key_figures
    assert long.columns[0] == "document_id"
    wide = corpus.key_figures_wide()
    assert wide.height == corpus.documents.filter(pl.col("status") == "ok").height
    identity = ["document_id", "path", "agency", "level", "scope", "region", "adcode", "year", "kind"]
    assert wide.columns == identity + list(cnbudget.KEY_FIGURE_KEYS)
    row = wide.filter(pl.col("path").str.contains("001_")).row(0, named=True)
    assert row["income_total"] == Decimal("74148100")
    assert row["basic_expenditure"] == Decimal("3936900")
    written = corpus.write_parquet(tmp_path)
    back = pl.read_parquet(written["key_figures"], hive_partitioning=True)
    assert back.height == long.height
    summary = cnbudget.parse_to_parquet(seeds, tmp_path / "streamed", progress=False)
    assert summary["key_figures"] == long.height


def test_check_prints_the_key_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from cnbudget.cli import main

    assert main(["check", str(seed_path("001"))]) == 0
    out = capsys.readouterr().out
    assert "key figures:" in out
    assert "income_total" in out and "74148100" in out


def test_one_row_per_key_funds_and_phase() -> None:
    """A figure stated twice (two sentences, a table and a sentence) is one row, on every document."""
    paths = sorted(p for p in (CORPUS_DIR / "docs").iterdir() if p.is_file())
    for path in paths:
        frame = _document(path).key_figures
        repeated = frame.group_by(["key", "funds", "phase"]).len().filter(pl.col("len") > 1)
        assert repeated.height == 0, f"{path.name}: {repeated}"

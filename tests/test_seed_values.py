"""Real values from real documents (seeds 001–003), as printed and converted to 元."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from conftest import parsed


def items_of(seed_id: str, kind: str) -> pl.DataFrame:
    items = parsed(seed_id).line_items.filter(pl.col("table_kind") == kind)
    assert items.height > 0, f"seed {seed_id}: no line items in a {kind} table"
    return items


def kinds(seed_id: str) -> list[str]:
    return [t.kind for t in parsed(seed_id).tables]


def test_001_general_budget_2101202(seeds: Path) -> None:
    rows = items_of("001", "GeneralBudgetExpenditure").filter(pl.col("code") == "2101202")
    assert rows.height > 0
    assert rows.filter(pl.col("amount") == Decimal("47493000.00")).height > 0
    printed = rows.filter(pl.col("amount_printed") == "4749.30")
    assert printed.height > 0
    assert printed["amount"].to_list() == [Decimal("47493000.00")] * printed.height
    first = printed.row(0, named=True)
    assert first["is_money"] is True
    assert first["unit_printed"] == "万元"
    assert (first["code_scheme"], first["level"], first["parent_code"]) == ("function", "项", "21012")
    assert first["name"] == "财政对城乡居民基本医疗保险基金的补助"


def test_001_income_total(seeds: Path) -> None:
    rows = items_of("001", "IncomeExpenditureSummary").filter(
        pl.col("name").str.contains("收入总计") & pl.col("amount").is_not_null()
    )
    assert rows.height > 0
    assert rows["amount"].to_list() == [Decimal("74148100")] * rows.height
    assert rows["amount_printed"].to_list() == ["7414.81"] * rows.height


@pytest.mark.parametrize("kind", ["GovFundExpenditure", "StateCapitalExpenditure"])
def test_001_declared_empty_tables(seeds: Path, kind: str) -> None:
    tables = [t for t in parsed("001").tables if t.kind == kind]
    assert tables, f"no {kind} table in seed 001"
    assert all(t.declared_empty for t in tables)


def test_001_meta(seeds: Path) -> None:
    meta = parsed("001").meta
    assert (meta.year, meta.kind, meta.unit) == (2023, "预算", "万元")
    assert meta.agency is not None and "成安县医疗保障局" in meta.agency
    assert meta.agency_code == "320001"


def test_002_general_budget_values(seeds: Path) -> None:
    items = items_of("002", "GeneralBudgetExpenditure")
    total_measure = pl.col("measure").str.contains("合计") | pl.col("measure").str.contains("小计")
    totals = items.filter((pl.col("row_role") == "total") & total_measure)
    assert totals.height > 0
    assert totals["amount"].to_list() == [Decimal("5528000")] * totals.height
    health = items.filter((pl.col("code") == "210") & total_measure)
    assert health.height > 0
    assert health["amount"].to_list() == [Decimal("4792400")] * health.height
    project = items.filter((pl.col("code") == "2101502") & pl.col("measure").str.contains("项目支出"))
    assert project.height > 0
    assert project["amount"].to_list() == [Decimal("156000")] * project.height


def test_002_meta(seeds: Path) -> None:
    meta = parsed("002").meta
    assert (meta.year, meta.kind) == (2022, "预算")
    assert meta.agency == "重庆市綦江区医疗保障事务中心"


@pytest.mark.parametrize("kind", ["Assets", "SubUnits", "DepartmentPerformance"])
def test_003_table_kinds(seeds: Path, kind: str) -> None:
    assert kind in kinds("003")


@pytest.mark.parametrize(
    ("seed_id", "year", "agency"),
    [("000", 2020, "盐池县医疗保险服务中心"), ("003", 2020, "承德市医疗保障局"), ("004", 2024, "松原市医疗保险经办机构")],
)
def test_meta_year_and_agency(seeds: Path, seed_id: str, year: int, agency: str) -> None:
    meta = parsed(seed_id).meta
    assert meta.year == year
    assert meta.kind == "预算"
    assert meta.agency == agency

"""The frames: exact schemas, even for documents without tables; tables as printed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

import cnbudget
from conftest import SEED_IDS, parsed

LINE_ITEM_SCHEMA = pl.Schema(
    [
        ("source", pl.String),
        ("table_index", pl.UInt32),
        ("table_kind", pl.String),
        ("table_title", pl.String),
        ("code", pl.String),
        ("code_scheme", pl.String),
        ("level", pl.String),
        ("parent_code", pl.String),
        ("name", pl.String),
        ("row_role", pl.String),
        ("side", pl.String),
        ("measure", pl.String),
        ("amount", pl.Decimal(38, 6)),
        ("amount_printed", pl.String),
        ("unit_printed", pl.String),
        ("is_money", pl.Boolean),
        ("line_start", pl.UInt32),
        ("line_end", pl.UInt32),
        ("page", pl.UInt32),
        ("x0", pl.Float32),
        ("y0", pl.Float32),
        ("x1", pl.Float32),
        ("y1", pl.Float32),
        ("page_width", pl.Float32),
        ("page_height", pl.Float32),
        ("sheet", pl.String),
        ("cell", pl.String),
        ("location", pl.String),
    ]
)
PROVENANCE = [("line_start", pl.UInt32), ("line_end", pl.UInt32), ("page", pl.UInt32)]


def dedupe(names: list[str]) -> list[str]:
    """Reference for Table.to_polars column names: blank → column_{j}, repeats → name_1, name_2, …"""
    seen: set[str] = set()
    out = []
    for j, raw in enumerate(names):
        base = raw.strip() or f"column_{j + 1}"
        name, k = base, 1
        while name in seen:
            name, k = f"{base}_{k}", k + 1
        seen.add(name)
        out.append(name)
    return out


def test_line_item_schema_is_exact(seeds: Path, seed_id: str) -> None:
    frame = parsed(seed_id).line_items
    assert isinstance(frame, pl.DataFrame)
    assert frame.schema == LINE_ITEM_SCHEMA
    assert tuple(frame.columns) == cnbudget.LINE_ITEM_COLUMNS
    assert (cnbudget.AMOUNT_PRECISION, cnbudget.AMOUNT_SCALE) == (38, 6)


@pytest.mark.parametrize("seed_id", ["000", "004"])
def test_narrative_only_seeds_give_empty_frames_with_schema(seeds: Path, seed_id: str) -> None:
    doc = parsed(seed_id)
    assert doc.tables == []
    assert doc.line_items.height == 0
    assert doc.line_items.schema == LINE_ITEM_SCHEMA


def test_residual_and_warning_schemas(seeds: Path, seed_id: str) -> None:
    doc = parsed(seed_id)
    assert doc.residual.schema == pl.Schema([("kind", pl.String), ("text", pl.String), *PROVENANCE])
    assert doc.warnings.schema == pl.Schema([("code", pl.String), ("message", pl.String), *PROVENANCE])
    assert set(doc.residual["kind"].to_list()) <= {"heading", "paragraph", "table"}


def test_narrative_is_kept_in_residual(seeds: Path) -> None:
    residual = parsed("000").residual
    assert residual.height > 0
    assert residual["text"].str.contains("主要职能").any()
    assert (residual["line_start"] >= 1).all()


def test_amounts_are_exact_decimals(seeds: Path) -> None:
    items = parsed("001").line_items.filter(pl.col("amount").is_not_null())
    assert items.height > 0
    values = items["amount"].to_list()
    assert all(isinstance(v, Decimal) for v in values)
    money = items.filter(pl.col("is_money") & (pl.col("unit_printed") == "万元"))
    for printed, amount in money.select("amount_printed", "amount").iter_rows():
        assert amount == Decimal(printed.replace(",", "")) * 10000
    assert items["amount"].sum() == sum(values, Decimal(0))


def test_line_items_point_at_their_tables(seeds: Path) -> None:
    doc = parsed("001")
    items = doc.line_items
    assert items.height > 0
    tables = {t.index: t for t in doc.tables}
    for index, kind, title, source in items.select("table_index", "table_kind", "table_title", "source").unique().iter_rows():
        assert tables[index].kind == kind
        assert tables[index].title == title
        assert source == doc.source
    assert (items["line_start"] <= items["line_end"]).all()


def test_table_to_polars_matches_columns(seeds: Path) -> None:
    checked = 0
    for seed_id in SEED_IDS:
        for table in parsed(seed_id).tables:
            frame = table.to_polars()
            assert frame.columns == dedupe(table.columns)
            assert frame.height == len(table) == len(table.rows)
            assert all(dtype == pl.String for dtype in frame.dtypes)
            if table.rows:
                assert [v if v is not None else "" for v in frame.row(0)] == table.rows[0]
            checked += 1
    assert checked >= 10

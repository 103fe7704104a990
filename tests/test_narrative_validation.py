"""Facts, indicators, findings and region metadata of the seed disclosures, as Polars frames."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl

import cnbudget


def parse(seeds: Path, prefix: str) -> cnbudget.Document:
    (path,) = sorted(seeds.glob(f"{prefix}_*.txt"))
    return cnbudget.read_document(path)


def test_region_and_adcode(seeds: Path) -> None:
    expected = {
        "000": ("盐池县", "640323"),
        "001": ("成安县", "130424"),
        "002": ("重庆市綦江区", "500110"),
        "003": ("承德市", "130800"),
        "004": ("松原市", "220700"),
    }
    for prefix, (region, adcode) in expected.items():
        meta = parse(seeds, prefix).meta
        assert (meta.region, meta.adcode) == (region, adcode), prefix
        assert meta.to_dict()["adcode"] == adcode


def test_facts_frame_is_exact(seeds: Path) -> None:
    facts = parse(seeds, "000").facts
    assert facts.columns == list(cnbudget.FACT_COLUMNS)
    assert facts.schema["value"] == pl.Decimal(38, 6)
    income = facts.filter(pl.col("key") == "income_total").row(0, named=True)
    assert (income["value"], income["unit"], income["amount_yuan"]) == (
        Decimal("7808.25"),
        "万元",
        Decimal("78082500"),
    )
    salary = facts.filter(pl.col("label") == "基本工资").row(0, named=True)
    assert (salary["value"], salary["code"], salary["code_scheme"]) == (Decimal("58.33"), "30101", "dept_economic")


def test_indicators_frame(seeds: Path) -> None:
    indicators = parse(seeds, "000").indicators
    assert indicators.columns == list(cnbudget.INDICATOR_COLUMNS)
    insured = indicators.filter((pl.col("name") == "参保人数") & (pl.col("operator") == "≥")).row(0, named=True)
    assert (insured["operator"], insured["target"], insured["unit"]) == ("≥", Decimal("144500"), "人")
    graded = parse(seeds, "003").indicators.filter(pl.col("grades").is_not_null())
    assert graded.height > 0
    assert graded["grades"].str.contains("优").all()


def test_findings_frame_and_summary(seeds: Path) -> None:
    clean = parse(seeds, "001")
    findings = clean.findings
    assert findings.columns == list(cnbudget.FINDING_COLUMNS)
    assert findings.filter(pl.col("status") == "fail").height == 0
    assert findings.filter(pl.col("status") == "pass").height > 100
    broken = parse(seeds, "004")
    failed = broken.findings.filter(pl.col("status") == "fail")
    assert failed["numbers"].str.contains("788.32").any(), failed
    assert "fail" in broken.summary()
    html = broken._repr_html_()
    assert "failed and warned findings" in html and "788.32" in html

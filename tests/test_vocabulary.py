"""One vocabulary: every enum value is spelled the same in the frames, in ``to_json()`` and in Python,
and ``Document`` and ``Corpus`` use the same word for the same thing (see ``docs/GLOSSARY.md``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import cnbudget
from conftest import parsed

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


def _column(frame: pl.DataFrame, name: str) -> list[Any]:
    return frame[name].to_list()


def _json_field(rows: list[dict[str, Any]], name: str) -> list[Any]:
    return [row[name] for row in rows]


def test_json_spells_every_value_as_the_frames(seeds: Path, seed_id: str) -> None:
    doc = parsed(seed_id)
    data = json.loads(doc.to_json())
    meta = data["meta"]
    assert (meta["kind"], meta["scope"], meta["unit"], meta["level"]) == (
        doc.meta.kind,
        doc.meta.scope,
        doc.meta.unit,
        doc.meta.level,
    )
    assert [t["kind"] for t in data["tables"]] == [t.kind for t in doc.tables]
    assert [t["unit"] for t in data["tables"]] == [t.unit for t in doc.tables]
    items = doc.line_items
    for name in ("table_kind", "code_scheme", "level", "row_role"):
        assert _json_field(data["line_items"], name) == _column(items, name), name
    facts = doc.facts
    for name in ("key", "period", "code_scheme"):
        assert _json_field(data["facts"], name) == _column(facts, name), name
    findings = doc.findings
    for name in ("status", "family"):
        assert _json_field(data["findings"], name) == _column(findings, name), name
    figures = doc.key_figures
    for name in ("key", "funds", "phase", "source"):
        assert _json_field(data["key_figures"], name) == _column(figures, name), name


def test_identifiers_are_snake_case_and_printed_terms_as_printed(seeds: Path) -> None:
    doc = parsed("001")
    items, findings, figures = doc.line_items, doc.findings, doc.key_figures
    identifiers = [
        *items["code_scheme"].drop_nulls(),
        *items["row_role"],
        *doc.facts["key"],
        *doc.facts["period"],
        *findings["status"],
        *findings["family"],
        *figures["key"],
        *figures["funds"],
        *figures["source"],
    ]
    assert identifiers and all(SNAKE.match(value) for value in identifiers)
    assert set(items["code_scheme"].drop_nulls()) <= {"function", "dept_economic", "gov_economic"}
    assert (doc.meta.kind, doc.meta.level) == ("预算", "单位")
    assert set(items["level"].drop_nulls()) <= {"类", "款", "项"}
    assert set(figures["phase"]) <= {"预算数", "全年预算数", "决算数", "上年"}
    # The exception: table kinds keep their CamelCase TableKind names.
    assert "ExpenditureSummary" in {t.kind for t in doc.tables}


def test_error_kinds_are_snake_case() -> None:
    with pytest.raises(cnbudget.ParseError) as info:
        cnbudget.parse_bytes("x.pdf", b"%PDF-1.7 ...")
    assert info.value.kind == "malformed"


def test_document_and_corpus_share_their_words(seeds: Path) -> None:
    corpus = cnbudget.read_dir(seeds, progress=False)
    doc = parsed("001")
    assert isinstance(doc.tables, list) and isinstance(doc.tables_frame, pl.DataFrame)
    assert doc.tables_frame.height == len(doc.tables)
    assert doc.tables_frame["kind"].to_list() == [t.kind for t in doc.tables]
    assert corpus.tables_frame.columns == ["document_id", *doc.tables_frame.columns]
    for name in ("line_items", "facts", "indicators", "findings", "key_figures"):
        assert getattr(corpus, name).columns == ["document_id", *getattr(doc, name).columns], name
    assert isinstance(doc.summary(), str)
    assert corpus.totals["files"] == 5 and corpus.totals["parsed"] == 5


def test_old_corpus_names_are_deprecated_aliases(seeds: Path) -> None:
    corpus = cnbudget.read_dir(seeds, progress=False)
    with pytest.warns(DeprecationWarning, match="Corpus.tables_frame"):
        tables = corpus.tables
    assert tables.equals(corpus.tables_frame)
    with pytest.warns(DeprecationWarning, match="Corpus.totals"):
        assert corpus.summary == corpus.totals

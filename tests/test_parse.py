"""Every seed parses through both entry points; the bundled samples are the seeds."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cnbudget
from conftest import SEED_IDS, parsed, seed_path


def test_parse_bytes_returns_a_document(seeds: Path, seed_id: str) -> None:
    path = seed_path(seed_id)
    doc = cnbudget.parse_bytes(path.name, path.read_bytes())
    assert isinstance(doc, cnbudget.Document)
    assert doc.source == path.name
    assert doc.encoding == "UTF-8"
    assert doc.format in {"tika_text", "markdown", "plain_text"}


def test_read_document_accepts_str_and_pathlike(seeds: Path, seed_id: str) -> None:
    path = seed_path(seed_id)
    from_path = cnbudget.read_document(path)
    from_str = cnbudget.read_document(str(path))
    assert isinstance(from_path, cnbudget.Document)
    assert from_path.source == str(path)
    assert from_path.to_json() == from_str.to_json()


def test_parse_bytes_takes_name_then_data_as_in_rust() -> None:
    data = "部门预算\n一、主要职能\n".encode()
    by_keyword = cnbudget.parse_bytes(data=data, name="a.txt")
    assert cnbudget.parse_bytes("a.txt", data).to_json() == by_keyword.to_json()
    assert by_keyword.source == "a.txt"


def test_parse_bytes_in_the_old_order_is_deprecated() -> None:
    data = "部门预算\n一、主要职能\n".encode()
    with pytest.warns(DeprecationWarning, match=r"parse_bytes\(name, data\)"):
        old = cnbudget.parse_bytes(data, name="a.txt")
    assert old.to_json() == cnbudget.parse_bytes("a.txt", data).to_json()
    with pytest.warns(DeprecationWarning):
        assert cnbudget.parse_bytes(data, "b.txt").source == "b.txt"
    with pytest.warns(DeprecationWarning):
        assert cnbudget.parse_bytes(data).source == "<bytes>"


def test_seed_formats_are_detected(seeds: Path) -> None:
    formats = {seed_id: parsed(seed_id).format for seed_id in SEED_IDS}
    assert formats["001"] == "tika_text"
    assert formats["002"] == "markdown"
    assert formats["004"] == "markdown"


def test_bundled_samples_are_the_seeds(seeds: Path, samples: list[Path]) -> None:
    assert [p.name[:3] for p in samples] == SEED_IDS
    assert samples[1].name == "001_成安县医疗保障局_2023.txt"
    for sample in samples:
        assert sample.read_bytes() == seed_path(sample.name[:3]).read_bytes()


def test_parsing_in_threads_matches_sequential(seeds: Path) -> None:
    inputs = [(seed_path(s).name, seed_path(s).read_bytes()) for s in SEED_IDS] * 3
    sequential = [cnbudget.parse_bytes(name, data).to_json() for name, data in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda args: cnbudget.parse_bytes(*args).to_json(), inputs))
    assert threaded == sequential


def test_to_json_round_trips_with_meta(seeds: Path, seed_id: str) -> None:
    doc = parsed(seed_id)
    data = json.loads(doc.to_json())
    assert data["source"] == doc.source
    assert data["format"] == doc.format
    assert set(data["meta"]) >= {"title", "agency", "agency_code", "year", "kind", "scope", "unit"}
    assert data["meta"]["year"] == doc.meta.year
    assert data["meta"]["title"] == doc.meta.title
    assert len(data["tables"]) == len(doc.tables)
    assert len(data["line_items"]) == doc.line_items.height

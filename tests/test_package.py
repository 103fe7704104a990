"""The installed package: typed, built extension, CLI, reprs."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import cnbudget
from conftest import REPO_ROOT, parsed, seed_path


def test_uses_the_built_extension_not_the_source_tree() -> None:
    native = Path(cnbudget._native.__file__).resolve()
    assert native.suffix in {".so", ".pyd"}
    assert REPO_ROOT / "python" not in native.parents


def test_package_is_typed() -> None:
    package = Path(cnbudget.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_public_api() -> None:
    assert cnbudget.__version__ == version("cnbudget")  # Cargo version == wheel metadata
    for name in cnbudget.__all__:
        assert hasattr(cnbudget, name), name


def test_meta_to_dict_and_reprs(seeds: Path) -> None:
    doc = parsed("001")
    meta = doc.meta
    as_dict = meta.to_dict()
    assert list(as_dict) == [
        "title",
        "agency",
        "agency_code",
        "region",
        "adcode",
        "year",
        "kind",
        "scope",
        "unit",
        "approval_ref",
        "is_disclosure",
        "not_disclosure_reason",
        "level",
    ]
    assert as_dict["year"] == meta.year and as_dict["unit"] == meta.unit
    assert repr(meta).startswith("Meta(title=")
    assert "<table>" in meta._repr_html_()
    assert repr(doc).startswith(f"Document(source={str(seed_path('001'))!r}")
    html = doc._repr_html_()
    assert f"<td>{len(doc.tables)}</td>" in html
    for table in doc.tables:
        assert repr(table).startswith(f"Table(index={table.index}, kind='{table.kind}'")


def test_html_is_escaped() -> None:
    doc = cnbudget.parse_bytes("<script>.txt", "部门预算\n一、主要职能\n".encode())
    assert "<script>" not in doc._repr_html_()
    assert "&lt;script&gt;.txt" in doc._repr_html_()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cnbudget", *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_cli_demo_runs() -> None:
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    for sample in cnbudget.sample_paths():
        assert sample.name in result.stdout
    assert "amount_printed" in result.stdout


def test_cli_check(seeds: Path) -> None:
    result = run_cli("check", str(seed_path("002")))
    assert result.returncode == 0, result.stderr
    assert "tables:" in result.stdout
    missing = run_cli("check", "nonexistent.txt")
    assert missing.returncode == 1
    assert "nonexistent.txt" in missing.stderr

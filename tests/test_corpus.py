"""Many documents at once: read_dir / read_files, Corpus frames, errors, duplicates, Parquet, CLI, Dask,
and the worked notebook."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import cnbudget
from cnbudget import _native
from cnbudget.cli import main

from conftest import REPO_ROOT, SEEDS_DIR

FIXTURES_DIR = REPO_ROOT / "tests" / "fixtures"
# The documents among the fixtures (the fixture scripts themselves are not disclosures).
FIXTURE_SUFFIXES = {".docx", ".xlsx", ".xls", ".ods", ".html", ".txt", ".json"}


def fnv1a64(data: bytes) -> str:
    """The content id, computed independently of the Rust code (FNV-1a, 64 bit, hex)."""
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def corpus_inputs() -> list[Path]:
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    fixtures = sorted(p for p in FIXTURES_DIR.iterdir() if p.suffix in FIXTURE_SUFFIXES)
    assert len(seeds) == 5 and len(fixtures) == 14
    return seeds + fixtures


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ and fixtures/ copied under one directory, as a user's download folder would be."""
    root = tmp_path_factory.mktemp("corpus")
    for path in corpus_inputs():
        sub = root / ("seeds" if path.parent == SEEDS_DIR else "fixtures")
        sub.mkdir(exist_ok=True)
        shutil.copy(path, sub / path.name)
    return root


@pytest.fixture(scope="module")
def corpus(tree: Path) -> cnbudget.Corpus:
    return cnbudget.read_dir(tree, progress=False, n_threads=2)


def one_by_one(paths: list[Path]) -> pl.DataFrame:
    frames = []
    for path in paths:
        doc = cnbudget.read_document(path)
        frames.append(doc.line_items.insert_column(0, pl.lit(fnv1a64(path.read_bytes())).alias("document_id")))
    return pl.concat(frames)


def test_read_dir_equals_read_document_on_each_file(tree: Path, corpus: cnbudget.Corpus) -> None:
    paths = sorted(p for p in tree.rglob("*") if p.is_file())
    assert corpus.documents["path"].to_list() == [str(p) for p in paths]
    assert corpus.errors.height == 0, corpus.errors
    assert corpus.documents["status"].unique().to_list() == ["ok"]
    expected = one_by_one(paths)
    assert expected.height > 1000
    assert corpus.line_items.columns == ["document_id", *cnbudget.LINE_ITEM_COLUMNS]
    assert_frame_equal(corpus.line_items, expected)  # same order too: input order, then document order
    # The documents and tables frames agree with the objects.
    for row in corpus.documents.iter_rows(named=True):
        doc = cnbudget.read_document(row["path"])
        assert row["document_id"] == fnv1a64(Path(row["path"]).read_bytes())
        assert (row["year"], row["agency"], row["kind"], row["format"]) == (
            doc.meta.year,
            doc.meta.agency,
            doc.meta.kind,
            doc.format,
        )
        assert (row["n_tables"], row["n_line_items"]) == (len(doc.tables), doc.line_items.height)
        tables = corpus.tables_frame.filter(pl.col("document_id") == row["document_id"])
        assert tables.select("index", "kind", "title", "unit", "declared_empty", "n_rows").rows() == [
            (t.index, t.kind, t.title, t.unit, t.declared_empty, len(t)) for t in doc.tables
        ]


@pytest.mark.parametrize("name", ["facts", "indicators", "findings"])
def test_narrative_and_validation_frames_equal_read_document(tree: Path, corpus: cnbudget.Corpus, name: str) -> None:
    if name not in corpus.frame_names:
        pytest.skip(f"this build of cnbudget has no {name} frames")
    paths = sorted(p for p in tree.rglob("*") if p.is_file())
    expected = pl.concat(
        [
            getattr(cnbudget.read_document(p), name).insert_column(
                0, pl.lit(fnv1a64(p.read_bytes())).alias("document_id")
            )
            for p in paths
        ]
    )
    frame = getattr(corpus, name)
    assert frame.height > 0
    assert_frame_equal(frame, expected)
    if name == "findings":
        failed = frame.filter(pl.col("status") == "fail").group_by("document_id").len()
        docs = corpus.documents.filter(pl.col("n_findings_failed") > 0)
        assert sorted(failed.rows()) == sorted(docs.select("document_id", "n_findings_failed").rows())


def test_seed_values_survive_the_batch(corpus: cnbudget.Corpus) -> None:
    # 成安县医疗保障局 2023: 2101202 财政对城乡居民基本医疗保险基金的补助, 4749.30 万元 = 47,493,000.00 元.
    seed = corpus.documents.filter(pl.col("path").str.contains("001_3de3a280caaff371"))
    assert seed.select("year", "kind").row(0) == (2023, "预算")
    items = corpus.line_items.filter(
        (pl.col("document_id") == seed["document_id"][0]) & (pl.col("code") == "2101202") & pl.col("is_money")
    )
    assert "47493000.000000" in items["amount"].cast(pl.String).to_list()


def test_bad_files_are_collected_and_the_rest_parsed(tmp_path: Path) -> None:
    good = [SEEDS_DIR / "001_3de3a280caaff371.txt", FIXTURES_DIR / "seed_002.docx", FIXTURES_DIR / "seed_001.xlsx"]
    for path in good:
        shutil.copy(path, tmp_path / path.name)
    docx = (FIXTURES_DIR / "seed_001.docx").read_bytes()
    (tmp_path / "truncated.docx").write_bytes(docx[: len(docx) // 2])
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4088)
    corpus = cnbudget.read_dir(tmp_path, progress=False)
    assert corpus.totals["files"] == 6 and corpus.totals["parsed"] == 3 and corpus.totals["failed"] == 3
    errors = corpus.errors.sort("path")
    assert errors.height == 3
    names = [Path(p).name for p in errors["path"]]
    assert names == ["empty.txt", "old.doc", "truncated.docx"]
    assert errors["kind"].to_list() == ["empty", "unsupported_format", "malformed"]
    messages = errors["message"].to_list()
    assert messages[0] == "the input is empty"
    assert messages[1].startswith("unsupported format: OLE2")
    assert messages[2] == "malformed zip: zip directory: invalid Zip archive: Could not find EOCD"
    ok = corpus.documents.filter(pl.col("status") == "ok")
    assert sorted(Path(p).name for p in ok["path"]) == sorted(p.name for p in good)
    assert ok["n_line_items"].min() > 100  # type: ignore[operator]
    # The same failure raises when asked to.
    with pytest.raises(cnbudget.CnbudgetError, match="3 of 6 files failed"):
        cnbudget.read_dir(tmp_path, progress=False, on_error="raise")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cnbudget.read_dir(tmp_path, progress=False, on_error="warn")
    assert sorted(str(w.message).split(": ", 2)[2] for w in caught) == sorted(messages)


def test_duplicates_are_parsed_once_and_reported(tmp_path: Path) -> None:
    seed = SEEDS_DIR / "002_b4e440192d61d51e.txt"
    shutil.copy(seed, tmp_path / "a.txt")
    shutil.copy(seed, tmp_path / "b.txt")
    shutil.copy(SEEDS_DIR / "003_54e6d6dfcf4f4fa9.txt", tmp_path / "c.txt")
    corpus = cnbudget.read_files([tmp_path / "a.txt", tmp_path / "c.txt", tmp_path / "b.txt"], progress=False)
    assert corpus.totals["duplicates"] == 1 and corpus.totals["parsed"] == 2
    assert corpus.duplicates.rows() == [(str(tmp_path / "b.txt"), fnv1a64(seed.read_bytes()), str(tmp_path / "a.txt"))]
    assert corpus.documents["status"].to_list() == ["ok", "ok", "duplicate"]
    single = cnbudget.read_document(tmp_path / "a.txt").line_items.height
    assert corpus.line_items.filter(pl.col("document_id") == fnv1a64(seed.read_bytes())).height == single


def test_progress_callback_and_cancellation() -> None:
    paths = [str(p) for p in corpus_inputs()]
    calls: list[tuple[int, int, int, int]] = []
    frames, summary = _native._read_files(paths, n_threads=1, progress=lambda *a: calls.append(a))
    assert calls[-1][:3] == (len(paths), len(paths), 0)
    assert calls[-1][3] == sum(Path(p).stat().st_size for p in paths) == summary["bytes"]

    def stop(done: int, total: int, errors: int, nbytes: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _native._read_files(paths * 20, n_threads=1, progress=stop)


def test_progress_false_is_silent_and_true_shows_a_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(SEEDS_DIR / "000_7ae52973a2e064fc.txt", tmp_path / "a.txt")
    cnbudget.read_dir(tmp_path, progress=False)
    assert capsys.readouterr().err == ""
    cnbudget.read_dir(tmp_path, progress=True)
    err = capsys.readouterr().err
    assert "1/1" in err and "cnbudget" in err


def test_write_parquet_partitions_by_year_and_province(corpus: cnbudget.Corpus, tmp_path: Path) -> None:
    written = corpus.write_parquet(tmp_path)
    assert set(written) == set(corpus.frame_names)
    assert (tmp_path / "documents.parquet").is_file() and (tmp_path / "errors.parquet").is_file()
    back = pl.scan_parquet(tmp_path / "line_items", hive_partitioning=True).collect()
    assert back.schema["amount"] == pl.Decimal(38, 6)
    key = ["document_id", "table_index", "line_start", "measure", "code", "name", "amount_printed"]
    assert_frame_equal(back.drop("year", "province").sort(key), corpus.line_items.sort(key))
    # Every partition matches its documents' year and adcode.
    docs = corpus.documents.select("document_id", "year", "adcode")
    joined = back.select("document_id", "year", "province").unique().join(docs, on="document_id")
    assert joined.height == corpus.documents.filter(pl.col("n_line_items") > 0).height == 15
    for row in joined.iter_rows(named=True):
        assert row["year"] == row["year_right"]
        assert row["province"] == (None if row["adcode"] is None else row["adcode"][:2] + "0000")
    assert_frame_equal(pl.read_parquet(tmp_path / "documents.parquet"), corpus.documents)


def test_cli_parse_writes_parquet_and_prints_a_summary(
    tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["parse", str(tree), "-o", str(tmp_path / "out"), "--no-progress", "--threads", "2"])
    out = capsys.readouterr().out
    assert status == 0
    assert "files: 19 (parsed 19, duplicates 0, errors 0)" in out
    assert "line items:" in out and "findings failed:" in out
    items = pl.scan_parquet(tmp_path / "out" / "line_items", hive_partitioning=True).select(pl.len()).collect()
    assert f"line items: {items.item()}" in out


def test_cli_parse_reports_errors_with_status_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    assert main(["parse", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 1
    assert "error:" in capsys.readouterr().out and "the input is empty" in (tmp_path / "out").joinpath(
        "errors.parquet"
    ).read_bytes().decode("utf-8", "replace")


def test_cli_help_has_examples() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cnbudget", "parse", "--help"], capture_output=True, text=True, check=True
    )
    assert "cnbudget parse disclosures/ -o out/" in result.stdout


def test_dask_bag_map_equals_read_dir(tree: Path, corpus: cnbudget.Corpus) -> None:
    db = pytest.importorskip("dask.bag", reason="dask[bag] is not installed (pip install 'dask[bag]')")

    def parse(path: str) -> pl.DataFrame:
        data = Path(path).read_bytes()
        doc = cnbudget.parse_bytes(path, data)
        return doc.line_items.insert_column(0, pl.lit(fnv1a64(data)).alias("document_id"))

    paths = [str(p) for p in sorted(tree.rglob("*")) if p.is_file()]
    frames = db.from_sequence(paths, npartitions=4).map(parse).compute(scheduler="synchronous")
    assert len(frames) == 19
    assert_frame_equal(pl.concat(frames), corpus.line_items)


def test_notebook_runs(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat/nbclient are not installed")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed")
    pytest.importorskip("matplotlib", reason="matplotlib is not installed")
    notebook = nbformat.read(REPO_ROOT / "examples" / "cross_region.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "\n".join(
        str(out.get("text", "")) + str(out.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "成安县" in outputs  # the region table names the regions
    assert "image/png" in str(notebook.cells), "the plot was not drawn"

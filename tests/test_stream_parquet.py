"""cnbudget.parse_to_parquet: chunked parsing straight to Parquet gives what read_files + write_parquet give."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import cnbudget

from conftest import SEEDS_DIR
from test_corpus import FIXTURES_DIR, corpus_inputs, fnv1a64

PARTITIONED = ["line_items", "tables", "facts", "indicators", "findings", "key_figures"]
SEED_002 = SEEDS_DIR / "002_b4e440192d61d51e.txt"
DUPLICATES = ("copy_a.txt", "copy_b.txt", "truncated_copy.docx")
"""The files of :func:`inputs` whose content an earlier file has."""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The 19 seeds and fixtures, then bad files and copies placed so that, in chunks of 2, duplicates
    cross chunks: [18, 19=empty] [20=copy_a, 21=copy_b] [22=truncated, 23=old.doc] [24=truncated copy]."""
    extra = tmp_path_factory.mktemp("extra")
    docx = (FIXTURES_DIR / "seed_001.docx").read_bytes()
    (extra / "empty.txt").write_bytes(b"")
    shutil.copy(SEED_002, extra / "copy_a.txt")  # input 2 (chunk 1) again, in chunk 10 ...
    shutil.copy(SEED_002, extra / "copy_b.txt")  # ... and again in the same chunk
    (extra / "truncated.docx").write_bytes(docx[: len(docx) // 2])
    (extra / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4088)
    (extra / "truncated_copy.docx").write_bytes(docx[: len(docx) // 2])  # a duplicate of a failed file
    names = ["empty.txt", "copy_a.txt", "copy_b.txt", "truncated.docx", "old.doc", "truncated_copy.docx"]
    return corpus_inputs() + [extra / name for name in names]


def read_back(out: Path) -> dict[str, pl.DataFrame]:
    frames = {name: pl.read_parquet(out / f"{name}.parquet") for name in ["documents", "errors"]}
    for name in PARTITIONED:
        back = pl.scan_parquet(out / name, hive_partitioning=True).collect()
        # A document's rows are in one file, in order: a stable sort by document_id keeps that order.
        frames[name] = back.sort("document_id", maintain_order=True)
    return frames


@pytest.fixture(scope="module")
def expected(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    """What read_files + Corpus.write_parquet write, read back."""
    out = tmp_path_factory.mktemp("corpus-parquet")
    cnbudget.read_files(inputs, progress=False, n_threads=2).write_parquet(out)
    return read_back(out)


@pytest.mark.parametrize("chunk_size", [1, 2, 1000])
def test_streamed_parquet_equals_corpus_write_parquet(
    inputs: list[Path], expected: dict[str, pl.DataFrame], tmp_path: Path, chunk_size: int
) -> None:
    summary = cnbudget.parse_to_parquet(inputs, tmp_path, progress=False, n_threads=2, chunk_size=chunk_size)
    streamed = read_back(tmp_path)
    for name in ["documents", "errors", *PARTITIONED]:
        assert_frame_equal(streamed[name], expected[name])  # `name` shows in a failure
    docs = expected["documents"]
    assert expected["line_items"].height > 7000 and expected["findings"].height > 1000
    # One part per chunk that has line items (a chunk's part may be split over several partitions).
    with_items = docs.with_row_index().filter(pl.col("n_line_items") > 0)["index"]
    parts = {p.name for p in (tmp_path / "line_items").rglob("*.parquet")}
    assert parts == {f"{i // chunk_size:08d}.parquet" for i in with_items}
    assert len(parts) == {1: 15, 2: 9, 1000: 1}[chunk_size]
    assert not list(tmp_path.glob(".*")), "the scratch folder was not removed"
    assert {k: v for k, v in summary.items() if k != "seconds"} == {
        "files": 25,
        "parsed": 19,
        "failed": 3,
        "partial": 0,
        "duplicates": 3,
        # Bytes read, as _read_files counts them: every file but the duplicates.
        "bytes": sum(p.stat().st_size for p in inputs if p.name not in DUPLICATES),
        "tables": expected["tables"].height,
        "line_items": expected["line_items"].height,
        "key_figures": expected["key_figures"].height,
        "findings_failed": docs["n_findings_failed"].sum(),
        "errors": 3,
    }
    assert summary["seconds"] > 0


def test_duplicates_across_chunks_point_to_the_first_file(inputs: list[Path], tmp_path: Path) -> None:
    cnbudget.parse_to_parquet(inputs, tmp_path, progress=False, chunk_size=2)
    docs = pl.read_parquet(tmp_path / "documents.parquet")
    assert docs["path"].to_list() == [str(p) for p in inputs]
    seed_id = fnv1a64(SEED_002.read_bytes())
    truncated = inputs[22]
    assert docs.filter(pl.col("status") == "duplicate").select("path", "document_id", "duplicate_of").rows() == [
        (str(inputs[20]), seed_id, str(SEED_002)),
        (str(inputs[21]), seed_id, str(SEED_002)),  # not copy_a, the first of its own chunk
        (str(inputs[24]), fnv1a64(truncated.read_bytes()), str(truncated)),
    ]
    # A duplicate row carries no meta, as _read_files writes it.
    copy_a = docs.row(20, named=True)
    assert (copy_a["format"], copy_a["year"], copy_a["n_line_items"], copy_a["n_findings"]) == (None, None, 0, 0)
    # The seed's rows are written once, not once per copy.
    items = pl.scan_parquet(tmp_path / "line_items", hive_partitioning=True).filter(pl.col("document_id") == seed_id)
    rows = items.collect()
    assert rows.height == cnbudget.read_document(SEED_002).line_items.height > 100
    assert rows.select("year", "province").unique().rows() == [(2022, "500000")]  # 重庆市綦江区, adcode 500110


def test_errors_are_written_and_warned_or_raised(inputs: list[Path], tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cnbudget.parse_to_parquet(inputs, tmp_path / "warn", progress=False, chunk_size=2, on_error="warn")
    errors = pl.read_parquet(tmp_path / "warn" / "errors.parquet")
    assert [Path(p).name for p in errors["path"]] == ["empty.txt", "truncated.docx", "old.doc"]
    assert errors["kind"].to_list() == ["empty", "malformed", "unsupported_format"]
    assert errors["message"][0] == "the input is empty"
    assert errors["message"][2].startswith("unsupported format: OLE2")
    expected = [f"cnbudget: {path}: {message}" for path, message in errors.select("path", "message").rows()]
    assert [str(w.message) for w in caught] == expected
    assert all(w.filename == __file__ for w in caught)
    with pytest.raises(cnbudget.CnbudgetError, match=r"3 of 25 files failed; first: .*empty\.txt: the input is empty"):
        cnbudget.parse_to_parquet(inputs, tmp_path / "raise", progress=False, chunk_size=2, on_error="raise")
    # Raised after everything was written.
    assert_frame_equal(pl.read_parquet(tmp_path / "raise" / "errors.parquet"), errors)
    with pytest.raises(ValueError, match="on_error"):
        cnbudget.parse_to_parquet(inputs, tmp_path, on_error="ignore")  # type: ignore[arg-type]


def test_a_rerun_replaces_the_earlier_parts(
    inputs: list[Path], expected: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    cnbudget.parse_to_parquet(inputs, tmp_path, progress=False, chunk_size=1)  # 00000000 … 00000024
    cnbudget.parse_to_parquet(inputs[:5], tmp_path, progress=False, chunk_size=1000)
    back = read_back(tmp_path)
    assert back["documents"].height == 5
    assert {p.name for p in (tmp_path / "line_items").rglob("*.parquet")} == {"00000000.parquet"}
    first_five = expected["documents"]["document_id"].head(5)
    assert_frame_equal(back["line_items"], expected["line_items"].filter(pl.col("document_id").is_in(first_five)))


def test_a_directory_and_one_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    (src / ".hidden").mkdir(parents=True)
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(path, src / path.name)
    shutil.copy(SEED_002, src / ".hidden" / "skipped.txt")
    summary = cnbudget.parse_to_parquet(src, tmp_path / "out", chunk_size=2, progress=True)
    err = capsys.readouterr().err
    assert "5/5 files" in err and "/2 files" not in err and "/1 files" not in err
    assert (summary["files"], summary["parsed"]) == (5, 5)
    corpus = cnbudget.read_dir(src, progress=False)
    assert_frame_equal(pl.read_parquet(tmp_path / "out" / "documents.parquet"), corpus.documents)
    with pytest.raises(NotADirectoryError):
        cnbudget.parse_to_parquet(src / "000_7ae52973a2e064fc.txt", tmp_path / "x")


def test_no_files_still_write_typed_empty_frames(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    summary = cnbudget.parse_to_parquet(tmp_path / "in", tmp_path / "out", progress=False)
    assert summary["files"] == 0 and summary["line_items"] == 0
    empty = cnbudget.read_files([], progress=False)
    assert pl.read_parquet(tmp_path / "out" / "documents.parquet").schema == empty.documents.schema
    assert pl.read_parquet(tmp_path / "out" / "errors.parquet").schema == empty.errors.schema
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["documents.parquet", "errors.parquet", *PARTITIONED]
    )


def test_facts_are_partitioned_by_their_document_and_keep_their_stated_year(
    expected: dict[str, pl.DataFrame],
) -> None:
    # Seed 002 is the 2022 budget of a Chongqing (500000) department; its facts state amounts of
    # 2022 and of 2021 (上年), and all of them sit in the document's partition.
    doc_id = fnv1a64(SEED_002.read_bytes())
    facts = expected["facts"].filter(pl.col("document_id") == doc_id)
    assert set(facts["year"].unique()) == {2022} and set(facts["province"].unique()) == {"500000"}
    own = cnbudget.read_document(SEED_002).facts
    assert facts["stated_year"].to_list() == own["year"].to_list()
    assert 2021 in own["year"].to_list() and 2022 in own["year"].to_list()

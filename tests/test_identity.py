"""Document identity in Python: ``doc.meta`` says where each field was read, whether the document is
a disclosure at all, and ``read_dir``'s documents frame shows the same (issue #14)."""

from __future__ import annotations

import shutil
from pathlib import Path

import cnbudget

CORPUS = Path(__file__).parent / "data" / "corpus" / "docs"


def test_tables_only_document_reads_its_agency_from_a_table_field() -> None:
    meta = cnbudget.read_document(CORPUS / "002_北京_北京市医疗保障局2026年度部门预算报表.pdf").meta
    assert (meta.agency, meta.year, meta.kind, meta.level, meta.adcode) == ("北京市医疗保障局", 2026, "预算", "部门", "110000")
    assert meta.is_disclosure and meta.not_disclosure_reason is None
    agency = meta.sources["agency"]
    assert agency["evidence"] == "caption_field" and agency["page"] == 27, agency
    assert meta.to_dict()["is_disclosure"] is True and meta.to_dict()["level"] == "部门"


def test_cover_title_and_a_notice() -> None:
    meta = cnbudget.read_document(CORPUS / "022_佛山_2026年佛山市交通运输局部门预算.pdf").meta
    assert (meta.agency, meta.year, meta.kind) == ("佛山市轨道交通局", 2019, "决算")
    assert meta.sources["year"]["label"] == "cover_title p1"
    notice = cnbudget.read_document(CORPUS / "008_杭州_2026年杭州市政府办公厅部门预算.pdf").meta
    assert notice.is_disclosure is False and notice.agency is None
    assert notice.not_disclosure_reason is not None and "文件" in notice.not_disclosure_reason


def test_documents_frame_shows_identity_and_sources(tmp_path: Path) -> None:
    for name in ("上海普陀_上海市普陀区财政局2024年度部门决算.pdf", "模板_department_budget_template.xlsx"):
        shutil.copy(CORPUS / name, tmp_path / name)
    documents = cnbudget.read_dir(tmp_path, progress=False).documents.sort("path")
    rows = {Path(r["path"]).name: r for r in documents.iter_rows(named=True)}
    accounts = rows["上海普陀_上海市普陀区财政局2024年度部门决算.pdf"]
    assert (accounts["is_disclosure"], accounts["level"], accounts["adcode"]) == (True, "部门", "310107")
    assert accounts["agency_source"] == "cover_title p1" and accounts["adcode_source"] is not None
    template = rows["模板_department_budget_template.xlsx"]
    assert template["is_disclosure"] is False and "template" in template["not_disclosure_reason"]
    assert template["agency"] is None

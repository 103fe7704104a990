"""Every number on its page: positions in the frames, page pictures, findings drawn, the HTML report."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

import cnbudget
from cnbudget.cli import main as cli_main

from conftest import CORPUS_DIR, REPO_ROOT, seed_path

PUTUO = next((CORPUS_DIR / "docs").glob("上海普陀_上海市普陀区财政局*.pdf"))
YANTAI = next((CORPUS_DIR / "docs").glob("025_烟台_2026年烟台市信访局部门预算.pdf"))
"""A document with true inconsistencies (tests/data/known_inconsistencies.csv), so failed findings."""
POSITION_COLUMNS = ["x0", "y0", "x1", "y1", "page_width", "page_height", "sheet", "cell", "location"]


class _Outline(HTMLParser):
    """Counts finding sections and the top-level pictures inside each (and checks tags are balanced)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.sections: list[dict[str, int | str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "section" and attributes.get("class") == "finding":
            self.sections.append({"status": attributes.get("data-status") or "", "svgs": 0})
        if tag == "svg" and "svg" not in self.stack and self.sections and "section" in self.stack:
            self.sections[-1]["svgs"] = int(self.sections[-1]["svgs"]) + 1
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        if tag not in {"meta", "br", "rect", "line", "img"}:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # <rect/>, <line/>: nothing opened

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()


@pytest.fixture(scope="module")
def putuo() -> cnbudget.Document:
    return cnbudget.read_document(PUTUO)


def test_pdf_line_items_have_their_page_box(putuo: cnbudget.Document) -> None:
    items = putuo.line_items
    assert items.columns[-len(POSITION_COLUMNS) :] == POSITION_COLUMNS
    assert items.height > 400
    assert items.filter(pl.col("x0").is_null() | pl.col("page").is_null()).height == 0
    assert (items["x0"] < items["x1"]).all() and (items["y1"] <= items["page_height"]).all()
    row = items.filter((pl.col("amount_printed") == "2,082.85") & (pl.col("table_kind") == "GeneralBudgetBasicExpenditure"))
    assert row["page"].to_list() == [16]
    assert row["location"][0].startswith("page 16, box ")
    assert (row["page_width"][0], row["page_height"][0]) == pytest.approx((595.3, 841.9), abs=1.0)
    findings = putuo.findings
    assert findings.filter(pl.col("page").is_not_null() & pl.col("x0").is_null()).height == 0


def test_text_formats_give_lines_and_bytes() -> None:
    items = cnbudget.read_document(seed_path("001")).line_items
    located = items.filter(pl.col("amount_printed") != "")
    assert located.height > 100
    assert located.filter(pl.col("location").is_null() | pl.col("location").str.contains("bytes 0..0")).height == 0
    assert located["location"][0].startswith("line ")


def test_page_picture_shows_itself_and_saves(putuo: cnbudget.Document, tmp_path: Path) -> None:
    picture = putuo.page(16, [((254.0, 216.1, 314.9, 245.4), "工资福利支出")])
    svg = picture.svg
    assert svg is not None and svg.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    assert picture._repr_svg_() == svg and picture._repr_html_() == svg
    assert ">2,082.85</text>" in svg and ">工资福利支出</text>" in svg
    picture.save(tmp_path / "p.svg")
    assert (tmp_path / "p.svg").read_text(encoding="utf-8") == svg
    with pytest.raises(IndexError):
        putuo.page(999)
    with pytest.raises(ValueError):
        cnbudget.read_document(seed_path("001")).page(1)


@pytest.fixture(scope="module")
def yantai() -> cnbudget.Document:
    return cnbudget.read_document(YANTAI)


def test_findings_show_their_numbers_on_their_page(yantai: cnbudget.Document) -> None:
    findings = yantai.findings_list
    assert len(findings) == yantai.findings.height
    # 烟台信访 prints a 类 whose 款 do not add up to it (a true inconsistency).
    failed = next(f for f in findings if f.status == "fail" and f.rule == "rows.parent_code_eq_sum_children")
    picture = failed.show()
    assert picture.svg is not None
    roles = {role for role, _, _, _ in failed.numbers}
    assert all(f'data-role="{role}"' in picture.svg for role in roles & {"expected", "actual", "part"})
    assert failed.rule in picture.svg
    assert all(location.startswith("page ") for _, _, _, location in failed.numbers)
    assert yantai.show_finding(failed.index).svg == picture.svg


def test_tables_show_their_cells(putuo: cnbudget.Document) -> None:
    table = next(t for t in putuo.tables if t.kind == "GeneralBudgetBasicExpenditure")
    assert 'data-role="cell"' in (putuo.show_table(table.index).svg or "")
    assert table.show().svg == putuo.show_table(table.index).svg


def test_native_findings_show_their_cited_cells() -> None:
    doc = cnbudget.read_document(next((CORPUS_DIR / "docs").glob("*department_budget_template.xlsx")))
    finding = next(f for f in doc.findings_list if f.numbers and f.numbers[0][3].startswith("sheet "))
    picture = finding.show()
    assert picture.svg is None
    assert 'class="cited expected"' in picture.html or 'class="cited part"' in picture.html


def test_report_of_a_pdf_is_valid_html_with_one_picture_per_finding(yantai: cnbudget.Document, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert cli_main(["report", str(YANTAI), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    outline = _Outline()
    outline.feed(html)
    outline.close()
    assert outline.stack == []
    assert len(outline.sections) == yantai.findings.height
    with_numbers = yantai.findings.filter(pl.col("page").is_not_null()).height
    assert sum(1 for s in outline.sections if s["svgs"] == 1) == with_numbers
    assert all(int(s["svgs"]) <= 1 for s in outline.sections)
    assert [s["status"] for s in outline.sections][0] == "fail"
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "<script" not in html


def test_corpus_report_has_one_row_per_document(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(seed_path("001"), source / "a.txt")
    shutil.copy(seed_path("003"), source / "b.txt")
    (source / "broken.pdf").write_bytes(b"%PDF-1.7\nnot really")
    out = tmp_path / "reports"
    assert cli_main(["report", str(source), "-o", str(out)]) == 1  # the broken file is an error row
    outline = _Outline()
    outline.feed((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(outline.links) == ["0001_a.html", "0002_b.html"]
    assert all((out / link).is_file() for link in outline.links)


def test_render_script_draws_the_report_in_a_browser(tmp_path: Path) -> None:
    script = REPO_ROOT / "scripts" / "render_report.py"
    sys.path.insert(0, str(script.parent))
    try:
        import render_report  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    if render_report.find_browser() is None:
        pytest.skip("no Chromium-family browser installed")
    png = tmp_path / "report.png"
    small = next((CORPUS_DIR / "docs").glob("015_长沙_国有资产监督管理委员会*.pdf"))
    done = subprocess.run([sys.executable, str(script), str(small), "-o", str(png), "--height", "1200"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


def test_key_figure_shows_its_table_cell_and_its_narrative_number(putuo: cnbudget.Document) -> None:
    figures = putuo.key_figures
    # 公用经费 of the 2024 决算: 184.65 万元 in the 一般公共预算财政拨款基本支出 table (p17) and the narrative (p23).
    row = figures.with_row_index().filter((pl.col("key") == "public_expenditure") & (pl.col("funds") == "general_budget"))
    assert row["agree"].to_list() == [True] and row["source"].to_list() == ["both"]
    picture = putuo.show_key_figure("public_expenditure", funds="general_budget", phase="决算数")
    svg = picture.svg
    assert svg is not None
    assert 'data-role="table"' in svg and 'data-role="text"' in svg
    assert ">table: 184.65</text>" in svg and ">text: 184.65万元</text>" in svg
    assert [int(p) for p in re.findall(r'class="cnb-page" data-page="(\d+)"', svg)] == [17, 23]
    assert "public_expenditure" in svg and "agree" in svg
    assert putuo.show_key_figure(int(row["index"][0])).svg == svg
    with pytest.raises(KeyError):
        putuo.show_key_figure("public_expenditure", funds="gov_fund")
    with pytest.raises(IndexError):
        putuo.show_key_figure(10_000)


def test_key_figure_of_a_text_document_is_its_table_row() -> None:
    doc = cnbudget.read_document(seed_path("001"))
    income = doc.key_figures.filter((pl.col("key") == "income_total") & pl.col("table_amount").is_not_null())
    picture = doc.show_key_figure("income_total", funds=income["funds"][0], phase=income["phase"][0])
    assert picture.svg is None
    assert '<td class="cited table">7,414.81</td>' in picture.html or '<td class="cited table">7414.81</td>' in picture.html


def test_report_shows_every_key_figure_with_its_picture(putuo: cnbudget.Document, tmp_path: Path) -> None:
    html = putuo.report_html()
    section = html[html.index('id="key-figures"') : html.index('id="tables"')]
    figures = re.findall(r'<details(?: open)? class="figure" id="figure-(\d+)">(.*?)</details>', section, re.S)
    assert [int(i) for i, _ in figures] == list(range(putuo.key_figures.height))
    assert all("<svg" in body for _, body in figures)
    assert html.index('id="identity"') < html.index('id="key-figures"') < html.index('id="tables"') < html.index('id="findings"')
    out = tmp_path / "reports"
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(seed_path("001"), source / "a.txt")
    assert cli_main(["report", str(source), "-o", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "title=\"income_total\">收入总计</th>" in index and ">7,414.81</td>" in index

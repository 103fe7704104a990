"""Read limits passed by name from Python reach the PDF reader."""

from __future__ import annotations

import pytest

import cnbudget
from conftest import CORPUS_DIR

PUTUO = CORPUS_DIR / "docs" / "上海普陀_中共上海市普陀区委社会工作部2024年度部门决算.pdf"


def test_a_pdf_page_limit_skips_the_later_pages_with_a_warning() -> None:
    whole = cnbudget.read_document(PUTUO)
    limited = cnbudget.parse_bytes("putuo.pdf", PUTUO.read_bytes(), limits={"max_pdf_pages": 3})
    messages = limited.warnings["message"].to_list()
    assert any("more than 3 pages" in message for message in messages), messages
    assert limited.line_items.height < whole.line_items.height


def test_an_operand_limit_names_itself_in_the_warnings() -> None:
    doc = cnbudget.read_document(PUTUO, limits={"max_pdf_operands": 3})
    messages = doc.warnings["message"].to_list()
    assert any("operand stack limit" in message for message in messages), messages[:5]


def test_an_unknown_limit_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="max_pdf_pages"):
        cnbudget.parse_bytes("x.pdf", b"%PDF-1.7", limits={"max_pdf_colours": 1})

"""Errors map to named exceptions that say where."""

from __future__ import annotations

from pathlib import Path

import pytest

import cnbudget


def test_exception_hierarchy() -> None:
    assert issubclass(cnbudget.ParseError, cnbudget.CnbudgetError)
    assert issubclass(cnbudget.UnsupportedFormatError, cnbudget.ParseError)
    assert issubclass(cnbudget.CnbudgetError, Exception)
    assert not issubclass(cnbudget.CnbudgetError, OSError)


def test_empty_bytes_raise_parse_error_naming_the_source() -> None:
    with pytest.raises(cnbudget.ParseError, match=r"^empty\.txt: the input is empty$") as info:
        cnbudget.parse_bytes("empty.txt", b"")
    assert type(info.value) is cnbudget.ParseError
    assert info.value.kind == "empty"
    assert info.value.source == "empty.txt"
    assert info.value.line is None


def test_empty_bytes_without_name() -> None:
    with pytest.raises(cnbudget.ParseError, match="<bytes>"), pytest.warns(DeprecationWarning):
        cnbudget.parse_bytes(b"")


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(cnbudget.ParseError, match="empty") as info:
        cnbudget.parse_bytes("blank.txt", b" \n\n\t\n")
    assert info.value.kind == "empty"


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_legacy_word_doc_is_unsupported_and_named() -> None:
    data = OLE2_MAGIC + "WordDocument".encode("utf-16-le")
    with pytest.raises(cnbudget.UnsupportedFormatError, match=r"^x\.doc: unsupported format: DOC") as info:
        cnbudget.parse_bytes("x.doc", data)
    assert info.value.kind == "unsupported_format"
    assert info.value.source == "x.doc"


def test_broken_pdf_is_a_parse_error_naming_pdf() -> None:
    # PDF is read, so a truncated PDF is malformed, not unsupported.
    with pytest.raises(cnbudget.ParseError, match=r"^x\.pdf: malformed PDF") as info:
        cnbudget.parse_bytes("x.pdf", b"%PDF-1.7 ...")
    assert type(info.value) is cnbudget.ParseError
    assert info.value.kind == "malformed"
    assert info.value.source == "x.pdf"


def test_read_document_of_a_pdf_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "报表.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(cnbudget.ParseError, match="报表.pdf") as info:
        cnbudget.read_document(path)
    assert info.value.source == str(path)


def test_missing_file_raises_file_not_found() -> None:
    with pytest.raises(FileNotFoundError) as info:
        cnbudget.read_document("nonexistent.txt")
    assert info.value.filename == "nonexistent.txt"
    assert info.value.errno == 2


def test_directory_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        cnbudget.read_document(tmp_path)


def test_wrong_argument_types() -> None:
    with pytest.raises(TypeError):
        cnbudget.parse_bytes("not bytes")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        cnbudget.parse_bytes("x.txt", "not bytes")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        cnbudget.read_document(42)  # type: ignore[arg-type]

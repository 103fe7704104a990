"""cnbudget: exact, validated data from Chinese government budget disclosures (部门预算 / 部门决算公开).

Parse one document into a :class:`Document` with its :class:`Meta`, :class:`Table` objects and a tidy
``line_items`` Polars frame (amounts in 元 as exact decimals)::

    import cnbudget
    doc = cnbudget.read_document("成安县医疗保障局2023年部门预算.txt")
    doc.meta.year, doc.meta.kind
    doc.line_items.filter(code="2101202")

All parsing happens in Rust (``budget-core``); this package only converts the results.
"""

from __future__ import annotations

from ._native import (
    AMOUNT_PRECISION,
    AMOUNT_SCALE,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    INDICATOR_COLUMNS,
    KEY_FIGURE_COLUMNS,
    KEY_FIGURE_KEYS,
    LINE_ITEM_COLUMNS,
    CnbudgetError,
    Document,
    Finding,
    Meta,
    ParseError,
    Picture,
    Table,
    UnsupportedFormatError,
    __version__,
    read_document,
)
from ._parse_bytes import parse_bytes
from ._samples import sample_paths
from .corpus import Corpus, parse_to_parquet, read_dir, read_files

__all__ = [
    "AMOUNT_PRECISION",
    "AMOUNT_SCALE",
    "FACT_COLUMNS",
    "FINDING_COLUMNS",
    "INDICATOR_COLUMNS",
    "KEY_FIGURE_COLUMNS",
    "KEY_FIGURE_KEYS",
    "LINE_ITEM_COLUMNS",
    "CnbudgetError",
    "Corpus",
    "Document",
    "Finding",
    "Meta",
    "ParseError",
    "Picture",
    "Table",
    "UnsupportedFormatError",
    "__version__",
    "parse_bytes",
    "parse_to_parquet",
    "read_dir",
    "read_document",
    "read_files",
    "sample_paths",
]

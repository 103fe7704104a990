"""Type stubs for ``cnbudget._native``, the Rust extension (PyO3 over ``budget-core``)."""

import os
from typing import Callable, Final, Mapping, Sequence, final

import polars as pl

__all__ = [
    "AMOUNT_PRECISION",
    "AMOUNT_SCALE",
    "LINE_ITEM_COLUMNS",
    "FACT_COLUMNS",
    "INDICATOR_COLUMNS",
    "FINDING_COLUMNS",
    "KEY_FIGURE_COLUMNS",
    "KEY_FIGURE_KEYS",
    "CnbudgetError",
    "Document",
    "Finding",
    "Meta",
    "Picture",
    "ParseError",
    "Table",
    "UnsupportedFormatError",
    "_SeenFiles",
    "__version__",
    "_read_files",
    "parse_bytes",
    "read_document",
    "write_corpus_report",
]

__version__: Final[str]
AMOUNT_PRECISION: Final[int]
"""Precision of the ``amount`` column of :attr:`Document.line_items` (38)."""
AMOUNT_SCALE: Final[int]
"""Scale of the ``amount`` column (6 decimals: exact for every amount in 元 seen in disclosures)."""
LINE_ITEM_COLUMNS: Final[tuple[str, ...]]
"""The column names of :attr:`Document.line_items`, in order."""
FACT_COLUMNS: Final[tuple[str, ...]]
"""The column names of :attr:`Document.facts`, in order."""
INDICATOR_COLUMNS: Final[tuple[str, ...]]
"""The column names of :attr:`Document.indicators`, in order."""
FINDING_COLUMNS: Final[tuple[str, ...]]
"""The column names of :attr:`Document.findings`, in order."""
KEY_FIGURE_COLUMNS: Final[tuple[str, ...]]
"""The column names of :attr:`Document.key_figures`, in order."""
KEY_FIGURE_KEYS: Final[tuple[str, ...]]
"""The keys of :attr:`Document.key_figures` (``income_total``, ``basic_expenditure``, …), in report order."""

class CnbudgetError(Exception):
    """Base class of every error raised by cnbudget (besides ``OSError`` for unreadable files)."""

class ParseError(CnbudgetError):
    """A document could not be parsed (empty, undecodable, malformed, over a size limit).

    The message names the source and, where known, the line: ``"x.txt, line 3: …"``.
    """

    kind: str
    """The core error kind: ``empty``, ``decode``, ``malformed``, ``limit_exceeded`` or ``unsupported_format``."""
    source: str
    """The source name (file path or the ``name`` given to :func:`parse_bytes`)."""
    line: int | None
    """1-based line of the problem, when known."""
    byte: int | None
    """Byte offset of the problem, when known."""

class UnsupportedFormatError(ParseError):
    """The document is in a format cnbudget recognises but cannot read, e.g. a binary Word ``.doc``."""

def read_document(path: str | os.PathLike[str], limits: Mapping[str, int] | None = None) -> Document:
    """Read and parse the document at ``path``; the format is detected from the content.

    Arguments:
        path: A file path (``str`` or ``os.PathLike``).
        limits: Read limits to override, by name (the fields of the Rust ``ReadOptions``, e.g.
            ``{"max_pdf_pages": 100, "max_pdf_stream_bytes": 16 << 20}``); a limit reached skips
            the rest of that stream or page with a warning.

    Returns:
        The parsed :class:`Document`.

    Raises:
        FileNotFoundError: (or another ``OSError``) when the file cannot be read.
        ParseError: when the content cannot be parsed; :class:`UnsupportedFormatError` for a known
            but unsupported format.
        ValueError: for an unknown limit name.
    """

def parse_bytes(name: str, data: bytes, limits: Mapping[str, int] | None = None) -> Document:
    """Parse one document from its bytes, releasing the GIL while parsing; the arguments in the order
    of the Rust ``budget_core::parse_bytes(name, data)``.

    Suitable as a map function on Ray, Dask or Spark. ``cnbudget.parse_bytes`` wraps it and still
    accepts the 0.1 order ``(data, name=None)`` for one release, with a ``DeprecationWarning``.

    Arguments:
        name: The source name, used to detect the format, in messages and in the ``source`` column.
        data: The raw bytes of the document (any supported encoding).
        limits: Read limits to override, by name, as for :func:`read_document`.

    Returns:
        The parsed :class:`Document`.

    Raises:
        ParseError: when the bytes cannot be parsed (message and attributes name the source).
        UnsupportedFormatError: for a known but unsupported format, e.g. a binary Word ``.doc``.
        ValueError: for an unknown limit name.
    """

@final
class _SeenFiles:
    """The files seen by the batches of one run (by content hash and size), shared by the
    :func:`_read_files` calls of a chunked run so that duplicates are found across chunks."""

    def __init__(self) -> None: ...
    def __len__(self) -> int:
        """How many distinct contents were seen."""

def _read_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    n_threads: int | None = None,
    progress: Callable[[int, int, int, int], None] | None = None,
    seen: _SeenFiles | None = None,
) -> tuple[dict[str, pl.DataFrame], dict[str, float]]:
    """Parse many files in parallel (rayon, GIL released); the engine behind :func:`cnbudget.read_dir`.

    Each document is converted to frame rows as soon as it is parsed, then dropped. Identical files
    (same FNV-1a 64 content hash and size) are parsed once. A file that fails never stops the batch.

    Arguments:
        paths: The files, in output order.
        n_threads: Worker threads (default: ``CNBUDGET_PARALLELISM``, else the number of CPUs).
        progress: Called as ``progress(done, total, errors, bytes)`` from the calling thread at most
            every 100 ms and once at the end; an exception in it cancels the batch and is re-raised.
        seen: The files of earlier batches of the same run: a file with the content of one of them
            is a ``duplicate`` of it (its ``duplicate_of`` is that file's path) and is not parsed.

    Returns:
        ``(frames, summary)``: ``frames`` maps ``documents``, ``line_items``, ``facts``, ``indicators``,
        ``findings``, ``tables``, ``key_figures``, ``errors`` to DataFrames (see :class:`cnbudget.Corpus`); ``summary`` maps ``files``, ``parsed``, ``failed``, ``partial``,
        ``duplicates``, ``bytes``, ``seconds`` to numbers.

    Raises:
        KeyboardInterrupt: on Ctrl-C (the batch is cancelled).
    """

def write_corpus_report(
    directory: str | os.PathLike[str], out_dir: str | os.PathLike[str]
) -> list[tuple[str, str | None, str | None]]:
    """Write the report of every file under ``directory`` into ``out_dir`` and ``index.html`` linking them.

    Returns:
        ``(path, report file name or None, error or None)`` per file.
    """

@final
class Document:
    """One parsed disclosure: meta, tables, line items, residual blocks and warnings."""

    @property
    def source(self) -> str:
        """Name of the source (file path or the ``name`` given to :func:`parse_bytes`)."""
    @property
    def format(self) -> str:
        """The format the document was read from (``tika_text``, ``markdown``, ``plain_text``, …)."""
    @property
    def encoding(self) -> str:
        """The encoding the bytes were decoded from (``UTF-8``, ``GB18030``, …)."""
    @property
    def meta(self) -> Meta:
        """Title, agency, year, kind, scope and unit."""
    @property
    def tables(self) -> list[Table]:
        """Every table found, recognised or not, in document order, as :class:`Table` objects (the frame
        of them is :attr:`tables_frame`)."""
    @property
    def tables_frame(self) -> pl.DataFrame:
        """One row per table of :attr:`tables`: ``index`` UInt32, ``kind`` String (``TableKind``),
        ``title``, ``unit``, ``declared_empty`` Boolean, ``n_rows`` and ``n_columns`` UInt32,
        ``line_start`` and ``line_end`` UInt32 (null when unknown). :attr:`cnbudget.Corpus.tables_frame`
        has the same columns after ``document_id``."""
    @property
    def line_items(self) -> pl.DataFrame:
        """One row per (table row, measure) of every money table.

        Columns, in order (:data:`LINE_ITEM_COLUMNS`): ``source`` String, ``table_index`` UInt32,
        ``table_kind`` String (e.g. ``GeneralBudgetExpenditure``), ``table_title`` String, ``code``
        String, ``code_scheme`` String (``function``/``dept_economic``/``gov_economic``), ``level``
        String (类/款/项, as printed), ``parent_code`` String, ``name`` String, ``row_role`` String
        (``detail``/``subtotal``/``total``), ``side`` String, ``measure`` String, ``amount``
        Decimal(38, 6) (元 when ``is_money``, else the quantity as printed; null when blank),
        ``amount_printed`` String, ``unit_printed`` String, ``is_money`` Boolean, ``line_start``
        UInt32, ``line_end`` UInt32, ``page`` UInt32 (lines 1-based; null when unknown), then the
        position columns: ``x0``, ``y0``, ``x1``, ``y1``
        Float32 (its box on the page in points, top-left origin, y down; PDFs), ``page_width``,
        ``page_height`` Float32, ``sheet`` and ``cell`` (spreadsheet ``B7``) String, and ``location``
        String (where it is, in words: ``page 3, box …``, ``sheet 收支总表 cell B7``,
        ``table 2 row 3 cell 4``, ``line 24, bytes 242..249``).

        An empty document gives an empty frame with the same schema.
        """
    @property
    def facts(self) -> pl.DataFrame:
        """Numbers stated in narrative sentences, one row each.

        Columns (:data:`FACT_COLUMNS`): ``source``, ``key`` (controlled vocabulary: ``income_total``,
        ``basic_expenditure``, ``three_public_total``, …, else ``other``), ``label`` as printed,
        ``value`` Decimal(38, 6) as printed, ``unit`` (万元/元/人/%/…), ``amount_yuan`` Decimal (money
        only), ``year`` Int32, ``period`` (``this_year``/``last_year``), ``change`` and
        ``change_rate`` Decimal (stated 增减 and 增减率), ``reason``, ``code`` and ``code_scheme``
        (``function``/``dept_economic``/``gov_economic``: classification looked up by name), ``sentence``, ``line_start``, ``line_end``, ``page``,
        and the position columns of :attr:`line_items` (the sentence's box for PDFs), and
        ``unkeyed`` (why a fact is keyed ``other``: ``percentage``, ``classified_item``, ``no_subject``,
        ``count``, ``not_a_key_figure``; null for keyed facts).
        """
    @property
    def indicators(self) -> pl.DataFrame:
        """Performance targets (绩效指标), one row each.

        Columns (:data:`INDICATOR_COLUMNS`): ``source``, ``scope`` (``project``/``department``),
        ``project``, ``level1``, ``level2``, ``name``, ``operator`` (≥ ≤ = > <, null when
        qualitative), ``target`` Decimal, ``unit``, ``target_printed``, ``weight`` Decimal,
        ``grades`` (``优 ≥95%; 良 ≥90%; …``), ``basis``, ``line_start``, ``line_end``, ``page``.
        """
    @property
    def findings(self) -> pl.DataFrame:
        """Validation findings, one row per rule evaluation.

        Columns (:data:`FINDING_COLUMNS`): ``source``, ``rule``, ``family`` (``within_table``,
        ``across_tables``, ``text_vs_table``, ``within_text``, ``catalog``, ``plausibility``,
        ``completeness``, ``consistency``, ``typography``),
        ``status`` (``pass``/``fail``/``warn``/``insufficient_data``/``not_applicable``),
        ``expected``, ``actual``, ``difference``, ``tolerance`` (Decimal, 元 for money),
        ``message_zh``, ``message_en``, ``numbers`` (every number used, ``label = printed``),
        ``line_start``, ``line_end``, ``page`` and the position columns of :attr:`line_items`, of the
        first number (every number's position: :attr:`Finding.numbers`).
        """
    @property
    def key_figures(self) -> pl.DataFrame:
        """The headline figures (收入总计, 基本支出, 人员经费, “三公”经费, 机关运行经费, 政府采购, …),
        one row per (key, funds, phase), table and narrative side by side.

        Columns (:data:`KEY_FIGURE_COLUMNS`): ``key`` (:data:`KEY_FIGURE_KEYS`), ``label`` as printed,
        ``funds`` (``all``/``fiscal_grants``/``general_budget``/``gov_fund``/``state_capital``),
        ``phase`` (``预算数``/``全年预算数``/``决算数``/``上年``), ``amount`` Decimal(38, 6) in 元 (the
        table's when a table states it, else the narrative's), ``amount_printed``, ``source``
        (``table``/``text``/``both``), ``agree`` (Boolean: table and text within printed rounding;
        null unless both), the table cell (``table_amount``, ``table_amount_printed``,
        ``table_index``, ``table_kind``, ``row``, ``measure``, ``page``, ``line_start``) and the
        narrative statement (``text_amount``, ``text_amount_printed``, ``text_label``,
        ``fact_index``, ``sentence``, ``text_page``, ``text_line_start``).
        """
    def summary(self) -> str:
        """A text summary of the findings: counts by status, then each failed or warned finding with its
        numbers side by side."""
    @property
    def residual(self) -> pl.DataFrame:
        """Blocks no recognizer consumed, verbatim: ``kind`` (heading/paragraph/table), ``text``,
        ``line_start``, ``line_end``, ``page``."""
    @property
    def warnings(self) -> pl.DataFrame:
        """Things noticed while parsing: ``code``, ``message``, ``line_start``, ``line_end``, ``page``."""
    def to_json(self) -> str:
        """The whole document as JSON (serde of the Rust model; amounts as exact decimal strings)."""
    def _repr_html_(self) -> str:
        """A summary table for notebooks: title, agency, year, kind, unit and counts."""
    def page(self, number: int, highlights: list[tuple[tuple[float, float, float, float], str]] | None = None) -> Picture:
        """Page ``number`` (1-based) of a PDF drawn from cnbudget's own layout layer, as SVG.

        Its characters at their positions (drawn with the viewer's fonts), ruling lines and table
        grids, with ``highlights`` (``((x0, y0, x1, y1), label)`` boxes in points) over it. The PDF
        is read from :attr:`source` (or the bytes given to :func:`parse_bytes`) on the first
        picture and its pages kept for the next ones.

        Raises:
            ValueError: when the document is not a PDF.
            IndexError: when there is no such page.
        """
    @property
    def findings_list(self) -> list[Finding]:
        """The findings as objects, in the order of the rows of :attr:`findings`."""
    def show_finding(self, index: int) -> Picture:
        """Finding ``index`` (a row of :attr:`findings`) drawn on its page, see :meth:`Finding.show`."""
    def show_table(self, index: int) -> Picture:
        """Table ``index`` drawn: its first page with its line items' cells boxed (PDF), else as HTML."""
    def report_html(self) -> str:
        """The self-contained HTML report (what ``cnbudget report FILE`` writes)."""
    def show_key_figure(self, key: str | int, funds: str | None = None, phase: str | None = None) -> Picture:
        """A key figure drawn where it was printed: its table cell and its narrative number boxed.

        ``key`` is a key (``income_total``; the first figure whose ``funds`` and ``phase`` match
        those given, as in :attr:`key_figures`) or a row of :attr:`key_figures`. For PDFs the crop
        of its page(s) with the table cell (purple) and the number in the sentence (teal) boxed,
        under a caption with both values and whether they agree; else its table row and sentence.

        Raises:
            KeyError: when no figure of ``key`` matches.
            IndexError: when there is no such row.
        """

@final
class Picture:
    """A drawing from cnbudget's own layout layer: SVG for PDF pages, else HTML. Shows itself in Jupyter."""

    @property
    def svg(self) -> str | None:
        """The SVG (``None`` for HTML-only pictures of tables of other formats)."""
    @property
    def html(self) -> str:
        """The picture as HTML (the inline SVG or an HTML table)."""
    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the SVG (or the HTML when there is no SVG) to ``path``."""
    def _repr_svg_(self) -> str | None:
        """The SVG, for notebooks."""
    def _repr_html_(self) -> str:
        """The HTML, for notebooks."""

@final
class Finding:
    """One validation finding of a :class:`Document`."""

    @property
    def index(self) -> int:
        """Position among the document's findings (the row of :attr:`Document.findings`)."""
    @property
    def rule(self) -> str:
        """The rule id."""
    @property
    def status(self) -> str:
        """``pass``, ``fail``, ``warn``, ``insufficient_data`` or ``not_applicable``."""
    @property
    def message_zh(self) -> str:
        """What was checked and found, in Chinese."""
    @property
    def message_en(self) -> str:
        """What was checked and found, in English."""
    @property
    def numbers(self) -> list[tuple[str, str, str, str]]:
        """Every number used: ``(role, label, printed, location)``."""
    def show(self) -> Picture:
        """The finding drawn: the crop of its page(s) with its numbers boxed (expected red, actual blue,
        parts orange) under its message; for other formats its table rows as HTML."""

@final
class Meta:
    """What a document says about itself."""

    @property
    def title(self) -> str | None:
        """The title as printed."""
    @property
    def agency(self) -> str | None:
        """The agency (部门 / 单位) name."""
    @property
    def agency_code(self) -> str | None:
        """The agency code where printed (e.g. ``320001``)."""
    @property
    def region(self) -> str | None:
        """The region as printed (e.g. ``重庆市綦江区``), resolved with the division catalog."""
    @property
    def adcode(self) -> str | None:
        """The region's 6-digit administrative division code, valid for the budget year."""
    @property
    def approval_ref(self) -> str | None:
        """The approval reference (批复文号) when printed."""
    @property
    def year(self) -> int | None:
        """The budget year."""
    @property
    def kind(self) -> str | None:
        """``预算`` (budget) or ``决算`` (final accounts): the term as printed in the document, not an
        identifier (so not snake_case), the same in frames and :meth:`Document.to_json`."""
    @property
    def scope(self) -> str | None:
        """``部门`` (consolidated), ``单位`` or ``本级``."""
    @property
    def unit(self) -> str | None:
        """The declared money unit: ``万元``, ``元``, ``千元`` or ``亿元``."""
    @property
    def is_disclosure(self) -> bool:
        """Whether the document is a budget or final-accounts disclosure at all."""
    @property
    def not_disclosure_reason(self) -> str | None:
        """Why the document is not a disclosure (a notice, a template, a landing page …); ``None`` for one."""
    @property
    def level(self) -> str | None:
        """``部门`` (a department, possibly with its units) or ``单位`` (one unit): the term as printed,
        not an identifier."""
    @property
    def sub_units(self) -> list[str]:
        """For a 部门 document, the units it lists (单位构成) when printed."""
    @property
    def sources(self) -> dict[str, dict[str, str | int | None]]:
        """Where each field was read: field → ``{"evidence", "text", "page", "line", "label"}``
        (evidence ``cover_title``, ``cover_field``, ``caption_field``, ``title_line``, ``narrative``,
        ``file_name`` …)."""
    def to_dict(self) -> dict[str, str | int | None]:
        """The fields as a plain dict (keys: title, agency, agency_code, region, adcode, year, kind, scope,
        unit, approval_ref, is_disclosure (bool), not_disclosure_reason, level)."""
    def _repr_html_(self) -> str:
        """A two-column table for notebooks."""

@final
class Table:
    """A table as found in the document: recognised kind, flattened header paths, cells as printed."""

    @property
    def index(self) -> int:
        """Position among the document's tables (0-based); matches ``line_items['table_index']``."""
    @property
    def kind(self) -> str:
        """The ``TableKind`` identifier, e.g. ``GeneralBudgetExpenditure``; ``Unknown`` if unrecognised.

        Table kinds are the one vocabulary in CamelCase (every other identifier is snake_case): they
        are the public names of the standard tables, compared by existing code."""
    @property
    def title(self) -> str | None:
        """The title as printed."""
    @property
    def unit(self) -> str | None:
        """The declared money unit (``万元``, ``元``, …)."""
    @property
    def declared_empty(self) -> bool:
        """Whether the document declares the table empty (空表, 本单位无此项, 此表无数据)."""
    @property
    def columns(self) -> list[str]:
        """One flattened header path per column as printed, e.g. ``支出 / 基本支出 / 人员经费``."""
    @property
    def rows(self) -> list[list[str]]:
        """The body rows as printed, one string per column (empty where blank)."""
    @property
    def caption(self) -> dict[str, str]:
        """Caption fields printed with the table (编制单位, 预算年度, …), label → value."""
    @property
    def notes(self) -> list[str]:
        """Notes printed under the table (注：…)."""
    @property
    def line_start(self) -> int:
        """First source line of the table (1-based)."""
    @property
    def line_end(self) -> int:
        """Last source line of the table (1-based, inclusive)."""
    def to_polars(self) -> pl.DataFrame:
        """The table as a frame of String columns, cells as printed.

        Column names are :attr:`columns` made unique: a repeated name gets ``_1``, ``_2``, …; a blank
        or missing header becomes ``column_{j}`` (1-based). A cell a short row lacks is null.
        """
    def show(self) -> Picture:
        """The table drawn: its first page with the cells of its line items boxed (PDF), else as HTML."""
    def __len__(self) -> int:
        """The number of body rows."""

"""``parse_bytes`` with the argument order of the Rust core, ``parse_bytes(name, data)``.

Before 0.2 the Python function took ``parse_bytes(data, name=None)``. A call whose first positional
argument is bytes (or that gives ``data=`` without ``name=``) still works for one release, with a
``DeprecationWarning``.
"""

from __future__ import annotations

import warnings
from typing import Any, Mapping, overload

from . import _native

_BYTES = (bytes, bytearray, memoryview)
_DEFAULT_NAME = "<bytes>"


@overload
def parse_bytes(name: str, data: bytes, limits: Mapping[str, int] | None = None) -> _native.Document: ...


@overload
def parse_bytes(
    data: bytes, /, name: str | None = None, limits: Mapping[str, int] | None = None
) -> _native.Document: ...


def parse_bytes(*args: Any, **kwargs: Any) -> _native.Document:
    """Parse one document from its bytes, releasing the GIL while parsing: ``parse_bytes(name, data)``,
    in the order of the Rust ``budget_core::parse_bytes(name, data)``.

    Suitable as a map function on Ray, Dask or Spark.

    Arguments:
        name: The source name, used to detect the format (``.pdf``, ``.docx``, …; the content decides
            when it says otherwise), in messages and in the ``source`` column.
        data: The raw bytes of the document (any supported encoding).
        limits: Read limits to override, by name, as for :func:`read_document`.

    Returns:
        The parsed :class:`Document`.

    Raises:
        ParseError: when the bytes cannot be parsed (message and attributes name the source).
        UnsupportedFormatError: for a known but unsupported format, e.g. a binary Word ``.doc``.
        ValueError: for an unknown limit name.

    The order of 0.1, ``parse_bytes(data, name=None)``, still works for one release and emits a
    ``DeprecationWarning``.
    """
    legacy_positional = bool(args) and isinstance(args[0], _BYTES)
    legacy_keyword = not args and "data" in kwargs and "name" not in kwargs
    if not (legacy_positional or legacy_keyword):
        return _native.parse_bytes(*args, **kwargs)
    warnings.warn(
        "parse_bytes(data, name) is deprecated: the order is now parse_bytes(name, data), as in Rust",
        DeprecationWarning,
        stacklevel=2,
    )
    rest = list(args[1:]) if legacy_positional else []
    data = args[0] if legacy_positional else kwargs.pop("data")
    name = rest.pop(0) if rest else kwargs.pop("name", None)
    limits = rest.pop(0) if rest else kwargs.pop("limits", None)
    if rest or kwargs:
        raise TypeError(f"parse_bytes() got unexpected arguments: {rest or sorted(kwargs)}")
    return _native.parse_bytes(_DEFAULT_NAME if name is None else name, data, limits)

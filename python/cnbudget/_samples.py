"""The sample disclosures bundled with the package (real documents, used by ``cnbudget demo``)."""

from __future__ import annotations

from pathlib import Path

_SAMPLES_DIR = Path(__file__).resolve().parent / "samples"


def sample_paths() -> list[Path]:
    """Return the paths of the bundled sample documents, sorted by name.

    Returns:
        One path per sample (``000_盐池县医疗保险服务中心_2020.txt`` …), ready for
        :func:`cnbudget.read_document`.
    """
    return sorted(p for p in _SAMPLES_DIR.iterdir() if p.is_file() and p.suffix == ".txt")

"""Shared fixtures: the seed documents (``tests/data/seeds`` in the repository) and parsed copies.

The tests import the *installed* ``cnbudget`` (built by maturin), never the source tree: ``python/``
is not on ``sys.path`` here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

import cnbudget

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "tests" / "data" / "seeds"
CORPUS_DIR = REPO_ROOT / "tests" / "data" / "corpus"
SEED_IDS = ["000", "001", "002", "003", "004"]


def seed_path(seed_id: str) -> Path:
    """The path of seed ``seed_id`` (e.g. ``"001"``); fails loudly when the seeds are not reachable."""
    matches = sorted(SEEDS_DIR.glob(f"{seed_id}_*.txt"))
    if len(matches) != 1:
        pytest.fail(f"expected one seed {seed_id}_*.txt in {SEEDS_DIR}, found {len(matches)}")
    return matches[0]


@lru_cache(maxsize=None)
def parsed(seed_id: str) -> cnbudget.Document:
    """Seed ``seed_id`` parsed once per session."""
    return cnbudget.read_document(seed_path(seed_id))


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The directory of seed documents (``tests/data/seeds``)."""
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"seed directory {SEEDS_DIR} not found: the repository is incomplete")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    """The sample documents bundled in the installed package."""
    return cnbudget.sample_paths()


@pytest.fixture(params=SEED_IDS)
def seed_id(request: pytest.FixtureRequest) -> str:
    """Each seed id in turn."""
    return str(request.param)

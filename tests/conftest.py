"""Shared fixtures: the seed book (read once per session) and small helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "000_db7fe5bedc2fc6df.txt"


def _find_seed() -> Path:
    """The workplace keeps the seed in ../shared/seeds; BUDGETBOOK_SEEDS overrides."""
    if os.environ.get("BUDGETBOOK_SEEDS"):
        return Path(os.environ["BUDGETBOOK_SEEDS"]) / SEED_NAME
    for base in (ROOT, *ROOT.parents):
        candidate = base / "shared" / "seeds" / SEED_NAME
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "seeds" / SEED_NAME


SEED = _find_seed()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():  # the seed is part of the workplace; its absence is a broken checkout
        pytest.fail(f"seed book not found at {SEED}")
    return SEED


@pytest.fixture(scope="session")
def seed_book(seed_path):
    import budgetbook

    return budgetbook.read(seed_path)


@pytest.fixture(scope="session")
def seed_text(seed_path) -> str:
    return seed_path.read_text(encoding="utf-8")

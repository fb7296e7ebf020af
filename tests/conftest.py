"""Shared fixtures: the seed book (read once per session) and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_db7fe5bedc2fc6df.txt"


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

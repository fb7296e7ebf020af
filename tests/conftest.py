"""Shared fixtures: the seed book (read once per session) and small helpers."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "000_db7fe5bedc2fc6df.txt"


def _origin() -> list[Path]:
    """The checkout this one was cloned from, when it is a local path (CI clones the workplace's
    checkout into a temporary directory, away from ../shared)."""
    try:
        url = subprocess.run(["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return []
    path = Path(url.removeprefix("file://"))
    return [path.resolve(), *path.resolve().parents] if url and path.is_dir() else []


def _find_shared() -> Path:
    """The workplace's shared folder (seeds and open data): $BUDGETBOOK_SHARED, else a `shared`
    folder beside this checkout or beside the checkout it was cloned from."""
    if os.environ.get("BUDGETBOOK_SHARED"):
        return Path(os.environ["BUDGETBOOK_SHARED"])
    for base in (ROOT, *ROOT.parents, *_origin()):
        if (base / "shared" / "seeds" / SEED_NAME).exists():
            return base / "shared"
    return ROOT.parent / "shared"


SEED = _find_shared() / "seeds" / SEED_NAME


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


# --- databases: SQLite in a temporary file, PostgreSQL in a schema of its own ------------------

PG_URL = os.environ.get("BUDGETBOOK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_engine(schema: str):
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # the suite requires the real server; say so instead of skipping
        pytest.fail(f"PostgreSQL at {PG_URL} is required for the storage tests: {exc}")
    engine = create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    return admin, engine


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A migrated, empty database of each kind."""
    import uuid

    from sqlalchemy import text

    from budgetbook.store.db import engine_for, upgrade

    if request.param == "sqlite":
        eng = engine_for(f"sqlite:///{tmp_path / 'test.sqlite'}")
        yield eng
        eng.dispose()
        return
    schema = f"bb_test_{uuid.uuid4().hex[:12]}"
    admin, eng = _pg_engine(schema)
    upgrade(eng)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def seed_bundle(seed_path):
    from budgetbook.store.ingest import bundle_of

    return bundle_of(seed_path)


# --- the real central-government open data, loaded once --------------------------------------

TWBUDGET = SEED.parents[1] / "data" / "twbudget"


@pytest.fixture(scope="session")
def twbudget_dir() -> Path:
    if not (TWBUDGET / "proposed").is_dir():
        pytest.fail(f"open data not found at {TWBUDGET}")
    return TWBUDGET


@pytest.fixture(scope="session")
def twbudget_engine(tmp_path_factory, twbudget_dir, seed_bundle):
    """A SQLite database holding all 33 open-data files and the seed book (about a minute)."""
    from budgetbook.readers.twbudget import read_file
    from budgetbook.store.db import engine_for
    from budgetbook.store.ingest import csv_bundles
    from budgetbook.store.load import load_bundle, load_bundles

    eng = engine_for(f"sqlite:///{tmp_path_factory.mktemp('twbudget') / 'all.sqlite'}")
    files = [read_file(p) for p in sorted(twbudget_dir.glob("*/*.csv"))]
    for _, bundles in csv_bundles(files):
        load_bundles(eng, bundles)
    load_bundle(eng, seed_bundle)
    yield eng
    eng.dispose()

"""Shared fixtures: the seed book (read once per session) and small helpers."""

from __future__ import annotations

import os
import queue
import subprocess
import threading
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


# --- databases: templates built once per session, copied per test ------------------------------
#
# Every test that asks for `engine` (or `seeded_engine`, or `database(...)`) gets a database of
# its own, on SQLite and on PostgreSQL. Migrating (and loading the seed) costs far more than
# copying, so each kind of database is built once per session as a template: a SQLite file copied
# with shutil, a PostgreSQL database copied with CREATE DATABASE ... TEMPLATE. The copy is exact
# (schema, rows, sequences), so a test sees what it would have seen after migrating and loading.

PG_URL = os.environ.get("BUDGETBOOK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


class Templates:
    """Template databases, built on first use and copied per test."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, str], str] = {}  # (kind, key) -> SQLite path or PG name
        self._admin = None
        # DROP DATABASE forces a checkpoint (up to 5 s measured on the shared server): copies are
        # dropped by a thread of their own while the next tests run
        self._drops: queue.Queue[str | None] = queue.Queue()
        self._dropper: threading.Thread | None = None
        self.drop_errors: list[str] = []

    # PostgreSQL: one admin engine on the configured database, outside transactions
    def admin(self):
        from sqlalchemy import create_engine, text

        if self._admin is None:
            admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
            try:
                with admin.connect() as conn:
                    conn.execute(text("SELECT 1"))
            except Exception as exc:  # the suite requires the real server; say so, don't skip
                pytest.fail(f"PostgreSQL at {PG_URL} is required for the storage tests: {exc}")
            self._admin = admin
        return self._admin

    def _pg(self, conn, sql: str) -> None:
        """CREATE/DROP DATABASE, retried while the server says the source is busy (an
        autovacuum worker may be visiting it for a moment)."""
        import time

        from sqlalchemy import text
        from sqlalchemy.exc import OperationalError

        for attempt in range(50):
            try:
                conn.execute(text(sql))
                return
            except OperationalError as exc:
                if "being accessed by other users" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)

    def _pg_url(self, name: str):
        from sqlalchemy.engine import make_url

        return make_url(PG_URL).set(database=name)

    def _unique(self, prefix: str, key: str) -> str:
        import re
        import uuid

        return f"{prefix}_{re.sub('[^a-z0-9]+', '_', key.lower())[:20]}_{uuid.uuid4().hex[:12]}"

    def template(self, kind: str, key: str, build) -> str:
        if (kind, key) in self.built:
            return self.built[(kind, key)]
        from sqlalchemy import create_engine

        from budgetbook.store.db import engine_for, upgrade

        if kind == "sqlite":
            import sqlite3

            path = self.folder / f"{self._unique('tmpl', key)}.sqlite"
            eng = engine_for(f"sqlite:///{path}")
            if build is not None:
                build(eng)
            eng.dispose()
            conn = sqlite3.connect(path)  # fold the WAL into the file, so one file is the copy
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
            leftovers = [p.name for p in self.folder.glob(f"{path.name}-*")]
            assert not leftovers, f"template {path} still has {leftovers}"
            made = str(path)
        else:
            name = self._unique("bb_tmpl", key)
            with self.admin().connect() as conn:
                try:
                    self._pg(conn, f'CREATE DATABASE "{name}"')
                except Exception as exc:  # e.g. a role without CREATEDB
                    pytest.fail(f"the storage tests create databases on {PG_URL}: {exc}")
            eng = create_engine(self._pg_url(name))
            try:
                upgrade(eng)
                if build is not None:
                    build(eng)
            finally:
                eng.dispose()
            with self.admin().connect() as conn:  # copies need a template nobody is using
                self._pg(conn, f'ALTER DATABASE "{name}" WITH ALLOW_CONNECTIONS false')
            made = name
        self.built[(kind, key)] = made
        return made

    def copy(self, kind: str, key: str, build, folder: Path):
        """A new database: a copy of the template (kind, key), built first if need be."""
        from sqlalchemy import create_engine

        from budgetbook.store.db import engine_for

        source = self.template(kind, key, build)
        if kind == "sqlite":
            import shutil

            path = folder / f"{key}.sqlite"
            shutil.copyfile(source, path)
            return engine_for(f"sqlite:///{path}", migrate=False)
        name = self._unique("bb_test", key)
        with self.admin().connect() as conn:
            self._pg(conn, f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        return create_engine(self._pg_url(name))

    def release(self, engine) -> None:
        engine.dispose()
        if engine.dialect.name == "postgresql":
            if self._dropper is None:
                self._dropper = threading.Thread(target=self._drop_loop, daemon=True)
                self._dropper.start()
            self._drops.put(engine.url.database)

    def _drop_loop(self) -> None:
        while (name := self._drops.get()) is not None:
            try:
                with self.admin().connect() as conn:
                    self._pg(conn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as exc:  # reported when the session ends
                self.drop_errors.append(f"{name}: {exc}")

    def close(self) -> None:
        if self._dropper is not None:
            self._drops.put(None)
            self._dropper.join()
        if self._admin is None:
            return
        with self._admin.connect() as conn:
            for (kind, _), name in self.built.items():
                if kind == "postgresql":
                    self._pg(conn, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin.dispose()


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory):
    templates = Templates(tmp_path_factory.mktemp("db-templates"))
    yield templates
    templates.close()
    assert not templates.drop_errors, f"test databases left behind: {templates.drop_errors}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_kind(request) -> str:
    """Each database test runs on SQLite and on the real PostgreSQL (marked `postgres`)."""
    return request.param


@pytest.fixture
def database(db_kind, db_templates, tmp_path):
    """`database(key, build)`: an engine on a database of this test's own, a copy of the
    template `key` (migrated, then `build(engine)` run on it once per session; `build` must
    depend only on session-wide inputs). Dropped after the test."""
    made = []

    def make(key: str, build=None):
        eng = db_templates.copy(db_kind, key, build, tmp_path)
        made.append(eng)
        return eng

    yield make
    for eng in made:
        db_templates.release(eng)


@pytest.fixture
def engine(database):
    """A migrated, empty database of each kind."""
    return database("migrated")


@pytest.fixture
def seeded_engine(database, seed_bundle):
    """A migrated database of each kind holding the seed book, as `load_bundle` leaves it."""
    from budgetbook.store.load import load_bundle

    return database("seed", lambda eng: load_bundle(eng, seed_bundle))


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


# --- markers (registered in pyproject.toml), applied here so that new tests cannot forget ------
#
# `postgres` comes with the postgresql param of `db_kind`. `browser`: every test that uses a
# fixture named `browser` (the Chromium that tests/browser.py launches). `slow`: every test that
# needs the open-data database (about a minute to build once per session), and the modules and
# tests measured at more than about 3 s, which say so themselves (`pytestmark`, decorators).
BROWSER_FIXTURES = {"browser"}
SLOW_FIXTURES = {"twbudget_engine"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)

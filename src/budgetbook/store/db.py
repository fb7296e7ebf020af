"""Opening a database: URL resolution, engines, and migrations to the latest schema."""

from __future__ import annotations

import os
import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import ConnectionPoolEntry

from ..errors import BudgetBookError

ENV = "BUDGETBOOK_DB"


class StoreError(BudgetBookError):
    """The database cannot be opened or used."""


def default_url() -> str:
    path = Path(user_data_dir("budgetbook")) / "budgetbook.sqlite"
    return f"sqlite:///{path}"


def resolve_url(db: str | None) -> str:
    """`--db` wins, then $BUDGETBOOK_DB, then a SQLite file under the user's data directory.
    A plain path is taken as a SQLite file."""
    url = db or os.environ.get(ENV) or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # in WAL mode NORMAL keeps the database consistent through a crash (a power cut may lose
    # the last transactions, never half of one) without an fsync per commit
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB of pages: indexes built in bulk at ingest
    cur.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def engine_for(db: str | None = None, *, migrate: bool = True, must_exist: bool = False
               ) -> Engine:
    """An engine on the database, migrated to the latest schema. `must_exist` is for commands
    that only read: they should not leave an empty database file behind."""
    url = resolve_url(db)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///"))
        if must_exist and not path.exists():
            raise StoreError("no database here; expected one made by budgetbook ingest (or "
                             "pass --db)", path=str(path))
        if db is None and not os.environ.get(ENV):
            path.parent.mkdir(parents=True, exist_ok=True)  # our own default location only
        elif not path.parent.is_dir():
            raise StoreError("the database's folder does not exist", path=str(path))
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot use database URL ({type(exc).__name__}); expected e.g. "
                         "sqlite:///path/to/file.sqlite or postgresql+psycopg://user@host/db",
                         path=_safe(url)) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StoreError(f"cannot open the database ({reason})", path=_safe(url)) from None
    return engine


def upgrade(engine: Engine) -> None:
    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)

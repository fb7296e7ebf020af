"""Opening a database: URL resolution, engines, and migrations to the latest schema."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError

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


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def engine_for(db: str | None = None, *, migrate: bool = True) -> Engine:
    url = resolve_url(db)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL ({exc})", path=url) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        try:
            upgrade(engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open the database ({exc.orig})", path=_safe(url)) from None
    return engine


def upgrade(engine: Engine) -> None:
    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

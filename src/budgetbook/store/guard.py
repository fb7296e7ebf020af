"""Before `budgetbook ingest` replaces a stored book: would the new copy make the database worse?

A copy is worse when, against the book stored under the same id, it has
- fewer tables (resources with rows; a cut book loses its last sections),
- fewer rows in all,
- fewer source lines,
- a failing audit where the stored book's passed.

What it would lose is said in plain words; the command refuses the copy unless told
(`--replace`). Everything is read from what the store already holds (the books table's audit
columns, the resource tables and the stored text), so the guard needs no figure of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select

from ..export.bundle import Bundle
from . import sourcetext
from .schema import books, resource_tables

_CHUNK = 500  # ids per query: under SQLite's bound-parameter limit


@dataclass
class Counts:
    """What one book holds: rows per resource (those with rows), source lines, audit."""

    resources: dict[str, int] = field(default_factory=dict)
    source_lines: int = 0
    audit_failed: int | None = None
    audit_total: int | None = None

    @property
    def rows(self) -> int:
        return sum(self.resources.values())


def of_bundle(bundle: Bundle) -> Counts:
    """The counts of a book about to be loaded, as the store would hold them."""
    return Counts(
        resources={name: len(rows) for name, (_, _, rows) in bundle.tables.items()
                   if rows and name in resource_tables},
        source_lines=len(bundle.source_lines),
        audit_failed=bundle.meta.get("audit_failed"),
        audit_total=bundle.meta.get("audit_total"),
    )


def stored(engine: Engine, ids: Iterable[str]) -> dict[str, Counts]:
    """The counts of the books stored under these ids (absent ids are not in the result)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, Counts] = {}
    with engine.connect() as conn:
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            for r in conn.execute(select(books.c.id, books.c.audit_failed, books.c.audit_total)
                                  .where(books.c.id.in_(part))):
                out[r.id] = Counts(audit_failed=r.audit_failed, audit_total=r.audit_total)
            here = [b for b in part if b in out]
            if not here:
                continue
            for name, table in resource_tables.items():
                for book_id, n in conn.execute(
                        select(table.c.book_id, func.count()).where(table.c.book_id.in_(here))
                        .group_by(table.c.book_id)):
                    out[book_id].resources[name] = n
            for book_id, n in sourcetext.counts(conn, here).items():
                out[book_id].source_lines = n
    return out


def _table(name: str, rows: int) -> str:
    table = resource_tables.get(name)
    title = table.comment if table is not None else None
    return f"{title} ({name}: {rows:,} rows)" if title else f"{name} ({rows:,} rows)"


def losses(old: Counts, new: Counts) -> list[str]:
    """What replacing the stored `old` with `new` would lose, one sentence each; empty when the
    new copy is no worse."""
    out = []
    gone = [name for name in old.resources if name not in new.resources]
    if gone:
        out.append(f"{len(gone)} table(s) it would lose: "
                   + "; ".join(_table(n, old.resources[n]) for n in gone))
    if new.rows < old.rows:
        out.append(f"rows: {old.rows:,} → {new.rows:,}")
    if new.source_lines < old.source_lines:
        out.append(f"source lines: {old.source_lines:,} → {new.source_lines:,}")
    if old.audit_failed == 0 and (new.audit_failed or 0) > 0:
        out.append(f"failed audit checks: {old.audit_failed} → {new.audit_failed} (the stored "
                   "book passes its audit)")
    return out


def check(engine: Engine, new: dict[str, Counts]) -> dict[str, list[str]]:
    """For each book about to be loaded (its id and counts, see `of_bundle`) that would replace
    a stored book with a worse copy: its id and what it would lose. New books, and copies no
    worse than the stored ones, are absent."""
    before = stored(engine, list(new))
    out = {}
    for book_id, counts in new.items():
        if book_id in before:
            lost = losses(before[book_id], counts)
            if lost:
                out[book_id] = lost
    return out

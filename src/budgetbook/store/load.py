"""Loading books into the database: one transaction per book, replacing a book of the same id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from ..export.bundle import Bundle
from . import facts as fact_table
from .schema import (
    audit_checks,
    book_files,
    books,
    facts,
    resource_tables,
    search_items,
    source_lines,
)

# The column that names a row in each resource, for search titles (first one present wins).
TITLE_FIELDS = ("name", "sub_plan_name", "object_name", "row_name", "work_plan_name", "category",
                "unit_name", "label", "number")
_CHUNK = 2000


@dataclass
class LoadResult:
    book_id: str
    replaced: bool
    rows: int


def _search_rows(bundle: Bundle) -> list[dict[str, Any]]:
    out = []
    for name, (_, cols, rows) in bundle.tables.items():
        own = resource_tables[name].c
        strings = [c.name for c in cols if c.type == "string"
                   and not (c.name in own and own[c.name].info.get("provenance"))]
        for i, row in enumerate(rows):
            title = next((str(row[f]) for f in TITLE_FIELDS if row.get(f)), None)
            if title is None:
                continue
            body = " ".join(str(row[f]) for f in strings if row.get(f) and str(row[f]) != title)
            out.append({"book_id": bundle.id, "kind": name, "row_no": i, "title": title,
                        "body": body, "source_line": row.get("source_line")})
    return out


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), _CHUNK):
        yield rows[i : i + _CHUNK]


def load_bundle(engine: Engine, bundle: Bundle) -> LoadResult:
    """Store one book. Everything happens in one transaction: a failure leaves the database
    exactly as it was, and a book with the same id is replaced."""
    return load_bundles(engine, [bundle])[0]


def load_bundles(engine: Engine, bundles: list[Bundle]) -> list[LoadResult]:
    """Store the books of one source file together: all of them or, on failure, none. Rows go
    in table by table across the books (a file of open data holds hundreds of small books)."""
    with engine.begin() as conn:
        return _store(conn, bundles)


def _store(conn: Connection, bundles: list[Bundle]) -> list[LoadResult]:
    ids = [b.id for b in bundles]
    existing: set[str] = set()
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        part = ids[i : i + 500]
        existing |= {r[0] for r in conn.execute(select(books.c.id).where(books.c.id.in_(part)))}
        # explicit deletes: SQLite only cascades with foreign keys on, and the FTS index
        # follows search_items through its delete trigger
        if existing & set(part):
            for t in (search_items, audit_checks, source_lines, book_files, facts,
                      *resource_tables.values()):
                conn.execute(delete(t).where(t.c.book_id.in_(part)))
            conn.execute(delete(books).where(books.c.id.in_(part)))
    now = datetime.now(UTC)
    _insert(conn, books, [{**b.meta, "ingested_at": now} for b in bundles])
    counts = dict.fromkeys(ids, 0)
    by_table: dict[str, list[dict[str, Any]]] = {}
    for b in bundles:
        for name, (_, cols, rows) in b.tables.items():
            table = resource_tables.get(name)
            if table is None or not rows:
                continue  # a resource this schema does not know (newer package): kept out
            known = [c.name for c in cols if c.name in table.c]
            by_table.setdefault(name, []).extend(
                {"book_id": b.id, "row_no": i, **{k: r.get(k) for k in known}}
                for i, r in enumerate(rows))
            counts[b.id] += len(rows)
    for name, payload in by_table.items():
        _insert(conn, resource_tables[name], payload)
    _insert(conn, source_lines, [{"book_id": b.id, **r} for b in bundles for r in b.source_rows()])
    _insert(conn, book_files, [{"book_id": b.id, "media_type": "application/pdf", "data": b.pdf}
                               for b in bundles if b.pdf])
    _insert(conn, audit_checks, [{"book_id": b.id, "row_no": i, **c}
                                 for b in bundles for i, c in enumerate(b.checks)])
    _insert(conn, search_items, [r for b in bundles for r in _search_rows(b)])
    fact_table.fill(conn, ids)
    fact_table.bump(conn)
    return [LoadResult(i, i in existing, counts[i]) for i in ids]


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows):
        conn.execute(insert(table), chunk)

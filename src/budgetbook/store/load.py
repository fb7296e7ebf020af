"""Loading books into the database: one transaction per book, replacing a book of the same id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from ..bundle import Bundle
from .schema import (
    audit_checks,
    books,
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
        strings = [c.name for c in cols if c.type == "string"]
        for i, row in enumerate(rows):
            title = next((str(row[f]) for f in TITLE_FIELDS if row.get(f)), None)
            if title is None:
                continue
            body = " ".join(str(row[f]) for f in strings if row.get(f) and str(row[f]) != title)
            out.append({"book_id": bundle.id, "kind": name, "row_no": i, "title": title,
                        "body": body, "source_line": row.get("source_line")})
    return out


def _chunks(rows: list[dict[str, Any]]):
    for i in range(0, len(rows), _CHUNK):
        yield rows[i : i + _CHUNK]


def load_bundle(engine: Engine, bundle: Bundle) -> LoadResult:
    """Store one book. Everything happens in one transaction: a failure leaves the database
    exactly as it was, and a book with the same id is replaced."""
    with engine.begin() as conn:
        return _store(conn, bundle)


def load_bundles(engine: Engine, bundles: list[Bundle]) -> list[LoadResult]:
    """Store the books of one source file together: all of them or, on failure, none."""
    with engine.begin() as conn:
        return [_store(conn, b) for b in bundles]


def _store(conn: Connection, bundle: Bundle) -> LoadResult:
    count = 0
    replaced = conn.execute(select(books.c.id).where(books.c.id == bundle.id)).first() is not None
    if replaced:
        # explicit deletes: SQLite only cascades with foreign keys on, and the FTS index
        # follows search_items through its delete trigger
        for table in (search_items, audit_checks, source_lines, *resource_tables.values()):
            conn.execute(delete(table).where(table.c.book_id == bundle.id))
        conn.execute(delete(books).where(books.c.id == bundle.id))
    conn.execute(insert(books), [{**bundle.meta, "ingested_at": datetime.now(UTC)}])
    for name, (_, cols, rows) in bundle.tables.items():
        table = resource_tables.get(name)
        if table is None or not rows:
            continue  # a resource this schema does not know (newer package): kept out
        known = [c.name for c in cols if c.name in table.c]
        payload = [{"book_id": bundle.id, "row_no": i, **{k: r.get(k) for k in known}}
                   for i, r in enumerate(rows)]
        for chunk in _chunks(payload):
            conn.execute(insert(table), chunk)
        count += len(payload)
    lines = [{"book_id": bundle.id, "line_no": n, "text": t}
             for n, t in bundle.numbered_lines()]
    for chunk in _chunks(lines):
        conn.execute(insert(source_lines), chunk)
    checks = [{"book_id": bundle.id, "row_no": i, **c} for i, c in enumerate(bundle.checks)]
    for chunk in _chunks(checks):
        conn.execute(insert(audit_checks), chunk)
    for chunk in _chunks(_search_rows(bundle)):
        conn.execute(insert(search_items), chunk)
    return LoadResult(bundle.id, replaced, count)

"""Loading books into the database: one transaction per book, replacing a book of the same id."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, insert, select, text

from ..export.bundle import Bundle
from . import facts as fact_table
from . import guard
from .guard import Counts
from .schema import (
    audit_checks,
    book_files,
    books,
    fact_sums,
    facts,
    resource_tables,
    search_items,
    source_text,
)
from .sourcetext import encode

# The column that names a row in each resource, for search titles (first one present wins).
TITLE_FIELDS = ("name", "sub_plan_name", "object_name", "row_name", "work_plan_name", "category",
                "unit_name", "label", "number")
_CHUNK = 5000
# whether this role may merge the trigram index's pending list (owner, or superuser)
_OWN_TRGM = ("SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c "
             "WHERE c.relname = 'ix_search_items_trgm' AND pg_table_is_visible(c.oid)")


@dataclass
class LoadResult:
    book_id: str
    replaced: bool
    rows: int


@cache
def _text_columns(name: str, cols: tuple[str, ...]) -> list[str]:
    """The columns of resource `name` whose text is searched: strings, the book's words
    (`tabular.Column.searched`), not provenance."""
    own = resource_tables[name].c
    return [c for c in cols if not (c in own and (own[c].info.get("provenance")
                                                  or not own[c].info.get("searched", True)))]


def _search_rows(bundle: Bundle) -> list[tuple[Any, ...]]:
    """(book_id, kind, row_no, title, body, source_line) of each named row, one per printed
    line: of rows of several resources that read the same line of the book under the same
    title (an open-data row is both a work plan and a row of the agency's ledger), the one
    whose text holds the others' is kept, so that the line is one hit."""
    rows: list[tuple[Any, ...] | None] = []
    same_line: dict[tuple[str, Any], list[int]] = {}
    for name, (_, cols, table) in bundle.tables.items():
        if not table:
            continue
        strings = _text_columns(name, tuple(c.name for c in cols if c.type == "string"))
        for i, row in enumerate(table):
            title = next((str(row[f]) for f in TITLE_FIELDS if row.get(f)), None)
            if title is None:
                continue
            body = " ".join(str(row[f]) for f in strings if row.get(f) and str(row[f]) != title)
            line = row.get("source_line")
            hit = (bundle.id, name, i, title, body, line)
            if line is None:
                rows.append(hit)
                continue
            kept = same_line.setdefault((title, line), [])
            if any(body in held[4] for k in kept if (held := rows[k]) is not None):
                continue  # an earlier row of the line holds all of this one's text
            for k in kept:
                held = rows[k]
                if held is not None and held[4] in body:
                    rows[k] = None
            kept.append(len(rows))
            rows.append(hit)
    return [r for r in rows if r is not None]


@dataclass
class Prepared:
    """Books as the writer takes them: every row a tuple in its table's column order, the text
    already compressed. Made by `prepare`, which needs no database, so that the processes of
    `ingest --jobs` do this work and the one writer only writes."""

    ids: list[str]
    metas: list[dict[str, Any]]
    rows: dict[str, list[tuple[Any, ...]]]  # resource name -> (book_id, row_no, ...) rows
    text: list[tuple[Any, ...]]  # source_text rows
    files: list[tuple[Any, ...]]  # book_files rows
    checks: list[tuple[Any, ...]]  # audit_checks rows
    search: list[tuple[Any, ...]]  # search_items rows (without id)
    counts: dict[str, Counts] = field(default_factory=dict)  # for the guard, by book id


def prepare(bundles: list[Bundle]) -> Prepared:
    """The rows of these books, ready to write (see `Prepared`)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    for name, table in resource_tables.items():
        columns = [c.name for c in table.c][2:]
        out: list[tuple[Any, ...]] = []
        for b in bundles:
            if name not in b.tables or not b.tables[name][2]:
                continue  # (a resource this schema does not know, of a newer package: kept out)
            known = {c.name for c in b.tables[name][1]}
            picked = [c if c in known else None for c in columns]
            out.extend((b.id, i, *[r.get(c) if c else None for c in picked])
                       for i, r in enumerate(b.tables[name][2]))
        if out:
            rows[name] = out
    check_columns = [c.name for c in audit_checks.c][2:]
    return Prepared(
        ids=[b.id for b in bundles],
        metas=[b.meta for b in bundles],
        rows=rows,
        text=[chunk for b in bundles for chunk in encode(
            b.id, ((r["line_no"], r["text"], r["page"], r["bbox"]) for r in b.source_rows()))],
        files=[(b.id, "application/pdf", b.pdf) for b in bundles if b.pdf],
        checks=[(b.id, i, *[c.get(k) for k in check_columns])
                for b in bundles for i, c in enumerate(b.checks)],
        search=[r for b in bundles for r in _search_rows(b)],
        counts={b.id: guard.of_bundle(b) for b in bundles},
    )


def load_bundle(engine: Engine, bundle: Bundle) -> LoadResult:
    """Store one book. Everything happens in one transaction: a failure leaves the database
    exactly as it was, and a book with the same id is replaced."""
    return load_bundles(engine, [bundle])[0]


def load_bundles(engine: Engine, bundles: list[Bundle]) -> list[LoadResult]:
    """Store the books of one source file together: all of them or, on failure, none."""
    return write(engine, prepare(bundles))


def write(engine: Engine, prepared: Prepared) -> list[LoadResult]:
    """Store prepared books together, in one transaction: all of them or, on failure, none.
    Rows go in table by table across the books (a file of open data holds hundreds of small
    books)."""
    with engine.begin() as conn:
        return _store(conn, prepared)


def _store(conn: Connection, p: Prepared) -> list[LoadResult]:
    ids = p.ids
    existing: set[str] = set()
    for i in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        part = ids[i : i + 500]
        existing |= {r[0] for r in conn.execute(select(books.c.id).where(books.c.id.in_(part)))}
        # explicit deletes: SQLite only cascades with foreign keys on, and the FTS index
        # follows search_items through its delete trigger
        if existing & set(part):
            for t in (search_items, audit_checks, source_text, book_files, facts, fact_sums,
                      *resource_tables.values()):
                conn.execute(delete(t).where(t.c.book_id.in_(part)))
            conn.execute(delete(books).where(books.c.id.in_(part)))
    now = datetime.now(UTC)
    conn.execute(insert(books), [{**m, "ingested_at": now} for m in p.metas])
    for name, rows in p.rows.items():
        table = resource_tables[name]
        _bulk(conn, table, [c.name for c in table.c], rows)
    _bulk(conn, source_text, ["book_id", "first_line", "last_line", "lines", "data"], p.text)
    _bulk(conn, book_files, ["book_id", "media_type", "data"], p.files)
    _bulk(conn, audit_checks, [c.name for c in audit_checks.c], p.checks)
    # on PostgreSQL the trigram index takes the rows into its pending list and merges them in
    # one pass at the end, instead of row by row (8.0 -> 5.2 s for the 33 open-data files);
    # only its owner (or a superuser) may merge it, so another role loads row by row
    pending = (conn.dialect.name == "postgresql" and bool(p.search)
               and bool(conn.execute(text(_OWN_TRGM)).scalar()))
    if pending:
        conn.execute(text("SET LOCAL gin_pending_list_limit = '256MB'"))
        conn.execute(text("SET LOCAL work_mem = '256MB'"))
        conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    _bulk(conn, search_items, ["book_id", "kind", "row_no", "title", "body", "source_line"],
          p.search)
    if pending:
        conn.execute(text("SELECT gin_clean_pending_list('ix_search_items_trgm')"))
    if conn.dialect.name == "sqlite":  # the trigram index, in one statement per 500 books
        for i in range(0, len(ids), 500):
            conn.execute(text(
                "INSERT INTO search_fts(rowid, title, body) SELECT id, title, body "
                "FROM search_items WHERE book_id IN (SELECT value FROM json_each(:ids))"),
                {"ids": json.dumps(ids[i : i + 500])})
    fact_table.fill(conn, ids)
    fact_table.bump(conn)
    return [LoadResult(i, i in existing, p.counts[i].rows) for i in ids]


def _bulk(conn: Connection, table: Table, columns: list[str], rows: list[tuple[Any, ...]]
          ) -> None:
    """Insert rows given as tuples in `columns` order: COPY on PostgreSQL, else one prepared
    statement executed over them all (no per-row statement building)."""
    if not rows:
        return
    raw = conn.connection.driver_connection
    assert raw is not None  # (a live connection, inside the book's transaction)
    names = ", ".join(f'"{c}"' for c in columns)
    if conn.dialect.name == "postgresql":
        with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for r in rows:
                copy.write_row(r)
        return
    marks = ", ".join("?" * len(columns))
    cur = raw.cursor()
    try:
        for i in range(0, len(rows), _CHUNK):
            cur.executemany(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                            rows[i : i + _CHUNK])
    finally:
        cur.close()

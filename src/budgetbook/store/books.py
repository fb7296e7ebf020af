"""One stored book read back: the book, its resources' rows (filtered and paged), its audit
checks and its text; also the resources' names, titles and columns. The core queries that the
API, the explorer and the other query modules build on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Numeric, Table, and_, exists, func, select

from . import sourcetext
from .base import BadParameter, NotFound, Page, as_dict, book_own, equals, own_columns, table
from .schema import audit_checks, book_files, books, resource_tables

# --- the book ----------------------------------------------------------------------------------

def get_book(engine: Engine, book_id: str) -> dict[str, Any]:
    """The book's row, and `has_pdf`: whether its PDF is kept (its pages can be drawn)."""
    has_pdf = exists().where(book_files.c.book_id == books.c.id).label("has_pdf")
    with engine.connect() as conn:
        r = conn.execute(select(books, has_pdf).where(books.c.id == book_id)).first()
    if r is None:
        raise NotFound(f"no book {book_id!r}")
    return as_dict(r)


# --- resources: names, titles, columns ----------------------------------------------------------

# integer columns that are positions, years or counts of rows rather than figures of the book
_NOT_FIGURES = {"row_no", "fiscal_year", "roc_year", "level", "sub_plan_count", "duty_count",
                "item_count", "last_year", "year"}


@dataclass
class ColumnInfo:
    name: str
    type: str  # integer, number, boolean or string
    description: str | None
    is_figure: bool  # a number printed in the book (links to its source line)
    provenance: bool = False  # where a figure is printed (line, page, box)


def resource_names() -> list[str]:
    return list(resource_tables)


def resource_titles() -> dict[str, str]:
    """Each resource's printed table title (歲入來源別預算表 …), in declaration order."""
    return {name: (t.comment or name) for name, t in resource_tables.items()}


def columns(resource: str) -> list[str]:
    return [c.name for c in own_columns(table(resource))]


def column_info(resource: str) -> list[ColumnInfo]:
    out = []
    for c in own_columns(table(resource)):
        py = getattr(c.type, "python_type", str)
        kind = {int: "integer", bool: "boolean"}.get(py, "number" if isinstance(
            c.type, Numeric) else "string")
        provenance = bool(c.info.get("provenance"))
        figure = kind in ("integer", "number") and c.name not in _NOT_FIGURES and not provenance
        out.append(ColumnInfo(c.name, kind, c.comment, figure, provenance))
    return out


def resource_counts(engine: Engine, book_id: str) -> dict[str, int]:
    """How many rows each resource holds for one book (0 for a section the book lacks)."""
    get_book(engine, book_id)
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for name, t in resource_tables.items():
            out[name] = conn.execute(select(func.count()).select_from(t).where(
                t.c.book_id == book_id)).scalar_one()
    return out


# --- rows of a resource -------------------------------------------------------------------------

def _filters(t: Table, filters: dict[str, str] | None) -> list[Any]:
    out = []
    for name, value in (filters or {}).items():
        if name not in t.c or name == "book_id":
            raise BadParameter(name, f"unknown field {name!r} of {t.name.removeprefix('r_')}")
        out.append(equals(t.c[name], name, value))
    return out


def rows(engine: Engine, book_id: str, resource: str, *, limit: int = 100, offset: int = 0,
         filters: dict[str, str] | None = None, own_only: bool = False) -> Page:
    """Rows of one resource of one book, in reading order (stable: by row number); every row,
    the appendices' included, unless `own_only`."""
    get_book(engine, book_id)
    t = table(resource)
    where = and_(t.c.book_id == book_id, *_filters(t, filters),
                 *([book_own(t)] if own_only else []))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t).where(where)).scalar_one()
        q = select(*own_columns(t)).where(where).order_by(t.c.row_no).limit(limit).offset(offset)
        out = [as_dict(r) for r in conn.execute(q)]
    return Page(out, total, limit, offset)


def all_rows(engine: Engine, book_id: str, resource: str, *, appendices: bool = False,
             **filters: str) -> list[dict[str, Any]]:
    """Every row of one resource of one book matching the filters, in reading order: of the
    book's own tables, or with `appendices` also the sub-units' (`sub_unit` names them)."""
    return rows(engine, book_id, resource, limit=1_000_000, filters=filters,
                own_only=not appendices).rows


def row(engine: Engine, book_id: str, resource: str, row_no: int) -> dict[str, Any]:
    t = table(resource)
    with engine.connect() as conn:
        r = conn.execute(select(*own_columns(t)).where(
            t.c.book_id == book_id, t.c.row_no == row_no)).first()
    if r is None:
        raise NotFound(f"no row {row_no} in {resource} of {book_id}")
    return as_dict(r)


# --- audit checks and text ----------------------------------------------------------------------

def checks(engine: Engine, book_id: str, *, status: str | None = None, limit: int = 1000,
           offset: int = 0) -> Page:
    get_book(engine, book_id)
    if status not in (None, "pass", "fail", "skip"):
        raise BadParameter("status", "status must be pass, fail or skip")
    where = [audit_checks.c.book_id == book_id]
    if status:
        where.append(audit_checks.c.status == status)
    order = {"fail": 0, "skip": 1, "pass": 2}
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(audit_checks).where(*where)).scalar_one()
        q = select(*own_columns(audit_checks)).where(*where).order_by(audit_checks.c.row_no)
        out = [as_dict(r) for r in conn.execute(q)]
    out.sort(key=lambda r: order.get(r["status"], 3))  # failures first, stable otherwise
    for r in out:
        r["figures"] = json.loads(r["figures"])
    return Page(out[offset : offset + limit], total, limit, offset)


def source(engine: Engine, book_id: str, start: int = 1, end: int | None = None) -> list[dict[str, Any]]:
    """Lines `start`..`end` (1-based, inclusive) of a book's text, every one of them."""
    get_book(engine, book_id)
    with engine.connect() as conn:
        return sourcetext.lines(conn, book_id, start, end)


def source_page(engine: Engine, book_id: str, *, start: int = 1, end: int | None = None,
                limit: int = 100, offset: int = 0) -> Page:
    """Lines `start`..`end` (1-based, inclusive) of a book's text, one page of them."""
    get_book(engine, book_id)
    if start < 1:
        raise BadParameter("start", "start must be 1 or more")
    if end is not None and end < start:
        raise BadParameter("end", f"end ({end}) must not be before start ({start})")
    with engine.connect() as conn:
        found = sourcetext.lines(conn, book_id, start, end)
    return Page(found[offset : offset + limit], len(found), limit, offset)


# --- the PDF of a book -------------------------------------------------------------------------

def book_pdf(engine: Engine, book_id: str) -> bytes | None:
    """The PDF the book was read from, as stored with it; None for a book read from text."""
    get_book(engine, book_id)
    with engine.connect() as conn:
        data = conn.execute(select(book_files.c.data).where(
            book_files.c.book_id == book_id)).scalar_one_or_none()
    return bytes(data) if data is not None else None


def line_place(engine: Engine, book_id: str, line_no: int) -> dict[str, Any]:
    """Where a source line is printed: its page and box (None for a text book)."""
    get_book(engine, book_id)
    with engine.connect() as conn:
        found = sourcetext.line(conn, book_id, line_no)
    if found is None:
        raise NotFound(f"no line {line_no} in {book_id}")
    return {"line_no": found["line_no"], "page": found["page"], "bbox": found["bbox"]}


def page_numbers(engine: Engine, book_id: str) -> list[int]:
    """The pages of a PDF book that print a line of its text (none for a text book)."""
    with engine.connect() as conn:
        return sourcetext.pages(conn, book_id)

"""Read queries over the store, shared by the REST API and the web pages (neither computes a
budget figure itself)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Engine, Table, and_, cast, func, or_, select, text

from ..errors import BudgetBookError
from .schema import audit_checks, books, resource_tables, search_items, source_lines


class NotFound(BudgetBookError):
    """A book, resource or row that does not exist."""


class BadParameter(BudgetBookError):
    """A query parameter the API cannot use; `param` names it."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


@dataclass
class Page:
    rows: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def _row(r: Any) -> dict[str, Any]:
    return dict(r._mapping)


def list_books(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        q = select(books).order_by(books.c.agency_code, books.c.fiscal_year, books.c.phase)
        return [_row(r) for r in conn.execute(q)]


def get_book(engine: Engine, book_id: str) -> dict[str, Any]:
    with engine.connect() as conn:
        r = conn.execute(select(books).where(books.c.id == book_id)).first()
    if r is None:
        raise NotFound(f"no book {book_id!r}")
    return _row(r)


def resource_names() -> list[str]:
    return list(resource_tables)


def _table(resource: str) -> Table:
    t = resource_tables.get(resource)
    if t is None:
        raise NotFound(f"no resource {resource!r}; expected one of {', '.join(resource_tables)}")
    return t


def columns(resource: str) -> list[str]:
    return [c.name for c in _table(resource).c if c.name != "book_id"]


def _filters(t: Table, filters: dict[str, str] | None) -> list[Any]:
    out = []
    for name, value in (filters or {}).items():
        if name not in t.c or name == "book_id":
            raise BadParameter(name, f"unknown field {name!r} of {t.name.removeprefix('r_')}")
        col = t.c[name]
        out.append(col.is_(None) if value == "" else col == _coerce(col, name, value))
    return out


def _coerce(col: Any, name: str, value: str) -> Any:
    py = col.type.python_type if hasattr(col.type, "python_type") else str
    if py is int:
        try:
            return int(value)
        except ValueError:
            raise BadParameter(name, f"{name} must be an integer, got {value!r}") from None
    if py is bool:
        return value.lower() in ("1", "true", "yes")
    return value


def rows(engine: Engine, book_id: str, resource: str, *, limit: int = 100, offset: int = 0,
         filters: dict[str, str] | None = None) -> Page:
    """Rows of one resource of one book, in reading order (stable: by row number)."""
    get_book(engine, book_id)
    t = _table(resource)
    where = and_(t.c.book_id == book_id, *_filters(t, filters))
    cols = [c for c in t.c if c.name != "book_id"]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t).where(where)).scalar_one()
        q = select(*cols).where(where).order_by(t.c.row_no).limit(limit).offset(offset)
        out = [_row(r) for r in conn.execute(q)]
    return Page(out, total, limit, offset)


def row(engine: Engine, book_id: str, resource: str, row_no: int) -> dict[str, Any]:
    t = _table(resource)
    with engine.connect() as conn:
        r = conn.execute(select(*[c for c in t.c if c.name != "book_id"]).where(
            t.c.book_id == book_id, t.c.row_no == row_no)).first()
    if r is None:
        raise NotFound(f"no row {row_no} in {resource} of {book_id}")
    return _row(r)


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
        q = select(*[c for c in audit_checks.c if c.name != "book_id"]).where(*where).order_by(
            audit_checks.c.row_no)
        out = [_row(r) for r in conn.execute(q)]
    out.sort(key=lambda r: order.get(r["status"], 3))  # failures first, stable otherwise
    for r in out:
        r["figures"] = json.loads(r["figures"])
    return Page(out[offset : offset + limit], total, limit, offset)


def source(engine: Engine, book_id: str, start: int = 1, end: int | None = None) -> list[dict]:
    get_book(engine, book_id)
    where = [source_lines.c.book_id == book_id, source_lines.c.line_no >= start]
    if end is not None:
        where.append(source_lines.c.line_no <= end)
    with engine.connect() as conn:
        q = select(source_lines.c.line_no, source_lines.c.text).where(*where).order_by(
            source_lines.c.line_no)
        return [_row(r) for r in conn.execute(q)]


# --- aggregate ------------------------------------------------------------------------------

DRILLDOWNS = {
    # drilldown -> (resource, key columns, label column)
    "work_plan": ("expenditure-lines", ("work_plan_code",), "work_plan_name"),
    "sub_plan": ("expenditure-lines", ("work_plan_code", "sub_plan_no"), "sub_plan_name"),
    "object_code": ("expenditure-lines", ("object_code",), "object_name"),
    "object_level1": ("expenditure-lines", ("object_level1_code",), "object_level1_name"),
    "unit": ("sub-plans", ("units",), "units"),
}


def aggregate(engine: Engine, book_ids: list[str], drilldown: str | None,
              cuts: dict[str, str] | None = None) -> dict[str, Any]:
    """Sums, counts and shares of expenditure, like OpenSpending's aggregate API."""
    if drilldown is not None and drilldown not in DRILLDOWNS:
        raise BadParameter("drilldown", f"drilldown must be one of {', '.join(DRILLDOWNS)}")
    resource = DRILLDOWNS[drilldown][0] if drilldown else "expenditure-lines"
    t = _table(resource)
    for b in book_ids:
        get_book(engine, b)
    where = [t.c.book_id.in_(book_ids)] if book_ids else []
    where += _filters(t, cuts)
    keys = [t.c[k] for k in DRILLDOWNS[drilldown][1]] if drilldown else []
    label = t.c[DRILLDOWNS[drilldown][2]] if drilldown else None
    amount = cast(func.coalesce(func.sum(t.c.amount), 0), BigInteger)
    with engine.connect() as conn:
        total = conn.execute(select(amount, func.count()).select_from(t).where(*where)).one()
        cells: list[dict[str, Any]] = []
        if drilldown:
            cols = [*keys] + ([func.min(label).label("label")] if label is not None else [])
            q = (select(*cols, amount.label("amount"), func.count().label("count"))
                 .where(*where).group_by(*keys).order_by(amount.desc(), *keys))
            for r in conn.execute(q):
                m = dict(r._mapping)
                m["share"] = round(m["amount"] / total[0], 6) if total[0] else None
                cells.append(m)
    return {"summary": {"amount": total[0], "count": total[1]}, "drilldown": drilldown,
            "cuts": cuts or {}, "books": book_ids, "cells": cells, "unit": "thousand TWD"}


# --- search ---------------------------------------------------------------------------------

def _snippet(text_: str, q: str, width: int = 40) -> str:
    i = text_.lower().find(q.lower())
    if i < 0:
        return text_[: width * 2]
    start = max(0, i - width)
    end = min(len(text_), i + len(q) + width)
    pre = "…" if start else ""
    post = "…" if end < len(text_) else ""
    return f"{pre}{text_[start:i]}<mark>{text_[i:i + len(q)]}</mark>{text_[i + len(q):end]}{post}"


def search(engine: Engine, q: str, *, book_id: str | None = None, limit: int = 50,
           offset: int = 0) -> Page:
    """Chinese substring search over every name and text; title hits rank first."""
    q = q.strip()
    if not q:
        raise BadParameter("q", "q must not be empty")
    if len(q) > 200:
        raise BadParameter("q", "q must be at most 200 characters")
    s = search_items
    where = []
    if book_id:
        get_book(engine, book_id)
        where.append(s.c.book_id == book_id)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite" and len(q) >= 3:
            # the trigram index answers substrings of three characters or more
            fts = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m").bindparams(
                m='"' + q.replace('"', '""') + '"')
            ids = [r[0] for r in conn.execute(fts)]
            where.append(s.c.id.in_(ids))
        else:
            pattern = "%" + re.sub(r"([%_\\])", r"\\\1", q) + "%"
            where.append(or_(s.c.title.ilike(pattern, escape="\\"),
                             s.c.body.ilike(pattern, escape="\\")))
        rank = func.instr(s.c.title, q) if engine.dialect.name == "sqlite" else func.strpos(
            s.c.title, q)
        in_title = (rank > 0)
        total = conn.execute(select(func.count()).select_from(s).where(*where)).scalar_one()
        query = (select(s).where(*where)
                 .order_by(in_title.desc(), func.length(s.c.title), s.c.book_id, s.c.kind,
                           s.c.row_no).limit(limit).offset(offset))
        hits = []
        for r in conn.execute(query):
            m = _row(r)
            m["title_html"] = _snippet(m["title"], q, 200)
            m["snippet"] = _snippet(m["body"], q) if q.lower() in m["body"].lower() else ""
            hits.append(m)
    return Page(hits, total, limit, offset)

"""Read queries behind the comparisons (`budgetbook.compare`): books by agency, year and phase,
work plans per book, the 歲出機關別預算表 ledger rows, and sums per (year, phase).

These return stored figures and plain SQL sums; matching, differences and warnings are made in
`budgetbook.compare`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Engine, cast, func, select

from .. import units
from .base import book_own
from .schema import books, resource_tables

WORK_PLANS = resource_tables["work-plans"]
LEDGER = resource_tables["expenditure-by-agency"]


_CHUNK = 500  # ids per IN list: well under SQLite's limit on bound parameters


def _rows(result: Any) -> list[dict[str, Any]]:
    """Every row of a result as a dict (the keys taken once: a row's own mapping costs more
    than the row when thousands of books are read)."""
    keys = list(result.keys())
    return [dict(zip(keys, r, strict=True)) for r in result]


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def flags_of(book: dict[str, Any]) -> list[str]:
    """A book's `flags` (a JSON list of strings) whether the column is absent, NULL, a JSON string
    or already a list."""
    raw = book.get("flags")
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return [raw]
    if isinstance(raw, str):
        return [raw]
    return [str(f) for f in raw or []]


def books_by_id(engine: Engine, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for chunk in _chunks(list(ids)):
            for r in _rows(conn.execute(select(books).where(books.c.id.in_(chunk)))):
                out[r["id"]] = r
    return out


def _book_filter(agency_code: str | None, years: Iterable[int] | None,
                 phases: Iterable[str] | None) -> list[ColumnElement[bool]]:
    where = []
    if agency_code is not None:
        where.append(books.c.agency_code == agency_code)
    if years is not None:
        where.append(books.c.fiscal_year.in_(list(years)))
    if phases is not None:
        where.append(books.c.phase.in_(list(phases)))
    return where


def find_books(engine: Engine, *, agency_code: str | None = None,
               years: Iterable[int] | None = None,
               phases: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Books matching every given criterion, by agency, year, phase and id."""
    q = (select(books).where(*_book_filter(agency_code, years, phases))
         .order_by(books.c.agency_code, books.c.fiscal_year, books.c.phase, books.c.id))
    with engine.connect() as conn:
        return _rows(conn.execute(q))


def in_unit(rows: list[dict[str, Any]], to: str | None,
            fields: tuple[str, ...] = ("amount", "last_year_amount", "expenditure_total")
            ) -> list[dict[str, Any]]:
    """`rows` (each with its book's `unit`) with their amounts put in unit `to` (as they are
    when `to` is None); each row's `unit` then says which."""
    if to is None:
        return rows
    for r in rows:
        for f in fields:
            if f in r:
                r[f] = units.convert(r[f], r["unit"], to)
        r["unit"] = to
    return rows


def work_plan_rows(engine: Engine, book_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every r_work_plans row of the books (several rows may share a code: one per 節 of a
    split work plan in the CSV data), in reading order."""
    t = WORK_PLANS
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(book_ids))):
            q = (select(t.c.book_id, t.c.row_no, t.c.code, t.c.name, t.c.amount,
                        t.c.last_year_amount, t.c.source_line, books.c.unit)
                 .join(books, books.c.id == t.c.book_id)
                 .where(t.c.book_id.in_(chunk), book_own(t)).order_by(t.c.book_id, t.c.row_no))
            out += _rows(conn.execute(q))
    return out


def ledger_rows(engine: Engine, book_ids: Iterable[str],
                kinds: Iterable[str] = ("agency", "function", "work_plan")
                ) -> list[dict[str, Any]]:
    """r_expenditure_by_agency rows of the books with the given kinds, in reading order."""
    t = LEDGER
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for chunk in _chunks(sorted(set(book_ids))):
            q = (select(t.c.book_id, t.c.row_no, t.c.code, t.c.name, t.c.kind, t.c.level,
                        t.c.amount, t.c.last_year_amount, t.c.source_line, books.c.unit)
                 .join(books, books.c.id == t.c.book_id)
                 .where(t.c.book_id.in_(chunk), book_own(t), t.c.kind.in_(list(kinds)))
                 .order_by(t.c.book_id, t.c.row_no))
            out += _rows(conn.execute(q))
    return out


def work_plan_sums(engine: Engine, *, function: str | None = None,
                   agency_code: str | None = None, years: Iterable[int] | None = None,
                   phases: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Per book matching the criteria of `find_books`: the sum of its work plans' amounts
    (`amount`, None when every amount is blank) and how many rows there are (`rows`),
    optionally only work plans of one 政事別 (the first two digits of the code), in one query
    however many books. Books with no such rows are absent."""
    t = WORK_PLANS
    where = [book_own(t), *_book_filter(agency_code, years, phases)]
    if function is not None:
        where.append(t.c.code.startswith(function, autoescape=True))
    q = (select(t.c.book_id, cast(func.sum(t.c.amount), BigInteger).label("amount"),
                func.count().label("rows"), func.min(books.c.unit).label("unit"))
         .join(books, books.c.id == t.c.book_id).where(*where).group_by(t.c.book_id))
    with engine.connect() as conn:
        return {r.book_id: {"amount": r.amount, "rows": r.rows, "unit": r.unit}
                for r in conn.execute(q)}


def function_names(engine: Engine, function: str) -> dict[int, str]:
    """The name of a 政事別 (kind "function" rows of 歲出機關別預算表 whose code starts with
    it) per fiscal year, e.g. {2022: "科學支出"}."""
    t = LEDGER
    q = (select(books.c.fiscal_year, t.c.name)
         .join(books, books.c.id == t.c.book_id)
         .where(t.c.kind == "function", book_own(t),
                t.c.code.startswith(function, autoescape=True))
         .order_by(books.c.fiscal_year, t.c.book_id, t.c.row_no))
    out: dict[int, str] = {}
    with engine.connect() as conn:
        for r in conn.execute(q):
            out.setdefault(r.fiscal_year, r.name)
    return out

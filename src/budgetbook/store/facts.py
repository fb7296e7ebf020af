"""The fact table (`schema.facts`): every amount of expenditure of every book once, with the
book's government, agency, year, phase and unit beside it, so that a question across thousands
of books is one indexed GROUP BY. Filled inside each book's load transaction, from the rows just
stored; and the store's generation, which every change of the books increases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    cast,
    func,
    insert,
    literal,
    null,
    select,
    text,
    update,
)

from .base import book_own
from .schema import books, fact_sums, facts, resource_tables, store_state

_CHUNK = 500  # ids per IN list: well under SQLite's limit on bound parameters
_LINE_COLUMNS = ("work_plan_code", "work_plan_name", "sub_plan_no", "sub_plan_name",
                 "object_level1_code", "object_level1_name", "object_code", "object_name")


def _book_columns() -> list[Any]:
    return [books.c.government, books.c.agency_code, books.c.agency_name, books.c.fiscal_year,
            books.c.phase, books.c.unit]


def _lines(ids: list[str]) -> Select[Any]:
    t = resource_tables["expenditure-lines"]
    return (select(t.c.book_id, t.c.row_no, literal("expenditure-lines"), *_book_columns(),
                   func.substr(t.c.work_plan_code, 1, 2),
                   *[t.c[c] for c in _LINE_COLUMNS], t.c.amount, t.c.source_line)
            .join_from(t, books, books.c.id == t.c.book_id)
            .where(t.c.book_id.in_(ids), book_own(t)))


def _plans(ids: list[str]) -> Select[Any]:
    """Work plans of the books that print no expenditure lines."""
    w = resource_tables["work-plans"]
    lines = resource_tables["expenditure-lines"]
    nothing = [cast(null(), facts.c[c].type) for c in _LINE_COLUMNS[2:]]
    return (select(w.c.book_id, w.c.row_no, literal("work-plans"), *_book_columns(),
                   func.substr(w.c.code, 1, 2), w.c.code, w.c.name, *nothing, w.c.amount,
                   w.c.source_line)
            .join_from(w, books, books.c.id == w.c.book_id)
            .where(w.c.book_id.in_(ids), book_own(w),
                   w.c.book_id.not_in(select(lines.c.book_id).where(lines.c.book_id.in_(ids)))))


_FACT_COLUMNS = ["book_id", "row_no", "resource", "government", "agency_code", "agency_name",
                 "fiscal_year", "phase", "unit", "function", *_LINE_COLUMNS, "amount",
                 "source_line"]


_BOOK_COLUMNS = ["book_id", "government", "agency_code", "agency_name", "fiscal_year", "phase",
                 "unit", "function"]


def _sums(ids: list[str]) -> Select[Any]:
    """The facts of the books summed per book and 政事別 (the other columns are the book's),
    with the 政事別's name as the book's ledger prints it (its first row of that 政事別).
    The names are joined in one pass rather than looked up per sum (on PostgreSQL the lookup
    took 1.4 s of the 33 open-data files' 9 s)."""
    f = facts.c
    ledger = resource_tables["expenditure-by-agency"]
    code = func.substr(ledger.c.code, 1, 2)
    names = (select(ledger.c.book_id, code.label("function"), ledger.c.name,
                    func.row_number().over(partition_by=(ledger.c.book_id, code),
                                           order_by=ledger.c.row_no).label("rank"))
             .where(ledger.c.book_id.in_(ids), ledger.c.kind == "function", book_own(ledger),
                    ledger.c.name.is_not(None), ledger.c.name != "")
             .subquery())
    sums = (select(*[f[c] for c in _BOOK_COLUMNS], func.sum(f.amount).label("amount"),
                   func.count().label("fact_count"))
            .where(f.book_id.in_(ids)).group_by(*[f[c] for c in _BOOK_COLUMNS]).subquery())
    return (select(*[sums.c[c] for c in _BOOK_COLUMNS], names.c.name, sums.c.amount,
                   sums.c.fact_count)
            .outerjoin(names, and_(names.c.book_id == sums.c.book_id,
                                   names.c.function == sums.c.function, names.c.rank == 1)))


def fill(conn: Connection, book_ids: Iterable[str]) -> None:
    """Add the facts of books just stored (their resource rows and book rows in place), and
    their sums per book and 政事別."""
    ids = sorted(set(book_ids))
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        for q in (_lines(part), _plans(part)):
            conn.execute(insert(facts).from_select(_FACT_COLUMNS, q))
        conn.execute(insert(fact_sums).from_select(
            [*_BOOK_COLUMNS, "function_name", "amount", "fact_count"], _sums(part)))


def bump(conn: Connection) -> None:
    """Increase the generation, in the caller's transaction (commits with the books)."""
    if conn.execute(update(store_state).where(store_state.c.id == 1)
                    .values(generation=store_state.c.generation + 1)).rowcount == 0:
        conn.execute(insert(store_state).values(id=1, generation=1))


GENERATION_SQL = "SELECT generation FROM store_state WHERE id = 1"


def generation(engine: Engine) -> int:
    """The store's generation: changes whenever a book is stored, replaced or removed."""
    with engine.connect() as conn:
        return int(conn.execute(text(GENERATION_SQL)).scalar() or 0)

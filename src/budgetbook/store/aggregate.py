"""Sums of expenditure over books, like OpenSpending's aggregate API: a total, or cells by a
drilldown (work plan, agency, 政事別, year, phase, sub-plan, object class, unit), restricted by
cuts, with the cells' labels; and the same with its cells paged for the REST API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Engine, case, cast, func, select

from .. import units
from .base import BadParameter, book_own, equals, table
from .books import get_book
from .schema import books, fact_sums, facts

DRILLDOWNS = {
    # drilldown -> (resource, key columns, label column)
    "work_plan": ("expenditure-lines", ("work_plan_code",), "work_plan_name"),
    "sub_plan": ("expenditure-lines", ("work_plan_code", "sub_plan_no"), "sub_plan_name"),
    "object_code": ("expenditure-lines", ("object_code",), "object_name"),
    "object_level1": ("expenditure-lines", ("object_level1_code",), "object_level1_name"),
    "unit": ("sub-plans", ("units",), "units"),
    "agency": ("expenditure-lines", ("agency_code",), "agency_name"),
    "function": ("expenditure-lines", ("function",), None),  # 政事別: named from the ledger
    "year": ("expenditure-lines", ("fiscal_year",), None),
    "phase": ("expenditure-lines", ("phase",), None),
}
# drilldowns (and the plain total) over every book: a book's expenditure-lines where it has
# them, else its work plans (the open-data books have only work plans)
ALL_BOOKS = (None, "work_plan", "agency", "function", "year", "phase")
PHASE_LABELS = {"proposed": "預算案", "enacted": "法定預算"}


def drilldown_keys(drilldown: str) -> tuple[str, ...]:
    """The key columns of an aggregate drilldown's cells."""
    if drilldown not in DRILLDOWNS:
        raise BadParameter("drilldown", f"drilldown must be one of {', '.join(DRILLDOWNS)}")
    return DRILLDOWNS[drilldown][1]


def _check_drilldown(drilldown: str | None) -> None:
    """None (the plain total) or a known drilldown."""
    if drilldown is not None:
        drilldown_keys(drilldown)


# drilldowns whose cells are of the book (its agency, year, phase, 政事別): summed from
# `fact_sums`, a row per book and 政事別, when the cuts are of the book too
BY_BOOK = (None, "agency", "function", "year", "phase")
BOOK_CUTS = ("government", "agency_code", "agency_name", "fiscal_year", "phase", "unit",
             "function")


def _column(cut: str) -> str:
    return {"agency": "agency_code", "year": "fiscal_year"}.get(cut, cut)


def _fact(drilldown: str | None, book_ids: list[str], cuts: dict[str, str] | None = None
          ) -> Any:
    """The rows summed, with their book's agency, year, phase, unit and 政事別 (`function`):
    the fact table (`schema.facts`) for every drilldown but `unit`, which sums the sub-plans
    (a sub-plan names its 承辦單位; no expenditure line does); its sums per book and 政事別
    (`schema.fact_sums`, with `fact_count`) when the cells and cuts are all of the book."""
    if drilldown in BY_BOOK and all(_column(c) in BOOK_CUTS for c in cuts or {}):
        q = select(fact_sums)
        if book_ids:
            q = q.where(fact_sums.c.book_id.in_(book_ids))
        return q.subquery("fact")
    if drilldown == "unit":
        t = table("sub-plans")
        subs = select(*[c for c in t.c]).where(book_own(t))
        if book_ids:
            subs = subs.where(t.c.book_id.in_(book_ids))
        sub = subs.subquery("rows")
        return (select(*sub.c, books.c.government, books.c.agency_code, books.c.agency_name,
                       books.c.fiscal_year, books.c.phase, books.c.unit,
                       func.substr(sub.c.work_plan_code, 1, 2).label("function"))
                .join_from(sub, books, books.c.id == sub.c.book_id).subquery("fact"))
    q = select(facts)
    if drilldown not in ALL_BOOKS:  # sub-plans and object classes: only books that print them
        q = q.where(facts.c.resource == "expenditure-lines")
    if book_ids:
        q = q.where(facts.c.book_id.in_(book_ids))
    return q.subquery("fact")


def _fact_filters(fact: Any, resource: str, cuts: dict[str, str] | None) -> list[Any]:
    out = []
    for name, value in (cuts or {}).items():
        column = _column(name)
        if name in _NOT_CUTS or column not in fact.c:
            raise BadParameter(name, f"unknown field {name!r} of {resource}; cuts take "
                                     f"{', '.join(_cuts(fact))}")
        if name == "phase" and value not in PHASE_LABELS:
            raise BadParameter(name, f"phase must be proposed or enacted, got {value!r}")
        out.append(equals(fact.c[column], name, value))
    return out


# books are chosen with book=, not cut
_NOT_CUTS = {"book_id"}


def _cuts(fact: Any) -> list[str]:
    return [c.name for c in fact.c if c.name not in _NOT_CUTS] + ["agency", "year"]


def _labels(engine: Engine, drilldown: str, keys: list[Any], fact: Any,
            where: list[Any]) -> dict[Any, str | None]:
    """Names of the cells that the summed rows do not carry: the ROC year and the phase in
    words, and the latest name (among the rows summed) of each agency and of each 政事別 (the
    latter from the 歲出機關別預算表 of the books summed)."""
    if drilldown == "year":
        return {k: f"{k - 1911}年度" for k in keys if k is not None}
    if drilldown == "phase":
        return {k: PHASE_LABELS.get(k) for k in keys}
    out: dict[Any, str | None] = {}
    if not keys:
        return out
    named = {"agency": ("agency_code", "agency_name"), "function": ("function", "function_name")}
    code, name = named.get(drilldown, (None, None))
    if code and name in fact.c:  # names the summed rows carry (the sums per book: 政事別's too)
        latest = func.max(fact.c.fiscal_year)
        q = (select(fact.c[code], fact.c[name], latest)
             .where(*where, fact.c[code].in_(keys))
             .group_by(fact.c[code], fact.c[name]).order_by(latest, fact.c[name]))
    else:
        ledger = table("expenditure-by-agency")
        summed = select(fact.c.book_id).where(*where).distinct()
        function = func.substr(ledger.c.code, 1, 2)
        q = (select(function, ledger.c.name, books.c.fiscal_year)
             .join_from(ledger, books, books.c.id == ledger.c.book_id)
             .where(ledger.c.kind == "function", ledger.c.book_id.in_(summed),
                    book_own(ledger), function.in_(keys))
             .order_by(books.c.fiscal_year))
    with engine.connect() as conn:
        for code, name, _ in conn.execute(q):
            if name:
                out[code] = name  # the latest wins
    return out


def aggregate(engine: Engine, book_ids: list[str], drilldown: str | None,
              cuts: dict[str, str] | None = None, *, limit: int | None = None,
              offset: int = 0) -> dict[str, Any]:
    """Sums, counts and shares of expenditure, like OpenSpending's aggregate API.

    The plain total and the drilldowns work_plan, agency, function (政事別), year and phase
    cover every book: a book's expenditure-lines where it has them, else its work plans (an
    open-data book has only those). sub_plan, object_code and object_level1 sum
    expenditure-lines only, unit the sub-plans."""
    _check_drilldown(drilldown)
    resource = DRILLDOWNS[drilldown][0] if drilldown else "expenditure-lines"
    for b in book_ids:
        get_book(engine, b)
    fact = _fact(drilldown, book_ids, cuts)
    where = _fact_filters(fact, resource, cuts)
    # how many facts a cell sums: the rows summed, or their counts where they are sums
    rows = (cast(func.coalesce(func.sum(fact.c.fact_count), 0), BigInteger)
            if "fact_count" in fact.c else func.count())
    keys = [fact.c[k] for k in DRILLDOWNS[drilldown][1]] if drilldown else []
    label_name = DRILLDOWNS[drilldown][2] if drilldown else None
    present = _units(engine, book_ids)
    to = units.common(present)
    amount = cast(func.coalesce(func.sum(_in_unit(fact, present, to)), 0), BigInteger)
    cells: list[dict[str, Any]] = []
    total: tuple[int, int] | None = None
    cell_count = 0
    with engine.connect() as conn:
        if drilldown:
            label = ([func.min(fact.c[label_name]).label("label")] if label_name
                     and drilldown != "agency" else [])
            grouped = (select(*keys, *label, amount.label("amount"), rows.label("count"))
                       .where(*where).group_by(*keys).subquery("cells"))
            order = [grouped.c.amount.desc(), *[grouped.c[k.name] for k in keys]]
            # one scan: the cells, how many there are and their total, and only the page's
            # cells leave the database (every summed row is in exactly one cell)
            q = select(grouped, func.count().over().label("_cells"),
                       func.sum(grouped.c.amount).over().label("_amount"),
                       func.sum(grouped.c["count"]).over().label("_count")).order_by(*order)
            if limit is not None:
                q = q.limit(limit).offset(offset)
            for r in conn.execute(q):
                m = dict(r._mapping)
                cell_count, total = m.pop("_cells"), (int(m.pop("_amount")), int(m.pop("_count")))
                cells.append(m)
        if total is None:  # no drilldown, or a page past the last cell
            summed, count = conn.execute(select(amount, rows).select_from(fact)
                                         .where(*where)).one()
            total = (int(summed), int(count))
            if drilldown:
                cell_count = conn.execute(select(func.count()).select_from(
                    select(*keys).where(*where).group_by(*keys).subquery())).scalar_one()
    for m in cells:
        m.setdefault("label", None)
        m["share"] = round(m["amount"] / total[0], 6) if total[0] else None
    if drilldown in ("agency", "function", "year", "phase"):
        key = DRILLDOWNS[drilldown][1][0]
        names = _labels(engine, drilldown, [c[key] for c in cells], fact, where)
        for c in cells:
            c["label"] = names.get(c[key])
            c.update({k: c.pop(k) for k in ("amount", "count", "share")})  # keys, label first
    return {"summary": {"amount": total[0], "count": total[1]}, "drilldown": drilldown,
            "cuts": cuts or {}, "books": book_ids, "cells": cells, "unit": to,
            "cell_count": cell_count}


def _units(engine: Engine, book_ids: list[str]) -> list[str]:
    """The units of the books (of every book when none is named; books.unit is indexed, so
    this reads the index, not the books)."""
    q = select(books.c.unit).distinct()
    if book_ids:
        q = q.where(books.c.id.in_(book_ids))
    with engine.connect() as conn:
        return [u for (u,) in conn.execute(q)]


def _in_unit(fact: Any, present: list[str], to: str) -> Any:
    """The summed amount in unit `to` (the books' own when they share one, else NTD: see
    `units.common`): as stored when every book is in it, else each row times its book's
    factor."""
    if all(u == to for u in present):
        return fact.c.amount
    return fact.c.amount * case({u: units.factor(u, to) for u in present}, value=fact.c.unit,
                                else_=1)


def aggregate_page(engine: Engine, book_ids: list[str], drilldown: str | None,
                   cuts: dict[str, str] | None = None, *, limit: int = 100,
                   offset: int = 0) -> dict[str, Any]:
    """`aggregate`, with its cells paged (largest first): `cell_count` is how many there are."""
    return aggregate(engine, book_ids, drilldown, cuts, limit=limit, offset=offset)

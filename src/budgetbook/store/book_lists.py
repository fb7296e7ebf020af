"""Lists of books: every book, a page of them (for the API), the explorer's home page (the books
with the whole model, the open-data books per source file) and its filtered book list, the
printed totals of many books at once and the agency picker. A few grouped queries, pages in SQL.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import BigInteger, Engine, and_, case, cast, func, or_, select

from .base import BadParameter, Page, as_dict, book_own, like_pattern, table
from .schema import books

# the order of every list of books: agency, year, phase (and id, to be stable)
_ORDER = (books.c.government, books.c.agency_code, books.c.fiscal_year, books.c.phase)


def _is_csv_book() -> Any:
    """A book read from the open-data CSV (its source is the file, e.g. proposed/tw2021ap.csv)."""
    return func.lower(books.c.source_name).like("%.csv")


def _page(engine: Engine, where: list[Any], limit: int, offset: int) -> Page:
    """The books matching every condition of `where`, one page of them, in list order."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(books).where(*where)).scalar_one()
        q = (select(books).where(*where).order_by(*_ORDER, books.c.id)
             .limit(limit).offset(offset))
        return Page([as_dict(r) for r in conn.execute(q)], total, limit, offset)


def list_books(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [as_dict(r) for r in conn.execute(select(books).order_by(*_ORDER))]


def books_page(engine: Engine, *, limit: int = 100, offset: int = 0) -> Page:
    """Books in a stable order (agency, year, phase, id), one page of them."""
    return _page(engine, [], limit, offset)


def featured_books(engine: Engine, *, limit: int = 100) -> Page:
    """Books read from a budget book's text (or a package of one), and any book whose audit
    ran rules (a passed or skipped check): the few books with the whole model."""
    where = or_(~_is_csv_book(), func.coalesce(books.c.audit_passed, 0) > 0,
                func.coalesce(books.c.audit_skipped, 0) > 0)
    return _page(engine, [where], limit, 0)


def books_filtered(engine: Engine, *, year: int | None = None, phase: str | None = None,
                   agency: str | None = None, text_: str | None = None,
                   source: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Books filtered by fiscal year, phase, agency code, a substring of the agency's (or its
    parent's) name, code or book id, and source (`text`: read from book text, `csv`: open
    data); one page of them, paged in SQL, in the order of `books_page`."""
    if phase not in (None, "", "proposed", "enacted"):
        raise BadParameter("phase", "phase must be proposed or enacted")
    if source not in (None, "", "text", "csv"):
        raise BadParameter("source", "source must be text or csv")
    where: list[Any] = []
    if year is not None:
        where.append(books.c.fiscal_year == year)
    if phase:
        where.append(books.c.phase == phase)
    if agency:
        where.append(books.c.agency_code == agency)
    if source:
        where.append(_is_csv_book() if source == "csv" else ~_is_csv_book())
    if text_:
        pattern = like_pattern(text_)
        where.append(or_(*[c.ilike(pattern, escape="\\") for c in (
            books.c.agency_name, books.c.parent_name, books.c.agency_code, books.c.id)]))
    return _page(engine, where, limit, offset)


def open_data_overview(engine: Engine) -> list[dict[str, Any]]:
    """The open-data books per source file (fiscal year and phase): how many books and
    agencies, the sum of their stored 歲出 totals, how many are flagged, and the distinct flag
    sentences of the file's books. Newest year first, proposed before enacted."""
    csv = _is_csv_book()
    flagged = func.sum(case((books.c.flags.is_not(None), 1), else_=0))
    with engine.connect() as conn:
        q = (select(books.c.fiscal_year, books.c.phase, books.c.source_name,
                    func.min(books.c.roc_year).label("roc_year"),
                    func.count().label("books"),
                    func.count(books.c.agency_code.distinct()).label("agencies"),
                    cast(func.sum(books.c.expenditure_total), BigInteger).label("total"),
                    flagged.label("flagged"))
             .where(csv)
             .group_by(books.c.fiscal_year, books.c.phase, books.c.source_name)
             .order_by(books.c.fiscal_year.desc(), books.c.phase.desc(), books.c.source_name))
        groups = [as_dict(r) for r in conn.execute(q)]
        fq = (select(books.c.fiscal_year, books.c.phase, books.c.source_name, books.c.flags)
              .where(csv, books.c.flags.is_not(None)).distinct())
        sentences: dict[tuple[int, str, str], list[str]] = {}
        for y, ph, name, flags in conn.execute(fq):
            got = sentences.setdefault((y, ph, name), [])
            for s in json.loads(flags or "[]"):
                if s not in got:
                    got.append(s)
    for g in groups:
        g["flags"] = sentences.get((g["fiscal_year"], g["phase"], g["source_name"]), [])
    return groups


def totals_of_books(engine: Engine, book_ids: list[str]) -> dict[str, dict[str, Any]]:
    """`book_totals` for several books in two queries: per book, the agency row of
    歲出機關別預算表 and the 合計 row of 歲入來源別預算表 (None where the book lacks it)."""
    out: dict[str, dict[str, Any]] = {b: {"expenditure": None, "revenue": None}
                                      for b in book_ids}
    if not book_ids:
        return out
    exp, rev = table("expenditure-by-agency"), table("revenue")
    with engine.connect() as conn:
        for key, t, cond in (("expenditure", exp, exp.c.kind == "agency"),
                             ("revenue", rev, rev.c.level == 0)):
            q = (select(*t.c).where(t.c.book_id.in_(book_ids), book_own(t), cond)
                 .order_by(t.c.book_id, t.c.row_no))
            for r in conn.execute(q):
                m = as_dict(r)
                if out[m["book_id"]][key] is None:  # the first such row, as book_totals
                    out[m["book_id"]][key] = m
    return out


def agency_names(engine: Engine) -> list[dict[str, Any]]:
    """Every agency code with its name in its latest book (for the explorer's agency picker)."""
    latest = (select(books.c.agency_code, func.max(books.c.fiscal_year).label("y"))
              .group_by(books.c.agency_code).subquery())
    q = (select(books.c.agency_code, func.min(books.c.agency_name).label("agency_name"))
         .join(latest, and_(latest.c.agency_code == books.c.agency_code,
                            latest.c.y == books.c.fiscal_year))
         .group_by(books.c.agency_code).order_by(books.c.agency_code))
    with engine.connect() as conn:
        return [as_dict(r) for r in conn.execute(q)]

"""Read queries over the store, shared by the REST API and the web pages (neither computes a
budget figure itself)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Engine,
    Table,
    and_,
    cast,
    func,
    null,
    or_,
    select,
    text,
    union_all,
)

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
    "agency": ("expenditure-lines", ("agency_code",), "agency_name"),
    "function": ("expenditure-lines", ("function",), None),  # 政事別: named from the ledger
    "year": ("expenditure-lines", ("fiscal_year",), None),
    "phase": ("expenditure-lines", ("phase",), None),
}
# drilldowns (and the plain total) over every book: a book's expenditure-lines where it has
# them, else its work plans (the open-data books have only work plans)
ALL_BOOKS = (None, "work_plan", "agency", "function", "year", "phase")
# cuts on what every book has, besides the columns of the summed resource
VIRTUAL_CUTS = ("agency", "function", "year", "phase")
PHASE_LABELS = {"proposed": "預算案", "enacted": "法定預算"}


def _fact(drilldown: str | None, book_ids: list[str]) -> Any:
    """The rows summed, as a subquery with the resource's columns (book_id, amount, …) and the
    book's agency_code, agency_name, fiscal_year, phase and the 政事別 (`function`)."""
    lines = _table("expenditure-lines")
    if drilldown == "unit":
        t = _table("sub-plans")
        base = select(*[c for c in t.c]).where(t.c.book_id.in_(book_ids)) if book_ids \
            else select(*[c for c in t.c])
    else:
        own = [c for c in lines.c if c.name not in ("fiscal_year", "agency_code")]
        base = select(*own)
        if book_ids:
            base = base.where(lines.c.book_id.in_(book_ids))
        if drilldown in ALL_BOOKS:
            w = _table("work-plans")
            plain = {"work_plan_code": w.c.code, "work_plan_name": w.c.name, "amount": w.c.amount,
                     "book_id": w.c.book_id, "row_no": w.c.row_no, "source_line": w.c.source_line}
            cols = [plain[c.name].label(c.name) if c.name in plain
                    else cast(null(), c.type).label(c.name) for c in own]
            with_lines = select(lines.c.book_id).distinct()
            plans = select(*cols).where(w.c.book_id.not_in(with_lines))
            if book_ids:
                plans = plans.where(w.c.book_id.in_(book_ids))
            base = union_all(base, plans)
    sub = base.subquery("rows")
    q = (select(*sub.c, books.c.agency_code, books.c.agency_name, books.c.fiscal_year,
                books.c.phase, func.substr(sub.c.work_plan_code, 1, 2).label("function"))
         .join_from(sub, books, books.c.id == sub.c.book_id))
    return q.subquery("fact")


def _fact_filters(fact: Any, resource: str, cuts: dict[str, str] | None) -> list[Any]:
    out = []
    t = _table(resource)
    for name, value in (cuts or {}).items():
        column = {"agency": "agency_code", "year": "fiscal_year"}.get(name, name)
        if name == "book_id" or not (name in t.c or name in VIRTUAL_CUTS):
            raise BadParameter(name, f"unknown field {name!r} of {resource}; cuts take its "
                                     f"columns or {', '.join(VIRTUAL_CUTS)}")
        if name == "phase" and value not in PHASE_LABELS:
            raise BadParameter(name, f"phase must be proposed or enacted, got {value!r}")
        col = fact.c[column]
        out.append(col.is_(None) if value == "" else col == _coerce(col, name, value))
    return out


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
    if drilldown == "agency":
        latest = func.max(fact.c.fiscal_year)
        q = (select(fact.c.agency_code, fact.c.agency_name, latest).where(*where)
             .group_by(fact.c.agency_code, fact.c.agency_name).order_by(latest))
    else:
        ledger = _table("expenditure-by-agency")
        summed = select(fact.c.book_id).where(*where).distinct()
        q = (select(func.substr(ledger.c.code, 1, 2), ledger.c.name, books.c.fiscal_year)
             .join_from(ledger, books, books.c.id == ledger.c.book_id)
             .where(ledger.c.kind == "function", ledger.c.book_id.in_(summed))
             .order_by(books.c.fiscal_year))
    with engine.connect() as conn:
        for code, name, _ in conn.execute(q):
            if name:
                out[code] = name  # the latest wins
    return out


def aggregate(engine: Engine, book_ids: list[str], drilldown: str | None,
              cuts: dict[str, str] | None = None) -> dict[str, Any]:
    """Sums, counts and shares of expenditure, like OpenSpending's aggregate API.

    The plain total and the drilldowns work_plan, agency, function (政事別), year and phase
    cover every book: a book's expenditure-lines where it has them, else its work plans (an
    open-data book has only those). sub_plan, object_code and object_level1 sum
    expenditure-lines only, unit the sub-plans."""
    if drilldown is not None and drilldown not in DRILLDOWNS:
        raise BadParameter("drilldown", f"drilldown must be one of {', '.join(DRILLDOWNS)}")
    resource = DRILLDOWNS[drilldown][0] if drilldown else "expenditure-lines"
    for b in book_ids:
        get_book(engine, b)
    fact = _fact(drilldown, book_ids)
    where = _fact_filters(fact, resource, cuts)
    keys = [fact.c[k] for k in DRILLDOWNS[drilldown][1]] if drilldown else []
    label_name = DRILLDOWNS[drilldown][2] if drilldown else None
    amount = cast(func.coalesce(func.sum(fact.c.amount), 0), BigInteger)
    with engine.connect() as conn:
        total = conn.execute(select(amount, func.count()).select_from(fact).where(*where)).one()
        cells: list[dict[str, Any]] = []
        if drilldown:
            label = ([func.min(fact.c[label_name]).label("label")] if label_name
                     and drilldown != "agency" else [])
            q = (select(*keys, *label, amount.label("amount"), func.count().label("count"))
                 .where(*where).group_by(*keys).order_by(amount.desc(), *keys))
            for r in conn.execute(q):
                m = dict(r._mapping)
                m.setdefault("label", None)
                m["share"] = round(m["amount"] / total[0], 6) if total[0] else None
                cells.append(m)
    if drilldown in ("agency", "function", "year", "phase"):
        key = DRILLDOWNS[drilldown][1][0]
        names = _labels(engine, drilldown, [c[key] for c in cells], fact, where)
        for c in cells:
            c["label"] = names.get(c[key])
            c.update({k: c.pop(k) for k in ("amount", "count", "share")})  # keys, label first
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


# --- pages for the REST API (added with api/; the functions above keep their behaviour) ---------

def books_page(engine: Engine, *, limit: int = 100, offset: int = 0) -> Page:
    """Books in a stable order (agency, year, phase, id), one page of them."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(books)).scalar_one()
        q = (select(books).order_by(books.c.agency_code, books.c.fiscal_year, books.c.phase,
                                    books.c.id).limit(limit).offset(offset))
        return Page([_row(r) for r in conn.execute(q)], total, limit, offset)


def resource_counts(engine: Engine, book_id: str) -> dict[str, int]:
    """How many rows each resource holds for one book (0 for a section the book lacks)."""
    get_book(engine, book_id)
    out: dict[str, int] = {}
    with engine.connect() as conn:
        for name, t in resource_tables.items():
            out[name] = conn.execute(select(func.count()).select_from(t).where(
                t.c.book_id == book_id)).scalar_one()
    return out


def source_page(engine: Engine, book_id: str, *, start: int = 1, end: int | None = None,
                limit: int = 100, offset: int = 0) -> Page:
    """Lines `start`..`end` (1-based, inclusive) of a book's text, one page of them."""
    get_book(engine, book_id)
    if start < 1:
        raise BadParameter("start", "start must be 1 or more")
    if end is not None and end < start:
        raise BadParameter("end", f"end ({end}) must not be before start ({start})")
    where = [source_lines.c.book_id == book_id, source_lines.c.line_no >= start]
    if end is not None:
        where.append(source_lines.c.line_no <= end)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(source_lines).where(*where)
                             ).scalar_one()
        q = (select(source_lines.c.line_no, source_lines.c.text).where(*where)
             .order_by(source_lines.c.line_no).limit(limit).offset(offset))
        return Page([_row(r) for r in conn.execute(q)], total, limit, offset)


def aggregate_page(engine: Engine, book_ids: list[str], drilldown: str | None,
                   cuts: dict[str, str] | None = None, *, limit: int = 100,
                   offset: int = 0) -> dict[str, Any]:
    """`aggregate`, with its cells paged (largest first): `cell_count` is how many there are."""
    result = aggregate(engine, book_ids, drilldown, cuts)
    cells = result["cells"]
    result.update(cells=cells[offset : offset + limit], cell_count=len(cells))
    return result


def drilldown_keys(drilldown: str) -> tuple[str, ...]:
    """The key columns of an aggregate drilldown's cells."""
    if drilldown not in DRILLDOWNS:
        raise BadParameter("drilldown", f"drilldown must be one of {', '.join(DRILLDOWNS)}")
    return DRILLDOWNS[drilldown][1]


# --- explorer pages: stored rows assembled for one page (figures as stored, never computed) ---

# integer columns that are positions, years or counts of rows rather than figures of the book
_NOT_FIGURES = {"row_no", "fiscal_year", "roc_year", "level", "sub_plan_count", "duty_count",
                "item_count", "last_year", "year"}


@dataclass
class ColumnInfo:
    name: str
    type: str  # integer, number, boolean or string
    description: str | None
    is_figure: bool  # a number printed in the book (links to its source line)


def resource_titles() -> dict[str, str]:
    """Each resource's printed table title (歲入來源別預算表 …), in declaration order."""
    return {name: (t.comment or name) for name, t in resource_tables.items()}


def column_info(resource: str) -> list[ColumnInfo]:
    from sqlalchemy import Numeric

    out = []
    for c in _table(resource).c:
        if c.name == "book_id":
            continue
        py = getattr(c.type, "python_type", str)
        kind = {int: "integer", bool: "boolean"}.get(py, "number" if isinstance(
            c.type, Numeric) else "string")
        figure = (kind in ("integer", "number") and c.name not in _NOT_FIGURES
                  and not c.name.endswith("_line"))
        out.append(ColumnInfo(c.name, kind, c.comment, figure))
    return out


def _all(engine: Engine, book_id: str, resource: str, **filters: str) -> list[dict[str, Any]]:
    return rows(engine, book_id, resource, limit=1_000_000, filters=filters).rows


def book_totals(engine: Engine, book_id: str) -> dict[str, dict[str, Any] | None]:
    """The book's totals as printed, with their source lines: the agency row of 歲出機關別預算表
    and the 合計 row of 歲入來源別預算表 (None where the book lacks the table)."""
    exp = _all(engine, book_id, "expenditure-by-agency", kind="agency")
    rev = _all(engine, book_id, "revenue", level="0")
    return {"expenditure": exp[0] if exp else None, "revenue": rev[0] if rev else None}


def expenditure_tree(engine: Engine, book_id: str) -> list[dict[str, Any]]:
    """Work plans → sub-plans → second-level object lines, each node with its printed amount
    and source line (the rows of work-plans, sub-plans and expenditure-lines)."""
    subs: dict[str, list[dict[str, Any]]] = {}
    for sp in _all(engine, book_id, "sub-plans"):
        subs.setdefault(sp["work_plan_code"], []).append(sp)
    lines: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for ln in _all(engine, book_id, "expenditure-lines"):
        lines.setdefault((ln["work_plan_code"], ln["sub_plan_no"]), []).append(ln)
    tree = []
    for wp in _all(engine, book_id, "work-plans"):
        children = []
        for sp in subs.get(wp["code"], []):
            leaves = [{"kind": "object", "code": ln["object_code"], "name": ln["object_name"],
                       "amount": ln["amount"], "source_line": ln["source_line"], "children": []}
                      for ln in lines.get((wp["code"], sp["sub_plan_no"]), [])]
            children.append({"kind": "sub_plan", "code": wp["code"], "no": sp["sub_plan_no"],
                             "name": sp["name"], "amount": sp["amount"],
                             "source_line": sp["source_line"], "children": leaves})
        tree.append({"kind": "work_plan", "code": wp["code"], "name": wp["name"],
                     "amount": wp["amount"], "source_line": wp["source_line"],
                     "children": children})
    return tree


def revenue_tree(engine: Engine, book_id: str) -> list[dict[str, Any]]:
    """歲入來源別預算表 as a tree by parent code (款 → agency → 項 → 目), without the 合計 row."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for r in _all(engine, book_id, "revenue"):
        if r["level"] == 0:
            continue
        node = {"kind": "revenue", "code": r["code"], "name": r["name"], "amount": r["amount"],
                "source_line": r["source_line"], "level": r["level"], "row_no": r["row_no"],
                "children": []}
        nodes[r["code"]] = node
        parent = nodes.get(r["parent_code"] or "")
        (parent["children"] if parent else roots).append(node)
    return roots


def largest_object_classes(engine: Engine, book_id: str, limit: int = 10) -> list[dict]:
    """Second-level object classes by their agency-wide amount in 各項費用彙計表, largest first."""
    get_book(engine, book_id)
    t = _table("cost-summary")
    q = (select(*[c for c in t.c if c.name != "book_id"])
         .where(t.c.book_id == book_id, t.c.level == 2, t.c.work_plan_code.is_(None),
                t.c.amount.is_not(None))
         .order_by(t.c.amount.desc(), t.c.row_no).limit(limit))
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(q)]


def object_classes(engine: Engine, book_id: str) -> dict[str, Any]:
    """各項費用彙計表 laid out as object classes × work plans: `work_plans` are the columns in
    printed order, each class has its `total` row and a row per work plan (`by_plan`)."""
    plans: dict[str, str] = {}
    classes: dict[str, dict[str, Any]] = {}
    for r in _all(engine, book_id, "cost-summary"):
        c = classes.setdefault(r["object_code"], {
            "object_code": r["object_code"], "object_name": r["object_name"],
            "level": r["level"], "total": None, "by_plan": {}})
        if r["work_plan_code"] is None:
            c["total"] = r
        else:
            plans.setdefault(r["work_plan_code"], r["work_plan_name"])
            c["by_plan"][r["work_plan_code"]] = r
    return {"work_plans": [{"code": k, "name": v} for k, v in plans.items()],
            "classes": list(classes.values())}


def object_class(engine: Engine, book_id: str, code: str) -> dict[str, Any]:
    """One object class (用途別科目) across the book: its 各項費用彙計表 rows and every
    sub-plan line of that class (or, for a first-level class, of its second-level classes)."""
    summary = _all(engine, book_id, "cost-summary", object_code=code)
    t = _table("expenditure-lines")
    with engine.connect() as conn:
        q = (select(*[c for c in t.c if c.name != "book_id"])
             .where(t.c.book_id == book_id,
                    or_(t.c.object_code == code, t.c.object_level1_code == code))
             .order_by(t.c.row_no))
        lines = [_row(r) for r in conn.execute(q)]
    own = _all(engine, book_id, "object-lines", object_code=code)
    if not (summary or lines or own):
        raise NotFound(f"no object class {code!r} in {book_id}")
    name = next((r["object_name"] for r in summary + own), None) or next(
        (r["object_name"] if r["object_code"] == code else r["object_level1_name"]
         for r in lines), code)
    return {"code": code, "name": name, "summary": summary, "lines": lines, "object_lines": own}


def rows_mentioning(engine: Engine, book_id: str, resource: str, needles: list[str],
                    fields: list[str]) -> list[dict[str, Any]]:
    """Rows of a resource whose text fields mention any of the needles (plain substring)."""
    t = _table(resource)
    conds = [t.c[f].contains(n, autoescape=True) for f in fields for n in needles if n]
    if not conds:
        return []
    with engine.connect() as conn:
        q = (select(*[c for c in t.c if c.name != "book_id"])
             .where(t.c.book_id == book_id, or_(*conds)).order_by(t.c.row_no))
        return [_row(r) for r in conn.execute(q)]


def work_plan(engine: Engine, book_id: str, code: str) -> dict[str, Any]:
    """A work plan (工作計畫) with everything the book links to it: its sub-plans and lines,
    說明 from 歲出機關別預算表, 委辦/補助/捐助/出國/媒體 rows with the same code, goals and past
    results by name, and resolutions that mention it or one of its sub-plans."""
    found = _all(engine, book_id, "work-plans", code=code)
    if not found:
        raise NotFound(f"no work plan {code!r} in {book_id}")
    wp = found[0]
    subs = _all(engine, book_id, "sub-plans", work_plan_code=code)
    names = [wp["name"], *(s["name"] for s in subs)]
    return {
        "work_plan": wp,
        "ledger": next(iter(_all(engine, book_id, "expenditure-by-agency", code=code)), None),
        "sub_plans": subs,
        "object_lines": _all(engine, book_id, "object-lines", work_plan_code=code),
        "cost_summary": _all(engine, book_id, "cost-summary", work_plan_code=code),
        "commissioned": _all(engine, book_id, "commissioned-projects", work_plan_code=code),
        "commissioned_totals": _all(engine, book_id, "commissioned-totals",
                                    work_plan_code=code),
        "subsidies": _all(engine, book_id, "subsidies", work_plan_code=code),
        "donations": _all(engine, book_id, "donations", work_plan_code=code),
        "travel": _all(engine, book_id, "overseas-travel", work_plan_code=code),
        "media": _all(engine, book_id, "media-spending", work_plan_code=code),
        "goals": _all(engine, book_id, "goals", work_plan=wp["name"]),
        "results": _all(engine, book_id, "program-results", work_plan=wp["name"]),
        "resolutions": rows_mentioning(engine, book_id, "resolutions", names,
                                       ["heading", "text"]),
    }


def sub_plan(engine: Engine, book_id: str, code: str, no: str) -> dict[str, Any]:
    """A sub-plan (分支計畫) with its object lines, 承辦單位 and 說明, its work plan, the goal of
    the same name, and resolutions that mention it."""
    found = _all(engine, book_id, "sub-plans", work_plan_code=code, sub_plan_no=no)
    if not found:
        raise NotFound(f"no sub-plan {code}/{no} in {book_id}")
    sp = found[0]
    wp = next(iter(_all(engine, book_id, "work-plans", code=code)), None)
    return {
        "sub_plan": sp,
        "work_plan": wp,
        "object_lines": _all(engine, book_id, "object-lines", work_plan_code=code,
                             sub_plan_no=no),
        "goals": _all(engine, book_id, "goals", name=sp["name"]),
        "resolutions": rows_mentioning(engine, book_id, "resolutions", [sp["name"]],
                                       ["heading", "text"]),
    }


def _snippet_html(text_: str, q: str, width: int = 40) -> str:
    """`_snippet` with the text HTML-escaped around the <mark>, safe to put in a page."""
    from html import escape

    i = text_.lower().find(q.lower())
    if i < 0:
        return escape(text_[: width * 2])
    start, end = max(0, i - width), min(len(text_), i + len(q) + width)
    pre, post = ("…" if start else ""), ("…" if end < len(text_) else "")
    return (f"{pre}{escape(text_[start:i])}<mark>{escape(text_[i:i + len(q)])}</mark>"
            f"{escape(text_[i + len(q):end])}{post}")


def search_html(engine: Engine, q: str, *, book_id: str | None = None, limit: int = 50,
                offset: int = 0) -> Page:
    """`search`, with `title_html` and `snippet` HTML-escaped except for the <mark> tags."""
    page = search(engine, q, book_id=book_id, limit=limit, offset=offset)
    q = q.strip()
    for hit in page.rows:
        hit["title_html"] = _snippet_html(hit["title"], q, 200)
        hit["snippet"] = _snippet_html(hit["body"], q) if q.lower() in hit["body"].lower() else ""
    return page


# --- the explorer's home page and book list: a few grouped queries, pages in SQL -------------

def _is_csv_book() -> Any:
    """A book read from the open-data CSV (its source is the file, e.g. proposed/tw2021ap.csv)."""
    return func.lower(books.c.source_name).like("%.csv")


def featured_books(engine: Engine, *, limit: int = 100) -> Page:
    """Books read from a budget book's text (or a package of one), and any book whose audit
    ran rules (a passed or skipped check): the few books with the whole model."""
    where = or_(~_is_csv_book(), func.coalesce(books.c.audit_passed, 0) > 0,
                func.coalesce(books.c.audit_skipped, 0) > 0)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(books).where(where)).scalar_one()
        q = (select(books).where(where)
             .order_by(books.c.agency_code, books.c.fiscal_year, books.c.phase, books.c.id)
             .limit(limit))
        return Page([_row(r) for r in conn.execute(q)], total, limit, 0)


def open_data_overview(engine: Engine) -> list[dict[str, Any]]:
    """The open-data books per source file (fiscal year and phase): how many books and
    agencies, the sum of their stored 歲出 totals, how many are flagged, and the distinct flag
    sentences of the file's books. Newest year first, proposed before enacted."""
    from sqlalchemy import case

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
        groups = [_row(r) for r in conn.execute(q)]
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
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", text_) + "%"
        where.append(or_(*[c.ilike(pattern, escape="\\") for c in (
            books.c.agency_name, books.c.parent_name, books.c.agency_code, books.c.id)]))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(books).where(*where)).scalar_one()
        q = (select(books).where(*where)
             .order_by(books.c.agency_code, books.c.fiscal_year, books.c.phase, books.c.id)
             .limit(limit).offset(offset))
        return Page([_row(r) for r in conn.execute(q)], total, limit, offset)


def totals_of_books(engine: Engine, book_ids: list[str]) -> dict[str, dict[str, Any]]:
    """`book_totals` for several books in two queries: per book, the agency row of
    歲出機關別預算表 and the 合計 row of 歲入來源別預算表 (None where the book lacks it)."""
    out: dict[str, dict[str, Any]] = {b: {"expenditure": None, "revenue": None}
                                      for b in book_ids}
    if not book_ids:
        return out
    exp, rev = _table("expenditure-by-agency"), _table("revenue")
    with engine.connect() as conn:
        for key, t, cond in (("expenditure", exp, exp.c.kind == "agency"),
                             ("revenue", rev, rev.c.level == 0)):
            q = (select(*t.c).where(t.c.book_id.in_(book_ids), cond)
                 .order_by(t.c.book_id, t.c.row_no))
            for r in conn.execute(q):
                m = _row(r)
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
        return [_row(r) for r in conn.execute(q)]

"""One book's stored rows assembled for one explorer page: its printed totals, the expenditure
and revenue trees, its object classes, and a work plan or sub-plan with everything the book
links to it. Figures are as stored, never computed."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, Table, or_, select

from .base import NotFound, as_dict, book_own, own_columns, table
from .books import all_rows, get_book


def book_totals(engine: Engine, book_id: str) -> dict[str, dict[str, Any] | None]:
    """The book's totals as printed, with their source lines: the agency row of 歲出機關別預算表
    and the 合計 row of 歲入來源別預算表 (None where the book lacks the table)."""
    exp = all_rows(engine, book_id, "expenditure-by-agency", kind="agency")
    rev = all_rows(engine, book_id, "revenue", level="0")
    return {"expenditure": exp[0] if exp else None, "revenue": rev[0] if rev else None}


# --- trees --------------------------------------------------------------------------------------

def _node(kind: str, code: str, r: dict[str, Any], children: list[dict[str, Any]],
          **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "code": code, **extra, "name": r["name"], "amount": r["amount"],
            "source_line": r["source_line"], "children": children}


def expenditure_tree(engine: Engine, book_id: str) -> list[dict[str, Any]]:
    """Work plans → sub-plans → second-level object lines, each node with its printed amount
    and source line (the rows of work-plans, sub-plans and expenditure-lines)."""
    subs: dict[str, list[dict[str, Any]]] = {}
    for sp in all_rows(engine, book_id, "sub-plans"):
        subs.setdefault(sp["work_plan_code"], []).append(sp)
    lines: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for ln in all_rows(engine, book_id, "expenditure-lines"):
        lines.setdefault((ln["work_plan_code"], ln["sub_plan_no"]), []).append(ln)
    tree = []
    for wp in all_rows(engine, book_id, "work-plans"):
        children = []
        for sp in subs.get(wp["code"], []):
            leaves = [{"kind": "object", "code": ln["object_code"], "name": ln["object_name"],
                       "amount": ln["amount"], "source_line": ln["source_line"], "children": []}
                      for ln in lines.get((wp["code"], sp["sub_plan_no"]), [])]
            children.append(_node("sub_plan", wp["code"], sp, leaves, no=sp["sub_plan_no"]))
        tree.append(_node("work_plan", wp["code"], wp, children))
    return tree


def revenue_tree(engine: Engine, book_id: str) -> list[dict[str, Any]]:
    """歲入來源別預算表 as a tree by parent code (款 → agency → 項 → 目), without the 合計 row."""
    nodes: dict[str, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for r in all_rows(engine, book_id, "revenue"):
        if r["level"] == 0:
            continue
        node = {"kind": "revenue", "code": r["code"], "name": r["name"], "amount": r["amount"],
                "source_line": r["source_line"], "level": r["level"], "row_no": r["row_no"],
                "children": []}
        nodes[r["code"]] = node
        parent = nodes.get(r["parent_code"] or "")
        (parent["children"] if parent else roots).append(node)
    return roots


# --- object classes (用途別科目) ----------------------------------------------------------------

def largest_object_classes(engine: Engine, book_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Second-level object classes by their agency-wide amount in 各項費用彙計表, largest first."""
    get_book(engine, book_id)
    t = table("cost-summary")
    q = (select(*own_columns(t))
         .where(t.c.book_id == book_id, book_own(t), t.c.level == 2,
                t.c.work_plan_code.is_(None), t.c.amount.is_not(None))
         .order_by(t.c.amount.desc(), t.c.row_no).limit(limit))
    with engine.connect() as conn:
        return [as_dict(r) for r in conn.execute(q)]


def object_classes(engine: Engine, book_id: str) -> dict[str, Any]:
    """各項費用彙計表 laid out as object classes × work plans: `work_plans` are the columns in
    printed order, each class has its `total` row and a row per work plan (`by_plan`)."""
    plans: dict[str, str] = {}
    classes: dict[str, dict[str, Any]] = {}
    for r in all_rows(engine, book_id, "cost-summary"):
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


def _rows_where(engine: Engine, t: Table, book_id: str, cond: Any) -> list[dict[str, Any]]:
    """Rows of one table for one book that meet a condition, in reading order."""
    with engine.connect() as conn:
        q = (select(*own_columns(t)).where(t.c.book_id == book_id, book_own(t), cond)
             .order_by(t.c.row_no))
        return [as_dict(r) for r in conn.execute(q)]


def object_class(engine: Engine, book_id: str, code: str) -> dict[str, Any]:
    """One object class (用途別科目) across the book: its 各項費用彙計表 rows and every
    sub-plan line of that class (or, for a first-level class, of its second-level classes)."""
    summary = all_rows(engine, book_id, "cost-summary", object_code=code)
    t = table("expenditure-lines")
    lines = _rows_where(engine, t, book_id,
                        or_(t.c.object_code == code, t.c.object_level1_code == code))
    own = all_rows(engine, book_id, "object-lines", object_code=code)
    if not (summary or lines or own):
        raise NotFound(f"no object class {code!r} in {book_id}")
    name = next((r["object_name"] for r in summary + own), None) or next(
        (r["object_name"] if r["object_code"] == code else r["object_level1_name"]
         for r in lines), code)
    return {"code": code, "name": name, "summary": summary, "lines": lines, "object_lines": own}


# --- work plans and sub-plans -------------------------------------------------------------------

def rows_mentioning(engine: Engine, book_id: str, resource: str, needles: list[str],
                    fields: list[str]) -> list[dict[str, Any]]:
    """Rows of a resource whose text fields mention any of the needles (plain substring)."""
    t = table(resource)
    conds = [t.c[f].contains(n, autoescape=True) for f in fields for n in needles if n]
    if not conds:
        return []
    return _rows_where(engine, t, book_id, or_(*conds))


def work_plan(engine: Engine, book_id: str, code: str) -> dict[str, Any]:
    """A work plan (工作計畫) with everything the book links to it: its sub-plans and lines,
    說明 from 歲出機關別預算表, 委辦/補助/捐助/出國/媒體 rows with the same code, goals and past
    results by name, and resolutions that mention it or one of its sub-plans."""
    found = all_rows(engine, book_id, "work-plans", code=code)
    if not found:
        raise NotFound(f"no work plan {code!r} in {book_id}")
    wp = found[0]
    subs = all_rows(engine, book_id, "sub-plans", work_plan_code=code)
    names = [wp["name"], *(s["name"] for s in subs)]

    def of_plan(resource: str) -> list[dict[str, Any]]:
        return all_rows(engine, book_id, resource, work_plan_code=code)

    return {
        "work_plan": wp,
        "ledger": next(iter(all_rows(engine, book_id, "expenditure-by-agency", code=code)),
                       None),
        "sub_plans": subs,
        "object_lines": of_plan("object-lines"),
        "cost_summary": of_plan("cost-summary"),
        "commissioned": of_plan("commissioned-projects"),
        "commissioned_totals": of_plan("commissioned-totals"),
        "subsidies": of_plan("subsidies"),
        "donations": of_plan("donations"),
        "travel": of_plan("overseas-travel"),
        "media": of_plan("media-spending"),
        "goals": all_rows(engine, book_id, "goals", work_plan=wp["name"]),
        "results": all_rows(engine, book_id, "program-results", work_plan=wp["name"]),
        "resolutions": rows_mentioning(engine, book_id, "resolutions", names,
                                       ["heading", "text"]),
    }


def sub_plan(engine: Engine, book_id: str, code: str, no: str) -> dict[str, Any]:
    """A sub-plan (分支計畫) with its object lines, 承辦單位 and 說明, its work plan, the goal of
    the same name, and resolutions that mention it."""
    found = all_rows(engine, book_id, "sub-plans", work_plan_code=code, sub_plan_no=no)
    if not found:
        raise NotFound(f"no sub-plan {code}/{no} in {book_id}")
    sp = found[0]
    wp = next(iter(all_rows(engine, book_id, "work-plans", code=code)), None)
    return {
        "sub_plan": sp,
        "work_plan": wp,
        "object_lines": all_rows(engine, book_id, "object-lines", work_plan_code=code,
                                 sub_plan_no=no),
        # a city book's lines under each 用途別科目 line, and its cases (案別)
        "detail_lines": all_rows(engine, book_id, "detail-lines", work_plan_code=code,
                                 sub_plan_no=no),
        "cases": all_rows(engine, book_id, "cases", work_plan_code=code, sub_plan_no=no),
        "goals": all_rows(engine, book_id, "goals", name=sp["name"]),
        "resolutions": rows_mentioning(engine, book_id, "resolutions", [sp["name"]],
                                       ["heading", "text"]),
    }

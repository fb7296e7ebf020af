"""The explorer's comparison pages (比較): two books work plan by work plan, time lines per
agency, 政事別 or the whole government, a book's 上年度 column against the previous year's book,
and the biggest changes across the government.

Every figure comes from `budgetbook.compare` (or a store query); this module only picks the
books, passes the parameters through and shapes links. Nothing here computes a budget figure:
the source lines of work plans are looked up (not computed) so that each amount links to its
line in the book's text, as every other page does.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import pass_context

from .. import compare
from ..store import compare_queries as cq
from ..store import queries as q
from ..store.base import parse_int
from .labels import PHASES
from .render import engine_of, render, templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

KINDS = {"year_over_year": "跨年度比較", "proposed_vs_enacted": "預算案與法定預算（立法院審議增刪）",
         "books": "兩本預算書"}
ROW_STATUS = {"matched": "相同", "renamed": "更名", "added": "新增", "removed": "刪除"}
LAST_YEAR_STATUS = {"equal": "相符", "different": "不同", "missing_in_other": "對照書沒有",
                    "missing_in_book": "本書未列", "no_figure": "本書無上年度數"}
LEVEL_KINDS = {"agency": "機關", "function": "政事別", "work_plan": "工作計畫"}
PHASE_ORDER = ("proposed", "enacted")
YEAR_FROM, YEAR_TO = min(compare.YEARS), max(compare.YEARS)


def book_url(book_id: str) -> str:
    return f"/books/{book_id}"


def compare_url(a: str, b: str) -> str:
    return f"/compare?a={a}&b={b}"


def _work_plan_lines(engine: Any, book_ids: list[str]) -> dict[str, dict[str, int | None]]:
    """Per book, the source line of each work plan code: its first row (the one
    `compare` names the work plan by), from r_work_plans, else from 歲出機關別預算表."""
    out: dict[str, dict[str, int | None]] = {b: {} for b in book_ids}
    for r in cq.work_plan_rows(engine, book_ids):
        out[r["book_id"]].setdefault(r["code"], r["source_line"])
    empty = [b for b, lines in out.items() if not lines]
    if empty:
        for r in cq.ledger_rows(engine, empty, kinds=("work_plan",)):
            out[r["book_id"]].setdefault(r["code"], r["source_line"])
    return out


def _siblings(engine: Any, book: dict[str, Any]) -> dict[str, Any]:
    """The books next to one: the other phase of its year, and the previous year's book
    (enacted, else proposed), by agency, year and phase."""
    year = book["fiscal_year"]
    found = cq.find_books(engine, agency_code=book["agency_code"], years=[year - 1, year])
    by = {(b["fiscal_year"], b["phase"]): b for b in found}
    other_phase = "enacted" if book["phase"] == "proposed" else "proposed"
    return {"counterpart": by.get((year, other_phase)),
            "previous": by.get((year - 1, "enacted")) or by.get((year - 1, "proposed")),
            "previous_same_phase": by.get((year - 1, book["phase"]))}


def book_label(b: dict[str, Any] | None) -> str:
    if not b:
        return ""
    name = b.get("agency_name") or b.get("agency_code")
    roc = b.get("roc_year") or (b["fiscal_year"] - 1911)
    return f"{name} {roc} 年度{PHASES.get(b['phase'], b['phase'])}"


@pass_context
def comparison_links(ctx: Any, book: dict[str, Any]) -> list[dict[str, str]]:
    """Links from a book's overview to its comparisons (for `_compare_links.html`)."""
    engine = ctx["request"].app.state.engine
    sib = _siblings(engine, book)
    links = []
    other = sib["counterpart"]
    if other:
        a, b = (other, book) if book["phase"] == "enacted" else (book, other)
        links.append({"url": compare_url(a["id"], b["id"]),
                      "text": f"{book_label(a)} ↔ {PHASES['enacted']}（立法院審議增刪）"})
    prev = sib["previous_same_phase"] or sib["previous"]
    if prev:
        links.append({"url": compare_url(prev["id"], book["id"]),
                      "text": f"與上一年度比較：{book_label(prev)}"})
    if sib["previous"]:
        links.append({"url": f"/books/{book['id']}/last-year",
                      "text": f"本書「上年度」欄與 {book_label(sib['previous'])} 對照"})
    links.append({"url": f"/agencies/{book['agency_code']}/timeline",
                  "text": f"機關歷年預算趨勢（{YEAR_FROM}–{YEAR_TO}）"})
    return links


templates.env.globals.update(comparison_links=comparison_links, ROW_STATUS=ROW_STATUS,
                             book_label=book_label)


# --- two books -------------------------------------------------------------------------------

@router.get("/compare")
def compare_page(request: Request, a: str | None = None, b: str | None = None) -> Response:
    engine = engine_of(request)
    a, b = (a or "").strip(), (b or "").strip()
    agencies = sorted({x.split("-", 1)[0] for x in (a, b) if x} or {"2675"})
    choices = [bk for ag in agencies for bk in cq.find_books(engine, agency_code=ag)]
    ctx: dict[str, Any] = {"a": a, "b": b, "choices": choices, "cmp": None, "error": None,
                           "KINDS": KINDS, "compare_url": compare_url}
    if not (a and b):
        if a or b:
            ctx["error"] = "請選擇兩本預算書（a 與 b）。"
        return render(request, "compare.html", status_code=422 if ctx["error"] else 200,
                      **ctx)
    try:
        cmp = compare.compare_books(engine, a, b)
    except compare.ComparisonNotFound as exc:
        ctx["error"] = f"找不到預算書：{exc.message}"
        return render(request, "compare.html", status_code=404, **ctx)
    lines = _work_plan_lines(engine, [a, b])
    flagged = [bk for bk in (cmp.a, cmp.b) if bk["flags"]]
    ctx.update(cmp=cmp, lines=lines, flagged=flagged)
    return render(request, "compare.html", **ctx)


# --- time lines ------------------------------------------------------------------------------

def _chart(tl: compare.Timeline, point_url: Any) -> dict[str, Any]:
    """The time line in the shape app.js draws: per phase, one value per year (None: a gap,
    never 0), each point with the page a click opens."""
    by = {(p.year, p.phase): p for p in tl.points}
    series = []
    for ph in tl.phases:
        data: list[Any] = []
        for y, value in zip(tl.years, tl.series()[ph], strict=True):
            p = by.get((y, ph))
            if value is None or p is None:
                data.append(None)
            else:
                data.append({"value": value, "url": point_url(p), "partial": p.partial,
                             "flagged": bool(p.flags), "agency": p.name or ""})
        series.append({"name": PHASES.get(ph, ph), "phase": ph, "data": data})
    return {"years": tl.years, "series": series}


def _table(tl: compare.Timeline, point_url: Any) -> list[dict[str, Any]]:
    """One row per year: the points of each phase (amount None where missing)."""
    by = {(p.year, p.phase): p for p in tl.points}
    rows = []
    for y in tl.years:
        cells: dict[str, dict[str, Any]] = {}
        for ph in tl.phases:
            p = by[(y, ph)]
            cells[ph] = {"point": p, "url": point_url(p) if p.amount is not None else None}
        names = sorted({c["point"].name for c in cells.values() if c["point"].name})
        rows.append({"year": y, "roc": y - 1911, "cells": cells, "names": names})
    return rows


def _timeline_page(request: Request, *, agency: str | None = None,
                   function: str | None = None, links: Any, title: str,
                   **extra: Any) -> Response:
    engine = engine_of(request)
    try:
        tl = compare.timeline(engine, agency_code=agency, function=function)
    except q.BadParameter as exc:
        return render(request, "timeline.html", status_code=422, error=exc.message, tl=None,
                      title=title, heading=title, agency=agency, function=function, **extra)
    if not any(p.books for p in tl.points):
        what = f"機關 {agency}" if agency else f"政事別 {function}"
        return render(request, "timeline.html", status_code=404,
                      error=f"資料中沒有{what}的預算書（{YEAR_FROM}–{YEAR_TO}）。", tl=None,
                      title=title, heading=title, agency=agency, function=function, **extra)
    if agency and tl.names:
        heading = f"{tl.names[-1]['name']} 歷年預算"
    elif function and tl.function_name:
        heading = f"{tl.function_name} 歷年預算"
    else:
        heading = title
    point_url = links(tl)
    return render(request, "timeline.html", tl=tl, chart=_chart(tl, point_url),
                  rows=_table(tl, point_url), title=title, heading=heading, agency=agency,
                  function=function,
                  phases=[ph for ph in PHASE_ORDER if ph in tl.phases], **extra)


def _book_of(point: compare.TimelinePoint) -> str | None:
    return book_url(point.books[0]) if len(point.books) == 1 else None


def _year_changes(tl: compare.Timeline) -> Any:
    """A point's link for a sum over agencies: the biggest changes that made it (an enacted
    year against its proposal, else against the previous year of the same phase)."""
    present = {(p.year, p.phase) for p in tl.points if p.books}

    def url(p: compare.TimelinePoint) -> str | None:
        if p.phase == "enacted" and (p.year, "proposed") in present:
            return f"/changes?from={p.year}&to={p.year}&phase=proposed&to_phase=enacted"
        if (p.year - 1, p.phase) in present:
            return f"/changes?from={p.year - 1}&to={p.year}&phase={p.phase}"
        return None

    return url


@router.get("/agencies/{code}/timeline")
def agency_timeline(request: Request, code: str) -> Response:
    return _timeline_page(request, agency=code, links=lambda tl: _book_of,
                          title=f"機關 {code} 歷年預算",
                          scope="agency")


@router.get("/functions/{code}/timeline")
def function_timeline(request: Request, code: str) -> Response:
    return _timeline_page(request, function=code, links=_year_changes,
                          title=f"政事別 {code} 歷年預算", scope="function")


@router.get("/timeline")
def government_timeline(request: Request) -> Response:
    agency = request.query_params.get("agency", "").strip()
    function = request.query_params.get("function", "").strip()
    if agency or function:  # the form's shortcuts
        path = (f"/agencies/{quote(agency)}/timeline" if agency
                else f"/functions/{quote(function)}/timeline")
        return RedirectResponse(path, status_code=303)
    return _timeline_page(request, links=_year_changes, title="中央政府總預算歷年歲出",
                          scope="all")


# --- a book's 上年度 column ----------------------------------------------------------------

@router.get("/books/{book_id}/last-year")
def last_year_page(request: Request, book_id: str, against: str | None = None) -> Response:
    engine = engine_of(request)
    book = q.get_book(engine, book_id)
    against = (against or "").strip() or None
    try:
        check = compare.own_last_year(engine, book_id, against)
    except compare.ComparisonNotFound as exc:
        return render(request, "last_year.html", status_code=404, book=book, check=None,
                      against=against, error=exc.message)
    return render(request, "last_year.html", book=book, check=check, against=against,
                  error=None, STATUS_LABELS=LAST_YEAR_STATUS, LEVEL_KINDS=LEVEL_KINDS)


# --- the biggest changes ---------------------------------------------------------------------

def _int(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_int(raw)  # ASCII digits only (not ² or ٣)
    except ValueError:
        raise q.BadParameter(name, f"{name} 必須是西元年（例如 2022），收到 {raw!r}") from None


@router.get("/changes")
def changes_page(request: Request) -> Response:
    engine = engine_of(request)
    params = request.query_params
    phase = params.get("phase") or "proposed"
    to_phase = params.get("to_phase") or None
    level = params.get("level") or "work_plan"
    ctx: dict[str, Any] = {"phase": phase, "to_phase": to_phase, "level": level,
                           "changes": None, "error": None, "year_from": None, "year_to": None,
                           "years": list(compare.YEARS), "compare_url": compare_url}
    limit = 50
    try:
        year_from, year_to = _int(request, "from"), _int(request, "to")
        offset = _int(request, "offset") or 0
        ctx.update(year_from=year_from, year_to=year_to)
        if year_from is None or year_to is None:
            if year_from is not None or year_to is not None:
                ctx["error"] = "請選擇兩個年度（from 與 to）。"
            return render(request, "changes.html", status_code=422 if ctx["error"] else 200,
                          **ctx)
        result = compare.biggest_changes(engine, year_from, year_to, phase, phase_b=to_phase,
                                         level=level, limit=limit, offset=offset)
    except q.BadParameter as exc:
        ctx["error"] = exc.message
        return render(request, "changes.html", status_code=422, **ctx)
    except compare.ComparisonNotFound as exc:
        ctx["error"] = exc.message
        return render(request, "changes.html", status_code=404, **ctx)

    def page_url(off: int) -> str:
        query = dict(params)
        query["offset"] = str(off)
        return "/changes?" + urlencode(query)

    ctx.update(changes=result, offset=offset, limit=limit,
               next_url=page_url(offset + limit) if offset + limit < result.total else None,
               prev_url=page_url(max(0, offset - limit)) if offset else None,
               book_a=lambda ag: f"{ag}-{result.year_a}-{result.phase_a}",
               book_b=lambda ag: f"{ag}-{result.year_b}-{result.phase_b}")
    return render(request, "changes.html", **ctx)

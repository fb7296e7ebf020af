"""Reader of 派員出國計畫預算總表 (travel summary), 派員出國計畫預算類別表 (travel plans by
category; see travel_plans) and 歲出按職能及經濟性綜合分類表 (see functional).

The 總表 prints one row per standard 類別 and a 合計 row, each with six figures glued in the
order 本年度預算數, 本年度計畫項數, 本年度預計人天, 上年度計畫項數, 上年度核定人天, 上年度預算數
(the reverse of the order its header lines come out in). The category rows must add up to
合計, and 合計 to the plans of the 類別表: that decides glued runs such as `1,2343 123`.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.base import Loc
from ...model.travel import (
    TRAVEL_CATEGORIES,
    FunctionalEconomic,
    TravelCategories,
    TravelPlan,
    TravelSummary,
    TravelSummaryRow,
)
from ...text import Line
from .context import ReadContext
from .travel_common import Values, candidates, choose_by_total, nz, page_junk
from .travel_functional import read_functional, region_start
from .travel_plans import Options, decide, read_plans

SUMMARY = "travel_summary"
SUMMARY_FIELDS = ("amount", "plans", "person_days", "last_year_plans", "last_year_person_days",
                  "last_year_amount")
TOTAL_LABELS = ("合計", "總計")


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    junk = page_junk(ctx.doc)
    func_start = region_start(ctx, junk)
    out: dict[str, Any] = {}
    plans: list[TravelPlan]
    opts: list[Options]
    plans, opts = [], []
    if ctx.has("travel_categories"):
        # the functional table's header printed above its title is not a travel plan; the
        # sections can come in any order, so only that region is left out
        lead = (func_start, ctx.sections["functional"].start) if func_start is not None else None
        lines = [ln for ln in ctx.lines("travel_categories")
                 if lead is None or not lead[0] <= ln.no < lead[1]]
        plans, opts = read_plans(ctx, lines, junk)
    summary = None
    if ctx.has(SUMMARY):
        summary = read_summary(ctx, ctx.lines(SUMMARY), plans, opts)
        out[SUMMARY] = summary
    if plans or ctx.has("travel_categories"):
        total = summary.total if summary else None
        decide(ctx, plans, opts, total.amount if total else None,
               total.person_days if total else None)
        if summary:
            _categories(plans, summary)
        out["travel_categories"] = TravelCategories(plans=plans)
    if func_start is not None:
        sec = ctx.sections["functional"]
        lines = ctx.doc.nonblank(func_start, sec.start) + ctx.lines("functional")
        rows, total_row = read_functional(ctx, lines, junk)
        out["functional"] = FunctionalEconomic(rows=rows, total=total_row)
    return out


def _label(ln: Line) -> tuple[str, str] | None:
    """(類別 or 合計, the figure text) of a 總表 row; None for other lines."""
    key = ln.key
    for label in (*TRAVEL_CATEGORIES, *TOTAL_LABELS):
        if key.startswith(label) or key.endswith(label):
            spaced = r"\s*".join(label)
            figs = re.sub(spaced, " ", ln.text, count=1).strip()
            if figs and re.fullmatch(r"[\d,\-\s]+", figs):
                return label, figs
    return None


def read_summary(ctx: ReadContext, lines: list[Line], plans: list[TravelPlan],
                 opts: list[Options]) -> TravelSummary:
    rows: list[tuple[str, Line, list[Values]]] = []
    for ln in lines:
        hit = _label(ln)
        if hit:
            rows.append((hit[0], ln, candidates(hit[1], len(SUMMARY_FIELDS))))
    totals = [r for r in rows if r[0] in TOTAL_LABELS]
    details = [r for r in rows if r[0] not in TOTAL_LABELS]
    for label, ln, cands in rows:
        if not cands:
            ctx.report("unparsed", SUMMARY, ln.no, f"{label}: no reading as six figures")
    settled = all(len(o) == 1 for o in opts)

    def agrees(t: Values) -> bool:  # the 類別表's own figures, when they are all known
        if not settled or not plans:
            return True
        amount = sum(nz(p.amount) for p in plans)
        person_days = sum(nz(p.days) * nz(p.persons) for p in plans)
        return (nz(t[0]), nz(t[1]), nz(t[2])) == (amount, len(plans), person_days)

    total_cands = totals[0][2] if totals else []
    picked, total_v, _ = choose_by_total([d[2] for d in details if d[2]], total_cands, agrees)
    picked_iter = iter(picked)
    out = TravelSummary()
    for label, ln, cands in details:
        values = next(picked_iter) if cands else None
        if values is None and len(cands) > 1:
            ctx.report("ambiguous_number", SUMMARY, ln.no, f"{label}: figures not decided by "
                       "the 合計 row", [list(c) for c in cands])
        out.rows.append(_row(label, ln, values))
    if totals:
        label, ln, cands = totals[0]
        if total_v is None and len(cands) > 1:
            ctx.report("ambiguous_number", SUMMARY, ln.no, "合計: figures not decided by the "
                       "category rows nor the 類別表", [list(c) for c in cands])
        out.total = _row(label, ln, total_v)
        out.total.is_total = True
    return out


def _row(label: str, ln: Line, values: Values | None) -> TravelSummaryRow:
    row = TravelSummaryRow(loc=Loc(line=ln.no), table=SUMMARY, category=label)
    if values is not None:
        for f, v in zip(SUMMARY_FIELDS, values, strict=True):
            setattr(row, f, v)
    return row


def _categories(plans: list[TravelPlan], summary: TravelSummary) -> None:
    """A page may cover several 類別 (開會、談判); name the one when the 總表 shows that only it
    has plans, as many as the page group holds."""
    groups: dict[str, list[TravelPlan]] = {}
    for p in plans:
        if p.category_group:
            groups.setdefault(p.category_group, []).append(p)
    for group, members in groups.items():
        named = [r for r in summary.rows if r.category in group]
        active = [r for r in named if nz(r.plans) > 0]
        if len(active) == 1 and active[0].plans == len(members):
            for p in members:
                p.category = active[0].category

"""The biggest changes across the whole government between two years (or between the proposal
and the enacted budget of one year): per work plan or per agency, largest absolute change first,
over the agencies stored on both sides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from .. import units
from ..store import compare_queries as cq
from ..store.queries import BadParameter
from .books import match_plans
from .common import (
    LEVELS,
    ComparisonNotFound,
    NamedAB,
    check_phase,
    common_unit,
    diff,
    flag_warnings,
    in_unit,
    pct,
    plans_of,
    same_name,
    short_name,
    sum_present,
    with_row_names,
)


@dataclass
class ChangeRow(NamedAB):
    agency_code: str
    agency_name: str | None
    code: str  # the work plan's code, or the agency code for level=agency
    name_a: str | None
    name_b: str | None
    a: int | None
    b: int | None
    change: int | None
    change_pct: float | None
    status: str  # matched | renamed | added | removed


@dataclass
class Changes:
    year_a: int
    phase_a: str
    year_b: int
    phase_b: str
    level: str
    rows: list[ChangeRow]  # the page asked for, largest absolute change first
    total: int  # rows over all pages
    totals: dict[str, int | None]  # a, b, change over the agencies in both
    agencies_only_in_a: list[str]
    agencies_only_in_b: list[str]
    warnings: list[str] = field(default_factory=list)
    unit: str = ""  # the unit of every amount, e.g. "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        return with_row_names(self)


def biggest_changes(engine: Engine, year_a: int, year_b: int, phase: str = "proposed", *,
                    phase_b: str | None = None, level: str = "work_plan", limit: int = 50,
                    offset: int = 0) -> Changes:
    """The largest changes (absolute, in thousands) from `year_a` to `year_b` across every
    agency stored for both: per work plan (added and removed ones count their whole amount) or
    per agency. `phase` applies to both years unless `phase_b` is given, so
    `biggest_changes(e, 2019, 2019, "proposed", phase_b="enacted")` is the legislature's
    largest cuts and additions. Agencies with a book in only one of the years are left out and
    listed (a missing book is not a cut to zero)."""
    phase_b = phase_b or phase
    check_phase(phase, "phase")
    check_phase(phase_b, "phase_b")
    if level not in LEVELS:
        raise BadParameter("level", f"level must be one of {', '.join(LEVELS)}, got {level!r}")
    if limit < 1:
        raise BadParameter("limit", "limit must be 1 or more")
    if offset < 0:
        raise BadParameter("offset", "offset must be 0 or more")
    if (year_a, phase) == (year_b, phase_b):
        raise BadParameter("year_b", "the two sides are the same year and phase")
    side_a = {b["agency_code"]: b for b in cq.find_books(engine, years=[year_a], phases=[phase])}
    side_b = {b["agency_code"]: b for b in cq.find_books(engine, years=[year_b],
                                                          phases=[phase_b])}
    if not side_a:
        raise ComparisonNotFound("year_a", f"no {phase} books for {year_a}")
    if not side_b:
        raise ComparisonNotFound("year_b", f"no {phase_b} books for {year_b}")
    common = sorted(set(side_a) & set(side_b))
    to = common_unit([side_a[c] for c in common] + [side_b[c] for c in common])
    side_a = {c: in_unit(b, to) for c, b in side_a.items()}
    side_b = {c: in_unit(b, to) for c, b in side_b.items()}
    plans = plans_of(engine, [side_a[c]["id"] for c in common] + [side_b[c]["id"] for c in common],
                     to)
    rows: list[ChangeRow] = []
    for ag in common:
        ba, bb = side_a[ag], side_b[ag]
        pa, pb = plans[ba["id"]], plans[bb["id"]]
        name = bb.get("agency_name") or ba.get("agency_name")
        if level == "agency":
            ta, tb = sum_present(p.amount for p in pa.values()), sum_present(p.amount for p in pb.values())
            ta = ba.get("expenditure_total") if ta is None else ta
            tb = bb.get("expenditure_total") if tb is None else tb
            ch = diff(ta, tb)
            status = "matched" if same_name(short_name(ba), short_name(bb)) else "renamed"
            rows.append(ChangeRow(ag, name, ag, ba.get("agency_name"), bb.get("agency_name"),
                                  ta, tb, ch, pct(ta, ch), status))
            continue
        for r in match_plans(pa, pb):
            rows.append(ChangeRow(ag, name, r.code, r.name_a, r.name_b, r.a, r.b, r.change,
                                  r.change_pct, r.status))
    totals_a = sum_present(r.a for r in rows)
    totals_b = sum_present(r.b for r in rows)
    ranked = sorted((r for r in rows if r.change is not None),
                    key=lambda r: (-abs(r.change or 0), r.agency_code, r.code))
    only_a = sorted(set(side_a) - set(side_b))
    only_b = sorted(set(side_b) - set(side_a))
    warnings = flag_warnings([side_a[c] for c in common] + [side_b[c] for c in common])
    for codes, year, ph, other_year, other_ph in ((only_a, year_a, phase, year_b, phase_b),
                                                  (only_b, year_b, phase_b, year_a, phase)):
        if codes:
            shown = ", ".join(codes[:10]) + (", …" if len(codes) > 10 else "")
            warnings.append(f"{len(codes)} agencies have a {year} {ph} book but no {other_year} "
                            f"{other_ph} book and are left out: {shown}")
    blank = len(rows) - len(ranked)
    if blank:
        warnings.append(f"{blank} rows without a figure on one side are left out of the ranking")
    return Changes(year_a, phase, year_b, phase_b, level, ranked[offset:offset + limit],
                   len(ranked), {"a": totals_a, "b": totals_b,
                                 "change": diff(totals_a, totals_b)},
                   only_a, only_b, warnings, units.describe(to))

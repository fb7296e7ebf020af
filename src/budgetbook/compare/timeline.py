"""Totals per (year, phase) over the years, for a chart: of one agency (followed by its code
through renames), of one 政事別, of both, or of every book; a year without data is None, and a
year with far fewer agencies than the others is marked partial."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

from .. import units
from ..store import compare_queries as cq
from ..store.queries import BadParameter
from .common import (
    PHASES,
    YEARS,
    check_phase,
    common_unit,
    flag_warnings,
    in_unit,
    short_name,
    sum_present,
)


@dataclass
class TimelinePoint:
    year: int
    phase: str
    amount: int | None  # None: not in the data (never 0 for a missing year)
    books: list[str]  # the books summed
    name: str | None  # the agency's name that year (for an agency time line)
    flags: list[str] = field(default_factory=list)  # of the books summed
    partial: bool = False  # far fewer agencies than in other years of the phase


@dataclass
class Timeline:
    agency_code: str | None
    function: str | None
    function_name: str | None
    years: list[int]
    phases: list[str]
    points: list[TimelinePoint]  # one per (year, phase), year first
    names: list[dict[str, Any]]  # the agency's names with the years they were used
    warnings: list[str] = field(default_factory=list)
    unit: str = ""  # the unit of every amount, e.g. "thousand TWD (千元)"

    def series(self) -> dict[str, list[int | None]]:
        """Per phase, the amounts in the order of `years` (None where missing), for a chart."""
        by = {(p.year, p.phase): p.amount for p in self.points}
        return {ph: [by.get((y, ph)) for y in self.years] for ph in self.phases}

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "series": self.series()}


def _name_spans(named: list[tuple[int, str | None]]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for year, name in sorted(named):
        if name is None:
            continue
        if spans and spans[-1]["name"] == name:
            spans[-1]["to"] = year
        else:
            spans.append({"name": name, "from": year, "to": year})
    return spans


def timeline(engine: Engine, agency_code: str | None = None, function: str | None = None,
             years: Iterable[int] = YEARS, phases: Iterable[str] = PHASES) -> Timeline:
    """Totals per (year, phase): of one agency (followed by its code through renames), of one
    政事別 (two digits, from the work plans' codes), of both, or of every book. A (year, phase)
    with no matching data is None, not zero."""
    if agency_code is not None and not (len(agency_code) == 4 and agency_code.isdigit()):
        raise BadParameter("agency", f"agency must be a 4-digit agency code, got {agency_code!r}")
    if function is not None and not (len(function) == 2 and function.isdigit()):
        raise BadParameter("function", f"function must be a 2-digit 政事別 code, got "
                                       f"{function!r}")
    years = sorted(set(years))
    phases = list(phases)
    for ph in phases:
        check_phase(ph, "phase")
    found = cq.find_books(engine, agency_code=agency_code, years=years, phases=phases)
    to = common_unit(found)
    found = [in_unit(b, to) for b in found]
    sums = {k: cq.in_unit([s], to)[0] for k, s in cq.work_plan_sums(
        engine, function=function, agency_code=agency_code, years=years, phases=phases).items()}

    def amount_of(b: dict[str, Any]) -> int | None:
        s = sums.get(b["id"])
        if function is not None:
            return s["amount"] if s else None
        return s["amount"] if s and s["amount"] is not None else b.get("expenditure_total")

    cells: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for b in found:
        if amount_of(b) is not None:
            cells.setdefault((b["fiscal_year"], b["phase"]), []).append(b)
    points = []
    for y in years:
        for ph in phases:
            bs = cells.get((y, ph), [])
            flags = [f"{b['id']}: {f}" for b in bs for f in cq.flags_of(b)]
            points.append(TimelinePoint(
                y, ph, sum_present(amount_of(b) for b in bs) if bs else None,
                [b["id"] for b in bs],
                bs[0].get("agency_name") if bs and agency_code else None, flags))
    warnings = flag_warnings(b for bs in cells.values() for b in bs)
    if agency_code is None:  # a sum over agencies: a year with far fewer of them is partial
        for ph in phases:
            present = [p for p in points if p.phase == ph and p.books]
            if len(present) < 2:
                continue
            typical = statistics.median(len(p.books) for p in present)
            for p in present:
                if len(p.books) < 0.75 * typical:
                    p.partial = True
                    warnings.append(f"{p.year} {ph}: {len(p.books)} agencies' books where the "
                                    f"other years have about {typical:g}; the total is partial")
    if not found:
        what = " ".join(filter(None, [agency_code and f"agency {agency_code}",
                                      function and f"政事別 {function}"])) or "any agency"
        warnings.append(f"no books of {what} in {years[0]}–{years[-1]}" if years else
                        "no years asked for")
    function_name = None
    if function is not None:
        fnames = cq.function_names(engine, function)
        function_name = fnames[max(fnames)] if fnames else None
    names = _name_spans([(b["fiscal_year"], short_name(b)) for b in found]
                        ) if agency_code else []
    return Timeline(agency_code, function, function_name, years, phases, points, names,
                    warnings, units.describe(to))

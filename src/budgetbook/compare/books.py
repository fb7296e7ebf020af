"""Two books compared work plan by work plan, matched by code: year over year for an agency, or
proposed against enacted for one year (the legislature's cut or addition)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from .. import units
from ..store import compare_queries as cq
from .common import (
    NamedAB,
    _Plan,
    book_label,
    book_or_404,
    common_unit,
    count_statuses,
    diff,
    flag_warnings,
    in_unit,
    pct,
    plans_of,
    same_name,
    sum_present,
    with_row_names,
)


@dataclass
class ComparisonRow(NamedAB):
    code: str
    name_a: str | None
    name_b: str | None
    a: int | None
    b: int | None
    change: int | None  # b - a; for an added (removed) work plan, b (-a)
    change_pct: float | None  # change as a percentage of a
    status: str  # matched | added | removed | renamed
    note: str | None = None  # e.g. "same name as removed 5926751000"


@dataclass
class FunctionTotal:
    function: str  # 政事別, first two digits of the code
    name: str | None
    a: int | None
    b: int | None
    change: int | None


@dataclass
class Comparison:
    a: dict[str, Any]  # the books compared (id, agency, year, phase, flags)
    b: dict[str, Any]
    kind: str  # year_over_year | proposed_vs_enacted | books
    rows: list[ComparisonRow]
    totals: dict[str, int | None]  # a, b, change: sums of the work plans
    by_function: list[FunctionTotal]
    counts: dict[str, int]  # rows per status
    warnings: list[str] = field(default_factory=list)
    unit: str = ""  # the unit of every amount, e.g. "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        return with_row_names(self)


def _kind(a: dict[str, Any], b: dict[str, Any]) -> str:
    if a["agency_code"] == b["agency_code"]:
        if a["fiscal_year"] == b["fiscal_year"] and a["phase"] != b["phase"]:
            return "proposed_vs_enacted"
        if a["fiscal_year"] != b["fiscal_year"]:
            return "year_over_year"
    return "books"


def match_plans(pa: dict[str, _Plan], pb: dict[str, _Plan]) -> list[ComparisonRow]:
    """Work plans matched by code: matched (same name), renamed (same code, another name),
    removed (only in a), added (only in b), ordered by code."""
    rows = []
    for code in sorted(set(pa) | set(pb)):
        x, y = pa.get(code), pb.get(code)
        if x and y:
            change = diff(x.amount, y.amount)
            status = "matched" if same_name(x.name, y.name) else "renamed"
            rows.append(ComparisonRow(code, x.name, y.name, x.amount, y.amount, change,
                                      pct(x.amount, change), status))
        elif x:
            change = None if x.amount is None else -x.amount
            rows.append(ComparisonRow(code, x.name, None, x.amount, None, change, None,
                                      "removed"))
        else:
            assert y is not None
            rows.append(ComparisonRow(code, None, y.name, None, y.amount, y.amount, None,
                                      "added"))
    # a work plan that changed code keeps its name: point from one side to the other
    removed = {r.name_a: r.code for r in rows if r.status == "removed"}
    added = {r.name_b: r.code for r in rows if r.status == "added"}
    for r in rows:
        if r.status == "added" and r.name_b in removed:
            r.note = f"same name as removed {removed[r.name_b]}"
        elif r.status == "removed" and r.name_a in added:
            r.note = f"same name as added {added[r.name_a]}"
    return rows


def _function_names(engine: Engine, book_ids: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for r in cq.ledger_rows(engine, book_ids, kinds=("function",)):
        names.setdefault(r["code"][:2], r["name"])
    return names


def _warnings(book_a: dict[str, Any], book_b: dict[str, Any], kind: str,
              plans: dict[str, dict[str, _Plan]], totals: tuple[int | None, int | None]
              ) -> list[str]:
    warnings = flag_warnings([book_a, book_b])
    if book_a["id"] == book_b["id"]:
        warnings.append(f"a and b are the same book ({book_a['id']})")
    if book_a["agency_code"] != book_b["agency_code"]:
        warnings.append(f"different agencies: {book_a['agency_code']} "
                        f"{book_a.get('agency_name') or ''} and {book_b['agency_code']} "
                        f"{book_b.get('agency_name') or ''}; work plans match only by code")
    if kind == "proposed_vs_enacted" and book_a["phase"] == "enacted":
        warnings.append("a is the enacted book and b the proposal: change is proposal − "
                        "enacted, the opposite of the legislature's cut")
    for book, total in zip((book_a, book_b), totals, strict=True):
        if not plans[book["id"]]:
            warnings.append(f"book {book['id']} has no work plans")
        printed = book.get("expenditure_total")
        if printed is not None and total is not None and printed != total:
            warnings.append(f"book {book['id']}: its work plans sum to {total:,} but its "
                            f"歲出 total is {printed:,}")
    return warnings


def compare_books(engine: Engine, a: str, b: str) -> Comparison:
    """Book `a` against book `b`, work plan by work plan (matched by code): year over year for an
    agency, or proposed against enacted for one year (the legislature's cut or addition).
    `change` is b − a."""
    book_a = book_or_404(engine, a, "a")
    book_b = book_or_404(engine, b, "b")
    to = common_unit([book_a, book_b])
    book_a, book_b = in_unit(book_a, to), in_unit(book_b, to)
    plans = plans_of(engine, [a, b], to)
    rows = match_plans(plans[a], plans[b])
    totals_a = sum_present(p.amount for p in plans[a].values())
    totals_b = sum_present(p.amount for p in plans[b].values())
    names = _function_names(engine, [b, a])
    by_function = []
    for fn in sorted({r.code[:2] for r in rows}):
        fa = sum_present(r.a for r in rows if r.code[:2] == fn)
        fb = sum_present(r.b for r in rows if r.code[:2] == fn)
        by_function.append(FunctionTotal(fn, names.get(fn), fa, fb, diff(fa, fb)))
    counts = count_statuses(rows, ("matched", "renamed", "added", "removed"))
    kind = _kind(book_a, book_b)
    warnings = _warnings(book_a, book_b, kind, plans, (totals_a, totals_b))
    return Comparison(book_label(book_a), book_label(book_b), kind, rows,
                      {"a": totals_a, "b": totals_b, "change": diff(totals_a, totals_b)},
                      by_function, counts, warnings, units.describe(to))

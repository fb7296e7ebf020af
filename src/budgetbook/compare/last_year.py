"""A book's own 上年度 (last year) column against the previous year's book of the same agency:
agency total, 政事別 and work plans, each equal, different or missing on one side."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

from .. import units
from ..store import compare_queries as cq
from .common import (
    ComparisonNotFound,
    _Plan,
    book_label,
    book_or_404,
    common_unit,
    count_statuses,
    diff,
    flag_warnings,
    in_unit,
    plans_of,
    sum_present,
)


@dataclass
class LastYearRow:
    kind: str  # agency | function | work_plan
    code: str
    name: str
    stated: int | None  # the book's own 上年度 figure
    other: int | None  # the previous year's book
    difference: int | None  # stated − other
    status: str  # equal | different | missing_in_other | no_figure
    source_line: int | None  # of the stated figure in the book


@dataclass
class LastYearCheck:
    book: dict[str, Any]
    other: dict[str, Any]
    rows: list[LastYearRow]
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)
    unit: str = ""  # the unit of every amount, e.g. "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sum_missing(out: dict[tuple[str, str], dict[str, Any]], key: tuple[str, str], code: str,
                 plans: list[_Plan]) -> None:
    """The row `key` of `out` (added blank if absent), its missing figures summed from `plans`."""
    row = out.setdefault(key, {"code": code, "name": None, "amount": None,
                               "last_year_amount": None, "source_line": None})
    if row["amount"] is None:
        row["amount"] = sum_present(p.amount for p in plans)
    if row["last_year_amount"] is None:
        row["last_year_amount"] = sum_present(p.last_year_amount for p in plans)


def _ledger(engine: Engine, book_id: str, plans: dict[str, _Plan], to: str
            ) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, key) → {code, name, amount, last_year_amount, source_line} for the agency (key
    ""), its 政事別 (key: two digits) and its work plans (key: code). Rows the 歲出機關別預算表
    does not give are summed from the work plans."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in cq.in_unit(cq.ledger_rows(engine, [book_id]), to):
        key = {"agency": "", "function": r["code"][:2]}.get(r["kind"], r["code"])
        out.setdefault((r["kind"], key), dict(r))
    for code, p in plans.items():
        out.setdefault(("work_plan", code), {
            "code": code, "name": p.name, "amount": p.amount,
            "last_year_amount": p.last_year_amount, "source_line": p.source_line})
        # ledger work_plan rows and r_work_plans agree; r_work_plans sums the 節 of a code
        out[("work_plan", code)]["amount"] = p.amount
        if p.last_year_amount is not None:
            out[("work_plan", code)]["last_year_amount"] = p.last_year_amount
    for fn in sorted({c[:2] for c in plans}):
        _sum_missing(out, ("function", fn), fn, [p for c, p in plans.items() if c[:2] == fn])
    _sum_missing(out, ("agency", ""), "", list(plans.values()))
    return out


def own_last_year(engine: Engine, book_id: str, against: str | None = None) -> LastYearCheck:
    """The book's own 上年度 figures (agency, 政事別, work plans) against the previous year's
    book of the same agency: `against`, or else the enacted book of the previous year, or else
    its proposal (the 上年度 column is the previous year's enacted budget, so against a
    proposal the differences include the legislature's changes)."""
    book = book_or_404(engine, book_id, "book_id")
    other: dict[str, Any] | None
    if against is not None:
        other = book_or_404(engine, against, "against")
    else:
        year = book["fiscal_year"] - 1
        found = {b["phase"]: b for b in cq.find_books(
            engine, agency_code=book["agency_code"], years=[year])}
        other = found.get("enacted") or found.get("proposed")
        if other is None:
            raise ComparisonNotFound(
                "against", f"no {year} book of agency {book['agency_code']} (proposed or "
                           f"enacted) to compare {book_id}'s 上年度 column with")
    to = common_unit([book, other])
    book, other = in_unit(book, to), in_unit(other, to)
    plans = plans_of(engine, [book_id, other["id"]], to)
    mine = _ledger(engine, book_id, plans[book_id], to)
    theirs = _ledger(engine, other["id"], plans[other["id"]], to)
    rows = []
    order = {"agency": 0, "function": 1, "work_plan": 2}
    for kind, key in sorted(mine, key=lambda k: (order.get(k[0], 3), k[1])):
        if kind not in order:
            continue
        m = mine[(kind, key)]
        o = theirs.get((kind, key))
        stated, other_amount = m["last_year_amount"], (o or {}).get("amount")
        if stated is None:
            status = "no_figure"
        elif o is None or other_amount is None:
            status = "missing_in_other"
        else:
            status = "equal" if stated == other_amount else "different"
        name = m["name"] or (o or {}).get("name") or (
            book.get("agency_name") if kind == "agency" else None) or key
        rows.append(LastYearRow(kind, m["code"] or key, name, stated, other_amount,
                                diff(other_amount, stated), status, m["source_line"]))
    # what the previous year's book has and this book's 上年度 column does not mention
    for (kind, key), o in sorted(theirs.items(), key=lambda kv: (order.get(kv[0][0], 3),
                                                                 kv[0][1])):
        if kind in order and (kind, key) not in mine:
            rows.append(LastYearRow(kind, o["code"] or key, o["name"] or key, None,
                                    o["amount"], None, "missing_in_book", None))
    counts = count_statuses(rows, ("equal", "different", "missing_in_other",
                                   "missing_in_book", "no_figure"))
    warnings = flag_warnings([book, other])
    if other["fiscal_year"] != book["fiscal_year"] - 1:
        warnings.append(f"{other['id']} is for {other['fiscal_year']}, not the year before "
                        f"{book['fiscal_year']}")
    if other["agency_code"] != book["agency_code"]:
        warnings.append(f"{other['id']} is another agency's book")
    if other["phase"] == "proposed":
        warnings.append(f"compared with the {other['fiscal_year']} proposal ({other['id']}); "
                        "the 上年度 column is the enacted budget, so differences include the "
                        "legislature's changes")
    if all(r.stated is None for r in rows):
        warnings.append(f"{book_id} has no 上年度 figures")
    return LastYearCheck(book_label(book), book_label(other), rows, counts, warnings,
                         units.describe(to))

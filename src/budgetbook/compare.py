"""Comparisons between stored books: two books work plan by work plan (year over year, or
proposed against enacted), a book's own 上年度 column against the previous year's book, a time
line per agency or 政事別, and the biggest changes across the whole government.

Every figure of a comparison is computed here; the CLI (`cli_compare`) and the API
(`api/routes_compare`) only present it. Amounts are integers in thousands of NTD (千元).

Conventions:

- A work plan is identified by its 10-digit 科目 code (2 digits 政事別, 4 digits agency, 2 digits
  業務計畫, 2 digits 工作計畫). Rows of one book that share a code (the 節 of a split work plan)
  are summed.
- A missing figure is `None`, never 0: a year without the agency's book is missing, not zero.
- A comparison that uses a flagged book (`books.flags` non-empty, e.g. an incomplete source
  file) says so in `warnings`.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine

from .store import compare_queries as cq
from .store.queries import BadParameter, NotFound

PHASES = ("proposed", "enacted")
YEARS = range(2006, 2026)
LEVELS = ("work_plan", "agency")
_MAX_FLAG_LINES = 5  # flagged books named one by one; more are summarised in one line


class ComparisonNotFound(NotFound):
    """A book or year a comparison needs is not stored; `param` names what to change."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


# --- helpers ------------------------------------------------------------------------------------

def _sum(values: Iterable[int | None]) -> int | None:
    """The sum of the figures that are there; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _diff(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else b - a


def _pct(a: int | None, change: int | None) -> float | None:
    return None if not a or change is None else round(change * 100 / a, 2)


def _same_name(a: str | None, b: str | None) -> bool:
    return "".join((a or "").split()) == "".join((b or "").split())


def short_name(book: dict[str, Any]) -> str | None:
    """The agency's name without its ministry's in front (經濟部中小企業處 → 中小企業處), as the
    CSV data names agencies, so that the two sources do not look like a rename."""
    name, parent = book.get("agency_name"), book.get("parent_name") or ""
    ministry = parent.removesuffix("主管")
    if name and ministry and name.startswith(ministry) and len(name) > len(ministry):
        return name[len(ministry):]
    return name


def _book_label(b: dict[str, Any]) -> dict[str, Any]:
    return {"id": b["id"], "agency_code": b["agency_code"], "agency_name": b.get("agency_name"),
            "parent_name": b.get("parent_name"), "fiscal_year": b["fiscal_year"],
            "roc_year": b.get("roc_year"), "phase": b["phase"],
            "expenditure_total": b.get("expenditure_total"), "flags": cq.flags_of(b)}


def flag_warnings(books: Iterable[dict[str, Any]]) -> list[str]:
    """One line per flagged book (its flags quoted), at most a few, then a summary line."""
    flagged = [b for b in books if cq.flags_of(b)]
    out = [f"book {b['id']} is flagged: {'; '.join(cq.flags_of(b))}"
           for b in flagged[:_MAX_FLAG_LINES]]
    if len(flagged) > _MAX_FLAG_LINES:
        rest = flagged[_MAX_FLAG_LINES:]
        names = ", ".join(b["id"] for b in rest[:10]) + (", …" if len(rest) > 10 else "")
        out.append(f"{len(rest)} more flagged books: {names}")
    return out


@dataclass
class _Plan:
    code: str
    name: str
    amount: int | None
    last_year_amount: int | None
    source_line: int | None
    rows: int


def _plans(engine: Engine, book_ids: list[str]) -> dict[str, dict[str, _Plan]]:
    """Work plans of each book by code, the rows of one code summed; a book with no
    r_work_plans rows falls back on its 歲出機關別預算表 work_plan rows."""
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {b: {} for b in book_ids}
    for r in cq.work_plan_rows(engine, book_ids):
        grouped[r["book_id"]].setdefault(r["code"], []).append(r)
    empty = [b for b, g in grouped.items() if not g]
    for r in cq.ledger_rows(engine, empty, kinds=("work_plan",)):
        grouped[r["book_id"]].setdefault(r["code"], []).append(r)
    out: dict[str, dict[str, _Plan]] = {}
    for book_id, by_code in grouped.items():
        out[book_id] = {code: _Plan(code, rows[0]["name"], _sum(r["amount"] for r in rows),
                                    _sum(r["last_year_amount"] for r in rows),
                                    rows[0]["source_line"], len(rows))
                        for code, rows in by_code.items()}
    return out


def _book_or_404(engine: Engine, book_id: str, param: str) -> dict[str, Any]:
    found = cq.books_by_id(engine, [book_id])
    if book_id not in found:
        raise ComparisonNotFound(param, f"no book {book_id!r} in the database (budgetbook books, or GET /api/books, lists them)")
    return found[book_id]


def _check_phase(phase: str, param: str) -> None:
    if phase not in PHASES:
        raise BadParameter(param, f"{param} must be proposed or enacted, got {phase!r}")


# --- two books ----------------------------------------------------------------------------------

@dataclass
class ComparisonRow:
    code: str
    name_a: str | None
    name_b: str | None
    a: int | None
    b: int | None
    change: int | None  # b - a; for an added (removed) work plan, b (-a)
    change_pct: float | None  # change as a percentage of a
    status: str  # matched | added | removed | renamed
    note: str | None = None  # e.g. "same name as removed 5926751000"

    @property
    def name(self) -> str:
        return self.name_b or self.name_a or ""


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
    unit: str = "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for r, row in zip(d["rows"], self.rows, strict=True):
            r["name"] = row.name
        return d


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
            change = _diff(x.amount, y.amount)
            status = "matched" if _same_name(x.name, y.name) else "renamed"
            rows.append(ComparisonRow(code, x.name, y.name, x.amount, y.amount, change,
                                      _pct(x.amount, change), status))
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


def compare_books(engine: Engine, a: str, b: str) -> Comparison:
    """Book `a` against book `b`, work plan by work plan (matched by code): year over year for an
    agency, or proposed against enacted for one year (the legislature's cut or addition).
    `change` is b − a."""
    book_a = _book_or_404(engine, a, "a")
    book_b = _book_or_404(engine, b, "b")
    plans = _plans(engine, [a, b])
    rows = match_plans(plans[a], plans[b])
    totals_a = _sum(p.amount for p in plans[a].values())
    totals_b = _sum(p.amount for p in plans[b].values())
    names = _function_names(engine, [b, a])
    by_function = []
    for fn in sorted({r.code[:2] for r in rows}):
        fa = _sum(r.a for r in rows if r.code[:2] == fn)
        fb = _sum(r.b for r in rows if r.code[:2] == fn)
        by_function.append(FunctionTotal(fn, names.get(fn), fa, fb, _diff(fa, fb)))
    counts = {s: sum(1 for r in rows if r.status == s)
              for s in ("matched", "renamed", "added", "removed")}
    kind = _kind(book_a, book_b)
    warnings = flag_warnings([book_a, book_b])
    if a == b:
        warnings.append(f"a and b are the same book ({a})")
    if book_a["agency_code"] != book_b["agency_code"]:
        warnings.append(f"different agencies: {book_a['agency_code']} "
                        f"{book_a.get('agency_name') or ''} and {book_b['agency_code']} "
                        f"{book_b.get('agency_name') or ''}; work plans match only by code")
    if kind == "proposed_vs_enacted" and book_a["phase"] == "enacted":
        warnings.append("a is the enacted book and b the proposal: change is proposal − "
                        "enacted, the opposite of the legislature's cut")
    for book, total in ((book_a, totals_a), (book_b, totals_b)):
        if not plans[book["id"]]:
            warnings.append(f"book {book['id']} has no work plans")
        printed = book.get("expenditure_total")
        if printed is not None and total is not None and printed != total:
            warnings.append(f"book {book['id']}: its work plans sum to {total:,} but its "
                            f"歲出 total is {printed:,}")
    return Comparison(_book_label(book_a), _book_label(book_b), kind, rows,
                      {"a": totals_a, "b": totals_b, "change": _diff(totals_a, totals_b)},
                      by_function, counts, warnings)


# --- a book's 上年度 column against the previous year's book -------------------------------------

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
    unit: str = "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ledger(engine: Engine, book_id: str, plans: dict[str, _Plan]
            ) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, key) → {code, name, amount, last_year_amount, source_line} for the agency (key
    ""), its 政事別 (key: two digits) and its work plans (key: code). Rows the 歲出機關別預算表
    does not give are summed from the work plans."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in cq.ledger_rows(engine, [book_id]):
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
    fns = sorted({c[:2] for c in plans})
    for fn in fns:
        row = out.setdefault(("function", fn), {"code": fn, "name": None, "amount": None,
                                                "last_year_amount": None,
                                                "source_line": None})
        in_fn = [p for c, p in plans.items() if c[:2] == fn]
        if row["amount"] is None:
            row["amount"] = _sum(p.amount for p in in_fn)
        if row["last_year_amount"] is None:
            row["last_year_amount"] = _sum(p.last_year_amount for p in in_fn)
    agency = out.setdefault(("agency", ""), {"code": "", "name": None, "amount": None,
                                             "last_year_amount": None, "source_line": None})
    if agency["amount"] is None:
        agency["amount"] = _sum(p.amount for p in plans.values())
    if agency["last_year_amount"] is None:
        agency["last_year_amount"] = _sum(p.last_year_amount for p in plans.values())
    return out


def own_last_year(engine: Engine, book_id: str, against: str | None = None) -> LastYearCheck:
    """The book's own 上年度 figures (agency, 政事別, work plans) against the previous year's
    book of the same agency: `against`, or else the enacted book of the previous year, or else
    its proposal (the 上年度 column is the previous year's enacted budget, so against a
    proposal the differences include the legislature's changes)."""
    book = _book_or_404(engine, book_id, "book_id")
    if against is not None:
        other = _book_or_404(engine, against, "against")
    else:
        year = book["fiscal_year"] - 1
        found = {b["phase"]: b for b in cq.find_books(
            engine, agency_code=book["agency_code"], years=[year])}
        other = found.get("enacted") or found.get("proposed")
        if other is None:
            raise ComparisonNotFound(
                "against", f"no {year} book of agency {book['agency_code']} (proposed or "
                           f"enacted) to compare {book_id}'s 上年度 column with")
    plans = _plans(engine, [book_id, other["id"]])
    mine = _ledger(engine, book_id, plans[book_id])
    theirs = _ledger(engine, other["id"], plans[other["id"]])
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
                                _diff(other_amount, stated), status, m["source_line"]))
    # what the previous year's book has and this book's 上年度 column does not mention
    for (kind, key), o in sorted(theirs.items(), key=lambda kv: (order.get(kv[0][0], 3),
                                                                 kv[0][1])):
        if kind in order and (kind, key) not in mine:
            rows.append(LastYearRow(kind, o["code"] or key, o["name"] or key, None,
                                    o["amount"], None, "missing_in_book", None))
    counts = {s: sum(1 for r in rows if r.status == s)
              for s in ("equal", "different", "missing_in_other", "missing_in_book",
                        "no_figure")}
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
    return LastYearCheck(_book_label(book), _book_label(other), rows, counts, warnings)


# --- time line ----------------------------------------------------------------------------------

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
    unit: str = "thousand TWD (千元)"

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
        _check_phase(ph, "phase")
    found = cq.find_books(engine, agency_code=agency_code, years=years, phases=phases)
    sums = cq.work_plan_sums(engine, [b["id"] for b in found], function=function)

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
                y, ph, _sum(amount_of(b) for b in bs) if bs else None,
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
        names = cq.function_names(engine, function)
        function_name = names[max(names)] if names else None
    names = _name_spans([(b["fiscal_year"], short_name(b)) for b in found]
                        ) if agency_code else []
    return Timeline(agency_code, function, function_name, years, phases, points, names,
                    warnings)


# --- the whole government between two years ----------------------------------------------------

@dataclass
class ChangeRow:
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

    @property
    def name(self) -> str:
        return self.name_b or self.name_a or ""


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
    unit: str = "thousand TWD (千元)"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for r, row in zip(d["rows"], self.rows, strict=True):
            r["name"] = row.name
        return d


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
    _check_phase(phase, "phase")
    _check_phase(phase_b, "phase_b")
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
    plans = _plans(engine, [side_a[c]["id"] for c in common] + [side_b[c]["id"] for c in common])
    rows: list[ChangeRow] = []
    for ag in common:
        ba, bb = side_a[ag], side_b[ag]
        pa, pb = plans[ba["id"]], plans[bb["id"]]
        name = bb.get("agency_name") or ba.get("agency_name")
        if level == "agency":
            ta, tb = _sum(p.amount for p in pa.values()), _sum(p.amount for p in pb.values())
            ta = ba.get("expenditure_total") if ta is None else ta
            tb = bb.get("expenditure_total") if tb is None else tb
            ch = _diff(ta, tb)
            status = "matched" if _same_name(short_name(ba), short_name(bb)) else "renamed"
            rows.append(ChangeRow(ag, name, ag, ba.get("agency_name"), bb.get("agency_name"),
                                  ta, tb, ch, _pct(ta, ch), status))
            continue
        for r in match_plans(pa, pb):
            rows.append(ChangeRow(ag, name, r.code, r.name_a, r.name_b, r.a, r.b, r.change,
                                  r.change_pct, r.status))
    totals_a = _sum(r.a for r in rows)
    totals_b = _sum(r.b for r in rows)
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
                                 "change": _diff(totals_a, totals_b)},
                   only_a, only_b, warnings)

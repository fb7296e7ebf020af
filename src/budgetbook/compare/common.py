"""What every comparison shares: the phases, years and levels compared, the error for a missing
book or year, the arithmetic of figures that may be missing (None, never 0), a book's label and
warnings, and the work plans of each book by code (the rows of one code summed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine

from .. import units
from ..store import compare_queries as cq
from ..store.queries import BadParameter, NotFound

PHASES = ("proposed", "enacted")
YEARS = range(2006, 2026)
LEVELS = ("work_plan", "agency")
_MAX_FLAG_LINES = 5  # flagged books named one by one; more are summarised in one line


class ComparisonNotFound(NotFound):
    """A book or year a comparison needs is not stored; `param` names what to change."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


# --- figures that may be missing ----------------------------------------------------------------

def sum_present(values: Iterable[int | None]) -> int | None:
    """The sum of the figures that are there; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def diff(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else b - a


def pct(a: int | None, change: int | None) -> float | None:
    return None if not a or change is None else round(change * 100 / a, 2)


def count_statuses(rows: Iterable[Any], statuses: Iterable[str]) -> dict[str, int]:
    """How many rows have each status, in the order of `statuses`."""
    rows = list(rows)
    return {s: sum(1 for r in rows if r.status == s) for s in statuses}


# --- names --------------------------------------------------------------------------------------

def same_name(a: str | None, b: str | None) -> bool:
    return "".join((a or "").split()) == "".join((b or "").split())


def short_name(book: dict[str, Any]) -> str | None:
    """The agency's name without its ministry's in front (經濟部中小企業處 → 中小企業處), as the
    CSV data names agencies, so that the two sources do not look like a rename."""
    name: str | None = book.get("agency_name")
    parent = book.get("parent_name") or ""
    ministry = parent.removesuffix("主管")
    if name and ministry and name.startswith(ministry) and len(name) > len(ministry):
        return name[len(ministry):]
    return name


class NamedAB:
    """A row with a name on each side (`name_a`, `name_b`): its `name` is b's, else a's."""

    name_a: str | None
    name_b: str | None

    @property
    def name(self) -> str:
        return self.name_b or self.name_a or ""


def with_row_names(result: Any) -> dict[str, Any]:
    """`asdict(result)` with each of its rows' `name` (a property, which asdict leaves out)."""
    d = asdict(result)
    for r, row in zip(d["rows"], result.rows, strict=True):
        r["name"] = row.name
    return d


# --- units --------------------------------------------------------------------------------------

def common_unit(books: Iterable[dict[str, Any]]) -> str:
    """The unit the books' amounts are compared in (see `units.common`)."""
    return units.common(b.get("unit") for b in books)


def in_unit(book: dict[str, Any], to: str) -> dict[str, Any]:
    """A book's row with its totals put in unit `to`."""
    return cq.in_unit([dict(book)], to, ("expenditure_total", "revenue_total"))[0]


# --- books --------------------------------------------------------------------------------------

def book_label(b: dict[str, Any]) -> dict[str, Any]:
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


def book_or_404(engine: Engine, book_id: str, param: str) -> dict[str, Any]:
    found = cq.books_by_id(engine, [book_id])
    if book_id not in found:
        raise ComparisonNotFound(param, f"no book {book_id!r} in the database (budgetbook books, or GET /api/books, lists them)")
    return found[book_id]


def check_phase(phase: str, param: str) -> None:
    if phase not in PHASES:
        raise BadParameter(param, f"{param} must be proposed or enacted, got {phase!r}")


# --- work plans ---------------------------------------------------------------------------------

@dataclass
class _Plan:
    code: str
    name: str
    amount: int | None
    last_year_amount: int | None
    source_line: int | None
    rows: int


def plans_of(engine: Engine, book_ids: list[str], to: str | None = None
             ) -> dict[str, dict[str, _Plan]]:
    """Work plans of each book by code, the rows of one code summed, amounts in unit `to` (each
    book's own when None); a book with no r_work_plans rows falls back on its 歲出機關別預算表
    work_plan rows."""
    grouped: dict[str, dict[str, list[dict[str, Any]]]] = {b: {} for b in book_ids}
    for r in cq.in_unit(cq.work_plan_rows(engine, book_ids), to):
        grouped[r["book_id"]].setdefault(r["code"], []).append(r)
    empty = [b for b, g in grouped.items() if not g]
    for r in cq.in_unit(cq.ledger_rows(engine, empty, kinds=("work_plan",)), to):
        grouped[r["book_id"]].setdefault(r["code"], []).append(r)
    out: dict[str, dict[str, _Plan]] = {}
    for book_id, by_code in grouped.items():
        out[book_id] = {code: _Plan(code, rows[0]["name"],
                                    sum_present(r["amount"] for r in rows),
                                    sum_present(r["last_year_amount"] for r in rows),
                                    rows[0]["source_line"], len(rows))
                        for code, rows in by_code.items()}
    return out

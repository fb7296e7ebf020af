"""Comparisons: /api/compare (two books), /api/timeline (an agency or 政事別 over the years),
/api/books/{id}/last-year (a book's 上年度 column against the previous year's book) and
/api/changes (the biggest changes across the government).

Each endpoint is one call into `budgetbook.compare`, which computes every figure; this module
only validates parameters and shapes the answer (JSON or CSV).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path, Query, Request, Response
from pydantic import BaseModel, Field

from .. import compare
from ..store.queries import BadParameter, NotFound, Page
from .routes_common import (
    CSV_RESPONSE,
    MAX_LIMIT,
    EngineDep,
    Format,
    Offset,
    api_router,
    csv_response,
    page_answer,
)
from .routes_models import AMOUNT, PageMeta

router = api_router(tags=["compare"])

Phase = Literal["proposed", "enacted"]


# --- response models ----------------------------------------------------------------------------

class ComparedBook(BaseModel):
    id: str = Field(description="Book id, e.g. 2675-2022-enacted.")
    agency_code: str
    agency_name: str | None
    parent_name: str | None = Field(description="主管 (ministry).")
    fiscal_year: int
    roc_year: int | None
    phase: str
    expenditure_total: int | None = Field(description=f"The book's 歲出 total, {AMOUNT}.")
    flags: list[str] = Field(description="What is known to be wrong with the book's source "
                                         "(empty: nothing).")


class ComparisonRowOut(BaseModel):
    code: str = Field(description="10-digit 工作計畫 code; work plans are matched by it.")
    name: str = Field(description="Name in b, else in a.")
    name_a: str | None
    name_b: str | None
    a: int | None = Field(description=f"Amount in book a, {AMOUNT}; null: not in a.")
    b: int | None = Field(description=f"Amount in book b, {AMOUNT}; null: not in b.")
    change: int | None = Field(description="b − a (an added work plan: b; a removed one: −a).")
    change_pct: float | None = Field(description="change as a percentage of a.")
    status: str = Field(description="matched, renamed (same code, another name), added (only "
                                    "in b) or removed (only in a).")
    note: str | None = Field(description="e.g. `same name as removed 5926751000` for a work "
                                         "plan whose code changed.")


class FunctionTotalOut(BaseModel):
    function: str = Field(description="政事別: the first two digits of the code.")
    name: str | None
    a: int | None
    b: int | None
    change: int | None


class ComparisonOut(BaseModel):
    a: ComparedBook
    b: ComparedBook
    kind: str = Field(description="year_over_year, proposed_vs_enacted or books.")
    unit: str
    totals: dict[str, int | None] = Field(description=f"a, b and change: sums of the work "
                                                      f"plans, {AMOUNT}.")
    counts: dict[str, int] = Field(description="Work plans per status.")
    by_function: list[FunctionTotalOut]
    warnings: list[str] = Field(description="Flagged books and other caveats; show them.")
    items: list[ComparisonRowOut]


class TimelinePointOut(BaseModel):
    year: int
    phase: str
    amount: int | None = Field(description=f"{AMOUNT}; null: not in the data (not zero).")
    books: list[str] = Field(description="The books summed.")
    name: str | None = Field(description="The agency's name that year.")
    flags: list[str]
    partial: bool = Field(description="Far fewer agencies than the phase's other years.")


class TimelineOut(BaseModel):
    agency_code: str | None
    function: str | None
    function_name: str | None
    years: list[int]
    phases: list[str]
    unit: str
    names: list[dict[str, Any]] = Field(description="The agency's names, each with the years "
                                                    "(`from`, `to`) it was used.")
    series: dict[str, list[int | None]] = Field(description="Per phase, amounts in the order of "
                                                            "`years` (null where missing).")
    warnings: list[str]
    items: list[TimelinePointOut]


class LastYearRowOut(BaseModel):
    kind: str = Field(description="agency, function (政事別) or work_plan.")
    code: str
    name: str
    stated: int | None = Field(description=f"The book's own 上年度 figure, {AMOUNT}.")
    other: int | None = Field(description="The figure in the previous year's book.")
    difference: int | None = Field(description="stated − other.")
    status: str = Field(description="equal, different, missing_in_other, missing_in_book or "
                                    "no_figure.")
    source_line: int | None = Field(description="Line of the stated figure in the book text.")


class LastYearOut(BaseModel):
    book: ComparedBook
    other: ComparedBook
    unit: str
    counts: dict[str, int]
    warnings: list[str]
    items: list[LastYearRowOut]


class ChangeRowOut(BaseModel):
    agency_code: str
    agency_name: str | None
    code: str = Field(description="Work plan code, or the agency code for level=agency.")
    name: str
    name_a: str | None
    name_b: str | None
    a: int | None = Field(description=f"{AMOUNT}.")
    b: int | None
    change: int | None = Field(description="b − a.")
    change_pct: float | None
    status: str = Field(description="matched, renamed, added or removed.")


class ChangesOut(PageMeta):
    year_a: int
    phase_a: str
    year_b: int
    phase_b: str
    level: str
    unit: str
    totals: dict[str, int | None] = Field(description="a, b and change over the agencies "
                                                      "stored for both years.")
    agencies_only_in_a: list[str]
    agencies_only_in_b: list[str]
    warnings: list[str]
    items: list[ChangeRowOut]


# --- helpers ------------------------------------------------------------------------------------

def _whole(request: Request, result: Any, columns: list[str], filename: str, format: str,
           rows: str = "rows") -> dict[str, Any] | Response:
    """A comparison unpaged: JSON, its `rows` as `items`; or its rows as one CSV file, whose
    X-Warnings header counts the warnings that CSV has no room for."""
    d = result.to_dict()
    items = d.pop(rows)
    if format != "csv":
        return {**d, "items": items}
    response = csv_response(request, items, columns, filename,
                            {"total": len(items), "next": None, "prev": None})
    if d["warnings"]:
        response.headers["X-Warnings"] = str(len(d["warnings"]))
    return response


def _renamed(exc: BadParameter | NotFound, names: dict[str, str]) -> None:
    # only these carry `param` (a plain NotFound names no parameter)
    if isinstance(exc, BadParameter | compare.ComparisonNotFound) and exc.param in names:
        exc.param = names[exc.param]


# --- endpoints ----------------------------------------------------------------------------------

COMPARE_COLUMNS = ["code", "name", "name_a", "name_b", "a", "b", "change", "change_pct",
                   "status", "note"]


@router.get(
    "/compare", responses=CSV_RESPONSE, response_model=ComparisonOut,
    summary="Compare two books work plan by work plan",
    description="Book `a` against book `b`, work plans matched by code, change = b − a in "
                "thousands of NTD, each work plan matched, renamed, added or removed: year over "
                "year (`a=2675-2021-proposed&b=2675-2022-proposed`) or proposed against "
                "enacted, the legislature's cut (`a=2675-2022-proposed&b=2675-2022-enacted`).")
def compare_books(
    request: Request, engine: EngineDep,
    a: Annotated[str, Query(description="First book id, e.g. 2675-2022-proposed.")],
    b: Annotated[str, Query(description="Second book id, e.g. 2675-2022-enacted.")],
    format: Format = "json",
) -> dict[str, Any] | Response:
    return _whole(request, compare.compare_books(engine, a, b), COMPARE_COLUMNS,
                  f"compare-{a}-{b}.csv", format)


TIMELINE_COLUMNS = ["year", "phase", "amount", "name", "books", "partial", "flags"]


@router.get(
    "/timeline", responses=CSV_RESPONSE, response_model=TimelineOut,
    summary="Totals per year and phase, for a chart",
    description="Totals per (year, phase) in thousands of NTD for one agency (followed by its "
                "code through renames), one 政事別, both, or every book; a year missing from the "
                "data is null, not zero. `series` is ready for a chart.")
def timeline(
    request: Request, engine: EngineDep,
    agency: Annotated[str | None, Query(description="4-digit agency code, e.g. 2675.",
                                        pattern="^[0-9]{4}$")] = None,
    function: Annotated[str | None, Query(
        description="政事別: the first two digits of the work plan codes, e.g. 52 "
                    "(科學支出).", pattern="^[0-9]{2}$")] = None,
    year_from: Annotated[int, Query(alias="from", ge=1990, le=2100,
                                    description="First year (Gregorian).")] = 2006,
    year_to: Annotated[int, Query(alias="to", ge=1990, le=2100,
                                  description="Last year (Gregorian, inclusive).")] = 2025,
    phase: Annotated[Phase | None, Query(description="Only this phase; omitted, both.")] = None,
    format: Format = "json",
) -> dict[str, Any] | Response:
    if year_to < year_from:
        raise BadParameter("to", f"to ({year_to}) must not be before from ({year_from})")
    phases = [phase] if phase else list(compare.PHASES)
    tl = compare.timeline(engine, agency_code=agency, function=function,
                          years=range(year_from, year_to + 1), phases=phases)
    what = "-".join(filter(None, [agency, function])) or "all"
    return _whole(request, tl, TIMELINE_COLUMNS, f"timeline-{what}.csv", format,
                  rows="points")


LAST_YEAR_COLUMNS = ["kind", "code", "name", "stated", "other", "difference", "status",
                     "source_line"]


@router.get(
    "/books/{book_id}/last-year", responses=CSV_RESPONSE, response_model=LastYearOut,
    summary="A book's 上年度 column against the previous year's book",
    description="The book's own 上年度 figures (agency total, 政事別, work plans) against the "
                "previous year's book of the same agency (its enacted book, else its "
                "proposal, or `against`), with the differences.")
def last_year(
    request: Request, engine: EngineDep,
    book_id: Annotated[str, Path(description="Book id, e.g. 2675-2022-enacted.")],
    against: Annotated[str | None, Query(
        description="The book to compare with; default: the previous year's enacted book, "
                    "else its proposal.")] = None,
    format: Format = "json",
) -> dict[str, Any] | Response:
    return _whole(request, compare.own_last_year(engine, book_id, against),
                  LAST_YEAR_COLUMNS, f"{book_id}-last-year.csv", format)


CHANGES_COLUMNS = ["agency_code", "agency_name", "code", "name", "name_a", "name_b", "a", "b",
                   "change", "change_pct", "status"]


@router.get(
    "/changes", responses=CSV_RESPONSE, response_model=ChangesOut,
    summary="The biggest changes across the government",
    description="Work plans (or agencies) of every agency stored for both sides, largest "
                "absolute change first, in thousands of NTD. `from=2021&to=2022` is year over "
                "year; `from=2019&to=2019&phase=proposed&to_phase=enacted` is the "
                "legislature's largest cuts and additions. Agencies with a book on one side "
                "only are left out and listed.")
def changes(
    request: Request, response: Response, engine: EngineDep,
    year_from: Annotated[int, Query(alias="from", ge=1990, le=2100,
                                    description="First year (Gregorian).")],
    year_to: Annotated[int, Query(alias="to", ge=1990, le=2100,
                                  description="Second year (Gregorian).")],
    phase: Annotated[Phase, Query(description="Phase of `from` (and of `to` unless "
                                              "to_phase is given).")] = "proposed",
    to_phase: Annotated[Phase | None, Query(description="Phase of `to`.")] = None,
    level: Annotated[Literal["work_plan", "agency"], Query(
        description="work_plan (default) or agency.")] = "work_plan",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page, "
                                f"1..{MAX_LIMIT} (default 50).")] = 50,
    offset: Offset = 0, format: Format = "json",
) -> dict[str, Any] | Response:
    try:
        result = compare.biggest_changes(engine, year_from, year_to, phase, phase_b=to_phase,
                                         level=level, limit=limit, offset=offset).to_dict()
    except (BadParameter, NotFound) as exc:
        _renamed(exc, {"year_a": "from", "year_b": "to", "phase_b": "to_phase"})
        raise
    page = Page(result.pop("rows"), result.pop("total"), limit, offset)
    name = f"changes-{year_from}-{phase}-{year_to}-{to_phase or phase}-{level}.csv"
    return page_answer(request, response, page, format, CHANGES_COLUMNS, name, **result)

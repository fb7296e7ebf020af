"""Questions across books: /api/aggregate (sums by drilldown, like OpenSpending's aggregate API)
and /api/search (ranked hits with highlighted snippets and links)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response

from .. import units
from ..store import queries
from .errors import CONTROL_CHARACTERS
from .routes_common import (
    CSV_RESPONSE,
    EngineDep,
    Format,
    Limit,
    Offset,
    api_router,
    book_or_404,
    csv_response,
    page_answer,
    page_meta,
    row_links,
)
from .routes_models import Aggregate, SearchPage

router = api_router()

Drilldown = Literal["work_plan", "sub_plan", "object_code", "object_level1", "unit", "agency",
                    "function", "year", "phase"]


# field:value, the field not blank; what `_cuts` checks, for /openapi.json
_CUT = f"[^:{CONTROL_CHARACTERS}]"
CUT_PATTERN = f"^{_CUT}*[^:\\s{CONTROL_CHARACTERS}]{_CUT}*:[^{CONTROL_CHARACTERS}]*$"


def _cuts(cut: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in cut:
        field, sep, value = c.partition(":")
        field = field.strip()
        if not sep or not field:
            raise queries.BadParameter("cut", f"cut must be field:value, got {c!r}")
        if field in out:
            raise queries.BadParameter("cut", f"cut on {field} given twice")
        out[field] = value
    return out


@router.get(
    "/aggregate", responses=CSV_RESPONSE, response_model=Aggregate, tags=["aggregate"],
    summary="Sum expenditure by work plan, agency, 政事別, year, phase, sub-plan, object class "
            "or unit",
    description="Sums (thousands of NTD), row counts and shares of 歲出 over one or more books, "
                "grouped by `drilldown` and restricted by `cut`s, like OpenSpending's aggregate "
                "API. The total and the drilldowns work_plan, agency, function, year and phase "
                "cover every book: a book's expenditure-lines where it has them, else its work "
                "plans (the open-data books have only work plans). sub_plan, object_code and "
                "object_level1 sum expenditure-lines only (books read from the text), unit the "
                "sub-plans. Examples: `?book=2675-2022-enacted&drilldown=work_plan&cut="
                "object_code:2039` is 委辦費 per work plan; `?drilldown=year&cut=phase:proposed` "
                "is the government's proposed 歲出 per year.")
def aggregate(
    request: Request, response: Response, engine: EngineDep,
    book: Annotated[list[str], Query(description="Book id; repeat for several books; omit "
                                     "for every book.")] = [],  # noqa: B006 - FastAPI default
    drilldown: Annotated[Drilldown | None, Query(
        description="Group by work_plan, agency (agency_code), function (政事別: the first "
                    "two digits of the work plan code), year (fiscal_year, Gregorian), phase, "
                    "sub_plan, object_code (用途別 second level), object_level1 (first level) or "
                    "unit (承辦單位); omit for the total only.")] = None,
    cut: Annotated[list[str], Query(
        description="field:value, e.g. object_code:2039, work_plan_code:5226752000, "
                    "agency:2675, function:52, year:2022 or phase:proposed; repeat for several "
                    "(all must hold). Fields are agency, function, year, phase and the columns "
                    "of expenditure-lines (of sub-plans for drilldown=unit); a cut on a column "
                    "open-data books lack (object_code, sub_plan_no …) leaves them out.",
        json_schema_extra={"items": {"type": "string", "pattern": CUT_PATTERN}})] = [],  # noqa: B006
    limit: Limit = 100, offset: Offset = 0, format: Format = "json",
) -> dict[str, Any] | Response:
    book = list(dict.fromkeys(book))  # book=X&book=X is X once, not summed twice
    for b in book:
        book_or_404(engine, b, "book")
    cuts = _cuts(cut)
    try:
        result = queries.aggregate_page(engine, list(book), drilldown, cuts, limit=limit,
                                        offset=offset)
    except queries.BadParameter as exc:
        if exc.param in cuts:  # a cut on an unknown field, or a value of the wrong type
            raise queries.BadParameter("cut", f"cut {exc.param}: {exc.message}") from None
        raise
    meta = page_meta(request, response, result["cell_count"], limit, offset)
    if format == "csv":
        keys = list(queries.drilldown_keys(drilldown)) if drilldown else []
        name = "-".join(book) if 0 < len(book) <= 3 else "books"
        return csv_response(request, result["cells"], [*keys, "label", "amount", "count",
                                                       "share"],
                            f"aggregate-{name}-{drilldown or 'total'}.csv", meta)
    return {**meta, "books": result["books"], "drilldown": drilldown, "cuts": cuts,
            "unit": units.describe(result["unit"]), "summary": result["summary"], "cells": result["cells"]}


SEARCH_COLUMNS = ["book_id", "kind", "row_no", "title", "title_html", "snippet", "source_line"]


@router.get(
    "/search", responses=CSV_RESPONSE, response_model=SearchPage, tags=["search"],
    summary="Search names and texts",
    description="Substring search (Chinese or not) over every name and text of the books: "
                "work plans, sub-plans, commissioned projects, subsidies, resolutions, results. "
                "Hits whose title matches rank first; each has the match in <mark> and links "
                "to the item and its source line.")
def search(
    request: Request, response: Response, engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Text to find, "
                            "e.g. 5G or 委辦.")],
    book: Annotated[str | None, Query(description="Only this book.")] = None,
    limit: Limit = 100, offset: Offset = 0, format: Format = "json",
) -> dict[str, Any] | Response:
    if book is not None:
        book_or_404(engine, book, "book")
    page = queries.search(engine, q, book_id=book, limit=limit, offset=offset)
    hits = [{**h, "links": row_links(h["book_id"], h["kind"], h["row_no"], h["source_line"])}
            for h in page.rows]
    return page_answer(request, response, page, format, SEARCH_COLUMNS, "search.csv",
                       items=hits, q=q, book=book)

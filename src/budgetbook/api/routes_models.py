"""Response models of the REST API (what /openapi.json documents). Amounts are integers in
the book's unit, exactly as the book prints them (an answer over several books: the unit it
states); `None` is a figure the book leaves
blank ("-")."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from types import GenericAlias
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model
from sqlalchemy import Table

from .routes_common import utc

AMOUNT = "in the unit the answer states (`unit`)"
# a time as RFC 3339 with its offset, as `date-time` promises (SQLite returns it naive)
UtcDateTime = Annotated[datetime, AfterValidator(utc)]


class PageMeta(BaseModel):
    total: int = Field(description="Items matching the request, over all pages.")
    limit: int = Field(description="Items per page.")
    offset: int = Field(description="Items skipped before this page.")
    next: str | None = Field(description="Link to the next page; null on the last page.")
    prev: str | None = Field(description="Link to the previous page; null on the first page.")


# --- books ----------------------------------------------------------------------------------------

class BookLinks(BaseModel):
    api: str
    explorer: str = Field(description="The book's page in the web explorer.")
    audit: str
    source: str


class Book(BaseModel):
    id: str = Field(description="Book id: agency code, fiscal year and phase, e.g. "
                    "2675-2022-enacted.")
    agency_code: str = Field(description="4-digit agency code (機關代號).")
    agency_name: str | None = Field(description="Agency name, e.g. 經濟部中小企業處.")
    parent_code: str | None = Field(description="Code of the ministry (主管) above the agency.")
    parent_name: str | None = Field(description="Name of the ministry (主管).")
    roc_year: int = Field(description="Fiscal year in the ROC calendar (民國), e.g. 111.")
    fiscal_year: int = Field(description="Fiscal year in the Gregorian calendar, e.g. 2022.")
    phase: str = Field(description="proposed (預算案) or enacted (法定預算).")
    source_name: str = Field(description="File the book was read from.")
    source_sha256: str | None = Field(description="SHA-256 of that file.")
    expenditure_total: int | None = Field(description=f"歲出 total, {AMOUNT}.")
    revenue_total: int | None = Field(description=f"歲入 total, {AMOUNT}.")
    audit_total: int | None = Field(description="Audit checks run on the book.")
    audit_passed: int | None = Field(description="Checks that passed.")
    audit_failed: int | None = Field(description="Checks that failed (figures that do not add up).")
    audit_skipped: int | None = Field(description="Checks skipped (a figure not printed).")
    ingested_at: UtcDateTime = Field(description="When the book was stored (UTC, RFC 3339).")
    unit: str = Field(description="Unit of every amount.")
    links: BookLinks


class BookPage(PageMeta):
    items: list[Book]


class ResourceInfo(BaseModel):
    name: str = Field(description="Resource name, the path segment under the book.")
    title: str | None = Field(description="Title of the book's table (Traditional Chinese).")
    rows: int = Field(description="Rows this book has in the resource (0: section absent).")
    api: str
    explorer: str


class BookDetail(Book):
    resources: list[ResourceInfo] = Field(description="Every section of the book as a resource.")


# --- resources (one row model per table, built from the store's schema) --------------------------

class ColumnInfo(BaseModel):
    name: str
    type: str = Field(description="integer, string, boolean or number.")
    description: str | None


class ResourceSchema(BaseModel):
    name: str
    title: str | None
    columns: list[ColumnInfo] = Field(description="Every column; each is also a filter parameter.")


class RowLinks(BaseModel):
    api: str = Field(description="This row in the API.")
    explorer: str = Field(description="This row in the web explorer.")
    source: str | None = Field(description="The row's source line in the explorer.")
    source_api: str | None = Field(description="The row's source line in the API.")


_PY = {int: int, str: str, bool: bool, Decimal: float}
_FALLBACK = {
    "row_no": "Row number within the book's resource (0-based, reading order).",
    "source_line": "Line of the book text (1-based) the row was read from.",
    "amount": f"Amount, {AMOUNT}.",
}


def column_type(col: Any) -> type:
    try:
        return _PY.get(col.type.python_type, str)
    except NotImplementedError:
        return str


def column_description(col: Any) -> str:
    return col.comment or _FALLBACK.get(col.name, "")


def _camel(name: str) -> str:
    return "".join(p.capitalize() for p in name.replace("_", "-").split("-"))


def row_model(resource: str, table: Table) -> type[BaseModel]:
    """A Pydantic model of one row of a resource, with the store's column descriptions."""
    fields: dict[str, Any] = {}
    for col in table.c:
        if col.name == "book_id":
            continue
        typ = column_type(col)
        annotation = typ if col.name == "row_no" else typ | None
        fields[col.name] = (annotation, Field(description=column_description(col) or None))
    return create_model(f"{_camel(resource)}Row", __doc__=table.comment, **fields)


def page_model(resource: str, row: type[BaseModel]) -> type[BaseModel]:
    items: Any = GenericAlias(list, row)  # list[row]: `row` is a model built at run time
    return create_model(
        f"{_camel(resource)}Page", __base__=PageMeta,
        book_id=(str, Field(description="The book.")),
        resource=(str, Field(description="The resource.")),
        unit=(str, Field(description="Unit of every amount.")),
        filters=(dict[str, str], Field(description="Column filters applied (column: value).")),
        items=(items, ...),
    )


def detail_model(resource: str, row: type[BaseModel]) -> type[BaseModel]:
    return create_model(f"{_camel(resource)}Detail", __base__=row,
                        book_id=(str, ...), resource=(str, ...), unit=(str, ...),
                        links=(RowLinks, ...))


# --- audit and source ----------------------------------------------------------------------------

class AuditFigure(BaseModel):
    path: str = Field(description="Model path of the figure, e.g. revenue[9].prior_year_actual.")
    value: int | None = Field(description=f"The figure as printed, {AMOUNT}.")
    source_line: int | None = Field(description="Its line in the book text.")
    source_page: int | None = Field(None, description="Its PDF page (1-based); null for a text "
                                    "book.")
    source_bbox: str | None = Field(None, description="Its box on the page: x0,top,x1,bottom in "
                                    "points from the top left; null for a text book.")


class AuditCheck(BaseModel):
    row_no: int
    check_id: str = Field(description="Rule id and the row it was applied to.")
    rule: str
    table_name: str
    description: str
    status: str = Field(description="pass, fail or skip.")
    expected: int | None = Field(description=f"What the figures add up to, {AMOUNT}.")
    actual: int | None = Field(description=f"The figure the book prints, {AMOUNT}.")
    reason: str | None = Field(description="Why a check was skipped.")
    source_lines: str | None = Field(description="Comma-separated source lines, checked figure "
                                     "first.")
    figures: list[AuditFigure]


class AuditSummary(BaseModel):
    total: int | None
    passed: int | None
    failed: int | None
    skipped: int | None


class AuditPage(PageMeta):
    book_id: str
    status: str | None = Field(description="The status filter applied, if any.")
    summary: AuditSummary = Field(description="Counts over the whole book.")
    items: list[AuditCheck] = Field(description="Checks, failures first, then skipped, then "
                                    "passed; in rule order within each.")


class SourceLine(BaseModel):
    line_no: int = Field(description="Line number, 1-based.")
    text: str
    explorer: str = Field(description="The line in the explorer's source view.")


class SourcePage(PageMeta):
    book_id: str
    start: int
    end: int | None
    items: list[SourceLine]


# --- aggregate and search ------------------------------------------------------------------------

class AggregateCell(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={
        "description": "One group. Its key columns depend on the drilldown: work_plan_code "
                       "(work_plan), work_plan_code + sub_plan_no (sub_plan), object_code, "
                       "object_level1_code, units (unit), agency_code (agency), function "
                       "(function: the 政事別, first two digits of the code), fiscal_year "
                       "(year) or phase (phase)."})
    label: str | None = Field(description="Name of the group (e.g. the work plan's name).")
    amount: int = Field(description=f"Sum of amounts, {AMOUNT}.")
    count: int = Field(description="Rows summed.")
    share: float | None = Field(description="amount / the summary amount (0..1).")


class AggregateSummary(BaseModel):
    amount: int = Field(description=f"Sum over every row matching the cuts, {AMOUNT}.")
    count: int = Field(description="Rows matching the cuts.")


class Aggregate(PageMeta):
    books: list[str] = Field(description="Books aggregated (empty: every book).")
    drilldown: str | None
    cuts: dict[str, str]
    unit: str
    summary: AggregateSummary
    cells: list[AggregateCell] = Field(description="Groups, largest amount first; paged "
                                       "(`total` counts groups).")


class HitLinks(BaseModel):
    api: str = Field(description="The item in the API: /api/books/{id}/{kind}/{row_no}.")
    explorer: str = Field(description="The item in the explorer: /books/{id}/{kind}#row-{n}.")
    source: str | None = Field(description="Its source line: /books/{id}/source#L{line}.")
    source_api: str | None


class SearchHit(BaseModel):
    book_id: str
    kind: str = Field(description="The resource the item belongs to, e.g. sub-plans.")
    row_no: int
    title: str
    title_html: str = Field(description="Title with the match in <mark>, HTML-escaped "
                            "otherwise as stored.")
    snippet: str = Field(description="The matching passage of the item's text with <mark>; "
                         "empty when only the title matched.")
    source_line: int | None
    links: HitLinks


class SearchPage(PageMeta):
    q: str
    book: str | None
    items: list[SearchHit] = Field(description="Hits, titles matching first, shorter titles "
                                   "first.")

"""Every section of a book as a resource: /api/books/{id}/{resource} and …/{resource}/{row_no}.

One pair of routes per resource of `store.schema.resource_tables`, built from the table, so each
has its own response model and a documented filter parameter per column in /openapi.json.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Path, Query, Request, Response
from sqlalchemy import Table

from .. import units
from ..audit.units import resource_unit
from ..store import queries
from ..store.base import INT32_MAX, filter_pattern
from ..store.schema import resource_tables
from .routes_books import BookPath
from .routes_common import (
    CSV_RESPONSE,
    EngineDep,
    Format,
    Limit,
    Offset,
    ParamNotFound,
    api_router,
    book_or_404,
    page_answer,
    row_links,
)
from .routes_models import (
    column_description,
    column_type,
    detail_model,
    page_model,
    row_model,
)

router = api_router()

_KW = inspect.Parameter.KEYWORD_ONLY
_TYPE_WORDS = {int: "integer", str: "text", bool: "true/false", float: "number"}


RESERVED = {"book_id", "limit", "offset", "format"}


def _filter_columns(table: Table) -> list[Any]:
    cols = [c for c in table.c if c.name != "book_id"]
    clash = RESERVED & {c.name for c in cols}
    assert not clash, f"{table.name}: columns {clash} clash with the API's parameters"
    return cols


def _filter_param(col: Any) -> inspect.Parameter:
    desc = column_description(col)
    kind = _TYPE_WORDS[column_type(col)]
    text = (f"Only rows whose {col.name} equals this ({kind}"
            + (f"; {desc}" if desc else "") + "). An empty value matches rows without one.")
    # what store.base.coerce accepts for the column's type, documented (checked there, with a
    # message naming the column)
    pattern = filter_pattern(col)
    extra = {"pattern": f"^({pattern})?$"} if pattern else None
    return inspect.Parameter(col.name, _KW, default=None, annotation=Annotated[
        str | None, Query(description=text, json_schema_extra=extra)])


def _list_endpoint(resource: str, table: Table) -> Callable[..., Any]:
    columns = [c.name for c in _filter_columns(table)]

    # the request, response and engine go by names no column can have (resolutions has a
    # `response` column); FastAPI finds them by their annotations
    def list_rows(_request: Request, _response: Response, _engine: Any, book_id: str,
                  limit: int = 100, offset: int = 0, format: str = "json",
                  **filters: str | None) -> Any:
        request, response, engine = _request, _response, _engine
        book = book_or_404(engine, book_id)
        given = {k: v for k, v in filters.items() if v is not None}
        page = queries.rows(engine, book_id, resource, limit=limit, offset=offset,
                            filters=given)
        return page_answer(request, response, page, format, columns,
                           f"{book_id}-{resource}.csv", book_id=book_id, resource=resource,
                           unit=units.describe(resource_unit(book, resource)), filters=given)

    fixed = [
        inspect.Parameter("_request", _KW, annotation=Request),
        inspect.Parameter("_response", _KW, annotation=Response),
        inspect.Parameter("_engine", _KW, annotation=EngineDep),
        inspect.Parameter("book_id", _KW, annotation=BookPath),
        inspect.Parameter("limit", _KW, default=100, annotation=Limit),
        inspect.Parameter("offset", _KW, default=0, annotation=Offset),
        inspect.Parameter("format", _KW, default="json", annotation=Format),
    ]
    list_rows.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        fixed + [_filter_param(c) for c in _filter_columns(table)])
    list_rows.__name__ = f"list_{table.name.removeprefix('r_')}"
    return list_rows


def _row_endpoint(resource: str) -> Callable[..., Any]:
    def get_row(engine: EngineDep, book_id: BookPath,
                row_no: Annotated[int, Path(ge=0, le=INT32_MAX, description="Row number "
                                            "(0-based), the `row_no` of a listed row.")]
                ) -> Any:
        book = book_or_404(engine, book_id)
        try:
            r = queries.row(engine, book_id, resource, row_no)
        except queries.NotFound as exc:
            raise ParamNotFound("row_no", exc.message) from None
        return {**r, "book_id": book_id, "resource": resource,
                "unit": units.describe(resource_unit(book, resource)),
                "links": row_links(book_id, resource, row_no, r.get("source_line"))}

    get_row.__name__ = f"get_{resource.replace('-', '_')}_row"
    return get_row


for _name, _table in resource_tables.items():
    _title = _table.comment or _name
    _row = row_model(_name, _table)
    router.add_api_route(
        f"/books/{{book_id}}/{_name}", _list_endpoint(_name, _table), methods=["GET"],
        response_model=page_model(_name, _row), tags=["resources"], responses=CSV_RESPONSE,
        summary=f"{_name} ({_title})",
        description=f"Rows of {_title} in reading order (stable: by row_no). Filter by any "
                    "column with `?column=value` (several filters: all must hold); amounts "
                    "are in the book's `unit` (stated in the answer); each row's source_line "
                    "is its line in /api/books/{book_id}/source, and source_page and "
                    "source_bbox its page and box in a PDF book.")
    router.add_api_route(
        f"/books/{{book_id}}/{_name}/{{row_no}}", _row_endpoint(_name), methods=["GET"],
        response_model=detail_model(_name, _row), tags=["resources"],
        summary=f"One row of {_name} ({_title})",
        description="One row with links to it in the explorer and to its source line. Amounts "
                    "are in the book's `unit` (stated in the answer).")


@router.get("/books/{book_id}/{resource}", include_in_schema=False)
def unknown_resource(engine: EngineDep, book_id: BookPath, resource: str) -> Any:
    book_or_404(engine, book_id)
    raise ParamNotFound("resource", f"no resource {resource!r}; expected one of "
                        f"{', '.join(resource_tables)}, audit or source")


@router.get("/books/{book_id}/{resource}/{row_no}", include_in_schema=False)
def unknown_resource_row(engine: EngineDep, book_id: BookPath, resource: str,
                         row_no: str) -> Any:
    return unknown_resource(engine, book_id, resource)

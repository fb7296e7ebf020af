"""What every API route shares: errors as JSON naming the parameter, paging, links, CSV.

`ApiRoute` is the route class of every API router. It answers, without any handler on the app:

- a query parameter the endpoint does not declare (an unknown filter column, a typo): 422;
- a parameter given twice where one value is expected: 422;
- a repeatable parameter (`book`, `cut`) given more than `MAX_REPEAT` times: 422;
- FastAPI's own validation errors (`limit=0`, `offset=-1`, `format=xml`, `row_no=x`): 422;
- `NotFound` (404) and `BadParameter` (422) raised by the store queries,

each answered by `errors.json_error`, as the app's own handlers answer what escapes a route.

Every error body is `{"error", "parameter", "message"}` (validation errors add `errors`, one
entry per failing parameter), so a client can always tell which parameter to fix.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from collections.abc import Callable, Coroutine, Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from ..store import queries
from ..store.queries import BadParameter, NotFound, Page
from .errors import ParamNotFound as ParamNotFound  # used by routes_resources
from .errors import error_response, json_error

MAX_LIMIT = 1000
MAX_REPEAT = 100  # values of one repeatable parameter (book=, cut=) in a request
MAX_LINK_HEADER = 4096  # bytes of the Link header; the body's next/prev are never cut


# --- errors -------------------------------------------------------------------------------------

def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set, Sequence):
        return True
    if origin in (typing.Union, types.UnionType, Annotated):
        return any(_is_list(a) for a in typing.get_args(annotation))
    return False


def _query_fields(dependant: Any) -> Iterable[Any]:
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _query_fields(sub)


class ApiRoute(APIRoute):
    """An APIRoute whose errors are JSON naming the parameter, and which refuses parameters it
    does not know (so `?objct_code=2039` is an error, not a silently unfiltered list)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        fields = list(_query_fields(self.dependant))
        accepted = {f.alias for f in fields}
        repeatable = {f.alias for f in fields if _is_list(f.field_info.annotation)}

        async def route_handler(request: Request) -> Response:
            for name in request.query_params:
                if name not in accepted:
                    return error_response(
                        422, "bad_parameter", name,
                        f"unknown parameter {name!r}; accepted: {', '.join(sorted(accepted))}")
                count = len(request.query_params.getlist(name))
                if name not in repeatable and count > 1:
                    return error_response(422, "bad_parameter", name,
                                          f"{name} may be given only once")
                if count > MAX_REPEAT:
                    return error_response(422, "bad_parameter", name,
                                          f"{name} may be given at most {MAX_REPEAT} times, "
                                          f"got {count}")
            try:
                return await handler(request)
            except (RequestValidationError, NotFound, BadParameter) as exc:
                return json_error(exc)

        return route_handler


class ParamError(BaseModel):
    parameter: str | None = Field(description="The parameter at fault.")
    message: str
    input: Any = None


class ApiError(BaseModel):
    error: str = Field(description="not_found or bad_parameter.")
    parameter: str | None = Field(description="The parameter to fix (e.g. limit, cut, book_id).")
    message: str = Field(description="What is wrong, in plain words.")
    errors: list[ParamError] | None = Field(
        default=None, description="Every failing parameter, for type and range errors.")


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ApiError,
          "description": "A book, resource or row that does not exist; `parameter` names it."},
    422: {"model": ApiError, "description": "A parameter the API cannot use (unknown, repeated, "
                                            "wrong type or out of range); `parameter` names it."},
}

CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or with `format=csv` the same page as CSV (UTF-8, header row)."},
}


def api_router(**kwargs: Any) -> APIRouter:
    """A router of the API: `ApiRoute` for its routes, `ERROR_RESPONSES` documented on each."""
    return APIRouter(route_class=ApiRoute, responses=ERROR_RESPONSES, **kwargs)


# --- shared parameters ----------------------------------------------------------------------------

def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT,
                             description=f"Items per page, 1..{MAX_LIMIT} (default 100).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip: 0 for the first page; the "
                              "response's `next` link gives the following page.")]
Format = Annotated[Literal["json", "csv"], Query(
    description="`json` (default) or `csv` (UTF-8, header row, one file per page).")]


def book_or_404(engine: Engine, book_id: str, param: str = "book_id") -> dict[str, Any]:
    try:
        return queries.get_book(engine, book_id)
    except NotFound:
        raise ParamNotFound(param, f"no book {book_id!r}; GET /api/books lists them") from None


# --- paging -------------------------------------------------------------------------------------

def _url(request: Request, **replace: Any) -> str:
    """This request's path and query with some parameters replaced (relative to the host);
    a parameter repeated with the same value (`book=X&book=X`) is kept once."""
    items = dict.fromkeys((k, v) for k, v in request.query_params.multi_items()
                          if k not in replace)
    return f"{request.url.path}?{urlencode([*items, *((k, str(v)) for k, v in replace.items())])}"


def page_meta(request: Request, response: Response | None, total: int, limit: int,
              offset: int) -> dict[str, Any]:
    """total/limit/offset and the next and previous pages' links; also set as headers
    (X-Total-Count, Link) on `response`."""
    nxt = _url(request, limit=limit, offset=offset + limit) if offset + limit < total else None
    prev = _url(request, limit=limit, offset=max(0, offset - limit)) if offset > 0 else None
    if response is not None:
        set_page_headers(response, total, nxt, prev)
    return {"total": total, "limit": limit, "offset": offset, "next": nxt, "prev": prev}


def set_page_headers(response: Response, total: int, nxt: str | None, prev: str | None) -> None:
    """X-Total-Count, and a Link header with the links that fit in `MAX_LINK_HEADER` bytes
    (proxies and clients refuse long headers; the body's `next` and `prev` are complete)."""
    response.headers["X-Total-Count"] = str(total)
    links: list[str] = []
    for url, rel in ((nxt, "next"), (prev, "prev")):
        link = f'<{url}>; rel="{rel}"'
        if url and len(", ".join([*links, link])) <= MAX_LINK_HEADER:
            links.append(link)
    if links:
        response.headers["Link"] = ", ".join(links)


def page_answer(request: Request, response: Response, page: Page, format: str,
                columns: Sequence[str], filename: str, items: list[Any] | None = None,
                **fields: Any) -> dict[str, Any] | Response:
    """One page of rows as the API answers it: with `format=csv` the rows as CSV (`columns`,
    `filename`); else JSON, the paging metadata, then `fields`, then `items` (the rows unless
    given). Either way X-Total-Count and Link headers."""
    meta = page_meta(request, response, page.total, page.limit, page.offset)
    if format == "csv":
        return csv_response(request, page.rows, columns, filename, meta)
    return {**meta, **fields, "items": page.rows if items is None else items}


# --- CSV ------------------------------------------------------------------------------------------

def utc(value: datetime) -> datetime:
    """A stored time in UTC with its offset: SQLite gives it back naive (it keeps no time
    zone; the store writes UTC), PostgreSQL in the session's zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def csv_response(request: Request, rows: Iterable[dict[str, Any]], columns: Sequence[str],
                 filename: str, meta: dict[str, Any]) -> Response:
    """One page as CSV: UTF-8, a header row, `filename` in Content-Disposition, and the paging
    metadata in headers (X-Total-Count, Link)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in columns])
    response = Response(buf.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8")
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(filename)}')
    set_page_headers(response, meta["total"], meta["next"], meta.get("prev"))
    return response


# --- links to the explorer ----------------------------------------------------------------------

def row_links(book_id: str, resource: str, row_no: int, source_line: int | None) -> dict[str, Any]:
    return {
        "api": f"/api/books/{book_id}/{resource}/{row_no}",
        "explorer": f"/books/{book_id}/{resource}#row-{row_no}",
        "source": f"/books/{book_id}/source#L{source_line}" if source_line else None,
        "source_api": (f"/api/books/{book_id}/source?start={source_line}&end={source_line}"
                       if source_line else None),
    }

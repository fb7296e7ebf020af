"""One place that turns exceptions into responses: JSON under /api, the explorer's page
elsewhere (a 404 page for what is not found, an error page naming the parameter for a bad one).

    NotFound            404  {"error": "not_found", "message"}        / 找不到網頁
    BadParameter        422  {"error": "bad_parameter", "parameter", "message"}
    OutOfRange, a number too large for the database (DataError, OverflowError): as BadParameter
    HTTPException       its status; an unknown page of the explorer is its 404 page
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, StatementError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.queries import BadParameter, NotFound

_LIMIT = 2**63 - 1


class OutOfRange(Exception):
    """A number in the request that no 64-bit column can hold."""

    def __init__(self, param: str):
        self.param = param
        super().__init__(param)


def reject_oversized(request: Request) -> None:
    """Checked before every route, so SQLite and PostgreSQL answer alike (PostgreSQL would
    compare such a number as numeric and find nothing; SQLite cannot bind it at all)."""
    param = oversized_param(request)
    if param is not None:
        raise OutOfRange(param)


def oversized_param(request: Request) -> str | None:
    """The query or path parameter holding a number too large for a 64-bit column."""
    candidates: list[tuple[str, Any]] = (list(request.query_params.multi_items())
                                         + list(request.path_params.items()))
    for name, value in candidates:
        for part in str(value).replace(":", " ").split():
            if part.lstrip("-").isdigit() and abs(int(part)) > _LIMIT:
                return name
    return None


class ParamNotFound(NotFound):
    """A NotFound that knows which parameter named the missing thing."""

    def __init__(self, param: str, message: str):
        self.param = param
        super().__init__(message)


def error_response(status: int, error: str, param: str | None, message: str,
                   **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, "parameter": param, "message": message, **extra},
                        status_code=status)


def _validation_response(exc: RequestValidationError) -> JSONResponse:
    errors = []
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ())]
        where = loc[0] if loc else "request"
        name = loc[1] if len(loc) > 1 else where
        errors.append({"parameter": name, "in": where, "message": e.get("msg", "invalid"),
                       "input": _jsonable(e.get("input"))})
    first = errors[0] if errors else {"parameter": None, "message": "invalid request"}
    return error_response(422, "bad_parameter", first["parameter"],
                          f"{first['parameter']}: {first['message']}", errors=errors)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def json_error(exc: Exception) -> JSONResponse:
    """The API's answer to an error a client caused: `{"error", "parameter", "message"}`."""
    if isinstance(exc, RequestValidationError):
        return _validation_response(exc)
    if isinstance(exc, NotFound):
        return error_response(404, "not_found", getattr(exc, "param", None), exc.message)
    if isinstance(exc, BadParameter):
        return error_response(422, "bad_parameter", exc.param, exc.message)
    raise exc


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/static", "/openapi.json"))


def _page(request: Request, status: int, message: str) -> Response:
    from ..web.render import error_page

    return error_page(request, status, message)


async def _not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotFound)
    if _is_api(request):
        return json_error(exc)
    return _page(request, 404, exc.message)


async def _bad_parameter(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadParameter)
    if _is_api(request):
        return json_error(exc)
    return _page(request, 422, f"{exc.param}: {exc.message}")


async def _out_of_range(request: Request, exc: Exception) -> Response:
    """A number too large for the database: the request's fault, so a 4xx naming it."""
    if isinstance(exc, StatementError) and not isinstance(
            getattr(exc, "orig", None), OverflowError | DataError):
        raise exc
    param = exc.param if isinstance(exc, OutOfRange) else oversized_param(request)
    message = "a number in the request is out of range" + (f": {param}" if param else "")
    if _is_api(request):
        return error_response(422, "bad_parameter", param, message)
    return _page(request, 422, message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404 and not _is_api(request):
        return _page(request, 404, "找不到這個網頁。")
    return await http_exception_handler(request, exc)


async def _invalid(request: Request, exc: Exception) -> Response:
    """A parameter of the wrong type on an explorer page (`?line=abc`): its error page."""
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        return json_error(exc)
    first = exc.errors()[0] if exc.errors() else {}
    name = str(first.get("loc", ("", "?"))[-1])
    return _page(request, 422, f"{name}: {first.get('msg', 'invalid')}")


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(BadParameter, _bad_parameter)
    for exc in (OutOfRange, OverflowError, DataError, StatementError):
        app.add_exception_handler(exc, _out_of_range)
    app.add_exception_handler(StarletteHTTPException, _http_error)

"""One place that turns exceptions into responses: JSON under /api, the explorer's page
elsewhere (a 404 page for what is not found, an error page naming the parameter for a bad one).

    NotFound            404  {"error": "not_found", "message"}        / 找不到網頁
    BadParameter        422  {"error": "bad_parameter", "parameter", "message"}
    OutOfRange, a number too large for the database (DataError, OverflowError): as BadParameter
    HTTPException       its status; an unknown page of the explorer is its 404 page, an
                        unknown /api path {"error": "not_found", ...}, a wrong method 405
                        {"error": "method_not_allowed", ...}
    a control character in a parameter: BadParameter, before any route runs
"""

from __future__ import annotations

import re
import typing
from typing import Any

from fastapi import Depends, FastAPI, Request
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
    compare such a number as numeric and find nothing; SQLite cannot bind it at all). Only the
    route's integer parameters: a long number is a fine search text or name; a filter on an
    integer column checks its own value (`store.base.coerce`)."""
    param = oversized_param(request, _int_parameters(request))
    if param is not None:
        raise OutOfRange(param)


def _parameters(request: Request) -> list[tuple[str, Any]]:
    return list(request.query_params.multi_items()) + list(request.path_params.items())


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    return any(_is_int(a) for a in typing.get_args(annotation))  # int | None, list[int]


def _int_parameters(request: Request) -> set[str] | None:
    """The names of the matched route's integer parameters (None: no route to ask)."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return None
    fields = [*dependant.query_params, *dependant.path_params]
    return {f.alias for f in fields if _is_int(f.field_info.annotation)}


def oversized_param(request: Request, names: set[str] | None = None) -> str | None:
    """The query or path parameter (among `names`, if given) holding a number too large for a
    64-bit column."""
    for name, value in _parameters(request):
        if names is not None and name not in names:
            continue
        for part in str(value).replace(":", " ").split():
            digits = part.lstrip("+-").lstrip("0")
            # ASCII digits only ('²'.isdigit() is true, int('²') fails), and counted before
            # int() is asked, which refuses more than 4,300 of them
            if (digits.isascii() and digits.isdecimal()
                    and (len(digits) > 19 or int(digits) > _LIMIT)):
                return name
    return None


# C0 control characters and DEL: no name, code or search text holds one, PostgreSQL refuses NUL
# in text and SQLite's full-text query fails on it. A tab is harmless (and may be pasted).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def reject_control_characters(request: Request) -> None:
    """Checked before every route (installed by `install`): a control character in a path or
    query parameter is a 422 naming it, before any query sees it."""
    for name, value in _parameters(request):
        found = _CONTROL.search(str(value))
        if found:
            raise BadParameter(name, f"{name} must not contain control characters "
                                     f"(found {found.group()!r})")


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


def is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/static", "/openapi.json"))


def _page(request: Request, status: int, message: str) -> Response:
    from ..web.render import error_page

    return error_page(request, status, message)


def request_error(request: Request, status: int, error: str, message: str) -> Response:
    """An error of the request as a whole (no one parameter to fix, e.g. a 414): the error
    JSON under /api, the explorer's error page elsewhere."""
    if is_api(request):
        return error_response(status, error, None, message)
    return _page(request, status, message)


async def _not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotFound)
    if is_api(request):
        return json_error(exc)
    return _page(request, 404, exc.message)


async def _bad_parameter(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, BadParameter)
    if is_api(request):
        return json_error(exc)
    return _page(request, 422, f"{exc.param}: {exc.message}")


async def _out_of_range(request: Request, exc: Exception) -> Response:
    """A number too large for the database: the request's fault, so a 4xx naming it. (A
    DataError is the driver's refusal of a value, e.g. PostgreSQL's `integer out of range`.)"""
    if isinstance(exc, StatementError) and not isinstance(exc, DataError) and not isinstance(
            getattr(exc, "orig", None), OverflowError):
        raise exc
    param = exc.param if isinstance(exc, OutOfRange) else oversized_param(request)
    message = "a number in the request is out of range" + (f": {param}" if param else "")
    if is_api(request):
        return error_response(422, "bad_parameter", param, message)
    return _page(request, 422, message)


_HTTP_ERRORS = {404: "not_found", 405: "method_not_allowed"}


async def _http_error(request: Request, exc: Exception) -> Response:
    """Routing's own errors (no such path, a method the path does not take): the explorer's
    404 page, or under /api the documented error JSON (not Starlette's `{"detail"}`)."""
    assert isinstance(exc, StarletteHTTPException)
    if not is_api(request):
        if exc.status_code == 404:
            return _page(request, 404, "找不到這個網頁。")
        return await http_exception_handler(request, exc)
    hint = "; GET /api lists the entry points" if request.url.path.startswith("/api") else ""
    message = (f"no such path {request.url.path!r}{hint}" if exc.status_code == 404
               else str(exc.detail))
    response = error_response(exc.status_code, _HTTP_ERRORS.get(exc.status_code, "http_error"),
                              None, message)
    response.headers.update(exc.headers or {})
    return response


async def _invalid(request: Request, exc: Exception) -> Response:
    """A parameter of the wrong type on an explorer page (`?line=abc`): its error page."""
    assert isinstance(exc, RequestValidationError)
    if is_api(request):
        return json_error(exc)
    first = exc.errors()[0] if exc.errors() else {}
    name = str(first.get("loc", ("", "?"))[-1])
    return _page(request, 422, f"{name}: {first.get('msg', 'invalid')}")


# what the two checks above accept, as JSON Schema, for /openapi.json (ECMA-262 and Python
# regular expressions alike)
CONTROL_CHARACTERS = "\\u0000-\\u0008\\u000a-\\u001f\\u007f"  # inside [...]
NO_CONTROL_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"


def _document_checks(schema: dict[str, Any]) -> None:
    """A parameter's schema with the checks every route makes: no control characters in a
    string, no integer beyond 64 bits."""
    if {"enum", "const", "pattern"} & set(schema):  # a route's own, narrower rule
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            _document_checks(sub)
    if isinstance(schema.get("items"), dict):
        _document_checks(schema["items"])
    if schema.get("type") == "string":
        schema["pattern"] = NO_CONTROL_PATTERN
    if schema.get("type") == "integer":
        schema.setdefault("maximum", _LIMIT)
        schema.setdefault("minimum", -_LIMIT)


def _openapi_with_checks(app: FastAPI) -> Any:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            for path in build().get("paths", {}).values():
                for operation in path.values():
                    for param in operation.get("parameters", []):
                        _document_checks(param.get("schema", {}))
        assert app.openapi_schema is not None
        return app.openapi_schema

    return openapi


def install(app: FastAPI) -> None:
    """The handlers below; the control-character check as a dependency of every route added
    after this call (create_app calls it before adding any); and both checks documented on
    every parameter of /openapi.json."""
    app.router.dependencies.append(Depends(reject_control_characters))
    app.openapi = _openapi_with_checks(app)  # type: ignore[method-assign]
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(BadParameter, _bad_parameter)
    for exc in (OutOfRange, OverflowError, DataError, StatementError):
        app.add_exception_handler(exc, _out_of_range)
    app.add_exception_handler(StarletteHTTPException, _http_error)

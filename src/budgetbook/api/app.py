"""The application factory: one FastAPI app serving the REST API (/api) and the explorer (/)."""

from __future__ import annotations

from html import escape

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import Engine
from sqlalchemy.exc import DataError, StatementError

from .. import __version__
from ..store.queries import BadParameter, NotFound


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(
        dependencies=[Depends(_reject_oversized)],
        docs_url=None,  # served below from the vendored Swagger UI: no CDN
        redoc_url=None,
        title="budgetbook",
        version=__version__,
        description="Taiwanese unit budget books (單位預算書) as verified data. Amounts are "
                    "integers in thousands of NTD (千元); every row carries its source line.",
    )
    app.state.engine = engine

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"error": "not_found", "message": exc.message}, status_code=404)

    @app.exception_handler(BadParameter)
    async def _bad_param(request: Request, exc: BadParameter) -> JSONResponse:
        return JSONResponse({"error": "bad_parameter", "parameter": exc.param,
                             "message": exc.message}, status_code=422)

    @app.exception_handler(OutOfRange)
    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    @app.exception_handler(StatementError)
    async def _out_of_range(request: Request, exc: Exception):
        """A number too large for the database: the request's fault, so a 4xx naming it."""
        if isinstance(exc, StatementError) and not isinstance(
                getattr(exc, "orig", None), OverflowError | DataError):
            raise exc
        param = exc.param if isinstance(exc, OutOfRange) else _oversized_param(request)
        message = "a number in the request is out of range" + (f": {param}" if param else "")
        if request.url.path.startswith("/api"):
            return JSONResponse({"error": "bad_parameter", "parameter": param,
                                 "message": message}, status_code=422)
        return HTMLResponse(f"<!doctype html><html lang=\"zh-Hant-TW\"><meta charset=\"utf-8\">"
                            f"<title>參數錯誤</title><p>參數超出範圍：{escape(param or '')}</p>"
                            f"<p lang=\"en\">{escape(message)}</p></html>", status_code=422)

    @app.get("/docs", include_in_schema=False)
    async def _docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="budgetbook API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/vendor/favicon-32x32.png")

    from .routes import router as api_router

    app.include_router(api_router, prefix="/api")
    try:
        from ..web.views import mount as mount_web
    except ImportError:  # the explorer is optional while it is being built
        mount_web = None
    if mount_web is not None:
        mount_web(app)
    return app


_LIMIT = 2**63 - 1


class OutOfRange(Exception):
    """A number in the request that no 64-bit column can hold."""

    def __init__(self, param: str):
        self.param = param
        super().__init__(param)


def _reject_oversized(request: Request) -> None:
    """Checked before every route, so SQLite and PostgreSQL answer alike (PostgreSQL would
    compare such a number as numeric and find nothing; SQLite cannot bind it at all)."""
    param = _oversized_param(request)
    if param is not None:
        raise OutOfRange(param)


def _oversized_param(request: Request) -> str | None:
    """The query or path parameter holding a number too large for a 64-bit column."""
    candidates = list(request.query_params.multi_items()) + list(request.path_params.items())
    for name, value in candidates:
        for part in str(value).replace(":", " ").split():
            if part.lstrip("-").isdigit() and abs(int(part)) > _LIMIT:
                return name
    return None

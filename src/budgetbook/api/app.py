"""The application factory: one FastAPI app serving the REST API (/api) and the explorer (/)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from .. import __version__
from ..store.queries import BadParameter, NotFound


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(
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

    from .routes import router as api_router

    app.include_router(api_router, prefix="/api")
    try:
        from ..web.views import mount as mount_web
    except ImportError:  # the explorer is optional while it is being built
        mount_web = None
    if mount_web is not None:
        mount_web(app)
    return app

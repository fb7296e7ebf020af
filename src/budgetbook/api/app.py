"""The application factory: one FastAPI app serving the REST API (/api) and the explorer (/)."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from .. import __version__
from ..web.views import mount as mount_web
from . import caching, errors, security
from .routes import router as api_router


def create_app(engine: Engine) -> FastAPI:
    app = FastAPI(
        dependencies=[Depends(errors.reject_oversized)],
        docs_url=None,  # served below from the vendored Swagger UI: no CDN
        redoc_url=None,
        title="budgetbook",
        version=__version__,
        description="Taiwanese unit budget books (單位預算書) as verified data. Amounts are "
                    "integers in each book's unit, stated in every answer; every row carries "
                    "where it is printed (line, and page and box in a PDF).",
    )
    app.state.engine = engine

    errors.install(app)
    caching.install(app, engine)
    security.install(app)

    @app.get("/docs", include_in_schema=False)
    async def _docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="budgetbook API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/vendor/favicon-32x32.png")

    app.include_router(api_router, prefix="/api")
    mount_web(app)
    return app


def warm(app: FastAPI) -> None:
    """Build now what FastAPI and Jinja2 build on first use, so that the first visitor after a
    start does not wait for it: every route's parameter models, which FastAPI makes when a path
    is first matched against its routes (60 ms of the home page's first 260 ms), and the
    compiled templates (30 ms). No answer is made or kept: the path asked matches no route."""
    import asyncio
    import threading

    from ..web.render import templates

    for name in templates.env.list_templates(filter_func=lambda n: n.endswith(".html")):
        templates.env.get_template(name)
    path = "/.warm"
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "headers": [(b"host", b"localhost")],
             "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: object) -> None:
        pass

    # (in a thread of its own: a worker's app is made inside uvicorn's running event loop)
    thread = threading.Thread(target=asyncio.run, args=(app.router(scope, receive, send),))
    thread.start()
    thread.join()


def app_from_env() -> FastAPI:
    """The app on the database that $BUDGETBOOK_DB names, already migrated: what each worker
    process of `budgetbook serve --workers N` builds (each with its own answer cache; every one
    reads the store's generation, so all give the same answers)."""
    from ..store.db import engine_for

    app = create_app(engine_for(None, migrate=False, must_exist=True))
    warm(app)
    return app

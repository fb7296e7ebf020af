"""HTTP caching and compression: the API and the explorer are read-only between ingests, so
every GET answer is tagged with the database's generation (the books stored and when each was
last ingested), revalidated with `If-None-Match` (304 without running the route) and kept by
clients and proxies for a short while; answers are gzip-compressed when the client accepts it.

A new ingest changes the generation, so a cached answer is never served stale after one.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Engine, func, select
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store.schema import books

MAX_AGE = 60  # seconds a client may reuse an answer before revalidating it


def generation(engine: Engine) -> str:
    """What changes whenever a book is ingested, replaced or removed."""
    with engine.connect() as conn:
        count, latest, ids = conn.execute(select(
            func.count(), func.max(books.c.ingested_at),
            func.coalesce(func.sum(func.length(books.c.id)), 0))).one()
    return f"{count}:{latest}:{ids}"


class ETagMiddleware:
    """ETag on every successful GET (generation + path and query), 304 on a match."""

    def __init__(self, app: ASGIApp, engine: Engine):
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        raw = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        tag = '"' + hashlib.sha256(f"{generation(self.engine)}|{raw}".encode()).hexdigest()[
            :24] + '"'
        headers = dict(scope.get("headers") or [])
        if headers.get(b"if-none-match", b"").decode("latin-1") == tag:
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(b"etag", tag.encode()),
                                    (b"cache-control", f"max-age={MAX_AGE}".encode())]})
            await send({"type": "http.response.body", "body": b""})
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                own = [(k, v) for k, v in message.get("headers", [])
                       if k.lower() not in (b"etag", b"cache-control")]
                message = {**message, "headers": [
                    *own, (b"etag", tag.encode()),
                    (b"cache-control", f"public, max-age={MAX_AGE}".encode())]}
            await send(message)

        await self.app(scope, receive, tagged)


def install(app: ASGIApp, engine: Engine) -> None:
    """Wrap `app` (a FastAPI app) in the tagging and the compression."""
    from fastapi import FastAPI

    assert isinstance(app, FastAPI)
    app.add_middleware(ETagMiddleware, engine=engine)
    app.add_middleware(GZipMiddleware, minimum_size=1000)

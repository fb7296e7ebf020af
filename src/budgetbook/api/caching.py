"""HTTP caching and compression. The API and the explorer are read-only between ingests, so
every GET answer is a function of the URL and the store's generation (`store.facts`: a number
every ingest increases in its own transaction):

- every 200 answer to a GET carries an ETag made of the two, and `Cache-Control`; a request
  with a matching `If-None-Match` gets 304 without running the route;
- answers are gzip-compressed when the client accepts it;
- the compressed answer is kept in memory (least recently used first out, bounded in bytes) and
  served again to the next client asking for the same URL in the same generation, without
  running the route again;
- requests for an answer that is being made wait for it rather than make it again: after an
  ingest or a start, the clients of a popular page arrive together, and each running the route
  would queue them all behind as many copies of the same work.

The generation is read from the database (one indexed row) after each request arrives: once for
the requests that arrive together, so an answer is never served stale after an ingest,
whichever process did the ingest.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store.facts import GENERATION_SQL

MAX_AGE = 60  # seconds a client may reuse an answer before revalidating it
CACHE_BYTES = 64 * 2**20  # answers kept per server process
ENTRY_BYTES = 4 * 2**20  # a larger answer (a big CSV) is not kept


@dataclass
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class ResponseCache:
    """Answers of one generation, by (URL, gzip or not); bounded in bytes."""

    limit: int = CACHE_BYTES
    generation: int | None = None
    size: int = 0
    entries: OrderedDict[tuple[str, bool], _Entry] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0

    def at(self, gen: int) -> None:
        """Forget every answer of another generation."""
        if gen != self.generation:
            self.entries.clear()
            self.size = 0
            self.generation = gen

    def get(self, key: tuple[str, bool]) -> _Entry | None:
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        self.entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: tuple[str, bool], entry: _Entry) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.limit and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)


class GenerationReader:
    """The store's generation, read on a connection of this thread's own:
    outside the pool and outside any transaction (autocommit), one statement and no
    reset afterwards, so a PostgreSQL server costs one round trip (about 0.1 ms) rather than
    a pooled connection's three."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.local = threading.local()

    def _connect(self) -> Any:
        raw = self.engine.raw_connection()
        driver = raw.driver_connection  # (the driver's own connection, as set up by the engine)
        assert driver is not None
        raw.detach()  # this thread's own from now on, never back in the pool
        if self.engine.dialect.name == "postgresql":
            driver.autocommit = True  # no transaction left open between requests
        return driver

    def __call__(self) -> int:
        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            try:
                if conn is None:
                    conn = self.local.conn = self._connect()
                cur = conn.cursor()
                try:
                    cur.execute(GENERATION_SQL)
                    row = cur.fetchone()
                finally:
                    cur.close()
                return int(row[0]) if row else 0
            except self.engine.dialect.loaded_dbapi.Error:
                # the server went away or restarted: one new connection, then the error
                self.local.conn = None
                if conn is not None:
                    try:
                        conn.close()
                    except self.engine.dialect.loaded_dbapi.Error:
                        pass
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def _header(scope: Scope, name: bytes) -> str:
    for k, v in scope.get("headers") or []:
        if k.lower() == name:
            return str(v.decode("latin-1"))
    return ""


class CachingMiddleware:
    """ETag and Cache-Control on every successful GET, 304 on a match, and the answer kept."""

    def __init__(self, app: ASGIApp, engine: Engine, cache_bytes: int = CACHE_BYTES):
        self.app = app
        self.cache = ResponseCache(limit=cache_bytes)
        self.generation = GenerationReader(engine)
        # the generation read for the requests coming together (see _generation)
        self.kept: tuple[asyncio.AbstractEventLoop, int] | None = None
        self.making: dict[tuple[int, tuple[str, bool]], asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # (a HEAD reaches this as a GET: SecurityMiddleware, outside every other, answers it
        # as GET without the body)
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        gen = self._generation()
        self.cache.at(gen)
        url = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        tag = ('"' + hashlib.sha256(f"{gen}|{url}".encode()).hexdigest()[:24] + '"').encode()
        fresh = [(b"etag", tag), (b"cache-control", f"public, max-age={MAX_AGE}".encode())]
        if _header(scope, b"if-none-match").encode() == tag:
            await send({"type": "http.response.start", "status": 304, "headers": fresh})
            await send({"type": "http.response.body", "body": b""})
            return
        key = (url, "gzip" in _header(scope, b"accept-encoding"))
        hit = self.cache.get(key)
        made = self.making.get((gen, key))
        if hit is None and made is not None:
            await made.wait()  # the same answer, being made for another client
            hit = self.cache.get(key) if self.cache.generation == gen else None
        if hit is not None:
            await send({"type": "http.response.start", "status": hit.status,
                        "headers": hit.headers})
            await send({"type": "http.response.body", "body": hit.body})
            return
        if made is not None:  # the first one's answer was not kept: made again, kept if it can
            await self._run(scope, receive, send, gen, key, fresh)
            return
        self.making[(gen, key)] = event = asyncio.Event()
        try:
            await self._run(scope, receive, send, gen, key, fresh, done=event)
        finally:
            self._release(gen, key, event)

    def _generation(self) -> int:
        """The generation, read once for the requests that come together.

        A read is a query (on PostgreSQL a round trip, a third of a kept answer's time). It is
        kept until the callbacks already waiting in the event loop have run: asyncio runs them
        in order, and a request task made after the read takes its first step after that
        point, so every request that takes the kept value had arrived before the read began,
        and none gets a generation older than its arrival (tests/test_http_caching.py)."""
        loop = asyncio.get_running_loop()
        kept = self.kept
        if kept is None or kept[0] is not loop:
            kept = self.kept = (loop, self.generation())
            loop.call_soon(self._forget, kept)
        return kept[1]

    def _forget(self, kept: tuple[asyncio.AbstractEventLoop, int]) -> None:
        if self.kept is kept:  # (not one another loop read since)
            self.kept = None

    def _release(self, gen: int, key: tuple[str, bool], made: asyncio.Event) -> None:
        """The clients waiting for this answer go on (it is kept, or will not be)."""
        if self.making.get((gen, key)) is made:
            del self.making[(gen, key)]
        made.set()

    async def _run(self, scope: Scope, receive: Receive, send: Send, gen: int,
                   key: tuple[str, bool], fresh: list[tuple[bytes, bytes]],
                   done: asyncio.Event | None = None) -> None:
        """The route's answer, tagged, and kept when it can be. `done` is set as soon as the
        waiting clients can go on: the answer is kept, or it will not be (an error, or an
        answer sent in pieces, such as a large file, which a slow reader could hold back)."""

        def release() -> None:
            if done is not None:
                self._release(gen, key, done)

        start: Message = {}
        parts: list[bytes] = []
        keep = True

        async def tagged(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    own = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"etag", b"cache-control")]
                    message = {**message, "headers": [*own, *fresh]}
                else:
                    keep = False
                    release()
                start = message
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                more = message.get("more_body", False)
                if sum(map(len, parts)) > ENTRY_BYTES:
                    keep = False
                elif not more and self.cache.generation == gen:
                    # (another request may have seen a newer generation meanwhile)
                    self.cache.put(key, _Entry(start["status"], list(start["headers"]),
                                               b"".join(parts)))
                # the answer is kept now, or will not be, or comes in pieces (a large file,
                # which a slow reader could hold back): the waiting clients go on either way
                release()
            await send(message)

        await self.app(scope, receive, tagged)


def install(app: ASGIApp, engine: Engine) -> None:
    """Wrap `app` (a FastAPI app) in the compression, then the caching: the cache keeps the
    compressed bytes."""
    from fastapi import FastAPI

    assert isinstance(app, FastAPI)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(CachingMiddleware, engine=engine)

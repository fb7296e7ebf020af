"""HTTP caching: every GET answer carries an ETag from the database's generation, a match is a
304, an ingest changes the tag (a stale answer is never served), and answers are compressed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from budgetbook.api.app import create_app
from budgetbook.store.load import load_bundle


def test_etag_revalidates_until_an_ingest(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine))
    first = client.get("/api/books")
    tag = first.headers["etag"]
    assert first.status_code == 200 and "max-age" in first.headers["cache-control"]
    again = client.get("/api/books", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/books?limit=1").headers["etag"] != tag  # another answer
    page = client.get("/books/2675-2022-enacted")
    assert page.status_code == 200 and page.headers["etag"]
    load_bundle(engine, seed_bundle)  # ingested again: a new generation
    after = client.get("/api/books", headers={"If-None-Match": tag})
    assert after.status_code == 200 and after.headers["etag"] != tag


def test_errors_carry_no_etag(engine):
    client = TestClient(create_app(engine))
    missing = client.get("/api/books/0000-1999-enacted")
    assert missing.status_code == 404 and "etag" not in missing.headers


def test_answers_are_compressed(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine))
    r = client.get("/api/books/2675-2022-enacted/expenditure-lines",
                   headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["total"] == 83  # httpx decompresses: the same answer


def test_an_answer_is_kept_and_never_served_after_an_ingest(engine, seed_bundle, monkeypatch):
    import copy

    from budgetbook.api import routes_resources
    from budgetbook.store import queries
    from budgetbook.store.db import engine_for

    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine))
    calls = []
    rows = queries.rows

    def counting(*args, **kwargs):
        calls.append(1)
        return rows(*args, **kwargs)

    monkeypatch.setattr(routes_resources.queries, "rows", counting)
    url = "/api/books/2675-2022-enacted/expenditure-lines"
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    again = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert len(calls) == 1  # the second answer came from the cache, the route did not run
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert again.headers["content-encoding"] == "gzip"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == first.json()
    assert len(calls) == 2  # kept apart from the compressed answer

    # the book stored again with a changed line, from another engine (as another process
    # would): the next answer is the new one
    changed = copy.deepcopy(seed_bundle)
    title, cols, lines = changed.tables["expenditure-lines"]
    lines[0]["amount"] += 1
    writer = engine_for(engine.url.render_as_string(hide_password=False), migrate=False)
    load_bundle(writer, changed)
    writer.dispose()
    after = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert len(calls) == 3
    assert after.json()["items"][0]["amount"] == first.json()["items"][0]["amount"] + 1
    assert after.headers["etag"] != first.headers["etag"]


def test_head_is_answered_from_the_cache_without_a_body(engine, seed_bundle):
    load_bundle(engine, seed_bundle)
    client = TestClient(create_app(engine))
    got = client.get("/api/books")
    head = client.head("/api/books")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]


def test_the_generation_is_read_again_after_its_connection_is_lost(engine, seed_bundle):
    from budgetbook.api.caching import GenerationReader
    from budgetbook.store.facts import generation

    load_bundle(engine, seed_bundle)
    read = GenerationReader(engine)
    assert read() == generation(engine) > 0
    read.local.conn.close()  # as when the database server restarts
    assert read() == generation(engine)
    load_bundle(engine, seed_bundle)  # a new generation, seen on the same connection
    assert read() == generation(engine)


def test_clients_asking_together_wait_for_one_answer(engine, seed_bundle, monkeypatch):
    """Eight clients ask at once for an answer not yet kept (as after an ingest): the route
    runs once, and every client gets the answer; a HEAD among them waits too."""
    import asyncio
    import time

    import httpx

    from budgetbook.api import routes_resources
    from budgetbook.store import queries

    load_bundle(engine, seed_bundle)
    app = create_app(engine)
    calls = []
    rows = queries.rows

    def slow(*args, **kwargs):
        calls.append(1)
        time.sleep(0.3)  # (in the route's thread: the others arrive meanwhile)
        return rows(*args, **kwargs)

    monkeypatch.setattr(routes_resources.queries, "rows", slow)
    url = "/api/books/2675-2022-enacted/expenditure-lines"

    async def ask() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://test") as client:
            return await asyncio.gather(*[client.get(url) for _ in range(7)],
                                        client.head(url))

    answers = asyncio.run(ask())
    assert len(calls) == 1
    assert {r.status_code for r in answers} == {200}
    bodies = {r.content for r in answers[:7]}
    assert len(bodies) == 1 and answers[0].json()["total"] == 83
    assert answers[7].content == b"" and answers[7].headers["etag"] == answers[0].headers["etag"]


def test_an_answer_sent_in_pieces_holds_no_one_back(tmp_path):
    """The first client's answer comes in pieces and its reader stalls (a slow client on a
    large file): a second client asking for the same URL meanwhile is answered, not kept
    waiting for the first one."""
    import asyncio

    from budgetbook.api.caching import CachingMiddleware
    from budgetbook.store.db import engine_for

    engine = engine_for(f"sqlite:///{tmp_path / 'db.sqlite'}")
    gate = asyncio.Event()
    calls = []

    async def app(scope, receive, send):
        calls.append(1)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"one ", "more_body": True})
        if len(calls) == 1:
            await gate.wait()  # the first client's reader stalls here
        await send({"type": "http.response.body", "body": b"two"})

    cached = CachingMiddleware(app, engine)
    scope = {"type": "http", "method": "GET", "path": "/static/big.js", "query_string": b"",
             "headers": []}

    async def ask() -> bytes:
        body = []

        async def send(message):
            if message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await cached(scope, None, send)
        return b"".join(body)

    async def both() -> tuple[bytes, bytes]:
        first = asyncio.create_task(ask())
        await asyncio.sleep(0.05)
        second = await asyncio.wait_for(ask(), timeout=2)  # not held back by the first
        gate.set()
        return await first, second

    first, second = asyncio.run(both())
    assert first == second == b"one two" and len(calls) == 2


def test_requests_together_share_one_generation_read_never_an_older_one(engine):
    """Requests whose tasks were made before a generation read share it (one query, not one
    each); a request made after the read, even in the same turn of the event loop, reads
    again, so no request gets a generation read before it arrived."""
    import asyncio

    from budgetbook.api.caching import CachingMiddleware

    async def inner(scope, receive, send):
        raise AssertionError("not called")

    middleware = CachingMiddleware(inner, engine)
    reads: list[int] = []

    def read() -> int:  # a new generation at every read, as if an ingest ran between reads
        reads.append(len(reads) + 1)
        return reads[-1]

    middleware.generation = read  # type: ignore[assignment]
    got: dict[str, int] = {}

    async def request(name: str, then: str | None = None) -> None:
        got[name] = middleware._generation()
        if then:  # a request that arrives now, after this one's read
            later.append(asyncio.get_running_loop().create_task(request(then)))

    async def main() -> None:
        first = [asyncio.create_task(request("a", then="c")), asyncio.create_task(request("b"))]
        await asyncio.gather(*first)
        await asyncio.gather(*later)

    later: list[asyncio.Task[None]] = []
    asyncio.run(main())
    assert got["a"] == got["b"] == 1  # made together: one read
    assert got["c"] == 2 and reads == [1, 2]  # made after that read: a read of its own

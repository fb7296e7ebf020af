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
